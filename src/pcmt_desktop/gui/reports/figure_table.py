"""The preview's tables as plain text, built from the figures JSON before any widget exists.

Every preview table is a title, a header and rows of already written cells, so the rules
"which figure goes where and how it reads" are tested without Qt, and one widget shows
them all. Numbers are written the way the báo cáo writes them ("1.402", "13,6%",
"5,524"), without the leading zero of running text: a "03" in a column reads oddly.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pcmt_desktop.domain.number_text import format_decimal, format_whole
from pcmt_desktop.domain.report_text import percent, short_date

MISSING = "—"
TOTAL_LABEL = "Tổng cộng"
CHANGE_HEADER = "Tăng (+), giảm (−)"


class Kind(Enum):
    """How a figure is written in a cell."""

    COUNT = "count"  # 1.402
    MONEY = "money"  # 26.500.000 (the header says "đồng")
    GRAMS = "grams"  # 5,524
    AREA = "area"  # 120,5
    RATE = "rate"  # 15,1%
    DECIMAL = "decimal"  # 1,5 (a target of tests per day)


_PLACES = {Kind.GRAMS: 3, Kind.AREA: 2, Kind.RATE: 1, Kind.DECIMAL: 2}


def written(value: Any, kind: Kind = Kind.COUNT) -> str:
    """A figure as the officer reads it; anything that is not a number is "—"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return MISSING
    if kind is Kind.RATE:
        return percent(float(value))
    if kind in (Kind.COUNT, Kind.MONEY) and float(value).is_integer():
        return format_whole(int(value))
    return format_decimal(float(value), _PLACES.get(kind, 3))


def change_text(now: Any, before: Any, kind: Kind = Kind.COUNT) -> str:
    """ "+3", "−2", "+6,8%" or "0": the figure against the same period a year earlier."""
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (now, before)):
        return MISSING
    difference = now - before
    if difference == 0:
        return "0"
    sign = "+" if difference > 0 else "−"
    if kind is Kind.RATE:
        return f"{sign}{format_decimal(abs(difference), 1)}%"
    return sign + written(abs(difference), kind)


def date_text(value: Any) -> str:
    """An ISO date of the figures as dd/mm/yyyy; empty when absent."""
    if isinstance(value, str) and value:
        return short_date(value)
    return short_date(value) if isinstance(value, date) else ""


@dataclass(frozen=True)
class FigureTable:
    """One read-only table: ``text_columns`` leading columns are text, the rest figures.

    ``summary_rows`` trailing rows are totals (drawn bold); ``empty_note`` stands in for
    the rows when there are none, so an empty table says why rather than look broken.
    """

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    text_columns: int = 1
    summary_rows: int = 0
    empty_note: str = "Không có số liệu trong kỳ."


@dataclass(frozen=True)
class FigurePage:
    """A sub-tab of the preview: its name and its tables, top to bottom."""

    key: str
    title: str
    tables: tuple[FigureTable, ...] = field(default_factory=tuple)
    note: str = ""


@dataclass(frozen=True)
class Metric:
    """A figure read from a block of the figures (``key``) and how it is written."""

    label: str
    key: str
    kind: Kind = Kind.COUNT


def block(figures: Mapping[str, Any] | None, *path: str) -> Mapping[str, Any]:
    """The object at ``path``; empty when any step is missing (older or smaller figures)."""
    current: Any = figures or {}
    for key in path:
        current = current.get(key) if isinstance(current, Mapping) else None
    return current if isinstance(current, Mapping) else {}


def items(owner: Mapping[str, Any], key: str = "by_sub_area") -> list[Mapping[str, Any]]:
    value = owner.get(key)
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def place_text(row: Mapping[str, Any]) -> str:
    """A listed row's sub-area; at the level above, followed by the office it comes from."""
    sub_area = str(row.get("sub_area") or "")
    office = str(row.get("office") or "")
    return f"{sub_area} ({office})" if office else sub_area


def compare_label(figures: Mapping[str, Any]) -> str | None:
    """ "Cùng kỳ năm 2023" when the figures hold a comparison period, else None."""
    end = block(figures, "compare_period").get("to")
    return f"Cùng kỳ năm {end[:4]}" if isinstance(end, str) and len(end) >= 4 else None


def sub_area_header(figures: Mapping[str, Any]) -> str:
    """The office's word for its sub-areas as a header: "thôn, tổ dân phố" → "Thôn, tổ dân phố"."""
    label = str(block(figures, "office").get("sub_area_label") or "địa bàn").strip()
    return label[:1].upper() + label[1:]


def metric_table(
    title: str,
    metrics: Sequence[Metric],
    now: Mapping[str, Any],
    earlier: Mapping[str, Any] | None,
    compare: str | None,
) -> FigureTable:
    """Rows = figures; columns = this period, and the same period a year earlier if asked."""
    with_compare = compare is not None and bool(earlier)
    headers: tuple[str, ...] = ("Nội dung", "Trong kỳ")
    if with_compare:
        headers += (str(compare), CHANGE_HEADER)
    rows = []
    for metric in metrics:
        value = now.get(metric.key)
        row: tuple[str, ...] = (metric.label, written(value, metric.kind))
        if with_compare and earlier:
            old = earlier.get(metric.key)
            row += (written(old, metric.kind), change_text(value, old, metric.kind))
        rows.append(row)
    return FigureTable(title, headers, tuple(rows))


def sub_area_table(
    title: str,
    figures: Mapping[str, Any],
    owner: Mapping[str, Any],
    metrics: Sequence[Metric],
    *,
    row_key: Callable[[Metric], str] = lambda metric: metric.key,
    with_total: bool = True,
) -> FigureTable:
    """Rows = sub-areas (in the figures' order), then "Tổng cộng" and the cùng kỳ row.

    The total row carries the figures' own totals (``owner[metric.key]``), as the annex
    does: the program is the source of the figures, not a sum of what is shown.
    """
    headers = (sub_area_header(figures), *(metric.label for metric in metrics))
    rows = [
        (
            str(row.get("sub_area") or "(không rõ địa bàn)"),
            *(written(row.get(row_key(metric)), metric.kind) for metric in metrics),
        )
        for row in items(owner)
    ]
    summary = []
    if with_total and rows:
        summary.append(
            (TOTAL_LABEL, *(written(owner.get(metric.key), metric.kind) for metric in metrics))
        )
        earlier = block(owner, "compare")
        label = compare_label(figures)
        if label is not None and earlier:
            summary.append((label, *(written(earlier.get(m.key), m.kind) for m in metrics)))
    return FigureTable(title, headers, (*rows, *summary), summary_rows=len(summary))


def counts_table(
    title: str, headers: tuple[str, str], counts: Mapping[str, Any], labels: Mapping[str, str]
) -> FigureTable:
    """Two columns: a reason (or act, substance…) and its count, in the figures' order."""
    rows = tuple((labels.get(key, key), written(value)) for key, value in counts.items())
    return FigureTable(title, headers, rows)
