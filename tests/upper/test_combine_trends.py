"""The level above adds the offices' trends and hotspot states up, day by day and state by state.

combine.py names neither key: they combine by its default rule (objects merge key by key,
numbers add up). The expected sums come from the figures each office computes on its own
database, added here with Counters.
"""

from collections import Counter
from typing import Any

from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from pcmt_desktop.upper.figures import combined_figures
from pcmt_desktop.upper.store import UpperStore
from tests.upper.offices import PASSPHRASE, PERIOD, TODAY, OfficeFile, Offices

Json = dict[str, Any]


def own_figures(office: OfficeFile) -> Json:
    database = Database.open(office.database)
    try:
        return compute_figures(ServiceContext(database.sessions, today=lambda: TODAY), *PERIOD)
    finally:
        database.close()


def test_trends_and_hotspot_states_add_up_office_by_office(
    store: UpperStore, offices: Offices
) -> None:
    for office in offices.three:
        store.add(office.backup, PASSPHRASE)
    own = [own_figures(office) for office in offices.three]

    combined = combined_figures(store, *PERIOD, today=lambda: TODAY)

    days = list(own[0]["trends"]["list_sizes"])
    assert len(days) == 12 and days[-1] == PERIOD[1].isoformat()
    sizes = combined["trends"]["list_sizes"]
    assert list(sizes) == days
    for day in days:
        expected: Counter[str] = Counter()
        for figures in own:
            expected.update(figures["trends"]["list_sizes"][day])
        assert sizes[day] == dict(expected), day
    assert sizes[days[-1]] == {key: block["after"] for key, block in combined["lists"].items()}
    by_state: Counter[str] = Counter()
    for figures in own:
        by_state.update(figures["hotspots"]["by_state"])
    assert combined["hotspots"]["by_state"] == dict(by_state)
    assert sum(by_state.values()) > 0
