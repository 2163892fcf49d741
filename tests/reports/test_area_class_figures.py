"""The classification's figures from real registries: each sub-area, the office, the classes.

The scenario is entered through the services, with records on both sides of every edge of
the yearly period 15/12/2024–14/12/2025 (a stay ending on its last day, a case the day
before it starts, a hotspot cleared after it ends …); the expected figures are counted by
hand in the comments.
"""

from datetime import date

import pytest

from pcmt_desktop.domain.area_classes import AreaFigures
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.area_class_figures import area_figures, classify_areas
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import CaseInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.office import SubAreaInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from pcmt_desktop.services.registry import Services

FROM = date(2024, 12, 15)
TO = date(2025, 12, 14)
DAY_BEFORE = date(2024, 12, 14)
DAY_AFTER = date(2025, 12, 15)
OFFICE = "Công an xã Thử Nghiệm"


class Registry:
    """Short ways to enter the scenario's records through the real services."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.areas = [area.id for area in services.office.sub_areas()]
        self._names = 0

    def person(self, area: int | None) -> int:
        self._names += 1
        name = f"Đối tượng Thử {self._names:02d}"
        sub_area = None if area is None else self.areas[area]
        return self.services.persons.add(
            PersonInput(name, birth_year=1990, sub_area_id=sub_area)
        ).id

    def on_list(
        self, area: int | None, key: ManagementList, start: date, end: date | None = None
    ) -> int:
        person_id = self.person(area)
        values = {"list_key": key.value, "start_reason": "Rà soát phát hiện mới"}
        if end is not None:
            values["end_reason"] = "Hết thời gian quản lý"
        self.services.histories.add(HistoryKind.LIST, person_id, HistoryInput(start, end, values))
        return person_id

    def treated(self, person_id: int, start: date, end: date | None = None) -> None:
        values = {"facility": "Cơ sở điều trị Methadone Thử Nghiệm"}
        self.services.histories.add(
            HistoryKind.TREATMENT, person_id, HistoryInput(start, end, values)
        )

    def case(self, area: int | None, kind: CaseKind, day: date, subjects: int) -> None:
        criminal = kind is CaseKind.CRIMINAL
        self.services.cases.add(
            CaseInput(
                kind=kind,
                occurred_on=day,
                sub_area_id=None if area is None else self.areas[area],
                subjects=subjects,
                articles=("249",) if criminal else (),
                prosecuted=criminal,
                defendants=subjects if criminal else 0,
                act="" if criminal else "Sử dụng trái phép chất ma túy",
                fine_vnd=None if criminal else 1_500_000,
            )
        )

    def plants(self, area: int, day: date, opium: int, cannabis: int, m2: float) -> None:
        self.services.plant_seizures.add(
            PlantSeizureInput(
                seized_on=day,
                sub_area_id=self.areas[area],
                handling=PlantHandling.NOT_YET.value,
                place="Nương sau núi",
                ownerless=True,
                opium_plants=opium,
                cannabis_plants=cannabis,
                area_m2=m2,
            )
        )

    def hotspot(self, area: int, kind: HotspotKind, entered: date) -> int:
        self._names += 1
        return self.services.hotspots.add(
            HotspotInput(
                kind=kind.value,
                name=f"Quán nước số {self._names}",
                entered_on=entered,
                sub_area_id=self.areas[area],
            )
        ).id

    def status(self, hotspot_id: int, state: HotspotState, day: date) -> None:
        self.services.hotspots.add_status(hotspot_id, state.value, day)


DONG, DOAI, BAC, NAM = 0, 1, 2, 3


@pytest.fixture
def scenario(services: Services) -> Services:
    r = Registry(services)
    nghien, su_dung = ManagementList.ADDICT, ManagementList.USER

    # Thôn Đông (1 000 residents, on a key route).
    # Persons at the end of 14/12/2025: three addicts, a user whose stay ends the day after,
    # and one moved onto the addicts' list on the last day itself — 5 (0,5%: type I).
    for _ in range(3):
        r.on_list(DONG, nghien, date(2025, 1, 10))
    r.on_list(DONG, su_dung, date(2025, 3, 1), DAY_AFTER)
    moved = r.on_list(DONG, ManagementList.SUSPECTED_ADDICT, date(2025, 2, 1))
    services.histories.move(moved, nghien, TO)
    # Not counted: a stay ending on the last day, post-rehab, suspected user, a later start.
    r.on_list(DONG, su_dung, date(2025, 2, 1), TO)
    r.on_list(DONG, ManagementList.POST_REHAB, date(2025, 2, 1))
    r.on_list(DONG, ManagementList.SUSPECTED_USER, date(2025, 2, 1))
    r.on_list(DONG, nghien, DAY_AFTER)
    # Places: a point, a den cleared only after the period, one cleared and re-activated — 3.
    r.hotspot(DONG, HotspotKind.COMPLEX_POINT, date(2025, 5, 1))
    den = r.hotspot(DONG, HotspotKind.COMPLEX_DEN, date(2025, 6, 1))
    r.status(den, HotspotState.CLEARED, date(2025, 12, 20))
    back = r.hotspot(DONG, HotspotKind.COMPLEX_POINT, date(2025, 1, 1))
    r.status(back, HotspotState.CLEARED, date(2025, 3, 1))
    r.status(back, HotspotState.REACTIVATED, date(2025, 9, 1))
    # Not counted: cleared within the period, an at-risk place, one entered after it.
    gone = r.hotspot(DONG, HotspotKind.COMPLEX_POINT, date(2025, 4, 1))
    r.status(gone, HotspotState.CLEARED, date(2025, 12, 1))
    r.hotspot(DONG, HotspotKind.AT_RISK, date(2025, 4, 1))
    r.hotspot(DONG, HotspotKind.COMPLEX_POINT, DAY_AFTER)
    # Offenders: one in the period (0,1%: type I); cases the day before and after don't count.
    r.case(DONG, CaseKind.CRIMINAL, date(2025, 6, 10), 1)
    r.case(DONG, CaseKind.CRIMINAL, DAY_BEFORE, 3)
    r.case(DONG, CaseKind.CRIMINAL, DAY_AFTER, 2)
    r.case(DONG, CaseKind.ADMINISTRATIVE, date(2025, 7, 1), 2)  # lawbreakers: 1 + 2
    # Plants on the first and the last day — 3 000 plants, 120,5 m² — and one after.
    r.plants(DONG, FROM, opium=2000, cannabis=0, m2=100.5)
    r.plants(DONG, TO, opium=0, cannabis=1000, m2=20)
    r.plants(DONG, DAY_AFTER, opium=5000, cannabis=0, m2=900)
    services.office.set_key_route(r.areas[DONG], True)

    # Thôn Đoài (1 100 residents): 2 persons, one on substitution treatment (0,18%: II);
    # one den (II); one offender (0,09%: II) — type II.
    r.on_list(DOAI, nghien, date(2025, 1, 5))
    treated = r.on_list(DOAI, su_dung, date(2025, 1, 5))
    r.treated(treated, date(2025, 5, 1))
    r.hotspot(DOAI, HotspotKind.COMPLEX_DEN, date(2025, 2, 1))
    r.case(DOAI, CaseKind.CRIMINAL, date(2025, 8, 1), 1)

    # Tổ dân phố Bắc (1 200 residents): one user, on treatment — excepted: drug-free.
    excepted = r.on_list(BAC, su_dung, date(2025, 3, 3))
    r.treated(excepted, date(2025, 3, 3))
    r.on_list(BAC, ManagementList.POST_REHAB, date(2025, 3, 3))

    # Xóm Nam (population not entered): an addict whose treatment ended on the last day.
    addict = r.on_list(NAM, nghien, date(2025, 1, 1))
    r.treated(addict, date(2025, 1, 1), TO)
    services.office.update_sub_area(r.areas[NAM], SubAreaInput("Xóm Nam", None))

    # No sub-area: counted for the office as a whole only.
    r.on_list(None, nghien, date(2025, 4, 4))
    r.case(None, CaseKind.CRIMINAL, date(2025, 9, 9), 2)
    return services


def figures_of(services: Services, date_from: date = FROM, date_to: date = TO) -> list[AreaFigures]:
    with services.context.reading() as session:
        return area_figures(session, date_from, date_to)


def test_each_sub_area_and_the_office_get_their_figures(scenario: Services) -> None:
    assert figures_of(scenario) == [
        AreaFigures(
            name="Thôn Đông",
            population=1000,
            on_key_route=True,
            persons=5,
            persons_excepted=0,
            harbouring_places=3,
            offenders=1,
            plants=3000,
            plant_m2=120.5,
            lawbreakers=3,
        ),
        AreaFigures(
            name="Thôn Đoài",
            population=1100,
            on_key_route=False,
            persons=2,
            persons_excepted=1,
            harbouring_places=1,
            offenders=1,
            lawbreakers=1,
        ),
        AreaFigures(
            name="Tổ dân phố Bắc",
            population=1200,
            on_key_route=False,
            persons=1,
            persons_excepted=1,
        ),
        AreaFigures(name="Xóm Nam", population=None, on_key_route=False, persons=1),
        AreaFigures(
            name=OFFICE,
            population=None,  # Xóm Nam's is missing: no partial sum
            on_key_route=True,
            persons=10,
            persons_excepted=2,
            harbouring_places=4,
            offenders=4,
            plants=3000,
            plant_m2=120.5,
            lawbreakers=6,
            is_office=True,
        ),
    ]


def test_the_classes_and_their_reasons(scenario: Services) -> None:
    with scenario.context.reading() as session:
        result = classify_areas(session, FROM, TO)
    assert result["period"] == {"from": "2024-12-15", "to": "2025-12-14"}
    assert result["rules_missing"] is None
    areas = result["areas"]
    assert [(a["name"], a["proposed"]) for a in areas] == [
        ("Thôn Đông", "loai_1"),
        ("Thôn Đoài", "loai_2"),
        ("Tổ dân phố Bắc", "khong_ma_tuy"),
        ("Xóm Nam", None),
        (OFFICE, None),
    ]
    dong = areas[0]
    assert [(c["figure_text"], c["level"]) for c in dong["criteria"]] == [
        ("0,5% (05 người)", "loai_1"),
        ("03 điểm", "loai_1"),
        ("0,1% (01 đối tượng)", "loai_1"),
        ("3.000 cây / 120,5 m²", "loai_1"),
        (
            "Trên tuyến trọng điểm; 04 tiêu chí loại II trở lên, 04 tiêu chí loại III trở lên",
            "loai_1",
        ),
    ]
    assert dong["reasons"][-1].startswith("Đạt 5/5 tiêu chí loại I (cần từ 03 tiêu chí)")
    assert [c["figure_text"] for c in areas[1]["criteria"][:3]] == [
        "0,18% (02 người)",
        "01 điểm",
        "0,09% (01 đối tượng)",
    ]
    assert areas[2]["reasons"][-1] == (
        "01 người nghiện, sử dụng đang điều trị thay thế thuộc trường hợp loại trừ."
    )
    assert areas[3]["reasons"][-1].startswith("Chưa có số nhân khẩu")
    assert areas[4]["is_office"] is True


def test_the_office_population_is_the_sum_once_every_sub_area_has_one(services: Services) -> None:
    (*sub_areas, office) = figures_of(services)
    assert [area.population for area in sub_areas] == [1000, 1100, 1200, 1300]
    assert (office.name, office.population, office.on_key_route) == (OFFICE, 4600, False)
    with services.context.reading() as session:
        result = classify_areas(session, FROM, TO)
    assert [area["proposed"] for area in result["areas"]] == ["khong_ma_tuy"] * 5


def test_figures_move_with_the_period(scenario: Services) -> None:
    # Ending on 15/12/2025 the user of Thôn Đông has left, the later addict has come, the
    # later case and seizure fall inside, and the first seizure falls outside (from 16/12).
    dong = figures_of(scenario, date(2024, 12, 16), DAY_AFTER)[0]
    assert (dong.persons, dong.offenders, dong.plants, dong.plant_m2) == (5, 3, 6000, 920.0)
    assert dong.harbouring_places == 4  # the point entered on 15/12/2025 now counts


def test_a_period_before_the_decision_has_no_thresholds(scenario: Services) -> None:
    with scenario.context.reading() as session:
        result = classify_areas(session, date(2023, 12, 15), date(2024, 12, 14))
    assert result["areas"] == []
    assert result["rules_missing"].startswith("Chưa có quy định")
    assert "14/12/2024" in result["rules_missing"]
