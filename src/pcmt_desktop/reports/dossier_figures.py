"""CNBB dossiers: the steps dated within the period, and the persons of the new dossiers
(seed 001 names them: name, birth year, where they live)."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.dossier_steps import StepKind
from pcmt_desktop.reports.sub_area_rows import SubAreaOrder
from pcmt_desktop.store.models import Dossier, DossierStep, Person

# JSON key → the step that a dossier reaches when it counts under that key.
STEP_KEYS = {
    "created": StepKind.CREATED,
    "sent_to_court": StepKind.SENT_TO_COURT,
    "decided": StepKind.DECIDED,
    "executed": StepKind.ENTERED_FACILITY,
}


def _empty() -> dict[str, int]:
    return dict.fromkeys(STEP_KEYS, 0)


def _counts(session: Session, date_from: date, date_to: date) -> dict[int | None, dict[str, int]]:
    rows = session.execute(
        select(DossierStep.step, Person.sub_area_id, func.count(func.distinct(Dossier.id)))
        .join(Dossier, Dossier.id == DossierStep.dossier_id)
        .join(Person, Person.id == Dossier.person_id)
        .where(
            DossierStep.step.in_([step.value for step in STEP_KEYS.values()]),
            DossierStep.step_date >= date_from,
            DossierStep.step_date <= date_to,
        )
        .group_by(DossierStep.step, Person.sub_area_id)
    )
    key_of = {step.value: key for key, step in STEP_KEYS.items()}
    per_area: dict[int | None, dict[str, int]] = defaultdict(_empty)
    for step, sub_area_id, count in rows:
        per_area[sub_area_id][key_of[step]] += int(count)
    return per_area


def dossier_totals(session: Session, date_from: date, date_to: date) -> dict[str, int]:
    summed = _empty()
    for counts in _counts(session, date_from, date_to).values():
        for key, value in counts.items():
            summed[key] += value
    return summed


def dossier_figures(
    session: Session, order: SubAreaOrder, date_from: date, date_to: date
) -> dict[str, Any]:
    per_area = _counts(session, date_from, date_to)
    persons = session.execute(
        select(Person.full_name, Person.birth_year, Person.village, Person.sub_area_id)
        .join(Dossier, Dossier.person_id == Person.id)
        .join(DossierStep, DossierStep.dossier_id == Dossier.id)
        .where(
            DossierStep.step == StepKind.CREATED.value,
            DossierStep.step_date >= date_from,
            DossierStep.step_date <= date_to,
        )
        .order_by(DossierStep.step_date, Person.full_name)
    )
    summed = _empty()
    for counts in per_area.values():
        for key, value in counts.items():
            summed[key] += value
    return {
        **summed,
        "created_persons": [
            {
                "full_name": name,
                "birth_year": birth_year,
                "village": village,
                "sub_area": order.name_of(sub_area_id),
            }
            for name, birth_year, village, sub_area_id in persons
        ],
        "by_sub_area": order.rows(per_area, _empty),
        "compare": None,
    }
