"""The demo's cases and campaign on a small demo database: consistent, lawful, repeatable."""

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from pcmt_desktop.demo.cases import fill_cases
from pcmt_desktop.demo.generator import generate_demo
from pcmt_desktop.demo.targets import fill_targets
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.case_listing import CaseFilter
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import CaseRecord
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.conftest import NOW, TODAY

PERSONS = 80


def _all_cases(services: Services) -> list[CaseRecord]:
    ids = services.cases.ordered_ids(CaseFilter(descending=False))
    return [services.cases.get(case_id) for case_id in ids]


@pytest.fixture
def demo(bare_services: Services) -> tuple[Services, int, int]:
    generate_demo(bare_services, seed=11, persons=PERSONS, with_registries=False)
    made = fill_cases(bare_services, random.Random(5), TODAY)
    phases_made = fill_targets(bare_services, random.Random(5), TODAY)
    return bare_services, made, phases_made


def test_cases_agree_with_the_law_and_the_histories(demo: tuple[Services, int, int]) -> None:
    services, made, _ = demo
    cases = _all_cases(services)
    assert len(cases) == made
    criminal = [c for c in cases if c.kind is CaseKind.CRIMINAL]
    violations = [c for c in cases if c.kind is CaseKind.ADMINISTRATIVE]
    assert len(criminal) >= 6 and len(violations) >= 6
    first = TODAY - timedelta(days=730)
    assert all(first <= c.occurred_on <= TODAY for c in cases)
    charged = {a for c in criminal for a in c.articles}
    assert charged <= {"249", "250", "251", "255", "256", "256a"}
    for case in violations:
        using = case.act.startswith("Sử dụng")
        low = RuleKey.FINE_USE_MIN_VND if using else RuleKey.FINE_POSSESSION_MIN_VND
        high = RuleKey.FINE_USE_MAX_VND if using else RuleKey.FINE_POSSESSION_MAX_VND
        assert case.fine_vnd is not None
        low_value = services.legal.value(low, case.occurred_on)
        assert low_value <= case.fine_vnd <= services.legal.value(high, case.occurred_on)
    linked = [(c, s) for c in cases for s in c.named_subjects if s.person_id is not None]
    assert linked, "some subjects are persons of the registry"
    for case, subject in linked:
        assert subject.person_id is not None
        person = services.persons.get(subject.person_id)
        assert person.sub_area_id == case.sub_area_id
        stay = services.histories.list_on(subject.person_id, case.occurred_on)
        assert stay is not None
        assert stay.values["list_key"] in (ManagementList.USER.value, ManagementList.ADDICT.value)
    # Every case passes the service's own rules (it was written through it).
    assert all(services.cases.validate(c.as_input()) == [] for c in cases)


def test_campaign_has_an_ended_and_a_running_phase(demo: tuple[Services, int, int]) -> None:
    services, _, made = demo
    latest, earlier = services.targets.phases()
    assert earlier.end < TODAY and latest.covers(TODAY)
    assert earlier.end + timedelta(days=1) == latest.start
    targets = services.targets.targets(latest.id)
    assert targets
    assert made == 2 + len(targets) + len(services.targets.targets(earlier.id))
    progress = services.targets.progress(latest.id)
    assert len(progress) == len(targets)


def test_same_seed_same_cases(demo: tuple[Services, int, int], tmp_path: Path) -> None:
    services, _, _ = demo
    other = Database.open(tmp_path / "again.sqlite3")
    try:
        again = Services.build(ServiceContext(other.sessions, today=lambda: TODAY, now=lambda: NOW))
        generate_demo(again, seed=11, persons=PERSONS, with_registries=False)
        fill_cases(again, random.Random(5), TODAY)
        fill_targets(again, random.Random(5), TODAY)
        assert _all_cases(again) == _all_cases(services)
        period = (date(2024, 12, 15), TODAY)
        assert again.cases.summary(*period) == services.cases.summary(*period)
        first, second = again.targets.phases(), services.targets.phases()
        assert first == second
        assert again.targets.targets(first[0].id) == services.targets.targets(second[0].id)
    finally:
        other.close()
