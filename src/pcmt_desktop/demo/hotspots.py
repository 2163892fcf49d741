"""Demo hotspots: a handful of places over two years, with status histories and sellers.

Most lie in the town and the biggest commune (where the seeds find them), some inside
karaoke bars or guest houses. Each is entered, fought, often cleared, sometimes
re-activated; a few are still being fought past their fight period, so that the alerts
and the red rows have something to show. Sellers are persons who, on the day they start,
are on the user or addict list and not in custody, and have no other seller period.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from pcmt_desktop.demo import names
from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.registry import Services

HISTORY_DAYS = 700


@dataclass(frozen=True)
class _Place:
    name: str
    address: str
    in_business: bool
    kind: HotspotKind


# Invented places; "{where}" becomes the sub-area's address name.
PLACES: tuple[_Place, ...] = (
    _Place("Karaoke Hoa Sen", "Số 12 đường Trần Phú, {where}", True, HotspotKind.COMPLEX_POINT),
    _Place("Nhà nghỉ Bình Minh", "Tổ 4, {where}", True, HotspotKind.AT_RISK),
    _Place("Bãi đất trống ven sông", "Cuối tổ 7, {where}", False, HotspotKind.COMPLEX_DEN),
    _Place("Karaoke Ánh Trăng", "Số 3 đường Lê Lợi, {where}", True, HotspotKind.AT_RISK),
    _Place(
        "Nhà vắng chủ gần chợ", "Ngõ 2 chợ trung tâm, {where}", False, HotspotKind.COMPLEX_POINT
    ),
    _Place("Ki-ốt bỏ hoang bến xe", "Khu bến xe cũ, {where}", False, HotspotKind.COMPLEX_DEN),
    _Place("Quán bar Sao Đêm", "Số 45 đường Nguyễn Huệ, {where}", True, HotspotKind.COMPLEX_POINT),
    _Place("Lán trại ven đồi thông", "Thôn Đồi Thông, {where}", False, HotspotKind.AT_RISK),
)

CLEARING_NOTES = (
    "Đã bắt giữ đối tượng chứa chấp, điểm không còn hoạt động.",
    "Chủ cơ sở cam kết, kiểm tra nhiều lần không phát hiện vi phạm.",
    "Đã xử lý hành chính chủ cơ sở; điểm giải tán.",
)
REACTIVATION_NOTE = "Quần chúng phản ánh có người tụ tập sử dụng trở lại."


def _busy_sub_areas(services: Services) -> list[tuple[int, str]]:
    """The town(s) and the most populous commune: (id, address name), busiest first."""
    sub_areas = services.office.sub_areas()
    by_name = {area.name: area.id for area in sub_areas}
    communes = [commune for commune in names.COMMUNES if commune.name in by_name]
    if not communes:  # an office of other sub-areas: the most populous ones
        ranked = sorted(sub_areas, key=lambda area: -(area.population or 0))
        return [(area.id, area.name) for area in ranked[:4]]
    towns = [commune for commune in communes if commune.is_town]
    others = sorted(
        (commune for commune in communes if not commune.is_town),
        key=lambda commune: -commune.population,
    )
    chosen = towns + others[: max(1, 2 - len(towns))] + others[2:4]
    return [(by_name[commune.name], commune.address_name) for commune in chosen]


# What happens to each place, in the order of PLACES: still fought past its period
# ("over"), entered lately ("recent"), cleared, cleared and back, cleared twice.
PLANS = ("back", "cleared", "over", "recent", "twice", "over", "cleared", "recent")
# Days between the entry and today, by plan.
ENTRY_AGES = {
    "over": (110, 420),
    "recent": (20, 85),
    "cleared": (150, 680),
    "back": (330, 620),
    "twice": (520, 690),
}


@dataclass(frozen=True)
class _Run:
    """One hotspot's life: its entry, then dated status changes; sellers while active."""

    hotspot_id: int
    area_id: int
    entered: date
    months: int


def fill_hotspots(services: Services, rng: random.Random, today: date) -> int:
    """Write the demo hotspots through the services; returns how many were made."""
    areas = _busy_sub_areas(services)
    if not areas:
        return 0
    made = 0
    for index, (place, plan) in enumerate(zip(PLACES, PLANS, strict=True)):
        # Most in the busiest two sub-areas; every third one elsewhere.
        area_id, where = areas[index % 2] if index % 3 != 2 else rng.choice(areas)
        low, high = ENTRY_AGES[plan]
        entered = today - timedelta(days=rng.randint(low, high))
        record = services.hotspots.add(
            HotspotInput(
                kind=place.kind.value,
                name=place.name,
                entered_on=entered,
                sub_area_id=area_id,
                in_business=place.in_business,
                address=place.address.format(where=where),
            )
        )
        made += 1
        run = _Run(record.id, area_id, entered, record.fight_months)
        active = _play_statuses(services, rng, run, plan, today)
        for start, end in active:
            _link_sellers(services, rng, run, active_from=start, active_to=end, today=today)
    return made


def _play_statuses(
    services: Services, rng: random.Random, run: _Run, plan: str, today: date
) -> list[tuple[date, date | None]]:
    """Write the plan's status changes; returns the active stretches [start, end)."""
    if plan in ("over", "recent"):
        return [(run.entered, None)]
    cleared = add_months(run.entered, run.months) - timedelta(days=rng.randint(0, 40))
    services.hotspots.add_status(
        run.hotspot_id, HotspotState.CLEARED.value, cleared, rng.choice(CLEARING_NOTES)
    )
    stretches: list[tuple[date, date | None]] = [(run.entered, cleared)]
    if plan == "cleared":
        return stretches
    back = min(cleared + timedelta(days=rng.randint(90, 200)), today - timedelta(days=10))
    services.hotspots.add_status(
        run.hotspot_id, HotspotState.REACTIVATED.value, back, REACTIVATION_NOTE
    )
    if plan == "back":
        return [*stretches, (back, None)]
    again = min(add_months(back, run.months), today)
    services.hotspots.add_status(
        run.hotspot_id, HotspotState.CLEARED.value, again, rng.choice(CLEARING_NOTES)
    )
    return [*stretches, (back, again)]


def _link_sellers(
    services: Services,
    rng: random.Random,
    run: _Run,
    *,
    active_from: date,
    active_to: date | None,
    today: date,
) -> None:
    """Up to two sellers who worked from the hotspot while it was active."""
    last = active_to or today
    wanted = rng.randint(0, 2)
    linked = 0
    for _attempt in range(6):
        if linked >= wanted:
            return
        start = active_from + timedelta(days=rng.randint(0, max(0, (last - active_from).days // 2)))
        person_id = _plausible_seller(services, rng, run.area_id, start)
        if person_id is None:
            continue
        end = active_to if active_to is not None and active_to > start else None
        try:
            services.hotspots.link_seller(run.hotspot_id, person_id, start, end)
        except ValidationError:
            continue  # another seller period of the person is in the way: pick again
        linked += 1


def _plausible_seller(
    services: Services, rng: random.Random, area_id: int, day: date
) -> int | None:
    """A user or addict of the sub-area on ``day``, not in custody, not already selling."""
    local: list[int] = []
    anywhere: list[int] = []
    for key in (ManagementList.USER, ManagementList.ADDICT):
        local += services.listing.ordered_ids(
            PersonFilter(list_key=key.value, sub_area_id=area_id, as_of=day)
        )
        anywhere += services.listing.ordered_ids(PersonFilter(list_key=key.value, as_of=day))
    rng.shuffle(local)
    rng.shuffle(anywhere)
    # Sellers mostly live where they sell; a small office may have none there that day.
    candidates = local + [person_id for person_id in anywhere if person_id not in local]
    for person_id in candidates[:12]:
        history = services.histories
        busy = history.entries(person_id, HistoryKind.CUSTODY) + history.entries(
            person_id, HistoryKind.RETAIL_SELLER
        )
        if not any(Span(entry.start, entry.end).overlaps(Span(day, None)) for entry in busy):
            return person_id
    return None
