"""The "Phân loại địa bàn" page: each area's criteria and proposal, with the key-route tick.

Whether a sub-area lies on a key route is the officer's knowledge, not the registries':
it is ticked here, where its effect on the proposal shows at once (the tab saves the
tick and recomputes). The office's own row follows its sub-areas and has no tick. The
reasons of a proposal are long sentences: they show under the table for the chosen row.
At the level above the rows are its offices, whose data is theirs: the tick is only
shown, as "Có" or "Không".
"""

from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.gui.reports.area_class_rows import AreaRow, area_class_table

KEY_ROUTE_HEADER = "Tuyến trọng điểm"
FIXED_HEADERS = ("Địa bàn", "Dân số", KEY_ROUTE_HEADER)
LEVEL_ABOVE_HEADERS = ("Đơn vị", "Dân số", KEY_ROUTE_HEADER)
PROPOSED_HEADER = "Đề xuất"
NAME_COLUMN, POPULATION_COLUMN, KEY_ROUTE_COLUMN = range(3)
# Widths of the name, population, tick and proposal columns; the criteria share the rest.
FIXED_WIDTHS = (130, 70, 80)
PROPOSED_WIDTH = 90
CRITERION_MIN_WIDTH = 90


class AreaClassesView(QWidget):
    key_route_changed = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None, *, level_above: bool = False) -> None:
        super().__init__(parent)
        self._level_above = level_above
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Phân loại địa bàn")
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reasons.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.currentCellChanged.connect(lambda row, *_rest: self._show_reasons(row))
        self._rows: tuple[AreaRow, ...] = ()
        self._criteria = 0

    def show_figures(self, figures: Mapping[str, Any]) -> None:
        view = area_class_table(figures, level_above=self._level_above)
        chosen = max(self.table.currentRow(), 0)
        self._rows = view.rows
        self._criteria = len(view.criteria)
        self.note.setText(view.note)
        headers = [
            *(LEVEL_ABOVE_HEADERS if self._level_above else FIXED_HEADERS),
            *(criterion.header for criterion in view.criteria),
            PROPOSED_HEADER,
        ]
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for column, criterion in enumerate(view.criteria, start=len(FIXED_HEADERS)):
            header_item = self.table.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(criterion.label)
        self.table.setRowCount(len(view.rows))
        for row, area in enumerate(view.rows):
            self._fill_row(row, area)
        self.table.blockSignals(False)
        self.table.setVisible(bool(view.rows))
        self.reasons.setVisible(bool(view.rows))
        self._fit(self.table.viewport().width())
        if view.rows:
            self.table.selectRow(min(chosen, len(view.rows) - 1))
            self._show_reasons(self.table.currentRow())

    def _fill_row(self, row: int, area: AreaRow) -> None:
        font = QFont(self.table.font())
        font.setBold(area.is_office)
        values = [area.name, area.population, "", *area.cells, area.proposed]
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setFont(font)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if column == POPULATION_COLUMN:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == KEY_ROUTE_COLUMN:
                self._key_route_item(item, area)
            self.table.setItem(row, column, item)

    def _key_route_item(self, item: QTableWidgetItem, area: AreaRow) -> None:
        if area.is_office or self._level_above:
            # The office lies on a key route when any sub-area does: shown, not ticked.
            item.setText("Có" if area.on_key_route else "Không")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            return
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(Qt.CheckState.Checked if area.on_key_route else Qt.CheckState.Unchecked)
        item.setToolTip("Đánh dấu nếu địa bàn nằm trên tuyến trọng điểm phức tạp về ma túy")

    def _fit(self, room: int) -> None:
        fixed = sum(FIXED_WIDTHS) + PROPOSED_WIDTH
        share = max(CRITERION_MIN_WIDTH, (room - fixed) // max(self._criteria, 1))
        widths = [*FIXED_WIDTHS, *([share] * self._criteria), PROPOSED_WIDTH]
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit(self.table.viewport().width())

    def _show_reasons(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            self.reasons.clear()
            return
        area = self._rows[row]
        lines = "<br>".join(escape(line) for line in area.reasons.splitlines())
        self.reasons.setText(
            f"<b>Căn cứ đề xuất — {escape(area.name)}: {escape(area.proposed)}</b><br>{lines}"
        )

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != KEY_ROUTE_COLUMN or not 0 <= item.row() < len(self._rows):
            return
        area = self._rows[item.row()]
        if area.is_office or self._level_above:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        # After this signal returns: the answer rebuilds the table that owns ``item``.
        QTimer.singleShot(0, lambda: self.key_route_changed.emit(area.name, ticked))

    # --- for whoever drives the view -------------------------------------------------------
    def row_of(self, name: str) -> int:
        for row, area in enumerate(self._rows):
            if area.name == name:
                return row
        raise KeyError(name)

    def set_key_route(self, name: str, ticked: bool) -> None:
        """Tick or untick as the officer would (space on the cell)."""
        item = self.table.item(self.row_of(name), KEY_ROUTE_COLUMN)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def is_key_route(self, name: str) -> bool:
        return self._rows[self.row_of(name)].on_key_route

    def proposal(self, name: str) -> str:
        return self._rows[self.row_of(name)].proposed

    def cell(self, name: str, column: int) -> str:
        item = self.table.item(self.row_of(name), column)
        return "" if item is None else item.text()

    def reasons_text(self) -> str:
        return self.reasons.text()
