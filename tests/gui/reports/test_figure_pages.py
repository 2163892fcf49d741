"""The preview's tables from a figures object: which figure lands where, written how."""

import json
from pathlib import Path
from typing import Any

import pytest

from pcmt_desktop.gui.reports.area_class_rows import NOT_YEARLY, area_class_table
from pcmt_desktop.gui.reports.figure_pages import figure_pages
from pcmt_desktop.gui.reports.figure_table import (
    FigurePage,
    FigureTable,
    Kind,
    change_text,
    written,
)
from pcmt_desktop.gui.reports.pages_cases import charge_label

SAMPLE = Path(__file__).parents[2] / "reports" / "fixtures" / "figures_sample.json"


@pytest.fixture
def figures() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def page(figures: dict[str, Any], title: str) -> FigurePage:
    return next(p for p in figure_pages(figures) if p.title == title)


def table(figures: dict[str, Any], page_title: str, table_title: str) -> FigureTable:
    return next(t for t in page(figures, page_title).tables if t.title == table_title)


def row(spec: FigureTable, first: str) -> tuple[str, ...]:
    return next(r for r in spec.rows if r[0] == first)


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert written(1402) == "1.402"
    assert written(3) == "3"  # no leading zero in a table column
    assert written(26_500_000, Kind.MONEY) == "26.500.000"
    assert written(5.524, Kind.GRAMS) == "5,524"
    assert written(120.5, Kind.AREA) == "120,5"
    assert written(15.1, Kind.RATE) == "15,1%"
    assert written(None) == written("12") == written(True) == "—"
    assert (change_text(45, 158), change_text(6, 6), change_text(7, 3)) == ("−113", "0", "+4")
    assert change_text(15.1, 8.3, Kind.RATE) == "+6,8%"


def test_the_pages_follow_the_report(figures: dict[str, Any]) -> None:
    assert [p.title for p in figure_pages(figures)] == [
        "Danh sách quản lý",
        "Theo địa bàn",
        "Test ma túy",
        "Hồ sơ CNBB",
        "Sưu tra",
        "Điểm, tụ điểm",
        "Phá nhổ cây",
        "Vụ việc",
        "Chỉ tiêu",
    ]


def test_the_lists_table_has_a_row_per_list_and_the_comparison(figures: dict[str, Any]) -> None:
    lists = table(figures, "Danh sách quản lý", "Số người trong từng diện quản lý")
    assert lists.headers == (
        "Diện quản lý",
        "Trước kỳ",
        "Bổ sung",
        "Thanh loại",
        "Hiện tại",
        "Hiện tại — cùng kỳ năm 2023",
        "Tăng (+), giảm (−)",
    )
    # Seed 001's users: 17 before, 41 added, 13 removed, 45 now.
    assert row(lists, "Người sử dụng trái phép chất ma túy") == (
        "Người sử dụng trái phép chất ma túy",
        "17",
        "41",
        "13",
        "45",
        "158",
        "−113",
    )
    # No comparison was computed for post-rehab persons, nor for custody.
    assert row(lists, "Người bị quản lý sau cai nghiện ma túy")[5:] == ("—", "—")
    assert row(lists, "Người điều trị bằng thuốc thay thế")[1:5] == ("52", "23", "0", "75")
    reasons = table(figures, "Danh sách quản lý", "Bổ sung, thanh loại theo lý do")
    assert ("Nghi sử dụng", "Thanh loại", "Đi khỏi địa phương", "238") in reasons.rows
    assert ("Sử dụng", "Bổ sung", "trong đó chuyển từ diện nghi sử dụng", "41") in reasons.rows
    assert (
        "Nghi sử dụng",
        "Thanh loại",
        "trong đó chuyển sang diện sử dụng",
        "41",
    ) in reasons.rows


def test_without_a_comparison_the_lists_table_has_no_comparison_columns(
    figures: dict[str, Any],
) -> None:
    figures["compare_period"] = None
    lists = table(figures, "Danh sách quản lý", "Số người trong từng diện quản lý")
    assert lists.headers[-1] == "Hiện tại"


def test_per_sub_area_tables_end_with_the_figures_totals(figures: dict[str, Any]) -> None:
    users = table(figures, "Theo địa bàn", "Người sử dụng trái phép chất ma túy")
    assert users.headers[0] == "Xã, thị trấn"  # the office's own word for its sub-areas
    assert users.rows[0] == ("Xã Đồng Mai", "7", "20", "5", "22")
    assert users.rows[-2:] == (
        ("Tổng cộng", "17", "41", "13", "45"),
        ("Cùng kỳ năm 2023", "150", "20", "12", "158"),
    )
    assert users.summary_rows == 2
    rates = table(figures, "Test ma túy", "Test và tỷ lệ dương tính theo địa bàn")
    assert row(rates, "Xã Hòa Tiến") == ("Xã Hòa Tiến", "100", "12", "12%")
    assert rates.rows[-2:] == (
        ("Tổng cộng", "351", "53", "15,1%"),
        ("Cùng kỳ năm 2023", "120", "10", "8,3%"),
    )


def test_cases_by_charge_with_shares_and_by_act_with_fines(figures: dict[str, Any]) -> None:
    by_charge = table(figures, "Vụ việc", "Cơ cấu tội phạm theo tội danh")
    assert by_charge.rows[0] == (
        "Điều 249 — Tàng trữ trái phép chất ma túy",
        "9",
        "64,3%",
        "10",
        "62,5%",
    )
    by_act = table(figures, "Vụ việc", "Vi phạm hành chính theo hành vi")
    assert row(by_act, "Sử dụng trái phép chất ma túy")[1:] == ("6", "6", "4.500.000")
    seized = table(figures, "Vụ việc", "Tang vật thu giữ")
    assert row(seized, "Heroin (gam)") == ("Heroin (gam)", "5,524", "0")
    assert row(seized, "Tiền mặt (đồng)")[1] == "3.510.000"
    criminal = table(figures, "Vụ việc", "Tội phạm về ma túy")
    assert row(criminal, "Số vụ bắt giữ") == ("Số vụ bắt giữ", "14", "20", "−6")
    assert charge_label("256a") == ("Điều 256a — Chứa chấp việc sử dụng trái phép chất ma túy")
    assert charge_label("999") == "Điều 999"


def test_plants_hotspots_dossiers_and_targets(figures: dict[str, Any]) -> None:
    plants = table(figures, "Phá nhổ cây", "Phát hiện, phá nhổ cây có chứa chất ma túy")
    assert row(plants, "Cây thuốc phiện (cây)") == (
        "Cây thuốc phiện (cây)",
        "1.402",
        "2.100",
        "−698",
    )
    assert row(plants, "Tiền phạt (đồng)")[1] == "52.500.000"
    # The sample has no comparison for hotspots: no comparison columns rather than dashes.
    counts = table(figures, "Điểm, tụ điểm", "Điểm, tụ điểm và đối tượng bán lẻ (cuối kỳ)")
    assert counts.headers == ("Nội dung", "Trong kỳ")
    points = table(figures, "Điểm, tụ điểm", "Điểm, tụ điểm phức tạp")
    assert points.rows[0][0] == "Karaoke Ánh Sao"
    assert points.rows[0][2:] == ("Có", "Thôn Đông", "Xã Đồng Mai", "08/11/2024", "08/02/2025")
    sellers = table(figures, "Điểm, tụ điểm", "Đối tượng bán lẻ trái phép chất ma túy")
    assert ("Ngô Văn Bảy", "", "Xã Hòa Tiến") in sellers.rows
    persons = table(figures, "Hồ sơ CNBB", "Người được lập hồ sơ trong kỳ")
    assert persons.rows[0] == ("Đỗ Văn Khải", "1989", "Thôn Đông", "Xã Đồng Mai")
    targets = page(figures, "Chỉ tiêu").tables[0]
    assert targets.title == "Giai đoạn 2 (tuần 1) (15/11/2024 – 21/11/2024)"
    assert targets.headers == (
        "Địa bàn",
        "Số đối tượng test/ngày",
        "Số hồ sơ CNBB",
        "Số án ma túy phát hiện, đấu tranh",
    )
    assert targets.rows[0] == ("Xã Đồng Mai", "0 / 6", "0 / 1", "")


def test_missing_parts_give_empty_tables_that_say_so() -> None:
    pages = figure_pages({"office": {"sub_area_label": "thôn, tổ dân phố"}})
    assert len(pages) == 9
    tests = next(p for p in pages if p.title == "Test ma túy")
    by_area = tests.tables[-1]
    assert by_area.rows == ()
    assert by_area.empty_note == "Không có số liệu trong kỳ."
    assert next(p for p in pages if p.title == "Chỉ tiêu").note.startswith("Chưa có giai đoạn")


def test_area_classes_rows_say_each_criterion_and_the_proposal() -> None:
    criteria = [
        {
            "key": "persons_rate",
            "label": "Tỷ lệ người nghiện … trên số dân",
            "figure_text": "0,59% (06 người)",
            "level_label": "Loại I",
        },
        {"key": "places", "label": "Số điểm …", "figure_text": "0 điểm", "level_label": ""},
    ]
    figures: dict[str, Any] = {
        "area_classes": {
            "period": {"from": "2025-12-15", "to": "2026-12-14"},
            "rules_missing": None,
            "areas": [
                {
                    "name": "Thôn Đông",
                    "is_office": False,
                    "population": 1000,
                    "on_key_route": True,
                    "proposed_label": "Loại II",
                    "criteria": criteria,
                    "reasons": ["Đạt 02 tiêu chí loại I.", "Đạt 03 tiêu chí loại II."],
                },
                {
                    "name": "Công an xã Thử Nghiệm",
                    "is_office": True,
                    "population": None,
                    "on_key_route": True,
                    "proposed_label": "Chưa đề xuất",
                    "criteria": criteria[:1],
                    "reasons": [],
                },
            ],
        }
    }
    view = area_class_table(figures)
    assert [c.header for c in view.criteria] == [
        "Tỷ lệ người nghiện, sử dụng có hồ sơ / dân số",
        "Điểm tổ chức, chứa chấp sử dụng",
    ]
    east, office = view.rows
    assert (east.population, east.on_key_route, east.proposed) == ("1.000", True, "Loại II")
    assert east.cells == ("0,59% (06 người)\nLoại I", "0 điểm")
    assert east.reasons == "Đạt 02 tiêu chí loại I.\nĐạt 03 tiêu chí loại II."
    assert office.is_office
    assert (office.population, office.cells) == ("—", ("0,59% (06 người)\nLoại I", ""))
    assert view.note.startswith("Năm phân loại: từ 15/12/2025 đến 14/12/2026.")
    assert area_class_table({}).note == NOT_YEARLY
    figures["area_classes"]["period"] = {"from": "2026-10-15", "to": "2026-11-14"}
    assert area_class_table(figures).note.startswith(
        "Tính theo kỳ đã chọn (từ 15/10/2026 đến 14/11/2026), không phải năm báo cáo: "
        "chỉ để tham khảo"
    )
    figures["area_classes"]["rules_missing"] = "Chưa có quy định phân loại trước 24/8/2025."
    assert area_class_table(figures).note == "Chưa có quy định phân loại trước 24/8/2025."
