"""A record's history (nhật ký thay đổi): who did what and when, with before → after.

Each registry gives the labels of its fields and, where a stored value is a key, the
text to show for it; bookkeeping columns (ids, folded copies) are left out.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.services.audit import AuditRecord

EMPTY = "—"
HIDDEN_KEYS = frozenset({"id", "name_folded", "search_text", "created_at", "updated_at"})
ValueText = Callable[[str, Any], str | None]


def plain_value(value: Any) -> str:
    """A stored JSON value as an officer reads it: days as dd/mm/yyyy, yes/no in words."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, str):
        try:
            return format_day(date.fromisoformat(value)) if len(value) == 10 else value
        except ValueError:
            return value
    return str(value)


class AuditLines:
    """Turns a record's before/after values into readable lines."""

    def __init__(self, labels: Mapping[str, str], value_text: ValueText | None = None) -> None:
        self._labels = labels
        self._value_text = value_text

    def value(self, key: str, value: Any) -> str:
        if self._value_text is not None and value is not None:
            shown = self._value_text(key, value)
            if shown is not None:
                return shown
        return plain_value(value)

    def details(self, record: AuditRecord) -> str:
        lines = [f"{record.action_label}: {record.summary}"]
        before, after = record.before or {}, record.after or {}
        order = list(self._labels)
        keys = sorted(
            dict.fromkeys([*before, *after]),
            key=lambda key: order.index(key) if key in order else len(order),
        )
        for key in keys:
            if key in HIDDEN_KEYS or key not in self._labels:
                continue
            old, new = self.value(key, before.get(key)), self.value(key, after.get(key))
            label = self._labels[key]
            if not before:
                if new != EMPTY:
                    lines.append(f"{label}: {new}")
            elif not after:
                if old != EMPTY:
                    lines.append(f"{label}: {old}")
            elif old != new:
                lines.append(f"{label}: {old} → {new}")
        return "\n".join(lines)


class RecordAuditView(QWidget):
    """The table of a record's audit entries (newest first) and the chosen entry's details."""

    def __init__(
        self,
        labels: Mapping[str, str],
        value_text: ValueText | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lines = AuditLines(labels, value_text)
        self.records: list[AuditRecord] = []
        hint = QLabel(
            "Mọi thao tác trên hồ sơ này, mới nhất ở trên. Chọn một dòng để xem chi tiết."
        )
        hint.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            ["Thời điểm", "Người thực hiện", "Thao tác", "Nội dung"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Chi tiết của dòng đang chọn")
        self.details.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        self.table.itemSelectionChanged.connect(self._show_details)

    def set_records(self, records: Sequence[AuditRecord]) -> None:
        self.records = list(records)
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            cells = [
                record.at.strftime("%d/%m/%Y %H:%M"),
                record.user_name,
                record.action_label,
                record.summary,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.clearSelection()
        self.details.clear()

    def details_of(self, row: int) -> str:
        return self._lines.details(self.records[row])

    def _show_details(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            self.details.clear()
            return
        self.details.setPlainText(self.details_of(rows.pop()))
