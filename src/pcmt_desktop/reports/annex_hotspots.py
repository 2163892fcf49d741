"""The hotspots sheet: counts per sub-area, then every point with its fight period.

Complex points and risk points are counted at the end of the period with their
business / non-business split in the figures; per sub-area the annex shows kinds only,
and the list under it says which point lies in a conditional business.
"""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.reports.annex_blocks import ORDINAL, Measure, Part, number, sub_area_block
from pcmt_desktop.reports.annex_figures import entries, iso_date, section, sub_area_header
from pcmt_desktop.reports.annex_layout import (
    Block,
    Column,
    Kind,
    SheetPlan,
    Value,
    numbered,
    ungrouped,
)

POINTS_CAPTION = "Danh sách điểm, tụ điểm phức tạp và điểm có nguy cơ phức tạp về ma túy"
NO_POINT = "Không có điểm nào."


def _sum(owner: Mapping[str, Any], *keys: str) -> Value:
    values = [number(owner.get(key)) for key in keys]
    present = [value for value in values if isinstance(value, int | float)]
    return sum(present) if present else None


def _yes_no(value: Any) -> str | None:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return None


def _counts(figures: Mapping[str, Any], owner: Mapping[str, Any]) -> Block:
    part = Part(
        entries(owner),
        (
            Measure(
                Column("Điểm, tụ điểm phức tạp", Kind.COUNT, 13),
                "complex",
                _sum(owner, "complex_business", "complex_other"),
            ),
            Measure(
                Column("Điểm có nguy cơ phức tạp", Kind.COUNT, 13),
                "risk",
                _sum(owner, "risk_business", "risk_other"),
            ),
            Measure(
                Column("Đối tượng bán lẻ", Kind.COUNT, 13),
                "retail_sellers",
                number(owner.get("retail_sellers")),
            ),
        ),
    )
    # Hotspots have no comparison period in the figures.
    return sub_area_block([part], sub_area_header(figures), None)


def _points(figures: Mapping[str, Any], owner: Mapping[str, Any]) -> Block:
    points = entries(owner, "complex_points") + entries(owner, "risk_points")
    rows = [
        (
            str(point.get("name") or ""),
            str(point.get("kind_label") or ""),
            _yes_no(point.get("in_business")),
            str(point.get("sub_area") or ""),
            str(point.get("address") or ""),
            iso_date(point.get("entered_on")),
            iso_date(point.get("fight_until")),
        )
        for point in points
    ]
    columns = ungrouped(
        ORDINAL,
        Column("Tên điểm", Kind.TEXT, 28),
        Column("Loại", Kind.TEXT, 22),
        Column("Kinh doanh có điều kiện về ANTT", Kind.TEXT, 14),
        Column(sub_area_header(figures), Kind.TEXT),
        Column("Địa chỉ", Kind.TEXT, 20),
        Column("Ngày đưa vào", Kind.DATE, 12),
        Column("Đấu tranh đến ngày", Kind.DATE, 12),
    )
    return Block((columns,), numbered(rows), caption=POINTS_CAPTION, empty_note=NO_POINT)


def hotspots_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    owner = section(figures, "hotspots")
    if owner is None:
        return None
    return SheetPlan(
        "Điểm phức tạp",
        "ĐIỂM, TỤ ĐIỂM PHỨC TẠP VÀ ĐỐI TƯỢNG BÁN LẺ TRÁI PHÉP CHẤT MA TÚY",
        (_counts(figures, owner), _points(figures, owner)),
    )
