"""Drug tests: writes and refusals, the listing, per-person rates, the move after a positive."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.audit import entries_for_record
from pcmt_desktop.services.drug_test_listing import (
    DrugTestCriteria,
    DrugTestSort,
    SubAreaRate,
    format_rate,
    positive_rate,
)
from pcmt_desktop.services.drug_tests import (
    DRUG_TEST_ENTITY,
    DrugTestInput,
    MoveSuggestion,
)
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.services.support import expect_refusal, expect_write

TODAY = date(2026, 11, 23)
TESTS = {DRUG_TEST_ENTITY}


def sub_area_ids(services: Services) -> list[int]:
    return [area.id for area in services.office.sub_areas()]


def add_person(
    services: Services, name: str, *, area: int | None = 0, birth_year: int | None = 1990
) -> int:
    sub_area_id = None if area is None else sub_area_ids(services)[area]
    return services.persons.add(
        PersonInput(name, birth_year=birth_year, sub_area_id=sub_area_id)
    ).id


def put_on(services: Services, person_id: int, key: ManagementList, start: date) -> None:
    services.histories.add(
        HistoryKind.LIST,
        person_id,
        HistoryInput(start, None, {"list_key": key.value, "start_reason": "Rà soát phát hiện mới"}),
    )


def make_input(person_id: int | None, day: date, *found: Substance, **fields: str) -> DrugTestInput:
    return DrugTestInput(person_id, day, substances=frozenset(found), **fields)


@pytest.fixture
def person_id(services: Services) -> int:
    return add_person(services, "Khổng Văn Thắm")


# --- writes ------------------------------------------------------------------------------
def test_add_stores_the_test_audits_it_and_announces_it(services: Services, person_id: int) -> None:
    data = make_input(
        person_id,
        date(2026, 11, 2),
        Substance.METHAMPHETAMINE,
        Substance.HEROIN,
        summoned_by="  Trung úy  Hà Văn Lộc ",
        follow_up="Chuyển diện quản lý",
    )
    with expect_write(services, TESTS, [person_id]) as written:
        record = services.drug_tests.add(data)
    assert record.positive
    assert record.summoned_by == "Trung úy Hà Văn Lộc"
    assert record.method == "Test nhanh nước tiểu"
    assert record.substances_text == "Heroin/Morphine, Methamphetamine"
    assert record.result_text == "Dương tính"
    assert (record.person_name, record.sub_area_name) == ("Khổng Văn Thắm", "Thôn Đông")
    assert services.drug_tests.get(record.id) == record
    (row,) = written.audit
    assert (row.action, row.entity, row.entity_id, row.before) == (
        "tao",
        DRUG_TEST_ENTITY,
        record.id,
        None,
    )
    assert row.after is not None
    assert row.after["positive"] is True and row.after["heroin"] is True
    assert row.summary == "Thêm kết quả test ma túy của Khổng Văn Thắm ngày 02/11/2026 (dương tính)"


def test_a_negative_test_and_the_other_substance_name(services: Services, person_id: int) -> None:
    negative = services.drug_tests.add(make_input(person_id, TODAY))
    assert (negative.positive, negative.substances_text, negative.result_text) == (
        False,
        "",
        "Âm tính",
    )
    other = services.drug_tests.add(
        make_input(
            person_id, TODAY, Substance.OTHER, Substance.CANNABIS, other_substance="Thuốc lắc"
        )
    )
    assert other.positive
    assert other.substances_text == "Cần sa, Thuốc lắc"
    # A name typed for "Khác" without ticking it is not kept.
    unticked = services.drug_tests.add(make_input(person_id, TODAY, other_substance="Ma túy đá"))
    assert (unticked.other_substance, unticked.positive) == ("", False)


def test_edit_audits_only_what_changed_and_moving_to_another_person_tells_both(
    services: Services, person_id: int
) -> None:
    record = services.drug_tests.add(make_input(person_id, date(2026, 11, 2)))
    with expect_write(services, TESTS, [person_id]) as written:
        edited = services.drug_tests.edit(
            record.id, replace(record.as_input(), substances=frozenset({Substance.MDMA}))
        )
    assert edited.positive and edited.substances_text == "MDMA"
    (row,) = written.audit
    assert row.action == "sua"
    assert row.before == {"mdma": False, "positive": False}
    assert row.after == {"mdma": True, "positive": True}

    with expect_write(services, TESTS, [person_id], audit_rows=0):
        services.drug_tests.edit(record.id, edited.as_input())

    other_id = add_person(services, "Lò Thị Nhạn", area=1)
    with expect_write(services, TESTS, [person_id, other_id]):
        moved = services.drug_tests.edit(record.id, replace(edited.as_input(), person_id=other_id))
    assert (moved.person_name, moved.sub_area_name) == ("Lò Thị Nhạn", "Thôn Đoài")


def test_delete_removes_the_test_and_keeps_it_in_the_trail(
    services: Services, person_id: int
) -> None:
    record = services.drug_tests.add(make_input(person_id, TODAY, Substance.KETAMINE))
    with expect_write(services, TESTS, [person_id]) as written:
        services.drug_tests.delete(record.id)
    (row,) = written.audit
    assert (row.action, row.after) == ("xoa", None)
    assert row.before is not None and row.before["ketamine"] is True
    with pytest.raises(NotFoundError):
        services.drug_tests.get(record.id)
    with pytest.raises(NotFoundError):
        services.drug_tests.delete(record.id)


def test_entries_for_record_gives_one_test_s_trail_newest_first(
    services: Services, person_id: int
) -> None:
    first = services.drug_tests.add(make_input(person_id, TODAY))
    second = services.drug_tests.add(make_input(person_id, TODAY))
    services.drug_tests.edit(first.id, replace(first.as_input(), note="Tái kiểm tra"))
    trail = entries_for_record(services.context, DRUG_TEST_ENTITY, first.id)
    assert [entry.action for entry in trail] == ["sua", "tao"]
    assert all(entry.entity_id == first.id for entry in trail)
    assert [
        e.action for e in entries_for_record(services.context, DRUG_TEST_ENTITY, second.id)
    ] == ["tao"]
    # The same id under another entity is another record.
    assert entries_for_record(services.context, "dossier", first.id) == []


# --- refusals: a clear message per field, nothing written -----------------------------------
def test_refuses_a_test_without_a_person(services: Services) -> None:
    with expect_refusal(services, "Chưa chọn đối tượng được test."):
        services.drug_tests.add(make_input(None, TODAY))


def test_refuses_a_person_who_is_gone(services: Services, person_id: int) -> None:
    services.persons.delete(person_id)
    with expect_refusal(services, "Đối tượng đã chọn không còn trong sổ (có thể đã bị xóa)."):
        services.drug_tests.add(make_input(person_id, TODAY))


def test_refuses_a_future_day_and_a_day_before_the_birth(services: Services) -> None:
    born = services.persons.add(
        PersonInput("Mã Văn Tài", birth_year=2008, birth_date=date(2008, 5, 20))
    ).id
    year_only = add_person(services, "Mã Thị Lụa", birth_year=2009)
    with expect_refusal(services, "Ngày test (24/11/2026) ở sau ngày hôm nay (23/11/2026)."):
        services.drug_tests.add(make_input(born, date(2026, 11, 24)))
    with expect_refusal(
        services, "Ngày test (19/05/2008) ở trước ngày sinh của Mã Văn Tài (20/05/2008)."
    ):
        services.drug_tests.add(make_input(born, date(2008, 5, 19)))
    with expect_refusal(services, "Ngày test (31/12/2008) ở trước năm sinh của Mã Thị Lụa (2009)."):
        services.drug_tests.add(make_input(year_only, date(2008, 12, 31)))
    # The birth day itself and the birth year are possible.
    services.drug_tests.add(make_input(born, date(2008, 5, 20)))
    services.drug_tests.add(make_input(year_only, date(2009, 1, 1)))


def test_refuses_other_without_its_name_an_empty_method_and_long_text(
    services: Services, person_id: int
) -> None:
    with expect_refusal(
        services,
        "Chưa nhập phương pháp test.",
        "Đã đánh dấu dương tính với chất “Khác”: hãy ghi tên chất.",
        "Người triệu tập dài quá 200 ký tự (đã nhập 201 ký tự).",
        "Xử lý tiếp theo dài quá 300 ký tự (đã nhập 301 ký tự).",
    ):
        services.drug_tests.add(
            make_input(
                person_id,
                TODAY,
                Substance.OTHER,
                method="  ",
                other_substance="   ",
                summoned_by="a" * 201,
                follow_up="b" * 301,
            )
        )


def test_refused_edit_leaves_the_test_as_it_was(services: Services, person_id: int) -> None:
    record = services.drug_tests.add(make_input(person_id, TODAY))
    with expect_refusal(services, "Ngày test (01/01/2027) ở sau ngày hôm nay (23/11/2026)."):
        services.drug_tests.edit(record.id, replace(record.as_input(), test_date=date(2027, 1, 1)))
    with pytest.raises(NotFoundError):
        services.drug_tests.edit(record.id + 100, record.as_input())


def test_refusal_names_the_fields_for_the_form(services: Services) -> None:
    with pytest.raises(ValidationError) as refused:
        services.drug_tests.add(make_input(None, date(2027, 1, 1), Substance.OTHER))
    assert [problem.field for problem in refused.value.problems] == [
        "test_date",
        "other_substance",
        "person_id",
    ]


# --- listing -------------------------------------------------------------------------------
@pytest.fixture
def listed(services: Services) -> dict[str, int]:
    """Three persons in two sub-areas with tests over two months."""
    hung = add_person(services, "Đặng Văn Hiển", area=0, birth_year=1988)
    hoa = add_person(services, "Âu Thị Huệ", area=1, birth_year=1995)
    minh = add_person(services, "Bế Đức Mạnh", area=1, birth_year=2001)
    add = services.drug_tests.add
    return {
        "hung_oct": add(make_input(hung, date(2026, 10, 20), summoned_by="Thiếu úy Ông")).id,
        "hung_nov": add(make_input(hung, date(2026, 11, 16), Substance.HEROIN)).id,
        "hoa_nov": add(make_input(hoa, date(2026, 11, 15))).id,
        "minh_nov": add(make_input(minh, date(2026, 11, 23), Substance.CANNABIS)).id,
        "minh_oct": add(make_input(minh, date(2026, 10, 1))).id,
    }


def ids_for(services: Services, **criteria: object) -> list[int]:
    return services.drug_tests.ordered_ids(DrugTestCriteria(**criteria))  # type: ignore[arg-type]


def test_listing_newest_first_by_default(services: Services, listed: dict[str, int]) -> None:
    assert ids_for(services) == [
        listed["minh_nov"],
        listed["hung_nov"],
        listed["hoa_nov"],
        listed["hung_oct"],
        listed["minh_oct"],
    ]
    assert ids_for(services, descending=False)[0] == listed["minh_oct"]


def test_listing_filters(services: Services, listed: dict[str, int]) -> None:
    area_1 = sub_area_ids(services)[1]
    nov = {"date_from": date(2026, 11, 15), "date_to": date(2026, 11, 23)}
    # Accents and case ignored; every word must match.
    assert ids_for(services, text="dang van hien") == [listed["hung_nov"], listed["hung_oct"]]
    assert ids_for(services, text="HIỂN 1988") == [listed["hung_nov"], listed["hung_oct"]]
    assert ids_for(services, text="hien 1995") == []
    assert ids_for(services, sub_area_id=area_1) == [
        listed["minh_nov"],
        listed["hoa_nov"],
        listed["minh_oct"],
    ]
    # Both ends of the period are inside it.
    assert ids_for(services, **nov) == [listed["minh_nov"], listed["hung_nov"], listed["hoa_nov"]]
    assert ids_for(services, positive_only=True, **nov) == [listed["minh_nov"], listed["hung_nov"]]
    assert ids_for(services, sub_area_id=area_1, positive_only=True) == [listed["minh_nov"]]


def test_listing_sorts(services: Services, listed: dict[str, int]) -> None:
    by_name = ids_for(services, sort=DrugTestSort.NAME, descending=False)
    # Âu, Bế, Đặng: folded names sort as a reader expects; a person's newest test first.
    assert by_name == [
        listed["hoa_nov"],
        listed["minh_nov"],
        listed["minh_oct"],
        listed["hung_nov"],
        listed["hung_oct"],
    ]
    by_result = ids_for(services, sort=DrugTestSort.RESULT, descending=True)
    assert by_result[:2] == [listed["minh_nov"], listed["hung_nov"]]
    by_year = ids_for(services, sort=DrugTestSort.BIRTH_YEAR, descending=False)
    assert by_year[:2] == [listed["hung_nov"], listed["hung_oct"]]
    by_area = ids_for(services, sort=DrugTestSort.SUB_AREA, descending=False)
    assert by_area[:2] == [listed["hung_nov"], listed["hung_oct"]]


def test_rows_for_the_table(services: Services, listed: dict[str, int]) -> None:
    rows = services.drug_tests.rows(
        [listed["hung_nov"], listed["hung_oct"], 99999], DrugTestCriteria()
    )
    assert set(rows) == {listed["hung_nov"], listed["hung_oct"]}
    row = rows[listed["hung_nov"]]
    assert (row.person_name, row.birth_year, row.sub_area_name) == (
        "Đặng Văn Hiển",
        1988,
        "Thôn Đông",
    )
    assert (row.substances_text, row.result_text, row.test_date) == (
        "Heroin/Morphine",
        "Dương tính",
        date(2026, 11, 16),
    )
    assert rows[listed["hung_oct"]].summoned_by == "Thiếu úy Ông"


def test_summary_counts_tests_persons_and_positive_persons(
    services: Services, listed: dict[str, int]
) -> None:
    summary = services.drug_tests.summary(DrugTestCriteria())
    assert (summary.tests, summary.persons, summary.positive_persons) == (5, 3, 2)
    october = services.drug_tests.summary(
        DrugTestCriteria(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31))
    )
    assert (october.tests, october.persons, october.positive_persons) == (2, 2, 0)


def test_summoned_by_suggestions(services: Services, listed: dict[str, int]) -> None:
    assert services.drug_tests.summoned_by_names() == ["Thiếu úy Ông"]


# --- rates per sub-area --------------------------------------------------------------------
def test_rates_count_persons_not_tests(services: Services) -> None:
    east, west = (
        add_person(services, "Tạ Văn Một", area=0),
        add_person(services, "Tạ Văn Hai", area=0),
    )
    north = add_person(services, "Tạ Thị Ba", area=2)
    nowhere = add_person(services, "Tạ Văn Bốn", area=None)
    add = services.drug_tests.add
    # Two tests of one person in the period, one positive: one tested, one positive.
    add(make_input(east, date(2026, 11, 15)))
    add(make_input(east, date(2026, 11, 20), Substance.METHAMPHETAMINE))
    add(make_input(west, date(2026, 11, 16)))
    add(make_input(west, date(2026, 11, 14), Substance.HEROIN))  # the day before the period
    add(make_input(north, date(2026, 11, 23), Substance.MDMA))  # the period's last day
    add(make_input(north, date(2026, 11, 22), Substance.MDMA))
    add(make_input(nowhere, date(2026, 11, 18)))

    rates = services.drug_tests.rates_by_sub_area(date(2026, 11, 15), date(2026, 11, 23))
    ids = sub_area_ids(services)
    assert rates == [
        SubAreaRate(ids[0], "Thôn Đông", 2, 1, Decimal("50.0")),
        SubAreaRate(ids[1], "Thôn Đoài", 0, 0, None),
        SubAreaRate(ids[2], "Tổ dân phố Bắc", 1, 1, Decimal("100.0")),
        SubAreaRate(ids[3], "Xóm Nam", 0, 0, None),
        SubAreaRate(None, "Chưa rõ địa bàn", 1, 0, Decimal("0.0")),
        SubAreaRate(None, "Tổng cộng", 4, 2, Decimal("50.0"), is_total=True),
    ]


def test_rates_without_any_test_list_every_sub_area(services: Services) -> None:
    rates = services.drug_tests.rates_by_sub_area(date(2026, 1, 1), date(2026, 1, 31))
    assert [(rate.name, rate.tested, rate.rate) for rate in rates] == [
        ("Thôn Đông", 0, None),
        ("Thôn Đoài", 0, None),
        ("Tổ dân phố Bắc", 0, None),
        ("Xóm Nam", 0, None),
        ("Tổng cộng", 0, None),
    ]
    with pytest.raises(ValidationError, match="Từ ngày \\(02/01/2026\\) ở sau đến ngày"):
        services.drug_tests.rates_by_sub_area(date(2026, 1, 2), date(2026, 1, 1))


@pytest.mark.parametrize(
    ("positive", "tested", "expected", "text"),
    [
        (53, 351, Decimal("15.1"), "15,1%"),  # the seed's figure
        (1, 16, Decimal("6.3"), "6,3%"),  # 6.25: a half rounds up, not to even
        (3, 16, Decimal("18.8"), "18,8%"),
        (1, 3, Decimal("33.3"), "33,3%"),
        (2, 3, Decimal("66.7"), "66,7%"),
        (0, 7, Decimal("0.0"), "0,0%"),
        (7, 7, Decimal("100.0"), "100,0%"),
    ],
)
def test_rate_has_one_decimal_with_halves_up(
    positive: int, tested: int, expected: Decimal, text: str
) -> None:
    assert positive_rate(positive, tested) == expected
    assert format_rate(positive_rate(positive, tested)) == text


def test_rate_of_nobody_is_none() -> None:
    assert positive_rate(0, 0) is None
    assert format_rate(None) == "—"


# --- after a positive test ------------------------------------------------------------------
@pytest.mark.parametrize(
    "suspected", [ManagementList.SUSPECTED_USER, ManagementList.SUSPECTED_ADDICT]
)
def test_a_positive_suspect_moves_to_users_from_the_test_day(
    services: Services, person_id: int, suspected: ManagementList
) -> None:
    put_on(services, person_id, suspected, date(2026, 5, 4))
    test = services.drug_tests.add(make_input(person_id, date(2026, 11, 10), Substance.HEROIN))
    assert services.drug_tests.suggested_move(test.id) is ManagementList.USER
    suggestion = services.drug_tests.move_suggestion(test.id)
    assert suggestion == MoveSuggestion(
        test.id, person_id, "Khổng Văn Thắm", date(2026, 11, 10), suspected, ManagementList.USER
    )
    assert suggestion.question == (
        "Chuyển Khổng Văn Thắm sang diện Người sử dụng trái phép chất ma túy từ ngày 10/11/2026?"
    )

    entry = services.drug_tests.move_after_positive(test.id)

    stays = services.histories.entries(person_id, HistoryKind.LIST)
    assert [(s.values["list_key"], s.start, s.end) for s in stays] == [
        (suspected.value, date(2026, 5, 4), date(2026, 11, 10)),
        ("su_dung", date(2026, 11, 10), None),
    ]
    assert stays[0].values["end_reason"] == "Chuyển sang danh sách khác"
    assert stays[1].values["start_reason"] == "Test dương tính"
    assert entry == stays[1]
    # Done: nothing more to suggest, and asking again is refused with nothing written.
    assert services.drug_tests.suggested_move(test.id) is None
    with expect_refusal(
        services,
        "Kết quả test ngày 10/11/2026 của Khổng Văn Thắm không dẫn tới việc chuyển diện quản "
        "lý (âm tính, đối tượng đã ở diện khác, hoặc diện quản lý đã thay đổi sau ngày test).",
    ):
        services.drug_tests.move_after_positive(test.id)


def test_a_positive_person_on_no_list_is_put_on_users(services: Services, person_id: int) -> None:
    test = services.drug_tests.add(make_input(person_id, date(2026, 11, 10), Substance.CANNABIS))
    suggestion = services.drug_tests.move_suggestion(test.id)
    assert suggestion is not None and suggestion.from_list is None
    assert suggestion.question == (
        "Đưa Khổng Văn Thắm vào diện Người sử dụng trái phép chất ma túy từ ngày 10/11/2026?"
    )
    services.drug_tests.move_after_positive(test.id)
    (stay,) = services.histories.entries(person_id, HistoryKind.LIST)
    assert (stay.values["list_key"], stay.start, stay.end, stay.values["start_reason"]) == (
        "su_dung",
        date(2026, 11, 10),
        None,
        "Test dương tính",
    )


def test_no_move_when_negative_already_confirmed_or_history_moved_on(
    services: Services, person_id: int
) -> None:
    drug_tests = services.drug_tests
    put_on(services, person_id, ManagementList.SUSPECTED_USER, date(2026, 3, 1))
    negative = drug_tests.add(make_input(person_id, date(2026, 4, 1)))
    assert drug_tests.suggested_move(negative.id) is None
    # Positive in April, but the person was found addicted in June: too late to move.
    april = drug_tests.add(make_input(person_id, date(2026, 4, 2), Substance.HEROIN))
    services.histories.move(person_id, ManagementList.ADDICT, date(2026, 6, 1))
    assert drug_tests.suggested_move(april.id) is None
    # Positive while addicted: already confirmed.
    july = drug_tests.add(make_input(person_id, date(2026, 7, 1), Substance.HEROIN))
    assert drug_tests.suggested_move(july.id) is None

    # On no list on the test day, but a later stay is in the way of an open one.
    other = add_person(services, "Lý Văn Sáu")
    early = drug_tests.add(make_input(other, date(2026, 1, 5), Substance.MDMA))
    put_on(services, other, ManagementList.SUSPECTED_USER, date(2026, 2, 1))
    assert drug_tests.suggested_move(early.id) is None
    with pytest.raises(NotFoundError):
        drug_tests.suggested_move(99999)
