"""The four pictures of a figures object, as chart descriptions (``reports.charts``).

Built from any figures-like mapping — a báo cáo's figures, the level above's combined
figures, the overview's twelve months — so the overview's pictures, their PNG files and
the annex's charts all show the same numbers. A chart whose figures are absent (an older
figures object, a classification without thresholds) is left out rather than drawn as
zeros that were never counted; a chart whose figures are all zero is kept and says so.

Pure: no Qt, no openpyxl.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from pcmt_desktop.domain.area_classes import AreaClass
from pcmt_desktop.domain.hotspots import HotspotState
from pcmt_desktop.domain.report_text import count, percent, short_date
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.annex_figures import entries, iso_date, section
from pcmt_desktop.reports.charts import Chart, ChartKind, RateLine, Series, Tile

__all__ = ["NOT_PROPOSED", "charts_of", "class_legend", "tile_label"]

LIST_SIZES_TITLE = "Số người trong các diện quản lý theo tháng"
TESTS_TITLE = "Test ma túy và tỷ lệ dương tính theo {label}"
HOTSPOTS_TITLE = "Điểm, tụ điểm theo tình trạng"
AREAS_TITLE = "Phân loại địa bàn theo Quyết định 28/2025/QĐ-TTg"
TESTED_NAME = "Số người được test"
POSITIVE_NAME = "Số người dương tính"
RATE_NAME = "Tỷ lệ dương tính (%)"
HOTSPOTS_NAME = "Số điểm, tụ điểm"
NOT_PROPOSED = "Chưa đề xuất"
# A tile names its class as officers say it ("xã không ma túy", DOMAIN.md): the decision's
# "Không có tệ nạn ma túy" does not fit a small tile. The legend keeps the full wording.
SHORT_CLASS_LABELS = {AreaClass.DRUG_FREE: "Không ma túy"}
# The figures' word for sub-areas when the office has not set one.
DEFAULT_SUB_AREA_LABEL = "địa bàn"


def _whole(value: Any) -> float:
    """A count of the figures as a chart value; anything that is not a number counts 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def _period_text(period: Mapping[str, Any] | None) -> str:
    """ "Từ 15/11/2025 đến 14/11/2026"; empty when the period is unknown."""
    start = iso_date((period or {}).get("from"))
    end = iso_date((period or {}).get("to"))
    if start is None or end is None:
        return ""
    return f"Từ {short_date(start)} đến {short_date(end)}"


def _day_text(day: date | None) -> str:
    return "" if day is None else f"Tính đến ngày {short_date(day)}"


def _month_label(day: date) -> str:
    return f"{day.month:02d}/{day.year}"


def list_sizes_chart(figures: Mapping[str, Any]) -> Chart | None:
    """One line per list over the twelve month ends of ``trends.list_sizes``."""
    sizes = (section(figures, "trends") or {}).get("list_sizes")
    if not isinstance(sizes, Mapping):
        return None
    # Sorted by day: the level above's combine may hand the days back in any order.
    days = sorted(
        (day, counts)
        for key, counts in sizes.items()
        if (day := iso_date(key)) is not None and isinstance(counts, Mapping)
    )
    last = days[-1][0] if days else None
    return Chart(
        key="list-sizes",
        kind=ChartKind.LINE,
        title=LIST_SIZES_TITLE,
        subtitle=f"Số người ở cuối mỗi tháng, {_day_text(last).lower()}" if last else "",
        categories=tuple(_month_label(day) for day, _ in days),
        series=tuple(
            Series(item.short_label, tuple(_whole(counts.get(item.value)) for _, counts in days))
            for item in ManagementList
        ),
        value_label="người",
        empty_text="Chưa có ai trong các diện quản lý.",
    )


def _tests_subtitle(figures: Mapping[str, Any], tests: Mapping[str, Any]) -> str:
    """The period and the office's own totals, which the bars per sub-area leave out."""
    parts = [_period_text(section(figures, "period"))]
    tested, positive = tests.get("tested"), tests.get("positive")
    if isinstance(tested, int) and isinstance(positive, int) and tested > 0:
        rate = tests.get("positive_rate")
        rate_text = f" ({percent(rate)})" if isinstance(rate, int | float) else ""
        parts.append(
            f"tổng số {count(tested)} người được test, {count(positive)} dương tính{rate_text}"
        )
    return "; ".join(part for part in parts if part)


def _rate(row: Mapping[str, Any]) -> float | None:
    """The row's positive rate in percent; None when nobody was tested (no rate to show)."""
    rate = row.get("positive_rate")
    if _whole(row.get("tested")) == 0 or isinstance(rate, bool):
        return None
    return float(rate) if isinstance(rate, int | float) else None


def tests_chart(figures: Mapping[str, Any]) -> Chart | None:
    """Persons tested and positive per sub-area as bars, the positive rate as a line."""
    tests = section(figures, "tests")
    if tests is None or not isinstance(tests.get("by_sub_area"), list):
        return None
    rows = entries(tests)
    office = section(figures, "office") or {}
    label = str(office.get("sub_area_label") or "").strip() or DEFAULT_SUB_AREA_LABEL
    return Chart(
        key="tests-by-sub-area",
        kind=ChartKind.BAR,
        title=TESTS_TITLE.format(label=label),
        subtitle=_tests_subtitle(figures, tests),
        categories=tuple(str(row.get("sub_area") or "") for row in rows),
        series=(
            Series(TESTED_NAME, tuple(_whole(row.get("tested")) for row in rows)),
            Series(POSITIVE_NAME, tuple(_whole(row.get("positive")) for row in rows)),
        ),
        value_label="người",
        rate_line=RateLine(RATE_NAME, tuple(_rate(row) for row in rows)),
        empty_text="Chưa có ai được test trong kỳ.",
    )


def hotspots_chart(figures: Mapping[str, Any]) -> Chart | None:
    """The hotspots entered by the period's end, by their state on that day."""
    by_state = section(figures, "hotspots", "by_state")
    if by_state is None:
        return None
    end = iso_date((section(figures, "period") or {}).get("to"))
    return Chart(
        key="hotspots-by-state",
        kind=ChartKind.BAR,
        title=HOTSPOTS_TITLE,
        subtitle=_day_text(end),
        categories=tuple(state.label for state in HotspotState),
        series=(Series(HOTSPOTS_NAME, tuple(_whole(by_state.get(s.value)) for s in HotspotState)),),
        value_label="điểm",
        empty_text="Chưa có điểm, tụ điểm nào.",
    )


def _proposed(area: Mapping[str, Any]) -> AreaClass | None:
    value = area.get("proposed")
    known = {item.value: item for item in AreaClass}
    return known.get(value) if isinstance(value, str) else None


def tile_label(proposed: AreaClass) -> str:
    """The class as written on a tile: short, yet the class's own words."""
    return SHORT_CLASS_LABELS.get(proposed, proposed.label)


def class_legend() -> tuple[tuple[str, int | None], ...]:
    """Each tile colour (by severity) with its class in full: gravest first, then none.

    Every class is listed whichever appear, so the key reads the same every month; the
    screen, the PNG files and the annex all draw this one list.
    """
    classes = sorted(AreaClass, key=lambda item: item.severity, reverse=True)
    return (*((item.label, item.severity) for item in classes), (NOT_PROPOSED, None))


def _tile(area: Mapping[str, Any]) -> Tile:
    proposed = _proposed(area)
    if proposed is None:
        # The figures' own words for why there is no class ("Chưa đủ dữ liệu").
        label = str(area.get("proposed_label") or NOT_PROPOSED)
    else:
        label = tile_label(proposed)
    return Tile(
        name=str(area.get("name") or ""),
        label=label,
        severity=None if proposed is None else proposed.severity,
    )


def area_classes_chart(figures: Mapping[str, Any]) -> Chart | None:
    """One tile per sub-area (not the office as a whole) with its proposed class."""
    owner = section(figures, "area_classes")
    # Without thresholds nothing was classified: no picture rather than all grey.
    if owner is None or owner.get("rules_missing"):
        return None
    return Chart(
        key="area-classes",
        kind=ChartKind.TILES,
        title=AREAS_TITLE,
        subtitle=_period_text(section(owner, "period")),
        tiles=tuple(_tile(area) for area in entries(owner, "areas") if not area.get("is_office")),
        empty_text="Chưa có địa bàn nào.",
    )


CHARTS: tuple[Callable[[Mapping[str, Any]], Chart | None], ...] = (
    list_sizes_chart,
    tests_chart,
    hotspots_chart,
    area_classes_chart,
)


def charts_of(figures: Mapping[str, Any]) -> list[Chart]:
    """The charts ``figures`` holds the numbers of, in the order the báo cáo tells them."""
    return [chart for build in CHARTS if (chart := build(figures)) is not None]
