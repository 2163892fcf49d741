"""Demo plant seizures: opium poppies found in the upland communes in the growing season.

Seizures fall mostly in January–April (the poppy season the seed reports on), in a few
communes away from the town; many are ownerless. A grower with fewer than 500 opium
plants is fined within the decree's range in force that day; 500 or more is prosecuted
(Bộ luật Hình sự, Điều 247). Growers are residents of the commune, not in custody then.
"""

import random
from datetime import date, timedelta

from pcmt_desktop.demo import names
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from pcmt_desktop.services.registry import Services

HISTORY_YEARS = 2
GROWING_MONTHS = (1, 2, 3, 4)
PROSECUTION_OPIUM_PLANTS = 500
FINE_STEP_VND = 500_000
OWNERLESS_SHARE = 0.45

PLACES = (
    "Nương ngô khu Khe Đá",
    "Sườn đồi sau trường tiểu học",
    "Vườn sau nhà",
    "Ruộng bậc thang khu Lũng Cao",
    "Khe suối Nậm Mu",
    "Bãi đất trồng rau ven rừng",
    "Nương sắn giáp ranh xã bên",
)
NOTES = (
    "Trồng xen lẫn rau cải để che giấu.",
    "Quần chúng tố giác; đã nhổ và tiêu hủy tại chỗ.",
    "Phát hiện khi tuần tra rừng cùng kiểm lâm.",
    "",
)


def _upland_sub_areas(services: Services, rng: random.Random) -> list[int]:
    """Four communes away from the town (or any four sub-areas of another office)."""
    towns = {commune.name for commune in names.COMMUNES if commune.is_town}
    areas = [area for area in services.office.sub_areas() if area.name not in towns]
    return [area.id for area in rng.sample(areas, min(4, len(areas)))]


def _season_days(rng: random.Random, today: date) -> list[date]:
    """The days of the seizures: mostly in Jan–Apr of the last two years, a few off-season."""
    first = date(today.year - HISTORY_YEARS, today.month, 1)
    days: list[date] = []
    for year in range(today.year - HISTORY_YEARS, today.year + 1):
        for _ in range(rng.randint(5, 8)):
            month = rng.choice(GROWING_MONTHS)
            day = date(year, month, rng.randint(1, 28))
            if first <= day <= today:
                days.append(day)
    for _ in range(2):
        off_season = today - timedelta(days=rng.randint(10, 700))
        if off_season.month not in GROWING_MONTHS:
            days.append(off_season)
    return sorted(days)


def fill_plant_seizures(services: Services, rng: random.Random, today: date) -> int:
    """Write the demo seizures through the services; returns how many were made."""
    areas = _upland_sub_areas(services, rng)
    if not areas:
        return 0
    made = 0
    for day in _season_days(rng, today):
        area_id = rng.choice(areas)
        grower = None if rng.random() < OWNERLESS_SHARE else _grower(services, rng, area_id, day)
        opium = rng.choice((rng.randint(15, 300), rng.randint(100, 480), rng.randint(520, 1500)))
        cannabis = rng.randint(1, 25) if rng.random() < 0.2 else 0
        area_m2 = round(rng.uniform(8, 400) * 2) / 2 if rng.random() < 0.5 else 0.0
        handling, fine = _handling(services, rng, grower, opium, day)
        data = PlantSeizureInput(
            seized_on=day,
            sub_area_id=area_id,
            handling=handling.value,
            place=rng.choice(PLACES),
            person_id=grower,
            ownerless=grower is None,
            opium_plants=opium,
            cannabis_plants=cannabis,
            area_m2=area_m2,
            fine_vnd=fine,
            expert_exam=handling is PlantHandling.PROSECUTED or rng.random() < 0.2,
            note=rng.choice(NOTES),
        )
        try:
            services.plant_seizures.add(data)
        except ValidationError:
            continue  # e.g. a sub-area removed meanwhile: the demo just skips the case
        made += 1
    return made


def _handling(
    services: Services, rng: random.Random, grower: int | None, opium: int, day: date
) -> tuple[PlantHandling, int | None]:
    if grower is None:
        return PlantHandling.NOT_YET, None
    if opium >= PROSECUTION_OPIUM_PLANTS:
        return PlantHandling.PROSECUTED, None
    bounds = services.plant_seizures.fine_range(day)
    if bounds is None:
        return PlantHandling.NOT_YET, None
    low, high = bounds
    steps = (high - low) // FINE_STEP_VND
    return PlantHandling.FINED, low + FINE_STEP_VND * rng.randint(0, steps)


def _grower(services: Services, rng: random.Random, area_id: int, day: date) -> int | None:
    """A resident of the sub-area who is not in custody on ``day``."""
    residents = services.listing.ordered_ids(PersonFilter(sub_area_id=area_id, as_of=day))
    rng.shuffle(residents)
    for person_id in residents[:10]:
        custody = services.histories.entries(person_id, HistoryKind.CUSTODY)
        if not any(Span(entry.start, entry.end).covers_end_of(day) for entry in custody):
            return person_id
    return None
