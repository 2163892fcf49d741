"""A thin layer over the real services that the seed scenarios are written in.

Every row goes in through the services an officer's window uses (persons, histories,
drug tests, dossiers, hotspots, plant seizures, cases, targets), so every rule they check
holds in the scenarios too. The methods only spare the scenarios the forms' boilerplate:
a person is (sub-area, birth year), a list stay is (list, start, reason[, end, reason]).
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import (
    AddictLocation,
    CustodyKind,
    Gender,
    ManagementList,
    SurveillanceCategory,
    SurveillanceClass,
)
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.office import OfficeInfo, SubAreaInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.conftest import NOW, TODAY
from tests.reports.seed_scenarios.names import (
    OFFICE_NAME,
    PARENT_NAME,
    PLACE_NAME,
    SUB_AREA_LABEL,
    NameMaker,
)

METHADONE_FACILITY = "Cơ sở điều trị Methadone huyện Sơn Hà"
REHAB_FACILITY = "Cơ sở cai nghiện ma túy tỉnh Nam Hòa"
PRISON = "Trại giam Nam Hòa"

# A surveillance file's category and class as the seed writes them: "DM1", "A".
Surveillance = tuple[SurveillanceCategory, SurveillanceClass]


@dataclass
class Scenario:
    """The services of one scenario database and the ids of its sub-areas by name."""

    services: Services
    sub_area_ids: dict[str, int]
    names: NameMaker = field(default_factory=NameMaker)

    # --- persons -------------------------------------------------------------------------
    def person(
        self,
        sub_area: str,
        birth_year: int | None = 1990,
        *,
        female: bool = False,
        village: str = "",
        full_name: str | None = None,
    ) -> int:
        name = full_name or (self.names.female() if female else self.names.male())
        record = self.services.persons.add(
            PersonInput(
                full_name=name,
                gender=Gender.FEMALE if female else Gender.MALE,
                birth_year=birth_year,
                sub_area_id=self.sub_area_ids[sub_area],
                village=village,
            )
        )
        return record.id

    def full_name(self, person_id: int) -> str:
        return self.services.persons.get(person_id).full_name

    # --- dated history ---------------------------------------------------------------------
    def stay(
        self,
        person_id: int,
        on_list: ManagementList,
        start: date,
        reason: str,
        *,
        end: date | None = None,
        end_reason: str = "",
    ) -> int:
        """A stay on a management list; returns its id (to end it later)."""
        values = {"list_key": on_list.value, "start_reason": reason, "end_reason": end_reason}
        entry = self.services.histories.add(
            HistoryKind.LIST, person_id, HistoryInput(start, end, values)
        )
        return entry.id

    def end_stay(self, stay_id: int, day: date, reason: str) -> None:
        self.services.histories.end(HistoryKind.LIST, stay_id, day, reason)

    def located(
        self,
        person_id: int,
        where: AddictLocation,
        start: date,
        end: date | None = None,
    ) -> None:
        facility = REHAB_FACILITY if where is AddictLocation.FACILITY else ""
        self.services.histories.add(
            HistoryKind.ADDICT_LOCATION,
            person_id,
            HistoryInput(start, end, {"location": where.value, "facility": facility}),
        )

    def treated(self, person_id: int, start: date, end: date | None = None) -> None:
        self.services.histories.add(
            HistoryKind.TREATMENT,
            person_id,
            HistoryInput(start, end, {"facility": METHADONE_FACILITY}),
        )

    def surveilled(
        self, person_id: int, start: date, kind: Surveillance, end: date | None = None
    ) -> None:
        category, surveillance_class = kind
        self.services.histories.add(
            HistoryKind.SURVEILLANCE,
            person_id,
            HistoryInput(
                start,
                end,
                {"category": category.value, "surveillance_class": surveillance_class.value},
            ),
        )

    def held(self, person_id: int, start: date) -> None:
        self.services.histories.add(
            HistoryKind.CUSTODY,
            person_id,
            HistoryInput(start, None, {"kind": CustodyKind.PRISON.value, "place": PRISON}),
        )

    def selling(self, person_id: int, start: date, end: date | None, place: str) -> None:
        self.services.histories.add(
            HistoryKind.RETAIL_SELLER, person_id, HistoryInput(start, end, {"place_note": place})
        )

    # --- tests -----------------------------------------------------------------------------
    def tested(self, person_id: int, day: date, found: Iterable[Substance] = ()) -> int:
        record = self.services.drug_tests.add(
            DrugTestInput(
                person_id=person_id,
                test_date=day,
                summoned_by="Công an xã",
                substances=frozenset(found),
            )
        )
        return record.id


@contextmanager
def scenario_database(path: Path, sub_areas: Sequence[tuple[str, int]]) -> Iterator[Scenario]:
    """A new database at ``path`` with the district office and ``sub_areas`` (name, population).

    The clock is the test suite's (tests.conftest.TODAY), years after both seeds' periods,
    so every date of the seeds is in the past as the services require.
    """
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW)
        services = Services.build(context)
        services.office.set_up(
            OfficeInfo(
                name=OFFICE_NAME,
                level="Huyện",
                parent_name=PARENT_NAME,
                sub_area_label=SUB_AREA_LABEL,
                place_name=PLACE_NAME,
            ),
            [SubAreaInput(name, population) for name, population in sub_areas],
        )
        ids = {info.name: info.id for info in services.office.sub_areas()}
        yield Scenario(services, ids)
    finally:
        database.close()


def spread(start: date, end: date, count: int) -> list[date]:
    """``count`` days from ``start`` to ``end`` (both included), as evenly apart as can be."""
    if count == 1:
        return [start]
    span = (end - start).days
    return [date.fromordinal(start.toordinal() + span * i // (count - 1)) for i in range(count)]
