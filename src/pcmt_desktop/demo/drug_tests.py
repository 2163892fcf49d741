"""The demo's drug tests: two years of tests that agree with the persons' histories.

Run after ``generate_demo`` has written the persons and their lists. Every stay that
began with "Test dương tính" gets its positive test on its first day; persons on a list
are tested now and then (and more during the yearly campaign, 15/10–10/11, as in the
seeds), positive at a rate that depends on the list they are on that day; a suspect is
never found positive without the move that follows, so the suspects confirmed now are
tested positive and moved through ``move_after_positive``, as an officer would.
Persons held in a facility or in custody are not tested while away.

Everything goes through the services and draws from the one ``rng``, in person order,
so the same seed gives the same tests.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import AddictLocation, ManagementList
from pcmt_desktop.services.drug_tests import DEFAULT_METHOD, POSITIVE_START_REASON, DrugTestInput
from pcmt_desktop.services.histories import HistoryEntry
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.registry import Services

HISTORY_DAYS = 730
YOUNGEST_TESTED_AGE = 14
# Share of the persons on lists that the office tests now and then, and how often.
ROUTINE_SHARE = 0.4
ROUTINE_GAP_DAYS = (75, 200)
# During a campaign most persons on a list are summoned; a few others too.
CAMPAIGN = ((10, 15), (11, 10))
CAMPAIGN_SHARE_ON_LIST = 0.55
CAMPAIGN_SHARE_OTHERS = 0.04
# Suspects still running who are found positive now and moved to users; those found
# in the last weeks are left for the officer to summon (the demo's campaign finds many).
CONFIRM_SHARE = 0.3
CONFIRM_AFTER_DAYS = 14
CONFIRM_ONLY_ON_LIST_FOR_DAYS = 45
# How often a test is positive, by the list the person is on that day. Suspects are
# never positive by chance: that result would call for a move (see above).
POSITIVE_SHARE = {
    ManagementList.USER: 0.4,
    ManagementList.ADDICT: 0.5,
    ManagementList.POST_REHAB: 0.1,
}
SUBSTANCE_WEIGHTS: tuple[tuple[Substance, int], ...] = (
    (Substance.METHAMPHETAMINE, 55),
    (Substance.HEROIN, 25),
    (Substance.CANNABIS, 7),
    (Substance.MDMA, 8),
    (Substance.KETAMINE, 5),
)
OTHER_METHODS: tuple[str, ...] = ("Test nhanh nước bọt",)
# Invented officers of the invented office (none from shared/seeds).
OFFICERS: tuple[str, ...] = (
    "Thượng úy Khổng Minh Trí",
    "Trung úy Lò Văn Thuận",
    "Đại úy Đàm Quốc Vinh",
    "Thiếu úy Mai Xuân Tùng",
    "Trung úy Vi Văn Hậu",
    "Thượng úy Cù Thị Ngân",
)
FOLLOW_UP_CONFIRMED = "Chuyển diện quản lý"
FOLLOW_UPS_ON_POSITIVE: dict[ManagementList, tuple[str, ...]] = {
    ManagementList.USER: ("Xử phạt vi phạm hành chính", "Tiếp tục theo dõi"),
    ManagementList.ADDICT: ("Lập hồ sơ đưa đi cai nghiện bắt buộc", "Tiếp tục theo dõi"),
    ManagementList.POST_REHAB: ("Xác định tình trạng nghiện", "Tiếp tục theo dõi"),
}


@dataclass(frozen=True)
class _Planned:
    day: date
    found: frozenset[Substance]
    follow_up: str = ""
    confirms: bool = False  # the positive test that moves a suspect to users


class _PersonPlan:
    """The tests of one person, planned from their history (pure; no writes)."""

    def __init__(
        self, rng: random.Random, first: date, today: date, stays: Sequence[HistoryEntry]
    ) -> None:
        self.rng = rng
        self.first = first
        self.today = today
        self.stays = stays
        self.away: list[Span] = []
        self.tests: dict[date, _Planned] = {}

    def list_on(self, day: date) -> ManagementList | None:
        for stay in self.stays:
            if Span(stay.start, stay.end).covers_end_of(day):
                return ManagementList(stay.values["list_key"])
        return None

    def is_away(self, day: date) -> bool:
        return any(span.covers_end_of(day) for span in self.away)

    def found(self) -> frozenset[Substance]:
        items = [item for item, _ in SUBSTANCE_WEIGHTS]
        weights = [weight for _, weight in SUBSTANCE_WEIGHTS]
        first = self.rng.choices(items, weights)[0]
        if self.rng.random() < 0.15:
            return frozenset({first, self.rng.choices(items, weights)[0]})
        return frozenset({first})

    def add(self, test: _Planned) -> None:
        # One test a day at most; a planned positive wins over a routine one.
        if test.day not in self.tests or test.confirms:
            self.tests[test.day] = test

    def routine(self, day: date) -> None:
        if day < self.first or day > self.today or self.is_away(day) or day in self.tests:
            return
        on = self.list_on(day)
        share = POSITIVE_SHARE.get(on, 0.0) if on is not None else 0.0
        if self.rng.random() < share:
            assert on is not None
            self.add(_Planned(day, self.found(), self.rng.choice(FOLLOW_UPS_ON_POSITIVE[on])))
        else:
            self.add(_Planned(day, frozenset()))

    def plan(self, campaigns: Sequence[tuple[date, date]]) -> list[_Planned]:
        rng = self.rng
        for stay in self.stays:
            started_positive = (
                stay.values["list_key"] == ManagementList.USER.value
                and stay.values["start_reason"] == POSITIVE_START_REASON
            )
            if started_positive and self.first <= stay.start <= self.today:
                self.add(_Planned(stay.start, self.found(), FOLLOW_UP_CONFIRMED))
        confirm_day = self._confirm_day()
        if self.stays and rng.random() < ROUTINE_SHARE:
            for stay in self.stays:
                day = max(stay.start, self.first) + timedelta(days=rng.randint(0, 60))
                last = min(stay.end - timedelta(days=1) if stay.end else self.today, self.today)
                if confirm_day is not None and stay is self.stays[-1]:
                    last = min(last, confirm_day - timedelta(days=1))
                while day <= last:
                    self.routine(day)
                    day += timedelta(days=rng.randint(*ROUTINE_GAP_DAYS))
        for start, end in campaigns:
            on_list = any(self.list_on(start + timedelta(days=d)) for d in (0, (end - start).days))
            share = CAMPAIGN_SHARE_ON_LIST if on_list else CAMPAIGN_SHARE_OTHERS
            if rng.random() < share:
                day = start + timedelta(days=rng.randint(0, (end - start).days))
                if confirm_day is None or day < confirm_day:
                    self.routine(day)
        if confirm_day is not None:
            self.add(_Planned(confirm_day, self.found(), FOLLOW_UP_CONFIRMED, confirms=True))
        return [self.tests[day] for day in sorted(self.tests)]

    def _confirm_day(self) -> date | None:
        """A day to find the running suspect positive, or None (drawn once per person)."""
        if not self.stays or self.stays[-1].end is not None:
            return None
        running = self.stays[-1]
        if running.values["list_key"] != ManagementList.SUSPECTED_USER.value:
            return None
        if (self.today - running.start).days < CONFIRM_ONLY_ON_LIST_FOR_DAYS:
            return None
        if self.rng.random() >= CONFIRM_SHARE:
            return None
        earliest = max(running.start + timedelta(days=CONFIRM_AFTER_DAYS), self.first)
        if earliest > self.today:
            return None
        day = earliest + timedelta(days=self.rng.randint(0, (self.today - earliest).days))
        return None if self.is_away(day) else day


def _campaigns(first: date, today: date) -> list[tuple[date, date]]:
    (start_month, start_day), (end_month, end_day) = CAMPAIGN
    windows = []
    for year in range(first.year, today.year + 1):
        start, end = date(year, start_month, start_day), date(year, end_month, end_day)
        if start >= first and end <= today:
            windows.append((start, end))
    return windows


def _away_spans(services: Services, person_id: int) -> list[Span]:
    histories = services.histories
    spans = [
        Span(entry.start, entry.end)
        for entry in histories.entries(person_id, HistoryKind.ADDICT_LOCATION)
        if entry.values["location"] == AddictLocation.FACILITY.value
    ]
    spans += [Span(e.start, e.end) for e in histories.entries(person_id, HistoryKind.CUSTODY)]
    return spans


def fill_drug_tests(services: Services, rng: random.Random, today: date) -> int:
    """Write the demo's drug tests for the persons already in the database.

    Returns how many tests were written.
    """
    first = today - timedelta(days=HISTORY_DAYS)
    campaigns = _campaigns(first, today)
    made = 0
    for person_id in sorted(services.listing.ordered_ids(PersonFilter())):
        person = services.persons.get(person_id)
        earliest = first
        if person.birth_year is not None:
            earliest = max(first, date(person.birth_year + YOUNGEST_TESTED_AGE, 1, 1))
        stays = services.histories.entries(person_id, HistoryKind.LIST)
        plan = _PersonPlan(rng, earliest, today, stays)
        plan.away = _away_spans(services, person_id)
        for test in plan.plan(campaigns):
            method = DEFAULT_METHOD if rng.random() < 0.95 else rng.choice(OTHER_METHODS)
            record = services.drug_tests.add(
                DrugTestInput(
                    person_id=person_id,
                    test_date=test.day,
                    summoned_by=rng.choice(OFFICERS),
                    method=method,
                    substances=test.found,
                    follow_up=test.follow_up,
                )
            )
            made += 1
            if test.confirms:
                services.drug_tests.move_after_positive(record.id)
    return made
