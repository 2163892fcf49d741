"""CNBB dossiers: steps and status, legal limits by the rule in force, the person's
location and the move to post-rehab, the listing, and refusals that write nothing."""

from datetime import date, timedelta

import pytest

from pcmt_desktop.domain.dossier_steps import COMPLEX_CASE, StatusGroup, StepKind
from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.dossier_listing import DossierCriteria, DossierSort
from pcmt_desktop.services.dossiers import DossierRecord
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.services.support import expect_refusal, expect_write

DOSSIER = {"dossier"}
WITH_HISTORY = {"dossier", Entity.PERSON_HISTORY, Entity.PERSON}
TODAY = date(2026, 11, 23)
FACILITY = "Cơ sở cai nghiện ma túy số 2"


def _person(services: Services, name: str, birth_year: int | None = 1990, **extra: object) -> int:
    return services.persons.add(PersonInput(name, birth_year=birth_year, **extra)).id  # type: ignore[arg-type]


def _addict(services: Services, person_id: int, since: date) -> None:
    services.histories.add(
        HistoryKind.LIST,
        person_id,
        HistoryInput(
            since, None, {"list_key": "nghien", "start_reason": "Xác định tình trạng nghiện"}
        ),
    )
    services.histories.add(
        HistoryKind.ADDICT_LOCATION,
        person_id,
        HistoryInput(since, None, {"location": "cong_dong", "facility": ""}),
    )


@pytest.fixture
def person_id(services: Services) -> int:
    pid = _person(services, "Lò Văn Khải")
    _addict(services, pid, date(2024, 12, 2))
    return pid


def _to_court(services: Services, person_id: int, found_on: date) -> DossierRecord:
    """A dossier accepted by the court 3 weeks after the finding (all steps on weekdays)."""
    dossier = services.dossiers.open_dossier(person_id, found_on, found_on + timedelta(days=2))
    dossier_id = dossier.id
    services.dossiers.add_step(dossier_id, StepKind.NOTIFIED, found_on + timedelta(days=3))
    services.dossiers.add_step(dossier_id, StepKind.LEGALITY_CHECKED, found_on + timedelta(days=7))
    services.dossiers.add_step(dossier_id, StepKind.SENT_TO_COURT, found_on + timedelta(days=14))
    return services.dossiers.add_step(
        dossier_id, StepKind.COURT_ACCEPTED, found_on + timedelta(days=17)
    )


def _into_facility(services: Services, person_id: int, term: int = 12) -> DossierRecord:
    """Found 06/01/2025, decided ``term`` months, taken in on 10/02/2025."""
    dossier = _to_court(services, person_id, date(2025, 1, 6))
    services.dossiers.add_step(dossier.id, StepKind.DECIDED, date(2025, 1, 30), term_months=term)
    return services.dossiers.add_step(
        dossier.id, StepKind.ENTERED_FACILITY, date(2025, 2, 10), reason=FACILITY
    )


# --- opening and steps -------------------------------------------------------------------------
def test_open_dossier_writes_the_first_step_audited(services: Services, person_id: int) -> None:
    with expect_write(services, DOSSIER, [person_id]) as written:
        record = services.dossiers.open_dossier(
            person_id, date(2026, 2, 2), date(2026, 2, 4), "  Phát hiện qua   test  "
        )
    assert [step.kind for step in record.steps] == [StepKind.CREATED]
    assert record.created_on == date(2026, 2, 4)
    assert record.note == "Phát hiện qua test"
    assert record.status == "Đang lập hồ sơ"
    assert record.group is StatusGroup.PROCESSING
    (row,) = written.audit
    assert (row.action, row.entity, row.entity_id) == ("tao", "dossier", record.id)
    assert row.after is not None and row.after["steps"][0]["step"] == "lap_ho_so"
    # The creation limit: 5 working days from Monday 02/02/2026 is Monday 09/02/2026.
    (limit,) = record.limits
    assert (limit.due, limit.done_on, limit.pending) == (date(2026, 2, 9), date(2026, 2, 4), False)
    assert limit.source == "Nghị định 116/2021/NĐ-CP"
    assert not limit.late(TODAY)


def test_late_creation_is_shown_as_done_late(services: Services, person_id: int) -> None:
    record = services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 12))
    (limit,) = record.limits
    assert limit.late(TODAY)
    assert limit.state(TODAY) == "Thực hiện chậm 03 ngày (12/02/2026)"


def test_status_follows_the_latest_step(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2026, 2, 2))
    assert record.status == "Tòa án đã thụ lý"
    record = services.dossiers.add_step(record.id, "quyet_dinh", date(2026, 3, 2), term_months=18)
    assert record.status == "Đã có quyết định (18 tháng)"
    assert record.allowed_next() == [StepKind.ENTERED_FACILITY, StepKind.CLOSED_UNEXECUTED]
    record = services.dossiers.add_step(
        record.id, StepKind.CLOSED_UNEXECUTED, date(2026, 3, 10), reason="Đối tượng bỏ trốn"
    )
    assert record.status == "Kết thúc không thi hành (Đối tượng bỏ trốn)"
    assert record.group is StatusGroup.CLOSED
    assert record.allowed_next() == []


def test_each_step_is_audited_with_the_dossier(services: Services, person_id: int) -> None:
    record = services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 4))
    with expect_write(services, DOSSIER, [person_id]) as written:
        record = services.dossiers.add_step(
            record.id, StepKind.SENT_TO_COURT, date(2026, 2, 10), note="Công văn số 12"
        )
    (row,) = written.audit
    step = record.step(StepKind.SENT_TO_COURT)
    assert step is not None and step.note == "Công văn số 12"
    assert (row.action, row.entity, row.entity_id) == ("tao", "dossier_step", step.id)
    assert "Chuyển Tòa án ngày 10/02/2026" in row.summary


# --- refusals ----------------------------------------------------------------------------------
def test_a_step_before_the_one_it_needs_is_refused(services: Services, person_id: int) -> None:
    record = services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 4))
    with expect_refusal(services, "Bước “Tòa án thụ lý” cần có bước “Chuyển Tòa án” trước."):
        services.dossiers.add_step(record.id, StepKind.COURT_ACCEPTED, date(2026, 2, 10))
    with expect_refusal(
        services,
        "Bước “Đưa vào cơ sở cai nghiện” cần có bước "
        "“Quyết định đưa vào cơ sở cai nghiện bắt buộc” trước.",
    ):
        services.dossiers.add_step(
            record.id, StepKind.ENTERED_FACILITY, date(2026, 2, 10), reason=FACILITY
        )


def test_dates_never_go_backwards_nor_into_the_future(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2026, 2, 2))
    with expect_refusal(
        services,
        "Ngày quyết định đưa vào cơ sở cai nghiện bắt buộc (10/02/2026) ở trước ngày "
        "tòa án thụ lý (19/02/2026).",
    ):
        services.dossiers.add_step(record.id, StepKind.DECIDED, date(2026, 2, 10), term_months=12)
    with expect_refusal(
        services,
        "Ngày quyết định đưa vào cơ sở cai nghiện bắt buộc (24/11/2026) ở sau ngày hôm nay "
        "(23/11/2026).",
    ):
        services.dossiers.add_step(record.id, StepKind.DECIDED, date(2026, 11, 24), term_months=24)


def test_an_earlier_step_cannot_follow_a_later_one(services: Services, person_id: int) -> None:
    record = services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 4))
    services.dossiers.add_step(record.id, StepKind.SENT_TO_COURT, date(2026, 2, 10))
    with expect_refusal(
        services,
        "Bước “Thông báo và đọc hồ sơ” đứng trước bước “Chuyển Tòa án” trong trình tự; "
        "không thể thêm sau bước đó.",
    ):
        services.dossiers.add_step(record.id, StepKind.NOTIFIED, date(2026, 2, 11))


def test_nothing_after_a_closing_step(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2026, 2, 2))
    services.dossiers.add_step(record.id, StepKind.NOT_APPLIED, date(2026, 3, 1))
    with expect_refusal(
        services,
        "Hồ sơ đã kết thúc ở bước “Quyết định không áp dụng” ngày 01/03/2026; "
        "không thêm bước nào nữa.",
    ):
        services.dossiers.add_step(record.id, StepKind.DECIDED, date(2026, 3, 2), term_months=24)


def test_required_fields_of_a_step(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2026, 2, 2))
    with expect_refusal(services, "Chưa nhập lý do."):
        services.dossiers.add_step(record.id, StepKind.CLOSED_UNEXECUTED, date(2026, 3, 1))
    with expect_refusal(services, "Chưa nhập thời hạn cai nghiện bắt buộc (tháng)."):
        services.dossiers.add_step(record.id, StepKind.DECIDED, date(2026, 3, 1))
    with expect_refusal(services, "Bước “xyz” không có trong trình tự."):
        services.dossiers.add_step(record.id, "xyz", date(2026, 3, 1))


def test_the_term_follows_the_rule_in_force_on_the_decision_day(
    services: Services, person_id: int
) -> None:
    before = _to_court(services, person_id, date(2026, 5, 4))  # accepted 21/05/2026
    old_law = "Luật Phòng, chống ma túy 2021, Điều 33"
    with expect_refusal(
        services,
        f"Thời hạn 30 tháng không đúng quy định: từ 12 đến 24 tháng đối với người thành niên "
        f"({old_law}).",
    ):
        services.dossiers.add_step(before.id, StepKind.DECIDED, date(2026, 6, 1), term_months=30)
    # From 01/07/2026 the new law: 24 to 36 months; 12 is no longer allowed.
    with expect_refusal(
        services,
        "Thời hạn 12 tháng không đúng quy định: từ 24 đến 36 tháng đối với người thành niên "
        "(Luật 120/2025/QH15 sửa đổi Luật Phòng, chống ma túy).",
    ):
        services.dossiers.add_step(before.id, StepKind.DECIDED, date(2026, 7, 1), term_months=12)
    record = services.dossiers.add_step(
        before.id, StepKind.DECIDED, date(2026, 7, 1), term_months=30
    )
    assert record.status == "Đã có quyết định (30 tháng)"


def test_a_minor_gets_the_minor_term(services: Services) -> None:
    minor = _person(services, "Hà Thị Mây", birth_date=date(2010, 5, 1), birth_year=2010)
    record = _to_court(services, minor, date(2026, 2, 2))
    allowed = services.dossiers.term_range(minor, date(2026, 3, 1))
    assert (allowed.low, allowed.high, allowed.minor) == (6, 12, True)
    with pytest.raises(Exception, match="từ 6 đến 12 tháng đối với người từ đủ 12"):
        services.dossiers.add_step(record.id, StepKind.DECIDED, date(2026, 3, 1), term_months=18)
    services.dossiers.add_step(record.id, StepKind.DECIDED, date(2026, 3, 1), term_months=9)


def test_a_child_under_twelve_is_refused(services: Services) -> None:
    child = _person(services, "Vi Văn Nhỏ", birth_year=2016)
    with expect_refusal(
        services,
        "Vi Văn Nhỏ chưa đủ 12 tuổi vào ngày phát hiện; không áp dụng biện pháp đưa vào cơ sở "
        "cai nghiện bắt buộc.",
    ):
        services.dossiers.open_dossier(child, date(2026, 2, 2), date(2026, 2, 4))


def test_open_dossier_refusals(services: Services, person_id: int) -> None:
    with expect_refusal(
        services, "Ngày lập hồ sơ (01/02/2026) ở trước ngày phát hiện (02/02/2026)."
    ):
        services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 1))
    with expect_refusal(
        services,
        "Ngày phát hiện (24/11/2026) ở sau ngày hôm nay (23/11/2026).",
        "Ngày lập hồ sơ (25/11/2026) ở sau ngày hôm nay (23/11/2026).",
    ):
        services.dossiers.open_dossier(person_id, date(2026, 11, 24), date(2026, 11, 25))
    services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 4))
    with expect_refusal(
        services,
        "Lò Văn Khải đang có hồ sơ CNBB chưa kết thúc (phát hiện ngày 02/02/2026, đang lập hồ sơ).",
    ):
        services.dossiers.open_dossier(person_id, date(2026, 5, 2), date(2026, 5, 4))
    with pytest.raises(NotFoundError):
        services.dossiers.open_dossier(99999, date(2026, 2, 2), date(2026, 2, 4))


# --- limits ------------------------------------------------------------------------------------
def test_court_limit_uses_the_rule_in_force_on_acceptance(
    services: Services, person_id: int
) -> None:
    services.legal.add_rule(
        RuleKey.CNBB_COURT_DECISION_DAYS, date(2026, 9, 1), 20, "Pháp lệnh sửa đổi (thử)"
    )
    other = _person(services, "Đinh Văn Tám")
    old = _to_court(services, person_id, date(2026, 8, 3))  # accepted 20/08/2026
    new = _to_court(services, other, date(2026, 9, 7))  # accepted 24/09/2026
    old_court = old.limits[1]
    new_court = new.limits[1]
    assert (old_court.starts, old_court.due) == (date(2026, 8, 20), date(2026, 9, 4))
    assert old_court.source == "Pháp lệnh 01/2022/UBTVQH15"
    assert (new_court.starts, new_court.due) == (date(2026, 9, 24), date(2026, 10, 14))
    assert new_court.source == "Pháp lệnh sửa đổi (thử)"
    assert all(limit.pending for limit in (old_court, new_court))
    assert old_court.state(TODAY) == "Quá hạn 80 ngày"


def test_dossier_working_days_rule_change(services: Services, person_id: int) -> None:
    services.legal.add_rule(
        RuleKey.CNBB_DOSSIER_WORKING_DAYS, date(2026, 6, 1), 10, "Nghị định mới (thử)"
    )
    before = services.dossiers.open_dossier(person_id, date(2026, 5, 25), date(2026, 5, 26))
    services.dossiers.add_step(
        before.id, StepKind.CLOSED_UNEXECUTED, date(2026, 5, 27), reason="Trả hồ sơ"
    )
    after = services.dossiers.open_dossier(person_id, date(2026, 6, 1), date(2026, 6, 2))
    assert before.limits[0].due == date(2026, 6, 1)  # 5 working days from Monday 25/05
    assert after.limits[0].due == date(2026, 6, 15)  # 10 working days from Monday 01/06


def test_complex_case_gets_the_longer_limit(services: Services, person_id: int) -> None:
    record = services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 4))
    services.dossiers.add_step(record.id, StepKind.SENT_TO_COURT, date(2026, 2, 10))
    record = services.dossiers.add_step(
        record.id, StepKind.COURT_ACCEPTED, date(2026, 2, 12), reason=COMPLEX_CASE
    )
    court = record.limits[1]
    assert court.due == date(2026, 3, 14)
    assert "vụ việc phức tạp" in court.what


def test_past_limit_and_due_soon(services: Services, person_id: int) -> None:
    late = _to_court(services, person_id, date(2026, 8, 3))  # court due 04/09/2026
    soon_person = _person(services, "Mã Thị Lan", sub_area_id=services.office.sub_areas()[1].id)
    soon = _to_court(services, soon_person, date(2026, 10, 26))  # accepted 12/11 → 27/11
    quiet = _person(services, "Nông Văn Sáu")
    services.dossiers.open_dossier(quiet, date(2026, 11, 2), date(2026, 11, 3))
    (overdue,) = services.dossiers.past_limit(TODAY)
    assert (overdue.kind, overdue.record_id, overdue.person_id) == ("dossier", late.id, person_id)
    assert overdue.due == date(2026, 9, 4) and overdue.overdue
    assert overdue.title == "Lò Văn Khải"
    (coming,) = services.dossiers.due_soon(TODAY, 7)
    assert (coming.record_id, coming.days_left) == (soon.id, 4)
    assert coming.sub_area_name == "Thôn Đoài"
    assert services.dossiers.due_soon(TODAY, 3) == []
    # A decision stops the clock.
    services.dossiers.add_step(late.id, StepKind.DECIDED, TODAY, term_months=24)
    assert services.dossiers.past_limit(TODAY) == []


# --- the facility and post-rehab ---------------------------------------------------------------
def test_entering_the_facility_moves_the_addict_in_one_write(
    services: Services, person_id: int
) -> None:
    record = _to_court(services, person_id, date(2025, 1, 6))
    services.dossiers.add_step(record.id, StepKind.DECIDED, date(2025, 1, 30), term_months=12)
    with expect_write(services, WITH_HISTORY, [person_id], audit_rows=3) as written:
        record = services.dossiers.add_step(
            record.id, StepKind.ENTERED_FACILITY, date(2025, 2, 10), reason=FACILITY
        )
    assert record.status == "Đang chấp hành tại cơ sở"
    assert record.group is StatusGroup.EXECUTING
    locations = services.histories.entries(person_id, HistoryKind.ADDICT_LOCATION)
    assert [(e.start, e.end, e.values["location"], e.values["facility"]) for e in locations] == [
        (date(2024, 12, 2), date(2025, 2, 10), "cong_dong", ""),
        (date(2025, 2, 10), None, "co_so", FACILITY),
    ]
    assert [(row.entity, row.action) for row in written.audit] == [
        ("dossier_step", "tao"),
        ("addict_location", "ket_thuc"),
        ("addict_location", "tao"),
    ]
    term = record.limits[-1]
    assert (term.due, term.pending) == (date(2026, 2, 10), True)
    assert term.what == "Hết thời hạn chấp hành quyết định (12 tháng)"


def test_entering_while_already_inside_is_refused(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2025, 1, 6))
    services.dossiers.add_step(record.id, StepKind.DECIDED, date(2025, 1, 30), term_months=12)
    location = services.histories.entries(person_id, HistoryKind.ADDICT_LOCATION)[0]
    services.histories.end(HistoryKind.ADDICT_LOCATION, location.id, date(2025, 2, 1))
    services.histories.add(
        HistoryKind.ADDICT_LOCATION,
        person_id,
        HistoryInput(date(2025, 2, 1), None, {"location": "co_so", "facility": "Cơ sở A"}),
    )
    with expect_refusal(
        services, "Lò Văn Khải đang ở cơ sở cai nghiện Cơ sở A từ ngày 01/02/2025."
    ):
        services.dossiers.add_step(
            record.id, StepKind.ENTERED_FACILITY, date(2025, 2, 10), reason=FACILITY
        )
    # The demo's way: the history already says it; only the step is written.
    with expect_write(services, DOSSIER, [person_id]):
        services.dossiers.add_step(
            record.id,
            StepKind.ENTERED_FACILITY,
            date(2025, 2, 1),
            reason="Cơ sở A",
            update_location=False,
        )
    assert len(services.histories.entries(person_id, HistoryKind.ADDICT_LOCATION)) == 2


def test_completion_ends_the_stay_and_offers_post_rehab(services: Services, person_id: int) -> None:
    record = _into_facility(services, person_id)
    with expect_write(services, WITH_HISTORY, [person_id], audit_rows=2):
        record = services.dossiers.add_step(record.id, StepKind.COMPLETED, date(2026, 2, 10))
    assert record.status == "Hoàn thành"
    assert not record.moved_to_post_rehab
    facility = services.histories.entries(person_id, HistoryKind.ADDICT_LOCATION)[-1]
    assert (facility.values["location"], facility.end) == ("co_so", date(2026, 2, 10))
    offer = services.dossiers.post_rehab_offer(record.id)
    assert offer == (date(2026, 2, 10), 24)  # an adult after CNBB: 2 years
    with expect_write(services, WITH_HISTORY, [person_id]) as written:
        services.dossiers.move_to_post_rehab(record.id)
    stays = services.histories.entries(person_id, HistoryKind.LIST)
    assert [(s.values["list_key"], s.start, s.end) for s in stays] == [
        ("nghien", date(2024, 12, 2), date(2026, 2, 10)),
        ("sau_cai", date(2026, 2, 10), None),
    ]
    assert stays[0].values["end_reason"] == "Chuyển sang danh sách khác"
    assert stays[1].values["start_reason"] == "Trở về từ cơ sở cai nghiện"
    (row,) = written.audit
    assert (row.entity, row.action) == ("list_stay", "chuyen_dien")
    assert row.after is not None and row.after["new_stay"]["due_date"] == "2028-02-10"
    assert services.dossiers.get(record.id).moved_to_post_rehab
    with expect_refusal(services, "Lò Văn Khải đang ở diện sau cai nghiện từ ngày 10/02/2026."):
        services.dossiers.move_to_post_rehab(record.id)


def test_post_rehab_of_a_minor_is_one_year(services: Services) -> None:
    minor = _person(services, "Sầm Văn Út", birth_year=None, birth_date=date(2009, 6, 1))
    record = _to_court(services, minor, date(2025, 1, 6))
    services.dossiers.add_step(record.id, StepKind.DECIDED, date(2025, 1, 30), term_months=12)
    services.dossiers.add_step(
        record.id, StepKind.ENTERED_FACILITY, date(2025, 2, 10), reason=FACILITY
    )
    services.dossiers.add_step(record.id, StepKind.COMPLETED, date(2026, 2, 10))
    offer = services.dossiers.move_to_post_rehab(record.id)
    assert (offer.months, offer.due) == (12, date(2027, 2, 10))
    (stay,) = services.histories.entries(minor, HistoryKind.LIST)  # on no list before
    assert (stay.values["list_key"], stay.start) == ("sau_cai", date(2026, 2, 10))


def test_no_offer_before_completion(services: Services, person_id: int) -> None:
    record = _into_facility(services, person_id)
    with expect_refusal(
        services, "Hồ sơ chưa có bước “Hoàn thành”: chưa thể chuyển sang diện sau cai nghiện."
    ):
        services.dossiers.move_to_post_rehab(record.id)


# --- corrections and deletions -----------------------------------------------------------------
def test_correct_step_keeps_the_order(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2026, 2, 2))
    accepted = record.step(StepKind.COURT_ACCEPTED)
    assert accepted is not None
    with expect_write(services, DOSSIER, [person_id]) as written:
        record = services.dossiers.correct_step(accepted.id, date(2026, 2, 20), note="Sửa ngày")
    assert record.limits[1].starts == date(2026, 2, 20)
    (row,) = written.audit
    assert row.before is not None and row.before["step_date"] == "2026-02-19"
    with expect_refusal(
        services,
        "Ngày tòa án thụ lý (10/02/2026) ở trước ngày chuyển tòa án (16/02/2026).",
    ):
        services.dossiers.correct_step(accepted.id, date(2026, 2, 10))


def test_delete_step_rules(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2026, 2, 2))
    first = record.step(StepKind.CREATED)
    notified = record.step(StepKind.NOTIFIED)
    sent = record.step(StepKind.SENT_TO_COURT)
    assert first is not None and notified is not None and sent is not None
    with expect_refusal(
        services,
        "Không xóa được bước “Lập hồ sơ”: đó là bước đầu tiên của hồ sơ. "
        "Nếu cả hồ sơ nhập nhầm, hãy xóa hồ sơ.",
    ):
        services.dossiers.delete_step(first.id)
    with expect_refusal(
        services,
        "Không xóa được bước “Chuyển Tòa án”: bước “Tòa án thụ lý” cần có bước "
        "“Chuyển Tòa án” trước. Hãy xóa bước sau trước.",
    ):
        services.dossiers.delete_step(sent.id)
    with expect_write(services, DOSSIER, [person_id]):
        record = services.dossiers.delete_step(notified.id)
    assert StepKind.NOTIFIED not in [step.kind for step in record.steps]
    # The deleted step stays in the dossier's history.
    history = services.dossiers.history(record.id)
    assert [entry.action for entry in history][:1] == ["xoa"]
    assert history[-1].entity == "dossier"
    assert len(history) == 6


def test_delete_dossier(services: Services, person_id: int) -> None:
    record = _to_court(services, person_id, date(2026, 2, 2))
    with expect_write(services, DOSSIER, [person_id]) as written:
        services.dossiers.delete_dossier(record.id)
    (row,) = written.audit
    assert row.before is not None and len(row.before["steps"]) == 5
    with pytest.raises(NotFoundError):
        services.dossiers.get(record.id)
    assert services.dossiers.count() == 0


def test_update_dossier_checks_the_finding_day(services: Services, person_id: int) -> None:
    record = services.dossiers.open_dossier(person_id, date(2026, 2, 2), date(2026, 2, 4))
    with expect_refusal(
        services, "Ngày lập hồ sơ (04/02/2026) ở trước ngày phát hiện (05/02/2026)."
    ):
        services.dossiers.update_dossier(record.id, date(2026, 2, 5))
    record = services.dossiers.update_dossier(record.id, date(2026, 2, 3), "Ghi chú")
    assert (record.found_on, record.note) == (date(2026, 2, 3), "Ghi chú")


# --- listing -----------------------------------------------------------------------------------
@pytest.fixture
def registry(services: Services, person_id: int) -> dict[str, int]:
    areas = services.office.sub_areas()
    ids: dict[str, int] = {}
    ids["late"] = _to_court(services, person_id, date(2026, 8, 3)).id
    inside = _person(services, "Bế Thị Hoa", sub_area_id=areas[1].id)
    _addict(services, inside, date(2024, 11, 4))
    ids["inside"] = _into_facility(services, inside, term=24).id  # due 10/02/2027
    closed = _person(services, "Hoàng Văn Chín", birth_year=1985, sub_area_id=areas[2].id)
    record = services.dossiers.open_dossier(closed, date(2026, 10, 5), date(2026, 10, 6))
    services.dossiers.add_step(
        record.id, StepKind.CLOSED_UNEXECUTED, date(2026, 10, 20), reason="Đối tượng chết"
    )
    ids["closed"] = record.id
    return ids


def _ids(services: Services, **criteria: object) -> list[int]:
    return services.dossiers.ordered_ids(DossierCriteria(**criteria))  # type: ignore[arg-type]


def test_listing_filters(services: Services, registry: dict[str, int]) -> None:
    late, inside, closed = registry["late"], registry["inside"], registry["closed"]
    assert _ids(services) == [closed, late, inside]  # latest created first
    assert _ids(services, text="be thi") == [inside]
    assert _ids(services, text="hoa be") == [inside]
    assert _ids(services, group=StatusGroup.PROCESSING.value) == [late]
    assert _ids(services, group=StatusGroup.EXECUTING.value) == [inside]
    assert _ids(services, group=StatusGroup.CLOSED.value) == [closed]
    assert _ids(services, late_only=True) == [late]
    assert _ids(services, sub_area_id=services.office.sub_areas()[2].id) == [closed]
    assert _ids(services, created_from=date(2026, 1, 1), created_to=date(2026, 9, 30)) == [late]


def test_listing_sorts(services: Services, registry: dict[str, int]) -> None:
    late, inside, closed = registry["late"], registry["inside"], registry["closed"]
    by = DossierSort
    assert _ids(services, sort=by.NAME, descending=False) == [inside, closed, late]
    # Equal birth years fall back on the name.
    assert _ids(services, sort=by.BIRTH_YEAR, descending=False) == [closed, inside, late]
    assert _ids(services, sort=by.STATUS, descending=False) == [late, inside, closed]
    # Next limit: the court's (04/09/2026) before the term's end (10/02/2027); none last.
    assert _ids(services, sort=by.NEXT_DUE, descending=False) == [late, inside, closed]
    assert _ids(services, sort=by.NEXT_DUE, descending=True) == [inside, late, closed]
    assert _ids(services, sort=by.SUB_AREA, descending=False) == [inside, closed, late]  # none last


def test_listing_rows(services: Services, registry: dict[str, int]) -> None:
    rows = services.dossiers.rows(list(registry.values()), DossierCriteria())
    late = rows[registry["late"]]
    assert (late.full_name, late.birth_year, late.sub_area_name) == ("Lò Văn Khải", 1990, "")
    assert late.status == "Tòa án đã thụ lý"
    assert late.next_limit is not None and late.next_limit.short == "Tòa án quyết định"
    assert late.overdue and late.days_left == -80
    inside = rows[registry["inside"]]
    assert inside.next_limit is not None and inside.next_limit.due == date(2027, 2, 10)
    assert inside.days_left == 79 and not inside.overdue
    closed = rows[registry["closed"]]
    assert closed.next_limit is None and closed.days_left is None
    assert closed.status == "Kết thúc không thi hành (Đối tượng chết)"
    assert services.dossiers.rows([], DossierCriteria()) == {}
