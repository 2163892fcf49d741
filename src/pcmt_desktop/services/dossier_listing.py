"""The dossiers table's queries: ordered ids filtered and sorted in SQL, rows by batch.

Status is never stored; the filters on it are ``IN (subquery)`` over the steps. The next
limit depends on the rule in force on each clock's first day, so it is computed in Python
— but only for the dossiers that have a running clock (accepted by the court and not
decided, or in the facility), which are few whatever the size of the registry.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.dossier_steps import (
    STEP_SPECS,
    StatusGroup,
    Step,
    StepKind,
    status_group,
    status_label,
)
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.criteria import SortedCriteria, like_tokens
from pcmt_desktop.services.dossier_limits import DossierLimit, dossier_limits, next_pending
from pcmt_desktop.services.legal import RuleBook, read_all_rules
from pcmt_desktop.store.models import Dossier, DossierStep, Person, SubArea

CLOSING_KINDS = tuple(kind.value for kind in StepKind if kind.closing)
# Steps that start a clock which may still be running.
CLOCK_KINDS = (StepKind.COURT_ACCEPTED.value, StepKind.ENTERED_FACILITY.value)


class DossierSort:
    NAME = "name"
    BIRTH_YEAR = "birth_year"
    SUB_AREA = "sub_area"
    FOUND_ON = "found_on"
    CREATED_ON = "created_on"
    STATUS = "status"
    NEXT_DUE = "next_due"


@dataclass(frozen=True)
class DossierCriteria(SortedCriteria):
    """What the dossiers tab shows; ``group`` is a ``StatusGroup`` value or None for all."""

    text: str = ""
    sub_area_id: int | None = None
    group: str | None = None
    created_from: date | None = None
    created_to: date | None = None
    late_only: bool = False
    sort: str = DossierSort.CREATED_ON
    descending: bool = True


@dataclass(frozen=True)
class DossierRow:
    id: int
    person_id: int
    full_name: str
    birth_year: int | None
    sub_area_name: str
    found_on: date
    created_on: date | None
    status: str
    group: StatusGroup
    next_limit: DossierLimit | None
    days_left: int | None  # of the next limit, from today

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def _closed_ids() -> Select[int]:
    return select(DossierStep.dossier_id).where(DossierStep.step.in_(CLOSING_KINDS))


def _with_step(kind: StepKind) -> Select[int]:
    return select(DossierStep.dossier_id).where(DossierStep.step == kind.value)


def _created_on() -> Any:
    return (
        select(DossierStep.dossier_id, DossierStep.step_date.label("created_on"))
        .where(DossierStep.step == StepKind.CREATED.value)
        .subquery()
    )


def _steps_by_dossier(session: Session, ids: Iterable[int]) -> dict[int, list[Step]]:
    found: dict[int, list[Step]] = defaultdict(list)
    id_list = list(ids)
    # SQLite allows many bound parameters, but keep each IN list modest.
    for start in range(0, len(id_list), 500):
        chunk = id_list[start : start + 500]
        rows = session.execute(
            select(
                DossierStep.dossier_id,
                DossierStep.step,
                DossierStep.step_date,
                DossierStep.term_months,
                DossierStep.reason,
            ).where(DossierStep.dossier_id.in_(chunk))
        )
        for dossier_id, step, day, term, reason in rows:
            found[dossier_id].append(Step(StepKind(step), day, term, reason))
    return found


class DossierListing:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def count(self) -> int:
        with self._context.reading() as session:
            return session.scalar(select(func.count(Dossier.id))) or 0

    # --- running clocks ------------------------------------------------------------------
    def _pending(self, session: Session) -> dict[int, DossierLimit]:
        """The next pending limit of every dossier that has one."""
        candidates = select(Dossier.id, Dossier.found_on).where(
            Dossier.id.in_(select(DossierStep.dossier_id).where(DossierStep.step.in_(CLOCK_KINDS))),
            Dossier.id.not_in(_closed_ids()),
        )
        found_on = {row[0]: row[1] for row in session.execute(candidates)}
        if not found_on:
            return {}
        book = RuleBook(read_all_rules(session))
        pending: dict[int, DossierLimit] = {}
        for dossier_id, steps in _steps_by_dossier(session, found_on).items():
            limit = next_pending(dossier_limits(steps, found_on[dossier_id], book))
            if limit is not None:
                pending[dossier_id] = limit
        return pending

    def alerts(self, today: date) -> list[Alert]:
        """One alert per open dossier with a running clock."""
        with self._context.reading() as session:
            pending = self._pending(session)
            if not pending:
                return []
            rows = session.execute(
                select(Dossier.id, Person.id, Person.full_name, func.coalesce(SubArea.name, ""))
                .join(Person, Person.id == Dossier.person_id)
                .outerjoin(SubArea, SubArea.id == Person.sub_area_id)
                .where(Dossier.id.in_(list(pending)))
            )
            return [
                Alert(
                    kind="dossier",
                    record_id=dossier_id,
                    person_id=person_id,
                    title=name,
                    what=pending[dossier_id].what,
                    sub_area_name=sub_area,
                    due=pending[dossier_id].due,
                    days_left=pending[dossier_id].days_left(today),
                )
                for dossier_id, person_id, name, sub_area in rows
            ]

    # --- the table -----------------------------------------------------------------------
    def ordered_ids(self, criteria: DossierCriteria) -> list[int]:
        created = _created_on()
        conditions: list[Any] = []
        for pattern in like_tokens(criteria.text):
            conditions.append(Person.search_text.like(pattern, escape="\\"))
        if criteria.sub_area_id is not None:
            conditions.append(Person.sub_area_id == criteria.sub_area_id)
        if criteria.group == StatusGroup.CLOSED.value:
            conditions.append(Dossier.id.in_(_closed_ids()))
        elif criteria.group == StatusGroup.EXECUTING.value:
            conditions.append(Dossier.id.in_(_with_step(StepKind.ENTERED_FACILITY)))
            conditions.append(Dossier.id.not_in(_closed_ids()))
        elif criteria.group == StatusGroup.PROCESSING.value:
            conditions.append(Dossier.id.not_in(_with_step(StepKind.ENTERED_FACILITY)))
            conditions.append(Dossier.id.not_in(_closed_ids()))
        if criteria.created_from is not None:
            conditions.append(created.c.created_on >= criteria.created_from)
        if criteria.created_to is not None:
            conditions.append(created.c.created_on <= criteria.created_to)
        with self._context.reading() as session:
            pending: dict[int, DossierLimit] = {}
            if criteria.late_only or criteria.sort == DossierSort.NEXT_DUE:
                pending = self._pending(session)
            if criteria.late_only:
                today = self._context.today()
                late = [key for key, limit in pending.items() if limit.days_left(today) < 0]
                conditions.append(Dossier.id.in_(late))
            key = self._sort_key(criteria.sort, created)
            query = (
                select(Dossier.id, key)
                .join(Person, Person.id == Dossier.person_id)
                .outerjoin(created, created.c.dossier_id == Dossier.id)
                .where(and_(True, *conditions))
            )
            descending = criteria.descending
            if criteria.sort != DossierSort.NEXT_DUE:
                query = query.order_by(
                    key.desc().nulls_last() if descending else key.asc().nulls_last(),
                    Person.name_folded.desc() if descending else Person.name_folded,
                    Dossier.id.desc() if descending else Dossier.id,
                )
                return [row[0] for row in session.execute(query)]
            # Next due: the SQL order is by name; dossiers without a clock go last.
            query = query.order_by(Person.name_folded, Dossier.id)
            ids = [row[0] for row in session.execute(query)]
        with_due = [key_id for key_id in ids if key_id in pending]
        with_due.sort(key=lambda key_id: pending[key_id].due, reverse=descending)
        return with_due + [key_id for key_id in ids if key_id not in pending]

    @staticmethod
    def _sort_key(sort: str, created: Any) -> Any:
        if sort == DossierSort.BIRTH_YEAR:
            return Person.birth_year
        if sort == DossierSort.SUB_AREA:
            return (
                select(SubArea.position).where(SubArea.id == Person.sub_area_id).scalar_subquery()
            )
        if sort == DossierSort.FOUND_ON:
            return Dossier.found_on
        if sort == DossierSort.CREATED_ON:
            return created.c.created_on
        if sort == DossierSort.STATUS:
            rank = case(
                *((DossierStep.step == kind.value, spec.rank) for kind, spec in STEP_SPECS.items()),
                else_=0,
            )
            return (
                select(func.max(rank)).where(DossierStep.dossier_id == Dossier.id).scalar_subquery()
            )
        return Person.name_folded

    def rows(self, ids: list[int], criteria: DossierCriteria) -> dict[int, DossierRow]:
        """The rows for these ids (any order); ids no longer there are left out."""
        if not ids:
            return {}
        today = self._context.today()
        with self._context.reading() as session:
            book = RuleBook(read_all_rules(session))
            steps = _steps_by_dossier(session, ids)
            query = (
                select(
                    Dossier.id,
                    Person.id,
                    Person.full_name,
                    Person.birth_year,
                    func.coalesce(SubArea.name, ""),
                    Dossier.found_on,
                )
                .join(Person, Person.id == Dossier.person_id)
                .outerjoin(SubArea, SubArea.id == Person.sub_area_id)
                .where(Dossier.id.in_(ids))
            )
            found: dict[int, DossierRow] = {}
            for dossier_id, person_id, name, birth_year, sub_area, found_on in session.execute(
                query
            ):
                own = steps.get(dossier_id, [])
                limit = next_pending(dossier_limits(own, found_on, book))
                created = next((step.day for step in own if step.kind is StepKind.CREATED), None)
                found[dossier_id] = DossierRow(
                    id=dossier_id,
                    person_id=person_id,
                    full_name=name,
                    birth_year=birth_year,
                    sub_area_name=sub_area,
                    found_on=found_on,
                    created_on=created,
                    status=status_label(own),
                    group=status_group(own),
                    next_limit=limit,
                    days_left=None if limit is None else limit.days_left(today),
                )
            return found
