"""A read-only table over a registry of any size: ordered ids in memory, rows by batch.

A registry's listing service answers two questions: the ordered ids for some criteria
(one SQL query that filters and sorts), and the rows for a few ids. The model keeps the
ids, fetches rows 200 at a time around what the view draws, and drops the batches that
are farthest away. A header click re-runs the query with the column's sort key.
"""

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from pcmt_desktop.services.criteria import SortedCriteria

ModelIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")
CriteriaT = TypeVar("CriteriaT", bound=SortedCriteria)
CriteriaT_contra = TypeVar("CriteriaT_contra", bound=SortedCriteria, contravariant=True)
RowT_co = TypeVar("RowT_co", covariant=True)

BATCH_SIZE = 200
MAX_CACHED_BATCHES = 50
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# Soft colours an officer reads as "late" and "due soon" without shouting.
OVERDUE_COLOUR = QColor("#fde2e1")
DUE_SOON_COLOUR = QColor("#fff4d6")


class RowSource(Protocol[RowT_co, CriteriaT_contra]):
    def ordered_ids(self, criteria: CriteriaT_contra) -> list[int]: ...

    def rows(self, ids: list[int], criteria: CriteriaT_contra) -> Mapping[int, RowT_co]: ...


@dataclass(frozen=True)
class ColumnSpec(Generic[RowT]):
    header: str
    text: Callable[[RowT], str]
    sort_key: str | None = None
    numeric: bool = False
    tooltip: Callable[[RowT], str | None] | None = None


class KeyedTableModel(QAbstractTableModel, Generic[RowT, CriteriaT]):
    """``Qt.UserRole`` on any cell gives the record id; ``highlight`` may colour a row."""

    def __init__(
        self,
        source: RowSource[RowT, CriteriaT],
        columns: Sequence[ColumnSpec[RowT]],
        criteria: CriteriaT,
        parent: QObject | None = None,
        *,
        highlight: Callable[[RowT], QColor | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._columns = list(columns)
        self._criteria = criteria
        self._highlight = highlight
        self._batches: OrderedDict[int, Mapping[int, RowT]] = OrderedDict()
        self._rows_of: dict[int, int] | None = None
        self._ids: list[int] = source.ordered_ids(criteria)

    # --- the query ---------------------------------------------------------------------
    @property
    def criteria(self) -> CriteriaT:
        return self._criteria

    def set_criteria(self, criteria: CriteriaT) -> None:
        self._requery(criteria)

    def refresh(self) -> None:
        self._requery(self._criteria)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._criteria.sort, self._criteria.descending):
            return
        self._requery(self._criteria.sorted_by(key, descending))

    def sort_column(self) -> int:
        for index, column in enumerate(self._columns):
            if column.sort_key == self._criteria.sort:
                return index
        return -1

    def _requery(self, criteria: CriteriaT) -> None:
        ids = self._source.ordered_ids(criteria)  # first: a refusal leaves the old result
        self.beginResetModel()
        self._criteria = criteria
        self._ids = ids
        self._rows_of = None
        self._batches.clear()
        self.endResetModel()

    # --- lookups -------------------------------------------------------------------------
    def total(self) -> int:
        return len(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        if self._rows_of is None:
            self._rows_of = {record_id: row for row, record_id in enumerate(self._ids)}
        return self._rows_of.get(record_id)

    def record_at(self, row: int) -> RowT | None:
        record_id = self.id_at(row)
        if record_id is None:
            return None
        return self._batch(row // BATCH_SIZE).get(record_id)

    def _batch(self, number: int) -> Mapping[int, RowT]:
        batch = self._batches.get(number)
        if batch is not None:
            self._batches.move_to_end(number)
            return batch
        start = number * BATCH_SIZE
        batch = self._source.rows(self._ids[start : start + BATCH_SIZE], self._criteria)
        self._batches[number] = batch
        if len(self._batches) > MAX_CACHED_BATCHES:
            farthest = max(self._batches, key=lambda held: abs(held - number))
            del self._batches[farthest]
        return batch

    # --- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
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
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        record = self.record_at(index.row())
        if record is None:
            # Deleted since the last query; the change signal brings a refresh soon.
            deleted = role == Qt.ItemDataRole.DisplayRole and index.column() == 0
            return "(đã xóa)" if deleted else None
        return self._record_data(record, column, role)

    def _record_data(self, record: RowT, column: ColumnSpec[RowT], role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.BackgroundRole and self._highlight is not None:
            colour = self._highlight(record)
            return None if colour is None else QBrush(colour)
        return None
