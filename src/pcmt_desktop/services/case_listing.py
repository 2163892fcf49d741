"""The cases table's queries: ordered ids filtered and sorted in SQL, rows by batch.

``drug_case`` has no folded search column (the schema is the lead's), so the search
folds in SQL through a function registered on the connection: a scan of a few thousand
cases a year with a cheap Python call per row, which is instant at an office's scale.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.text import fold
from pcmt_desktop.services.case_types import CaseKind, SeizedItems
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.criteria import SortedCriteria, like_tokens
from pcmt_desktop.store.models import CaseCharge, CaseSubject, ChargeArticle, DrugCase, SubArea

FOLD_FUNCTION = "pcmt_fold"


class CaseSort(StrEnum):
    DATE = "date"
    KIND = "kind"
    SUB_AREA = "sub_area"
    SUBJECTS = "subjects"
    DESCRIPTION = "description"
    FINE = "fine"


@dataclass(frozen=True)
class CaseFilter(SortedCriteria):
    """What the cases tab shows; dates are inclusive, None leaves that side open."""

    kind: CaseKind | None = None
    text: str = ""
    sub_area_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    article: str | None = None
    sort: str = CaseSort.DATE.value
    descending: bool = True


@dataclass(frozen=True)
class CaseRow:
    """One line of the cases table."""

    id: int
    kind: CaseKind
    occurred_on: date
    sub_area_name: str
    summary: str
    act: str
    articles: tuple[str, ...]
    subjects: int
    prosecuted: bool
    defendants: int
    received_from: str
    fine_vnd: int | None
    seized: SeizedItems

    @property
    def description(self) -> str:
        """What the case was about: the act of a violation, else the summary."""
        return self.act if self.kind is CaseKind.ADMINISTRATIVE else self.summary


def _fold_or_empty(value: object) -> str:
    return fold(value) if isinstance(value, str) else ""


def register_fold(session: Session) -> None:
    """Make ``pcmt_fold(text)`` callable in SQL on this session's connection."""
    driver: Any = session.connection().connection.driver_connection
    create: Callable[..., None] = driver.create_function
    create(FOLD_FUNCTION, 1, _fold_or_empty, deterministic=True)


def _text_conditions(text: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    folded = getattr(func, FOLD_FUNCTION)
    own_text = (
        DrugCase.summary + " " + DrugCase.act + " " + DrugCase.received_from + " " + DrugCase.note
    )
    for token, pattern in zip(fold(text).split(), like_tokens(text), strict=True):
        named = select(CaseSubject.case_id).where(
            folded(CaseSubject.full_name).like(pattern, escape="\\")
        )
        charged = select(CaseCharge.case_id).where(CaseCharge.article == token)
        conditions.append(
            or_(
                folded(own_text).like(pattern, escape="\\"),
                DrugCase.id.in_(named),
                DrugCase.id.in_(charged),
            )
        )
    return conditions


def case_conditions(criteria: CaseFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.kind is not None:
        conditions.append(DrugCase.kind == CaseKind(criteria.kind).value)
    if criteria.sub_area_id is not None:
        conditions.append(DrugCase.sub_area_id == criteria.sub_area_id)
    if criteria.date_from is not None:
        conditions.append(DrugCase.occurred_on >= criteria.date_from)
    if criteria.date_to is not None:
        conditions.append(DrugCase.occurred_on <= criteria.date_to)
    if criteria.article:
        charged = select(CaseCharge.case_id).where(CaseCharge.article == criteria.article)
        conditions.append(DrugCase.id.in_(charged))
    if criteria.text.strip():
        conditions += _text_conditions(criteria.text)
    return conditions


class CaseListing:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def ordered_ids(self, criteria: CaseFilter) -> list[int]:
        query = select(DrugCase.id).where(and_(True, *case_conditions(criteria)))
        key: Any
        known = criteria.sort in CaseSort._value2member_map_
        sort = CaseSort(criteria.sort) if known else CaseSort.DATE
        if sort is CaseSort.SUB_AREA:
            key = select(SubArea.position).where(SubArea.id == DrugCase.sub_area_id)
            key = key.scalar_subquery()
        elif sort is CaseSort.DESCRIPTION:
            key = func.lower(DrugCase.act + DrugCase.summary)
        else:
            key = {
                CaseSort.DATE: DrugCase.occurred_on,
                CaseSort.KIND: DrugCase.kind,
                CaseSort.SUBJECTS: DrugCase.subjects,
                CaseSort.FINE: DrugCase.fine_vnd,
            }[sort]
        if criteria.descending:
            query = query.order_by(key.desc().nulls_last(), DrugCase.occurred_on.desc())
            query = query.order_by(DrugCase.id.desc())
        else:
            query = query.order_by(key.asc().nulls_last(), DrugCase.occurred_on, DrugCase.id)
        with self._context.reading() as session:
            if criteria.text.strip():
                register_fold(session)
            return [row[0] for row in session.execute(query)]

    def rows(self, ids: list[int], criteria: CaseFilter | None = None) -> dict[int, CaseRow]:
        """The rows for these ids (any order); ids no longer there are left out."""
        if not ids:
            return {}
        query = (
            select(DrugCase, func.coalesce(SubArea.name, ""))
            .outerjoin(SubArea, SubArea.id == DrugCase.sub_area_id)
            .where(DrugCase.id.in_(ids))
        )
        charges = (
            select(CaseCharge.case_id, CaseCharge.article)
            .join(ChargeArticle, ChargeArticle.article == CaseCharge.article)
            .where(CaseCharge.case_id.in_(ids))
            .order_by(CaseCharge.case_id, ChargeArticle.position)
        )
        with self._context.reading() as session:
            articles: dict[int, list[str]] = {}
            for case_id, article in session.execute(charges):
                articles.setdefault(case_id, []).append(article)
            found: dict[int, CaseRow] = {}
            for case, sub_area_name in session.execute(query):
                found[case.id] = CaseRow(
                    id=case.id,
                    kind=CaseKind(case.kind),
                    occurred_on=case.occurred_on,
                    sub_area_name=sub_area_name,
                    summary=case.summary,
                    act=case.act,
                    articles=tuple(articles.get(case.id, ())),
                    subjects=case.subjects,
                    prosecuted=case.prosecuted,
                    defendants=case.defendants,
                    received_from=case.received_from,
                    fine_vnd=case.fine_vnd,
                    seized=SeizedItems(
                        heroin_g=case.heroin_g,
                        methamphetamine_g=case.methamphetamine_g,
                        pills=case.pills,
                        cannabis_g=case.cannabis_g,
                        other_g=case.other_g,
                        vehicles=case.vehicles,
                        phones=case.phones,
                        cash_vnd=case.cash_vnd,
                    ),
                )
            return found
