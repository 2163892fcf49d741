"""The audit trail: every write says who, when, what, and the values before and after."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import AuditEntry


class Action(StrEnum):
    CREATE = "tao"
    UPDATE = "sua"
    DELETE = "xoa"
    MOVE = "chuyen_dien"
    END = "ket_thuc"
    MERGE = "gop"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    Action.CREATE: "Thêm",
    Action.UPDATE: "Sửa",
    Action.DELETE: "Xóa",
    Action.MOVE: "Chuyển diện",
    Action.END: "Kết thúc",
    Action.MERGE: "Gộp",
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(row: object) -> dict[str, Any]:
    """The row's column values as JSON-ready data (relationships left out)."""
    mapper = inspect(type(row))
    return {column.key: _plain(getattr(row, column.key)) for column in mapper.column_attrs}


def record(
    context: ServiceContext,
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: int | None,
    person_id: int | None,
    summary: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    session.add(
        AuditEntry(
            at=context.now(),
            user_name=context.actor.user_name,
            action=action,
            entity=entity,
            entity_id=entity_id,
            person_id=person_id,
            summary=summary,
            before_json=None if before is None else json.dumps(before, ensure_ascii=False),
            after_json=None if after is None else json.dumps(after, ensure_ascii=False),
        )
    )


@dataclass(frozen=True)
class AuditRecord:
    at: datetime
    user_name: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def action_label(self) -> str:
        try:
            return Action(self.action).label
        except ValueError:
            return self.action


def _to_record(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(
        at=entry.at,
        user_name=entry.user_name,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        summary=entry.summary,
        before=None if entry.before_json is None else json.loads(entry.before_json),
        after=None if entry.after_json is None else json.loads(entry.after_json),
    )


def entries_for_person(context: ServiceContext, person_id: int) -> list[AuditRecord]:
    with context.reading() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.person_id == person_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
        return [_to_record(row) for row in rows]


def entries_for_record(context: ServiceContext, entity: str, entity_id: int) -> list[AuditRecord]:
    """The audit entries of one record (e.g. entity "drug_test", its id), newest first."""
    with context.reading() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
        return [_to_record(row) for row in rows]


def all_entries(context: ServiceContext, limit: int = 1000) -> list[AuditRecord]:
    with context.reading() as session:
        rows = session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit),
        )
        return [_to_record(row) for row in rows]
