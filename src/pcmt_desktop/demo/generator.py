"""Fill an empty database with two years of invented but realistic work of one office.

The demo plays the life the seeds describe: persons found by review land on the
suspected-user list; a positive test makes them users, managed for a year; some are
found addicted, live in the community, take methadone, or go to a compulsory-rehab
facility and come back under post-rehab management; some leave the locality, a few die
or are jailed, a few are entered twice and removed as duplicates.

Everything is written through the real services (persons.add, histories.add/move/end),
so every rule is checked and the audit trail is the one an officer would have left.
Each life is planned first as plain data (``_Life``), then replayed; the plan uses one
``random.Random(seed)`` and dates derived from ``today`` only, so a seed always gives
the same database.
"""

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import TypeVar

from pcmt_desktop.demo import names
from pcmt_desktop.demo.cases import fill_cases
from pcmt_desktop.demo.dossiers import fill_dossiers
from pcmt_desktop.demo.drug_tests import fill_drug_tests
from pcmt_desktop.demo.hotspots import fill_hotspots
from pcmt_desktop.demo.names import Commune
from pcmt_desktop.demo.plant_seizures import fill_plant_seizures
from pcmt_desktop.demo.targets import fill_targets
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.text import fold
from pcmt_desktop.domain.vocabulary import (
    MOVE_END_REASON,
    MOVE_START_REASON,
    AddictLocation,
    CustodyKind,
    Gender,
    ManagementList,
    SurveillanceCategory,
    SurveillanceClass,
)
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.office import OfficeInfo, SubAreaInput
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

DEFAULT_SEED = 2024
DEFAULT_PERSONS = 900
MAX_PERSONS = 100_000
HISTORY_YEARS = 2

# Reasons, in the words of vocabulary.START_REASONS / END_REASONS and of the seeds.
FOUND_BY_REVIEW = "Rà soát phát hiện mới"
TESTED_POSITIVE = "Test dương tính"
FOUND_ADDICTED = "Xác định tình trạng nghiện"
BACK_FROM_FACILITY = "Trở về từ cơ sở cai nghiện"
ON_METHADONE = "Điều trị thay thế (methadone)"
ENTERED_AT_START = "Nhập mới"
TERM_OVER = "Hết thời gian quản lý"
DUPLICATE = "Trùng danh sách"
LEFT = "Đi khỏi địa phương"
DIED = "Chết"
ARRESTED = "Bị bắt, chấp hành án"

# The law's numbers the plan needs, with the day they take effect (shared/DOMAIN.md).
# Users are managed 1 year from the decision (Luật PCMT 2021, Điều 23); post-rehab
# management lasts 1 year after voluntary rehab and 2 years after an adult's CNBB
# (Điều 40); an adult's CNBB term is 12–24 months, 24 months for a first rehab once
# Luật 120/2025/QH15 applies (01/7/2026).
USER_MANAGEMENT_YEARS = 1
POST_REHAB_YEARS_AFTER_VOLUNTARY = 1
POST_REHAB_YEARS_AFTER_CNBB = 2
REHAB_TERM_MONTHS: tuple[tuple[date, int, int], ...] = (
    (date(1900, 1, 1), 12, 24),
    (date(2026, 7, 1), 24, 24),
)

HOME_PROVINCE_CODE = "041"  # invented province's CCCD prefix; others are persons born elsewhere
OTHER_PROVINCE_CODES = ("001", "022", "031", "036", "038", "079")

SHOWCASE_COUNT = 6

T = TypeVar("T")


@dataclass(frozen=True)
class DemoSummary:
    """What the demo wrote, and how many persons each list holds at the end of today."""

    persons: int
    sub_areas: int
    stays: int
    addict_locations: int
    treatments: int
    surveillances: int
    retail_sellers: int
    custody_stays: int
    first_day: date
    today: date
    on_list_today: Mapping[ManagementList, int]
    in_facility_today: int
    on_treatment_today: int
    registries: Mapping[str, int]  # records per other registry, by its Vietnamese name


# --- the plan: plain data -----------------------------------------------------------------


@dataclass
class _Stay:
    list_key: ManagementList
    start: date
    start_reason: str
    note: str = ""
    end: date | None = None
    end_reason: str = ""
    # When the fixed management period runs out (users, post-rehab), if it has one.
    expires: date | None = None
    # Addicts only: the day they entered a CNBB facility, and the facility's name.
    facility_from: date | None = None
    facility: str = ""


@dataclass(frozen=True)
class _Period:
    kind: HistoryKind
    start: date
    end: date | None
    values: Mapping[str, str]


@dataclass
class _Life:
    stays: list[_Stay]
    periods: list[_Period] = field(default_factory=list)


@dataclass(frozen=True)
class _Fate:
    """What ends a running stay: on ``day``, a move to ``to_list`` or a final end."""

    day: date
    end_reason: str
    to_list: ManagementList | None = None
    start_reason: str = MOVE_START_REASON
    note: str = ""
    arrested: bool = False


@dataclass(frozen=True)
class _Outcome:
    """One way a stay can end, drawn with ``chance``, some ``after`` days from its start."""

    chance: float
    after: tuple[int, int]
    end_reason: str
    to_list: ManagementList | None = None
    start_reason: str = MOVE_START_REASON
    note: str = ""
    arrested: bool = False


# What becomes of a stay on each list besides the fixed end of a management period; the
# chance left over keeps the stay running. Addicts first draw a CNBB facility (below);
# these are the odds for those who stay in the community. The mix follows seed 2: many
# suspected users, many of whom leave; few suspected addicts; users turning addicts.
OUTCOMES: dict[ManagementList, tuple[_Outcome, ...]] = {
    ManagementList.SUSPECTED_USER: (
        _Outcome(
            0.30,
            (15, 180),
            MOVE_END_REASON,
            ManagementList.USER,
            TESTED_POSITIVE,
            "Test nhanh nước tiểu dương tính với Methamphetamine.",
        ),
        _Outcome(0.05, (30, 240), MOVE_END_REASON, ManagementList.SUSPECTED_ADDICT),
        _Outcome(0.25, (20, 400), LEFT),
        _Outcome(0.01, (20, 400), ARRESTED, arrested=True),
    ),
    ManagementList.SUSPECTED_ADDICT: (
        _Outcome(0.50, (20, 150), MOVE_END_REASON, ManagementList.ADDICT, FOUND_ADDICTED),
        _Outcome(0.20, (20, 150), MOVE_END_REASON, ManagementList.USER, TESTED_POSITIVE),
        _Outcome(0.10, (30, 300), LEFT),
    ),
    ManagementList.USER: (
        _Outcome(0.15, (30, 300), MOVE_END_REASON, ManagementList.ADDICT, FOUND_ADDICTED),
        _Outcome(0.04, (30, 330), ARRESTED, arrested=True),
        _Outcome(0.02, (30, 330), LEFT),
    ),
    ManagementList.ADDICT: (
        _Outcome(0.06, (60, 700), DIED),
        _Outcome(0.07, (60, 600), ARRESTED, arrested=True),
        _Outcome(0.06, (60, 600), LEFT),
    ),
    ManagementList.POST_REHAB: (
        _Outcome(
            0.06,
            (60, 300),
            MOVE_END_REASON,
            ManagementList.ADDICT,
            FOUND_ADDICTED,
            "Tái nghiện.",
        ),
        _Outcome(0.03, (30, 300), LEFT),
    ),
}
FACILITY_CHANCE = 0.28  # of addicts not on methadone, sent to a CNBB facility

# How persons come onto the lists after the program's first weeks, with their weights.
ARRIVALS: tuple[tuple[tuple[ManagementList, str], int], ...] = (
    ((ManagementList.SUSPECTED_USER, FOUND_BY_REVIEW), 72),
    ((ManagementList.USER, TESTED_POSITIVE), 8),
    ((ManagementList.SUSPECTED_ADDICT, FOUND_BY_REVIEW), 4),
    ((ManagementList.ADDICT, FOUND_ADDICTED), 8),
    ((ManagementList.ADDICT, ON_METHADONE), 6),
    ((ManagementList.POST_REHAB, BACK_FROM_FACILITY), 2),
)

# The lists of persons already managed when the office started using the program.
CARRIED_OVER: tuple[tuple[ManagementList, int], ...] = (
    (ManagementList.SUSPECTED_USER, 40),
    (ManagementList.USER, 15),
    (ManagementList.ADDICT, 30),
    (ManagementList.SUSPECTED_ADDICT, 5),
    (ManagementList.POST_REHAB, 10),
)


@dataclass(frozen=True)
class _Identity:
    full_name: str
    gender: Gender
    birth_year: int
    sub_area: Commune


@dataclass(frozen=True)
class _Planned:
    who: _Identity
    life: _Life
    duplicate: bool = False


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29/2 becomes 28/2 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def rehab_term_range(start: date) -> tuple[int, int]:
    """The shortest and longest CNBB term in months for an adult entering on ``start``."""
    low, high = REHAB_TERM_MONTHS[0][1:]
    for since, shortest, longest in REHAB_TERM_MONTHS:
        if start >= since:
            low, high = shortest, longest
    return low, high


def _weighted(rng: random.Random, items: Sequence[tuple[T, int]]) -> T:
    return rng.choices([item for item, _ in items], weights=[w for _, w in items])[0]


class _Planner:
    """Plans lives: pure computation over one random stream, no database."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.first_day = add_years(today, -HISTORY_YEARS) + timedelta(days=1)
        # The seeds' campaign ran 15/10–10/11: the latest such window already over.
        year = today.year if date(today.year, 11, 10) <= today else today.year - 1
        self.campaign = (date(year, 10, 15), date(year, 11, 10))

    def days_after(self, day: date, low: int, high: int) -> date:
        return day + timedelta(days=self.rng.randint(low, high))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    # --- how a life starts -------------------------------------------------------------
    def entry(self) -> _Life:
        roll = self.rng.random()
        if roll < 0.28:
            # The program's first weeks: persons already managed are typed in.
            day = self.day_between(self.first_day, self.first_day + timedelta(days=45))
            return _Life([self.carried_over(day)])
        if roll < 0.45:
            day = self.day_between(*self.campaign)
            return _Life([self.stay(ManagementList.SUSPECTED_USER, day, FOUND_BY_REVIEW)])
        day = self.day_between(self.first_day + timedelta(days=46), self.today)
        key, reason = _weighted(self.rng, ARRIVALS)
        return _Life([self.stay(key, day, reason)])

    def carried_over(self, day: date) -> _Stay:
        """A person on a list before the program was used: the rest of their period."""
        key = _weighted(self.rng, CARRIED_OVER)
        stay = _Stay(key, day, ENTERED_AT_START)
        if key in (ManagementList.USER, ManagementList.POST_REHAB):
            stay.expires = self.days_after(day, 20, 360)
            stay.note = "Quyết định quản lý trước khi dùng chương trình."
        if key is ManagementList.ADDICT and self.rng.random() < 0.3:
            stay.facility_from = day
            stay.facility = self.rng.choice(names.REHAB_FACILITIES)
            stay.note = "Đang chấp hành quyết định cai nghiện bắt buộc."
        return stay

    def stay(self, key: ManagementList, day: date, reason: str, note: str = "") -> _Stay:
        """A new stay, with the end of its management period where the law fixes one."""
        stay = _Stay(key, day, reason, note)
        if key is ManagementList.USER:
            stay.expires = add_years(day, USER_MANAGEMENT_YEARS)
        elif key is ManagementList.POST_REHAB:
            after_cnbb = reason == BACK_FROM_FACILITY
            years = POST_REHAB_YEARS_AFTER_CNBB if after_cnbb else POST_REHAB_YEARS_AFTER_VOLUNTARY
            stay.expires = add_years(day, years)
        return stay

    # --- how it goes on ----------------------------------------------------------------
    def follow(self, life: _Life) -> None:
        """Play the running stay forward until it runs past today or ends for good."""
        while (stay := life.stays[-1]).end is None:
            fate = self.fate(stay)
            if fate is None or fate.day > self.today:
                return
            stay.end = fate.day
            stay.end_reason = fate.end_reason
            if fate.arrested:
                life.periods.append(self.custody(fate.day))
            if fate.to_list is None:
                return
            life.stays.append(self.stay(fate.to_list, fate.day, fate.start_reason, fate.note))

    def fate(self, stay: _Stay) -> _Fate | None:
        if stay.list_key is ManagementList.ADDICT:
            if stay.facility_from is None and self.sent_to_facility(stay):
                entered = self.days_after(stay.start, 30, 420)
                if entered > self.today:
                    return None  # still at home today; the facility comes later
                stay.facility_from = entered
                stay.facility = self.rng.choice(names.REHAB_FACILITIES)
            if stay.facility_from is not None:
                return self.back_from_facility(stay)
        drawn = self.draw(stay)
        if stay.expires is not None and (drawn is None or drawn.day >= stay.expires):
            return _Fate(stay.expires, TERM_OVER)
        return drawn

    def sent_to_facility(self, stay: _Stay) -> bool:
        # Methadone patients are treated in the community, not sent away.
        return stay.start_reason != ON_METHADONE and self.rng.random() < FACILITY_CHANCE

    def draw(self, stay: _Stay) -> _Fate | None:
        roll = self.rng.random()
        for outcome in OUTCOMES[stay.list_key]:
            if roll < outcome.chance:
                return _Fate(
                    self.days_after(stay.start, *outcome.after),
                    outcome.end_reason,
                    outcome.to_list,
                    outcome.start_reason,
                    outcome.note,
                    outcome.arrested,
                )
            roll -= outcome.chance
        return None

    def back_from_facility(self, stay: _Stay) -> _Fate:
        assert stay.facility_from is not None
        if stay.start_reason == ENTERED_AT_START and stay.facility_from == stay.start:
            # Already inside when first typed in: only the rest of the term is left.
            back = self.days_after(stay.start, 30, 600)
        else:
            low, high = rehab_term_range(stay.facility_from)
            back = add_months(stay.facility_from, self.rng.randint(low, high))
        return _Fate(
            back,
            MOVE_END_REASON,
            ManagementList.POST_REHAB,
            BACK_FROM_FACILITY,
            f"Chấp hành xong quyết định cai nghiện bắt buộc tại {stay.facility}.",
        )

    # --- facts besides the lists -------------------------------------------------------
    def custody(self, day: date) -> _Period:
        if self.rng.random() < 0.85:
            kind, place = CustodyKind.PRISON, self.rng.choice(names.PRISONS)
        else:
            kind, place = CustodyKind.EDUCATION, self.rng.choice(names.EDUCATION_FACILITIES)
        release = add_months(day, self.rng.randint(9, 36))
        return _Period(
            HistoryKind.CUSTODY,
            day,
            release if release <= self.today else None,
            {"kind": kind.value, "place": place},
        )

    def addict_periods(self, life: _Life) -> None:
        """Where each addict stay was spent, and methadone for some in the community."""
        rng = self.rng
        for stay in life.stays:
            if stay.list_key is not ManagementList.ADDICT:
                continue
            community_until = stay.facility_from if stay.facility_from is not None else stay.end
            if community_until is None or community_until > stay.start:
                life.periods.append(
                    _Period(
                        HistoryKind.ADDICT_LOCATION,
                        stay.start,
                        community_until,
                        {"location": AddictLocation.COMMUNITY.value, "facility": ""},
                    )
                )
            if stay.facility_from is not None:
                life.periods.append(
                    _Period(
                        HistoryKind.ADDICT_LOCATION,
                        stay.facility_from,
                        stay.end,
                        {"location": AddictLocation.FACILITY.value, "facility": stay.facility},
                    )
                )
                continue
            if stay.start_reason == ON_METHADONE:
                begins: date | None = stay.start
            elif rng.random() < 0.2:
                begins = self.days_after(stay.start, 0, 200)
            else:
                begins = None
            if begins is None or begins > self.today or (stay.end and begins >= stay.end):
                continue
            ends: date | None = stay.end
            if rng.random() < 0.25:
                dropped = self.days_after(begins, 90, 600)
                if dropped <= self.today and (ends is None or dropped < ends):
                    ends = dropped
            life.periods.append(
                _Period(
                    HistoryKind.TREATMENT,
                    begins,
                    ends,
                    {"facility": rng.choice(names.TREATMENT_FACILITIES)},
                )
            )

    def other_periods(self, life: _Life, village: str) -> None:
        """A few surveillance files and retail-seller roles, opened during a stay."""
        rng = self.rng
        first = life.stays[0]
        if rng.random() < 0.09:
            opened = self.day_between(first.start, first.end or self.today)
            closed = self.days_after(opened, 90, 500) if rng.random() < 0.2 else None
            category = _weighted(
                rng,
                (
                    (SurveillanceCategory.DM1, 45),
                    (SurveillanceCategory.DM2, 10),
                    (SurveillanceCategory.DM3, 45),
                ),
            )
            life.periods.append(
                _Period(
                    HistoryKind.SURVEILLANCE,
                    opened,
                    closed if closed is not None and closed <= self.today else None,
                    {
                        "category": category.value,
                        "surveillance_class": rng.choice(list(SurveillanceClass)).value,
                        "note": rng.choice(names.SURVEILLANCE_NOTES),
                    },
                )
            )
        users = [
            stay
            for stay in life.stays
            if stay.list_key in (ManagementList.USER, ManagementList.ADDICT)
        ]
        if users and rng.random() < 0.06:
            stay = users[0]
            began = self.day_between(stay.start, stay.end or self.today)
            ended = self.days_after(began, 60, 400) if rng.random() < 0.35 else None
            life.periods.append(
                _Period(
                    HistoryKind.RETAIL_SELLER,
                    began,
                    ended if ended is not None and ended <= self.today else None,
                    {"place_note": rng.choice(names.SELLING_PLACES).format(village=village)},
                )
            )

    # --- lives that show every path (the first persons, so that small demos have them) ---
    def showcase(self, index: int) -> _Life | None:
        """Scripted lives for the first persons: one running stay on every list."""
        if index >= SHOWCASE_COUNT:
            return None
        today, first = self.today, self.first_day
        facility = names.REHAB_FACILITIES[0]
        review, addict = ManagementList.SUSPECTED_USER, ManagementList.ADDICT
        key, start, reason = (
            (review, today - timedelta(40), FOUND_BY_REVIEW),
            (review, today - timedelta(200), FOUND_BY_REVIEW),
            (review, today - timedelta(300), FOUND_BY_REVIEW),
            (addict, first + timedelta(100), ON_METHADONE),
            (addict, first + timedelta(20), FOUND_ADDICTED),
            (addict, today - timedelta(400), FOUND_ADDICTED),
        )[index]
        stay = self.stay(key, start, reason)
        life = _Life([stay])
        if index == 1:
            stay.end, stay.end_reason = today - timedelta(150), MOVE_END_REASON
            life.stays.append(self.stay(ManagementList.USER, stay.end, TESTED_POSITIVE))
        elif index == 2:
            stay.end, stay.end_reason = today - timedelta(60), MOVE_END_REASON
            life.stays.append(
                self.stay(ManagementList.SUSPECTED_ADDICT, stay.end, MOVE_START_REASON)
            )
        elif index == 4:
            stay.facility_from, stay.facility = first + timedelta(50), facility
            stay.end, stay.end_reason = add_months(stay.facility_from, 12), MOVE_END_REASON
            life.stays.append(self.stay(ManagementList.POST_REHAB, stay.end, BACK_FROM_FACILITY))
        elif index == 5:
            stay.facility_from, stay.facility = today - timedelta(300), facility
        return life


class _Writer:
    """Replays planned lives through the real services, counting what it writes."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.counts: dict[HistoryKind, int] = dict.fromkeys(HistoryKind, 0)

    def write(self, person_id: int, life: _Life) -> None:
        histories = self.services.histories
        first = life.stays[0]
        entry = histories.add(HistoryKind.LIST, person_id, _stay_input(first))
        for previous, following in pairwise(life.stays):
            if previous.end_reason == MOVE_END_REASON and previous.end == following.start:
                entry = histories.move(
                    person_id,
                    following.list_key,
                    following.start,
                    start_reason=following.start_reason,
                    note=following.note,
                )
            else:
                assert previous.end is not None
                histories.end(HistoryKind.LIST, entry.id, previous.end, previous.end_reason)
                entry = histories.add(HistoryKind.LIST, person_id, _stay_input(following))
            self.counts[HistoryKind.LIST] += 1
        self.counts[HistoryKind.LIST] += 1
        last = life.stays[-1]
        if last.end is not None:
            histories.end(HistoryKind.LIST, entry.id, last.end, last.end_reason)
        for period in sorted(life.periods, key=lambda item: (item.start, item.kind.value)):
            histories.add(
                period.kind, person_id, HistoryInput(period.start, period.end, period.values)
            )
            self.counts[period.kind] += 1


def _stay_input(stay: _Stay) -> HistoryInput:
    return HistoryInput(
        stay.start,
        None,
        {"list_key": stay.list_key.value, "start_reason": stay.start_reason, "note": stay.note},
    )


class _People:
    """Makes up persons: names, birth, CCCD, village, address, occupation."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cccds: set[str] = set()
        self.keys: set[tuple[str, int, str]] = set()
        self.villages = {commune.name: self._villages(commune) for commune in names.COMMUNES}

    def _villages(self, commune: Commune) -> list[str]:
        rng = self.rng
        if commune.is_town:
            return [f"Tổ dân phố {number}" for number in range(1, 11)]
        if rng.random() < 0.5:
            return [f"Thôn {number}" for number in range(1, rng.randint(6, 12) + 1)]
        return rng.sample(names.HAMLET_NAMES, rng.randint(5, 8))

    def identity(self) -> _Identity:
        communes = names.COMMUNES
        rng = self.rng
        gender = Gender.MALE if rng.random() < 0.88 else Gender.FEMALE
        family = _weighted(rng, names.FAMILY_NAMES)
        if gender is Gender.MALE:
            middle = _weighted(rng, names.MALE_MIDDLE_NAMES)
            given = rng.choice(names.MALE_GIVEN_NAMES)
        else:
            middle = _weighted(rng, names.FEMALE_MIDDLE_NAMES)
            given = rng.choice(names.FEMALE_GIVEN_NAMES)
        if middle == given:
            middle = "Văn" if gender is Gender.MALE else "Thị"
        birth_year = round(rng.triangular(1965, 2006, 1992))
        sub_area = rng.choices(communes, weights=[c.population for c in communes])[0]
        return _Identity(f"{family} {middle} {given}", gender, birth_year, sub_area)

    def unique_identity(self) -> _Identity:
        """A name, birth year and commune no other person shares (a real duplicate would)."""
        for _ in range(50):
            found = self.identity()
            key = (fold(found.full_name), found.birth_year, found.sub_area.name)
            if key not in self.keys:
                break
        self.keys.add(key)
        return found

    def cccd(self, gender: Gender, birth_year: int) -> str:
        rng = self.rng
        province = HOME_PROVINCE_CODE if rng.random() < 0.85 else rng.choice(OTHER_PROVINCE_CODES)
        century = 0 if birth_year < 2000 else 2
        sex = 0 if gender is Gender.MALE else 1
        while True:
            number = f"{province}{century + sex}{birth_year % 100:02d}{rng.randrange(10**6):06d}"
            if number not in self.cccds:
                self.cccds.add(number)
                return number

    def person(self, planned: _Planned, sub_area_id: int) -> PersonInput:
        rng = self.rng
        who, life = planned.who, planned.life
        birth_date = None
        # A duplicate entry is typed from a lesser source: year of birth only, no CCCD.
        if not planned.duplicate and rng.random() < 0.45:
            birth_date = date(who.birth_year, rng.randint(1, 12), rng.randint(1, 28))
        village = self.village_of(who)
        home = f"{village}, {who.sub_area.address_name}, {names.DISTRICT}, {names.PROVINCE}"
        current = home
        if any(stay.end_reason == LEFT for stay in life.stays):
            current = rng.choice(names.AWAY_ADDRESSES)
        return PersonInput(
            full_name=who.full_name,
            gender=who.gender,
            birth_year=who.birth_year,
            birth_date=birth_date,
            cccd=(
                self.cccd(who.gender, who.birth_year)
                if not planned.duplicate and rng.random() < 0.7
                else None
            ),
            sub_area_id=sub_area_id,
            village=village,
            permanent_address=home,
            current_address=current,
            occupation=self.occupation(who),
            notes=rng.choice(names.PERSON_NOTES) if rng.random() < 0.12 else "",
        )

    def village_of(self, who: _Identity) -> str:
        # Seeded from the identity so that a duplicate entry lands in the same village.
        villages = self.villages[who.sub_area.name]
        return villages[sum(map(ord, who.full_name + str(who.birth_year))) % len(villages)]

    def occupation(self, who: _Identity) -> str:
        rng = self.rng
        if who.birth_year >= 2003 and rng.random() < 0.4:
            return rng.choice(names.YOUNG_OCCUPATIONS)
        if who.gender is Gender.FEMALE:
            return rng.choice(names.FEMALE_OCCUPATIONS)
        return _weighted(rng, names.OCCUPATIONS)


Filler = Callable[[Services, random.Random, date], int]

# In this order: a positive test may move a person, so the summary is counted after all.
REGISTRY_FILLERS: tuple[tuple[str, Filler], ...] = (
    ("hồ sơ CNBB", fill_dossiers),
    ("lượt test ma túy", fill_drug_tests),
    ("điểm, tụ điểm", fill_hotspots),
    ("vụ phá nhổ cây", fill_plant_seizures),
    ("vụ việc", fill_cases),
    ("chỉ tiêu", fill_targets),
)


def generate_demo(
    services: Services,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    persons: int = DEFAULT_PERSONS,
    progress: Callable[[int, int], None] | None = None,
    with_registries: bool = True,
) -> DemoSummary:
    """Set up the invented office and write ``persons`` persons with two years of history.

    With ``with_registries`` the other registries (tests, dossiers, hotspots, seizures,
    cases, targets) are filled after the persons, consistent with their histories; tests
    of one registry's demo part turn it off and call that part alone.

    Each write is its own committed service call, as an officer's would be; a run that
    fails half-way leaves what it wrote (``pcmt demo`` then removes the new file).

    Raises:
        ValidationError: the database already holds an office or persons, or ``persons``
            is out of range; nothing is written then.
    """
    if not 1 <= persons <= MAX_PERSONS:
        raise ValidationError.single(
            "persons",
            f"Số đối tượng cần tạo phải từ 1 đến {f'{MAX_PERSONS:,}'.replace(',', '.')} "
            f"(đã nhập: {persons}).",
        )
    existing = services.office.office()
    if existing is not None or services.persons.count():
        where = f" (đơn vị “{existing.name}”)" if existing is not None else ""
        raise ValidationError.single(
            "office",
            f"Cơ sở dữ liệu này đã có dữ liệu{where}. Dữ liệu mẫu chỉ được tạo trong một cơ sở "
            "dữ liệu mới, để không lẫn với dữ liệu thật.",
        )
    today = today or services.context.today()
    rng = random.Random(seed)
    planner = _Planner(rng, today)
    people = _People(rng)
    writer = _Writer(services)

    services.office.set_up(
        OfficeInfo(
            name=names.OFFICE_NAME,
            level=names.OFFICE_LEVEL,
            parent_name=names.PARENT_NAME,
            sub_area_label=names.SUB_AREA_LABEL,
            place_name=names.PLACE_NAME,
        ),
        [SubAreaInput(commune.name, commune.population) for commune in names.COMMUNES],
    )
    sub_area_ids = {info.name: info.id for info in services.office.sub_areas()}

    written: list[_Planned] = []
    fillers = REGISTRY_FILLERS if with_registries else ()
    steps = persons + len(fillers)
    if progress is not None:
        progress(0, steps)
    for index in range(persons):
        planned = _plan_person(planner, people, index, written)
        data = people.person(planned, sub_area_ids[planned.who.sub_area.name])
        record = services.persons.add(data)
        writer.write(record.id, planned.life)
        written.append(planned)
        if progress is not None:
            progress(index + 1, steps)
    registries: dict[str, int] = {}
    for number, (label, fill) in enumerate(fillers, start=1):
        # One generator per registry: adding a registry later leaves the others' data as is.
        registries[label] = fill(services, random.Random(f"{seed}/{label}"), today)
        if progress is not None:
            progress(persons + number, steps)

    on_list = {
        key: len(services.listing.ordered_ids(PersonFilter(list_key=key.value, as_of=today)))
        for key in ManagementList
    }
    return DemoSummary(
        persons=persons,
        sub_areas=len(sub_area_ids),
        stays=writer.counts[HistoryKind.LIST],
        addict_locations=writer.counts[HistoryKind.ADDICT_LOCATION],
        treatments=writer.counts[HistoryKind.TREATMENT],
        surveillances=writer.counts[HistoryKind.SURVEILLANCE],
        retail_sellers=writer.counts[HistoryKind.RETAIL_SELLER],
        custody_stays=writer.counts[HistoryKind.CUSTODY],
        first_day=planner.first_day,
        today=today,
        on_list_today=on_list,
        in_facility_today=_covering_today(written, today, HistoryKind.ADDICT_LOCATION),
        on_treatment_today=_covering_today(written, today, HistoryKind.TREATMENT),
        registries=registries,
    )


def _plan_person(
    planner: _Planner, people: _People, index: int, written: Sequence[_Planned]
) -> _Planned:
    """Who the next person is and what happens to them (a few are entered twice)."""
    rng = planner.rng
    if index >= 20 and rng.random() < 0.012:
        original = rng.choice(written)
        first = original.life.stays[0].start
        if not original.duplicate and first < planner.today:
            return _Planned(original.who, _duplicate_life(planner, first), duplicate=True)
    who = people.unique_identity()
    life = planner.showcase(index)
    if life is None:
        life = planner.entry()
        planner.follow(life)
    planner.addict_periods(life)
    planner.other_periods(life, people.village_of(who))
    return _Planned(who, life)


def _duplicate_life(planner: _Planner, original_start: date) -> _Life:
    """The same human typed in again by another officer, later removed as a duplicate."""
    start = planner.day_between(original_start + timedelta(days=1), planner.today)
    key = planner.rng.choice((ManagementList.SUSPECTED_USER, ManagementList.SUSPECTED_ADDICT))
    stay = _Stay(key, start, FOUND_BY_REVIEW)
    removed = planner.days_after(start, 7, 60)
    if removed <= planner.today:
        stay.end, stay.end_reason = removed, DUPLICATE
    return _Life([stay])


def _covering_today(written: Sequence[_Planned], today: date, kind: HistoryKind) -> int:
    count = 0
    for planned in written:
        for period in planned.life.periods:
            if period.kind is not kind or not Span(period.start, period.end).covers_end_of(today):
                continue
            if kind is not HistoryKind.ADDICT_LOCATION or (
                period.values["location"] == AddictLocation.FACILITY.value
            ):
                count += 1
    return count


def _number(value: int) -> str:
    """Thousands with ".", as the báo cáo writes them (1.087)."""
    return f"{value:,}".replace(",", ".")


def describe(summary: DemoSummary) -> list[str]:
    """The summary as Vietnamese lines for the command line."""
    lines = [
        f"Đơn vị: {names.OFFICE_NAME}, {summary.sub_areas} {names.SUB_AREA_LABEL}.",
        f"Đối tượng: {_number(summary.persons)}, lịch sử từ {format_day(summary.first_day)} "
        f"đến {format_day(summary.today)}:",
        f"  {_number(summary.stays)} lượt ở diện quản lý, "
        f"{_number(summary.addict_locations)} mục nơi ở của người nghiện, "
        f"{_number(summary.treatments)} đợt điều trị thay thế,",
        f"  {_number(summary.surveillances)} hồ sơ sưu tra, "
        f"{_number(summary.retail_sellers)} lần là đối tượng bán lẻ, "
        f"{_number(summary.custody_stays)} lần vào trại giam hoặc cơ sở giáo dục bắt buộc.",
        f"Số đối tượng đang quản lý đến ngày {format_day(summary.today)}:",
    ]
    lines += [f"  {key.label}: {_number(summary.on_list_today[key])}" for key in ManagementList]
    lines.append(
        f"  (người nghiện trong cơ sở cai nghiện bắt buộc: {_number(summary.in_facility_today)}; "
        f"đang điều trị thay thế: {_number(summary.on_treatment_today)})"
    )
    lines.append(
        "Các sổ khác: "
        + ", ".join(f"{label} {_number(count)}" for label, count in summary.registries.items())
        + "."
    )
    return lines
