"""The demo's cases: two years of criminal cases and administrative violations.

Run after ``generate_demo`` has written the persons and their lists. Criminal cases are
mostly possession and selling (Điều 249, 251), some organising or harbouring use (255,
256); a few are received from the border guard. Their subjects are, where plausible,
persons on the user or addict list of that sub-area on that day; the others are names
known only from the case. Administrative violations are use and small possession, with
fines inside the range the decree in force on that day sets (``LegalRules``).

Everything goes through ``services.cases`` and draws from the one ``rng`` in a fixed
order, so the same seed gives the same cases.
"""

import random
from collections.abc import Sequence
from datetime import date, timedelta

from pcmt_desktop.demo import names
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.case_types import USUAL_ACTS, CaseKind, SeizedItems
from pcmt_desktop.services.cases import CaseInput, SubjectInput
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.office import SubAreaInfo
from pcmt_desktop.services.person_listing import PersonFilter
from pcmt_desktop.services.registry import Services

HISTORY_DAYS = 730
# About one criminal case and 1.3 violations a year for every 30 persons registered:
# the seed's district (a few hundred persons) had 14 cases and 8 violations in 5½ months.
PERSONS_PER_CASE = 15
PERSONS_PER_VIOLATION = 11
MIN_CASES = 6
# (articles, weight): mostly possession and selling, as in the seeds.
CHARGES: tuple[tuple[tuple[str, ...], int], ...] = (
    (("249",), 50),
    (("251",), 22),
    (("249", "251"), 8),
    (("255",), 7),
    (("256",), 7),
    (("250",), 4),
    (("256a",), 2),
)
BORDER_FORCES = ("Bộ đội Biên phòng", "Đồn Biên phòng cửa khẩu")
RECEIVED_SHARE = 0.08
PROSECUTED_SHARE = 0.85
LINKED_SHARE = 0.6
USE_ACT, POSSESSION_ACT = USUAL_ACTS[0], USUAL_ACTS[1]
SUMMARIES = {
    "249": "Phát hiện, bắt quả tang đối tượng tàng trữ trái phép chất ma túy",
    "250": "Bắt giữ đối tượng vận chuyển trái phép chất ma túy",
    "251": "Bắt quả tang đối tượng mua bán trái phép chất ma túy",
    "255": "Phát hiện nhóm đối tượng tổ chức sử dụng trái phép chất ma túy",
    "256": "Phát hiện đối tượng chứa chấp việc sử dụng trái phép chất ma túy",
    "256a": "Phát hiện đối tượng sử dụng trái phép chất ma túy khi đang cai nghiện",
}
PLACES = ("tại nhà riêng", "tại quán nước ven đường", "tại bãi đất trống", "trên đường liên xã")


def _weighted(rng: random.Random, items: Sequence[tuple[tuple[str, ...], int]]) -> tuple[str, ...]:
    return rng.choices([item for item, _ in items], weights=[w for _, w in items])[0]


def _invented_name(rng: random.Random) -> tuple[str, int]:
    family = rng.choices(
        [n for n, _ in names.FAMILY_NAMES], weights=[w for _, w in names.FAMILY_NAMES]
    )[0]
    if rng.random() < 0.9:
        middle = rng.choices(
            [n for n, _ in names.MALE_MIDDLE_NAMES],
            weights=[w for _, w in names.MALE_MIDDLE_NAMES],
        )[0]
        given = rng.choice(names.MALE_GIVEN_NAMES)
    else:
        middle = "Thị"
        given = rng.choice(names.FEMALE_GIVEN_NAMES)
    return f"{family} {middle} {given}", round(rng.triangular(1968, 2006, 1993))


def _grams(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 3)


class _CasePlanner:
    def __init__(self, services: Services, rng: random.Random, today: date) -> None:
        self.services = services
        self.rng = rng
        self.today = today
        self.first = today - timedelta(days=HISTORY_DAYS)
        self.sub_areas: list[SubAreaInfo] = services.office.sub_areas()

    def day(self) -> date:
        return self.first + timedelta(days=self.rng.randrange(HISTORY_DAYS + 1))

    def sub_area(self) -> SubAreaInfo:
        weights = [area.population or 1000 for area in self.sub_areas]
        return self.rng.choices(self.sub_areas, weights=weights)[0]

    def known_users(self, sub_area_id: int, day: date) -> list[int]:
        found: list[int] = []
        for key in (ManagementList.USER, ManagementList.ADDICT):
            found += self.services.listing.ordered_ids(
                PersonFilter(list_key=key.value, sub_area_id=sub_area_id, as_of=day)
            )
        return found

    def subjects(self, count: int, sub_area_id: int, day: date) -> list[SubjectInput]:
        rng = self.rng
        chosen: list[SubjectInput] = []
        pool = self.known_users(sub_area_id, day)
        for _ in range(count):
            if pool and rng.random() < LINKED_SHARE:
                person_id = pool.pop(rng.randrange(len(pool)))
                person = self.services.persons.get(person_id)
                chosen.append(SubjectInput(person.full_name, person.birth_year, person_id))
            elif rng.random() < 0.7:
                chosen.append(SubjectInput(*_invented_name(rng)))
        return chosen

    def criminal(self) -> CaseInput:
        rng = self.rng
        day, area = self.day(), self.sub_area()
        articles = _weighted(rng, CHARGES)
        subjects = rng.choices((1, 2, 3, 4), weights=(60, 25, 10, 5))[0]
        prosecuted = rng.random() < PROSECUTED_SHARE
        drugs = SeizedItems()
        if set(articles) & {"249", "250", "251"}:
            heroin = rng.random() < 0.45
            drugs = SeizedItems(
                heroin_g=_grams(rng, 0.05, 12.0) if heroin else 0.0,
                methamphetamine_g=0.0 if heroin else _grams(rng, 0.05, 8.0),
                pills=rng.choice((0, 0, 0, 5, 10, 20)),
                vehicles=rng.choice((0, 0, 1, 1, 2)),
                phones=rng.randint(0, subjects),
                cash_vnd=rng.choice((0, 0, 500_000, 1_250_000, 3_510_000, 7_000_000)),
            )
        return CaseInput(
            kind=CaseKind.CRIMINAL,
            occurred_on=day,
            sub_area_id=area.id,
            summary=f"{SUMMARIES[articles[-1]]} {rng.choice(PLACES)}",
            subjects=subjects,
            named_subjects=tuple(self.subjects(subjects, area.id, day)),
            articles=articles,
            prosecuted=prosecuted,
            defendants=rng.randint(1, subjects) if prosecuted else 0,
            received_from=rng.choice(BORDER_FORCES) if rng.random() < RECEIVED_SHARE else "",
            seized=drugs,
        )

    def violation(self) -> CaseInput:
        rng = self.rng
        day, area = self.day(), self.sub_area()
        using = rng.random() < 0.75
        low_key, high_key = (
            (RuleKey.FINE_USE_MIN_VND, RuleKey.FINE_USE_MAX_VND)
            if using
            else (RuleKey.FINE_POSSESSION_MIN_VND, RuleKey.FINE_POSSESSION_MAX_VND)
        )
        low = self.services.legal.value(low_key, day)
        high = self.services.legal.value(high_key, day)
        # Fines in steps of 250 000 đồng, inside the decree's range.
        fine = low + 250_000 * rng.randint(0, (high - low) // 250_000)
        seized = (
            SeizedItems()
            if using
            else SeizedItems(
                cannabis_g=_grams(rng, 1.0, 80.0) if rng.random() < 0.4 else 0.0,
                methamphetamine_g=_grams(rng, 0.01, 0.09),
            )
        )
        return CaseInput(
            kind=CaseKind.ADMINISTRATIVE,
            occurred_on=day,
            sub_area_id=area.id,
            subjects=1,
            named_subjects=tuple(self.subjects(1, area.id, day)),
            act=USE_ACT if using else POSSESSION_ACT,
            fine_vnd=fine,
            seized=seized,
        )


def fill_cases(services: Services, rng: random.Random, today: date) -> int:
    """Write two years of cases and violations; returns how many were written."""
    planner = _CasePlanner(services, rng, today)
    persons = services.persons.count()
    criminal = max(MIN_CASES, persons // PERSONS_PER_CASE)
    violations = max(MIN_CASES, persons // PERSONS_PER_VIOLATION)
    plans = [planner.criminal() for _ in range(criminal)]
    plans += [planner.violation() for _ in range(violations)]
    for data in sorted(plans, key=lambda plan: plan.occurred_on):
        services.cases.add(data)
    return len(plans)
