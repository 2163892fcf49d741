"""Making a báo cáo end to end: figures → .docx + .xlsx → kept; offices' own templates."""

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.interchange.export import ExportError
from pcmt_desktop.reports.balance import FiguresUnbalancedError
from pcmt_desktop.reports.report_service import RenderStage, ReportRequest, ReportService
from pcmt_desktop.reports.template_catalog import template_path
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

FROM, TO = date(2025, 12, 15), date(2026, 11, 14)


def document_text(path: Path) -> str:
    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def reports(services: Services) -> ReportService:
    areas = services.office.sub_areas()
    for index in range(3):
        person = services.persons.add(
            PersonInput(f"Người Thử {index}", birth_year=1990, sub_area_id=areas[index].id)
        )
        services.histories.add(
            HistoryKind.LIST,
            person.id,
            HistoryInput(
                date(2026, 3, 1),
                None,
                {"list_key": ManagementList.USER.value, "start_reason": "Test dương tính"},
            ),
        )
    return ReportService(services.context)


def request(template: str, **narrative: str) -> ReportRequest:
    return ReportRequest(template, FROM, TO, True, narrative)


def test_a_report_is_rendered_kept_and_its_text_offered_next_time(
    reports: ReportService, tmp_path: Path
) -> None:
    first = reports.starting_narrative("cao-diem")
    assert first["co_quan"] == "CÔNG AN XÃ THỬ NGHIỆM"  # from the office's settings
    assert first["co_quan_chu_quan"] == "CÔNG AN TỈNH MẪU"
    narrative = {**first, "uu_diem": "Các thôn đã rà soát đầy đủ, đúng hạn."}

    kept = reports.render(
        request("cao-diem", **narrative), tmp_path / "bao-cao.docx", tmp_path / "phu-luc.xlsx"
    )

    text = document_text(tmp_path / "bao-cao.docx")
    assert "Các thôn đã rà soát đầy đủ, đúng hạn." in text
    assert "CÔNG AN XÃ THỬ NGHIỆM" in text
    assert "03" in text  # three users now, written with the leading zero
    workbook = load_workbook(tmp_path / "phu-luc.xlsx")
    assert "Danh sách quản lý" in workbook.sheetnames
    assert [report.id for report in reports.kept.all()] == [kept.id]
    content = reports.kept.content(kept.id)
    assert content.narrative["uu_diem"] == "Các thôn đã rà soát đầy đủ, đúng hạn."
    assert content.figures["lists"]["su_dung"]["after"] == 3
    assert reports.starting_narrative("cao-diem")["uu_diem"] == narrative["uu_diem"]
    assert reports.starting_narrative("so-ket")["uu_diem"] == ""  # another template's own


def test_figures_that_do_not_add_up_render_nothing_and_keep_nothing(
    reports: ReportService, tmp_path: Path
) -> None:
    figures = reports.figures(FROM, TO, compare=False)
    figures["lists"]["su_dung"]["removed"] = 1  # tampered with

    with pytest.raises(FiguresUnbalancedError):
        reports.render(request("so-ket"), tmp_path / "x.docx", figures=figures)

    assert not (tmp_path / "x.docx").exists()
    assert reports.kept.all() == []


def test_an_office_registers_its_edited_copy_and_renders_with_it(
    reports: ReportService, tmp_path: Path
) -> None:
    copy = tmp_path / "mau-xa.docx"
    document = Document(str(template_path("so-ket")))
    document.add_paragraph("Ghi chú riêng của Công an xã: số liệu kèm theo phụ lục.")
    document.save(str(copy))

    choice = reports.templates.register("so-ket-xa", "Sơ kết (mẫu của xã)", "so-ket", copy)
    copy.unlink()  # the database keeps the file, not the path

    assert choice in reports.choices()
    assert reports.spec("so-ket-xa").name == "so-ket"
    reports.render(request("so-ket-xa"), tmp_path / "ra.docx")
    assert "Ghi chú riêng của Công an xã" in document_text(tmp_path / "ra.docx")

    reports.templates.remove("so-ket-xa")
    assert "so-ket-xa" not in {choice.name for choice in reports.choices()}


def test_a_broken_or_misnamed_template_is_refused_and_nothing_is_kept(
    reports: ReportService, tmp_path: Path
) -> None:
    broken = tmp_path / "hong.docx"
    document = Document()
    document.add_paragraph("Số người sử dụng: {{ f.lists.su_dung.after ")
    document.save(str(broken))
    before = reports.choices()

    with pytest.raises(ValidationError) as refused:
        reports.templates.register("mau-hong", "Mẫu hỏng", "so-ket", broken)
    assert refused.value.problems
    with pytest.raises(ValidationError, match="chữ thường không dấu"):
        reports.templates.register("Mẫu Xã", "Mẫu", "so-ket", broken)
    with pytest.raises(ValidationError, match="Đã có mẫu báo cáo tên “so-ket”"):
        reports.templates.register("so-ket", "Mẫu", "so-ket", broken)
    with pytest.raises(ValidationError, match="Không xóa được mẫu có sẵn"):
        reports.templates.remove("cao-diem")
    assert reports.choices() == before


def test_when_the_annex_cannot_be_written_the_document_goes_too(
    reports: ReportService, tmp_path: Path
) -> None:
    stages: list[RenderStage] = []
    out = tmp_path / "ra"
    out.mkdir()
    with pytest.raises(ExportError):
        reports.render(
            request("so-ket"),
            out / "bao-cao.docx",
            out / "khong-co-thu-muc" / "phu-luc.xlsx",
            on_stage=stages.append,
        )

    assert stages == [RenderStage.WORD, RenderStage.EXCEL]
    assert list(out.iterdir()) == []
    assert reports.kept.all() == []
