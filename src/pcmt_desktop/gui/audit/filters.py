"""The audit tab's filters: who, what action, which record or person, which days.

Each filter left at "Tất cả" (or empty) matches every row. The choices of users and of
record kinds are those the trail mentions, so an account stopped long ago can still be
chosen. ``changed`` is emitted when a choice changes or typing pauses.
"""

from datetime import date, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pcmt_desktop.gui.audit.entities import entity_label
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.services.audit import Action
from pcmt_desktop.services.audit_query import AuditQuery

EVERYTHING = "Tất cả"
NO_NAME = "(không rõ tên đăng nhập)"
TYPING_PAUSE_MS = 300
FIRST_WEEK = 7  # the "from" day starts a week back: the usual question is about lately


class AuditFilters(QWidget):
    """The filter widgets; ``query()`` is what they say."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_combo = QComboBox(self)
        self.action_combo = QComboBox(self)
        self.action_combo.addItem(EVERYTHING, None)
        for action in Action:
            self.action_combo.addItem(action.label, action.value)
        self.entity_combo = QComboBox(self)
        self.entity_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.id_edit = QLineEdit(self)
        self.id_edit.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.id_edit.setPlaceholderText("số")
        self.id_edit.setMaximumWidth(90)
        self.person_edit = QLineEdit(self)
        self.person_edit.setPlaceholderText("họ tên đối tượng, gõ không dấu cũng được")
        self.person_edit.setClearButtonEnabled(True)
        self.from_box = QCheckBox("Từ ngà&y:", self)
        self.from_edit = DateEdit(today, self)
        self.from_edit.set_day(today - timedelta(days=FIRST_WEEK))
        self.to_box = QCheckBox("Đến &hết ngày:", self)
        self.to_edit = DateEdit(today, self)
        self.clear_button = QPushButton("Bỏ &lọc", self)
        self.clear_button.setAutoDefault(False)
        self.set_choices([], [])
        self._lay_out()
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.changed)
        self._connect()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        rows: tuple[tuple[tuple[str, QWidget], ...], ...] = (
            (
                ("&Người thực hiện:", self.user_combo),
                ("Th&ao tác:", self.action_combo),
                ("", self.from_box),
                ("", self.from_edit),
                ("", self.to_box),
                ("", self.to_edit),
            ),
            (
                ("L&oại bản ghi:", self.entity_combo),
                ("&Mã bản ghi:", self.id_edit),
                ("Đố&i tượng:", self.person_edit),
                ("", self.clear_button),
            ),
        )
        for row, cells in enumerate(rows):
            column = 0
            for text, field in cells:
                if text:
                    label = QLabel(text, self)
                    label.setBuddy(field)
                    grid.addWidget(label, row, column)
                    column += 1
                span = 3 if field is self.person_edit else 1
                grid.addWidget(field, row, column, 1, span)
                column += span
        grid.setColumnStretch(grid.columnCount(), 1)

    def _connect(self) -> None:
        for combo in (self.user_combo, self.action_combo, self.entity_combo):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        for box in (self.from_box, self.to_box):
            box.toggled.connect(self._dates_toggled)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _day: self._typing.start())
        for line in (self.id_edit, self.person_edit):
            line.textChanged.connect(lambda _text: self._typing.start())
            line.returnPressed.connect(self._now)
        self.clear_button.clicked.connect(lambda _checked=False: self.clear())
        self._dates_toggled()

    def set_choices(self, user_names: list[str], entities: list[str]) -> None:
        """The users and record kinds the trail mentions; the chosen ones stay chosen."""
        for combo, values, label in (
            (self.user_combo, user_names, lambda name: name or NO_NAME),
            (self.entity_combo, entities, entity_label),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(EVERYTHING, None)
            for value in values:
                combo.addItem(label(value), value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
            combo.blockSignals(False)

    def query(self) -> AuditQuery:
        entity_id = self.id_edit.text().strip()
        return AuditQuery(
            user_name=self.user_combo.currentData(),
            action=self.action_combo.currentData(),
            entity=self.entity_combo.currentData(),
            entity_id=int(entity_id) if entity_id.isdigit() else None,
            person=self.person_edit.text(),
            first_day=self.from_edit.day() if self.from_box.isChecked() else None,
            last_day=self.to_edit.day() if self.to_box.isChecked() else None,
        )

    def description(self) -> str:
        """The filters in words, for the heading of an export."""
        query = self.query()
        parts = []
        if query.user_name is not None:
            parts.append(f"người thực hiện {query.user_name or NO_NAME}")
        if query.action:
            parts.append(f"thao tác “{self.action_combo.currentText()}”")
        if query.entity:
            parts.append(f"loại bản ghi “{self.entity_combo.currentText()}”")
        if query.entity_id is not None:
            parts.append(f"mã bản ghi {query.entity_id}")
        if query.person.strip():
            parts.append(f"đối tượng “{query.person.strip()}”")
        if query.first_day is not None:
            parts.append(f"từ ngày {query.first_day:%d/%m/%Y}")
        if query.last_day is not None:
            parts.append(f"đến ngày {query.last_day:%d/%m/%Y}")
        return "; ".join(parts) if parts else "toàn bộ nhật ký"

    def clear(self) -> None:
        widgets = (
            self.user_combo,
            self.action_combo,
            self.entity_combo,
            self.id_edit,
            self.person_edit,
            self.from_box,
            self.to_box,
        )
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.user_combo, self.action_combo, self.entity_combo):
            combo.setCurrentIndex(0)
        self.id_edit.clear()
        self.person_edit.clear()
        self.from_box.setChecked(False)
        self.to_box.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._dates_toggled(emit=False)
        self._now()

    def _dates_toggled(self, _checked: bool = False, *, emit: bool = True) -> None:
        self.from_edit.setEnabled(self.from_box.isChecked())
        self.to_edit.setEnabled(self.to_box.isChecked())
        if emit:
            self._now()

    def _now(self) -> None:
        self._typing.stop()
        self.changed.emit()
