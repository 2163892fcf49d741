"""The level above's báo cáo files from combined figures: both files, free names, or nothing."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from pcmt_desktop.gui.upper.upper_report import (
    UpperReportError,
    issuer_of,
    render_upper_report,
    report_title,
)
from pcmt_desktop.upper.combine import combine_figures

SAMPLE = Path(__file__).parents[2] / "reports" / "fixtures" / "figures_sample.json"
MADE_ON = date(2026, 11, 23)


@pytest.fixture
def combined() -> dict[str, Any]:
    sample: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return combine_figures({"Công an xã Hòa An": sample, "Công an xã Bình Minh": sample})


def header_cells(path: Path) -> str:
    document = Document(str(path))
    return "\n".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)


def test_both_templates_render_with_their_annex_under_free_names(
    combined: dict[str, Any], tmp_path: Path
) -> None:
    made = [
        render_upper_report(
            combined, name, tmp_path, period_name="tháng 11 năm 2024", issuer="", made_on=MADE_ON
        )
        for name in ("so-ket", "cao-diem", "so-ket")
    ]

    assert [report.docx.name for report in made] == [
        "BaoCaoTongHop_so-ket_2024-10-15_2024-11-12.docx",
        "BaoCaoTongHop_cao-diem_2024-10-15_2024-11-12.docx",
        "BaoCaoTongHop_so-ket_2024-10-15_2024-11-12_2.docx",
    ]
    assert made[0].title == "Báo cáo sơ kết, tổng kết định kỳ tháng 11 năm 2024"
    for report in made:
        assert "CÔNG AN TỈNH NAM HÒA" in header_cells(report.docx)
        sheets = load_workbook(report.annex)
        names = {cell.value for sheet in sheets for row in sheet.iter_rows() for cell in row}
        assert {"Công an xã Hòa An", "Công an xã Bình Minh"} <= names


def test_the_officer_may_name_another_issuing_body(
    combined: dict[str, Any], tmp_path: Path
) -> None:
    report = render_upper_report(
        combined,
        "so-ket",
        tmp_path,
        period_name=report_title("so-ket", ""),
        issuer="Phòng Cảnh sát điều tra tội phạm về ma túy",
        made_on=MADE_ON,
    )

    assert "PHÒNG CẢNH SÁT ĐIỀU TRA TỘI PHẠM VỀ MA TÚY" in header_cells(report.docx)
    assert issuer_of(combined) == "Công an tỉnh Nam Hòa"


def test_a_folder_that_cannot_be_made_leaves_no_file(
    combined: dict[str, Any], tmp_path: Path
) -> None:
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("một tệp, không phải thư mục", encoding="utf-8")

    with pytest.raises(UpperReportError, match="Không có tệp nào được ghi"):
        render_upper_report(
            combined, "so-ket", blocker / "bao-cao", period_name="", issuer="", made_on=MADE_ON
        )

    assert sorted(path.name for path in tmp_path.iterdir()) == ["khong-phai-thu-muc"]


def test_figures_the_annex_cannot_hold_leave_no_word_document_behind(tmp_path: Path) -> None:
    # An office name but no table at all: Word renders, the annex refuses; neither is kept.
    figures = {"office": {"name": "Công an tỉnh Nam Hòa"}, "period": {"from": "", "to": ""}}

    with pytest.raises(UpperReportError):
        render_upper_report(figures, "so-ket", tmp_path, period_name="", issuer="", made_on=MADE_ON)

    assert list(tmp_path.iterdir()) == []
