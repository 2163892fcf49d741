"""One table of sub-areas as rows: each measure read from the per-sub-area figures.

Every per-sub-area table of the annex has the same shape: TT, the sub-area, the measures,
then a "Tổng cộng" row and, when the figures were computed with a comparison period, a
row for the same period a year earlier. The total row carries the figures' own totals
(the program is the source of the figures), not a sum of the rows.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pcmt_desktop.reports.annex_figures import TOTAL_LABEL, by_name, sub_area_names
from pcmt_desktop.reports.annex_layout import Block, Column, Group, Kind, Value, numbered

ORDINAL = Column("TT", Kind.ORDINAL, 5)
# A sub-area missing from one part's rows had nothing of it: zero, except for a rate,
# which has no meaning without persons tested.
_ZERO_KINDS = (Kind.COUNT, Kind.MONEY, Kind.DECIMAL)


@dataclass(frozen=True)
class Measure:
    """A column: its header, the key in each per-sub-area row, and the two summary values."""

    column: Column
    row_key: str
    total: Value
    compare: Value = None


@dataclass(frozen=True)
class Part:
    """Measures that share a per-sub-area row list (one list, criminal cases…)."""

    rows: Sequence[Mapping[str, Any]]
    measures: tuple[Measure, ...]
    title: str | None = None


def number(value: Any) -> Value:
    """A figure as a cell value: numbers stay numbers, anything else is left empty."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def measures(
    totals: Mapping[str, Any] | None,
    compare: Mapping[str, Any] | None,
    columns: Sequence[tuple[str, Column]],
    row_prefix: str = "",
) -> tuple[Measure, ...]:
    """Measures whose total and comparison sit under ``key``, and each row's value under
    ``row_prefix + key`` (the cases rows say "criminal_cases" for criminal "cases")."""
    return tuple(
        Measure(
            column,
            row_prefix + key,
            number((totals or {}).get(key)),
            number(compare.get(key)) if compare is not None else None,
        )
        for key, column in columns
    )


def sub_area_block(
    parts: Sequence[Part],
    sub_area_header: str,
    compare_label: str | None,
    caption: str | None = None,
) -> Block:
    name_column = Column(sub_area_header, Kind.TEXT)
    lead = Group((ORDINAL, name_column))
    groups = (lead, *(Group(tuple(m.column for m in part.measures), part.title) for part in parts))
    names = sub_area_names(*(part.rows for part in parts))
    indexed = [by_name(part.rows) for part in parts]
    rows = [
        (
            name,
            *(
                _cell(row_of.get(name), m)
                for part, row_of in zip(parts, indexed, strict=True)
                for m in part.measures
            ),
        )
        for name in names
    ]
    all_measures = [m for part in parts for m in part.measures]
    summary: list[tuple[Value, ...]] = [(None, TOTAL_LABEL, *(m.total for m in all_measures))]
    if compare_label is not None and any(m.compare is not None for m in all_measures):
        summary.append((None, compare_label, *(m.compare for m in all_measures)))
    return Block(groups, numbered(rows), tuple(summary), caption=caption)


def _cell(row: Mapping[str, Any] | None, measure: Measure) -> Value:
    if row is None:
        return 0 if measure.column.kind in _ZERO_KINDS else None
    return number(row.get(measure.row_key))
