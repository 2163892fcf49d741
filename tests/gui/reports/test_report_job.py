"""Making a báo cáo from the wizard: file names, the steps, and nothing left after a failure."""

from datetime import date
from pathlib import Path

import pytest

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.reports.report_files import annex_beside, as_docx, base_name, free_docx
from pcmt_desktop.gui.reports.report_job import STEPS, Step, failure_message, run_job
from pcmt_desktop.reports.figures import PeriodError
from pcmt_desktop.reports.report_service import ReportRequest, ReportService
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

FROM, TO = date(2026, 10, 15), date(2026, 11, 14)


@pytest.fixture
def reports(services: Services) -> ReportService:
    area = services.office.sub_areas()[0]
    person = services.persons.add(PersonInput("Phan Văn Lộc", birth_year=1991, sub_area_id=area.id))
    services.histories.add(
        HistoryKind.LIST,
        person.id,
        HistoryInput(
            date(2026, 10, 20),
            None,
            {"list_key": ManagementList.USER.value, "start_reason": "Test dương tính"},
        ),
    )
    return ReportService(services.context)


def request() -> ReportRequest:
    return ReportRequest("cao-diem", FROM, TO, False, {"ten_dot": "Cao điểm thử"})


def test_names_say_the_template_and_the_period_and_never_overwrite(tmp_path: Path) -> None:
    base = base_name("cao-diem", date(2024, 10, 15), date(2024, 11, 12))
    assert base == "BaoCao_cao-diem_2024-10-15_2024-11-12"
    first = free_docx(tmp_path, base)
    assert first == tmp_path / "BaoCao_cao-diem_2024-10-15_2024-11-12.docx"
    assert annex_beside(first) == tmp_path / "BaoCao_cao-diem_2024-10-15_2024-11-12_PhuLuc.xlsx"
    annex_beside(first).write_bytes(b"")  # an earlier report's annex is enough to move on
    assert free_docx(tmp_path, base).name == "BaoCao_cao-diem_2024-10-15_2024-11-12_2.docx"
    assert as_docx("/tmp/bao-cao") == Path("/tmp/bao-cao.docx")
    assert as_docx("/tmp/bao-cao.DOCX") == Path("/tmp/bao-cao.DOCX")


def test_a_report_is_made_step_by_step(reports: ReportService, tmp_path: Path) -> None:
    steps: list[Step] = []
    docx = tmp_path / "PCMT" / "bao-cao.docx"  # the folder is made when missing
    result = run_job(
        reports, request(), docx, annex_beside(docx), figures=None, on_step=steps.append
    )
    assert result.ok
    assert result.kept is not None
    assert result.message == f"Đã lập báo cáo “{result.kept.title}”."
    assert steps == [Step.FIGURES, Step.WORD, Step.EXCEL, Step.KEEP]
    assert docx.is_file()
    assert annex_beside(docx).is_file()
    assert [kept.id for kept in reports.kept.all()] == [result.kept.id]
    assert [step.value for step in STEPS] == [
        "Tính số liệu",
        "Lập văn bản Word",
        "Lập phụ lục Excel",
        "Lưu báo cáo vào danh sách báo cáo đã lập",
    ]


def test_when_the_annex_cannot_be_written_no_file_and_no_report_remain(
    reports: ReportService, tmp_path: Path
) -> None:
    docx = tmp_path / "new" / "bao-cao.docx"
    blocked = tmp_path / "a-folder-not-a-file.xlsx"
    blocked.mkdir()
    result = run_job(reports, request(), docx, blocked, figures=None, on_step=lambda _step: None)
    assert not result.ok
    assert result.message.startswith("Không lập được báo cáo.")
    assert result.message.endswith("Không có tệp nào được ghi.")
    assert not docx.exists()
    assert not docx.parent.exists()  # the folder made for it went too
    assert reports.kept.all() == []


def test_figures_that_do_not_add_up_are_refused_before_any_file(
    reports: ReportService, tmp_path: Path
) -> None:
    figures = reports.figures(FROM, TO, compare=False)
    figures["lists"]["su_dung"]["after"] += 1
    docx = tmp_path / "out" / "bao-cao.docx"
    result = run_job(
        reports, request(), docx, annex_beside(docx), figures=figures, on_step=lambda _step: None
    )
    assert not result.ok
    assert "Số liệu không khớp" in result.message
    assert "Người sử dụng trái phép chất ma túy" in result.message
    assert not docx.parent.exists()


def test_failure_messages_are_the_officers() -> None:
    period = PeriodError("Từ ngày 02/01/2026 ở sau đến ngày 01/01/2026: hãy chọn lại kỳ báo cáo.")
    assert failure_message(period) == (
        "Không lập được báo cáo.\n\n"
        "Từ ngày 02/01/2026 ở sau đến ngày 01/01/2026: hãy chọn lại kỳ báo cáo.\n\n"
        "Không có tệp nào được ghi."
    )
    denied = PermissionError(13, "Permission denied", "/khong-ghi-duoc/bao-cao.docx")
    assert "Không ghi được tệp /khong-ghi-duoc/bao-cao.docx: Permission denied" in (
        failure_message(denied)
    )
