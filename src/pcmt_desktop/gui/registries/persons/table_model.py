"""The persons table as a model over 100 000 rows: ordered ids in memory, rows by batch.

The model keeps only the ids of the current query (filtered and sorted in SQL by
``PersonListing.ordered_ids``). The contents of a row are fetched when the view first
draws it, together with the rows around it, and a bounded cache drops the batches that
are farthest from what the view is showing.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.services.person_listing import PersonFilter, PersonListing, PersonRow, SortColumn

ModelIndex = QModelIndex | QPersistentModelIndex

BATCH_SIZE = 200
# 50 batches = 10 000 rows of a few hundred bytes each: a few MB at most.
MAX_CACHED_BATCHES = 50
DEFAULT_SUB_AREA_LABEL = "Địa bàn"


class Column(IntEnum):
    NAME = 0
    GENDER = 1
    BIRTH_YEAR = 2
    CCCD = 3
    SUB_AREA = 4
    VILLAGE = 5
    LIST = 6
    LIST_SINCE = 7


HEADERS = {
    Column.NAME: "Họ và tên",
    Column.GENDER: "Giới tính",
    Column.BIRTH_YEAR: "Năm sinh",
    Column.CCCD: "Số CCCD",
    Column.SUB_AREA: DEFAULT_SUB_AREA_LABEL,
    Column.VILLAGE: "Thôn, xóm",
    Column.LIST: "Diện quản lý",
    Column.LIST_SINCE: "Từ ngày",
}

# Gender and village have no sort key in SQL: clicking them leaves the order as it is.
SORT_KEYS = {
    Column.NAME: SortColumn.NAME,
    Column.BIRTH_YEAR: SortColumn.BIRTH_YEAR,
    Column.CCCD: SortColumn.CCCD,
    Column.SUB_AREA: SortColumn.SUB_AREA,
    Column.LIST: SortColumn.LIST,
    Column.LIST_SINCE: SortColumn.LIST_SINCE,
}

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def sub_area_header(label: str) -> str:
    """The office's word for its sub-areas as a column title: "thôn, tổ dân phố" → "Thôn, …"."""
    label = label.strip()
    return label[:1].upper() + label[1:] if label else DEFAULT_SUB_AREA_LABEL


class PersonsTableModel(QAbstractTableModel):
    """Read-only table of persons; ``Qt.UserRole`` on any cell gives the person id."""

    def __init__(
        self,
        listing: PersonListing,
        parent: QObject | None = None,
        *,
        criteria: PersonFilter | None = None,
    ) -> None:
        super().__init__(parent)
        self._listing = listing
        self._filter = criteria or PersonFilter()
        self._ids: list[int] = []
        self._rows_of: dict[int, int] | None = None  # person id -> row, built when asked
        # batch number -> {person id: row}; an id missing from its batch was deleted.
        self._batches: OrderedDict[int, dict[int, PersonRow]] = OrderedDict()
        self._sub_area_label = DEFAULT_SUB_AREA_LABEL
        self._ids = self._listing.ordered_ids(self._filter)

    # --- the query ---------------------------------------------------------------------
    @property
    def current_filter(self) -> PersonFilter:
        return self._filter

    def set_filter(self, criteria: PersonFilter) -> None:
        """Show the persons ``criteria`` selects, in its order (one SQL query)."""
        self._requery(criteria)

    def refresh(self) -> None:
        """Re-run the current query and forget every cached row (after a write)."""
        self._requery(self._filter)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._filter.sort, self._filter.descending):
            return
        self._requery(replace(self._filter, sort=key, descending=descending))

    def sort_column(self) -> int:
        """The column the rows are sorted by (the name column for any other sort)."""
        for column, key in SORT_KEYS.items():
            if key is self._filter.sort:
                return int(column)
        return int(Column.NAME)

    def sort_order(self) -> Qt.SortOrder:
        if self._filter.descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(Column) and Column(column) in SORT_KEYS

    def _requery(self, criteria: PersonFilter) -> None:
        # Query first: if the database refuses, the model still shows the last result.
        ids = self._listing.ordered_ids(criteria)
        self.beginResetModel()
        self._filter = criteria
        self._ids = ids
        self._rows_of = None
        self._batches.clear()
        self.endResetModel()

    # --- lookups -------------------------------------------------------------------------
    def total(self) -> int:
        return len(self._ids)

    def person_id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: int) -> int | None:
        if self._rows_of is None:
            self._rows_of = {person_id: row for row, person_id in enumerate(self._ids)}
        return self._rows_of.get(person_id)

    def person_row(self, row: int) -> PersonRow | None:
        """The cached (or freshly fetched) contents of ``row``; None if it was deleted."""
        person_id = self.person_id_at(row)
        if person_id is None:
            return None
        return self._batch(row // BATCH_SIZE).get(person_id)

    def as_of(self) -> date | None:
        return self._filter.as_of

    def cached_batches(self) -> list[int]:
        """Batch numbers held in memory (for tests and the benchmark)."""
        return list(self._batches)

    def _batch(self, number: int) -> dict[int, PersonRow]:
        batch = self._batches.get(number)
        if batch is not None:
            self._batches.move_to_end(number)
            return batch
        start = number * BATCH_SIZE
        batch = self._listing.rows(self._ids[start : start + BATCH_SIZE], self._filter.as_of)
        self._batches[number] = batch
        if len(self._batches) > MAX_CACHED_BATCHES:
            farthest = max(self._batches, key=lambda held: abs(held - number))
            del self._batches[farthest]
        return batch

    # --- headers -------------------------------------------------------------------------
    def set_sub_area_label(self, text: str) -> None:
        """Title the sub-area column with the office's own word for its sub-areas."""
        self._sub_area_label = sub_area_header(text)
        self.headerDataChanged.emit(
            Qt.Orientation.Horizontal, int(Column.SUB_AREA), int(Column.SUB_AREA)
        )

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            shown = role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._ids)
            return str(section + 1) if shown else None
        if not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._sub_area_label if column is Column.SUB_AREA else HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.LIST, Column.LIST_SINCE):
            day = self._filter.as_of
            until = "hôm nay" if day is None else format_day(day)
            return f"Diện quản lý tính đến hết ngày {until}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.BIRTH_YEAR:
            return _RIGHT
        return None

    # --- cells ---------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column is Column.BIRTH_YEAR else _LEFT
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.person_row(index.row())
        if row is not None:
            return (
                _tooltip(row, column)
                if role == Qt.ItemDataRole.ToolTipRole
                else _CELL_TEXT[column](row)
            )
        # Deleted since the last query; the change signal brings a refresh soon.
        return "(đã xóa)" if column is Column.NAME else ""


_CELL_TEXT: dict[Column, Callable[[PersonRow], str]] = {
    Column.NAME: lambda row: row.full_name,
    Column.GENDER: lambda row: "" if row.gender is None else row.gender.label,
    Column.BIRTH_YEAR: lambda row: "" if row.birth_year is None else str(row.birth_year),
    Column.CCCD: lambda row: row.cccd or "",
    Column.SUB_AREA: lambda row: row.sub_area_name,
    Column.VILLAGE: lambda row: row.village,
    Column.LIST: lambda row: "" if row.list_key is None else row.list_key.short_label,
    Column.LIST_SINCE: lambda row: "" if row.list_since is None else format_day(row.list_since),
}


def _tooltip(row: PersonRow, column: Column) -> str | None:
    if column is Column.LIST and row.list_key is not None:
        return row.list_key.label
    if column is Column.NAME:
        return row.full_name
    return None
