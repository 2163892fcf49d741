"""The plant-seizures table's queries and the totals of what it shows.

Filters and sort run in SQL; the place has no folded copy in the schema, so the search
folds it with ``pcmt_fold`` (see ``sql_fold``) and matches the person through the
persons' own folded search text.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.criteria import SortedCriteria, like_tokens
from pcmt_desktop.services.sql_fold import folded, register_fold
from pcmt_desktop.store.models import Person, PlantSeizure, SubArea


class SeizureSort(StrEnum):
    DATE = "seized_on"
    SUB_AREA = "sub_area"
    PLACE = "place"
    PERSON = "person"
    PLANTS = "plants"
    AREA = "area"
    HANDLING = "handling"
    FINE = "fine"


@dataclass(frozen=True)
class PlantSeizureCriteria(SortedCriteria):
    """What the seizures tab shows; both dates inclusive, either may be open."""

    sort: str = SeizureSort.DATE.value
    descending: bool = True
    text: str = ""
    sub_area_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    handling: str | None = None  # a PlantHandling value


@dataclass(frozen=True)
class PlantSeizureRow:
    id: int
    seized_on: date
    sub_area_name: str
    place: str
    person_id: int | None
    person_name: str  # "" when ownerless
    ownerless: bool
    opium_plants: int
    cannabis_plants: int
    other_plants: int
    other_plant_kind: str
    area_m2: float
    handling: PlantHandling
    fine_vnd: int | None
    expert_exam: bool


@dataclass(frozen=True)
class SeizureTotals:
    """What the báo cáo says of the seizures of a period (or of a filtered listing)."""

    cases: int
    subjects: int  # distinct persons; ownerless cases have none
    ownerless_cases: int
    opium_plants: int
    cannabis_plants: int
    other_plants: int
    area_m2: float
    fined_cases: int
    fines_vnd: int
    prosecuted_cases: int
    expert_exams: int
    sub_areas_with_seizures: int
    sub_areas_total: int

    @property
    def plants(self) -> int:
        return self.opium_plants + self.cannabis_plants + self.other_plants


def seizure_conditions(criteria: PlantSeizureCriteria) -> list[ColumnElement[bool]]:
    """The WHERE of the criteria (needs ``register_fold`` when there is text)."""
    conditions: list[ColumnElement[bool]] = []
    for pattern in like_tokens(criteria.text):
        person_matches = select(Person.id).where(Person.search_text.like(pattern, escape="\\"))
        conditions.append(
            or_(
                folded(PlantSeizure.place).like(pattern, escape="\\"),
                PlantSeizure.person_id.in_(person_matches),
            )
        )
    if criteria.sub_area_id is not None:
        conditions.append(PlantSeizure.sub_area_id == criteria.sub_area_id)
    if criteria.date_from is not None:
        conditions.append(PlantSeizure.seized_on >= criteria.date_from)
    if criteria.date_to is not None:
        conditions.append(PlantSeizure.seized_on <= criteria.date_to)
    if criteria.handling is not None:
        conditions.append(PlantSeizure.handling == criteria.handling)
    return conditions


class PlantSeizureListing:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def ordered_ids(self, criteria: PlantSeizureCriteria) -> list[int]:
        sort = SeizureSort(criteria.sort) if criteria.sort in set(SeizureSort) else SeizureSort.DATE
        key: Any = {
            SeizureSort.DATE: PlantSeizure.seized_on,
            SeizureSort.SUB_AREA: select(SubArea.position)
            .where(SubArea.id == PlantSeizure.sub_area_id)
            .scalar_subquery(),
            SeizureSort.PLACE: folded(PlantSeizure.place),
            SeizureSort.PERSON: select(Person.name_folded)
            .where(Person.id == PlantSeizure.person_id)
            .scalar_subquery(),
            SeizureSort.PLANTS: PlantSeizure.opium_plants
            + PlantSeizure.cannabis_plants
            + PlantSeizure.other_plants,
            SeizureSort.AREA: PlantSeizure.area_m2,
            SeizureSort.HANDLING: PlantSeizure.handling,
            SeizureSort.FINE: PlantSeizure.fine_vnd,
        }[sort]
        ordering: tuple[Any, ...] = (
            (key.desc().nulls_last(), PlantSeizure.id.desc())
            if criteria.descending
            else (key.asc().nulls_last(), PlantSeizure.id)
        )
        query = (
            select(PlantSeizure.id)
            .where(and_(True, *seizure_conditions(criteria)))
            .order_by(*ordering)
        )
        with self._context.reading() as session:
            register_fold(session)
            return [row[0] for row in session.execute(query)]

    def rows(self, ids: list[int], criteria: PlantSeizureCriteria) -> dict[int, PlantSeizureRow]:
        if not ids:
            return {}
        query = (
            select(
                PlantSeizure, func.coalesce(SubArea.name, ""), func.coalesce(Person.full_name, "")
            )
            .outerjoin(SubArea, SubArea.id == PlantSeizure.sub_area_id)
            .outerjoin(Person, Person.id == PlantSeizure.person_id)
            .where(PlantSeizure.id.in_(ids))
        )
        found: dict[int, PlantSeizureRow] = {}
        with self._context.reading() as session:
            for seizure, sub_area_name, person_name in session.execute(query):
                found[seizure.id] = PlantSeizureRow(
                    id=seizure.id,
                    seized_on=seizure.seized_on,
                    sub_area_name=sub_area_name,
                    place=seizure.place,
                    person_id=seizure.person_id,
                    person_name=person_name,
                    ownerless=seizure.ownerless,
                    opium_plants=seizure.opium_plants,
                    cannabis_plants=seizure.cannabis_plants,
                    other_plants=seizure.other_plants,
                    other_plant_kind=seizure.other_plant_kind,
                    area_m2=seizure.area_m2,
                    handling=PlantHandling(seizure.handling),
                    fine_vnd=seizure.fine_vnd,
                    expert_exam=seizure.expert_exam,
                )
        return found

    def totals(self, criteria: PlantSeizureCriteria) -> SeizureTotals:
        conditions = and_(True, *seizure_conditions(criteria))

        def counted(condition: ColumnElement[bool]) -> Any:
            # SUM over a boolean column would come back typed (and converted) as a boolean.
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        def handled(kind: PlantHandling) -> Any:
            return counted(PlantSeizure.handling == kind.value)

        query = select(
            func.count(PlantSeizure.id),
            func.count(func.distinct(PlantSeizure.person_id)),
            counted(PlantSeizure.ownerless.is_(True)),
            func.coalesce(func.sum(PlantSeizure.opium_plants), 0),
            func.coalesce(func.sum(PlantSeizure.cannabis_plants), 0),
            func.coalesce(func.sum(PlantSeizure.other_plants), 0),
            func.coalesce(func.sum(PlantSeizure.area_m2), 0.0),
            handled(PlantHandling.FINED),
            func.coalesce(func.sum(PlantSeizure.fine_vnd), 0),
            handled(PlantHandling.PROSECUTED),
            counted(PlantSeizure.expert_exam.is_(True)),
            func.count(func.distinct(PlantSeizure.sub_area_id)),
        ).where(conditions)
        with self._context.reading() as session:
            register_fold(session)
            row = session.execute(query).one()
            sub_areas_total = session.scalar(select(func.count()).select_from(SubArea)) or 0
        return SeizureTotals(
            cases=row[0],
            subjects=row[1],
            ownerless_cases=int(row[2]),
            opium_plants=int(row[3]),
            cannabis_plants=int(row[4]),
            other_plants=int(row[5]),
            # Sums of decimals typed to 0.1 m²: keep the báo cáo free of float noise.
            area_m2=round(float(row[6]), 2),
            fined_cases=int(row[7]),
            fines_vnd=int(row[8]),
            prosecuted_cases=int(row[9]),
            expert_exams=int(row[10]),
            sub_areas_with_seizures=row[11],
            sub_areas_total=sub_areas_total,
        )
