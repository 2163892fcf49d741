"""Seed 001: a district's campaign-phase report (báo cáo sơ kết giai đoạn 1 của đợt cao điểm).

The seed's title gives the phase as 15/10/2024 – 10/11/2024, but its counts are "tính đến
ngày 12/11/2024" (part 2, section II): the scenario's period ends on 12/11/2024, the day
the numbers were taken.

Each table below is one part of the seed, spread over invented sub-areas; the totals of
every column are the seed's numbers (the per-sub-area split is ours, the seed gives only
a few of them). ``build`` replays the tables through the services, with dates inside and
around the period so that the figures must take "before", "in the period" and "at the
end" exactly: stays that end the day before the period or start the day after it, tests
on those two days, a surveillance file closed in the period, a hotspot cleared before it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import (
    AddictLocation,
    ManagementList,
    SurveillanceCategory,
    SurveillanceClass,
)
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.target_progress import Measure
from pcmt_desktop.services.targets import PhaseInput
from tests.reports.seed_scenarios.builder import Scenario, Surveillance, spread
from tests.reports.seed_scenarios.names import COMMUNES, TOWN

DATE_FROM = date(2024, 10, 15)
DATE_TO = date(2024, 11, 12)  # "tính đến ngày 12/11/2024", not the title's 10/11
DAY_BEFORE = DATE_FROM - timedelta(days=1)
DAY_AFTER = DATE_TO + timedelta(days=1)

# Reasons as an officer records them (vocabulary.START_REASONS / END_REASONS).
FOUND_BY_REVIEW = "Rà soát phát hiện mới"
FOUND_ADDICTED = "Xác định tình trạng nghiện"
ON_METHADONE = "Điều trị thay thế (methadone)"
BACK_FROM_FACILITY = "Trở về từ cơ sở cai nghiện"
TERM_OVER = "Hết thời gian quản lý"
DUPLICATE = "Trùng danh sách"
LEFT = "Đi khỏi địa phương"
JAILED = "Bị bắt, chấp hành án"
# Seed: "Bổ sung 06 (chuyển từ danh sách nghi sử dụng sang)" — kept as the recorded text;
# see test_seed_001 for why these six cannot be real moves off the suspected-user list.
FROM_SUSPECTED_USERS = "Chuyển từ danh sách nghi sử dụng"

SUB_AREAS: tuple[str, ...] = (TOWN, *COMMUNES[:17])  # 17 communes and the town, as the seed
POPULATION = 8_000

# --- the lists (seed part 2, II.1–II.5) -------------------------------------------------------
# sub-area: (before, added by review, moved to su_dung after a positive test, left the locality)
SUSPECTED_USERS: dict[str, tuple[int, int, int, int]] = {
    TOWN: (45, 40, 6, 30),
    "Xã Đồng Mai": (60, 50, 9, 38),
    "Xã Hòa Tiến": (35, 30, 5, 20),
    "Xã Sơn Phú": (30, 25, 3, 15),
    "Xã Sơn Tiến": (28, 24, 3, 15),
    "Xã Hòa Phong": (25, 22, 2, 14),
    "Xã Hòa Mỹ": (25, 22, 2, 14),
    "Xã Phú Điền": (22, 20, 2, 12),
    "Xã Tân Hưng": (22, 20, 1, 12),
    "Xã Đông Phước": (20, 18, 2, 11),
    "Xã Tây Giang": (20, 18, 1, 11),
    "Xã Yên Phúc": (18, 15, 0, 10),
    "Xã Vĩnh Hảo": (15, 12, 0, 8),
    "Xã Minh Đức": (15, 22, 1, 4),
    "Xã Đại An": (12, 18, 1, 6),
    "Xã Hương Trà": (20, 16, 0, 10),
    "Xã Bắc Lý": (18, 12, 1, 8),
    "Xã Nam Khê": (20, 10, 2, 0),
}  # totals: 450, 394, 41, 238 -> 565

# sub-area: (before, of them ended in the phase because their management term ran out)
# The 41 added are the suspected users moved above.
USERS: dict[str, tuple[int, int]] = {
    TOWN: (3, 2),
    "Xã Đồng Mai": (3, 2),
    "Xã Hòa Tiến": (2, 2),
    "Xã Sơn Phú": (2, 2),
    "Xã Sơn Tiến": (1, 1),
    "Xã Hòa Phong": (1, 1),
    "Xã Hòa Mỹ": (1, 1),
    "Xã Phú Điền": (1, 1),
    "Xã Tân Hưng": (1, 0),
    "Xã Đông Phước": (1, 1),
    "Xã Tây Giang": (1, 0),
}  # totals: 17 before, 13 removed; 17 + 41 - 13 = 45

# sub-area: (before — each one a user entered a second time, removed as a duplicate —, added)
SUSPECTED_ADDICTS: dict[str, tuple[int, int]] = {
    TOWN: (2, 0),
    "Xã Đồng Mai": (2, 0),
    "Xã Hòa Tiến": (1, 2),
    "Xã Sơn Phú": (1, 1),
    "Xã Sơn Tiến": (1, 0),
    "Xã Hòa Phong": (0, 1),
    "Xã Đông Phước": (0, 1),
    "Xã Nam Khê": (0, 1),
}  # totals: 7 before, 6 added, 7 removed -> 6

# sub-area: (in the community before, in a CNBB facility before, new on methadone, newly found)
ADDICTS: dict[str, tuple[int, int, int, int]] = {
    TOWN: (8, 5, 3, 0),
    "Xã Đồng Mai": (10, 6, 4, 1),
    "Xã Hòa Tiến": (6, 4, 2, 0),
    "Xã Sơn Phú": (5, 3, 2, 0),
    "Xã Sơn Tiến": (4, 2, 2, 0),
    "Xã Hòa Phong": (3, 2, 1, 0),
    "Xã Hòa Mỹ": (3, 2, 1, 0),
    "Xã Phú Điền": (3, 2, 1, 0),
    "Xã Tân Hưng": (3, 2, 1, 0),
    "Xã Đông Phước": (2, 1, 1, 0),
    "Xã Tây Giang": (2, 1, 1, 0),
    "Xã Yên Phúc": (1, 1, 1, 0),
    "Xã Vĩnh Hảo": (1, 1, 1, 0),
    "Xã Minh Đức": (1, 1, 0, 0),
    "Xã Đại An": (1, 1, 1, 0),
    "Xã Hương Trà": (1, 0, 0, 0),
    "Xã Bắc Lý": (1, 1, 0, 0),
    "Xã Nam Khê": (1, 0, 0, 0),
}  # totals: 56 + 35 = 91 before; 22 + 1 added; 79 + 35 = 114 after

# Community addicts NOT on methadone before the phase (the other 52 are: seed II.6); each
# gets a CNBB dossier in the phase, and so does the newly found addict (5 in all, II.9).
UNTREATED_ADDICTS: dict[str, int] = {
    "Xã Đồng Mai": 1,
    "Xã Hòa Tiến": 1,
    "Xã Sơn Phú": 1,
    "Xã Tân Hưng": 1,
}

# sub-area: (before, of them ended in the phase because their term ran out)
POST_REHAB: dict[str, tuple[int, int]] = {
    TOWN: (2, 1),
    "Xã Đồng Mai": (2, 1),
    "Xã Hòa Tiến": (2, 1),
    "Xã Sơn Phú": (1, 1),
    "Xã Phú Điền": (1, 0),
    "Xã Tân Hưng": (1, 0),
    "Xã Yên Phúc": (1, 0),
    "Xã Vĩnh Hảo": (1, 0),
    "Xã Minh Đức": (1, 0),
}  # totals: 12 before, 4 removed -> 8

# Persons with a past of drug use held in prison (II.7: "08"): one sub-area 01, another 07.
CUSTODY: dict[str, int] = {"Xã Sơn Phú": 1, "Xã Tân Hưng": 7}

# --- tests (part 2, IV) ---------------------------------------------------------------------
# sub-area: (persons tested, persons positive). The positives are the suspected users moved
# to su_dung (SUSPECTED_USERS) and, for the rest, addicts in the community.
TESTS: dict[str, tuple[int, int]] = {
    TOWN: (30, 8),
    "Xã Đồng Mai": (40, 12),
    "Xã Hòa Tiến": (25, 6),
    "Xã Sơn Phú": (20, 4),
    "Xã Sơn Tiến": (18, 3),
    "Xã Hòa Phong": (16, 3),
    "Xã Hòa Mỹ": (15, 3),
    "Xã Phú Điền": (14, 2),
    "Xã Tân Hưng": (14, 2),
    "Xã Đông Phước": (12, 2),
    "Xã Tây Giang": (12, 2),
    # The seven sub-areas the seed names for their low rates: 0%, 0%, 3%, 4,2%, 5,6%,
    # 5,9%, 9,1% (part 3, "Tồn tại").
    "Xã Yên Phúc": (12, 0),
    "Xã Vĩnh Hảo": (9, 0),
    "Xã Minh Đức": (33, 1),
    "Xã Đại An": (24, 1),
    "Xã Hương Trà": (18, 1),
    "Xã Bắc Lý": (17, 1),
    "Xã Nam Khê": (22, 2),
}  # totals: 351 tested, 53 positive (15,1%)
LOW_RATES: dict[str, float] = {
    "Xã Yên Phúc": 0.0,
    "Xã Vĩnh Hảo": 0.0,
    "Xã Minh Đức": 3.0,
    "Xã Đại An": 4.2,
    "Xã Hương Trà": 5.6,
    "Xã Bắc Lý": 5.9,
    "Xã Nam Khê": 9.1,
}

# --- surveillance (part 2, II.10) -------------------------------------------------------------
DM1, DM2, DM3 = SurveillanceCategory.DM1, SurveillanceCategory.DM2, SurveillanceCategory.DM3
A, B = SurveillanceClass.A, SurveillanceClass.B


def _kinds(*groups: tuple[int, Surveillance]) -> list[Surveillance]:
    return [kind for count, kind in groups for _ in range(count)]


# Per list: the open files at the end by sub-area, and their categories and classes in
# the seed's proportions (handed out in order).
SURVEILLANCE: dict[ManagementList, tuple[dict[str, int], list[Surveillance]]] = {
    ManagementList.ADDICT: (  # 14: 10 DM1, 04 DM3; A 08, B 06
        {
            "Xã Đồng Mai": 4,
            TOWN: 2,
            "Xã Hòa Tiến": 2,
            "Xã Sơn Phú": 1,
            "Xã Sơn Tiến": 1,
            "Xã Hòa Phong": 1,
            "Xã Hòa Mỹ": 1,
            "Xã Phú Điền": 1,
            "Xã Tân Hưng": 1,
        },
        _kinds((8, (DM1, A)), (2, (DM1, B)), (4, (DM3, B))),
    ),
    ManagementList.USER: (  # 09: 03 DM1, 01 DM2, 05 DM3; A 02, B 07
        {
            "Xã Đồng Mai": 2,
            TOWN: 1,
            "Xã Hòa Tiến": 1,
            "Xã Sơn Phú": 1,
            "Xã Sơn Tiến": 1,
            "Xã Hòa Phong": 1,
            "Xã Hòa Mỹ": 1,
            "Xã Nam Khê": 1,
        },
        _kinds((2, (DM1, A)), (1, (DM1, B)), (1, (DM2, B)), (5, (DM3, B))),
    ),
    ManagementList.POST_REHAB: (  # 02: 01 DM1, 01 DM2; A 02
        {"Xã Hòa Tiến": 1, "Xã Yên Phúc": 1},
        _kinds((1, (DM1, A)), (1, (DM2, A))),
    ),
    ManagementList.SUSPECTED_ADDICT: (  # 03: 01 DM1, 02 DM3; A 0, B 03
        {"Xã Hòa Tiến": 1, "Xã Sơn Phú": 1, "Xã Hòa Phong": 1},
        _kinds((1, (DM1, B)), (2, (DM3, B))),
    ),
    ManagementList.SUSPECTED_USER: (  # 54 (47 older + the 07 opened in the phase below)
        {
            TOWN: 5,
            "Xã Đồng Mai": 8,
            "Xã Hòa Tiến": 5,
            "Xã Sơn Phú": 4,
            "Xã Sơn Tiến": 3,
            "Xã Hòa Phong": 3,
            "Xã Hòa Mỹ": 3,
            "Xã Phú Điền": 2,
            "Xã Tân Hưng": 2,
            "Xã Đông Phước": 2,
            "Xã Tây Giang": 2,
            "Xã Yên Phúc": 1,
            "Xã Vĩnh Hảo": 1,
            "Xã Minh Đức": 1,
            "Xã Đại An": 1,
            "Xã Hương Trà": 1,
            "Xã Bắc Lý": 1,
            "Xã Nam Khê": 2,
        },
        # 28 DM1, 03 DM2, 23 DM3; A 26, B 28 — less the 07 openings (DM3, B).
        _kinds((26, (DM1, A)), (2, (DM1, B)), (3, (DM2, B)), (16, (DM3, B))),
    ),
}
# Opened in the phase: 07, all DM3 and class B, on suspected users.
SURVEILLANCE_OPENINGS: dict[str, int] = {
    "Xã Sơn Tiến": 1,
    "Xã Hòa Phong": 2,
    TOWN: 1,
    "Xã Đồng Mai": 1,
    "Xã Hòa Tiến": 2,
}

# --- hotspots and sellers (part 2, II.11) -----------------------------------------------------
HOTSPOTS_ENTERED = date(2024, 11, 8)
FIGHT_MONTHS = 3
COMPLEX_IN_BUSINESS = ("Karaoke Ánh Sao", "Xã Đồng Mai", "Thôn Đông")
COMPLEX_OUTSIDE = ("Nhà ông Đinh Văn Tài", TOWN, "Tổ dân phố 3")
# Thirteen risk points, all in businesses with security conditions; none outside.
RISK_POINTS: tuple[tuple[str, str], ...] = (
    ("Karaoke Hoa Sen", "Xã Hòa Tiến"),
    ("Nhà nghỉ Bình Minh", "Xã Hòa Tiến"),
    ("Karaoke Sao Mai", TOWN),
    ("Quán bar Hoàng Hôn", TOWN),
    ("Karaoke Thiên Đường", "Xã Đồng Mai"),
    ("Nhà nghỉ Phú Quý", "Xã Sơn Phú"),
    ("Karaoke Ngọc Lan", "Xã Sơn Tiến"),
    ("Nhà nghỉ Hương Quê", "Xã Hòa Phong"),
    ("Karaoke Sông Xanh", "Xã Hòa Mỹ"),
    ("Karaoke Tuổi Xanh", "Xã Phú Điền"),
    ("Nhà nghỉ An Khang", "Xã Tân Hưng"),
    ("Karaoke Bốn Mùa", "Xã Đông Phước"),
    ("Karaoke Hạnh Phúc", "Xã Tây Giang"),
)
# A risk point cleared months before the phase: not counted at its end.
CLEARED_RISK_POINT = ("Quán cà phê Gió Chiều", "Xã Sơn Phú", date(2024, 2, 1), date(2024, 8, 15))
# Nine retail sellers: (sub-area, birth year when known, female); the first sells from the
# karaoke above. One more seller stopped before the phase and is not counted.
SELLERS: tuple[tuple[str, int | None, bool], ...] = (
    ("Xã Đồng Mai", 1994, True),
    (TOWN, 1987, False),
    (TOWN, 1979, False),
    ("Xã Hòa Tiến", None, False),
    ("Xã Hòa Tiến", None, False),
    ("Xã Hòa Tiến", None, True),
    ("Xã Hòa Tiến", None, False),
    ("Xã Sơn Phú", 1983, False),
    ("Xã Sơn Phú", None, True),
)

# --- targets of the next phase (part 4, 2.2: giai đoạn 2) -------------------------------------
TESTS_PER_DAY, DOSSIERS = Measure.TESTS_PER_DAY, Measure.DOSSIERS
OPENINGS, CASES = Measure.SURVEILLANCE_OPENINGS, Measure.CASES


@dataclass(frozen=True)
class TargetPhase:
    name: str
    start: date
    end: date
    targets: Mapping[Measure, Mapping[str, int]]


TARGET_PHASES: tuple[TargetPhase, ...] = (
    TargetPhase(
        "Giai đoạn 2, tuần thứ nhất",
        date(2024, 11, 15),
        date(2024, 11, 21),
        {
            TESTS_PER_DAY: {
                "Xã Đồng Mai": 6,
                "Xã Hòa Tiến": 4,
                TOWN: 3,
                "Xã Sơn Phú": 2,
                "Xã Sơn Tiến": 2,
                "Xã Hòa Phong": 2,
                "Xã Hòa Mỹ": 2,
                "Xã Phú Điền": 1,
                "Xã Tân Hưng": 1,
                "Xã Đông Phước": 1,
                "Xã Tây Giang": 1,
                "Xã Yên Phúc": 1,
            },
            DOSSIERS: {"Xã Sơn Phú": 1, "Xã Phú Điền": 1, "Xã Hòa Tiến": 2, "Xã Đồng Mai": 1},
            OPENINGS: {"Xã Sơn Phú": 1, TOWN: 1, "Xã Đồng Mai": 2},
            CASES: {"Xã Sơn Phú": 1, "Xã Hòa Tiến": 1, TOWN: 1, "Xã Đồng Mai": 1},
        },
    ),
    TargetPhase(
        "Giai đoạn 2, tuần thứ hai",
        date(2024, 11, 22),
        date(2024, 11, 28),
        {
            TESTS_PER_DAY: {
                "Xã Đồng Mai": 6,
                "Xã Hòa Tiến": 4,
                "Xã Sơn Phú": 2,
                "Xã Sơn Tiến": 2,
                "Xã Hòa Phong": 2,
                "Xã Hòa Mỹ": 2,
                "Xã Phú Điền": 1,
                "Xã Tân Hưng": 1,
            },
            DOSSIERS: {"Xã Sơn Phú": 1, "Xã Đồng Mai": 1},
            OPENINGS: {
                "Xã Sơn Phú": 1,
                "Xã Sơn Tiến": 1,
                "Xã Hòa Phong": 1,
                "Xã Hòa Tiến": 1,
                "Xã Tây Giang": 1,
                "Xã Đông Phước": 1,
                "Xã Yên Phúc": 1,
                "Xã Đồng Mai": 2,
            },
            CASES: {"Xã Sơn Phú": 1, "Xã Hòa Tiến": 1, "Xã Đồng Mai": 1},
        },
    ),
    TargetPhase(
        "Giai đoạn 2, các tuần tiếp theo",
        date(2024, 11, 29),
        date(2024, 12, 14),
        {
            TESTS_PER_DAY: {
                "Xã Đồng Mai": 6,
                "Xã Hòa Tiến": 4,
                "Xã Sơn Phú": 2,
                "Xã Sơn Tiến": 2,
                "Xã Hòa Phong": 2,
                "Xã Phú Điền": 1,
                "Xã Tân Hưng": 1,
                "Xã Hòa Mỹ": 1,
            },
            DOSSIERS: {"Xã Sơn Phú": 1},
            OPENINGS: {"Xã Sơn Phú": 1},
            CASES: {"Xã Sơn Phú": 1, "Xã Hòa Tiến": 1, "Xã Đồng Mai": 1},
        },
    ),
)


@dataclass
class Built:
    """What the scenario made that the tests name: the persons and places the report lists."""

    dossier_persons: list[str] = field(default_factory=list)
    sellers: list[str] = field(default_factory=list)
    complex_points: list[str] = field(default_factory=list)


@dataclass
class _SubAreaPeople:
    """Person ids of one sub-area by the part they play."""

    movers: list[int] = field(default_factory=list)
    leavers: list[int] = field(default_factory=list)
    staying_suspects: list[int] = field(default_factory=list)  # before the phase and still on
    new_suspects: list[int] = field(default_factory=list)
    users: list[tuple[int, str, int | None]] = field(default_factory=list)  # id, name, year
    community_addicts: list[int] = field(default_factory=list)
    untreated_addicts: list[int] = field(default_factory=list)
    new_suspected_addicts: list[int] = field(default_factory=list)
    staying_post_rehab: list[int] = field(default_factory=list)


def build(scenario: Scenario) -> Built:
    """Put the seed's situation into the scenario database; returns what the report names."""
    people = {name: _SubAreaPeople() for name in SUB_AREAS}
    built = Built()
    _suspected_users(scenario, people)
    _users(scenario, people)
    _suspected_addicts(scenario, people)
    _addicts(scenario, people, built)
    _post_rehab(scenario, people)
    _custody(scenario)
    _tests(scenario, people)
    _surveillance(scenario, people)
    _hotspots(scenario, built)
    _targets(scenario)
    return built


def _suspected_users(scenario: Scenario, people: Mapping[str, _SubAreaPeople]) -> None:
    total_before = sum(row[0] for row in SUSPECTED_USERS.values())
    total_left = sum(row[3] for row in SUSPECTED_USERS.values())
    total_added = sum(row[1] for row in SUSPECTED_USERS.values())
    # The last stay starts the day before the phase (in "before"), the first leaver leaves
    # on its first day and the last one on its last day (both "removed").
    starts = iter(spread(date(2024, 3, 1), DAY_BEFORE, total_before))
    leaving = iter(spread(DATE_FROM, DATE_TO, total_left))
    added = iter(spread(DATE_FROM, date(2024, 10, 31), total_added))
    for sub_area, (before, new, moved, left) in SUSPECTED_USERS.items():
        group = people[sub_area]
        for index in range(before):
            person = scenario.person(sub_area, 1985 + index % 15)
            stay = scenario.stay(
                person, ManagementList.SUSPECTED_USER, next(starts), FOUND_BY_REVIEW
            )
            if index < moved:
                group.movers.append(person)  # moved by their positive test, see _tests
            elif index < moved + left:
                scenario.end_stay(stay, next(leaving), LEFT)
                group.leavers.append(person)
            else:
                group.staying_suspects.append(person)
        for index in range(new):
            person = scenario.person(sub_area, 1990 + index % 12)
            scenario.stay(person, ManagementList.SUSPECTED_USER, next(added), FOUND_BY_REVIEW)
            group.new_suspects.append(person)
    # Outside the phase: off the list the day before it, and on it the day after.
    early = scenario.person(TOWN, 1992)
    scenario.stay(
        early,
        ManagementList.SUSPECTED_USER,
        date(2024, 5, 2),
        FOUND_BY_REVIEW,
        end=DAY_BEFORE,
        end_reason=LEFT,
    )
    late = scenario.person(TOWN, 1993)
    scenario.stay(late, ManagementList.SUSPECTED_USER, DAY_AFTER, FOUND_BY_REVIEW)


def _users(scenario: Scenario, people: Mapping[str, _SubAreaPeople]) -> None:
    """Users before the phase; those whose year is over leave the list in it."""
    total_over = sum(over for _, over in USERS.values())
    ends = iter(spread(date(2024, 10, 16), date(2024, 11, 11), total_over))
    for sub_area, (before, over) in USERS.items():
        for index in range(before):
            year = 1988 + index
            person = scenario.person(sub_area, year)
            if index < over:
                end = next(ends)
                scenario.stay(
                    person,
                    ManagementList.USER,
                    add_months(end, -12),
                    "Test dương tính",
                    end=end,
                    end_reason=TERM_OVER,
                )
            else:
                scenario.stay(person, ManagementList.USER, date(2024, 4, 10), "Test dương tính")
            people[sub_area].users.append((person, scenario.full_name(person), year))


def _suspected_addicts(scenario: Scenario, people: Mapping[str, _SubAreaPeople]) -> None:
    """The seven before are users typed in a second time (same name, year and sub-area)."""
    total_before = sum(before for before, _ in SUSPECTED_ADDICTS.values())
    removals = iter(spread(date(2024, 10, 21), date(2024, 11, 4), total_before))
    additions = iter(spread(date(2024, 10, 20), date(2024, 11, 10), 6))
    for sub_area, (before, added) in SUSPECTED_ADDICTS.items():
        for _person, name, year in people[sub_area].users[:before]:
            twin = scenario.person(sub_area, year, full_name=name)
            stay = scenario.stay(
                twin, ManagementList.SUSPECTED_ADDICT, date(2024, 8, 5), FOUND_BY_REVIEW
            )
            scenario.end_stay(stay, next(removals), DUPLICATE)
        for _ in range(added):
            person = scenario.person(sub_area, 1996)
            scenario.stay(
                person, ManagementList.SUSPECTED_ADDICT, next(additions), FROM_SUSPECTED_USERS
            )
            people[sub_area].new_suspected_addicts.append(person)


def _addicts(scenario: Scenario, people: Mapping[str, _SubAreaPeople], built: Built) -> None:
    total_new = sum(row[2] for row in ADDICTS.values())
    new_days = iter(spread(date(2024, 10, 18), date(2024, 11, 10), total_new))
    dossier_days = iter(spread(date(2024, 10, 28), date(2024, 11, 8), 5))
    for sub_area, (community, facility, on_methadone, found) in ADDICTS.items():
        group = people[sub_area]
        untreated = UNTREATED_ADDICTS.get(sub_area, 0)
        for index in range(community):
            start = date(2022 + index % 2, 1 + index % 12, 10)
            person = scenario.person(sub_area, 1975 + index)
            scenario.stay(person, ManagementList.ADDICT, start, FOUND_ADDICTED)
            scenario.located(person, AddictLocation.COMMUNITY, start)
            if index < untreated:
                group.untreated_addicts.append(person)
            else:
                scenario.treated(person, start)
            group.community_addicts.append(person)
        for index in range(facility):
            start = date(2022, 3 + index % 9, 1)
            entered = date(2024, 1 + index % 9, 15)
            person = scenario.person(sub_area, 1980 + index)
            scenario.stay(person, ManagementList.ADDICT, start, FOUND_ADDICTED)
            scenario.located(person, AddictLocation.COMMUNITY, start, entered)
            scenario.located(person, AddictLocation.FACILITY, entered)
        for _ in range(on_methadone):
            day = next(new_days)
            person = scenario.person(sub_area, 1983)
            scenario.stay(person, ManagementList.ADDICT, day, ON_METHADONE)
            scenario.located(person, AddictLocation.COMMUNITY, day)
            scenario.treated(person, day)
            group.community_addicts.append(person)
        for _ in range(found):
            # Found addicted in the phase; starts methadone three days later (the 23rd start).
            day = date(2024, 10, 22)
            person = scenario.person(sub_area, 1991)
            scenario.stay(person, ManagementList.ADDICT, day, FOUND_ADDICTED)
            scenario.located(person, AddictLocation.COMMUNITY, day)
            scenario.treated(person, day + timedelta(days=3))
            group.community_addicts.append(person)
            group.untreated_addicts.append(person)
        for person in group.untreated_addicts:
            created = next(dossier_days)
            scenario.services.dossiers.open_dossier(person, created - timedelta(days=3), created)
            built.dossier_persons.append(scenario.full_name(person))


def _post_rehab(scenario: Scenario, people: Mapping[str, _SubAreaPeople]) -> None:
    total_over = sum(over for _, over in POST_REHAB.values())
    ends = iter(spread(date(2024, 10, 17), date(2024, 11, 9), total_over))
    for sub_area, (before, over) in POST_REHAB.items():
        for index in range(before):
            person = scenario.person(sub_area, 1978 + index)
            if index < over:
                end = next(ends)
                scenario.stay(
                    person,
                    ManagementList.POST_REHAB,
                    add_months(end, -12),
                    BACK_FROM_FACILITY,
                    end=end,
                    end_reason=TERM_OVER,
                )
            else:
                scenario.stay(
                    person, ManagementList.POST_REHAB, date(2024, 2, 20), BACK_FROM_FACILITY
                )
                people[sub_area].staying_post_rehab.append(person)


def _custody(scenario: Scenario) -> None:
    """Former users jailed last year: off the lists, in prison through the whole phase."""
    for sub_area, count in CUSTODY.items():
        for _ in range(count):
            person = scenario.person(sub_area, 1986)
            jailed = date(2023, 3, 10)
            scenario.stay(
                person,
                ManagementList.USER,
                date(2022, 9, 1),
                "Test dương tính",
                end=jailed,
                end_reason=JAILED,
            )
            scenario.held(person, jailed)


def _tests(scenario: Scenario, people: Mapping[str, _SubAreaPeople]) -> None:
    """Movers test positive (methamphetamine) and move to su_dung that day; the other
    positives are addicts (heroin); the negatives are suspected users on the list at the
    end. One person of each sub-area is tested twice: tests count persons."""
    positive_days = iter(spread(date(2024, 10, 16), DATE_TO, 41))
    addict_days = iter(spread(date(2024, 10, 25), date(2024, 11, 8), 12))
    negative_total = sum(tested - positive for tested, positive in TESTS.values())
    negative_days = iter(spread(date(2024, 11, 1), DATE_TO, negative_total))
    for sub_area, (tested, positive) in TESTS.items():
        group = people[sub_area]
        for person in group.movers:
            test = scenario.tested(person, next(positive_days), {Substance.METHAMPHETAMINE})
            scenario.services.drug_tests.move_after_positive(test)
        treated = [p for p in group.community_addicts if p not in group.untreated_addicts]
        addicts = treated[: positive - len(group.movers)]
        assert len(addicts) == positive - len(group.movers), sub_area
        for person in addicts:
            scenario.tested(person, next(addict_days), {Substance.HEROIN})
        negatives = (group.staying_suspects + group.new_suspects)[: tested - positive]
        assert len(negatives) == tested - positive, sub_area
        for person in negatives:
            scenario.tested(person, next(negative_days))
        scenario.tested(negatives[0], date(2024, 10, 20))  # the second test of one person
    # Tests the day before and the day after the phase: not counted.
    for group in list(people.values())[:3]:
        scenario.tested(group.leavers[0], DAY_BEFORE)
        scenario.tested(group.staying_suspects[-1], DAY_AFTER, {Substance.METHAMPHETAMINE})


def _surveillance(scenario: Scenario, people: Mapping[str, _SubAreaPeople]) -> None:
    holders: dict[ManagementList, dict[str, list[int]]] = {
        ManagementList.ADDICT: {k: g.community_addicts for k, g in people.items()},
        ManagementList.USER: {k: g.movers for k, g in people.items()},
        ManagementList.POST_REHAB: {k: g.staying_post_rehab for k, g in people.items()},
        ManagementList.SUSPECTED_ADDICT: {k: g.new_suspected_addicts for k, g in people.items()},
        ManagementList.SUSPECTED_USER: {k: g.staying_suspects for k, g in people.items()},
    }
    opened = date(2024, 6, 15)
    for on_list, (by_sub_area, kinds) in SURVEILLANCE.items():
        pool = iter(kinds)
        for sub_area, count in by_sub_area.items():
            chosen = holders[on_list][sub_area][:count]
            assert len(chosen) == count, (on_list, sub_area)
            for person in chosen:
                scenario.surveilled(person, opened, next(pool))
        assert next(pool, None) is None, on_list
    openings = iter(spread(date(2024, 10, 20), date(2024, 11, 10), 7))
    for sub_area, count in SURVEILLANCE_OPENINGS.items():
        taken = SURVEILLANCE[ManagementList.SUSPECTED_USER][0].get(sub_area, 0)
        chosen = people[sub_area].staying_suspects[taken : taken + count]
        assert len(chosen) == count, sub_area
        for person in chosen:
            scenario.surveilled(person, next(openings), (DM3, B))
    # A file of a suspect who left in the phase is closed that day: not open at the end.
    leaver = people[TOWN].leavers[0]
    stay = scenario.services.histories.list_on(leaver, DAY_BEFORE)
    assert stay is not None and stay.end is not None
    scenario.surveilled(leaver, opened, (DM3, B), end=stay.end)


def _hotspots(scenario: Scenario, built: Built) -> None:
    hotspots = scenario.services.hotspots
    complex_ids = []
    for (name, sub_area, address), in_business in (
        (COMPLEX_IN_BUSINESS, True),
        (COMPLEX_OUTSIDE, False),
    ):
        record = hotspots.add(
            HotspotInput(
                kind=HotspotKind.COMPLEX_POINT.value,
                name=name,
                entered_on=HOTSPOTS_ENTERED,
                sub_area_id=scenario.sub_area_ids[sub_area],
                in_business=in_business,
                address=address,
                fight_months=FIGHT_MONTHS,
            )
        )
        complex_ids.append(record.id)
        built.complex_points.append(name)
    for (name, sub_area), entered in zip(
        RISK_POINTS, spread(date(2024, 8, 1), date(2024, 9, 30), len(RISK_POINTS)), strict=True
    ):
        hotspots.add(_risk_point(scenario, name, sub_area, entered))
    name, sub_area, entered, cleared = CLEARED_RISK_POINT
    old = hotspots.add(_risk_point(scenario, name, sub_area, entered))
    hotspots.add_status(old.id, HotspotState.CLEARED.value, cleared)
    for index, (sub_area, year, female) in enumerate(SELLERS):
        person = scenario.person(sub_area, year, female=female)
        if index == 0:
            hotspots.link_seller(complex_ids[0], person, HOTSPOTS_ENTERED)
        else:
            scenario.selling(person, date(2024, 9, 1 + index), None, f"Khu vực chợ, {sub_area}")
        built.sellers.append(scenario.full_name(person))
    stopped = scenario.person("Xã Hòa Tiến", 1990)
    scenario.selling(stopped, date(2024, 3, 1), date(2024, 9, 30), "Bến xe, Xã Hòa Tiến")


def _risk_point(scenario: Scenario, name: str, sub_area: str, entered: date) -> HotspotInput:
    return HotspotInput(
        kind=HotspotKind.AT_RISK.value,
        name=name,
        entered_on=entered,
        sub_area_id=scenario.sub_area_ids[sub_area],
        in_business=True,
        address="Đường trục chính",
        fight_months=FIGHT_MONTHS,
    )


def _targets(scenario: Scenario) -> None:
    for phase in TARGET_PHASES:
        record = scenario.services.targets.add_phase(PhaseInput(phase.name, phase.start, phase.end))
        grid: dict[tuple[int, Measure], float | None] = {
            (scenario.sub_area_ids[sub_area], measure): float(value)
            for measure, values in phase.targets.items()
            for sub_area, value in values.items()
        }
        scenario.services.targets.set_targets(record.id, grid)


def all_target_values(phase: TargetPhase) -> dict[tuple[str, str], int]:
    """(sub-area, measure key) -> target, as the figures list a phase's rows."""
    return dict(
        chain.from_iterable(
            (((sub_area, measure.value), value) for sub_area, value in values.items())
            for measure, values in phase.targets.items()
        )
    )
