"""Actual against target: each measure counted from the registries over a phase.

The phase runs from its start to its end, both inclusive; only the days up to today
count. Persons belong to the sub-area they are registered in today (the registry keeps
no dated residence), cases to the sub-area they occurred in.

- ``tests_per_day``: distinct persons of the sub-area tested in the phase, divided by
  the phase's days elapsed up to today (today included);
- ``dossiers``: CNBB dossiers whose "lập hồ sơ" step falls in the phase;
- ``surveillance_openings``: surveillance files opened (start date) in the phase;
- ``cases``: criminal cases that occurred in the phase.

A count target is pro-rated to the elapsed part of the phase to say whether a sub-area
is behind; a rate (tests per day) is compared as it is.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Executable, func, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.dossier_steps import StepKind
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.store.models import (
    Dossier,
    DossierStep,
    DrugCase,
    DrugTest,
    Person,
    Surveillance,
)

# The dossier step that creates a CNBB dossier (DOMAIN.md §3: lập hồ sơ).
DOSSIER_CREATED_STEP = StepKind.CREATED.value
# Below this share of what should be done by now a sub-area is far behind (red).
FAR_BEHIND_SHARE = 0.5


class Measure(StrEnum):
    TESTS_PER_DAY = "tests_per_day"
    DOSSIERS = "dossiers"
    SURVEILLANCE_OPENINGS = "surveillance_openings"
    CASES = "cases"

    @property
    def label(self) -> str:
        return MEASURE_LABELS[self]

    @property
    def is_rate(self) -> bool:
        return self is Measure.TESTS_PER_DAY


MEASURE_LABELS = {
    Measure.TESTS_PER_DAY: "Số đối tượng test/ngày",
    Measure.DOSSIERS: "Số hồ sơ CNBB",
    Measure.SURVEILLANCE_OPENINGS: "Số đối tượng đưa vào sưu tra, hiềm nghi",
    Measure.CASES: "Số án ma túy phát hiện, đấu tranh",
}


class Standing(StrEnum):
    """Where a sub-area stands on one target."""

    MET = "met"  # actual reached the whole target
    ON_TRACK = "on_track"  # not yet the target, but what is due by today
    BEHIND = "behind"  # under what is due by today
    FAR_BEHIND = "far_behind"  # under half of what is due by today
    NOT_STARTED = "not_started"  # the phase has not begun


@dataclass(frozen=True)
class PhaseClock:
    """How much of a phase has passed on ``today``."""

    start: date
    end: date
    today: date

    @property
    def total_days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def elapsed_days(self) -> int:
        """Days of the phase up to today, today included (0 before it starts)."""
        last = min(self.end, self.today)
        return max((last - self.start).days + 1, 0)

    @property
    def last_counted_day(self) -> date:
        return min(self.end, self.today)

    def expected(self, measure: Measure, target: float) -> float:
        """What should be done by today: a count pro-rated, a rate as it is."""
        if self.elapsed_days == 0:
            return 0.0
        if measure.is_rate:
            return target
        return target * self.elapsed_days / self.total_days


@dataclass(frozen=True)
class TargetProgress:
    sub_area_id: int
    sub_area_name: str
    measure: Measure
    target: float
    actual: float
    expected: float
    standing: Standing

    @property
    def share(self) -> float | None:
        """Actual as a part of the target (1.0 = met); None for a zero target."""
        return None if self.target <= 0 else self.actual / self.target


def standing_of(actual: float, target: float, expected: float, started: bool) -> Standing:
    if actual >= target:
        return Standing.MET
    if not started:
        return Standing.NOT_STARTED
    if actual >= expected:
        return Standing.ON_TRACK
    if actual < expected * FAR_BEHIND_SHARE:
        return Standing.FAR_BEHIND
    return Standing.BEHIND


def _per_sub_area(session: Session, query: Executable) -> dict[int, int]:
    return {sub_area_id: int(count) for sub_area_id, count in session.execute(query)}


def actuals(session: Session, clock: PhaseClock) -> dict[tuple[int, Measure], float]:
    """Every sub-area's actual for every measure over the phase up to today."""
    first, last = clock.start, clock.last_counted_day
    found: dict[tuple[int, Measure], float] = {}
    if clock.elapsed_days == 0:
        return found
    # The persons tested, once each, before the join: SQLite then looks up each person
    # once instead of once per test, and needs no second B-tree for COUNT(DISTINCT).
    tested_persons = (
        select(DrugTest.person_id)
        .where(DrugTest.test_date >= first, DrugTest.test_date <= last)
        .distinct()
        .subquery()
    )
    tested = _per_sub_area(
        session,
        select(Person.sub_area_id, func.count())
        .select_from(tested_persons)
        .join(Person, Person.id == tested_persons.c.person_id)
        .where(Person.sub_area_id.is_not(None))
        .group_by(Person.sub_area_id),
    )
    created = select(DossierStep.dossier_id).where(
        DossierStep.step == DOSSIER_CREATED_STEP,
        DossierStep.step_date >= first,
        DossierStep.step_date <= last,
    )
    dossiers = _per_sub_area(
        session,
        select(Person.sub_area_id, func.count(Dossier.id))
        .join(Person, Person.id == Dossier.person_id)
        .where(Dossier.id.in_(created), Person.sub_area_id.is_not(None))
        .group_by(Person.sub_area_id),
    )
    openings = _per_sub_area(
        session,
        select(Person.sub_area_id, func.count(Surveillance.id))
        .join(Person, Person.id == Surveillance.person_id)
        .where(Surveillance.start_date >= first, Surveillance.start_date <= last)
        .where(Person.sub_area_id.is_not(None))
        .group_by(Person.sub_area_id),
    )
    cases = _per_sub_area(
        session,
        select(DrugCase.sub_area_id, func.count(DrugCase.id))
        .where(DrugCase.kind == CaseKind.CRIMINAL.value)
        .where(DrugCase.occurred_on >= first, DrugCase.occurred_on <= last)
        .where(DrugCase.sub_area_id.is_not(None))
        .group_by(DrugCase.sub_area_id),
    )
    counted: Mapping[Measure, dict[int, int]] = {
        Measure.DOSSIERS: dossiers,
        Measure.SURVEILLANCE_OPENINGS: openings,
        Measure.CASES: cases,
    }
    for sub_area_id, persons in tested.items():
        found[(sub_area_id, Measure.TESTS_PER_DAY)] = persons / clock.elapsed_days
    for measure, by_sub_area in counted.items():
        for sub_area_id, count in by_sub_area.items():
            found[(sub_area_id, measure)] = float(count)
    return found
