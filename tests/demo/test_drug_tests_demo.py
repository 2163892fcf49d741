"""The demo's drug tests on a small demo database: consistent with histories, repeatable."""

import random
from datetime import date
from pathlib import Path

import pytest

from pcmt_desktop.demo.drug_tests import fill_drug_tests
from pcmt_desktop.demo.generator import generate_demo
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.vocabulary import AddictLocation, ManagementList
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.drug_test_listing import DrugTestCriteria
from pcmt_desktop.services.drug_tests import POSITIVE_START_REASON, DrugTestRecord
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.conftest import NOW, TODAY

PERSONS = 80
FIRST_DAY = date(2024, 11, 23)


def confirmed_by_test(services: Services) -> list[tuple[int, date]]:
    """(person, day) of every users' stay that began with a positive test."""
    found = []
    for person_id in services.listing.ordered_ids(PersonFilter()):
        for stay in services.histories.entries(person_id, HistoryKind.LIST):
            if (
                stay.values["list_key"] == ManagementList.USER.value
                and stay.values["start_reason"] == POSITIVE_START_REASON
            ):
                found.append((person_id, stay.start))
    return sorted(found)


def all_tests(services: Services) -> list[DrugTestRecord]:
    ids = services.drug_tests.ordered_ids(DrugTestCriteria(descending=False))
    return [services.drug_tests.get(test_id) for test_id in ids]


@pytest.fixture
def demo(bare_services: Services) -> tuple[Services, list[tuple[int, date]], int]:
    generate_demo(bare_services, seed=11, persons=PERSONS, with_registries=False)
    before = confirmed_by_test(bare_services)
    made = fill_drug_tests(bare_services, random.Random(3), TODAY)
    return bare_services, before, made


def test_writes_a_few_tests_per_person_over_two_years(
    demo: tuple[Services, list[tuple[int, date]], int],
) -> None:
    services, _, made = demo
    tests = all_tests(services)
    assert made == len(tests)
    assert PERSONS <= made <= 6 * PERSONS
    assert all(FIRST_DAY <= test.test_date <= TODAY for test in tests)
    summary = services.drug_tests.summary(DrugTestCriteria())
    assert 0 < summary.positive_persons < summary.persons <= PERSONS
    assert {test.method for test in tests} <= {"Test nhanh nước tiểu", "Test nhanh nước bọt"}
    assert all(test.summoned_by for test in tests)


def test_every_positive_agrees_with_the_history(
    demo: tuple[Services, list[tuple[int, date]], int],
) -> None:
    services, before, _ = demo
    for test in all_tests(services):
        stay = services.histories.list_on(test.person_id, test.test_date)
        if test.positive:
            # Confirmed by then: nobody is left suspected (or on no list) after a positive.
            assert stay is not None
            assert stay.values["list_key"] in {"su_dung", "nghien", "sau_cai"}
            assert services.drug_tests.suggested_move(test.id) is None
    # Each stay begun by a positive test has that test on its first day.
    positives = {(t.person_id, t.test_date) for t in all_tests(services) if t.positive}
    after = confirmed_by_test(services)
    assert set(after) <= positives
    # And some suspects were confirmed now, through move_after_positive.
    moved = set(after) - set(before)
    assert moved
    for person_id, day in moved:
        stays = services.histories.entries(person_id, HistoryKind.LIST)
        ended = [s for s in stays if s.end == day]
        assert [s.values["list_key"] for s in ended] == ["nghi_su_dung"]
        assert stays[-1].start == day and stays[-1].end is None


def test_nobody_is_tested_while_in_a_facility_or_in_custody(
    demo: tuple[Services, list[tuple[int, date]], int],
) -> None:
    services, _, _ = demo
    histories = services.histories
    for test in all_tests(services):
        away = [
            Span(e.start, e.end)
            for e in histories.entries(test.person_id, HistoryKind.ADDICT_LOCATION)
            if e.values["location"] == AddictLocation.FACILITY.value
        ] + [Span(e.start, e.end) for e in histories.entries(test.person_id, HistoryKind.CUSTODY)]
        assert not any(span.covers_end_of(test.test_date) for span in away)


def _run(path: Path) -> list[tuple[str, date, str, str, bool]]:
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW)
        services = Services.build(context)
        generate_demo(services, seed=5, persons=30, with_registries=False)
        fill_drug_tests(services, random.Random(9), TODAY)
        return [
            (t.person_name, t.test_date, t.substances_text, t.summoned_by, t.positive)
            for t in all_tests(services)
        ]
    finally:
        database.close()


def test_the_same_seed_gives_the_same_tests(tmp_path: Path) -> None:
    first = _run(tmp_path / "a.sqlite3")
    assert first
    assert _run(tmp_path / "b.sqlite3") == first
