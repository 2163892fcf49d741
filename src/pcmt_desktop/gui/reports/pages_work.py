"""Preview pages of the work done in the period: tests, CNBB dossiers, hotspots and sellers.

Each page starts with the totals (against the same period a year earlier when asked),
then the per-sub-area table the annex carries, then the names the báo cáo lists.
"""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.gui.reports.figure_table import (
    FigurePage,
    FigureTable,
    Kind,
    Metric,
    block,
    compare_label,
    counts_table,
    date_text,
    items,
    metric_table,
    place_text,
    sub_area_table,
)

TEST_METRICS = (
    Metric("Số người được test", "tested"),
    Metric("Số người dương tính", "positive"),
    Metric("Tỷ lệ dương tính", "positive_rate", Kind.RATE),
)
# The figures' keys of tests.by_substance (INTERCHANGE.md §2) and what the registry calls them.
SUBSTANCE_LABELS = {
    "heroin": Substance.HEROIN.label,
    "methamphetamine": Substance.METHAMPHETAMINE.label,
    "mdma": Substance.MDMA.label,
    "ketamine": Substance.KETAMINE.label,
    "can_sa": Substance.CANNABIS.label,
    "khac": Substance.OTHER.label,
}
DOSSIER_METRICS = (
    Metric("Lập hồ sơ", "created"),
    Metric("Chuyển Tòa án", "sent_to_court"),
    Metric("Tòa án quyết định", "decided"),
    Metric("Đưa đi cai nghiện", "executed"),
)
HOTSPOT_METRICS = (
    Metric(
        "Điểm, tụ điểm phức tạp trong cơ sở kinh doanh có điều kiện về ANTT", "complex_business"
    ),
    Metric("Điểm, tụ điểm phức tạp khác", "complex_other"),
    Metric("Điểm có nguy cơ phức tạp trong cơ sở kinh doanh có điều kiện", "risk_business"),
    Metric("Điểm có nguy cơ phức tạp khác", "risk_other"),
    Metric("Đưa vào diện đấu tranh trong kỳ", "entered"),
    Metric("Triệt xóa trong kỳ", "cleared"),
    Metric("Đối tượng bán lẻ trái phép chất ma túy", "retail_sellers"),
)
HOTSPOT_AREA_METRICS = (
    Metric("Điểm, tụ điểm phức tạp", "complex"),
    Metric("Điểm có nguy cơ", "risk"),
    Metric("Đối tượng bán lẻ", "retail_sellers"),
)


def _birth(value: Any) -> str:
    return str(value) if isinstance(value, int) else ""


def tests_page(figures: Mapping[str, Any]) -> FigurePage:
    owner = block(figures, "tests")
    label = compare_label(figures)
    return FigurePage(
        "tests",
        "Test ma túy",
        (
            metric_table(
                "Kết quả test ma túy", TEST_METRICS, owner, block(owner, "compare"), label
            ),
            counts_table(
                "Số người dương tính theo chất",
                ("Chất ma túy", "Số người"),
                block(owner, "by_substance"),
                SUBSTANCE_LABELS,
            ),
            sub_area_table("Test và tỷ lệ dương tính theo địa bàn", figures, owner, TEST_METRICS),
        ),
    )


def dossiers_page(figures: Mapping[str, Any]) -> FigurePage:
    owner = block(figures, "cnbb")
    persons = tuple(
        (
            str(person.get("full_name") or ""),
            _birth(person.get("birth_year")),
            str(person.get("village") or ""),
            place_text(person),
        )
        for person in items(owner, "created_persons")
    )
    return FigurePage(
        "cnbb",
        "Hồ sơ CNBB",
        (
            metric_table(
                "Hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc",
                DOSSIER_METRICS,
                owner,
                block(owner, "compare"),
                compare_label(figures),
            ),
            sub_area_table("Hồ sơ CNBB theo địa bàn", figures, owner, DOSSIER_METRICS),
            FigureTable(
                "Người được lập hồ sơ trong kỳ",
                ("Họ và tên", "Năm sinh", "Thôn, xóm, tổ dân phố", "Địa bàn"),
                persons,
                text_columns=4,
            ),
        ),
    )


def _points_table(title: str, points: list[Mapping[str, Any]]) -> FigureTable:
    rows = tuple(
        (
            str(point.get("name") or ""),
            str(point.get("kind_label") or ""),
            "Có" if point.get("in_business") else "Không",
            str(point.get("address") or ""),
            place_text(point),
            date_text(point.get("entered_on")),
            date_text(point.get("fight_until")),
        )
        for point in points
    )
    return FigureTable(
        title,
        (
            "Tên điểm",
            "Loại",
            "Trong cơ sở kinh doanh có điều kiện",
            "Địa chỉ",
            "Địa bàn",
            "Ngày đưa vào",
            "Đấu tranh đến",
        ),
        rows,
        text_columns=7,
        empty_note="Không có điểm nào.",
    )


def hotspots_page(figures: Mapping[str, Any]) -> FigurePage:
    owner = block(figures, "hotspots")
    sellers = tuple(
        (
            str(seller.get("full_name") or ""),
            _birth(seller.get("birth_year")),
            place_text(seller),
        )
        for seller in items(owner, "sellers")
    )
    return FigurePage(
        "hotspots",
        "Điểm, tụ điểm",
        (
            metric_table(
                "Điểm, tụ điểm và đối tượng bán lẻ (cuối kỳ)",
                HOTSPOT_METRICS,
                owner,
                block(owner, "compare"),
                compare_label(figures),
            ),
            sub_area_table("Theo địa bàn", figures, owner, HOTSPOT_AREA_METRICS, with_total=False),
            _points_table("Điểm, tụ điểm phức tạp", items(owner, "complex_points")),
            _points_table("Điểm có nguy cơ phức tạp", items(owner, "risk_points")),
            FigureTable(
                "Đối tượng bán lẻ trái phép chất ma túy",
                ("Họ và tên", "Năm sinh", "Địa bàn"),
                sellers,
                text_columns=3,
                empty_note="Không có đối tượng bán lẻ nào.",
            ),
        ),
    )
