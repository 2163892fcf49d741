"""A registry's table view over a keyed model: rows, not cells; fixed heights.

Fixed row heights keep Qt from measuring every row of a big registry; Enter and Delete
are bound on the table only (the main window's menus own the window-wide shortcuts).
The functions take any model whose ``Qt.UserRole`` is the record id, so the persons
table (its own model) and the ``KeyedTableModel`` registries share them.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pcmt_desktop.gui.widgets.keyed_table_model import KeyedTableModel

# Sorting by a column without a sort key leaves the rows as they were.
NOT_SORTABLE_MESSAGE = "Cột này không sắp xếp được."


def sort_order(descending: bool) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder


def make_read_only_rows(table: QTableView) -> None:
    """What every list of records shares: whole rows, one at a time, not editable in place,
    one line per row of a fixed height (a long text never makes one row taller)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)


def registry_view(
    model: QAbstractItemModel,
    column_chars: Sequence[int],
    stretch_column: int | None,
    sorted_by: tuple[int, Qt.SortOrder],
    parent: QWidget | None = None,
    *,
    minimum_chars: int = 4,
) -> QTableView:
    """A read-only, single-row-selection view; ``column_chars`` are widths in characters.

    ``stretch_column`` takes the width left over; with None the last column does (a
    stretched middle column shrinks to nothing once the others fill the width).
    ``sorted_by`` is the model's order, shown before sorting is switched on because Qt
    would otherwise sort by column 0 descending.
    """
    table = QTableView(parent)
    table.setModel(model)
    make_read_only_rows(table)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    character = table.fontMetrics().horizontalAdvance("n")
    for column, chars in enumerate(column_chars):
        header.resizeSection(column, chars * character + 16)
    if stretch_column is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(minimum_chars * character)
    header.setSortIndicator(*sorted_by)
    table.setSortingEnabled(True)
    return table


def registry_table(
    model: KeyedTableModel,  # type: ignore[type-arg]
    column_chars: Sequence[int],
    stretch_column: int | None,
    parent: QWidget | None = None,
) -> QTableView:
    """``registry_view`` over a ``KeyedTableModel``, sorted as its criteria say."""
    order = sort_order(model.criteria.descending)
    return registry_view(model, column_chars, stretch_column, (model.sort_column(), order), parent)


def keep_sort_indicator_true(
    table: QTableView,
    sorted_by: Callable[[], tuple[int, Qt.SortOrder]],
    refused: Callable[[], object],
) -> None:
    """Put the indicator back when a header click could not sort, and call ``refused``.

    The view has already asked the model to sort when the indicator moves (its own
    connection is made first, by ``setSortingEnabled``); a column without a sort key
    keeps the old order, so the indicator goes back to where the order really is.
    """
    header = table.horizontalHeader()

    def check(column: int, _order: Qt.SortOrder) -> None:
        sort_column, order = sorted_by()
        if sort_column != column:
            header.blockSignals(True)
            header.setSortIndicator(sort_column, order)
            header.blockSignals(False)
            refused()

    header.sortIndicatorChanged.connect(check)


def bind_table_keys(
    table: QTableView,
    on_open: Callable[[], object],
    on_delete: Callable[[], object] | None = None,
) -> None:
    """Enter opens the selected record, Delete (if given) deletes it after the tab asks."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        opener = QShortcut(QKeySequence(key), table)
        opener.setContext(Qt.ShortcutContext.WidgetShortcut)
        opener.activated.connect(on_open)
    if on_delete is None:
        return
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


def select_row(table: QTableView, row: int, *, scroll: bool = True) -> None:
    """Select ``row``; centre it when the officer asked for it, else just keep it in view."""
    table.selectRow(row)
    hint = (
        QAbstractItemView.ScrollHint.PositionAtCenter
        if scroll
        else QAbstractItemView.ScrollHint.EnsureVisible
    )
    table.scrollTo(table.model().index(row, 0), hint)
