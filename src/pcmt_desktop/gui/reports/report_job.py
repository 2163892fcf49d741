"""Making one báo cáo from the wizard: the steps, their progress, and what a failure leaves.

The work is ``ReportService``'s; here are the steps the officer sees (figures, Word,
Excel, keeping the report) and the promise that a failure leaves no file behind: each
renderer writes to a temporary file and renames it, and a file this job created before
a later step failed (the Word document when the annex cannot be written) is removed.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.interchange.export import ExportError
from pcmt_desktop.reports.balance import FiguresUnbalancedError
from pcmt_desktop.reports.docx_render import ReportTemplateError
from pcmt_desktop.reports.figures import PeriodError
from pcmt_desktop.reports.kept_reports import KeptReport
from pcmt_desktop.reports.report_service import RenderStage, ReportRequest, ReportService

# The failures whose message is already the officer's (Vietnamese, says what to do).
EXPLAINED_ERRORS: tuple[type[Exception], ...] = (
    PermissionDeniedError,
    PeriodError,
    FiguresUnbalancedError,
    ReportTemplateError,
    ValidationError,
    ExportError,
)


class Step(Enum):
    FIGURES = "Tính số liệu"
    WORD = "Lập văn bản Word"
    EXCEL = "Lập phụ lục Excel"
    KEEP = "Lưu báo cáo vào danh sách báo cáo đã lập"


STEPS = tuple(Step)
STAGE_STEPS = {
    RenderStage.WORD: Step.WORD,
    RenderStage.EXCEL: Step.EXCEL,
    RenderStage.KEEP: Step.KEEP,
}


@dataclass(frozen=True)
class JobResult:
    """What the job did: the kept report (None on failure) and what the officer is told."""

    kept: KeptReport | None
    message: str

    @property
    def ok(self) -> bool:
        return self.kept is not None


def failure_message(error: Exception) -> str:
    """The officer's words for why no báo cáo was made."""
    if isinstance(error, EXPLAINED_ERRORS):
        detail = str(error)
    elif isinstance(error, OSError):
        name = error.filename or ""
        detail = f"Không ghi được tệp {name}: {error.strerror or error}".replace("tệp :", "tệp:")
    elif isinstance(error, SQLAlchemyError):
        detail = f"Không đọc, ghi được tệp dữ liệu: {error}"
    else:
        detail = f"Lỗi không lường trước: {error}"
    return f"Không lập được báo cáo.\n\n{detail}\n\nKhông có tệp nào được ghi."


def run_job(
    service: ReportService,
    request: ReportRequest,
    docx_out: Path,
    annex_out: Path,
    *,
    figures: Mapping[str, Any] | None,
    on_step: Callable[[Step], None],
) -> JobResult:
    """Make the báo cáo; ``figures`` already computed for the preview are used as they are.

    ``on_step`` is told each step before it starts (the service announces its own stages).
    """
    created = [path for path in (docx_out, annex_out) if not path.exists()]
    folders = _missing_folders(docx_out.parent)
    try:
        on_step(Step.FIGURES)
        if figures is None:
            figures = service.figures(request.date_from, request.date_to, compare=request.compare)
        docx_out.parent.mkdir(parents=True, exist_ok=True)
        kept = service.render(
            request,
            docx_out,
            annex_out,
            figures=figures,
            on_stage=lambda stage: on_step(STAGE_STEPS[stage]),
        )
    # Any failure at all must leave nothing behind, hence the broad catch; the message
    # names the error.
    except Exception as error:
        _remove(created, folders)
        return JobResult(None, failure_message(error))
    return JobResult(kept, f"Đã lập báo cáo “{kept.title}”.")


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and its parents that do not exist yet, deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _remove(files: list[Path], folders: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)
    for folder in folders:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
