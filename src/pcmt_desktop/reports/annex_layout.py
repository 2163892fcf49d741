"""What an annex sheet holds, apart from how it is drawn: columns, header groups, rows.

The tables are built from the figures in plain data first, so the rules "which figure
goes in which column" can be read (and tested) apart from openpyxl's cell styling.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

Value = int | float | str | date | None


class Kind(Enum):
    """How a column's values are shown; numbers stay numbers so the column sums."""

    ORDINAL = "ordinal"  # the row number (TT)
    TEXT = "text"
    COUNT = "count"  # persons, cases, plants: #,##0 (a Vietnamese Excel shows 1.402)
    MONEY = "money"  # whole đồng: #,##0
    DECIMAL = "decimal"  # m², grams: one decimal
    RATE = "rate"  # a percentage with one decimal; the header says "(%)"
    DATE = "date"  # dd/mm/yyyy


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind
    width: float | None = None  # None: fitted to the header and values


@dataclass(frozen=True)
class Group:
    """Columns under one merged header (a list's name); ``title`` None: no common header."""

    columns: tuple[Column, ...]
    title: str | None = None


@dataclass(frozen=True)
class Block:
    """One table on a sheet: a caption line, header, rows, and the summary lines under it.

    ``summary`` rows (the total, then the same period a year earlier) are drawn bold and
    are never counted among the sub-area rows.
    """

    groups: tuple[Group, ...]
    rows: tuple[tuple[Value, ...], ...]
    summary: tuple[tuple[Value, ...], ...] = ()
    caption: str | None = None
    empty_note: str | None = None  # written under the header when there is no row

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(column for group in self.groups for column in group.columns)

    @property
    def has_group_titles(self) -> bool:
        return any(group.title for group in self.groups)


@dataclass(frozen=True)
class SheetPlan:
    """A sheet: its tab name (at most 31 characters), its table title, its tables.

    ``pin_header``: the first table's header is frozen on screen and, on a sheet of one
    table, printed on every page. False for a sheet whose tables are not what its pages
    are about (the charts' sheet: its tables feed the pictures printed after them).
    """

    name: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    period: str | None = None  # a period of its own (the classification year), else the report's
    pin_header: bool = True


def ungrouped(*columns: Column) -> Group:
    return Group(tuple(columns))


def numbered(rows: Sequence[tuple[Value, ...]]) -> tuple[tuple[Value, ...], ...]:
    """Each row with its number (1, 2, …) in front, for the TT column."""
    return tuple((index, *row) for index, row in enumerate(rows, start=1))


@dataclass(frozen=True)
class TopMatter:
    """The lines above each sheet's table title, the same on every sheet."""

    issuer: tuple[str, ...]  # "CÔNG AN TỈNH …", "CÔNG AN HUYỆN …" (the last one is the office)
    attached_to: str | None  # "(Kèm theo Báo cáo …)"
    period: str  # "Từ ngày dd/mm/yyyy đến ngày dd/mm/yyyy"
    made: str  # "Ngày lập: dd/mm/yyyy"
