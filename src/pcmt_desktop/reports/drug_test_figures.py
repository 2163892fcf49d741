"""Drug tests as the seeds count them: persons, not tests (DOMAIN.md "What a report computes")."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pcmt_desktop.services.drug_test_listing import SubAreaRate, positive_rate
from pcmt_desktop.services.drug_tests import DrugTestService
from pcmt_desktop.store.models import DrugTest

# JSON key → the test's column (INTERCHANGE.md §2 tests.by_substance).
SUBSTANCE_COLUMNS = {
    "heroin": DrugTest.heroin,
    "methamphetamine": DrugTest.methamphetamine,
    "mdma": DrugTest.mdma,
    "ketamine": DrugTest.ketamine,
    "can_sa": DrugTest.cannabis,
    "khac": DrugTest.other,
}


def _rate(rate: Decimal | None) -> float:
    # Nobody tested: 0.0 keeps the key a number, as INTERCHANGE.md §2 promises.
    return 0.0 if rate is None else float(rate)


def _row(rate: SubAreaRate) -> dict[str, Any]:
    return {
        "sub_area": rate.name,
        "tested": rate.tested,
        "positive": rate.positive,
        "positive_rate": _rate(rate.rate),
    }


def by_substance(session: Session, date_from: date, date_to: date) -> dict[str, int]:
    """Persons positive for each substance at least once in the period."""
    columns = [
        func.count(func.distinct(DrugTest.person_id)).filter(column.is_(True))
        for column in SUBSTANCE_COLUMNS.values()
    ]
    row = session.execute(
        select(*columns).where(
            DrugTest.test_date >= date_from,
            DrugTest.test_date <= date_to,
            # Only positive tests find a substance (the table's CHECK): a tenth of the rows.
            DrugTest.positive.is_(True),
        )
    ).one()
    return {key: int(value or 0) for key, value in zip(SUBSTANCE_COLUMNS, row, strict=True)}


def test_totals(session: Session, date_from: date, date_to: date) -> dict[str, Any]:
    """Persons tested and positive, without sub-areas (the comparison period's): one pass
    over the covering date index, no join to the persons."""
    per_person = (
        select(
            DrugTest.person_id,
            func.max(case((DrugTest.positive.is_(True), 1), else_=0)).label("positive"),
        )
        .where(DrugTest.test_date >= date_from, DrugTest.test_date <= date_to)
        .group_by(DrugTest.person_id)
        .subquery()
    )
    tested, positive = session.execute(
        select(func.count(), func.coalesce(func.sum(per_person.c.positive), 0)).select_from(
            per_person
        )
    ).one()
    return {
        "tested": int(tested),
        "positive": int(positive),
        "positive_rate": _rate(positive_rate(int(positive), int(tested))),
    }


def test_figures(
    session: Session, service: DrugTestService, date_from: date, date_to: date
) -> dict[str, Any]:
    rates = service.rates_by_sub_area(date_from, date_to)
    overall = rates[-1]
    return {
        "tested": overall.tested,
        "positive": overall.positive,
        "positive_rate": _rate(overall.rate),
        "by_substance": by_substance(session, date_from, date_to),
        "by_sub_area": [_row(rate) for rate in rates if not rate.is_total],
        "compare": None,
    }
