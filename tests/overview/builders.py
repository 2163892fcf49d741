"""Registry data for the overview's tests, written through the services as an officer would."""

from datetime import date

from pcmt_desktop.domain.hotspots import HotspotKind
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import AddictLocation, ManagementList
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

_next_cccd = iter(range(1, 10**6))


def area_id(services: Services, index: int) -> int:
    return services.office.sub_areas()[index].id


def person(
    services: Services,
    name: str,
    *,
    area: int | None = 0,
    birth_year: int | None = 1990,
    birth_date: date | None = None,
    cccd: str | None = "auto",
) -> int:
    """A person; by default with a CCCD of their own, a birth year and the first sub-area."""
    number = f"{next(_next_cccd):012d}" if cccd == "auto" else cccd
    return services.persons.add(
        PersonInput(
            name,
            birth_year=birth_year,
            birth_date=birth_date,
            cccd=number,
            sub_area_id=None if area is None else area_id(services, area),
        )
    ).id


def stay(
    services: Services,
    person_id: int,
    list_key: ManagementList,
    start: date,
    end: date | None = None,
    *,
    end_reason: str = "Chuyển sang danh sách khác",
) -> int:
    values = {"list_key": list_key.value, "start_reason": "Rà soát phát hiện mới"}
    if end is not None:
        values["end_reason"] = end_reason
    return services.histories.add(HistoryKind.LIST, person_id, HistoryInput(start, end, values)).id


def location(
    services: Services,
    person_id: int,
    where: AddictLocation,
    start: date,
    end: date | None = None,
) -> int:
    values = {"location": where.value, "facility": ""}
    if where is AddictLocation.FACILITY:
        values["facility"] = "Cơ sở cai nghiện tỉnh Nam Hòa"
    return services.histories.add(
        HistoryKind.ADDICT_LOCATION, person_id, HistoryInput(start, end, values)
    ).id


def drug_test(services: Services, person_id: int, day: date, *, positive: bool) -> int:
    found = frozenset({Substance.METHAMPHETAMINE}) if positive else frozenset()
    return services.drug_tests.add(DrugTestInput(person_id, day, substances=found)).id


def hotspot(services: Services, name: str, entered_on: date, *, area: int = 0) -> int:
    return services.hotspots.add(
        HotspotInput(
            kind=HotspotKind.COMPLEX_POINT.value,
            name=name,
            entered_on=entered_on,
            sub_area_id=area_id(services, area),
        )
    ).id
