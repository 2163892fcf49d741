"""The level above's báo cáo: the combined figures rendered as a Word document and an annex.

The same renderers as an office's báo cáo (``build_context`` + ``render_docx`` with the
bundled template, ``write_annex``), fed the combined figures. The narrative is left
empty for the officer to write in Word, except the issuing body at the head, which is
the offices' common level above unless the officer names another. The level above has
no list of kept reports (its store holds only the offices' data): the files are all.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pcmt_desktop.gui.reports.report_files import annex_beside, free_docx
from pcmt_desktop.interchange.export import ExportError
from pcmt_desktop.reports.annex import write_annex
from pcmt_desktop.reports.docx_context import NarrativeError, build_context
from pcmt_desktop.reports.docx_render import ReportTemplateError, render_docx
from pcmt_desktop.reports.template_catalog import builtin_template, template_path

NAME_PREFIX = "BaoCaoTongHop"
# The failures whose message is already the officer's (Vietnamese, says what is wrong).
EXPLAINED_ERRORS: tuple[type[Exception], ...] = (NarrativeError, ReportTemplateError, ExportError)
ISSUER_FIELD = "co_quan"


class UpperReportError(Exception):
    """No báo cáo was made; the message says why, in Vietnamese, and that no file was left."""


@dataclass(frozen=True)
class UpperReport:
    title: str
    docx: Path
    annex: Path


def issuer_of(figures: Mapping[str, Any]) -> str:
    """The combined figures' office: the level above the offices name in their settings."""
    office = figures.get("office")
    name = office.get("name") if isinstance(office, Mapping) else None
    return str(name or "").strip()


def report_title(template_name: str, period_name: str) -> str:
    """ "Báo cáo sơ kết, tổng kết định kỳ năm 2026" (the template's title, then the period)."""
    return f"{builtin_template(template_name).title} {period_name}".strip()


def report_base_name(template_name: str, figures: Mapping[str, Any]) -> str:
    period = figures.get("period")
    dates = period if isinstance(period, Mapping) else {}
    return f"{NAME_PREFIX}_{template_name}_{dates.get('from', '')}_{dates.get('to', '')}"


def render_upper_report(
    figures: Mapping[str, Any],
    template_name: str,
    folder: Path,
    *,
    period_name: str,
    issuer: str,
    made_on: date,
) -> UpperReport:
    """Write ``folder/BaoCaoTongHop_….docx`` and its annex beside it, under free names.

    Raises UpperReportError; then neither file is left behind.
    """
    spec = builtin_template(template_name)
    narrative = dict.fromkeys(spec.keys, "")
    narrative[ISSUER_FIELD] = issuer.strip() or issuer_of(figures)
    title = report_title(template_name, period_name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        docx = free_docx(folder, report_base_name(template_name, figures))
    except OSError as error:
        raise UpperReportError(_failure(f"Không tạo được thư mục {folder}: {error}")) from error
    annex = annex_beside(docx)
    try:
        context = build_context(figures, narrative, spec)
        render_docx(template_path(template_name), context, docx)
        write_annex(figures, annex, title=title, made_on=made_on)
    # Any failure at all must leave nothing behind, hence the broad catch: render_docx and
    # write_annex each leave no half file, and a whole Word document without its annex is
    # removed too. The message names the error.
    except Exception as error:
        docx.unlink(missing_ok=True)
        raise UpperReportError(_failure(_reason(error))) from error
    return UpperReport(title, docx, annex)


def _reason(error: Exception) -> str:
    if isinstance(error, EXPLAINED_ERRORS):
        return str(error)
    if isinstance(error, OSError):
        name = f" {error.filename}" if error.filename else ""
        return f"Không ghi được tệp{name}: {error.strerror or error}"
    return f"Lỗi không lường trước: {error}"


def _failure(detail: str) -> str:
    return f"Không lập được báo cáo tổng hợp.\n\n{detail}\n\nKhông có tệp nào được ghi."
