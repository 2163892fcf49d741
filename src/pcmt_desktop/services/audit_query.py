"""Searching the audit trail: who did what, to which record, when (the "Nhật ký" tab).

Only for an actor who may read the audit (``Permission.AUDIT_READ``): the trail names
persons and says what was changed about them. Newest first, as an officer asks "who
changed this record, and when?". A person is found by name through the persons table
(their ``person_id`` in the rows) and, for persons deleted since, through the rows'
summaries, which name them.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.text import fold
from pcmt_desktop.services.audit import AuditRecord, record_of
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.sql_fold import folded, register_fold
from pcmt_desktop.store.models import AuditEntry, Person

# The key under which a row's unreadable before/after text is shown as it is.


@dataclass(frozen=True)
class AuditQuery:
    """The filters of the audit tab; every one left empty matches every row.

    ``entity`` with ``entity_id`` names one record ("drug_test", 12); ``person`` is part of
    a person's name (accents and case ignored). ``first_day``/``last_day`` are whole days.
    """

    user_name: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: int | None = None
    person: str = ""
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True)
class AuditRow:
    """One audit row with its number in the chain (what "Dòng nhật ký số N" refers to)."""

    id: int
    person_id: int | None
    record: AuditRecord


def _conditions(session: Session, query: AuditQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.user_name is not None:
        conditions.append(AuditEntry.user_name == query.user_name)
    if query.action:
        conditions.append(AuditEntry.action == query.action)
    if query.entity:
        conditions.append(AuditEntry.entity == query.entity)
    if query.entity_id is not None:
        conditions.append(AuditEntry.entity_id == query.entity_id)
    if query.first_day is not None:
        conditions.append(AuditEntry.at >= datetime.combine(query.first_day, time.min))
    if query.last_day is not None:
        after = datetime.combine(query.last_day + timedelta(days=1), time.min)
        conditions.append(AuditEntry.at < after)
    needle = fold(query.person)
    if needle:
        register_fold(session)
        pattern = f"%{needle}%"
        named = select(Person.id).where(Person.name_folded.like(pattern))
        conditions.append(
            or_(AuditEntry.person_id.in_(named), folded(AuditEntry.summary).like(pattern))
        )
    return conditions


def _select(session: Session, query: AuditQuery) -> Select[AuditEntry]:
    return select(AuditEntry).where(*_conditions(session, query)).order_by(AuditEntry.id.desc())


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(entry.id, entry.person_id, record_of(entry))


def find_entries(context: ServiceContext, query: AuditQuery, limit: int | None) -> list[AuditRow]:
    """The rows matching ``query``, newest first, at most ``limit`` (None: all).

    Raises:
        PermissionDeniedError: the actor may not read the audit trail.
    """
    context.require(Permission.AUDIT_READ)
    with context.reading() as session:
        statement = _select(session, query)
        if limit is not None:
            statement = statement.limit(limit)
        return [_row(entry) for entry in session.scalars(statement)]


def iter_entries(
    context: ServiceContext, query: AuditQuery, batch: int = 2000
) -> Iterator[AuditRow]:
    """Every matching row, newest first, read in batches (an export of the whole trail).

    Raises:
        PermissionDeniedError: the actor may not read the audit trail.
    """
    context.require(Permission.AUDIT_READ)
    with context.reading() as session:
        statement = _select(session, query).execution_options(yield_per=batch)
        for entry in session.scalars(statement):
            yield _row(entry)


def count_entries(context: ServiceContext, query: AuditQuery) -> int:
    context.require(Permission.AUDIT_READ)
    with context.reading() as session:
        statement = select(func.count()).select_from(
            select(AuditEntry.id).where(*_conditions(session, query)).subquery()
        )
        return session.scalar(statement) or 0


def user_names(context: ServiceContext) -> list[str]:
    """Every user name the trail mentions (accounts deleted or renamed since included)."""
    context.require(Permission.AUDIT_READ)
    with context.reading() as session:
        names = session.scalars(select(AuditEntry.user_name).distinct())
        return sorted(names)


def entities(context: ServiceContext) -> list[str]:
    """Every kind of record the trail mentions (its stored key, e.g. "drug_test")."""
    context.require(Permission.AUDIT_READ)
    with context.reading() as session:
        return sorted(session.scalars(select(AuditEntry.entity).distinct()))
