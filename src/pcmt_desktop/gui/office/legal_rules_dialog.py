"""The legal rules: every period, limit and fine with the value in force and its history.

A law that changes a number is entered here as a new rule from its effective date (which
may lie in the future); older rows stay, because events before that date keep the rule of
their own day (DOMAIN.md, "The law moves"). Rules are never edited or deleted here: a
mistaken row is corrected by a newer one.
"""

import re
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.date_field import DateEdit, to_qdate
from pcmt_desktop.gui.widgets.field_form import FieldForm, wrap_lines
from pcmt_desktop.services.legal import RuleBook, RuleKey, RuleValue
from pcmt_desktop.services.registry import Services

LATEST_DAY = date(2100, 12, 31)
INTRO_WIDTH = 600
NONE = "—"
KEY_COLUMN, VALUE_COLUMN, SINCE_COLUMN, SOURCE_COLUMN = range(4)
FROM_COLUMN, AMOUNT_COLUMN, STATE_COLUMN, BASIS_COLUMN = range(4)
# Digits grouped by "." or spaces, as officers write amounts ("2.000.000").
_AMOUNT = re.compile(r"[0-9]{1,3}(?:[.\s][0-9]{3})+|[0-9]+")


def unit_of(key: RuleKey) -> str:
    """The unit a rule's value is counted in, read from its key's words."""
    words = key.value.split("_")
    if "vnd" in words:
        return "đồng"
    if "months" in words:
        return "tháng"
    if "working" in words:
        return "ngày làm việc"
    if "days" in words:
        return "ngày"
    # Area classification (QĐ 28/2025): rates per 10 000 residents, places, plants, criteria.
    return next((unit for word, unit in _AREA_UNITS.items() if word in words), "")


_AREA_UNITS = {
    "10k": "phần vạn dân số",
    "places": "điểm",
    "plants": "cây",
    "m2": "m²",
    "criteria": "tiêu chí",
}


def format_value(key: RuleKey, value: int) -> str:
    """E.g. "12 tháng", "05 ngày làm việc", "2.000.000 đồng"."""
    number = f"{value:,}".replace(",", ".") if value >= 10 else f"{value:02d}"
    return f"{number} {unit_of(key)}".strip()


class ValueParseError(ValueError):
    """The value typed is not a whole number; the text says what is expected."""


def parse_value(text: str) -> int:
    """Read "12", "2000000" or "2.000.000" (also with spaces) as a whole number."""
    cleaned = text.strip()
    if not _AMOUNT.fullmatch(cleaned):
        raise ValueParseError(
            f"Giá trị “{cleaned}” không phải số nguyên (ví dụ: 12 hoặc 2.000.000)."
            if cleaned
            else "Chưa nhập giá trị."
        )
    return int(re.sub(r"[.\s]", "", cleaned))


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _read_only_table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


class AddRuleDialog(QDialog):
    """Thêm quy định mới: which rule, from which day, what value, on what basis."""

    rule_added = Signal(object)  # RuleValue

    def __init__(
        self, services: Services, key: RuleKey | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.added: RuleValue | None = None
        self.setWindowTitle("Thêm quy định mới")
        self.setMinimumWidth(640)
        intro = QLabel(self)
        # Wrapped here, not by the label: a word-wrapping label makes the dialog's layout
        # miscount its height once messages appear under the fields.
        intro.setText(
            wrap_lines(
                "Khi văn bản pháp luật mới thay đổi một thời hạn hay mức phạt, nhập giá trị mới "
                "và ngày văn bản có hiệu lực (có thể là ngày trong tương lai). Các sự việc trước "
                "ngày đó vẫn tính theo quy định cũ.",
                intro.fontMetrics(),
                INTRO_WIDTH,
            )
        )
        self.form = FieldForm(self)
        self.key_combo = QComboBox(self)
        for item in RuleKey:
            self.key_combo.addItem(item.label, item.value)
        if key is not None:
            self.key_combo.setCurrentIndex(self.key_combo.findData(key.value))
        today = services.context.today()
        self.date_edit = DateEdit(today, self)
        self.date_edit.setMaximumDate(to_qdate(LATEST_DAY))  # a law may take effect later
        self.value_edit = QLineEdit(self)
        self.value_edit.setPlaceholderText("ví dụ: 12 hoặc 2.000.000")
        self.unit_label = QLabel(self)
        value_row = QWidget(self)
        value_layout = QHBoxLayout(value_row)
        value_layout.setContentsMargins(0, 0, 0, 0)
        value_layout.addWidget(self.value_edit, 1)
        value_layout.addWidget(self.unit_label)
        value_row.setFocusProxy(self.value_edit)
        self.source_edit = QLineEdit(self)
        self.source_edit.setPlaceholderText("ví dụ: Luật 120/2025/QH15, Điều 32")
        self.form.add_field("key", "Quy định", self.key_combo, required=True)
        self.form.add_field("effective_from", "Áp dụng từ ngày", self.date_edit, required=True)
        self.form.add_field("value", "Giá trị mới", value_row, required=True)
        self.form.add_field("source", "Căn cứ (văn bản, điều)", self.source_edit, required=True)
        self.current_label = QLabel(self)
        self.current_label.setStyleSheet("color: palette(dark);")
        self.form.add_row("", self.current_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu quy định")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with messages
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.key_combo.currentIndexChanged.connect(self._show_key)
        self.date_edit.dateChanged.connect(self._show_key)
        self._show_key()
        self.value_edit.setFocus()

    def key(self) -> RuleKey:
        return RuleKey(self.key_combo.currentData())

    def _show_key(self) -> None:
        key = self.key()
        self.unit_label.setText(unit_of(key))
        day = self.date_edit.day()
        rule = self._services.legal.book().in_force(key, day)
        self.current_label.setText(
            f"Đang áp dụng ngày {format_day(day)}: {format_value(key, rule.value)}\n"
            f"({rule.source}, từ {format_day(rule.effective_from)})"
            if rule is not None
            else f"Chưa có quy định nào áp dụng ngày {format_day(day)}."
        )

    def save(self) -> None:
        """Add the rule; problems go beside their fields and nothing is saved."""
        self.form.clear_errors()
        try:
            value = parse_value(self.value_edit.text())
        except ValueParseError as error:
            self.form.show_problems([FieldProblem("value", str(error))])
            return
        try:
            added = self._services.legal.add_rule(
                self.key(), self.date_edit.day(), value, self.source_edit.text()
            )
        except ValidationError as error:
            self.form.show_problems(error.problems)
            return
        except SQLAlchemyError as error:
            show_refusal(self, "Không lưu được quy định", error)
            return
        self.added = added
        self.rule_added.emit(added)
        self.accept()


class LegalRulesDialog(QDialog):
    """Quy định pháp luật: each rule, the value in force today, and its dated history."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._book = RuleBook([])
        self.setWindowTitle("Quy định pháp luật: thời hạn, mức phạt")
        self.setSizeGripEnabled(True)
        self.resize(1240, 680)
        intro = QLabel(
            "Các thời hạn và mức phạt chương trình dùng để tính ngày đến hạn. Mỗi sự việc "
            "được tính theo quy định có hiệu lực vào ngày của nó.",
            self,
        )
        intro.setWordWrap(True)
        self.rules_table = _read_only_table(["Quy định", "Đang áp dụng", "Từ ngày", "Căn cứ"], self)
        header = self.rules_table.horizontalHeader()
        for column in (KEY_COLUMN, VALUE_COLUMN, SINCE_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SOURCE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.history_box = QGroupBox(self)
        self.history_table = _read_only_table(
            ["Áp dụng từ ngày", "Giá trị", "Tình trạng", "Căn cứ"], self.history_box
        )
        history_header = self.history_table.horizontalHeader()
        for column in (FROM_COLUMN, AMOUNT_COLUMN, STATE_COLUMN):
            history_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(BASIS_COLUMN, QHeaderView.ResizeMode.Stretch)
        history_layout = QVBoxLayout(self.history_box)
        history_layout.addWidget(self.history_table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.rules_table)
        splitter.addWidget(self.history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.add_button = QPushButton("Thêm quy định mới…", self)
        self.add_button.setToolTip("Nhập giá trị mới của quy định đang chọn, từ một ngày")
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_box.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close_box.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        bottom.addWidget(close_box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.add_button.clicked.connect(self._add_clicked)
        self.rules_table.itemSelectionChanged.connect(self._show_history)
        self.rules_table.itemDoubleClicked.connect(self._add_clicked)
        self.refresh()
        self.rules_table.selectRow(0)

    # --- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the rules again, keeping the selected rule selected."""
        kept = self.selected_key()
        try:
            self._book = self._services.legal.book()
        except SQLAlchemyError as error:
            show_refusal(self, "Không đọc được các quy định", error)
            return
        today = self._services.context.today()
        table = self.rules_table
        table.setRowCount(0)
        for row, key in enumerate(RuleKey):
            table.insertRow(row)
            rule = self._book.in_force(key, today)
            value = NONE if rule is None else format_value(key, rule.value)
            upcoming = [item for item in self._book.history(key) if item.effective_from > today]
            if upcoming:
                value += f"; từ {format_day(upcoming[0].effective_from)}: "
                value += format_value(key, upcoming[0].value)
            label = _item(key.label, key.label)
            label.setData(Qt.ItemDataRole.UserRole, key.value)
            table.setItem(row, KEY_COLUMN, label)
            table.setItem(row, VALUE_COLUMN, _item(value))
            since = NONE if rule is None else format_day(rule.effective_from)
            table.setItem(row, SINCE_COLUMN, _item(since))
            source = NONE if rule is None else rule.source
            table.setItem(row, SOURCE_COLUMN, _item(source, source))
        if kept is not None:
            self.select_key(kept)
        self._show_history()

    def selected_key(self) -> RuleKey | None:
        rows = self.rules_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.rules_table.item(rows[0].row(), KEY_COLUMN)
        return None if item is None else RuleKey(item.data(Qt.ItemDataRole.UserRole))

    def select_key(self, key: RuleKey) -> None:
        self.rules_table.selectRow(list(RuleKey).index(key))

    def _show_history(self) -> None:
        key = self.selected_key()
        table = self.history_table
        table.setRowCount(0)
        if key is None:
            self.history_box.setTitle("Lịch sử quy định")
            return
        self.history_box.setTitle(f"Lịch sử: {key.label}")
        today = self._services.context.today()
        in_force = self._book.in_force(key, today)
        # Newest first: the value an officer looks for is the latest.
        for row, item in enumerate(reversed(self._book.history(key))):
            table.insertRow(row)
            if item.effective_from > today:
                state = "Sắp áp dụng"
            elif item == in_force:
                state = "Đang áp dụng"
            else:
                state = "Đã được thay thế"
            table.setItem(row, FROM_COLUMN, _item(format_day(item.effective_from)))
            table.setItem(row, AMOUNT_COLUMN, _item(format_value(key, item.value)))
            table.setItem(row, STATE_COLUMN, _item(state))
            table.setItem(row, BASIS_COLUMN, _item(item.source, item.source))

    # --- adding --------------------------------------------------------------------------
    def new_rule_dialog(self) -> AddRuleDialog:
        """The "Thêm quy định mới" form for the selected rule, connected to refresh this view."""
        dialog = AddRuleDialog(self._services, self.selected_key(), self)
        dialog.rule_added.connect(self._on_rule_added)
        return dialog

    def add_rule(self) -> None:
        dialog = self.new_rule_dialog()
        dialog.exec()
        dialog.deleteLater()

    def _add_clicked(self) -> None:
        self.add_rule()

    def _on_rule_added(self, added: RuleValue) -> None:
        self.refresh()
        self.select_key(added.key)
