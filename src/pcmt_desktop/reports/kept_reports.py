"""The list of past reports: what was rendered, for which period, with which text.

A kept report holds the figures exactly as rendered (so the document can be explained
later even after the registries change) and the officer's narrative (so the next report
of the same template starts from it).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import Report

REPORT = "report"


@dataclass(frozen=True)
class KeptReport:
    id: int
    template_name: str
    title: str
    date_from: date
    date_to: date
    compare: bool
    created_at: datetime
    created_by: str
    docx_path: str
    annex_path: str

    @property
    def period_text(self) -> str:
        return f"{self.date_from:%d/%m/%Y} – {self.date_to:%d/%m/%Y}"


@dataclass(frozen=True)
class KeptReportContent:
    report: KeptReport
    narrative: dict[str, str]
    figures: dict[str, Any]


def _kept(row: Report) -> KeptReport:
    return KeptReport(
        id=row.id,
        template_name=row.template_name,
        title=row.title,
        date_from=row.date_from,
        date_to=row.date_to,
        compare=row.compare,
        created_at=row.created_at,
        created_by=row.created_by,
        docx_path=row.docx_path,
        annex_path=row.annex_path,
    )


class KeptReports:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def all(self) -> list[KeptReport]:
        """Newest first."""
        with self._context.reading() as session:
            rows = session.scalars(
                select(Report).order_by(Report.created_at.desc(), Report.id.desc())
            )
            return [_kept(row) for row in rows]

    def content(self, report_id: int) -> KeptReportContent:
        with self._context.reading() as session:
            row = _get(session, report_id)
            return KeptReportContent(
                _kept(row), json.loads(row.narrative_json), json.loads(row.figures_json)
            )

    def last_narrative(self, template_name: str) -> dict[str, str] | None:
        with self._context.reading() as session:
            text = session.scalar(
                select(Report.narrative_json)
                .where(Report.template_name == template_name)
                .order_by(Report.created_at.desc(), Report.id.desc())
                .limit(1)
            )
        return None if text is None else dict(json.loads(text))

    def keep(
        self,
        *,
        template_name: str,
        title: str,
        date_from: date,
        date_to: date,
        compare: bool,
        narrative: Mapping[str, str],
        figures: Mapping[str, Any],
        docx_path: str,
        annex_path: str,
    ) -> KeptReport:
        self._context.require(Permission.REPORTS)
        with self._context.unit_of_work() as session:
            row = Report(
                template_name=template_name,
                title=title,
                date_from=date_from,
                date_to=date_to,
                compare=compare,
                narrative_json=json.dumps(dict(narrative), ensure_ascii=False),
                figures_json=json.dumps(dict(figures), ensure_ascii=False),
                docx_path=docx_path,
                annex_path=annex_path,
                created_at=self._context.now(),
                created_by=self._context.actor.user_name,
            )
            session.add(row)
            session.flush()
            kept = _kept(row)
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=REPORT,
                entity_id=row.id,
                person_id=None,
                summary=f"Lập báo cáo “{title}” ({kept.period_text})",
                before=None,
                after={"template": template_name, "docx": docx_path, "annex": annex_path},
            )
        self._context.bus.publish(Changes(frozenset({REPORT})))
        return kept

    def delete(self, report_id: int) -> None:
        self._context.require(Permission.REPORTS)
        with self._context.unit_of_work() as session:
            row = _get(session, report_id)
            kept = _kept(row)
            session.execute(delete(Report).where(Report.id == report_id))
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=REPORT,
                entity_id=report_id,
                person_id=None,
                summary=f"Xóa báo cáo đã lưu “{kept.title}” ({kept.period_text})",
                before={"template": kept.template_name, "docx": kept.docx_path},
                after=None,
            )
        self._context.bus.publish(Changes(frozenset({REPORT})))


class KeptReportMissingError(LookupError):
    pass


def _get(session: Session, report_id: int) -> Report:
    row = session.get(Report, report_id)
    if row is None:
        raise KeptReportMissingError(f"Không tìm thấy báo cáo đã lưu số {report_id}.")
    return row
