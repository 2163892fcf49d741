"""The cases' figures for a report period, computed in SQL.

Counting rules, as the seeds count (000: "bắt giữ 14 vụ 16 đối tượng … khởi tố 11 vụ,
12 bị can … cơ cấu: Điều 249: 09 vụ, 10 bị can; Điều 251: 05 vụ, 6 bị can"):

- a case counts once in ``cases`` whatever its charges; a case with two charges counts
  once under each charge, so the charges' cases may add up to more than ``cases``, and
  the report's shares (computed by the report, not here) are each charge's part of
  ``cases`` (and of ``subjects``/``defendants``);
- ``subjects`` and ``defendants`` add the numbers entered on each case (the count of
  subjects may exceed the subjects named);
- ``received`` counts the cases received from another force (``received_from`` set);
- administrative violations are grouped by their act as stored, with the fines added
  (a violation without a fine adds nothing).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, case, func, select
from sqlalchemy.orm import Session

from pcmt_desktop.services.case_types import COUNT_FIELDS, GRAM_FIELDS, CaseKind, SeizedItems
from pcmt_desktop.store.models import CaseCharge, ChargeArticle, DrugCase

# Grams are typed with at most 3 decimals ("5,524 gam"); sums of floats drift below that.
GRAM_DECIMALS = 3


@dataclass(frozen=True)
class CountFigures:
    cases: int = 0
    subjects: int = 0


@dataclass(frozen=True)
class ChargeFigures:
    cases: int = 0
    subjects: int = 0
    prosecuted_cases: int = 0
    defendants: int = 0


@dataclass(frozen=True)
class ActFigures:
    cases: int = 0
    subjects: int = 0
    fines_vnd: int = 0


@dataclass(frozen=True)
class CriminalFigures:
    cases: int
    subjects: int
    prosecuted_cases: int
    defendants: int
    received: int
    received_subjects: int
    received_by_source: Mapping[str, CountFigures]
    by_charge: Mapping[str, ChargeFigures]
    seized: SeizedItems


@dataclass(frozen=True)
class AdministrativeFigures:
    cases: int
    subjects: int
    fines_vnd: int
    by_act: Mapping[str, ActFigures]
    seized: SeizedItems


@dataclass(frozen=True)
class CaseSummary:
    date_from: date
    date_to: date
    criminal: CriminalFigures
    administrative: AdministrativeFigures


def _in_period(
    kind: CaseKind, date_from: date, date_to: date, sub_area_id: int | None
) -> list[ColumnElement[bool]]:
    conditions = [
        DrugCase.kind == kind.value,
        DrugCase.occurred_on >= date_from,
        DrugCase.occurred_on <= date_to,
    ]
    if sub_area_id is not None:
        conditions.append(DrugCase.sub_area_id == sub_area_id)
    return conditions


def _total(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def _seized_columns() -> list[Any]:
    return [_total(getattr(DrugCase, name)) for name in (*GRAM_FIELDS, *COUNT_FIELDS, "cash_vnd")]


def _seized(values: Row[Any] | tuple[Any, ...]) -> SeizedItems:
    names = (*GRAM_FIELDS, *COUNT_FIELDS, "cash_vnd")
    found: dict[str, Any] = {}
    for name, value in zip(names, values, strict=True):
        found[name] = round(float(value), GRAM_DECIMALS) if name in GRAM_FIELDS else int(value)
    return SeizedItems(**found)


def _flag_count(condition: ColumnElement[bool]) -> Any:
    return _total(case((condition, 1), else_=0))


def _criminal(session: Session, date_from: date, date_to: date, sub: int | None) -> CriminalFigures:
    where = _in_period(CaseKind.CRIMINAL, date_from, date_to, sub)
    received = DrugCase.received_from != ""
    head = session.execute(
        select(
            func.count(DrugCase.id),
            _total(DrugCase.subjects),
            _flag_count(DrugCase.prosecuted.is_(True)),
            _total(DrugCase.defendants),
            _flag_count(received),
            _total(case((received, DrugCase.subjects), else_=0)),
            *_seized_columns(),
        ).where(*where)
    ).one()
    by_charge = {
        article: ChargeFigures(int(cases), int(subjects), int(prosecuted), int(defendants))
        for article, cases, subjects, prosecuted, defendants in session.execute(
            select(
                CaseCharge.article,
                func.count(DrugCase.id),
                _total(DrugCase.subjects),
                _flag_count(DrugCase.prosecuted.is_(True)),
                _total(DrugCase.defendants),
            )
            .join(DrugCase, DrugCase.id == CaseCharge.case_id)
            .join(ChargeArticle, ChargeArticle.article == CaseCharge.article)
            .where(*where)
            .group_by(CaseCharge.article, ChargeArticle.position)
            .order_by(ChargeArticle.position)
        )
    }
    by_source = {
        source: CountFigures(int(cases), int(subjects))
        for source, cases, subjects in session.execute(
            select(DrugCase.received_from, func.count(DrugCase.id), _total(DrugCase.subjects))
            .where(*where, received)
            .group_by(DrugCase.received_from)
            .order_by(DrugCase.received_from)
        )
    }
    return CriminalFigures(
        cases=int(head[0]),
        subjects=int(head[1]),
        prosecuted_cases=int(head[2]),
        defendants=int(head[3]),
        received=int(head[4]),
        received_subjects=int(head[5]),
        received_by_source=by_source,
        by_charge=by_charge,
        seized=_seized(tuple(head[6:])),
    )


def _administrative(
    session: Session, date_from: date, date_to: date, sub: int | None
) -> AdministrativeFigures:
    where = _in_period(CaseKind.ADMINISTRATIVE, date_from, date_to, sub)
    head = session.execute(
        select(
            func.count(DrugCase.id),
            _total(DrugCase.subjects),
            _total(DrugCase.fine_vnd),
            *_seized_columns(),
        ).where(*where)
    ).one()
    # Most cases first, as the báo cáo lists the acts.
    by_act = {
        act: ActFigures(int(cases), int(subjects), int(fines))
        for act, cases, subjects, fines in session.execute(
            select(
                DrugCase.act,
                func.count(DrugCase.id),
                _total(DrugCase.subjects),
                _total(DrugCase.fine_vnd),
            )
            .where(*where)
            .group_by(DrugCase.act)
            .order_by(func.count(DrugCase.id).desc(), DrugCase.act)
        )
    }
    return AdministrativeFigures(
        cases=int(head[0]),
        subjects=int(head[1]),
        fines_vnd=int(head[2]),
        by_act=by_act,
        seized=_seized(tuple(head[3:])),
    )


def summarise(
    session: Session, date_from: date, date_to: date, sub_area_id: int | None = None
) -> CaseSummary:
    """The figures of the cases that occurred in [date_from, date_to], both inclusive
    (in one sub-area if ``sub_area_id`` is given)."""
    return CaseSummary(
        date_from=date_from,
        date_to=date_to,
        criminal=_criminal(session, date_from, date_to, sub_area_id),
        administrative=_administrative(session, date_from, date_to, sub_area_id),
    )
