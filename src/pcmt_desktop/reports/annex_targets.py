"""The targets sheet: for each phase, sub-areas as rows and each measure's target vs actual.

The figures give one row per (sub-area, measure) set for the phase; a pair never set
stays empty (no target is not a target of zero). The figures carry no totals here, so
the total row is the sum of the rows of the phase.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from pcmt_desktop.reports.annex_blocks import ORDINAL, number
from pcmt_desktop.reports.annex_figures import (
    TOTAL_LABEL,
    entries,
    period_line,
    section,
    sub_area_header,
    sub_area_names,
)
from pcmt_desktop.reports.annex_layout import (
    Block,
    Column,
    Group,
    Kind,
    SheetPlan,
    Value,
    numbered,
    ungrouped,
)

NO_TARGET = "Chưa có chỉ tiêu nào được giao."


def _total(values: Sequence[Value]) -> Value:
    present = [value for value in values if isinstance(value, int | float)]
    return sum(present) if present else None


def _caption(phase: Mapping[str, Any]) -> str:
    name = str(phase.get("name") or "Giai đoạn")
    when = period_line(phase)
    return f"{name}: {when[:1].lower()}{when[1:]}" if when else name


def phase_block(phase: Mapping[str, Any], header: str) -> Block:
    rows = entries(phase, "rows")
    labels: dict[str, str] = {}
    for row in rows:
        key = str(row.get("measure"))
        labels.setdefault(key, str(row.get("measure_label") or key))
    cells = {(str(row.get("sub_area")), str(row.get("measure"))): row for row in rows}
    names = sub_area_names(rows)
    body: list[tuple[Value, ...]] = []
    for name in names:
        values: list[Value] = [name]
        for key in labels:
            cell = cells.get((name, key))
            values += [number(cell.get(side)) if cell else None for side in ("target", "actual")]
        body.append(tuple(values))
    groups = [ungrouped(ORDINAL, Column(header, Kind.TEXT))]
    groups += [
        Group((Column("Chỉ tiêu", Kind.COUNT, 10), Column("Thực hiện", Kind.COUNT, 10)), label)
        for label in labels.values()
    ]
    totals = [_total([line[index] for line in body]) for index in range(1, 1 + 2 * len(labels))]
    summary = ((None, TOTAL_LABEL, *totals),) if body else ()
    return Block(tuple(groups), numbered(body), summary, _caption(phase), NO_TARGET)


def targets_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    owner = section(figures, "targets")
    if owner is None:
        return None
    header = sub_area_header(figures)
    blocks = tuple(phase_block(phase, header) for phase in entries(owner, "phases"))
    if not blocks:
        blocks = (
            Block((ungrouped(ORDINAL, Column(header, Kind.TEXT)),), (), empty_note=NO_TARGET),
        )
    return SheetPlan("Chỉ tiêu", "CHỈ TIÊU VÀ KẾT QUẢ THỰC HIỆN THEO TỪNG GIAI ĐOẠN", blocks)
