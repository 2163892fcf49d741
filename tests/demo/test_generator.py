"""The demo generator on a real migrated database, through the real services."""

import subprocess
import sys
from collections import Counter
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pcmt_desktop.demo.generator import (
    BACK_FROM_FACILITY,
    REGISTRY_FILLERS,
    TERM_OVER,
    DemoSummary,
    add_months,
    add_years,
    generate_demo,
    rehab_term_range,
)
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.vocabulary import AddictLocation, Gender, ManagementList
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.histories import HistoryEntry
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.persons import PersonRecord
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import AuditEntry, ListStay, Person
from tests.conftest import NOW, TODAY

PERSONS = 150


def _all_persons(services: Services) -> list[PersonRecord]:
    ids = services.listing.ordered_ids(PersonFilter())
    return [services.persons.get(person_id) for person_id in ids]


def _on_list(services: Services, key: ManagementList, day: date = TODAY) -> list[int]:
    return services.listing.ordered_ids(PersonFilter(list_key=key.value, as_of=day))


@pytest.fixture
def demo(bare_services: Services) -> tuple[Services, DemoSummary]:
    summary = generate_demo(bare_services, seed=7, persons=PERSONS, with_registries=False)
    return bare_services, summary


def test_sets_up_the_invented_office_and_its_communes(
    demo: tuple[Services, DemoSummary],
) -> None:
    services, summary = demo
    office = services.office.office()
    assert office is not None
    assert office.name == "Công an huyện Sơn Hà"
    assert office.level == "Huyện"
    assert office.sub_area_label == "xã, thị trấn"
    sub_areas = services.office.sub_areas()
    assert len(sub_areas) == summary.sub_areas == 20
    assert all(
        item.population is not None and 3_000 <= item.population <= 15_000 for item in sub_areas
    )


def test_every_list_has_persons_today_and_the_summary_says_how_many(
    demo: tuple[Services, DemoSummary],
) -> None:
    services, summary = demo
    assert services.persons.count() == summary.persons == PERSONS
    for key in ManagementList:
        on_list = _on_list(services, key)
        assert on_list, f"no one on {key.value} today"
        assert summary.on_list_today[key] == len(on_list)
    assert summary.today == TODAY
    assert summary.first_day == date(2024, 11, 24)


@pytest.mark.parametrize("seed", [1, 2024])
def test_history_rules_hold_for_every_person(bare_services: Services, seed: int) -> None:
    summary = generate_demo(bare_services, seed=seed, persons=PERSONS, with_registries=False)
    stays_seen = 0
    for person in _all_persons(bare_services):
        histories = bare_services.histories.all_entries(person.id)
        stays = histories[HistoryKind.LIST]
        stays_seen += len(stays)
        assert stays, f"{person.full_name} is on no list ever"
        for kind, entries in histories.items():
            spans = [Span(entry.start, entry.end) for entry in entries]
            for index, span in enumerate(spans):
                assert summary.first_day <= span.start <= TODAY, (kind, span)
                assert span.end is None or span.start <= span.end <= TODAY, (kind, span)
                assert not any(span.overlaps(other) for other in spans[index + 1 :]), (
                    person.full_name,
                    kind,
                    spans,
                )
        for entry in stays:
            if entry.end is not None:
                assert entry.values["end_reason"], entry
        _check_locations(stays, histories[HistoryKind.ADDICT_LOCATION])
    assert stays_seen == summary.stays


def _check_locations(stays: list[HistoryEntry], locations: list[HistoryEntry]) -> None:
    """Each location lies inside an addict stay, and together they fill every addict stay."""
    addict = [e for e in stays if e.values["list_key"] == ManagementList.ADDICT.value]
    for location in locations:
        assert any(
            stay.start <= location.start
            and (stay.end is None or (location.end is not None and location.end <= stay.end))
            for stay in addict
        ), location
    for stay in addict:
        inside = sorted(
            (loc for loc in locations if Span(stay.start, stay.end).covers_end_of(loc.start)),
            key=lambda loc: loc.start,
        )
        assert inside, stay
        assert inside[0].start == stay.start
        assert inside[-1].end == stay.end
        for before, after in pairwise(inside):
            assert before.end == after.start


def test_every_addict_today_has_a_location(demo: tuple[Services, DemoSummary]) -> None:
    services, summary = demo
    in_facility = 0
    for person_id in _on_list(services, ManagementList.ADDICT):
        where = [
            entry
            for entry in services.histories.entries(person_id, HistoryKind.ADDICT_LOCATION)
            if Span(entry.start, entry.end).covers_end_of(TODAY)
        ]
        assert len(where) == 1, person_id
        in_facility += where[0].values["location"] == AddictLocation.FACILITY.value
    assert in_facility == summary.in_facility_today > 0


def test_the_lives_follow_the_seeds(demo: tuple[Services, DemoSummary]) -> None:
    services, _ = demo
    with services.context.reading() as session:
        stays = list(session.scalars(select(ListStay)))
    starts = Counter((stay.list_key, stay.start_reason) for stay in stays)
    ends = Counter(stay.end_reason for stay in stays if stay.end_date is not None)
    assert starts[("nghi_su_dung", "Rà soát phát hiện mới")] > 0
    assert starts[("su_dung", "Test dương tính")] > 0
    assert starts[("sau_cai", BACK_FROM_FACILITY)] > 0
    assert ends["Chuyển sang danh sách khác"] > 0
    assert ends["Đi khỏi địa phương"] > 0
    assert ends[TERM_OVER] > 0
    for stay in stays:
        # Those carried over were decided before the program: only their rest is known.
        if (
            stay.list_key == "su_dung"
            and stay.end_reason == TERM_OVER
            and stay.start_reason != "Nhập mới"
        ):
            assert stay.end_date == add_years(stay.start_date, 1)
        if stay.list_key == "su_dung" and stay.end_date is None:
            assert add_years(stay.start_date, 1) > TODAY, "a user kept past the year"


def test_a_return_from_the_facility_starts_post_rehab_the_same_day(
    demo: tuple[Services, DemoSummary],
) -> None:
    services, _ = demo
    returns = 0
    for person in _all_persons(services):
        stays = services.histories.entries(person.id, HistoryKind.LIST)
        locations = services.histories.entries(person.id, HistoryKind.ADDICT_LOCATION)
        for stay in stays:
            if stay.values["start_reason"] != BACK_FROM_FACILITY:
                continue
            facility = [loc for loc in locations if loc.end == stay.start]
            if facility:  # persons registered on their return have no stay before
                assert facility[0].values["location"] == AddictLocation.FACILITY.value
                returns += 1
    assert returns > 0


def test_persons_look_real_and_cccds_are_well_formed(demo: tuple[Services, DemoSummary]) -> None:
    services, _ = demo
    persons = _all_persons(services)
    with_cccd = [person for person in persons if person.cccd]
    assert 0.55 < len(with_cccd) / len(persons) < 0.85
    assert len({person.cccd for person in with_cccd}) == len(with_cccd)
    for person in with_cccd:
        assert person.cccd is not None and person.birth_year is not None
        assert len(person.cccd) == 12 and person.cccd.isdigit()
        century = 0 if person.birth_year < 2000 else 2
        sex = 0 if person.gender is Gender.MALE else 1
        assert person.cccd[3] == str(century + sex)
        assert person.cccd[4:6] == f"{person.birth_year % 100:02d}"
    genders = Counter(person.gender for person in persons)
    assert genders[Gender.MALE] > genders[Gender.FEMALE] > 0
    for person in persons:
        assert len(person.full_name.split()) >= 3
        assert person.birth_year is not None and 1965 <= person.birth_year <= 2006
        assert person.birth_date is None or person.birth_date.year == person.birth_year
        assert person.sub_area_id is not None and person.village and person.occupation
        assert person.sub_area_name in person.permanent_address
    assert any(person.birth_date is not None for person in persons)
    assert any(person.birth_date is None for person in persons)


def test_writes_go_through_the_audited_services(
    demo: tuple[Services, DemoSummary],
) -> None:
    services, summary = demo
    with services.context.reading() as session:
        audited = Counter(
            dict(session.execute(select(AuditEntry.action, func.count()).group_by("action")).all())
        )
    assert audited["tao"] >= summary.persons + summary.sub_areas + 1
    assert audited["chuyen_dien"] > 0
    assert audited["ket_thuc"] > 0


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    def names_and_summary(file_name: str, seed: int) -> tuple[list[tuple[str, str | None]], object]:
        database = Database.open(tmp_path / file_name)
        try:
            services = Services.build(
                ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW)
            )
            summary = generate_demo(services, seed=seed, persons=60, with_registries=False)
            with services.context.reading() as session:
                rows = session.execute(select(Person.full_name, Person.cccd).order_by(Person.id))
                return [(name, cccd) for name, cccd in rows], summary
        finally:
            database.close()

    first = names_and_summary("a.sqlite3", 11)
    assert first == names_and_summary("b.sqlite3", 11)
    assert first[0] != names_and_summary("c.sqlite3", 12)[0]


def test_progress_counts_up_to_the_total(bare_services: Services) -> None:
    seen: list[tuple[int, int]] = []
    generate_demo(
        bare_services, persons=12, progress=lambda done, total: seen.append((done, total))
    )
    steps = 12 + len(REGISTRY_FILLERS)  # each person, then each other registry
    assert seen == [(done, steps) for done in range(steps + 1)]


def test_the_full_demo_fills_every_registry_and_keeps_the_history_rules(
    bare_services: Services,
) -> None:
    summary = generate_demo(bare_services, seed=3, persons=80)

    assert set(summary.registries) == {label for label, _fill in REGISTRY_FILLERS}
    assert all(count > 0 for count in summary.registries.values()), summary.registries
    for person_id in bare_services.listing.ordered_ids(PersonFilter()):
        for kind in HistoryKind:
            spans = [
                Span(entry.start, entry.end)
                for entry in bare_services.histories.entries(person_id, kind)
            ]
            for index, span in enumerate(spans):
                assert not any(span.overlaps(other) for other in spans[index + 1 :])


def test_refuses_a_database_with_an_office_and_writes_nothing(services: Services) -> None:
    before = services.office.sub_areas()
    with pytest.raises(ValidationError) as refused:
        generate_demo(services, persons=10, with_registries=False)
    assert "đã có dữ liệu" in refused.value.message
    assert "Công an xã Thử Nghiệm" in refused.value.message
    assert services.office.sub_areas() == before
    assert services.persons.count() == 0


@pytest.mark.parametrize("persons", [0, -3, 100_001])
def test_refuses_an_impossible_number_of_persons(bare_services: Services, persons: int) -> None:
    with pytest.raises(ValidationError) as refused:
        generate_demo(bare_services, persons=persons, with_registries=False)
    assert refused.value.problems[0].field == "persons"
    assert "từ 1 đến 100.000" in refused.value.message
    assert bare_services.office.office() is None


def test_dates_follow_the_given_today(bare_services: Services) -> None:
    today = date(2025, 3, 1)  # before the context's today: nothing may come after it
    summary = generate_demo(bare_services, persons=40, today=today, with_registries=False)
    assert summary.first_day == date(2023, 3, 2)
    with bare_services.context.reading() as session:
        latest = session.scalar(select(func.max(ListStay.start_date)))
        latest_end = session.scalar(select(func.max(ListStay.end_date)))
    assert latest is not None and latest <= today
    assert latest_end is None or latest_end <= today


def test_month_and_year_arithmetic_and_the_rehab_term_by_date() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2026, 11, 23), -2) == date(2024, 11, 23)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 14) == date(2027, 1, 15)
    assert rehab_term_range(date(2026, 6, 30)) == (12, 24)
    assert rehab_term_range(date(2026, 7, 1)) == (24, 24)


def test_the_generator_does_not_load_qt() -> None:
    code = (
        "import sys, pcmt_desktop.demo.generator, pcmt_desktop.cli.main; "
        "sys.exit(any(name.startswith('PySide6') for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
