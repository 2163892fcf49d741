"""Reading the figures JSON for the annex: sub-area order, dates, the lines on top.

The figures arrive as plain JSON (INTERCHANGE.md §2 plus added keys), so every reader
here tolerates a key that an older or smaller figures object leaves out.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from pcmt_desktop.domain.report_text import short_date
from pcmt_desktop.reports.annex_layout import TopMatter

TOTAL_LABEL = "Tổng cộng"


def section(figures: Mapping[str, Any], *path: str) -> Mapping[str, Any] | None:
    """The object at ``path`` (e.g. "cases", "criminal"), or None when any step is missing."""
    current: Any = figures
    for key in path:
        if not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return current if isinstance(current, Mapping) else None


def entries(owner: Mapping[str, Any] | None, key: str = "by_sub_area") -> list[Mapping[str, Any]]:
    """The list at ``owner[key]`` (per-sub-area rows, points, phases); empty when absent."""
    if owner is None:
        return []
    value = owner.get(key)
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def sub_area_names(*row_lists: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every sub-area named in the rows, in the order first met.

    The figures list sub-areas in the office's order; a list that leaves one out (no
    person ever on it) must still give that sub-area its row of zeros elsewhere.
    """
    names: dict[str, None] = {}
    for rows in row_lists:
        for row in rows:
            name = row.get("sub_area")
            if isinstance(name, str):
                names.setdefault(name, None)
    return list(names)


def by_name(rows: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {str(row.get("sub_area")): row for row in rows}


def iso_date(value: Any) -> date | None:
    """An ISO date string of the figures as a date (None stays None)."""
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def sub_area_header(figures: Mapping[str, Any]) -> str:
    """The office's word for its sub-areas as a column header: "xã, thị trấn" → "Xã, thị trấn"."""
    office = section(figures, "office") or {}
    label = str(office.get("sub_area_label") or "địa bàn").strip()
    return label[:1].upper() + label[1:]


def period_line(period: Mapping[str, Any] | None) -> str:
    """ "Từ ngày 15/10/2024 đến ngày 12/11/2024" (empty when the period is unknown)."""
    start = iso_date((period or {}).get("from"))
    end = iso_date((period or {}).get("to"))
    if start is None or end is None:
        return ""
    return f"Từ ngày {short_date(start)} đến ngày {short_date(end)}"


def compare_label(figures: Mapping[str, Any]) -> str | None:
    """ "Cùng kỳ năm 2023" when the figures hold a comparison period, else None."""
    end = iso_date((section(figures, "compare_period") or {}).get("to"))
    return None if end is None else f"Cùng kỳ năm {end.year}"


def top_matter(figures: Mapping[str, Any], title: str, made_on: date) -> TopMatter:
    """What every sheet shows above its table: who issues it, for which report and period."""
    office = section(figures, "office") or {}
    issuer = tuple(
        text.upper()
        for text in (str(office.get(key) or "").strip() for key in ("parent_name", "name"))
        if text
    )
    return TopMatter(
        issuer=issuer,
        attached_to=f"(Kèm theo {title.strip()})" if title.strip() else None,
        period=period_line(section(figures, "period")),
        made=f"Ngày lập: {short_date(made_on)}",
    )
