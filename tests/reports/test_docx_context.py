"""What the báo cáo templates get to say: the context built from figures and narrative."""

import json
from pathlib import Path
from typing import Any

import pytest

from pcmt_desktop.reports.docx_context import NarrativeError, build_context
from pcmt_desktop.reports.docx_filters import ParagraphText, inline_place, lower_first
from pcmt_desktop.reports.docx_phrases import movement
from pcmt_desktop.reports.template_catalog import (
    BUILTIN_TEMPLATES,
    CAO_DIEM,
    SO_KET,
    UnknownTemplateError,
    builtin_template,
    template_path,
)

SAMPLE = Path(__file__).parent / "fixtures" / "figures_sample.json"


def sample_figures() -> dict[str, Any]:
    figures: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return figures


def with_period(start: str, end: str) -> dict[str, Any]:
    figures = sample_figures()
    figures["period"] = {"from": start, "to": end}
    return figures


def test_catalog_names_both_templates_and_finds_their_files() -> None:
    assert [spec.name for spec in BUILTIN_TEMPLATES] == ["so-ket", "cao-diem"]
    assert SO_KET.title == "Báo cáo sơ kết, tổng kết định kỳ"
    assert CAO_DIEM.title == "Báo cáo giai đoạn cao điểm"
    for spec in BUILTIN_TEMPLATES:
        assert template_path(spec.name).is_file()
        assert len(set(spec.keys)) == len(spec.keys)
        for common in ("co_quan_chu_quan", "co_quan", "so_ky_hieu", "can_cu", "noi_nhan"):
            assert common in spec.keys
    assert SO_KET.field("noi_nhan").multiline
    assert not SO_KET.field("so_ky_hieu").multiline
    with pytest.raises(UnknownTemplateError, match="so-ket, cao-diem"):
        builtin_template("tong-ket")


def test_the_heading_comes_from_the_office_until_the_officer_writes_it() -> None:
    context = build_context(sample_figures(), {}, SO_KET)
    n = context["n"]
    assert (n["co_quan_chu_quan"], n["co_quan"], n["dia_danh"]) == (
        "CÔNG AN TỈNH NAM HÒA",
        "CÔNG AN HUYỆN SƠN HÀ",
        "Sơn Hà",
    )
    assert n["chuc_vu_ky"] == "TRƯỞNG CÔNG AN HUYỆN SƠN HÀ"
    assert context["date_line"] == "Sơn Hà, ngày      tháng      năm 2024"
    assert context["recipients"] == ["Công an tỉnh Nam Hòa;", "Lưu: VT."]
    typed = build_context(
        sample_figures(), {"co_quan": "Công an xã Đồng Mai", "dia_danh": "Đồng Mai"}, SO_KET
    )
    assert typed["n"]["co_quan"] == "CÔNG AN XÃ ĐỒNG MAI"
    assert typed["date_line"].startswith("Đồng Mai, ngày")


def test_the_report_date_is_read_as_a_vietnamese_date() -> None:
    context = build_context(sample_figures(), {"ngay_bao_cao": "15/6/2024"}, SO_KET)
    assert context["date_line"] == "Sơn Hà, ngày 15 tháng 6 năm 2024"
    with pytest.raises(NarrativeError, match="31/02/2024"):
        build_context(sample_figures(), {"ngay_bao_cao": "31/02/2024"}, SO_KET)


@pytest.mark.parametrize(
    ("start", "end", "this", "following"),
    [
        ("2023-12-15", "2024-06-14", "6 tháng đầu năm 2024", "6 tháng cuối năm 2024"),
        ("2023-12-15", "2024-12-14", "năm 2024", "năm 2025"),
        ("2024-09-15", "2024-12-14", "quý IV năm 2024", "quý I năm 2025"),
        ("2024-10-15", "2024-11-14", "tháng 11 năm 2024", "tháng 12 năm 2024"),
        ("2023-12-15", "2024-09-14", "9 tháng năm 2024", "quý IV năm 2024"),
        # Any other dates: the officer names the period, or the text stays general.
        ("2023-12-15", "2024-05-31", "trong kỳ", "thời gian tới"),
    ],
)
def test_a_preset_period_names_itself_and_the_next(
    start: str, end: str, this: str, following: str
) -> None:
    n = build_context(with_period(start, end), {}, SO_KET)["n"]
    assert (n["ky_bao_cao"], n["ky_tiep_theo"]) == (this, following)
    named = build_context(with_period(start, end), {"ky_bao_cao": "6 tháng"}, SO_KET)["n"]
    assert named["ky_bao_cao"] == "6 tháng"


def test_multiline_fields_are_paragraphs_and_single_lines_are_tidied() -> None:
    context = build_context(
        sample_figures(),
        {
            "uu_diem": "Một.\r\n\r\n  Hai & ba  \n",
            "can_cu": "Thực hiện Kế hoạch số 12/KH-CAT;  ",
            "nguoi_ky": "  Thượng tá   Trần Minh Khang ",
            "noi_nhan": "- Như trên;\n\n+ Lưu: VT.",
        },
        SO_KET,
    )
    n = context["n"]
    assert n["uu_diem"] == ParagraphText("Một.\nHai & ba")
    assert n["uu_diem"].__html__() == "Một.\aHai &amp; ba"
    assert not n["tuyen_truyen"]
    assert n["can_cu"] == "Thực hiện Kế hoạch số 12/KH-CAT"
    assert n["nguoi_ky"] == "Thượng tá Trần Minh Khang"
    assert context["recipients"] == ["Như trên;", "Lưu: VT."]


def test_comparisons_are_empty_without_a_comparison_period() -> None:
    with_compare = build_context(sample_figures(), {}, CAO_DIEM)
    assert with_compare["compare_year"] == 2023
    assert with_compare["cmp"]["criminal"] == "giảm 06 vụ, 09 đối tượng so với cùng kỳ năm 2023"
    assert with_compare["cmp"]["drug_free"] == "tăng 01 xã, thị trấn so với cùng kỳ năm 2023"
    # The sample has no comparison for post-rehab persons.
    assert with_compare["cmp"]["sau_cai"] == ""
    figures = sample_figures()
    figures["compare_period"] = None
    without = build_context(figures, {}, CAO_DIEM)
    assert without["compare_year"] is None
    assert set(without["cmp"].values()) == {""}


def test_a_move_between_lists_names_the_other_list() -> None:
    owner = {
        "added": 5,
        "removed": 9,
        "added_by_reason": {"Chuyển từ danh sách khác": 3, "Test dương tính": 2},
        "added_from_list": {"nghi_nghien": 3},
        "removed_by_reason": {"Chuyển sang danh sách khác": 9},
        "removed_to_list": {"nghien": 4, "sau_cai": 2},
    }
    assert movement(owner) == (
        "Bổ sung 05 người (trong đó 03 chuyển từ danh sách người nghi nghiện ma túy, "
        "02 test dương tính); thanh loại 09 người (trong đó 04 chuyển sang danh sách người "
        "nghiện ma túy, 02 chuyển sang danh sách người bị quản lý sau cai nghiện ma túy, "
        "03 chuyển sang danh sách khác)"
    )


def test_targets_become_one_table_per_phase() -> None:
    figures = sample_figures()
    figures["targets"]["phases"].append(
        {"name": "Giai đoạn 3", "from": "2024-12-15", "to": "2025-05-15", "rows": []}
    )
    targets = build_context(figures, {}, CAO_DIEM)["targets"]
    first, second = targets["phases"]
    assert first["number"] == 1
    assert first["rows"][1] == {
        "number": 2,
        "sub_area": "Xã Hòa Tiến",
        "tests_per_day": "",
        "dossiers": "",
        "surveillance_openings": "",
        "cases": "01",
    }
    assert second == {
        "number": 2,
        "name": "Giai đoạn 3",
        "from": "15/12/2024",
        "to": "15/05/2025",
        "rows": [],
        "total": dict.fromkeys(("tests_per_day", "dossiers", "surveillance_openings", "cases"), ""),
    }
    assert targets["without"] == "Thị trấn Sơn Hà"


def test_the_lowest_rates_are_those_under_the_office_rate_lowest_first() -> None:
    figures = sample_figures()
    figures["tests"]["by_sub_area"].append(
        {"sub_area": "Thôn Bắc", "tested": 0, "positive": 0, "positive_rate": 0.0}
    )
    tests = build_context(figures, {}, CAO_DIEM)["tests"]
    assert tests["lowest"] == "thị trấn Sơn Hà (2%), xã Hòa Tiến (12%)"
    assert tests["untested"] == "thôn Bắc"


def test_place_names_and_reasons_are_written_inside_a_sentence() -> None:
    assert inline_place("Thị trấn Sơn Hà") == "thị trấn Sơn Hà"
    assert inline_place("Tổ dân phố 2") == "tổ dân phố 2"
    assert inline_place("Đồng Mai") == "Đồng Mai"
    assert lower_first("Hết thời gian quản lý") == "hết thời gian quản lý"
    assert lower_first("CNBB") == "CNBB"


def test_an_empty_figures_object_still_gives_every_name() -> None:
    context = build_context({}, {}, CAO_DIEM)
    assert context["office"]["name"] == "Đơn vị"
    assert context["period"]["from"] == ""
    assert context["roster"][0]["movement"] == "Không bổ sung; không thanh loại"
    assert context["area_classes"] is None
    assert context["targets"] == {"phases": [], "without": ""}


def test_a_fractional_target_of_tests_a_day_is_written_with_its_decimal() -> None:
    figures = sample_figures()
    rows = figures["targets"]["phases"][0]["rows"]
    rows[:] = [
        {"sub_area": "Xã Đồng Mai", "measure": "tests_per_day", "target": 0.3, "actual": 0},
        {"sub_area": "Xã Hòa Tiến", "measure": "tests_per_day", "target": 0.5, "actual": 0},
        {"sub_area": "Xã Hòa Tiến", "measure": "dossiers", "target": 2, "actual": 0},
    ]
    (phase,) = build_context(figures, {}, CAO_DIEM)["targets"]["phases"]
    assert [row["tests_per_day"] for row in phase["rows"]] == ["0,3", "0,5"]
    assert phase["total"]["tests_per_day"] == "0,8"
    assert phase["total"]["dossiers"] == "02"
