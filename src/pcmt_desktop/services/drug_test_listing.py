"""The drug-tests table's queries and the per-sub-area rates, all computed in SQL.

The table asks for the ordered ids of the tests the criteria select (one query that
filters and sorts) and then for the rows of the few ids it draws. The figures count
persons, as the reports do: ``tested`` is the number of distinct persons with a test in
the period, ``positive`` those with at least one positive test in it (shared/DOMAIN.md).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, select

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.substances import Substance, result_text, substances_text
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.criteria import SortedCriteria, like_tokens
from pcmt_desktop.store.models import DrugTest, Person, SubArea

TOTAL_NAME = "Tổng cộng"
NO_SUB_AREA_NAME = "Chưa rõ địa bàn"
# How many of the latest tests to read for the "summoned by" suggestions.
RECENT_TESTS_FOR_SUGGESTIONS = 2000


class DrugTestSort(StrEnum):
    DATE = "date"
    NAME = "name"
    BIRTH_YEAR = "birth_year"
    SUB_AREA = "sub_area"
    RESULT = "result"
    SUMMONED_BY = "summoned_by"


@dataclass(frozen=True)
class DrugTestCriteria(SortedCriteria):
    """What the drug-tests table shows; dates are inclusive, None leaves that side open."""

    sort: str = DrugTestSort.DATE
    descending: bool = True
    text: str = ""
    sub_area_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    positive_only: bool = False
    person_id: int | None = None


@dataclass(frozen=True)
class DrugTestRow:
    """One line of the drug-tests table."""

    id: int
    test_date: date
    person_id: int
    person_name: str
    birth_year: int | None
    sub_area_name: str
    substances_text: str
    positive: bool
    summoned_by: str
    method: str
    follow_up: str

    @property
    def result_text(self) -> str:
        return result_text(self.positive)


@dataclass(frozen=True)
class DrugTestSummary:
    """The count line: tests, distinct persons, and persons with a positive test."""

    tests: int
    persons: int
    positive_persons: int


@dataclass(frozen=True)
class SubAreaRate:
    """Persons tested and found positive in a sub-area; ``rate`` in % (None: none tested)."""

    sub_area_id: int | None
    name: str
    tested: int
    positive: int
    rate: Decimal | None
    is_total: bool = False


def positive_rate(positive: int, tested: int) -> Decimal | None:
    """positive / tested in percent, one decimal, halves rounded up (53/351 → 15.1)."""
    if tested == 0:
        return None
    return (Decimal(positive * 100) / Decimal(tested)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def format_rate(rate: Decimal | None) -> str:
    """ "15,1%" as the báo cáo writes it; "—" when nobody was tested."""
    return "—" if rate is None else f"{rate}%".replace(".", ",")


class DrugTestListing:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def _filters(self, criteria: DrugTestCriteria) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if criteria.date_from is not None:
            conditions.append(DrugTest.test_date >= criteria.date_from)
        if criteria.date_to is not None:
            conditions.append(DrugTest.test_date <= criteria.date_to)
        if criteria.positive_only:
            conditions.append(DrugTest.positive.is_(True))
        if criteria.person_id is not None:
            conditions.append(DrugTest.person_id == criteria.person_id)
        # The persons matching the text or sub-area as one uncorrelated IN (...) list:
        # built once, then each test is a lookup (no per-test EXISTS).
        person_conditions: list[ColumnElement[bool]] = [
            Person.search_text.like(pattern, escape="\\") for pattern in like_tokens(criteria.text)
        ]
        if criteria.sub_area_id is not None:
            person_conditions.append(Person.sub_area_id == criteria.sub_area_id)
        if person_conditions:
            conditions.append(
                DrugTest.person_id.in_(select(Person.id).where(and_(*person_conditions)))
            )
        return conditions

    def ordered_ids(self, criteria: DrugTestCriteria) -> list[int]:
        query: Select[Any] = select(DrugTest.id).where(and_(True, *self._filters(criteria)))
        sort = criteria.sort
        key: Any = None
        if sort in (DrugTestSort.NAME, DrugTestSort.BIRTH_YEAR, DrugTestSort.SUB_AREA):
            query = query.join(Person, Person.id == DrugTest.person_id)
            if sort == DrugTestSort.SUB_AREA:
                query = query.outerjoin(SubArea, SubArea.id == Person.sub_area_id)
                key = SubArea.position
            elif sort == DrugTestSort.BIRTH_YEAR:
                key = Person.birth_year
            else:
                key = Person.name_folded
        elif sort == DrugTestSort.RESULT:
            key = DrugTest.positive
        elif sort == DrugTestSort.SUMMONED_BY:
            key = DrugTest.summoned_by
        # Ties (and the date sort itself) go newest first within a key, then by id.
        if key is None:
            order = (DrugTest.test_date, DrugTest.id)
            query = query.order_by(*((c.desc() for c in order) if criteria.descending else order))
        elif criteria.descending:
            query = query.order_by(
                key.desc().nulls_last(), DrugTest.test_date.desc(), DrugTest.id.desc()
            )
        else:
            query = query.order_by(
                key.asc().nulls_last(), DrugTest.test_date.desc(), DrugTest.id.desc()
            )
        with self._context.reading() as session:
            # Core rows: the ORM's per-row work would cost more than the query.
            return [row[0] for row in session.connection().execute(query)]

    def rows(
        self, ids: list[int], criteria: DrugTestCriteria | None = None
    ) -> dict[int, DrugTestRow]:
        """The rows for these ids (any order); ids no longer there are left out."""
        if not ids:
            return {}
        query = (
            select(
                DrugTest,
                Person.full_name,
                Person.birth_year,
                func.coalesce(SubArea.name, ""),
            )
            .join(Person, Person.id == DrugTest.person_id)
            .outerjoin(SubArea, SubArea.id == Person.sub_area_id)
            .where(DrugTest.id.in_(ids))
        )
        found: dict[int, DrugTestRow] = {}
        with self._context.reading() as session:
            for test, name, birth_year, sub_area_name in session.execute(query):
                found[test.id] = DrugTestRow(
                    id=test.id,
                    test_date=test.test_date,
                    person_id=test.person_id,
                    person_name=name,
                    birth_year=birth_year,
                    sub_area_name=sub_area_name,
                    substances_text=_substances_text(test),
                    positive=test.positive,
                    summoned_by=test.summoned_by,
                    method=test.method,
                    follow_up=test.follow_up,
                )
        return found

    def summary(self, criteria: DrugTestCriteria) -> DrugTestSummary:
        query = select(
            func.count(DrugTest.id),
            func.count(distinct(DrugTest.person_id)),
            func.count(distinct(case((DrugTest.positive.is_(True), DrugTest.person_id)))),
        ).where(and_(True, *self._filters(criteria)))
        with self._context.reading() as session:
            tests, persons, positive = session.execute(query).one()
        return DrugTestSummary(tests or 0, persons or 0, positive or 0)

    def rates_by_sub_area(self, date_from: date, date_to: date) -> list[SubAreaRate]:
        """Every configured sub-area in its order (0 tested included), persons without a
        sub-area when there are any, then the total (each person counted once).

        Raises:
            ValidationError: ``date_from`` is after ``date_to``.
        """
        if date_from > date_to:
            raise ValidationError.single(
                "date_from",
                f"Từ ngày ({format_day(date_from)}) ở sau đến ngày ({format_day(date_to)}).",
            )
        # One row per person tested in the period (positive: 1 if any test was), then
        # counted per sub-area: each person once, as COUNT(DISTINCT) would, at a third of
        # its cost (one grouping instead of three temporary B-trees; 500 000 tests).
        per_person = (
            select(
                DrugTest.person_id.label("person_id"),
                func.max(case((DrugTest.positive.is_(True), 1), else_=0)).label("positive"),
            )
            .where(DrugTest.test_date >= date_from, DrugTest.test_date <= date_to)
            .group_by(DrugTest.person_id)
            .subquery()
        )
        per_area = (
            select(Person.sub_area_id, func.count(), func.sum(per_person.c.positive))
            .select_from(per_person)
            .join(Person, Person.id == per_person.c.person_id)
            .group_by(Person.sub_area_id)
        )
        with self._context.reading() as session:
            counts: dict[int | None, tuple[int, int]] = {
                row[0]: (row[1], row[2] or 0) for row in session.execute(per_area)
            }
            areas = session.execute(
                select(SubArea.id, SubArea.name).order_by(SubArea.position, SubArea.id)
            ).all()
        # A person has one sub-area (or none): the groups add up to distinct persons.
        total_tested = sum(tested for tested, _ in counts.values())
        total_positive = sum(positive for _, positive in counts.values())
        result = []
        for area_id, name in areas:
            area_tested, area_positive = counts.get(area_id, (0, 0))
            result.append(
                SubAreaRate(
                    area_id,
                    name,
                    area_tested,
                    area_positive,
                    positive_rate(area_positive, area_tested),
                )
            )
        if None in counts:
            none_tested, none_positive = counts[None]
            result.append(
                SubAreaRate(
                    None,
                    NO_SUB_AREA_NAME,
                    none_tested,
                    none_positive,
                    positive_rate(none_positive, none_tested),
                )
            )
        result.append(
            SubAreaRate(
                None,
                TOTAL_NAME,
                total_tested,
                total_positive,
                positive_rate(total_positive, total_tested),
                is_total=True,
            )
        )
        return result

    def summoned_by_names(self, limit: int = 30) -> list[str]:
        recent = (
            select(DrugTest.summoned_by, DrugTest.test_date)
            .where(DrugTest.summoned_by != "")
            .order_by(DrugTest.test_date.desc(), DrugTest.id.desc())
            .limit(RECENT_TESTS_FOR_SUGGESTIONS)
            .subquery()
        )
        query = (
            select(recent.c.summoned_by)
            .group_by(recent.c.summoned_by)
            .order_by(func.max(recent.c.test_date).desc(), recent.c.summoned_by)
            .limit(limit)
        )
        with self._context.reading() as session:
            return list(session.scalars(query))


def _substances_text(test: DrugTest) -> str:
    found = [item for item in Substance if getattr(test, item.value)]
    return substances_text(found, test.other_substance)
