"""Making a báo cáo: figures → Word document + Excel annex → kept in the list of reports.

The window's wizard and ``pcmt report`` both go through ``ReportService.render``, so
both produce the same files from the same figures, and both keep the report. Only a role
that may make reports gets that far: the check comes before any file is written, and each
rendering is recorded in the audit trail with the files it wrote.
"""

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.report_periods import ReportPeriod, custom_title
from pcmt_desktop.reports.annex import write_annex
from pcmt_desktop.reports.balance import check_balance
from pcmt_desktop.reports.docx_context import NarrativeError, build_context
from pcmt_desktop.reports.docx_render import render_docx
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.reports.kept_reports import REPORT, KeptReport, KeptReports
from pcmt_desktop.reports.office_templates import OfficeTemplates, TemplateChoice
from pcmt_desktop.reports.template_catalog import TemplateSpec, builtin_template
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeService


class RenderStage(Enum):
    WORD = "word"
    EXCEL = "excel"
    KEEP = "keep"


@dataclass(frozen=True)
class ReportRequest:
    template_name: str
    date_from: date
    date_to: date
    compare: bool
    narrative: Mapping[str, str]
    title: str = ""


def office_defaults(office: OfficeService) -> dict[str, str]:
    """Header fields a first report of an office can take from its settings."""
    info = office.office()
    if info is None:
        return {}
    return {
        "co_quan_chu_quan": info.parent_name.upper(),
        "co_quan": info.name.upper(),
        "dia_danh": info.place_name,
    }


class ReportService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self.kept = KeptReports(context)
        self.templates = OfficeTemplates(context)
        self._office = OfficeService(context)

    def figures(self, date_from: date, date_to: date, *, compare: bool) -> dict[str, Any]:
        return compute_figures(self._context, date_from, date_to, compare=compare)

    def spec(self, template_name: str) -> TemplateSpec:
        """The narrative fields of a template: an office's copy has those of its base."""
        return builtin_template(self.templates.choice(template_name).base_name)

    def choices(self) -> list[TemplateChoice]:
        return self.templates.choices()

    def starting_narrative(self, template_name: str) -> dict[str, str]:
        """The last report's text of this template, else what the office's settings give."""
        spec = self.spec(template_name)
        last = self.kept.last_narrative(template_name)
        if last is None and template_name != spec.name:
            last = self.kept.last_narrative(spec.name)
        start = dict(office_defaults(self._office)) if last is None else dict(last)
        return {key: start.get(key, "") for key in spec.keys}

    def default_title(self, request: ReportRequest) -> str:
        choice = self.templates.choice(request.template_name)
        period = ReportPeriod(request.date_from, request.date_to)
        return f"{choice.title} {custom_title(period)}"

    def render(
        self,
        request: ReportRequest,
        docx_out: Path,
        annex_out: Path | None = None,
        *,
        figures: Mapping[str, Any] | None = None,
        on_stage: Callable[[RenderStage], None] | None = None,
    ) -> KeptReport:
        """Render the .docx (and the .xlsx annex), then keep the report.

        ``figures`` may be given when the wizard already computed them for the preview.
        Raises the figures' errors (PeriodError, FiguresUnbalancedError), ValidationError
        for an unknown template or a report date that is not a date, ReportTemplateError
        when the template cannot render, and PermissionDeniedError (before anything is
        computed or written) when the actor may not make reports.
        """
        self._context.require(Permission.REPORTS)
        if figures is None:
            figures = self.figures(request.date_from, request.date_to, compare=request.compare)
        check_balance(figures)
        spec = self.spec(request.template_name)
        narrative = {key: request.narrative.get(key, "") for key in spec.keys}
        title = request.title or self.default_title(request)
        try:
            context = build_context(figures, narrative, spec)
        except NarrativeError as error:
            raise ValidationError.single("ngay_bao_cao", str(error)) from error
        announce = on_stage or (lambda _stage: None)
        # A document this call wrote is removed again if a later stage fails: the officer
        # gets both files and a kept report, or nothing new.
        created = [path for path in (docx_out, annex_out) if path is not None and not path.exists()]
        try:
            announce(RenderStage.WORD)
            with tempfile.TemporaryDirectory(prefix="pcmt-template-") as folder:
                template = self.templates.write_file(request.template_name, Path(folder))
                render_docx(template, context, docx_out)
            if annex_out is not None:
                announce(RenderStage.EXCEL)
                write_annex(figures, annex_out, title=title)
            announce(RenderStage.KEEP)
            kept = self._keep(
                request,
                title=title,
                narrative=narrative,
                figures=figures,
                docx_out=docx_out,
                annex_out=annex_out,
            )
        except BaseException:
            for path in created:
                path.unlink(missing_ok=True)
            raise
        self._record_render(kept, docx_out, annex_out)
        return kept

    def _record_render(self, kept: KeptReport, docx_out: Path, annex_out: Path | None) -> None:
        files = [str(path.resolve()) for path in (docx_out, annex_out) if path is not None]
        audit.record_event(
            self._context,
            audit.Action.REPORT_RENDER,
            f"Lập báo cáo “{kept.title}” ra tệp {', '.join(files)}",
            entity=REPORT,
            entity_id=kept.id,
            details={"template": kept.template_name, "files": files},
        )

    def _keep(
        self,
        request: ReportRequest,
        *,
        title: str,
        narrative: Mapping[str, str],
        figures: Mapping[str, Any],
        docx_out: Path,
        annex_out: Path | None,
    ) -> KeptReport:
        return self.kept.keep(
            template_name=request.template_name,
            title=title,
            date_from=request.date_from,
            date_to=request.date_to,
            compare=request.compare,
            narrative=narrative,
            figures=figures,
            docx_path=str(docx_out),
            annex_path="" if annex_out is None else str(annex_out),
        )
