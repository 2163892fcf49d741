"""The demo's hotspots and plant seizures on a small demo database: plausible, repeatable."""

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pcmt_desktop.demo.generator import generate_demo
from pcmt_desktop.demo.hotspots import fill_hotspots
from pcmt_desktop.demo.plant_seizures import PROSECUTION_OPIUM_PLANTS, fill_plant_seizures
from pcmt_desktop.domain.hotspots import HotspotState
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspot_listing import HotspotCriteria, HotspotRow
from pcmt_desktop.services.plant_seizure_listing import PlantSeizureCriteria, PlantSeizureRow
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.conftest import NOW, TODAY

PERSONS = 80
TOWN = "Sơn Hà"


@pytest.fixture
def demo(bare_services: Services) -> tuple[Services, int, int]:
    generate_demo(bare_services, seed=11, persons=PERSONS, with_registries=False)
    hotspots = fill_hotspots(bare_services, random.Random(5), TODAY)
    seizures = fill_plant_seizures(bare_services, random.Random(5), TODAY)
    return bare_services, hotspots, seizures


def hotspot_rows(services: Services) -> list[HotspotRow]:
    criteria = HotspotCriteria()
    rows = services.hotspots.rows(services.hotspots.ordered_ids(criteria), criteria)
    return list(rows.values())


def seizure_rows(services: Services) -> list[PlantSeizureRow]:
    criteria = PlantSeizureCriteria()
    rows = services.plant_seizures.rows(services.plant_seizures.ordered_ids(criteria), criteria)
    return list(rows.values())


def test_hotspots_lie_mostly_in_the_busy_places_with_two_years_of_statuses(
    demo: tuple[Services, int, int],
) -> None:
    services, made, _ = demo
    rows = hotspot_rows(services)
    assert len(rows) == made == 8
    by_area = Counter(row.sub_area_name for row in rows)
    assert by_area[TOWN] >= 2
    assert sum(count for _, count in by_area.most_common(2)) >= 5
    assert any(row.in_business for row in rows) and not all(row.in_business for row in rows)
    assert all(TODAY.toordinal() - row.entered_on.toordinal() <= 700 for row in rows)
    states = Counter(row.state for row in rows)
    assert states[HotspotState.CLEARED] >= 2
    assert states[HotspotState.FIGHTING] + states[HotspotState.REACTIVATED] >= 3
    # Some are still fought past their period: the alerts and the red rows show them.
    assert len([row for row in rows if row.overdue]) >= 2
    assert services.hotspots.fight_periods_over(TODAY)
    reactivated = [
        record
        for record in (services.hotspots.get(row.id) for row in rows)
        if any(s.state is HotspotState.REACTIVATED for s in record.statuses)
    ]
    assert reactivated


def test_sellers_were_users_or_addicts_free_and_alone_when_they_started(
    demo: tuple[Services, int, int],
) -> None:
    services, _, _ = demo
    links = [link for row in hotspot_rows(services) for link in services.hotspots.sellers(row.id)]
    assert len(links) >= 3
    for link in links:
        stay = services.histories.list_on(link.person_id, link.start)
        assert stay is not None
        assert stay.values["list_key"] in (ManagementList.USER.value, ManagementList.ADDICT.value)
        custody = services.histories.entries(link.person_id, HistoryKind.CUSTODY)
        assert not any(Span(c.start, c.end).covers_end_of(link.start) for c in custody)
        record = services.hotspots.get(link.hotspot_id or 0)
        state = record.status_on(link.start)
        assert state is not None and state.state.active
    assert services.hotspots.counts_on(TODAY).linked_sellers >= 1


def test_seizures_fall_in_the_growing_season_in_a_few_communes(
    demo: tuple[Services, int, int],
) -> None:
    services, _, made = demo
    rows = seizure_rows(services)
    assert len(rows) == made >= 8
    in_season = [row for row in rows if row.seized_on.month <= 4]
    assert len(in_season) >= 0.8 * len(rows)
    assert all(date(2024, 11, 1) <= row.seized_on <= TODAY for row in rows)
    areas = {row.sub_area_name for row in rows}
    assert 1 <= len(areas) <= 4 and TOWN not in areas
    assert len([row for row in rows if row.ownerless]) >= 0.25 * len(rows)
    for row in rows:
        if row.ownerless:
            assert row.handling is PlantHandling.NOT_YET
        elif row.opium_plants >= PROSECUTION_OPIUM_PLANTS:
            assert row.handling is PlantHandling.PROSECUTED
        if row.handling is PlantHandling.FINED:
            bounds = services.plant_seizures.fine_range(row.seized_on)
            assert bounds is not None and row.fine_vnd is not None
            assert bounds[0] <= row.fine_vnd <= bounds[1]
    totals = services.plant_seizures.totals(None, None)
    assert totals.cases == made and totals.sub_areas_with_seizures == len(areas)


def fingerprint(services: Services) -> tuple[object, object]:
    return (
        [(r.name, r.entered_on, r.state, r.sellers_now) for r in hotspot_rows(services)],
        sorted((r.seized_on, r.opium_plants, r.handling) for r in seizure_rows(services)),
    )


def test_the_same_seed_gives_the_same_hotspots_and_seizures(
    demo: tuple[Services, int, int], tmp_path: Path
) -> None:
    services, _, _ = demo
    database = Database.open(tmp_path / "again.sqlite3")
    try:
        again = Services.build(
            ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW)
        )
        generate_demo(again, seed=11, persons=PERSONS, with_registries=False)
        fill_hotspots(again, random.Random(5), TODAY)
        fill_plant_seizures(again, random.Random(5), TODAY)
        assert fingerprint(again) == fingerprint(services)
    finally:
        database.close()
