"""Dated histories: add, correct, end, delete and move for each kind, and every refusal."""

from datetime import date

import pytest

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.histories import HistoryEntry, HistoryInput
from pcmt_desktop.services.history_kinds import KIND_SPECS, HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.services.support import expect_refusal, expect_write

from .history_values import OTHER_MAIN_VALUE, VALID_VALUES

HISTORY = {Entity.PERSON_HISTORY, Entity.PERSON}
KINDS = list(HistoryKind)

MAR_1 = date(2026, 3, 1)
JUN_15 = date(2026, 6, 15)
TODAY = date(2026, 11, 23)
TOMORROW = date(2026, 11, 24)


@pytest.fixture
def person_id(services: Services) -> int:
    return services.persons.add(PersonInput("Lục Thị Ơn", birth_year=1990)).id


def on_list(services: Services, person_id: int, key: str, start: date) -> HistoryEntry:
    return services.histories.add(
        HistoryKind.LIST,
        person_id,
        HistoryInput(start, None, {"list_key": key, "start_reason": "Rà soát phát hiện mới"}),
    )


def values_with(kind: HistoryKind, /, **changes: str) -> dict[str, str]:
    return {**VALID_VALUES[kind], **changes}


# --- each kind: add, correct, end, delete ------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_add_stores_the_entry_and_audits_it(
    services: Services, person_id: int, kind: HistoryKind
) -> None:
    data = HistoryInput(MAR_1, None, values_with(kind))
    with expect_write(services, HISTORY, [person_id]) as written:
        entry = services.histories.add(kind, person_id, data)
    assert (entry.kind, entry.person_id, entry.start, entry.end) == (kind, person_id, MAR_1, None)
    for name, value in VALID_VALUES[kind].items():
        assert entry.values[name] == value
    assert services.histories.entries(person_id, kind) == [entry]
    assert services.histories.all_entries(person_id)[kind] == [entry]
    (row,) = written.audit
    assert (row.action, row.entity, row.entity_id, row.before) == (
        "tao",
        kind.value,
        entry.id,
        None,
    )
    assert row.after is not None
    assert row.after["start_date"] == "2026-03-01"
    assert row.after["end_date"] is None
    assert row.summary == f"Lục Thị Ơn — thêm {entry.describe()}"


@pytest.mark.parametrize("kind", KINDS)
def test_correct_replaces_dates_and_fields(
    services: Services, person_id: int, kind: HistoryKind
) -> None:
    entry = services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values_with(kind)))
    name, other = OTHER_MAIN_VALUE[kind]
    fixed = HistoryInput(date(2026, 2, 1), None, values_with(kind, **{name: other}))
    with expect_write(services, HISTORY, [person_id]) as written:
        corrected = services.histories.correct(kind, entry.id, fixed)
    assert (corrected.id, corrected.start, corrected.values[name]) == (
        entry.id,
        date(2026, 2, 1),
        other,
    )
    assert services.histories.entries(person_id, kind) == [corrected]
    (row,) = written.audit
    assert row.action == "sua"
    assert row.before is not None
    assert row.after is not None
    assert (row.before["start_date"], row.after["start_date"]) == ("2026-03-01", "2026-02-01")
    assert (row.before[name], row.after[name]) == (VALID_VALUES[kind][name], other)


@pytest.mark.parametrize("kind", KINDS)
def test_correct_that_changes_nothing_leaves_no_audit(
    services: Services, person_id: int, kind: HistoryKind
) -> None:
    entry = services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values_with(kind)))
    with expect_write(services, HISTORY, [person_id], audit_rows=0):
        services.histories.correct(kind, entry.id, entry.as_input())
    assert services.histories.entries(person_id, kind) == [entry]


@pytest.mark.parametrize("kind", KINDS)
def test_end_closes_a_running_entry(services: Services, person_id: int, kind: HistoryKind) -> None:
    entry = services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values_with(kind)))
    with expect_write(services, HISTORY, [person_id]) as written:
        ended = services.histories.end(kind, entry.id, JUN_15, "Hết thời gian quản lý")
    assert (ended.start, ended.end) == (MAR_1, JUN_15)
    if kind is HistoryKind.LIST:
        assert ended.values["end_reason"] == "Hết thời gian quản lý"
    (row,) = written.audit
    assert row.action == "ket_thuc"
    assert row.before is not None
    assert row.after is not None
    assert (row.before["end_date"], row.after["end_date"]) == (None, "2026-06-15")
    # Ending again is refused: it already ended.
    with expect_refusal(services, "Mục này đã kết thúc ngày 15/06/2026."):
        services.histories.end(kind, entry.id, TODAY, "Hết thời gian quản lý")


@pytest.mark.parametrize("kind", KINDS)
def test_delete_removes_an_entry_made_by_mistake(
    services: Services, person_id: int, kind: HistoryKind
) -> None:
    entry = services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values_with(kind)))
    with expect_write(services, HISTORY, [person_id]) as written:
        services.histories.delete(kind, entry.id)
    assert services.histories.entries(person_id, kind) == []
    (row,) = written.audit
    assert (row.action, row.after) == ("xoa", None)
    assert row.before is not None
    assert row.before["id"] == entry.id


@pytest.mark.parametrize("kind", KINDS)
def test_missing_entries_are_not_found(services: Services, kind: HistoryKind) -> None:
    label = KIND_SPECS[kind].label.lower()
    message = f"Không tìm thấy mục {label} số 77"
    with pytest.raises(NotFoundError, match=message):
        services.histories.correct(kind, 77, HistoryInput(MAR_1, None, values_with(kind)))
    with pytest.raises(NotFoundError, match=message):
        services.histories.end(kind, 77, TODAY)
    with pytest.raises(NotFoundError, match=message):
        services.histories.delete(kind, 77)


def test_add_for_a_missing_person_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError, match="Không tìm thấy đối tượng mã 5"):
        on_list(services, 5, "nghien", MAR_1)


# --- overlap --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_overlap_is_refused_and_the_conflicting_entry_described(
    services: Services, person_id: int, kind: HistoryKind
) -> None:
    first = services.histories.add(
        kind, person_id, HistoryInput(MAR_1, JUN_15, values_with(kind, end_reason="Nhập sai"))
    )
    spec = KIND_SPECS[kind]
    main = spec.fields[0]
    what = main.label_of(VALID_VALUES[kind][main.name])
    with expect_refusal(
        services,
        f"Trùng thời gian với mục đã có — {spec.label}: {what}, từ 01/03/2026 đến 15/06/2026. "
        "Hai khoảng thời gian cùng loại không được chồng lên nhau.",
    ):
        services.histories.add(
            kind, person_id, HistoryInput(date(2026, 6, 14), None, values_with(kind))
        )
    # Starting on the day the first one ends does not overlap.
    second = services.histories.add(kind, person_id, HistoryInput(JUN_15, None, values_with(kind)))
    # Nor may a correction stretch the first one over the second.
    with expect_refusal(
        services,
        f"Trùng thời gian với mục đã có — {second.describe()}. "
        "Hai khoảng thời gian cùng loại không được chồng lên nhau.",
    ):
        services.histories.correct(
            kind, first.id, HistoryInput(MAR_1, date(2026, 6, 16), dict(first.values))
        )


def test_overlap_message_for_a_list_names_the_list(services: Services, person_id: int) -> None:
    on_list(services, person_id, "nghien", MAR_1)
    with expect_refusal(
        services,
        "Trùng thời gian với mục đã có — Diện quản lý: Nghiện, từ 01/03/2026 đến nay. "
        "Hai khoảng thời gian cùng loại không được chồng lên nhau.",
    ):
        on_list(services, person_id, "su_dung", JUN_15)


def test_describe_leaves_out_an_empty_main_field(services: Services, person_id: int) -> None:
    entry = services.histories.add(
        HistoryKind.TREATMENT, person_id, HistoryInput(MAR_1, None, {"facility": ""})
    )
    assert entry.describe() == "Điều trị thay thế, từ 01/03/2026 đến nay"


def test_different_kinds_and_different_persons_may_overlap(
    services: Services, person_id: int
) -> None:
    other = services.persons.add(PersonInput("Khổng Minh Ất")).id
    for kind in KINDS:
        services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values_with(kind)))
        services.histories.add(kind, other, HistoryInput(MAR_1, None, values_with(kind)))
    for kind in KINDS:
        assert len(services.histories.entries(person_id, kind)) == 1
        assert len(services.histories.entries(other, kind)) == 1


# --- dates and fields -------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_future_dates_are_refused(services: Services, person_id: int, kind: HistoryKind) -> None:
    with expect_refusal(services, "Ngày bắt đầu (24/11/2026) ở sau ngày hôm nay (23/11/2026)."):
        services.histories.add(kind, person_id, HistoryInput(TOMORROW, None, values_with(kind)))
    entry = services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values_with(kind)))
    with expect_refusal(services, "Ngày kết thúc (24/11/2026) ở sau ngày hôm nay (23/11/2026)."):
        services.histories.end(kind, entry.id, TOMORROW, "Hết thời gian quản lý")
    # Today itself is fine.
    services.histories.end(kind, entry.id, TODAY, "Hết thời gian quản lý")


@pytest.mark.parametrize("kind", KINDS)
def test_end_before_start_is_refused(services: Services, person_id: int, kind: HistoryKind) -> None:
    entry = services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values_with(kind)))
    message = "Ngày kết thúc (28/02/2026) ở trước ngày bắt đầu (01/03/2026)."
    with expect_refusal(services, message):
        services.histories.end(kind, entry.id, date(2026, 2, 28), "Hết thời gian quản lý")
    with expect_refusal(services, message):
        services.histories.add(
            kind,
            person_id,
            HistoryInput(MAR_1, date(2026, 2, 28), values_with(kind, end_reason="Nhập sai")),
        )


def test_ending_on_the_start_day_is_allowed(services: Services, person_id: int) -> None:
    entry = on_list(services, person_id, "nghien", MAR_1)
    ended = services.histories.end(HistoryKind.LIST, entry.id, MAR_1, "Nhập sai")
    assert (ended.start, ended.end) == (MAR_1, MAR_1)
    assert services.histories.list_on(person_id, MAR_1) is None


def test_a_list_stay_needs_its_fields(services: Services, person_id: int) -> None:
    with expect_refusal(services, "Chưa nhập diện.", "Chưa nhập lý do đưa vào."):
        services.histories.add(HistoryKind.LIST, person_id, HistoryInput(MAR_1, None, {}))
    with expect_refusal(
        services,
        "Diện “nghien_nang” không hợp lệ (Nghi sử dụng, Nghi nghiện, Sử dụng, Nghiện, Sau cai).",
    ):
        services.histories.add(
            HistoryKind.LIST,
            person_id,
            HistoryInput(MAR_1, None, {"list_key": "nghien_nang", "start_reason": "Nhập mới"}),
        )
    with expect_refusal(services, "Chưa nhập lý do thanh loại."):
        services.histories.add(
            HistoryKind.LIST,
            person_id,
            HistoryInput(MAR_1, JUN_15, {"list_key": "nghien", "start_reason": "Nhập mới"}),
        )
    entry = on_list(services, person_id, "nghien", MAR_1)
    with expect_refusal(services, "Chưa nhập lý do thanh loại."):
        services.histories.end(HistoryKind.LIST, entry.id, JUN_15, "   ")


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        (
            HistoryKind.ADDICT_LOCATION,
            {"location": "nha_rieng"},
            "Nơi ở “nha_rieng” không hợp lệ (Ngoài cộng đồng, Trong cơ sở CNBB).",
        ),
        (
            HistoryKind.SURVEILLANCE,
            {"category": "DM4", "surveillance_class": "A"},
            "Danh mục “DM4” không hợp lệ (DM1, DM2, DM3).",
        ),
        (
            HistoryKind.SURVEILLANCE,
            {"category": "DM1"},
            "Chưa nhập loại.",
        ),
        (
            HistoryKind.CUSTODY,
            {"kind": ""},
            "Chưa nhập nơi.",
        ),
    ],
    ids=["location", "category", "class-missing", "custody-missing"],
)
def test_fields_with_fixed_choices_are_checked(
    services: Services, person_id: int, kind: HistoryKind, values: dict[str, str], message: str
) -> None:
    with expect_refusal(services, message):
        services.histories.add(kind, person_id, HistoryInput(MAR_1, None, values))


def test_text_values_are_tidied(services: Services, person_id: int) -> None:
    entry = services.histories.add(
        HistoryKind.TREATMENT, person_id, HistoryInput(MAR_1, None, {"facility": "  Trạm   y tế "})
    )
    assert entry.values["facility"] == "Trạm y tế"


# --- list_on and move -------------------------------------------------------------------------
def test_list_on_follows_the_end_of_day_rule(services: Services, person_id: int) -> None:
    first = on_list(services, person_id, "su_dung", MAR_1)
    moved = services.histories.move(person_id, ManagementList.ADDICT, JUN_15)
    assert services.histories.list_on(person_id, date(2026, 2, 28)) is None
    on_start = services.histories.list_on(person_id, MAR_1)
    assert on_start is not None
    assert on_start.id == first.id
    day_before = services.histories.list_on(person_id, date(2026, 6, 14))
    assert day_before is not None
    assert day_before.id == first.id
    assert services.histories.list_on(person_id, JUN_15) == moved
    assert services.histories.list_on(person_id, TODAY) == moved


def test_move_ends_one_stay_and_starts_the_next_on_the_same_day(
    services: Services, person_id: int
) -> None:
    first = on_list(services, person_id, "su_dung", MAR_1)
    with expect_write(services, HISTORY, [person_id]) as written:
        moved = services.histories.move(
            person_id, ManagementList.ADDICT, JUN_15, note="Xác định nghiện"
        )
    ended, running = services.histories.entries(person_id, HistoryKind.LIST)
    assert (ended.id, ended.start, ended.end) == (first.id, MAR_1, JUN_15)
    assert ended.values["end_reason"] == "Chuyển sang danh sách khác"
    assert running == moved
    assert (moved.start, moved.end) == (JUN_15, None)
    assert moved.values == {
        "list_key": "nghien",
        "start_reason": "Chuyển từ danh sách khác",
        "end_reason": "",
        "note": "Xác định nghiện",
    }
    (row,) = written.audit
    assert row.action == "chuyen_dien"
    assert row.summary == "Lục Thị Ơn — chuyển từ diện Sử dụng sang diện Nghiện ngày 15/06/2026"
    assert row.before is not None
    assert row.after is not None
    assert row.before["ended_stay"]["end_date"] is None
    assert row.after["ended_stay"]["end_date"] == "2026-06-15"
    assert row.after["new_stay"]["list_key"] == "nghien"


def test_move_with_own_reasons(services: Services, person_id: int) -> None:
    on_list(services, person_id, "nghien", MAR_1)
    moved = services.histories.move(
        person_id,
        ManagementList.POST_REHAB,
        JUN_15,
        end_reason="Đi cai nghiện bắt buộc",
        start_reason="Trở về từ cơ sở cai nghiện",
    )
    ended = services.histories.entries(person_id, HistoryKind.LIST)[0]
    assert ended.values["end_reason"] == "Đi cai nghiện bắt buộc"
    assert moved.values["start_reason"] == "Trở về từ cơ sở cai nghiện"


def test_move_on_the_start_day(services: Services, person_id: int) -> None:
    first = on_list(services, person_id, "nghi_su_dung", MAR_1)
    moved = services.histories.move(person_id, ManagementList.USER, MAR_1)
    ended, running = services.histories.entries(person_id, HistoryKind.LIST)
    assert (ended.id, ended.start, ended.end) == (first.id, MAR_1, MAR_1)
    assert running == moved
    # At the end of that day the person is on the new list only.
    assert services.histories.list_on(person_id, MAR_1) == moved


def test_move_today_is_allowed_and_tomorrow_refused(services: Services, person_id: int) -> None:
    on_list(services, person_id, "su_dung", MAR_1)
    with expect_refusal(services, "Ngày chuyển (24/11/2026) ở sau ngày hôm nay (23/11/2026)."):
        services.histories.move(person_id, ManagementList.ADDICT, TOMORROW)
    assert services.histories.move(person_id, ManagementList.ADDICT, TODAY).start == TODAY


def test_move_when_not_on_a_list_is_refused(services: Services, person_id: int) -> None:
    message = "Lục Thị Ơn hiện không ở diện quản lý nào; hãy dùng “Đưa vào diện”."
    with expect_refusal(services, message):
        services.histories.move(person_id, ManagementList.ADDICT, JUN_15)
    # A stay that has ended is not a list the person is on.
    entry = on_list(services, person_id, "su_dung", MAR_1)
    services.histories.end(HistoryKind.LIST, entry.id, JUN_15, "Hết thời gian quản lý")
    with expect_refusal(services, message):
        services.histories.move(person_id, ManagementList.ADDICT, TODAY)


def test_move_to_the_same_list_is_refused(services: Services, person_id: int) -> None:
    on_list(services, person_id, "nghien", MAR_1)
    with expect_refusal(services, "Lục Thị Ơn đang ở diện Nghiện."):
        services.histories.move(person_id, ManagementList.ADDICT, JUN_15)


def test_move_before_the_running_stay_started_is_refused(
    services: Services, person_id: int
) -> None:
    on_list(services, person_id, "nghien", JUN_15)
    with expect_refusal(
        services, "Ngày chuyển (01/03/2026) ở trước ngày đưa vào diện hiện tại (15/06/2026)."
    ):
        services.histories.move(person_id, ManagementList.POST_REHAB, MAR_1)


def test_move_without_an_end_reason_is_refused(services: Services, person_id: int) -> None:
    on_list(services, person_id, "nghien", MAR_1)
    with expect_refusal(services, "Chưa nhập lý do thanh loại."):
        services.histories.move(person_id, ManagementList.POST_REHAB, JUN_15, end_reason=" ")


def test_move_for_a_missing_person_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError, match="Không tìm thấy đối tượng mã 9"):
        services.histories.move(9, ManagementList.ADDICT, JUN_15)
