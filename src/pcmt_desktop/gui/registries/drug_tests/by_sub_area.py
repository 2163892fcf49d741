"""Drug tests per sub-area for a period: persons tested, persons positive, the rate.

The figures the reports print ("351 đối tượng … 53 trường hợp dương tính, chiếm
15,1%"), counted by the service in SQL; every configured sub-area is listed, "—" for a
rate where nobody was tested, and the total counts each person once.
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.services.drug_test_listing import SubAreaRate, format_rate
from pcmt_desktop.services.registry import Services

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def format_count(count: int) -> str:
    """Thousands with "." as the báo cáo writes them."""
    return f"{count:,}".replace(",", ".")


def sub_area_word(services: Services) -> str:
    office = services.office.office()
    label = office.sub_area_label.strip() if office is not None else ""
    return label[:1].upper() + label[1:] if label else "Địa bàn"


class SubAreaRatesDialog(QDialog):
    """Tỷ lệ test dương tính theo địa bàn, for the days chosen at the top."""

    HEADERS = ("STT", "", "Số người được test", "Số người dương tính", "Tỷ lệ dương tính")

    def __init__(
        self,
        services: Services,
        date_from: date,
        date_to: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.rates: list[SubAreaRate] = []
        self.setWindowTitle("Test ma túy theo địa bàn")
        today = services.context.today()
        self.date_from = DateEdit(today, self)
        self.date_to = DateEdit(today, self)
        self.date_from.set_day(min(date_from, today))
        self.date_to.set_day(min(date_to, today))
        self.caption = QLabel(self)
        self.caption.setStyleSheet("font-weight: bold;")
        self.caption.setWordWrap(True)
        self.note = QLabel(
            "Đếm theo người: một người test nhiều lần trong kỳ được tính một lần; "
            "dương tính khi có ít nhất một lần dương tính.",
            self,
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(dark);")
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("Đóng")
        buttons.rejected.connect(self.reject)

        dates = QHBoxLayout()
        dates.addWidget(QLabel("Từ ngày:", self))
        dates.addWidget(self.date_from)
        dates.addSpacing(8)
        dates.addWidget(QLabel("đến ngày:", self))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

        self.date_from.dateChanged.connect(lambda _day: self.refresh())
        self.date_to.dateChanged.connect(lambda _day: self.refresh())
        self.refresh()
        self.resize(720, 560)

    def set_period(self, date_from: date, date_to: date) -> None:
        for edit, day in ((self.date_from, date_from), (self.date_to, date_to)):
            edit.blockSignals(True)
            edit.set_day(day)
            edit.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        first, last = self.date_from.day(), self.date_to.day()
        word = sub_area_word(self._services)
        try:
            self.rates = self._services.drug_tests.rates_by_sub_area(first, last)
        except ValidationError as error:
            self.rates = []
            self.table.setRowCount(0)
            self.caption.setText(str(error))
            return
        except Exception as error:  # a database failure: say so, keep the dialog
            show_refusal(self, "Không tính được số liệu test", error)
            return
        self.caption.setText(
            f"Kết quả test ma túy theo {word.lower()}, từ ngày {format_day(first)} "
            f"đến ngày {format_day(last)}"
        )
        headers = list(self.HEADERS)
        headers[1] = word
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rates))
        bold = QFont(self.table.font())
        bold.setBold(True)
        number = 0
        for row, rate in enumerate(self.rates):
            if not rate.is_total:
                number += 1
            cells = (
                "" if rate.is_total else str(number),
                rate.name,
                format_count(rate.tested),
                format_count(rate.positive),
                format_rate(rate.rate),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != 1:
                    item.setTextAlignment(_RIGHT)
                if rate.is_total:
                    item.setFont(bold)
                self.table.setItem(row, column, item)

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text()
