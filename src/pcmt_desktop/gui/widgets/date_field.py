"""Date inputs in the officer's format (dd/mm/yyyy).

Dated facts may not lie after today, so every picker stops at ``today`` (given by the
services' clock, not the machine's, so that tests and the service checks agree). A birth
is often known only by its year, so it gets a text field that takes either form.
"""

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

DISPLAY_FORMAT = "dd/MM/yyyy"
EARLIEST_DAY = date(1900, 1, 1)
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

_FULL_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_YEAR = re.compile(r"\d{4}")


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DateEdit(QDateEdit):
    """A day picker with a calendar popup, shown as dd/mm/yyyy, never after ``today``."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(VIETNAMESE)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setMinimumDate(to_qdate(EARLIEST_DAY))
        self.setMaximumDate(to_qdate(today))
        self.setDate(to_qdate(today))
        calendar = self.calendarWidget()
        calendar.setLocale(VIETNAMESE)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)

    def day(self) -> date:
        return from_qdate(self.date())

    def set_day(self, day: date) -> None:
        self.setDate(to_qdate(day))

    def set_earliest(self, day: date) -> None:
        """Refuse days before ``day`` (e.g. an end before its period's start)."""
        self.setMinimumDate(to_qdate(max(day, EARLIEST_DAY)))


class OptionalDateEdit(QWidget):
    """A day that may be missing: the box ticked means "no date yet" (still running)."""

    changed = Signal()

    def __init__(
        self, today: date, open_label: str = "Chưa kết thúc", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.date_edit = DateEdit(today, self)
        self.open_box = QCheckBox(open_label, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.open_box)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        self.open_box.toggled.connect(self._on_toggled)
        self.date_edit.dateChanged.connect(self.changed)
        self.set_day(None)

    def day(self) -> date | None:
        return None if self.open_box.isChecked() else self.date_edit.day()

    def set_day(self, day: date | None) -> None:
        if day is not None:
            self.date_edit.set_day(day)
        self.open_box.setChecked(day is None)
        self.date_edit.setEnabled(day is not None)

    def set_earliest(self, day: date) -> None:
        self.date_edit.set_earliest(day)

    def _on_toggled(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked)
        self.changed.emit()


class BirthParseError(ValueError):
    """The birth field holds neither a year nor a full date; the text says so."""


def parse_birth(text: str) -> tuple[int | None, date | None]:
    """Read "1990" as a year only, "05/02/1990" (or 5-2-1990, 5.2.1990) as a full date.

    Returns ``(year, day)``; both None for an empty field.

    Raises:
        BirthParseError: with a Vietnamese message saying what is expected.
    """
    text = text.strip()
    if not text:
        return None, None
    if _YEAR.fullmatch(text):
        return int(text), None
    match = _FULL_DATE.fullmatch(text)
    if match is None:
        raise BirthParseError(
            f"Không đọc được ngày sinh “{text}”: nhập năm sinh (ví dụ 1990) "
            "hoặc ngày sinh đầy đủ (ví dụ 05/02/1990)."
        )
    day_number, month, year = (int(part) for part in match.groups())
    try:
        day = date(year, month, day_number)
    except ValueError:
        raise BirthParseError(
            f"Ngày sinh “{text}” không có thật (ngày {day_number}, tháng {month}, năm {year})."
        ) from None
    return year, day


def format_birth(year: int | None, day: date | None) -> str:
    if day is not None:
        return day.strftime("%d/%m/%Y")
    return "" if year is None else str(year)


class BirthEdit(QLineEdit):
    """A year or a full date of birth, in one field (often only the year is known)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("năm (1990) hoặc ngày đầy đủ (05/02/1990)")
        self.setMaxLength(20)

    def birth(self) -> tuple[int | None, date | None]:
        """The value typed; raises ``BirthParseError`` when it cannot be read."""
        return parse_birth(self.text())

    def set_birth(self, year: int | None, day: date | None) -> None:
        self.setText(format_birth(year, day))
