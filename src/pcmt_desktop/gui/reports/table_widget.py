"""A read-only table sized to its content, for stacking several under one another.

The preview shows a page's tables one under another in a scroll area, so each table is
exactly as tall as its rows (no vertical scroll bar of its own), no wider than its
content, and, when the page is narrower than that, its text columns wrap rather than
push the figures out of sight.
"""

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pcmt_desktop.gui.reports.figure_table import FigureTable

NUMBER_MIN_WIDTH = 70
# A figure's header wraps to this width before it widens its column.
NUMBER_HEADER_WIDTH = 110
TEXT_MIN_WIDTH = 110
TEXT_MAX_WIDTH = 460
CELL_PADDING = 16


def header_height(table: QTableWidget, texts: list[str]) -> int:
    """Tall enough for the longest header wrapped into its column's width."""
    metrics = table.horizontalHeader().fontMetrics()
    lines = 1
    for column, text in enumerate(texts):
        width = max(table.columnWidth(column) - CELL_PADDING, 20)
        lines = max(lines, math.ceil(metrics.horizontalAdvance(text) / width))
    return lines * metrics.lineSpacing() + CELL_PADDING


class FigureTableWidget(QTableWidget):
    """One ``FigureTable``: text columns left, figures right, totals bold, never edited."""

    def __init__(self, spec: FigureTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(spec.title)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self.setColumnCount(len(spec.headers))
        self.setHorizontalHeaderLabels(list(spec.headers))
        if spec.rows:
            self._fill()
        else:
            self._show_empty()
        self._natural = self._natural_widths()
        self._fit(sum(self._natural))

    def _fill(self) -> None:
        spec = self.spec
        self.setRowCount(len(spec.rows))
        bold = QFont(self.font())
        bold.setBold(True)
        first_summary = len(spec.rows) - spec.summary_rows
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, values in enumerate(spec.rows):
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setTextAlignment(right if column >= spec.text_columns else left)
                if row >= first_summary:
                    item.setFont(bold)
                self.setItem(row, column, item)

    def _show_empty(self) -> None:
        self.setRowCount(1)
        item = QTableWidgetItem(self.spec.empty_note)
        item.setForeground(Qt.GlobalColor.darkGray)
        self.setItem(0, 0, item)
        if self.columnCount() > 1:
            self.setSpan(0, 0, 1, self.columnCount())

    # --- sizes -------------------------------------------------------------------------
    def _natural_widths(self) -> list[int]:
        """Each column as wide as its widest cell, a figure's header wrapped first."""
        metrics = self.fontMetrics()
        header_metrics = self.horizontalHeader().fontMetrics()
        widths = []
        for column, title in enumerate(self.spec.headers):
            cells = [
                metrics.horizontalAdvance(cell.text())
                for row in range(self.rowCount())
                if (cell := self.item(row, column)) is not None
                and self.columnSpan(row, column) == 1
            ]
            widest = max(cells, default=0) + CELL_PADDING
            word = max(header_metrics.horizontalAdvance(w) for w in title.split() or [""])
            whole = header_metrics.horizontalAdvance(title)
            if column < self.spec.text_columns:
                width = min(max(widest, word + CELL_PADDING, TEXT_MIN_WIDTH), TEXT_MAX_WIDTH)
            else:
                heading = min(whole, NUMBER_HEADER_WIDTH)
                width = max(widest, word + CELL_PADDING, heading + CELL_PADDING, NUMBER_MIN_WIDTH)
            widths.append(width)
        if not self.spec.rows:
            note = metrics.horizontalAdvance(self.spec.empty_note) + CELL_PADDING
            if note > sum(widths):
                widths[0] += note - sum(widths)
        return widths

    def _widths_for(self, room: int) -> list[int]:
        """The natural widths, the text columns narrowed (and wrapped) to fit ``room``."""
        widths = list(self._natural)
        text = range(min(self.spec.text_columns, len(widths)))
        fixed = sum(widths) - sum(widths[i] for i in text)
        wanted = sum(widths[i] for i in text)
        left = room - fixed
        if wanted > left > 0:
            for i in text:
                widths[i] = max(TEXT_MIN_WIDTH, widths[i] * left // wanted)
        return widths

    def _fit(self, room: int) -> None:
        widths = self._widths_for(room)
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        # The header's own height() lags until the next layout pass: use what is set.
        head = header_height(self, list(self.spec.headers))
        self.horizontalHeader().setFixedHeight(head)
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
        scroll = self.horizontalScrollBar().sizeHint().height() if sum(widths) > room else 0
        self.setFixedHeight(head + rows + 2 * self.frameWidth() + scroll)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(sum(self._natural) + 2 * self.frameWidth(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        room = event.size().width() - 2 * self.frameWidth()
        if room > 0 and event.size().width() != event.oldSize().width():
            self._fit(room)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return "" if item is None else item.text()
