"""Today's work: the groups in their order, each with exactly the records due, said plainly."""

from dataclasses import dataclass
from datetime import date

import pytest

from pcmt_desktop.domain.dossier_steps import StepKind
from pcmt_desktop.domain.hotspots import HotspotState
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.overview.work import (
    NO_PHASE_NOTE,
    WORK_PARTS,
    TodayWork,
    WorkGroupKey,
    WorkItem,
    progress_text,
    today_work,
)
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.target_progress import Measure, Standing, TargetProgress
from pcmt_desktop.services.targets import PhaseInput
from tests.conftest import TODAY
from tests.overview.builders import area_id, drug_test, hotspot, person, stay

USER, POST_REHAB = ManagementList.USER, ManagementList.POST_REHAB


@dataclass(frozen=True)
class Office:
    """The ids of what is due today, named by why."""

    stay_overdue: int  # su_dung from 01/10/2025: due 01/10/2026
    stay_no_rule: int  # su_dung from 01/06/2021: no rule covers its start
    stay_due_today: int  # sau_cai from 23/11/2025
    stay_soon: int  # su_dung from 10/12/2025: due 10/12/2026
    stay_beyond: int  # due 24/12/2026: 31 days away
    dossier_late: int  # court accepted 06/10/2026: decision due 21/10/2026
    dossier_near: int  # court accepted 13/11/2026: due 28/11/2026
    dossier_far: int  # court accepted 20/11/2026: due 05/12/2026, 12 days away
    hotspot_over: int  # entered 01/06/2026: fight over 01/09/2026
    hotspot_nearly: int  # entered 01/09/2026: fight ends 01/12/2026
    hotspot_later: int  # entered 01/10/2026: ends 01/01/2027
    hotspot_cleared: int
    phase: int  # 14/11/2026 – 30/11/2026


def _dossier(services: Services, name: str, found: date, accepted: date, *, area: int = 0) -> int:
    dossier = services.dossiers.open_dossier(
        person(services, name, area=area), found_on=found, created_on=found
    ).id
    services.dossiers.add_step(dossier, StepKind.SENT_TO_COURT, accepted)
    services.dossiers.add_step(dossier, StepKind.COURT_ACCEPTED, accepted)
    return dossier


def _created_dossier(services: Services, name: str, day: date, *, area: int) -> None:
    services.dossiers.open_dossier(person(services, name, area=area), found_on=day, created_on=day)


def build_office(services: Services) -> Office:
    def on_list(name: str, key: ManagementList, start: date) -> int:
        return stay(services, person(services, name, area=1), key, start)

    cleared = hotspot(services, "Bãi đất trống cuối làng", date(2026, 5, 1))
    services.hotspots.add_status(cleared, HotspotState.CLEARED.value, date(2026, 7, 1))
    phase = services.targets.add_phase(
        PhaseInput("Đợt cao điểm tháng 11", date(2026, 11, 14), date(2026, 11, 30))
    )
    first, second = area_id(services, 0), area_id(services, 1)
    services.targets.set_targets(
        phase.id,
        {
            (first, Measure.TESTS_PER_DAY): 2,
            (first, Measure.DOSSIERS): 5,
            (second, Measure.DOSSIERS): 1,
        },
    )
    # Area 0: 2 of 5 dossiers and 5 persons tested in 10 days; area 1: its dossier made.
    _created_dossier(services, "Đào Văn Một", date(2026, 11, 15), area=0)
    _created_dossier(services, "Đào Văn Hai", date(2026, 11, 20), area=0)
    _created_dossier(services, "Đào Văn Ba", date(2026, 11, 16), area=1)
    for index in range(5):
        tested = person(services, f"Lý Văn Thử {index}")
        drug_test(services, tested, date(2026, 11, 14 + index), positive=False)
    return Office(
        stay_overdue=on_list("Nguyễn Văn Quá", USER, date(2025, 10, 1)),
        stay_no_rule=on_list("Ninh Văn Luật", USER, date(2021, 6, 1)),
        stay_due_today=on_list("Trịnh Thị Nay", POST_REHAB, date(2025, 11, 23)),
        stay_soon=on_list("Phan Văn Sắp", USER, date(2025, 12, 10)),
        stay_beyond=on_list("Lê Thị Xa", USER, date(2025, 12, 24)),
        dossier_late=_dossier(services, "Triệu Văn Muộn", date(2026, 10, 1), date(2026, 10, 6)),
        dossier_near=_dossier(services, "Triệu Thị Sát", date(2026, 11, 2), date(2026, 11, 13)),
        dossier_far=_dossier(services, "Triệu Văn Xa", date(2026, 11, 10), date(2026, 11, 20)),
        hotspot_over=hotspot(services, "Quán nước ven đê", date(2026, 6, 1)),
        hotspot_nearly=hotspot(services, "Nhà trọ bến xe", date(2026, 9, 1), area=1),
        hotspot_later=hotspot(services, "Ki-ốt chợ chiều", date(2026, 10, 1)),
        hotspot_cleared=cleared,
        phase=phase.id,
    )


@pytest.fixture
def office(services: Services) -> Office:
    return build_office(services)


@pytest.fixture
def work(services: Services, office: Office) -> TodayWork:
    return today_work(services.context, TODAY)


def records(work: TodayWork, key: WorkGroupKey) -> list[int]:
    return [item.record_id for item in work.group(key).items]


def as_items(alerts: list[Alert]) -> list[WorkItem]:
    return [
        WorkItem(
            alert.kind,
            alert.record_id,
            alert.person_id,
            alert.title,
            alert.what,
            alert.sub_area_name,
            alert.due,
            alert.days_left,
        )
        for alert in alerts
    ]


def test_the_groups_in_their_order_with_their_headings(work: TodayWork) -> None:
    assert [(group.key, group.label, group.count) for group in work.groups] == [
        (WorkGroupKey.STAYS_OVERDUE, "Quá thời hạn quản lý", 2),
        (WorkGroupKey.STAYS_SOON, "Hết thời hạn quản lý trong 30 ngày tới", 2),
        (WorkGroupKey.DOSSIERS_LATE, "Hồ sơ CNBB quá hạn", 1),
        (WorkGroupKey.DOSSIERS_SOON, "Hồ sơ CNBB sắp đến hạn", 1),
        (
            WorkGroupKey.HOTSPOTS,
            "Điểm, tụ điểm hết (hoặc sắp hết) thời gian đấu tranh",
            2,
        ),
        (WorkGroupKey.TARGETS, "Chỉ tiêu chậm tiến độ", 2),
    ]
    assert work.count == 10
    assert work.today == TODAY


def test_management_terms_over_and_ending_within_thirty_days(
    services: Services, office: Office, work: TodayWork
) -> None:
    assert records(work, WorkGroupKey.STAYS_OVERDUE) == [office.stay_no_rule, office.stay_overdue]
    assert records(work, WorkGroupKey.STAYS_SOON) == [office.stay_due_today, office.stay_soon]
    due = services.deadlines.stays_due(TODAY)
    overdue, soon = work.group(WorkGroupKey.STAYS_OVERDUE), work.group(WorkGroupKey.STAYS_SOON)
    assert list(overdue.items + soon.items) == as_items(due)
    late = overdue.items[1]
    assert (late.kind, late.title, late.sub_area_name, late.due, late.days_left) == (
        "list_stay",
        "Nguyễn Văn Quá",
        "Thôn Đoài",
        date(2026, 10, 1),
        -53,
    )
    assert late.overdue and late.person_id is not None
    assert late.what.startswith("Hết thời hạn quản lý người sử dụng (12 tháng theo Luật")
    today = soon.items[0]
    assert (today.days_left, today.overdue) == (0, False)


def test_dossiers_late_and_due_within_the_week_as_the_dossier_service_says(
    services: Services, office: Office, work: TodayWork
) -> None:
    late = work.group(WorkGroupKey.DOSSIERS_LATE).items
    near = work.group(WorkGroupKey.DOSSIERS_SOON).items
    assert [item.record_id for item in late] == [office.dossier_late]
    assert [item.record_id for item in near] == [office.dossier_near]
    assert list(late) == as_items(services.dossiers.past_limit(TODAY))
    assert list(near) == as_items(services.dossiers.due_soon(TODAY, 7))
    assert [(item.kind, item.title, item.days_left) for item in (*late, *near)] == [
        ("dossier", "Triệu Văn Muộn", -33),
        ("dossier", "Triệu Thị Sát", 5),
    ]


def test_hotspots_whose_fight_is_over_or_nearly(
    services: Services, office: Office, work: TodayWork
) -> None:
    group = work.group(WorkGroupKey.HOTSPOTS)
    assert records(work, WorkGroupKey.HOTSPOTS) == [office.hotspot_over, office.hotspot_nearly]
    assert list(group.items) == as_items(services.hotspots.fight_periods_over(TODAY))
    assert [(item.kind, item.person_id, item.due, item.days_left) for item in group.items] == [
        ("hotspot", None, date(2026, 9, 1), -83),
        ("hotspot", None, date(2026, 12, 1), 8),
    ]


def test_targets_behind_in_the_phase_running_today(office: Office, work: TodayWork) -> None:
    group = work.group(WorkGroupKey.TARGETS)
    assert group.note == "Giai đoạn “Đợt cao điểm tháng 11” (14/11/2026 – 30/11/2026)"
    assert list(group.items) == [
        WorkItem(
            kind="target",
            record_id=office.phase,
            person_id=None,
            title="Thôn Đông",
            what="Số đối tượng test/ngày: 0,5/2 (bình quân từ đầu giai đoạn)",
            sub_area_name="Thôn Đông",
            due=date(2026, 11, 30),
            days_left=7,
        ),
        WorkItem(
            kind="target",
            record_id=office.phase,
            person_id=None,
            title="Thôn Đông",
            what="Số hồ sơ CNBB: 2/5 (cần 3 đến hôm nay)",
            sub_area_name="Thôn Đông",
            due=date(2026, 11, 30),
            days_left=7,
        ),
    ]


def test_without_a_phase_today_the_targets_group_is_empty_and_says_why(
    services: Services,
) -> None:
    services.targets.add_phase(PhaseInput("Đợt sau", date(2026, 11, 24), date(2026, 12, 31)))
    group = today_work(services.context, TODAY).group(WorkGroupKey.TARGETS)
    assert (group.items, group.note) == ((), NO_PHASE_NOTE)
    assert group.note == "Hôm nay không thuộc giai đoạn nào có chỉ tiêu."


def test_a_phase_with_every_target_on_track_has_no_item(services: Services) -> None:
    phase = services.targets.add_phase(
        PhaseInput("Đợt cao điểm", date(2026, 11, 20), date(2026, 11, 30))
    )
    services.targets.set_targets(phase.id, {(area_id(services, 0), Measure.DOSSIERS): 11})
    # 4 of 11 days gone: 4 dossiers are due and 4 are made.
    for index in range(4):
        _created_dossier(services, f"Mạc Văn Đủ {index}", date(2026, 11, 20 + index), area=0)
    group = today_work(services.context, TODAY).group(WorkGroupKey.TARGETS)
    assert (group.items, group.note) == ((), "Giai đoạn “Đợt cao điểm” (20/11/2026 – 30/11/2026)")


@pytest.mark.parametrize(
    ("measure", "actual", "target", "expected", "text"),
    [
        (Measure.DOSSIERS, 2.0, 5.0, 2.94, "Số hồ sơ CNBB: 2/5 (cần 3 đến hôm nay)"),
        # A pro-rated 3 exactly is 3, not 4, even if the division left a trace.
        (
            Measure.CASES,
            1.0,
            6.0,
            3.0000000000000004,
            "Số án ma túy phát hiện, đấu tranh: 1/6 (cần 3 đến hôm nay)",
        ),
        (
            Measure.SURVEILLANCE_OPENINGS,
            0.0,
            1500.0,
            1234.2,
            "Số đối tượng đưa vào sưu tra, hiềm nghi: 0/1.500 (cần 1.235 đến hôm nay)",
        ),
        (
            Measure.TESTS_PER_DAY,
            4 / 3,
            3.0,
            3.0,
            "Số đối tượng test/ngày: 1,3/3 (bình quân từ đầu giai đoạn)",
        ),
    ],
)
def test_progress_is_written_the_vietnamese_way(
    measure: Measure, actual: float, target: float, expected: float, text: str
) -> None:
    progress = TargetProgress(1, "Thôn Đông", measure, target, actual, expected, Standing.BEHIND)
    assert progress_text(progress) == text


def test_an_empty_office_has_nothing_to_do(services: Services) -> None:
    work = today_work(services.context, TODAY)
    assert work.count == 0
    assert [group.note for group in work.groups] == ["", "", "", "", "", NO_PHASE_NOTE]


def test_the_parts_read_the_groups_in_their_order(services: Services, office: Office) -> None:
    assert [part.name for part in WORK_PARTS] == [
        "work.stays",
        "work.dossiers",
        "work.hotspots",
        "work.targets",
    ]
    keys = [group.key for part in WORK_PARTS for group in part.run(services.context, TODAY)]
    assert keys == list(WorkGroupKey)
