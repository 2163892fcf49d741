"""The persons table's queries: ordered keys filtered and sorted in SQL, rows by batch.

A registry of 100 000 rows opens at once because the view first asks only for the
ordered ids (one narrow indexed query) and then for the few rows it is drawing.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, or_, select

from pcmt_desktop.domain.text import fold
from pcmt_desktop.domain.vocabulary import Gender, ManagementList
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import ListStay, Person, SubArea

NOT_ON_ANY_LIST = "__none__"
ON_ANY_LIST = "__any__"


class SortColumn(StrEnum):
    NAME = "name"
    BIRTH_YEAR = "birth_year"
    CCCD = "cccd"
    SUB_AREA = "sub_area"
    LIST = "list"
    LIST_SINCE = "list_since"
    UPDATED = "updated"


@dataclass(frozen=True)
class PersonFilter:
    """What the persons tab shows. ``as_of`` decides which stay counts as "the" list."""

    text: str = ""
    list_key: str | None = None  # a ManagementList value, ON_ANY_LIST or NOT_ON_ANY_LIST
    sub_area_id: int | None = None
    as_of: date | None = None
    sort: SortColumn = SortColumn.NAME
    descending: bool = False
    person_ids: frozenset[int] | None = field(default=None)


@dataclass(frozen=True)
class PersonRow:
    """One line of the persons table."""

    id: int
    full_name: str
    gender: Gender | None
    birth_year: int | None
    cccd: str | None
    sub_area_name: str
    village: str
    list_key: ManagementList | None
    list_since: date | None


def _covers_end_of(day: date) -> tuple[ColumnElement[bool], ...]:
    return ListStay.start_date <= day, or_(ListStay.end_date.is_(None), ListStay.end_date > day)


def _on_list(list_key: str | None, day: date) -> Select[int]:
    """The persons with a stay covering the end of ``day`` (on ``list_key`` if given)."""
    query = select(ListStay.person_id).where(*_covers_end_of(day))
    return query if list_key is None else query.where(ListStay.list_key == list_key)


def _stays_at(day: date, person_ids: list[int] | None = None) -> Subquery:
    """Each person's list stay covering the end of ``day`` (at most one by the rules)."""
    query = select(ListStay.person_id, ListStay.list_key, ListStay.start_date).where(
        *_covers_end_of(day)
    )
    if person_ids is not None:
        query = query.where(ListStay.person_id.in_(person_ids))
    return query.subquery()


def _id_among(person_ids: frozenset[int]) -> ColumnElement[bool]:
    """``Person.id`` among ``person_ids``, sent as ONE parameter (a JSON array).

    A data-quality check of the overview may name 100 000 persons: one parameter each
    would pass SQLite's limit of 32 766 and fail.
    """
    listed = func.json_each(json.dumps(sorted(person_ids))).table_valued("value")
    return Person.id.in_(select(listed.c.value))


class PersonListing:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def _filters(self, criteria: PersonFilter, day: date) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        for token in fold(criteria.text).split():
            escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append(Person.search_text.like(f"%{escaped}%", escape="\\"))
        if criteria.sub_area_id is not None:
            conditions.append(Person.sub_area_id == criteria.sub_area_id)
        # One uncorrelated IN (...) list, built once: SQLite evaluated the correlated
        # EXISTS through the (list_key, start_date) index for each of the persons, which
        # took over a minute at 100 000 persons (benchmarks/persons_table.py).
        if criteria.list_key == ON_ANY_LIST:
            conditions.append(Person.id.in_(_on_list(None, day)))
        elif criteria.list_key == NOT_ON_ANY_LIST:
            conditions.append(Person.id.not_in(_on_list(None, day)))
        elif criteria.list_key is not None:
            conditions.append(Person.id.in_(_on_list(criteria.list_key, day)))
        if criteria.person_ids is not None:
            conditions.append(_id_among(criteria.person_ids))
        return conditions

    def ordered_ids(self, criteria: PersonFilter) -> list[int]:
        day = criteria.as_of or self._context.today()
        query = select(Person.id).where(and_(True, *self._filters(criteria, day)))
        key: Any
        sort = criteria.sort
        # Sort keys from other tables are scalar subqueries rather than outer joins: with
        # a join SQLite walked the persons through an unrelated index, twice as slow.
        if sort in (SortColumn.LIST, SortColumn.LIST_SINCE):
            column = ListStay.list_key if sort is SortColumn.LIST else ListStay.start_date
            key = (
                select(column)
                .where(ListStay.person_id == Person.id, *_covers_end_of(day))
                .limit(1)
                .scalar_subquery()
            )
        elif sort is SortColumn.SUB_AREA:
            key = select(SubArea.position).where(SubArea.id == Person.sub_area_id).scalar_subquery()
        elif sort is SortColumn.NAME and criteria.text.strip():
            # "|| ''" keeps SQLite from walking the name index and jumping to every row to
            # test the search text: scanning the table and sorting the matches is 2-7
            # times faster.
            key = Person.name_folded.concat("")
        else:
            key = {
                SortColumn.NAME: Person.name_folded,
                SortColumn.BIRTH_YEAR: Person.birth_year,
                SortColumn.CCCD: Person.cccd,
                SortColumn.UPDATED: Person.updated_at,
            }[sort]
        if sort is SortColumn.NAME:
            # Never null; NULLS LAST would keep SQLite from using the name index alone.
            query = query.order_by(
                *((key.desc(), Person.id.desc()) if criteria.descending else (key, Person.id))
            )
        elif criteria.descending:
            query = query.order_by(
                key.desc().nulls_last(), Person.name_folded.desc(), Person.id.desc()
            )
        else:
            query = query.order_by(key.asc().nulls_last(), Person.name_folded, Person.id)
        with self._context.reading() as session:
            # Core rows: the ORM's per-row work cost more than the query at 100 000 ids.
            return [row[0] for row in session.connection().execute(query)]

    def rows(self, person_ids: list[int], as_of: date | None = None) -> dict[int, PersonRow]:
        """The rows for these ids (any order); ids no longer there are left out."""
        if not person_ids:
            return {}
        day = as_of or self._context.today()
        stay = _stays_at(day, person_ids)
        query = (
            select(
                Person.id,
                Person.full_name,
                Person.gender,
                Person.birth_year,
                Person.cccd,
                func.coalesce(SubArea.name, ""),
                Person.village,
                stay.c.list_key,
                stay.c.start_date,
            )
            .outerjoin(SubArea, SubArea.id == Person.sub_area_id)
            .outerjoin(stay, stay.c.person_id == Person.id)
            .where(Person.id.in_(person_ids))
        )
        with self._context.reading() as session:
            found: dict[int, PersonRow] = {}
            for row in session.execute(query):
                found[row[0]] = PersonRow(
                    id=row[0],
                    full_name=row[1],
                    gender=None if row[2] is None else Gender(row[2]),
                    birth_year=row[3],
                    cccd=row[4],
                    sub_area_name=row[5],
                    village=row[6],
                    list_key=None if row[7] is None else ManagementList(row[7]),
                    list_since=row[8],
                )
            return found
