"""Hotspots by their state on a day, from real status histories entered through the service."""

from datetime import date

from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.reports.hotspot_figures import hotspot_states
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.registry import Services

FIGHTING = HotspotState.FIGHTING.value
CLEARED = HotspotState.CLEARED.value
REACTIVATED = HotspotState.REACTIVATED.value


def hotspot(
    services: Services, name: str, entered: date, kind: HotspotKind = HotspotKind.COMPLEX_POINT
) -> int:
    area = services.office.sub_areas()[1]
    data = HotspotInput(
        kind=kind.value, name=name, entered_on=entered, sub_area_id=area.id, fight_months=3
    )
    return services.hotspots.add(data).id


def build_hotspots(services: Services) -> list[date]:
    """Four hotspots with their histories; their entry days."""
    # Fought since its entry.
    hotspot(services, "Quán nước Bờ Sông", date(2026, 1, 10))
    # Cleared on 01/05.
    cleared = hotspot(services, "Nhà trọ Cuối Ngõ", date(2026, 2, 1), HotspotKind.AT_RISK)
    services.hotspots.add_status(cleared, CLEARED, date(2026, 5, 1))
    # Cleared on 01/03, back on 01/06.
    back = hotspot(services, "Bãi đất trống Gò Cao", date(2026, 1, 5), HotspotKind.COMPLEX_DEN)
    services.hotspots.add_status(back, CLEARED, date(2026, 3, 1))
    services.hotspots.add_status(back, REACTIVATED, date(2026, 6, 1))
    # Entered after the days below until November.
    hotspot(services, "Quán karaoke Phố Mới", date(2026, 11, 2), HotspotKind.AT_RISK)
    return [date(2026, 1, 10), date(2026, 2, 1), date(2026, 1, 5), date(2026, 11, 2)]


def states(services: Services, day: date) -> dict[str, int]:
    return hotspot_states(services.hotspots, day)


def test_each_hotspot_counts_under_its_state_at_the_end_of_the_day(services: Services) -> None:
    build_hotspots(services)

    assert states(services, date(2026, 1, 4)) == {FIGHTING: 0, CLEARED: 0, REACTIVATED: 0}
    assert states(services, date(2026, 1, 10)) == {FIGHTING: 2, CLEARED: 0, REACTIVATED: 0}
    # A change counts from its own day on.
    assert states(services, date(2026, 3, 1)) == {FIGHTING: 2, CLEARED: 1, REACTIVATED: 0}
    assert states(services, date(2026, 5, 1)) == {FIGHTING: 1, CLEARED: 2, REACTIVATED: 0}
    assert states(services, date(2026, 6, 1)) == {FIGHTING: 1, CLEARED: 1, REACTIVATED: 1}
    assert states(services, date(2026, 11, 14)) == {FIGHTING: 2, CLEARED: 1, REACTIVATED: 1}


def test_the_states_add_up_to_the_hotspots_entered_and_the_active_count(
    services: Services,
) -> None:
    entries = build_hotspots(services)

    for day in (date(2026, 2, 1), date(2026, 4, 30), date(2026, 6, 30), date(2026, 11, 2)):
        by_state = states(services, day)
        active = services.hotspots.active_on(day)
        assert by_state[FIGHTING] + by_state[REACTIVATED] == len(active), day
        assert sum(by_state.values()) == sum(entered <= day for entered in entries), day


def test_the_figures_carry_the_states_at_the_period_end(services: Services) -> None:
    build_hotspots(services)
    date_to = date(2026, 10, 14)

    hotspots = compute_figures(services.context, date(2026, 4, 15), date_to)["hotspots"]

    assert hotspots["by_state"] == states(services, date_to)
    assert hotspots["by_state"] == {FIGHTING: 1, CLEARED: 1, REACTIVATED: 1}
    # The active ones are the hotspots the báo cáo counts and lists.
    kinds = ("complex_business", "complex_other", "risk_business", "risk_other")
    counted = sum(hotspots[key] for key in kinds)
    assert hotspots["by_state"][FIGHTING] + hotspots["by_state"][REACTIVATED] == counted
    assert counted == len(hotspots["complex_points"]) + len(hotspots["risk_points"])
