"""A registry's table view over a ``KeyedTableModel``: rows, not cells; fixed heights.

Fixed row heights keep Qt from measuring every row of a big registry; Enter and Delete
are bound on the table only (the main window's menus own the window-wide shortcuts).
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pcmt_desktop.gui.widgets.keyed_table_model import KeyedTableModel


def registry_table(
    model: KeyedTableModel,  # type: ignore[type-arg]
    column_chars: list[int],
    stretch_column: int,
    parent: QWidget | None = None,
) -> QTableView:
    """A read-only, single-row-selection view; ``column_chars`` are widths in characters."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    character = table.fontMetrics().horizontalAdvance("n")
    for column, chars in enumerate(column_chars):
        header.resizeSection(column, chars * character + 16)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(4 * character)
    sort_column = model.sort_column()
    order = (
        Qt.SortOrder.DescendingOrder if model.criteria.descending else Qt.SortOrder.AscendingOrder
    )
    header.setSortIndicator(sort_column, order)
    table.setSortingEnabled(True)
    return table


def bind_table_keys(
    table: QTableView, on_open: Callable[[], object], on_delete: Callable[[], object]
) -> None:
    """Enter opens the selected record, Delete deletes it (after the tab asks)."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        opener = QShortcut(QKeySequence(key), table)
        opener.setContext(Qt.ShortcutContext.WidgetShortcut)
        opener.activated.connect(on_open)
    remover = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
    remover.setContext(Qt.ShortcutContext.WidgetShortcut)
    remover.activated.connect(on_delete)


def selected_id(table: QTableView) -> int | None:
    """The record id of the selected row (``Qt.UserRole`` of the keyed model)."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    value = rows[0].data(Qt.ItemDataRole.UserRole)
    return value if isinstance(value, int) else None
