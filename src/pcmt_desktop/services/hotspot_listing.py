"""The hotspots table's queries: ordered ids filtered and sorted in SQL, rows by batch.

"The status today" is the status row with the latest date on or before today; it is
found by one grouped subquery (no two rows of a hotspot share a day), never by a
correlated lookup per hotspot.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, func, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.hotspots import (
    FIGHT_WARNING_DAYS,
    HotspotKind,
    HotspotState,
    StatusStep,
    fight_due,
)
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.criteria import SortedCriteria, like_tokens
from pcmt_desktop.services.sql_fold import folded, register_fold
from pcmt_desktop.store.models import Hotspot, HotspotStatus, RetailSellerRole, SubArea


class HotspotSort(StrEnum):
    NAME = "name"
    KIND = "kind"
    BUSINESS = "business"
    SUB_AREA = "sub_area"
    ENTERED = "entered_on"
    STATUS = "status"
    SELLERS = "sellers"


@dataclass(frozen=True)
class HotspotCriteria(SortedCriteria):
    """What the hotspots tab shows; ``late_only`` keeps those whose fight period is due."""

    sort: str = HotspotSort.NAME.value
    text: str = ""
    sub_area_id: int | None = None
    kind: str | None = None  # a HotspotKind value
    status: str | None = None  # a HotspotState value, as of today
    in_business: bool | None = None
    late_only: bool = False


@dataclass(frozen=True)
class HotspotRow:
    """One line of the hotspots table, as of ``today``."""

    id: int
    kind: HotspotKind
    in_business: bool
    name: str
    address: str
    sub_area_name: str
    entered_on: date
    fight_months: int
    state: HotspotState | None
    state_since: date | None
    fight_due: date | None  # None once cleared
    days_left: int | None
    sellers_now: int

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return self.days_left is not None and 0 <= self.days_left <= FIGHT_WARNING_DAYS


def current_status(day: date) -> Subquery:
    """Each hotspot's status row in force at the end of ``day`` (hotspot_id, status, date)."""
    latest = (
        select(
            HotspotStatus.hotspot_id.label("hotspot_id"),
            func.max(HotspotStatus.status_date).label("status_date"),
        )
        .where(HotspotStatus.status_date <= day)
        .group_by(HotspotStatus.hotspot_id)
        .subquery()
    )
    return (
        select(HotspotStatus.hotspot_id, HotspotStatus.status, HotspotStatus.status_date)
        .join(
            latest,
            and_(
                HotspotStatus.hotspot_id == latest.c.hotspot_id,
                HotspotStatus.status_date == latest.c.status_date,
            ),
        )
        .subquery()
    )


def _sellers_now(day: date) -> Subquery:
    return (
        select(
            RetailSellerRole.hotspot_id.label("hotspot_id"),
            func.count(func.distinct(RetailSellerRole.person_id)).label("sellers"),
        )
        .where(
            RetailSellerRole.hotspot_id.is_not(None),
            RetailSellerRole.start_date <= day,
            or_(RetailSellerRole.end_date.is_(None), RetailSellerRole.end_date > day),
        )
        .group_by(RetailSellerRole.hotspot_id)
        .subquery()
    )


def _steps(session: Session, ids: list[int]) -> dict[int, list[StatusStep]]:
    steps: dict[int, list[StatusStep]] = {hotspot_id: [] for hotspot_id in ids}
    rows = session.execute(
        select(HotspotStatus.hotspot_id, HotspotStatus.status, HotspotStatus.status_date)
        .where(HotspotStatus.hotspot_id.in_(ids))
        .order_by(HotspotStatus.hotspot_id, HotspotStatus.status_date)
    )
    for hotspot_id, status, day in rows:
        steps[hotspot_id].append(StatusStep(HotspotState(status), day))
    return steps


class HotspotListing:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def ordered_ids(self, criteria: HotspotCriteria) -> list[int]:
        today = self._context.today()
        status = current_status(today)
        sellers = _sellers_now(today)
        query = (
            select(Hotspot.id)
            .outerjoin(status, status.c.hotspot_id == Hotspot.id)
            .outerjoin(sellers, sellers.c.hotspot_id == Hotspot.id)
        )
        conditions: list[ColumnElement[bool]] = []
        for pattern in like_tokens(criteria.text):
            conditions.append(
                or_(
                    Hotspot.name_folded.like(pattern, escape="\\"),
                    folded(Hotspot.address).like(pattern, escape="\\"),
                )
            )
        if criteria.sub_area_id is not None:
            conditions.append(Hotspot.sub_area_id == criteria.sub_area_id)
        if criteria.kind is not None:
            conditions.append(Hotspot.kind == criteria.kind)
        if criteria.status is not None:
            conditions.append(status.c.status == criteria.status)
        if criteria.in_business is not None:
            conditions.append(Hotspot.in_business == criteria.in_business)
        key: Any = {
            HotspotSort.NAME: Hotspot.name_folded,
            HotspotSort.KIND: Hotspot.kind,
            HotspotSort.BUSINESS: Hotspot.in_business,
            HotspotSort.SUB_AREA: select(SubArea.position)
            .where(SubArea.id == Hotspot.sub_area_id)
            .scalar_subquery(),
            HotspotSort.ENTERED: Hotspot.entered_on,
            HotspotSort.STATUS: status.c.status,
            HotspotSort.SELLERS: func.coalesce(sellers.c.sellers, 0),
        }.get(HotspotSort(criteria.sort) if criteria.sort in set(HotspotSort) else HotspotSort.NAME)
        ordering = (
            (key.desc(), Hotspot.name_folded.desc(), Hotspot.id.desc())
            if criteria.descending
            else (key.asc(), Hotspot.name_folded, Hotspot.id)
        )
        with self._context.reading() as session:
            register_fold(session)
            if criteria.late_only:
                conditions.append(Hotspot.id.in_(self._late_ids(session, today)))
            query = query.where(and_(True, *conditions)).order_by(*ordering)
            return [row[0] for row in session.execute(query)]

    def _late_ids(self, session: Session, today: date) -> list[int]:
        """Hotspots still to fight whose fight period is over or ends within 14 days."""
        status = current_status(today)
        candidates = session.execute(
            select(Hotspot.id, Hotspot.entered_on, Hotspot.fight_months)
            .join(status, status.c.hotspot_id == Hotspot.id)
            .where(status.c.status != HotspotState.CLEARED.value)
        ).all()
        steps = _steps(session, [row[0] for row in candidates])
        late = []
        for hotspot_id, entered_on, months in candidates:
            due = fight_due(steps[hotspot_id], entered_on, months, today)
            if due is not None and (due - today).days <= FIGHT_WARNING_DAYS:
                late.append(hotspot_id)
        return late

    def rows(self, ids: list[int], criteria: HotspotCriteria) -> dict[int, HotspotRow]:
        """The rows for these ids (any order); ids no longer there are left out."""
        if not ids:
            return {}
        today = self._context.today()
        sellers = _sellers_now(today)
        query = (
            select(Hotspot, func.coalesce(SubArea.name, ""), func.coalesce(sellers.c.sellers, 0))
            .outerjoin(SubArea, SubArea.id == Hotspot.sub_area_id)
            .outerjoin(sellers, sellers.c.hotspot_id == Hotspot.id)
            .where(Hotspot.id.in_(ids))
        )
        found: dict[int, HotspotRow] = {}
        with self._context.reading() as session:
            steps = _steps(session, ids)
            for hotspot, sub_area_name, sellers_now in session.execute(query):
                own = steps.get(hotspot.id, [])
                current = next((step for step in reversed(own) if step.day <= today), None)
                due = fight_due(own, hotspot.entered_on, hotspot.fight_months, today)
                found[hotspot.id] = HotspotRow(
                    id=hotspot.id,
                    kind=HotspotKind(hotspot.kind),
                    in_business=hotspot.in_business,
                    name=hotspot.name,
                    address=hotspot.address,
                    sub_area_name=sub_area_name,
                    entered_on=hotspot.entered_on,
                    fight_months=hotspot.fight_months,
                    state=None if current is None else current.state,
                    state_since=None if current is None else current.day,
                    fight_due=due,
                    days_left=None if due is None else (due - today).days,
                    sellers_now=sellers_now,
                )
        return found
