"""Seed 000: a district's six-month report (báo cáo sơ kết 6 tháng), 15/12/2023 – 31/5/2024,
compared with the same period a year earlier (15/12/2022 – 31/5/2023).

The tables hold the seed's cases, seizures, fines and persons spread over invented
sub-areas; their columns add up to the seed's numbers. ``build`` replays them through
the services, with a few records just outside both periods (the day before, the day
after) that no figure may count.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.vocabulary import AddictLocation, ManagementList
from pcmt_desktop.services.case_types import CaseKind, SeizedItems
from pcmt_desktop.services.cases import CaseInput
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from tests.reports.seed_scenarios.builder import Scenario, spread
from tests.reports.seed_scenarios.names import COMMUNES, SECOND_TOWN, TOWN

DATE_FROM = date(2023, 12, 15)
DATE_TO = date(2024, 5, 31)
COMPARE_FROM = date(2022, 12, 15)
COMPARE_TO = date(2023, 5, 31)
COMPARE_YEAR = 2023  # "so với cùng kỳ năm 2023": the year the comparison period ends

POSITIVE_TEST = "Test dương tính"
FOUND_ADDICTED = "Xác định tình trạng nghiện"
BACK_FROM_FACILITY = "Trở về từ cơ sở cai nghiện"
TERM_OVER = "Hết thời gian quản lý"
JAILED = "Bị bắt, chấp hành án"

# 20 communes and 2 towns; three communes have no drugs at all (seed: "03/22 xã").
SUB_AREAS: tuple[str, ...] = (TOWN, SECOND_TOWN, *COMMUNES)
DRUG_FREE: tuple[str, ...] = ("Xã Hương Trà", "Xã Thanh Khê", "Xã Cẩm Đường")
WITH_DRUGS: tuple[str, ...] = tuple(name for name in SUB_AREAS if name not in DRUG_FREE)
POPULATION = 9_000


# --- persons (seed part one, II.6) ----------------------------------------------------------
@dataclass(frozen=True)
class AreaPersons:
    users: int  # on su_dung at the end of the period
    users_year_before: int  # on su_dung at the end of the comparison period
    on_methadone: int  # addicts on substitution treatment, at both ends
    post_rehab: int  # on sau_cai at the end


PERSONS: dict[str, AreaPersons] = {
    TOWN: AreaPersons(5, 16, 14, 5),
    SECOND_TOWN: AreaPersons(5, 15, 13, 4),
    "Xã Đồng Mai": AreaPersons(4, 12, 11, 4),
    "Xã Hòa Tiến": AreaPersons(4, 12, 10, 3),
    "Xã Sơn Phú": AreaPersons(3, 10, 9, 3),
    "Xã Sơn Tiến": AreaPersons(3, 10, 8, 3),
    "Xã Hòa Phong": AreaPersons(3, 9, 8, 3),
    "Xã Hòa Mỹ": AreaPersons(3, 9, 7, 2),
    "Xã Phú Điền": AreaPersons(3, 8, 7, 2),
    "Xã Tân Hưng": AreaPersons(2, 8, 6, 2),
    "Xã Đông Phước": AreaPersons(2, 7, 5, 2),
    "Xã Tây Giang": AreaPersons(2, 7, 5, 2),
    "Xã Yên Phúc": AreaPersons(2, 6, 4, 2),
    "Xã Vĩnh Hảo": AreaPersons(2, 6, 4, 2),
    "Xã Minh Đức": AreaPersons(2, 5, 4, 2),
    "Xã Đại An": AreaPersons(2, 5, 3, 2),
    "Xã Bắc Lý": AreaPersons(2, 5, 3, 1),
    "Xã Nam Khê": AreaPersons(2, 4, 2, 1),
    "Xã Long Mỹ": AreaPersons(1, 4, 2, 1),
}  # totals: 52 users (158 a year earlier), 125 on methadone, 46 post-rehab
# Addicts on methadone a year earlier who were jailed since (seed: "giảm 10 người … bị bắt
# tạm giam hoặc đi chấp hành án phạt tù"): one in each of these sub-areas.
JAILED_ADDICTS: tuple[str, ...] = WITH_DRUGS[:10]
LATE_DOSSIER = "Xã Tân Hưng"
# CNBB dossiers made in the period (seed: "10 chỉ tiêu về lập hồ sơ"), on addicts.
DOSSIERS: dict[str, int] = {
    TOWN: 2,
    SECOND_TOWN: 1,
    "Xã Đồng Mai": 1,
    "Xã Hòa Tiến": 1,
    "Xã Sơn Phú": 1,
    "Xã Sơn Tiến": 1,
    "Xã Hòa Phong": 1,
    "Xã Hòa Mỹ": 1,
    "Xã Phú Điền": 1,
}

# --- criminal cases (part one, II.3) ---------------------------------------------------------
BORDER_POST_A = "Đồn Biên phòng Suối Lạnh"
BORDER_POST_B = "Đồn Biên phòng Cửa Ngàn"


@dataclass(frozen=True)
class Criminal:
    day: date
    sub_area: str
    article: str
    subjects: int
    defendants: int  # 0: not prosecuted here, the file went to the province's PC04
    received_from: str = ""
    seized: SeizedItems = field(default_factory=SeizedItems)


CRIMINAL: tuple[Criminal, ...] = (
    Criminal(date(2023, 12, 20), TOWN, "249", 1, 1, seized=SeizedItems(heroin_g=1.2, phones=1)),
    Criminal(date(2024, 1, 5), SECOND_TOWN, "249", 1, 1, BORDER_POST_B, SeizedItems(heroin_g=0.85)),
    Criminal(
        date(2024, 1, 18),
        "Xã Đồng Mai",
        "251",
        2,
        2,
        BORDER_POST_A,
        SeizedItems(methamphetamine_g=1.5, pills=10, vehicles=1, phones=2, cash_vnd=2_000_000),
    ),
    Criminal(
        date(2024, 2, 2), "Xã Hòa Tiến", "249", 1, 1, seized=SeizedItems(methamphetamine_g=0.3)
    ),
    Criminal(
        date(2024, 2, 20),
        "Xã Sơn Phú",
        "251",
        1,
        1,
        seized=SeizedItems(heroin_g=2.1, vehicles=1, phones=1, cash_vnd=1_510_000),
    ),
    Criminal(date(2024, 3, 4), TOWN, "249", 1, 1, seized=SeizedItems(heroin_g=0.574)),
    Criminal(
        date(2024, 3, 15),
        "Xã Sơn Tiến",
        "249",
        2,
        0,
        seized=SeizedItems(methamphetamine_g=0.418, vehicles=1),
    ),
    Criminal(
        date(2024, 3, 28), "Xã Hòa Phong", "251", 1, 1, seized=SeizedItems(heroin_g=0.8, phones=1)
    ),
    Criminal(
        date(2024, 4, 8), "Xã Tân Hưng", "249", 1, 1, seized=SeizedItems(methamphetamine_g=0.2)
    ),
    Criminal(date(2024, 4, 19), TOWN, "251", 1, 0),
    Criminal(date(2024, 4, 30), "Xã Minh Đức", "249", 1, 0),
    Criminal(date(2024, 5, 10), "Xã Phú Điền", "249", 1, 1),
    Criminal(
        date(2024, 5, 20),
        "Xã Vĩnh Hảo",
        "251",
        1,
        1,
        seized=SeizedItems(methamphetamine_g=0.3, vehicles=1, phones=1),
    ),
    Criminal(date(2024, 5, 30), "Xã Đại An", "249", 1, 1),
)
# 14 cases, 16 subjects; 11 prosecuted with 12 defendants (3 cases, 4 subjects to PC04);
# 249: 9 cases 10 subjects, 251: 5 cases 6 subjects; 5,524 g heroin, 2,718 g
# methamphetamine, 10 pills, 4 vehicles, 6 phones, 3.510.000 đồng.

# A year earlier: 20 cases with 25 subjects (seed: "giảm 06 vụ, 09 đối tượng").
CRIMINAL_YEAR_BEFORE = (15, 5)  # cases with one subject, cases with two

# --- administrative violations (part one, II.3) --------------------------------------------
POSSESSION = "Tàng trữ trái phép chất ma túy"
KARAOKE = "Để xảy ra hoạt động sử dụng trái phép chất ma túy tại cơ sở kinh doanh do mình quản lý"
USE = "Sử dụng trái phép chất ma túy"


@dataclass(frozen=True)
class Violation:
    day: date
    sub_area: str
    act: str
    subjects: int
    fine_vnd: int
    cannabis_g: float = 0.0


# The seed fines six users 4.500.000 đồng in all: 750.000 each, under the 1.000.000 đồng
# that NĐ 144/2021 sets as the least fine for use. The registry takes the amount as
# entered (it keeps no fine bounds on cases), so the scenario does too.
VIOLATIONS: tuple[Violation, ...] = (
    Violation(date(2024, 1, 10), TOWN, POSSESSION, 2, 7_000_000, cannabis_g=72.85),
    Violation(date(2024, 2, 14), "Xã Tân Hưng", KARAOKE, 1, 15_000_000),
    *(
        Violation(day, sub_area, USE, 1, 750_000)
        for day, sub_area in zip(
            spread(date(2023, 12, 28), date(2024, 5, 25), 6),
            ("Xã Đồng Mai", "Xã Hòa Tiến", SECOND_TOWN, "Xã Sơn Phú", TOWN, "Xã Hòa Mỹ"),
            strict=True,
        )
    ),
)  # 8 cases, 9 subjects, 26.500.000 đồng

# --- plants (part one, II.5) ----------------------------------------------------------------
PLANT_FINE = 7_500_000  # each of the 7 seizures; 52.500.000 đồng in all
# (day, sub-area, opium plants, cannabis plants)
PLANTS: tuple[tuple[date, str, int, int], ...] = (
    (date(2024, 1, 22), "Xã Đông Phước", 320, 0),
    (date(2024, 2, 6), "Xã Tây Giang", 250, 0),
    (date(2024, 2, 27), "Xã Yên Phúc", 200, 0),
    (date(2024, 3, 12), "Xã Vĩnh Hảo", 180, 0),
    (date(2024, 3, 26), "Xã Bắc Lý", 172, 0),
    (date(2024, 4, 9), "Xã Nam Khê", 280, 0),
    (date(2024, 4, 23), "Xã Long Mỹ", 0, 2),
)  # 7 cases, 7 subjects, 1.402 opium plants, 2 cannabis plants
PLANTS_YEAR_BEFORE = 12  # seizures a year earlier, one subject each

# --- hotspots and sellers at the end (part one, I.1) --------------------------------------
COMPLEX_POINT = ("Nhà ông Vũ Đình Thuận", "Xã Đồng Mai", date(2023, 9, 1))
CLEARED_POINT = ("Quán nước Bờ Đê", TOWN, date(2023, 3, 1), date(2024, 1, 20))
RISK_POINT = ("Karaoke Hoàng Gia", "Xã Tân Hưng", date(2024, 2, 10))
SELLERS: tuple[str, ...] = (
    TOWN,
    TOWN,
    SECOND_TOWN,
    SECOND_TOWN,
    "Xã Đồng Mai",
    "Xã Hòa Tiến",
    "Xã Sơn Phú",
    "Xã Nam Khê",
)  # 8 at the end; one more stopped in the period


@dataclass
class Built:
    dossier_persons: list[str] = field(default_factory=list)


def build(scenario: Scenario) -> Built:
    """Put the seed's situation into the scenario database."""
    built = Built()
    _users(scenario)
    _addicts(scenario, built)
    _post_rehab(scenario)
    _criminal_cases(scenario)
    _violations(scenario)
    _plants(scenario)
    _hotspots(scenario)
    return built


def _users(scenario: Scenario) -> None:
    """Each user's year of management ends by itself: those counted a year earlier are
    all off the list by the end of the period (the last one on its very last day)."""
    now = sum(area.users for area in PERSONS.values())
    before = sum(area.users_year_before for area in PERSONS.values())
    starts_now = iter(spread(date(2023, 6, 5), DATE_TO, now))
    starts_before = iter(spread(date(2022, 6, 5), COMPARE_TO, before))
    for sub_area, area in PERSONS.items():
        for count, starts in ((area.users, starts_now), (area.users_year_before, starts_before)):
            for index in range(count):
                start = next(starts)
                person = scenario.person(sub_area, 1990 + index % 10)
                scenario.stay(
                    person,
                    ManagementList.USER,
                    start,
                    POSITIVE_TEST,
                    end=add_months(start, 12),
                    end_reason=TERM_OVER,
                )


def _addicts(scenario: Scenario, built: Built) -> None:
    total = sum(area.on_methadone for area in PERSONS.values())
    starts = iter(spread(date(2021, 1, 10), date(2023, 5, 20), total))
    dossier_days = iter(spread(date(2024, 1, 8), date(2024, 5, 28), sum(DOSSIERS.values())))
    for sub_area, area in PERSONS.items():
        addicts = []
        for index in range(area.on_methadone):
            start = next(starts)
            person = scenario.person(sub_area, 1970 + index % 20)
            scenario.stay(person, ManagementList.ADDICT, start, FOUND_ADDICTED)
            scenario.located(person, AddictLocation.COMMUNITY, start)
            scenario.treated(person, start)
            addicts.append(person)
        for person in addicts[: DOSSIERS.get(sub_area, 0)]:
            created = next(dossier_days)
            scenario.services.dossiers.open_dossier(person, created - timedelta(days=4), created)
            built.dossier_persons.append(scenario.full_name(person))
        if sub_area == LATE_DOSSIER:
            # Made the day before the period: not one of its ten.
            day_before = DATE_FROM - timedelta(days=1)
            scenario.services.dossiers.open_dossier(addicts[0], date(2023, 12, 10), day_before)
    for sub_area in JAILED_ADDICTS:
        person = scenario.person(sub_area, 1981)
        start, jailed = date(2022, 2, 1), date(2023, 9, 15)
        scenario.stay(
            person, ManagementList.ADDICT, start, FOUND_ADDICTED, end=jailed, end_reason=JAILED
        )
        scenario.located(person, AddictLocation.COMMUNITY, start, jailed)
        scenario.treated(person, start, jailed)
        scenario.held(person, jailed)


def _post_rehab(scenario: Scenario) -> None:
    total = sum(area.post_rehab for area in PERSONS.values())
    starts = iter(spread(date(2023, 7, 1), date(2024, 5, 20), total))
    for sub_area, area in PERSONS.items():
        for index in range(area.post_rehab):
            start = next(starts)
            person = scenario.person(sub_area, 1976 + index)
            scenario.stay(
                person,
                ManagementList.POST_REHAB,
                start,
                BACK_FROM_FACILITY,
                end=add_months(start, 12),
                end_reason=TERM_OVER,
            )


def _criminal_cases(scenario: Scenario) -> None:
    for case in CRIMINAL:
        scenario.services.cases.add(
            CaseInput(
                kind=CaseKind.CRIMINAL,
                occurred_on=case.day,
                sub_area_id=scenario.sub_area_ids[case.sub_area],
                summary=f"Bắt quả tang, Điều {case.article}",
                subjects=case.subjects,
                articles=(case.article,),
                prosecuted=case.defendants > 0,
                defendants=case.defendants,
                received_from=case.received_from,
                seized=case.seized,
                note=""
                if case.defendants
                else "Chuyển Phòng PC04 khởi tố, điều tra theo thẩm quyền",
            )
        )
    ones, twos = CRIMINAL_YEAR_BEFORE
    days = spread(date(2022, 12, 20), date(2023, 5, 25), ones + twos)
    for index, day in enumerate(days):
        subjects = 2 if index < twos else 1
        _criminal(scenario, day, WITH_DRUGS[index % len(WITH_DRUGS)], subjects)
    # The day before the period and the day after it: in neither period.
    _criminal(scenario, DATE_FROM - timedelta(days=1), "Xã Hòa Tiến", 1)
    _criminal(scenario, DATE_TO + timedelta(days=1), "Xã Sơn Phú", 3)


def _criminal(scenario: Scenario, day: date, sub_area: str, subjects: int) -> None:
    scenario.services.cases.add(
        CaseInput(
            kind=CaseKind.CRIMINAL,
            occurred_on=day,
            sub_area_id=scenario.sub_area_ids[sub_area],
            summary="Bắt quả tang tàng trữ trái phép chất ma túy",
            subjects=subjects,
            articles=("249",),
            prosecuted=True,
            defendants=subjects,
        )
    )


def _violations(scenario: Scenario) -> None:
    for violation in VIOLATIONS:
        scenario.services.cases.add(
            CaseInput(
                kind=CaseKind.ADMINISTRATIVE,
                occurred_on=violation.day,
                sub_area_id=scenario.sub_area_ids[violation.sub_area],
                subjects=violation.subjects,
                act=violation.act,
                fine_vnd=violation.fine_vnd,
                seized=SeizedItems(cannabis_g=violation.cannabis_g),
            )
        )


def _plants(scenario: Scenario) -> None:
    earlier = spread(date(2023, 1, 10), date(2023, 5, 20), PLANTS_YEAR_BEFORE)
    year_before = [(day, WITH_DRUGS[i % len(WITH_DRUGS)], 150, 0) for i, day in enumerate(earlier)]
    for day, sub_area, opium, cannabis in (*PLANTS, *year_before):
        grower = scenario.person(sub_area, 1968)
        scenario.services.plant_seizures.add(
            PlantSeizureInput(
                seized_on=day,
                sub_area_id=scenario.sub_area_ids[sub_area],
                handling=PlantHandling.FINED.value,
                place="Vườn nhà",
                person_id=grower,
                opium_plants=opium,
                cannabis_plants=cannabis,
                area_m2=12.5,
                fine_vnd=PLANT_FINE,
            )
        )


def _hotspots(scenario: Scenario) -> None:
    hotspots = scenario.services.hotspots
    name, sub_area, entered = COMPLEX_POINT
    point = hotspots.add(_hotspot(scenario, HotspotKind.COMPLEX_POINT, name, sub_area, entered))
    name, sub_area, entered, cleared = CLEARED_POINT
    old = hotspots.add(_hotspot(scenario, HotspotKind.COMPLEX_POINT, name, sub_area, entered))
    hotspots.add_status(old.id, HotspotState.CLEARED.value, cleared)
    name, sub_area, entered = RISK_POINT
    hotspots.add(_hotspot(scenario, HotspotKind.AT_RISK, name, sub_area, entered, in_business=True))
    for index, sub_area in enumerate(SELLERS):
        seller = scenario.person(sub_area, 1985 + index)
        if index == 0:
            hotspots.link_seller(point.id, seller, date(2023, 9, 1))
        else:
            scenario.selling(seller, date(2023, 8, 1 + index), None, "Khu vực bến xe")
    stopped = scenario.person("Xã Hòa Tiến", 1984)
    scenario.selling(stopped, date(2023, 6, 1), date(2024, 3, 31), "Khu vực chợ")


def _hotspot(
    scenario: Scenario,
    kind: HotspotKind,
    name: str,
    sub_area: str,
    entered: date,
    *,
    in_business: bool = False,
) -> HotspotInput:
    return HotspotInput(
        kind=kind.value,
        name=name,
        entered_on=entered,
        sub_area_id=scenario.sub_area_ids[sub_area],
        in_business=in_business,
        address="Thôn Trung",
        fight_months=3,
    )
