"""The audit trail: every write says who, when, what, and the values before and after.

Rows are appended to a hash chain (``audit_chain``) so that tampering outside the
program shows. Events that change no row (a login, an export, opening a person's record)
are recorded with ``record_event``.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from pcmt_desktop.services import audit_chain
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import AuditEntry


class Action(StrEnum):
    CREATE = "tao"
    UPDATE = "sua"
    DELETE = "xoa"
    MOVE = "chuyen_dien"
    END = "ket_thuc"
    MERGE = "gop"
    LOGIN = "dang_nhap"
    LOGIN_FAILED = "dang_nhap_loi"
    LOGOUT = "dang_xuat"
    EXPORT = "xuat_du_lieu"
    BACKUP = "sao_luu"
    RESTORE = "khoi_phuc"
    IMPORT = "nhap_du_lieu"
    REPORT_RENDER = "lap_bao_cao"
    OPEN_PERSON = "xem_doi_tuong"

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
    Action.LOGIN: "Đăng nhập",
    Action.LOGIN_FAILED: "Đăng nhập không thành công",
    Action.LOGOUT: "Đăng xuất",
    Action.EXPORT: "Xuất dữ liệu",
    Action.BACKUP: "Sao lưu",
    Action.RESTORE: "Khôi phục",
    Action.IMPORT: "Nhập dữ liệu",
    Action.REPORT_RENDER: "Lập báo cáo",
    Action.OPEN_PERSON: "Xem hồ sơ đối tượng",
}

# The entity of audit rows that describe an event rather than a change to a row.
EVENT = "su_kien"


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
    user_name: str | None = None,
) -> None:
    """Append an audit row in ``session``'s transaction (committed with the write).

    ``user_name`` is the actor's unless given (a login names the account it is for).
    """
    audit_chain.append(
        session,
        {
            "at": context.now(),
            "user_name": context.actor.user_name if user_name is None else user_name,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "person_id": person_id,
            "summary": summary,
            "before_json": None if before is None else json.dumps(before, ensure_ascii=False),
            "after_json": None if after is None else json.dumps(after, ensure_ascii=False),
        },
    )


def record_event(
    context: ServiceContext,
    action: Action,
    summary: str,
    *,
    entity: str = EVENT,
    entity_id: int | None = None,
    person_id: int | None = None,
    details: dict[str, Any] | None = None,
    user_name: str | None = None,
) -> None:
    """Record, in its own transaction, something done that changed no row.

    Nothing is published on the change bus: no registry view shows these rows.

    E.g. ``record_event(context, Action.EXPORT, "Xuất dữ liệu ra tệp …")``, or the
    opening of a person's record with ``person_id`` so that it shows in their history.
    Never pass a password or a passphrase in ``summary`` or ``details``.
    """
    with context.unit_of_work() as session:
        record(
            context,
            session,
            action=action,
            entity=entity,
            entity_id=entity_id,
            person_id=person_id,
            summary=summary,
            before=None,
            after=details,
            user_name=user_name,
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


# What a row damaged outside the program shows in place of its values: its raw text.
DAMAGED_KEY = "Nội dung không đọc được"


def _stored_values(text: str | None) -> dict[str, Any] | None:
    """The stored JSON; a row damaged outside the program still shows, as its raw text."""
    if text is None:
        return None
    try:
        values = json.loads(text)
    except ValueError:
        return {DAMAGED_KEY: text}
    return values if isinstance(values, dict) else {DAMAGED_KEY: text}


def record_of(entry: AuditEntry) -> AuditRecord:
    """An audit row as the views show it (every trail reads its rows through this)."""
    return AuditRecord(
        at=entry.at,
        user_name=entry.user_name,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        summary=entry.summary,
        before=_stored_values(entry.before_json),
        after=_stored_values(entry.after_json),
    )


def entries_for_person(context: ServiceContext, person_id: int) -> list[AuditRecord]:
    with context.reading() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.person_id == person_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
        return [record_of(row) for row in rows]


def entries_for_record(context: ServiceContext, entity: str, entity_id: int) -> list[AuditRecord]:
    """The audit entries of one record (e.g. entity "drug_test", its id), newest first."""
    with context.reading() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
        return [record_of(row) for row in rows]


def all_entries(context: ServiceContext, limit: int = 1000) -> list[AuditRecord]:
    with context.reading() as session:
        rows = session.scalars(
            select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit),
        )
        return [record_of(row) for row in rows]
