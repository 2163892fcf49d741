"""The figures of the yearly area classification, per sub-area and for the office, in SQL.

Each figure is one aggregate query grouped by sub-area (no registry is loaded into
Python): persons on the ``nghien`` and ``su_dung`` lists at the end of the period (and of
them those on substitution treatment then), complex hotspots still active at the end,
criminal-case subjects in the period, all case subjects in the period, and plants
destroyed in the period. The office as a whole adds every group, records without a
sub-area included, so its figures are the whole registry's.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.area_classes import AreaFigures, Thresholds, classify, to_json
from pcmt_desktop.domain.hotspots import HotspotState
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.hotspot_figures import COMPLEX_KINDS
from pcmt_desktop.reports.movements import covers_end_of
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.hotspot_listing import current_status
from pcmt_desktop.services.legal import MissingRuleError, RuleBook, read_all_rules
from pcmt_desktop.store.models import (
    DrugCase,
    Hotspot,
    ListStay,
    Office,
    Person,
    PlantSeizure,
    SubArea,
    SubstitutionTreatment,
)

# The lists whose persons count as "người nghiện, người sử dụng có hồ sơ quản lý".
COUNTED_LISTS = (ManagementList.ADDICT.value, ManagementList.USER.value)
OFFICE_ROW_ID = 1

SubAreaId = int | None


@dataclass(frozen=True)
class _Counts:
    """One sub-area's raw counts; the zero value stands for a sub-area with nothing."""

    persons: int = 0
    persons_excepted: int = 0
    harbouring_places: int = 0
    offenders: int = 0
    plants: int = 0
    plant_m2: float = 0.0
    lawbreakers: int = 0


def _persons(session: Session, day: date) -> dict[SubAreaId, tuple[int, int]]:
    """(persons on the counted lists, of them on substitution treatment) at the end of day."""
    treated = exists().where(
        SubstitutionTreatment.person_id == ListStay.person_id,
        covers_end_of(SubstitutionTreatment, day),
    )
    rows = session.execute(
        select(
            Person.sub_area_id,
            func.count(func.distinct(ListStay.person_id)),
            func.count(func.distinct(case((treated, ListStay.person_id)))),
        )
        .join(Person, Person.id == ListStay.person_id)
        .where(ListStay.list_key.in_(COUNTED_LISTS), covers_end_of(ListStay, day))
        .group_by(Person.sub_area_id)
    )
    return {sub_area_id: (persons, excepted) for sub_area_id, persons, excepted in rows}


def _harbouring_places(session: Session, day: date) -> dict[SubAreaId, int]:
    """Complex hotspots (điểm, tụ điểm phức tạp) not cleared at the end of ``day``."""
    status = current_status(day)
    rows = session.execute(
        select(Hotspot.sub_area_id, func.count(Hotspot.id))
        .join(status, status.c.hotspot_id == Hotspot.id)
        .where(
            Hotspot.kind.in_([kind.value for kind in COMPLEX_KINDS]),
            status.c.status != HotspotState.CLEARED.value,
        )
        .group_by(Hotspot.sub_area_id)
    )
    return {sub_area_id: int(count) for sub_area_id, count in rows}


def _case_subjects(
    session: Session, date_from: date, date_to: date
) -> dict[SubAreaId, tuple[int, int]]:
    """(criminal-case subjects, subjects of every case) that occurred in the period."""
    criminal = case((DrugCase.kind == CaseKind.CRIMINAL.value, DrugCase.subjects), else_=0)
    rows = session.execute(
        select(DrugCase.sub_area_id, func.sum(criminal), func.sum(DrugCase.subjects))
        .where(DrugCase.occurred_on >= date_from, DrugCase.occurred_on <= date_to)
        .group_by(DrugCase.sub_area_id)
    )
    return {
        sub_area_id: (int(offenders or 0), int(subjects or 0))
        for sub_area_id, offenders, subjects in rows
    }


def _plants(session: Session, date_from: date, date_to: date) -> dict[SubAreaId, tuple[int, float]]:
    """(plants of every kind, m²) destroyed in the period."""
    plants = PlantSeizure.opium_plants + PlantSeizure.cannabis_plants + PlantSeizure.other_plants
    rows = session.execute(
        select(PlantSeizure.sub_area_id, func.sum(plants), func.sum(PlantSeizure.area_m2))
        .where(PlantSeizure.seized_on >= date_from, PlantSeizure.seized_on <= date_to)
        .group_by(PlantSeizure.sub_area_id)
    )
    return {sub_area_id: (int(count or 0), float(m2 or 0.0)) for sub_area_id, count, m2 in rows}


def _counts(session: Session, date_from: date, date_to: date) -> Mapping[SubAreaId, _Counts]:
    fields: dict[SubAreaId, dict[str, Any]] = defaultdict(dict)
    for sub_area_id, (persons, excepted) in _persons(session, date_to).items():
        fields[sub_area_id].update(persons=persons, persons_excepted=excepted)
    for sub_area_id, places in _harbouring_places(session, date_to).items():
        fields[sub_area_id]["harbouring_places"] = places
    for sub_area_id, (offenders, subjects) in _case_subjects(session, date_from, date_to).items():
        fields[sub_area_id].update(offenders=offenders, lawbreakers=subjects)
    for sub_area_id, (plants, m2) in _plants(session, date_from, date_to).items():
        fields[sub_area_id].update(plants=plants, plant_m2=m2)
    return {sub_area_id: _Counts(**values) for sub_area_id, values in fields.items()}


def _figures(name: str, population: int | None, on_key_route: bool, counts: _Counts) -> AreaFigures:
    return AreaFigures(
        name=name,
        population=population,
        on_key_route=on_key_route,
        persons=counts.persons,
        persons_excepted=counts.persons_excepted,
        harbouring_places=counts.harbouring_places,
        offenders=counts.offenders,
        plants=counts.plants,
        plant_m2=counts.plant_m2,
        lawbreakers=counts.lawbreakers,
    )


def _total(all_counts: Mapping[SubAreaId, _Counts]) -> _Counts:
    items = list(all_counts.values())
    return _Counts(
        persons=sum(c.persons for c in items),
        persons_excepted=sum(c.persons_excepted for c in items),
        harbouring_places=sum(c.harbouring_places for c in items),
        offenders=sum(c.offenders for c in items),
        plants=sum(c.plants for c in items),
        plant_m2=sum(c.plant_m2 for c in items),
        lawbreakers=sum(c.lawbreakers for c in items),
    )


def area_figures(session: Session, date_from: date, date_to: date) -> list[AreaFigures]:
    """One per sub-area in the office's order, then the office as a whole (``is_office``).

    The office's population is the sum of its sub-areas' when every one is known (else
    None: a partial sum would understate the rates), and it lies on a key route when any
    of its sub-areas does.
    """
    all_counts = _counts(session, date_from, date_to)
    sub_areas = session.execute(
        select(SubArea.id, SubArea.name, SubArea.population, SubArea.on_key_route).order_by(
            SubArea.position, SubArea.id
        )
    ).all()
    areas = [
        _figures(row.name, row.population, row.on_key_route, all_counts.get(row.id, _Counts()))
        for row in sub_areas
    ]
    populations = [row.population for row in sub_areas]
    known = all(population is not None for population in populations) and bool(populations)
    office = session.get(Office, OFFICE_ROW_ID)
    whole = _figures(
        "" if office is None else office.name,
        sum(p for p in populations if p is not None) if known else None,
        any(row.on_key_route for row in sub_areas),
        _total(all_counts),
    )
    return [*areas, replace(whole, is_office=True)]


def classify_areas(
    session: Session, date_from: date, date_to: date, areas: list[AreaFigures] | None = None
) -> dict[str, Any]:
    """The "area_classes" key of the figures: each area's proposal with its criteria.

    The thresholds are those in force on the period's last day. A period that ends before
    the decision took effect has no thresholds: its areas list is empty and
    ``rules_missing`` says why (in Vietnamese), so that the rest of the report still renders.
    """
    result: dict[str, Any] = {
        "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
        "areas": [],
        "rules_missing": None,
    }
    try:
        thresholds = Thresholds.from_rules(RuleBook(read_all_rules(session)), date_to)
    except MissingRuleError as missing:
        result["rules_missing"] = str(missing)
        return result
    result["areas"] = [
        to_json(classify(figures, thresholds), figures)
        for figures in (areas if areas is not None else area_figures(session, date_from, date_to))
    ]
    return result
