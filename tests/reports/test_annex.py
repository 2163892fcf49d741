"""The annex workbook as a whole: its sheets, the lines on top, print setup, safe writing.

Every test writes a real .xlsx with ``write_annex`` and opens it back with openpyxl.
"""

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pcmt_desktop.interchange.export import ExportError
from pcmt_desktop.reports.annex import write_annex

SAMPLE = Path(__file__).parent / "fixtures" / "figures_sample.json"
TITLE = "Báo cáo kết quả giai đoạn cao điểm"
MADE = date(2024, 11, 14)
ALL_SHEETS = [
    "Danh sách quản lý",
    "Điều trị thay thế",
    "Cơ sở giam giữ",
    "Test ma túy",
    "Hồ sơ CNBB",
    "Điểm phức tạp",
    "Phá nhổ cây",
    "Vụ việc",
    "Chỉ tiêu",
    "Phân loại địa bàn",
    "Biểu đồ",  # the overview's pictures, drawn from the same figures (annex_charts)
]


def sample() -> dict[str, Any]:
    figures: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return figures


def with_area_classes(figures: dict[str, Any]) -> dict[str, Any]:
    """The sample plus a yearly classification of two sub-areas and the office."""
    result = copy.deepcopy(figures)
    result["area_classes"] = {
        "period": {"from": "2023-12-15", "to": "2024-12-14"},
        "areas": [
            {
                "name": "Xã Đồng Mai",
                "is_office": False,
                "population": 5400,
                "on_key_route": True,
                "proposed": "loai_1",
                "proposed_label": "Loại I",
                "criteria": [
                    {
                        "key": "persons_rate",
                        "label": "Tỷ lệ người nghiện, sử dụng có hồ sơ trên số dân",
                        "figure_text": "0,59%",
                        "level": "loai_1",
                        "level_label": "Loại I",
                    },
                    {
                        "key": "places",
                        "label": "Số điểm tổ chức, chứa chấp",
                        "figure_text": "02 điểm",
                        "level": None,
                        "level_label": "",
                    },
                ],
                "reasons": ["Đạt 03 tiêu chí loại I."],
            },
            {
                "name": "Thị trấn Sơn Hà",
                "is_office": False,
                "population": None,
                "on_key_route": False,
                "proposed": None,
                "proposed_label": "Chưa đề xuất",
                "criteria": [],
                "reasons": [],
            },
            {
                "name": "Công an huyện Sơn Hà",
                "is_office": True,
                "population": 21000,
                "on_key_route": True,
                "proposed": "loai_2",
                "proposed_label": "Loại II",
                # Another order, and a label the first area's wins over.
                "criteria": [
                    {"key": "places", "label": "Điểm", "figure_text": "03 điểm", "level": "loai_2"},
                    {
                        "key": "persons_rate",
                        "label": "Tỷ lệ",
                        "figure_text": "0,30%",
                        "level": "loai_2",
                        "level_label": "Loại II",
                    },
                ],
                "reasons": [],
            },
        ],
    }
    return result


def write(tmp_path: Path, figures: dict[str, Any], title: str = TITLE) -> Any:
    out = tmp_path / "phu-luc.xlsx"
    write_annex(figures, out, title=title, made_on=MADE)
    return load_workbook(out)


def test_one_sheet_per_table_in_the_reports_order(tmp_path: Path) -> None:
    assert write(tmp_path, with_area_classes(sample())).sheetnames == ALL_SHEETS


def test_the_classification_sheet_only_comes_with_area_classes(tmp_path: Path) -> None:
    assert write(tmp_path, sample()).sheetnames == [*ALL_SHEETS[:-2], "Biểu đồ"]


def test_sections_absent_from_the_figures_are_left_out_not_shown_as_zeros(
    tmp_path: Path,
) -> None:
    figures = sample()
    del figures["custody"], figures["targets"]
    names = write(tmp_path, figures).sheetnames
    assert "Cơ sở giam giữ" not in names
    assert "Chỉ tiêu" not in names
    assert "Danh sách quản lý" in names


def column_a(ws: Any, rows: int = 8) -> list[Any]:
    return [ws.cell(row=row, column=1).value for row in range(1, rows + 1)]


def test_every_sheet_names_the_office_report_title_period_and_date(tmp_path: Path) -> None:
    workbook = write(tmp_path, with_area_classes(sample()))
    titles = {}
    for ws in workbook.worksheets:
        top = column_a(ws)
        assert top[:3] == [
            "CÔNG AN TỈNH NAM HÒA",
            "CÔNG AN HUYỆN SƠN HÀ",
            "(Kèm theo Báo cáo kết quả giai đoạn cao điểm)",
        ]
        assert top[3] is None
        titles[ws.title] = top[4]
        expected_period = (
            "Từ ngày 15/12/2023 đến ngày 14/12/2024"
            if ws.title == "Phân loại địa bàn"
            else "Từ ngày 15/10/2024 đến ngày 12/11/2024"
        )
        assert top[5:7] == [expected_period, "Ngày lập: 14/11/2024"]
        assert ws["A2"].font.b
        assert ws["A5"].font.b
    assert titles == {
        "Danh sách quản lý": "SỐ NGƯỜI TRONG DANH SÁCH QUẢN LÝ THEO TỪNG DIỆN",
        "Điều trị thay thế": "NGƯỜI NGHIỆN ĐIỀU TRỊ BẰNG THUỐC THAY THẾ",
        "Cơ sở giam giữ": "NGƯỜI Ở TRẠI GIAM, CƠ SỞ GIÁO DỤC BẮT BUỘC, TRƯỜNG GIÁO DƯỠNG",
        "Test ma túy": "KẾT QUẢ TEST MA TÚY",
        "Hồ sơ CNBB": "HỒ SƠ ĐỀ NGHỊ ĐƯA VÀO CƠ SỞ CAI NGHIỆN BẮT BUỘC (CNBB)",
        "Điểm phức tạp": "ĐIỂM, TỤ ĐIỂM PHỨC TẠP VÀ ĐỐI TƯỢNG BÁN LẺ TRÁI PHÉP CHẤT MA TÚY",
        "Phá nhổ cây": "PHÁT HIỆN, PHÁ NHỔ CÂY CÓ CHỨA CHẤT MA TÚY",
        "Vụ việc": "PHÁT HIỆN, XỬ LÝ VI PHẠM PHÁP LUẬT VỀ MA TÚY",
        "Chỉ tiêu": "CHỈ TIÊU VÀ KẾT QUẢ THỰC HIỆN THEO TỪNG GIAI ĐOẠN",
        "Phân loại địa bàn": ("ĐỀ XUẤT PHÂN LOẠI ĐỊA BÀN VỀ MA TÚY (QUYẾT ĐỊNH SỐ 28/2025/QĐ-TTg)"),
        "Biểu đồ": "BIỂU ĐỒ TÌNH HÌNH, KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MA TÚY",
    }


def test_an_office_without_parent_and_an_untitled_report_drop_those_lines(
    tmp_path: Path,
) -> None:
    figures = sample()
    del figures["office"]["parent_name"]
    ws = write(tmp_path, figures, title="  ")["Test ma túy"]
    assert column_a(ws, 5) == [
        "CÔNG AN HUYỆN SƠN HÀ",
        None,
        "KẾT QUẢ TEST MA TÚY",
        "Từ ngày 15/10/2024 đến ngày 12/11/2024",
        "Ngày lập: 14/11/2024",
    ]


def test_sheets_print_on_a4_landscape_fitted_to_width_with_their_header_repeated(
    tmp_path: Path,
) -> None:
    workbook = write(tmp_path, with_area_classes(sample()))
    for ws in workbook.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    lists = workbook["Danh sách quản lý"]
    # Rows 1–7: the lines on top and a blank; the header takes rows 9 and 10.
    assert lists["A9"].value == "TT"
    assert lists.print_title_rows == "$9:$10"
    assert lists.freeze_panes == "C11"
    tests = workbook["Test ma túy"]
    assert tests.print_title_rows == "$9:$9"
    assert tests.freeze_panes == "C10"
    # Two tables on one sheet: the first one's header would mislabel the second.
    assert workbook["Điểm phức tạp"].print_title_rows is None
    assert workbook["Điểm phức tạp"].freeze_panes == "C10"


def test_a_folder_that_does_not_exist_raises_a_vietnamese_error_and_writes_nothing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "khong-co" / "phu-luc.xlsx"
    with pytest.raises(ExportError, match="không tồn tại"):
        write_annex(sample(), out, title=TITLE, made_on=MADE)
    assert not out.parent.exists()


def test_a_failure_while_writing_keeps_the_previous_file_and_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    out = tmp_path / "phu-luc.xlsx"
    write_annex(sample(), out, title=TITLE, made_on=MADE)
    before = out.read_bytes()
    broken = sample()
    broken["hotspots"]["risk_points"][0]["fight_until"] = "2025-02-30"
    with pytest.raises(ValueError, match="day is out of range"):
        write_annex(broken, out, title=TITLE, made_on=MADE)
    assert out.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["phu-luc.xlsx"]


def test_control_characters_pasted_into_a_name_are_dropped_not_fatal(tmp_path: Path) -> None:
    figures = sample()
    figures["hotspots"]["complex_points"][0]["name"] = "Karaoke\x0b Ánh Sao"
    ws = write(tmp_path, figures, title="Báo cáo\x01 tháng")["Điểm phức tạp"]
    assert ws["A3"].value == "(Kèm theo Báo cáo tháng)"
    names = [ws.cell(row=row, column=2).value for row in range(1, ws.max_row + 1)]
    assert "Karaoke Ánh Sao" in names


def test_the_workbook_records_the_report_title(tmp_path: Path) -> None:
    assert write(tmp_path, sample()).properties.title == TITLE
