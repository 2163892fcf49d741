"""Stays due to end: which, in what order, and ending them in bulk on their due dates."""

from dataclasses import dataclass
from datetime import date

import pytest

from pcmt_desktop.domain.dossier_steps import StepKind
from pcmt_desktop.domain.hotspots import HotspotKind
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.registry import Services
from tests.services.support import expect_refusal, expect_write
from tests.services.test_management_periods import (
    add_compulsory_rehab,
    add_person,
    add_stay,
    set_due_date,
)

TODAY = date(2026, 11, 23)
HISTORY = {Entity.PERSON_HISTORY, Entity.PERSON}
USER_RULE = "12 tháng theo Luật Phòng, chống ma túy 2021, Điều 23"
POST_REHAB_RULE = "12 tháng theo Luật Phòng, chống ma túy 2021, Điều 40"


@dataclass(frozen=True)
class Office:
    """Stay ids of a small office, named by what their term makes them today."""

    overdue: int  # due 01/10/2026
    overdue_same_day: int  # due 01/10/2026 too, name sorts first
    due_today: int  # sau_cai, due 23/11/2026
    own_due_date: int  # due 30/11/2026 by its decision
    soon: int  # due 10/12/2026
    beyond_window: int  # due 24/12/2026
    after_adult_cnbb: int  # sau_cai for 24 months: due 01/06/2027
    ended: int
    addict: int


@pytest.fixture
def office(services: Services) -> Office:
    return build_office(services)


def build_office(services: Services) -> Office:
    """Persons and stays through the services (and one CNBB dossier written directly)."""

    def person(name: str, sub_area: int = 0) -> int:
        return add_person(services, name, sub_area=sub_area)

    user, post_rehab = ManagementList.USER, ManagementList.POST_REHAB
    adult = person("Quách Văn Bền")
    add_compulsory_rehab(services, adult, date(2024, 6, 1))
    own = add_stay(services, person("Đinh Thị Hoa"), user, date(2026, 5, 30))
    set_due_date(services, own, date(2026, 11, 30))
    ended_person = person("Khổng Văn Lực")
    return Office(
        overdue=add_stay(services, person("Nguyễn Văn An", 1), user, date(2025, 10, 1)),
        overdue_same_day=add_stay(services, person("Âu Văn Bảo", 2), user, date(2025, 10, 1)),
        due_today=add_stay(services, person("Trịnh Thị Cúc", 3), post_rehab, date(2025, 11, 23)),
        own_due_date=own,
        soon=add_stay(services, person("Phan Văn Dư"), user, date(2025, 12, 10)),
        beyond_window=add_stay(services, person("Lê Thị Gấm"), user, date(2025, 12, 24)),
        after_adult_cnbb=add_stay(services, adult, post_rehab, date(2025, 6, 1)),
        ended=add_stay(
            services,
            ended_person,
            user,
            date(2025, 1, 1),
            date(2025, 6, 1),
            end_reason="Đi khỏi địa phương",
        ),
        addict=add_stay(services, person("Mai Văn Khỏe"), ManagementList.ADDICT, date(2020, 1, 1)),
    )


def ids(alerts: list[Alert]) -> list[int]:
    return [alert.record_id for alert in alerts]


# --- stays_due -----------------------------------------------------------------------------
def test_overdue_first_then_by_due_date_within_thirty_days(
    services: Services, office: Office
) -> None:
    alerts = services.deadlines.stays_due(TODAY)
    assert ids(alerts) == [
        office.overdue_same_day,  # "Âu …" before "Nguyễn …" on the same due date
        office.overdue,
        office.due_today,
        office.own_due_date,
        office.soon,
    ]
    assert [(alert.due, alert.days_left, alert.overdue) for alert in alerts] == [
        (date(2026, 10, 1), -53, True),
        (date(2026, 10, 1), -53, True),
        (date(2026, 11, 23), 0, False),
        (date(2026, 11, 30), 7, False),
        (date(2026, 12, 10), 17, False),
    ]


def test_an_alert_names_the_person_the_sub_area_and_the_rule(
    services: Services, office: Office
) -> None:
    alerts = {alert.record_id: alert for alert in services.deadlines.stays_due(TODAY)}
    overdue = alerts[office.overdue]
    person_id = services.persons.find("Nguyễn Văn An")[0].id
    assert overdue == Alert(
        kind="list_stay",
        record_id=office.overdue,
        person_id=person_id,
        title="Nguyễn Văn An",
        what=f"Hết thời hạn quản lý người sử dụng ({USER_RULE})",
        sub_area_name="Thôn Đoài",
        due=date(2026, 10, 1),
        days_left=-53,
    )
    assert alerts[office.due_today].what == (
        f"Hết thời hạn quản lý sau cai nghiện ({POST_REHAB_RULE})"
    )
    assert alerts[office.own_due_date].what == (
        "Hết thời hạn quản lý người sử dụng (theo quyết định quản lý, đến 30/11/2026)"
    )


@pytest.mark.parametrize(
    ("within_days", "expected"),
    [
        (0, ["overdue_same_day", "overdue", "due_today"]),
        (7, ["overdue_same_day", "overdue", "due_today", "own_due_date"]),
        (30, ["overdue_same_day", "overdue", "due_today", "own_due_date", "soon"]),
        (31, ["overdue_same_day", "overdue", "due_today", "own_due_date", "soon", "beyond_window"]),
    ],
)
def test_the_window_counts_days_from_today(
    services: Services, office: Office, within_days: int, expected: list[str]
) -> None:
    alerts = services.deadlines.stays_due(TODAY, within_days=within_days)
    assert ids(alerts) == [getattr(office, name) for name in expected]


def test_a_twenty_four_month_stay_is_due_only_after_two_years(
    services: Services, office: Office
) -> None:
    later = services.deadlines.stays_due(date(2027, 5, 31), within_days=0)
    assert office.after_adult_cnbb not in ids(later)
    on_the_day = services.deadlines.stays_due(date(2027, 6, 1), within_days=0)
    assert office.after_adult_cnbb in ids(on_the_day)


def test_a_stay_due_at_a_months_end_is_not_missed(services: Services) -> None:
    # One month from 31/01 is 28/02: the start may lie after "horizon minus one month".
    services.legal.add_rule(RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2026, 1, 1), 1, "Thử")
    stay = add_stay(
        services, add_person(services, "Giáp Văn Hải"), ManagementList.USER, date(2026, 1, 31)
    )
    assert ids(services.deadlines.stays_due(date(2026, 2, 1), within_days=27)) == [stay]
    assert ids(services.deadlines.stays_due(date(2026, 2, 1), within_days=26)) == []


def test_a_stay_no_rule_covers_is_shown_not_hidden(services: Services) -> None:
    person = add_person(services, "Ninh Văn Ích", sub_area=1)
    stay = add_stay(services, person, ManagementList.USER, date(2021, 6, 1))
    (alert,) = services.deadlines.stays_due(TODAY)
    assert (alert.record_id, alert.due, alert.overdue) == (stay, date(2021, 6, 1), True)
    assert alert.what == (
        "Chưa xác định được thời hạn: Chưa có quy định “Thời hạn quản lý người sử dụng "
        "trái phép (tháng)” áp dụng cho ngày 01/06/2021."
    )
    with expect_refusal(
        services,
        "Ninh Văn Ích: Chưa có quy định “Thời hạn quản lý người sử dụng trái phép (tháng)” "
        "áp dụng cho ngày 01/06/2021.",
    ):
        services.deadlines.end_due_stays([stay])


def test_nothing_due_in_an_empty_registry(services: Services) -> None:
    assert services.deadlines.stays_due(TODAY) == []


# --- end_due_stays -------------------------------------------------------------------------
def test_ending_in_bulk_ends_each_stay_on_its_own_due_date(
    services: Services, office: Office
) -> None:
    chosen = [office.overdue, office.due_today]
    person_of = {a.record_id: a.person_id for a in services.deadlines.stays_due(TODAY)}
    persons = [person_of[stay] for stay in chosen]
    known = [person for person in persons if person is not None]
    with expect_write(services, HISTORY, known, audit_rows=2) as written:
        assert services.deadlines.end_due_stays(chosen) == 2

    for stay, due in ((office.overdue, date(2026, 10, 1)), (office.due_today, TODAY)):
        person_id = person_of[stay]
        assert person_id is not None
        (entry,) = services.histories.entries(person_id, HistoryKind.LIST)
        assert (entry.id, entry.end, entry.values["end_reason"]) == (
            stay,
            due,
            "Hết thời gian quản lý",
        )
        assert services.histories.list_on(person_id, due) is None
    first, second = written.audit
    assert (first.action, first.entity, first.entity_id) == ("ket_thuc", "list_stay", chosen[0])
    assert (second.entity_id, second.action) == (chosen[1], "ket_thuc")
    assert first.before is not None
    assert first.after is not None
    assert (first.before["end_date"], first.after["end_date"]) == (None, "2026-10-01")
    assert first.after["end_reason"] == "Hết thời gian quản lý"
    assert first.summary == (
        "Nguyễn Văn An — thanh loại khỏi diện Sử dụng ngày 01/10/2026: "
        f"Hết thời gian quản lý ({USER_RULE})"
    )
    assert ids(services.deadlines.stays_due(TODAY)) == [
        office.overdue_same_day,
        office.own_due_date,
        office.soon,
    ]


def test_a_reason_of_the_officers_choice_is_recorded(services: Services, office: Office) -> None:
    services.deadlines.end_due_stays([office.overdue], reason="  Hết thời gian   quản lý (QĐ 12) ")
    alert_person = services.persons.find("Nguyễn Văn An")[0].id
    (entry,) = services.histories.entries(alert_person, HistoryKind.LIST)
    assert entry.values["end_reason"] == "Hết thời gian quản lý (QĐ 12)"


def test_repeated_ids_end_a_stay_once(services: Services, office: Office) -> None:
    person = services.persons.find("Nguyễn Văn An")[0].id
    with expect_write(services, HISTORY, [person], audit_rows=1):
        assert services.deadlines.end_due_stays([office.overdue, office.overdue]) == 1


def test_one_stay_not_yet_due_refuses_the_whole_batch(services: Services, office: Office) -> None:
    with expect_refusal(
        services,
        "Đinh Thị Hoa: chưa đến hạn (hết thời hạn quản lý ngày 30/11/2026).",
        "Phan Văn Dư: chưa đến hạn (hết thời hạn quản lý ngày 10/12/2026).",
    ):
        services.deadlines.end_due_stays(
            [office.overdue, office.own_due_date, office.due_today, office.soon]
        )


def test_ended_unknown_and_termless_stays_are_refused_by_name(
    services: Services, office: Office
) -> None:
    with expect_refusal(
        services,
        "Khổng Văn Lực: đã thanh loại ngày 01/06/2025.",
        "Mai Văn Khỏe: diện Nghiện không có thời hạn quản lý để thanh loại.",
        "Không tìm thấy mục diện quản lý số 999999 (có thể đã bị xóa).",
    ):
        services.deadlines.end_due_stays([office.ended, office.addict, 999_999, office.overdue])


def test_a_batch_cannot_be_ended_twice(services: Services, office: Office) -> None:
    services.deadlines.end_due_stays([office.overdue])
    with expect_refusal(services, "Nguyễn Văn An: đã thanh loại ngày 01/10/2026."):
        services.deadlines.end_due_stays([office.overdue, office.due_today])


@pytest.mark.parametrize(
    ("stay_ids", "reason", "message"),
    [
        ([], "Hết thời gian quản lý", "Chưa chọn mục nào để thanh loại."),
        (None, "   ", "Chưa nhập lý do thanh loại."),
        (None, "x" * 201, "Lý do thanh loại dài 201 ký tự; tối đa 200 ký tự."),
    ],
)
def test_nothing_chosen_or_no_reason_is_refused(
    services: Services, office: Office, stay_ids: list[int] | None, reason: str, message: str
) -> None:
    with expect_refusal(services, message):
        services.deadlines.end_due_stays(
            [office.overdue] if stay_ids is None else stay_ids, reason=reason
        )


def test_a_due_date_before_the_start_is_refused_not_stored(
    services: Services, office: Office
) -> None:
    set_due_date(services, office.soon, date(2025, 12, 1))
    with expect_refusal(
        services,
        "Phan Văn Dư: hạn quản lý (01/12/2025) ở trước ngày đưa vào diện (10/12/2025); "
        "hãy sửa lại mục này trong hồ sơ.",
    ):
        services.deadlines.end_due_stays([office.soon])


# --- all alerts ------------------------------------------------------------------------------
def test_all_alerts_gathers_stays_dossiers_and_hotspots(services: Services, office: Office) -> None:
    area = services.office.sub_areas()[0].id
    hotspot = services.hotspots.add(
        HotspotInput(
            kind=HotspotKind.COMPLEX_POINT.value,
            name="Quán nước ven đê",
            entered_on=date(2026, 6, 1),
            sub_area_id=area,
        )
    )
    late, near = (
        services.dossiers.open_dossier(add_person(services, name), found_on=day, created_on=day).id
        for name, day in (
            ("Triệu Văn Muộn", date(2026, 10, 1)),
            ("Triệu Thị Sát", date(2026, 11, 2)),
        )
    )
    for dossier, accepted in ((late, date(2026, 10, 6)), (near, date(2026, 11, 13))):
        services.dossiers.add_step(dossier, StepKind.SENT_TO_COURT, accepted)
        services.dossiers.add_step(dossier, StepKind.COURT_ACCEPTED, accepted)

    alerts = services.deadlines.all_alerts(TODAY)

    by_kind = {
        kind: [alert.record_id for alert in alerts if alert.kind == kind]
        for kind in ("list_stay", "dossier", "hotspot")
    }
    assert by_kind == {
        "list_stay": ids(services.deadlines.stays_due(TODAY)),
        "dossier": [late, near],
        "hotspot": [hotspot.id],
    }
    assert len(alerts) == sum(len(found) for found in by_kind.values())
    dossier_alerts = [alert for alert in alerts if alert.kind == "dossier"]
    assert [(alert.overdue, alert.days_left) for alert in dossier_alerts] == [
        (True, -33),
        (False, 5),
    ]
    (hotspot_alert,) = (alert for alert in alerts if alert.kind == "hotspot")
    assert (hotspot_alert.title, hotspot_alert.due) == ("Quán nước ven đê", date(2026, 9, 1))
