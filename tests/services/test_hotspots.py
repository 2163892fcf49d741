"""Hotspots: entry, status history rules, seller links, counts, alerts, listing, history."""

from datetime import date

import pytest

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspot_listing import HotspotCriteria, HotspotSort
from pcmt_desktop.services.hotspots import HotspotInput, HotspotRecord
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.services.support import expect_refusal, expect_write

TODAY = date(2026, 11, 23)
SELLER_ENTITIES = {"hotspot", Entity.PERSON_HISTORY, Entity.PERSON}


def area_ids(services: Services) -> list[int]:
    return [area.id for area in services.office.sub_areas()]


def hotspot(
    services: Services,
    name: str = "Karaoke Mây Hồng",
    entered: date = date(2026, 8, 1),
    kind: HotspotKind = HotspotKind.COMPLEX_POINT,
    *,
    in_business: bool = True,
    area: int = 0,
    address: str = "Số 9 đường Hàng Than",
) -> HotspotRecord:
    return services.hotspots.add(
        HotspotInput(
            kind=kind.value,
            name=name,
            entered_on=entered,
            sub_area_id=area_ids(services)[area],
            in_business=in_business,
            address=address,
        )
    )


@pytest.fixture
def person_id(services: Services) -> int:
    return services.persons.add(PersonInput("Khổng Văn Ất", birth_year=1988)).id


# --- entering and editing -------------------------------------------------------------------
def test_add_takes_the_law_fight_period_and_opens_with_fighting(services: Services) -> None:
    with expect_write(services, {"hotspot"}) as written:
        record = hotspot(services)
    assert record.fight_months == 3
    assert [(s.state, s.day) for s in record.statuses] == [
        (HotspotState.FIGHTING, date(2026, 8, 1))
    ]
    assert record.fight_due(TODAY) == date(2026, 11, 1)
    (row,) = written.audit
    assert (row.action, row.entity, row.entity_id) == ("tao", "hotspot", record.id)
    assert row.after is not None and row.after["name"] == "Karaoke Mây Hồng"


def test_fight_period_follows_the_rule_in_force_on_the_entry_day(services: Services) -> None:
    services.legal.add_rule(RuleKey.HOTSPOT_FIGHT_MONTHS, date(2026, 9, 1), 6, "Hướng dẫn mới")
    before = hotspot(services, "Điểm A", date(2026, 8, 31))
    after = hotspot(services, "Điểm B", date(2026, 9, 1))
    assert (before.fight_months, after.fight_months) == (3, 6)


def test_add_refuses_bad_input_and_writes_nothing(services: Services) -> None:
    data = HotspotInput(
        kind="khong_ro",
        name="  ",
        entered_on=date(2026, 11, 24),
        sub_area_id=None,
        fight_months=0,
    )
    with expect_refusal(
        services,
        "Loại điểm không hợp lệ (Điểm phức tạp, Tụ điểm phức tạp, Điểm có nguy cơ phức tạp).",
        "Chưa nhập tên điểm, tụ điểm.",
        "Ngày đưa vào (24/11/2026) ở sau ngày hôm nay (23/11/2026).",
        "Thời gian đấu tranh phải từ 1 đến 60 tháng (đã nhập: 0).",
        "Chưa chọn địa bàn của điểm.",
    ):
        services.hotspots.add(data)


def test_edit_moves_the_first_status_with_the_entry_day(services: Services) -> None:
    record = hotspot(services)
    data = record.as_input()
    with expect_write(services, {"hotspot"}) as written:
        edited = services.hotspots.edit(
            record.id, HotspotInput(**{**data.__dict__, "entered_on": date(2026, 7, 20)})
        )
    assert edited.statuses[0].day == date(2026, 7, 20)
    (row,) = written.audit
    assert row.before == {"entered_on": "2026-08-01"}
    assert row.after == {"entered_on": "2026-07-20"}


def test_edit_refuses_an_entry_day_after_a_status_change(services: Services) -> None:
    record = hotspot(services)
    services.hotspots.add_status(record.id, HotspotState.CLEARED.value, date(2026, 9, 1))
    data = HotspotInput(**{**record.as_input().__dict__, "entered_on": date(2026, 9, 5)})
    with expect_refusal(
        services,
        "Ngày đưa vào phải trước lần chuyển tình trạng đầu tiên (01/09/2026: Đã triệt xóa).",
    ):
        services.hotspots.edit(record.id, data)


def test_delete_removes_the_hotspot_and_its_statuses_but_not_with_sellers(
    services: Services, person_id: int
) -> None:
    first = hotspot(services, "Điểm một")
    second = hotspot(services, "Điểm hai")
    services.hotspots.add_status(first.id, HotspotState.CLEARED.value, date(2026, 9, 1))
    with expect_write(services, {"hotspot"}):
        services.hotspots.delete(first.id)
    with pytest.raises(NotFoundError):
        services.hotspots.get(first.id)
    services.hotspots.link_seller(second.id, person_id, date(2026, 9, 1))
    with expect_refusal(
        services,
        "Không thể xóa điểm Điểm hai: còn 1 giai đoạn bán lẻ gắn với điểm này. "
        "Hãy gỡ hoặc xóa các đối tượng bán lẻ trước.",
    ):
        services.hotspots.delete(second.id)


# --- status history ----------------------------------------------------------------------------
def test_status_changes_are_dated_rows_and_audited(services: Services) -> None:
    record = hotspot(services)
    with expect_write(services, {"hotspot"}) as written:
        entry = services.hotspots.add_status(
            record.id, HotspotState.CLEARED.value, date(2026, 9, 1), "Đã bắt chủ điểm"
        )
    (row,) = written.audit
    assert (row.entity, row.entity_id, row.after and row.after["hotspot_id"]) == (
        "hotspot_status",
        entry.id,
        record.id,
    )
    services.hotspots.add_status(record.id, HotspotState.REACTIVATED.value, date(2026, 10, 10))
    got = services.hotspots.get(record.id)
    assert [s.state for s in got.statuses] == [
        HotspotState.FIGHTING,
        HotspotState.CLEARED,
        HotspotState.REACTIVATED,
    ]
    on_sept = got.status_on(date(2026, 9, 15))
    assert on_sept is not None and on_sept.state is HotspotState.CLEARED
    # A re-activated hotspot's fight period runs again from the re-activation day.
    assert got.fight_start(TODAY) == date(2026, 10, 10)
    assert got.fight_due(TODAY) == date(2027, 1, 10)
    assert got.fight_due(date(2026, 9, 15)) is None


@pytest.mark.parametrize(
    ("state", "day", "message"),
    [
        (
            HotspotState.CLEARED,
            date(2026, 7, 31),
            "Ngày chuyển tình trạng (31/07/2026) ở trước ngày đưa vào (01/08/2026).",
        ),
        (
            HotspotState.CLEARED,
            date(2026, 11, 24),
            "Ngày chuyển tình trạng (24/11/2026) ở sau ngày hôm nay (23/11/2026).",
        ),
        (
            HotspotState.CLEARED,
            date(2026, 9, 1),
            "Ngày 01/09/2026 đã có tình trạng “Đã triệt xóa”; mỗi ngày chỉ ghi một tình trạng.",
        ),
        (
            HotspotState.CLEARED,
            date(2026, 9, 20),
            "Ngày 01/09/2026 điểm đã ở tình trạng “Đã triệt xóa”; ghi “Đã triệt xóa” "
            "ngày 20/09/2026 không phải là một thay đổi.",
        ),
        (
            HotspotState.REACTIVATED,
            date(2026, 8, 20),
            "“Tái hoạt động” chỉ ghi cho điểm đã triệt xóa; ngày 20/08/2026 điểm đang ở "
            "tình trạng “Đang đấu tranh”.",
        ),
        (
            HotspotState.FIGHTING,
            date(2026, 8, 20),
            "Ngày 01/08/2026 điểm đã ở tình trạng “Đang đấu tranh”; ghi “Đang đấu tranh” "
            "ngày 20/08/2026 không phải là một thay đổi.",
        ),
    ],
)
def test_status_change_refusals(
    services: Services, state: HotspotState, day: date, message: str
) -> None:
    record = hotspot(services)
    services.hotspots.add_status(record.id, HotspotState.CLEARED.value, date(2026, 9, 1))
    with expect_refusal(services, message):
        services.hotspots.add_status(record.id, state.value, day)


def test_a_status_inserted_before_a_later_one_must_keep_it_a_change(services: Services) -> None:
    record = hotspot(services)
    services.hotspots.add_status(record.id, HotspotState.CLEARED.value, date(2026, 10, 1))
    # Clearing on 01/09 would make the clearing of 01/10 no change at all.
    with expect_refusal(
        services,
        "Ngày 01/09/2026 điểm đã ở tình trạng “Đã triệt xóa”; ghi “Đã triệt xóa” ngày "
        "01/10/2026 không phải là một thay đổi.",
    ):
        services.hotspots.add_status(record.id, HotspotState.CLEARED.value, date(2026, 9, 1))


def test_delete_status_keeps_the_first_row_and_a_valid_sequence(services: Services) -> None:
    record = hotspot(services)
    cleared = services.hotspots.add_status(record.id, "da_triet_xoa", date(2026, 9, 1))
    back = services.hotspots.add_status(record.id, "tai_hoat_dong", date(2026, 10, 1))
    with expect_refusal(
        services,
        "Không xóa được tình trạng đầu tiên (ngày đưa vào). Hãy sửa ngày đưa vào, hoặc xóa cả "
        "điểm nếu điểm được nhập nhầm.",
    ):
        services.hotspots.delete_status(record.statuses[0].id)
    with expect_refusal(
        services,
        "Không xóa được dòng này: “Tái hoạt động” chỉ ghi cho điểm đã triệt xóa; ngày "
        "01/10/2026 điểm đang ở tình trạng “Đang đấu tranh”.",
    ):
        services.hotspots.delete_status(cleared.id)
    with expect_write(services, {"hotspot"}):
        services.hotspots.delete_status(back.id)
    assert [s.id for s in services.hotspots.get(record.id).statuses][1:] == [cleared.id]


# --- sellers --------------------------------------------------------------------------------------
def test_link_end_unlink_and_delete_a_seller(services: Services, person_id: int) -> None:
    record = hotspot(services)
    with expect_write(services, SELLER_ENTITIES, [person_id]) as written:
        link = services.hotspots.link_seller(record.id, person_id, date(2026, 9, 1))
    (row,) = written.audit
    assert (row.entity, row.entity_id, row.after and row.after["hotspot_id"]) == (
        "retail_seller",
        link.id,
        record.id,
    )
    assert link.note == "Karaoke Mây Hồng"
    # The link is the person's own retail-seller history.
    (entry,) = services.histories.entries(person_id, HistoryKind.RETAIL_SELLER)
    assert (entry.id, entry.start, entry.end) == (link.id, date(2026, 9, 1), None)
    with expect_write(services, SELLER_ENTITIES, [person_id]):
        ended = services.hotspots.end_seller(link.id, date(2026, 11, 1))
    assert ended.end == date(2026, 11, 1)
    with expect_write(services, SELLER_ENTITIES, [person_id]):
        services.hotspots.unlink(link.id)
    assert services.hotspots.sellers(record.id) == []
    assert len(services.histories.entries(person_id, HistoryKind.RETAIL_SELLER)) == 1
    with expect_write(services, SELLER_ENTITIES, [person_id]):
        services.hotspots.delete_seller(link.id)
    assert services.histories.entries(person_id, HistoryKind.RETAIL_SELLER) == []


def test_a_person_sells_in_one_period_at_a_time(services: Services, person_id: int) -> None:
    first = hotspot(services, "Điểm một")
    second = hotspot(services, "Điểm hai")
    services.hotspots.link_seller(first.id, person_id, date(2026, 9, 1), date(2026, 10, 1))
    with expect_refusal(
        services,
        "Khổng Văn Ất đã là đối tượng bán lẻ từ 01/09/2026 đến 01/10/2026 (tại Điểm một). "
        "Hai giai đoạn bán lẻ của một người không được chồng lên nhau.",
    ):
        services.hotspots.link_seller(second.id, person_id, date(2026, 9, 30))
    # A period the person has in their own history, linked to no hotspot, counts too.
    services.histories.add(
        HistoryKind.RETAIL_SELLER, person_id, HistoryInput(date(2026, 10, 20), None, {})
    )
    with expect_refusal(
        services,
        "Khổng Văn Ất đã là đối tượng bán lẻ từ 20/10/2026 đến nay (chưa gắn với điểm nào). "
        "Hai giai đoạn bán lẻ của một người không được chồng lên nhau.",
    ):
        services.hotspots.link_seller(second.id, person_id, date(2026, 11, 1))
    # Back to back is no overlap: the first period ended on 01/10.
    services.hotspots.link_seller(second.id, person_id, date(2026, 10, 1), date(2026, 10, 20))


def test_seller_date_refusals(services: Services, person_id: int) -> None:
    record = hotspot(services)
    with expect_refusal(
        services,
        "Ngày bắt đầu (24/11/2026) ở sau ngày hôm nay (23/11/2026).",
    ):
        services.hotspots.link_seller(record.id, person_id, date(2026, 11, 24))
    link = services.hotspots.link_seller(record.id, person_id, date(2026, 9, 1))
    with expect_refusal(services, "Ngày kết thúc (01/08/2026) ở trước ngày bắt đầu (01/09/2026)."):
        services.hotspots.end_seller(link.id, date(2026, 8, 1))
    services.hotspots.end_seller(link.id, date(2026, 10, 1))
    with expect_refusal(services, "Giai đoạn bán lẻ này đã kết thúc ngày 01/10/2026."):
        services.hotspots.end_seller(link.id, date(2026, 11, 1))


# --- figures and alerts -------------------------------------------------------------------------
def test_counts_on_a_day_by_kind_and_business(services: Services) -> None:
    karaoke = hotspot(services, "Karaoke", date(2026, 1, 10))
    house = hotspot(services, "Nhà ông Bảy", date(2026, 2, 1), in_business=False)
    hotspot(services, "Quán bar", date(2026, 3, 1), HotspotKind.AT_RISK)
    hotspot(services, "Bãi sông", date(2026, 6, 1), HotspotKind.COMPLEX_DEN, in_business=False)
    services.hotspots.add_status(karaoke.id, "da_triet_xoa", date(2026, 4, 1))
    services.hotspots.add_status(karaoke.id, "tai_hoat_dong", date(2026, 9, 1))
    services.hotspots.add_status(house.id, "da_triet_xoa", date(2026, 5, 1))
    sellers = [
        services.persons.add(PersonInput(name, birth_year=1990)).id
        for name in ("Bạch Văn Một", "Bạch Văn Hai", "Bạch Văn Ba")
    ]
    services.hotspots.link_seller(karaoke.id, sellers[0], date(2026, 2, 1), date(2026, 4, 1))
    services.hotspots.link_seller(house.id, sellers[1], date(2026, 3, 1))
    services.histories.add(
        HistoryKind.RETAIL_SELLER, sellers[2], HistoryInput(date(2026, 3, 15), None, {})
    )

    on_march = services.hotspots.counts_on(date(2026, 3, 31))
    assert on_march.count(HotspotKind.COMPLEX_POINT, True) == 1
    assert on_march.count(HotspotKind.COMPLEX_POINT, False) == 1
    assert on_march.count(HotspotKind.AT_RISK, True) == 1
    assert on_march.total == 3
    assert (on_march.sellers, on_march.linked_sellers) == (3, 2)
    # Cleared on 01/04: no longer counted at the end of that day; the seller's period ends too.
    on_april = services.hotspots.counts_on(date(2026, 4, 1))
    assert on_april.count(HotspotKind.COMPLEX_POINT) == 1
    assert (on_april.sellers, on_april.linked_sellers) == (2, 1)
    today = services.hotspots.counts_on(TODAY)
    assert today.count(in_business=True) == 2  # the karaoke is back, and the bar
    assert today.count(in_business=False) == 1
    assert today.count(HotspotKind.COMPLEX_DEN, False) == 1
    movements = services.hotspots.movements(date(2026, 1, 1), date(2026, 6, 30))
    assert (movements.entered, movements.cleared, movements.reactivated) == (4, 2, 0)


def test_fight_periods_over_lists_late_and_soon_hotspots(services: Services) -> None:
    late = hotspot(services, "Điểm quá hạn", date(2026, 5, 1))
    soon = hotspot(services, "Điểm sắp hết hạn", date(2026, 9, 1))  # due 01/12: 8 days
    hotspot(services, "Điểm còn hạn", date(2026, 10, 1))  # due 01/01/2027
    cleared = hotspot(services, "Điểm đã triệt xóa", date(2026, 1, 1))
    services.hotspots.add_status(cleared.id, "da_triet_xoa", date(2026, 3, 1))
    back = hotspot(services, "Điểm tái hoạt động", date(2025, 1, 1))
    services.hotspots.add_status(back.id, "da_triet_xoa", date(2025, 3, 1))
    services.hotspots.add_status(back.id, "tai_hoat_dong", date(2026, 8, 10))
    alerts = services.hotspots.fight_periods_over()
    assert [(a.record_id, a.due, a.days_left) for a in alerts] == [
        (late.id, date(2026, 8, 1), -114),
        (back.id, date(2026, 11, 10), -13),
        (soon.id, date(2026, 12, 1), 8),
    ]
    assert alerts[1].what == (
        "Hết thời gian đấu tranh điểm phức tạp (3 tháng kể từ ngày tái hoạt động 10/08/2026)"
    )
    assert (alerts[0].kind, alerts[0].overdue, alerts[0].sub_area_name) == (
        "hotspot",
        True,
        "Thôn Đông",
    )


# --- the listing -------------------------------------------------------------------------------
def test_listing_filters_and_sorts_in_sql(services: Services, person_id: int) -> None:
    karaoke = hotspot(services, "Karaoke Đồng Quê", date(2026, 5, 1), address="Ngõ Chùa")
    den = hotspot(
        services,
        "Bãi đất trống",
        date(2026, 10, 1),
        HotspotKind.COMPLEX_DEN,
        area=1,
        address="Ven đường tỉnh lộ",
    )
    cleared = hotspot(services, "Ao cá bỏ hoang", date(2026, 2, 1), area=1)
    services.hotspots.add_status(cleared.id, "da_triet_xoa", date(2026, 4, 1))
    services.hotspots.link_seller(den.id, person_id, date(2026, 10, 5))
    listing = services.hotspots

    def ids(**criteria: object) -> list[int]:
        return listing.ordered_ids(HotspotCriteria(**criteria))  # type: ignore[arg-type]

    assert ids() == [cleared.id, den.id, karaoke.id]  # by folded name: "ao", "bai", "karaoke"
    assert ids(text="dong que") == [karaoke.id]
    assert ids(text="CHUA") == [karaoke.id]  # the address, accents and case ignored
    assert ids(text="tinh lo bai") == [den.id]
    assert ids(sub_area_id=area_ids(services)[1]) == [cleared.id, den.id]
    assert ids(kind=HotspotKind.COMPLEX_DEN.value) == [den.id]
    assert ids(status=HotspotState.CLEARED.value) == [cleared.id]
    assert ids(status=HotspotState.FIGHTING.value) == [den.id, karaoke.id]
    assert ids(late_only=True) == [karaoke.id]
    assert ids(sort=HotspotSort.ENTERED.value, descending=True) == [den.id, karaoke.id, cleared.id]
    assert ids(sort=HotspotSort.SELLERS.value, descending=True)[0] == den.id
    rows = listing.rows([karaoke.id, den.id, cleared.id], HotspotCriteria())
    assert rows[karaoke.id].overdue and rows[karaoke.id].days_left == -114
    assert rows[den.id].sellers_now == 1 and not rows[den.id].due_soon
    assert rows[cleared.id].state is HotspotState.CLEARED and rows[cleared.id].fight_due is None


def test_history_gathers_the_hotspot_its_statuses_and_its_sellers(
    services: Services, person_id: int
) -> None:
    record = hotspot(services)
    other = hotspot(services, "Điểm khác")
    services.hotspots.add_status(record.id, "da_triet_xoa", date(2026, 9, 1))
    link = services.hotspots.link_seller(record.id, person_id, date(2026, 8, 5))
    services.hotspots.add_status(other.id, "da_triet_xoa", date(2026, 9, 2))
    services.hotspots.unlink(link.id)
    summaries = [entry.summary for entry in services.hotspots.history(record.id)]
    assert summaries == [
        "Khổng Văn Ất — gỡ khỏi điểm Karaoke Mây Hồng",
        "Khổng Văn Ất — bán lẻ tại Karaoke Mây Hồng, từ 05/08/2026 đến nay",
        "Karaoke Mây Hồng — đã triệt xóa từ ngày 01/09/2026",
        "Thêm điểm phức tạp Karaoke Mây Hồng, đưa vào ngày 01/08/2026 (đang đấu tranh, 3 tháng)",
    ]
