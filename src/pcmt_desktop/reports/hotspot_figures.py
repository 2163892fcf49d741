"""Hotspots and retail sellers at the end of the period, and the hotspots' movements in it."""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.reports.movements import covers_end_of
from pcmt_desktop.reports.sub_area_rows import SubAreaOrder
from pcmt_desktop.services.hotspots import HotspotMovements, HotspotRecord, HotspotService
from pcmt_desktop.store.models import Person, RetailSellerRole

COMPLEX_KINDS = (HotspotKind.COMPLEX_POINT, HotspotKind.COMPLEX_DEN)


def _point(record: HotspotRecord, day: date) -> dict[str, Any]:
    due = record.fight_due(day)
    return {
        "name": record.name,
        "kind": record.kind.value,
        "kind_label": record.kind.label,
        "in_business": record.in_business,
        "address": record.address,
        "sub_area": record.sub_area_name,
        "entered_on": record.entered_on.isoformat(),
        "fight_months": record.fight_months,
        "fight_until": None if due is None else due.isoformat(),
    }


def _count_figures(
    by_kind: Mapping[tuple[HotspotKind, bool], int], sellers: int, movements: HotspotMovements
) -> dict[str, int]:
    """The counts the report shows, from active hotspots by (kind, in business)."""

    def active(kinds: tuple[HotspotKind, ...], business: bool) -> int:
        return sum(by_kind[(kind, business)] for kind in kinds)

    return {
        "complex_business": active(COMPLEX_KINDS, True),
        "complex_other": active(COMPLEX_KINDS, False),
        "risk_business": active((HotspotKind.AT_RISK,), True),
        "risk_other": active((HotspotKind.AT_RISK,), False),
        "entered": movements.entered,
        "cleared": movements.cleared,
        "retail_sellers": sellers,
    }


def hotspot_counts(service: HotspotService, date_from: date, date_to: date) -> dict[str, int]:
    """The counts alone (the comparison period's)."""
    counts = service.counts_on(date_to)
    return _count_figures(counts.by_kind, counts.sellers, service.movements(date_from, date_to))


def _states(active: Sequence[HotspotRecord], entered: int, day: date) -> dict[str, int]:
    """Hotspots entered by ``day`` by their state then, from the active ones and the count.

    The active ones are ``HotspotService.active_on``'s, so the two active states add up to
    the active count the báo cáo prints. Every hotspot has its first status ("đang đấu
    tranh") on its entry day — the service, its edit and the import keep it so — hence a
    hotspot entered by ``day`` and not active is cleared on ``day``.
    """
    by_state = Counter(
        status.state for record in active if (status := record.status_on(day)) is not None
    )
    return {
        HotspotState.FIGHTING.value: by_state[HotspotState.FIGHTING],
        HotspotState.CLEARED.value: entered - len(active),
        HotspotState.REACTIVATED.value: by_state[HotspotState.REACTIVATED],
    }


def _entered_by(service: HotspotService, day: date) -> int:
    return service.movements(date.min, day).entered


def hotspot_states(service: HotspotService, day: date) -> dict[str, int]:
    """Hotspots entered on or before ``day`` by their state at its end (HotspotState → n)."""
    return _states(service.active_on(day), _entered_by(service, day), day)


def hotspot_figures(
    session: Session,
    service: HotspotService,
    order: SubAreaOrder,
    date_from: date,
    date_to: date,
) -> dict[str, Any]:
    active = service.active_on(date_to)
    sellers = session.execute(
        select(Person.id, Person.full_name, Person.birth_year, Person.sub_area_id)
        .join(RetailSellerRole, RetailSellerRole.person_id == Person.id)
        .where(covers_end_of(RetailSellerRole, date_to))
        .distinct()
        .order_by(Person.full_name, Person.id)
    ).all()
    per_area: dict[int | None, dict[str, int]] = defaultdict(
        lambda: {"complex": 0, "risk": 0, "retail_sellers": 0}
    )
    for record in active:
        side = "complex" if record.kind in COMPLEX_KINDS else "risk"
        per_area[record.sub_area_id][side] += 1
    for seller in sellers:
        per_area[seller.sub_area_id]["retail_sellers"] += 1
    # The period's counts come from the hotspots and sellers read above (one read of the
    # active hotspots, not a second one through counts_on); one row per distinct seller.
    by_kind = Counter((record.kind, record.in_business) for record in active)
    return {
        **_count_figures(by_kind, len(sellers), service.movements(date_from, date_to)),
        "complex_points": [_point(r, date_to) for r in active if r.kind in COMPLEX_KINDS],
        "risk_points": [_point(r, date_to) for r in active if r.kind not in COMPLEX_KINDS],
        "sellers": [
            {
                "full_name": seller.full_name,
                "birth_year": seller.birth_year,
                "sub_area": order.name_of(seller.sub_area_id),
            }
            for seller in sellers
        ],
        "by_sub_area": order.rows(per_area, lambda: {"complex": 0, "risk": 0, "retail_sellers": 0}),
        "by_state": _states(active, _entered_by(service, date_to), date_to),
    }
