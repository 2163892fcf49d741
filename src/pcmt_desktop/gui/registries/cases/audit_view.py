"""A record's audit trail as a table: when, who, what, and each value before → after."""

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pcmt_desktop.services.audit import AuditRecord

EMPTY = "—"
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Bookkeeping columns the officer has no use for.
HIDDEN_KEYS = frozenset({"id", "case_id", "phase_id"})

ValueText = Callable[[str, Any], str]


def plain_value(_key: str, value: Any) -> str:
    if value is None or value in ("", []):
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, str) and (day := _ISO_DAY.fullmatch(value)):
        # The audit stores days as ISO text; the officer reads dd/mm/yyyy.
        year, month, number = day.groups()
        return f"{number}/{month}/{year}"
    return str(value)


def change_lines(
    record: AuditRecord, labels: Mapping[str, str], value_text: ValueText = plain_value
) -> list[str]:
    """One line per field: "label: value" for a new or deleted record, else "old → new"."""
    before = record.before or {}
    after = record.after or {}
    lines: list[str] = []
    for key in dict.fromkeys([*labels, *before, *after]):
        if key in HIDDEN_KEYS or (key not in before and key not in after):
            continue
        label = labels.get(key, key)
        old, new = value_text(key, before.get(key)), value_text(key, after.get(key))
        if record.before is None:
            if new != EMPTY:
                lines.append(f"{label}: {new}")
        elif record.after is None:
            if old != EMPTY:
                lines.append(f"{label}: {old}")
        elif old != new:
            lines.append(f"{label}: {old} → {new}")
    return lines


class AuditTable(QTableWidget):
    """Newest first; the details column lists each changed field on its own line."""

    HEADERS = ("Thời gian", "Người thực hiện", "Thao tác", "Nội dung thay đổi")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def show_entries(
        self,
        entries: Sequence[AuditRecord],
        labels: Mapping[str, str],
        value_text: ValueText = plain_value,
    ) -> None:
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            lines = change_lines(entry, labels, value_text)
            # A new or deleted record lists every field: one wrapped paragraph reads
            # better than a column of lines; a change keeps one line per field.
            whole = entry.before is None or entry.after is None
            details = entry.summary + "\n" + ("; ".join(lines) if whole else "\n".join(lines))
            cells = (
                entry.at.strftime("%d/%m/%Y %H:%M"),
                entry.user_name,
                entry.action_label,
                details,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # Wrapped details need the row heights measured again at the new width.
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def details_at(self, row: int) -> str:
        item = self.item(row, 3)
        return "" if item is None else item.text()
