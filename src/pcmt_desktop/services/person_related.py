"""Everything other registries hold about one person, for the person's record view.

The record shows a person's own histories; an officer also needs, in the same place, the
tests, CNBB dossiers, seizures and cases that name them, newest first.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from pcmt_desktop.domain.plant_seizures import OWNERLESS_LABEL, PlantHandling
from pcmt_desktop.domain.substances import result_text
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.dossiers import DossierService
from pcmt_desktop.store.models import CaseSubject, DrugCase, DrugTest, PlantSeizure


class RelatedKind(StrEnum):
    DRUG_TEST = "drug_test"
    DOSSIER = "dossier"
    PLANT_SEIZURE = "plant_seizure"
    CASE = "drug_case"

    @property
    def label(self) -> str:
        return _RELATED_LABELS[self]


_RELATED_LABELS = {
    RelatedKind.DRUG_TEST: "Test ma túy",
    RelatedKind.DOSSIER: "Hồ sơ CNBB",
    RelatedKind.PLANT_SEIZURE: "Phá nhổ cây",
    RelatedKind.CASE: "Vụ việc",
}


@dataclass(frozen=True)
class RelatedRecord:
    kind: RelatedKind
    record_id: int
    day: date
    text: str


def related_records(context: ServiceContext, person_id: int) -> list[RelatedRecord]:
    """The person's tests, dossiers, seizures and cases, newest first."""
    found: list[RelatedRecord] = []
    with context.reading() as session:
        for test in session.scalars(select(DrugTest).where(DrugTest.person_id == person_id)):
            method = f" ({test.method})" if test.method else ""
            found.append(
                RelatedRecord(
                    RelatedKind.DRUG_TEST,
                    test.id,
                    test.test_date,
                    result_text(test.positive) + method,
                )
            )
        for seizure in session.scalars(
            select(PlantSeizure).where(PlantSeizure.person_id == person_id)
        ):
            plants = seizure.opium_plants + seizure.cannabis_plants + seizure.other_plants
            handling = PlantHandling(seizure.handling).label
            place = seizure.place or OWNERLESS_LABEL
            found.append(
                RelatedRecord(
                    RelatedKind.PLANT_SEIZURE,
                    seizure.id,
                    seizure.seized_on,
                    f"{plants} cây tại {place} — {handling}",
                )
            )
        cases = session.execute(
            select(DrugCase)
            .join(CaseSubject, CaseSubject.case_id == DrugCase.id)
            .where(CaseSubject.person_id == person_id)
        ).scalars()
        for case in cases:
            what = case.act or case.summary
            found.append(
                RelatedRecord(
                    RelatedKind.CASE,
                    case.id,
                    case.occurred_on,
                    f"{CaseKind(case.kind).label}: {what}",
                )
            )
    for dossier in DossierService(context).for_person(person_id):
        found.append(
            RelatedRecord(
                RelatedKind.DOSSIER,
                dossier.id,
                dossier.created_on,
                f"Phát hiện {dossier.found_on:%d/%m/%Y} — {dossier.status}",
            )
        )
    return sorted(found, key=lambda item: (item.day, item.kind.value, item.record_id), reverse=True)
