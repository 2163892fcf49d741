"""Demo CNBB dossiers that agree with the persons' invented histories.

Every facility stay the demo's histories hold gets a dossier whose steps lead there on the
same day (counted back from it: decision, court, file), and a completion on the day the
stay ends; the stays themselves are left as they are (``update_location=False``). Some
addicts still in the community get a dossier in progress: a few late at the court, a few
closed without execution, so that every status and highlight shows.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.dossier_steps import UNEXECUTED_REASONS, StepKind
from pcmt_desktop.domain.vocabulary import AddictLocation, ManagementList
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import AddictLocationStay

IN_PROGRESS_SHARE = 0.3  # of addicts in the community today
MAX_IN_PROGRESS = 400
# Days between the steps counted back from the facility: (step, shortest, longest gap).
BACKWARD_GAPS: tuple[tuple[StepKind, int, int], ...] = (
    (StepKind.DECIDED, 2, 20),
    (StepKind.COURT_ACCEPTED, 2, 13),
    (StepKind.SENT_TO_COURT, 1, 6),
    (StepKind.LEGALITY_CHECKED, 2, 8),
    (StepKind.NOTIFIED, 1, 4),
    (StepKind.CREATED, 0, 3),
)
FOUND_BEFORE_CREATED = (1, 8)  # days; over 5 working days now and then, as in real files
IN_PROGRESS_CHAIN: tuple[tuple[StepKind, int, int], ...] = (
    (StepKind.NOTIFIED, 1, 5),
    (StepKind.LEGALITY_CHECKED, 2, 10),
    (StepKind.SENT_TO_COURT, 2, 12),
    (StepKind.COURT_ACCEPTED, 1, 8),
)


@dataclass(frozen=True)
class _FacilityStay:
    person_id: int
    start: date
    end: date | None
    facility: str


def _facility_stays(services: Services) -> list[_FacilityStay]:
    with services.context.reading() as session:
        rows = session.execute(
            select(
                AddictLocationStay.person_id,
                AddictLocationStay.start_date,
                AddictLocationStay.end_date,
                AddictLocationStay.facility,
            )
            .where(AddictLocationStay.location == AddictLocation.FACILITY.value)
            .order_by(AddictLocationStay.person_id, AddictLocationStay.start_date)
        )
        return [_FacilityStay(*row) for row in rows]


def _months_between(start: date, end: date) -> int | None:
    """Whole months from ``start`` to ``end`` when ``end`` is exactly that many months on."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if months > 0 and add_months(start, months) == end else None


def _addict_since(services: Services, person_id: int, day: date) -> date | None:
    stay = services.histories.list_on(person_id, day)
    if stay is None or stay.values.get("list_key") != ManagementList.ADDICT.value:
        return None
    return stay.start


def _behind_facility(
    services: Services, rng: random.Random, stay: _FacilityStay, today: date
) -> None:
    """A dossier whose steps end in the facility on the stay's first day."""
    gaps = [(kind, rng.randint(low, high)) for kind, low, high in BACKWARD_GAPS]
    found_gap = rng.randint(*FOUND_BEFORE_CREATED)
    since = _addict_since(services, stay.person_id, stay.start)
    room = None if since is None or since >= stay.start else (stay.start - since).days
    total = sum(gap for _, gap in gaps) + found_gap
    if room is not None and total > room:
        # Squeeze the file into the time the person was known as an addict.
        gaps = [(kind, gap * room // total) for kind, gap in gaps]
        found_gap = found_gap * room // total
    days: dict[StepKind, date] = {}
    day = stay.start
    for kind, gap in gaps:
        day -= timedelta(days=gap)
        days[kind] = day
    found_on = days[StepKind.CREATED] - timedelta(days=found_gap)
    decided = days[StepKind.DECIDED]
    allowed = services.dossiers.term_range(stay.person_id, decided)
    if stay.end is not None:
        term = _months_between(stay.start, stay.end)
        if term is None or not allowed.low <= term <= allowed.high:
            term = rng.randint(allowed.low, allowed.high)
    else:
        # Still inside today: a term that has not run out yet, where the law allows one.
        needed = (today.year - stay.start.year) * 12 + today.month - stay.start.month + 1
        term = rng.randint(min(max(allowed.low, needed), allowed.high), allowed.high)
    dossiers = services.dossiers
    record = dossiers.open_dossier(stay.person_id, found_on, days[StepKind.CREATED])
    for kind in (
        StepKind.NOTIFIED,
        StepKind.LEGALITY_CHECKED,
        StepKind.SENT_TO_COURT,
        StepKind.COURT_ACCEPTED,
    ):
        dossiers.add_step(record.id, kind, days[kind])
    dossiers.add_step(record.id, StepKind.DECIDED, decided, term_months=term)
    dossiers.add_step(
        record.id,
        StepKind.ENTERED_FACILITY,
        stay.start,
        reason=stay.facility or "Cơ sở cai nghiện ma túy",
        update_location=False,
    )
    if stay.end is not None:
        dossiers.add_step(record.id, StepKind.COMPLETED, stay.end, update_location=False)


def _in_community_today(services: Services, today: date) -> list[tuple[int, date]]:
    """Addicts in the community today with no dossier yet, and the day they became one."""
    found: list[tuple[int, date]] = []
    ids = services.listing.ordered_ids(PersonFilter(list_key=ManagementList.ADDICT, as_of=today))
    for person_id in sorted(ids):
        locations = services.histories.entries(person_id, HistoryKind.ADDICT_LOCATION)
        running = next((entry for entry in locations if entry.end is None), None)
        if running is None or running.values.get("location") != AddictLocation.COMMUNITY.value:
            continue
        if services.dossiers.for_person(person_id):
            continue
        since = _addict_since(services, person_id, today)
        if since is not None:
            found.append((person_id, since))
    return found


def _in_progress(
    services: Services, rng: random.Random, person_id: int, since: date, today: date
) -> None:
    """A dossier opened lately and taken some way along; a few are closed early."""
    earliest = max(since, today - timedelta(days=160))
    found_on = earliest + timedelta(days=rng.randint(0, max(0, (today - earliest).days - 1)))
    created = min(today, found_on + timedelta(days=rng.randint(1, 7)))
    dossiers = services.dossiers
    record = dossiers.open_dossier(person_id, found_on, created)
    stages = rng.randint(0, len(IN_PROGRESS_CHAIN))
    day = created
    for kind, low, high in IN_PROGRESS_CHAIN[:stages]:
        day += timedelta(days=rng.randint(low, high))
        if day > today:
            return
        dossiers.add_step(record.id, kind, day)
    roll = rng.random()
    if roll < 0.12:
        closing = day + timedelta(days=rng.randint(0, (today - day).days))
        dossiers.add_step(
            record.id,
            StepKind.CLOSED_UNEXECUTED,
            closing,
            reason=rng.choice(UNEXECUTED_REASONS[:3]),
        )
    elif roll < 0.18 and stages == len(IN_PROGRESS_CHAIN) and (today - day).days > 5:
        dossiers.add_step(
            record.id,
            StepKind.NOT_APPLIED,
            day + timedelta(days=rng.randint(3, 5)),
            reason="Không đủ căn cứ áp dụng",
        )


def fill_dossiers(services: Services, rng: random.Random, today: date) -> int:
    """Write the demo's dossiers through the service; returns how many were made.

    Works on a database ``generate_demo`` has filled; deterministic for ``rng``.
    """
    made = 0
    for stay in _facility_stays(services):
        _behind_facility(services, rng, stay, today)
        made += 1
    started = 0
    for person_id, since in _in_community_today(services, today):
        if started >= MAX_IN_PROGRESS or rng.random() >= IN_PROGRESS_SHARE:
            continue
        _in_progress(services, rng, person_id, since, today)
        started += 1
    return made + started
