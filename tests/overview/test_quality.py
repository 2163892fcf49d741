"""Data quality: each check counts exactly the persons it should, near misses left out."""

from datetime import date

import pytest
from sqlalchemy import select, update

from pcmt_desktop.domain.vocabulary import AddictLocation, ManagementList
from pcmt_desktop.overview.parts import Part
from pcmt_desktop.overview.quality import (
    QUALITY_PARTS,
    QualityCheck,
    quality_checks,
)
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import DrugTest, Person
from tests.conftest import TODAY
from tests.overview.builders import drug_test, location, person, stay

SUSPECTED = ManagementList.SUSPECTED_USER
USER = ManagementList.USER
ADDICT = ManagementList.ADDICT


def checks(services: Services) -> dict[str, QualityCheck]:
    return {check.key: check for check in quality_checks(services.context, TODAY)}


def ids(services: Services, key: str) -> frozenset[int]:
    found = checks(services)[key]
    assert found.count == len(found.person_ids)
    return found.person_ids


def test_every_check_in_order_with_its_words_and_where_it_leads(services: Services) -> None:
    found = quality_checks(services.context, TODAY)
    assert [(check.key, check.opens, check.count) for check in found] == [
        ("no_cccd", "persons", 0),
        ("no_birth", "persons", 0),
        ("no_sub_area", "persons", 0),
        ("duplicates", "duplicates", 0),
        ("positive_not_moved", "persons", 0),
        ("addict_no_location", "persons", 0),
    ]
    assert [check.label for check in found] == [
        "Đối tượng đang quản lý chưa có số CCCD",
        "Đối tượng đang quản lý chưa có ngày, năm sinh",
        "Đối tượng đang quản lý chưa xác định địa bàn",
        "Đối tượng có thể bị nhập trùng",
        "Test dương tính nhưng chưa chuyển diện quản lý",
        "Người nghiện chưa ghi nơi ở (cộng đồng hay cơ sở cai nghiện)",
    ]
    assert all(check.hint.endswith(".") and len(check.hint) > 20 for check in found)
    assert [part.name for part in QUALITY_PARTS] == [
        "quality.identity",
        "quality.duplicates",
        "quality.positive_not_moved",
        "quality.addict_no_location",
    ]


# --- identity gaps of the persons on a list today ------------------------------------------
def test_identity_gaps_count_only_persons_on_a_list_at_the_end_of_today(
    services: Services,
) -> None:
    no_cccd = person(services, "Lò Văn Thiếu", cccd=None)
    no_birth = person(services, "Cầm Thị Mai", birth_year=None)
    no_area = person(services, "Lường Văn Khuyết", area=None)
    everything = person(services, "Hà Thị Trống", cccd=None, birth_year=None, area=None)
    started_today = person(services, "Vi Văn Mới", cccd=None)
    for person_id, key in (
        (no_cccd, ADDICT),
        (no_birth, USER),
        (no_area, SUSPECTED),
        (everything, ManagementList.POST_REHAB),
    ):
        stay(services, person_id, key, date(2025, 3, 1))
    stay(services, started_today, USER, TODAY)
    # Near misses: complete persons on a list, gaps of persons on no list today.
    complete = person(services, "Nông Văn Đủ")
    stay(services, complete, ADDICT, date(2024, 1, 1))
    only_year = person(services, "Đèo Thị Năm", birth_year=1985)
    stay(services, only_year, USER, date(2026, 1, 1))
    never = person(services, "Sầm Văn Ngoài", cccd=None, birth_year=None, area=None)
    ended_today = person(services, "Mè Thị Hết", cccd=None, birth_year=None, area=None)
    stay(services, ended_today, USER, date(2025, 6, 1), TODAY, end_reason="Hết thời gian quản lý")
    ended_before = person(services, "Quàng Văn Xưa", cccd=None)
    stay(services, ended_before, USER, date(2024, 6, 1), date(2025, 6, 1))
    assert {never, ended_today, ended_before}.isdisjoint(
        ids(services, "no_cccd") | ids(services, "no_birth") | ids(services, "no_sub_area")
    )

    assert ids(services, "no_cccd") == {no_cccd, everything, started_today}
    assert ids(services, "no_birth") == {no_birth, everything}
    assert ids(services, "no_sub_area") == {no_area, everything}


def test_a_cccd_stored_as_empty_text_is_missing(services: Services) -> None:
    # Rows written outside the program (an old import) may hold "" rather than NULL.
    blank = person(services, "Khà Văn Rỗng")
    stay(services, blank, USER, date(2026, 1, 1))
    with services.context.unit_of_work() as session:
        session.execute(update(Person).where(Person.id == blank).values(cccd=""))
    assert ids(services, "no_cccd") == {blank}


def test_a_birth_date_alone_is_enough(services: Services) -> None:
    born = person(services, "Lỡ Thị Ngày", birth_year=None, birth_date=date(1991, 4, 5))
    stay(services, born, USER, date(2026, 1, 1))
    with services.context.unit_of_work() as session:
        # As an old import may leave it: the day without the year beside it.
        session.execute(update(Person).where(Person.id == born).values(birth_year=None))
    assert ids(services, "no_birth") == frozenset()


# --- probable duplicates -------------------------------------------------------------------
def test_duplicates_are_the_persons_of_the_duplicates_view(services: Services) -> None:
    first = person(services, "Nguyễn Văn Hùng", birth_year=1988, area=1)
    second = person(services, "NGUYỄN  văn hùng", birth_year=1988, area=1, cccd=None)
    third = person(services, "Nguyen Van Hung", birth_year=1988, area=1)
    pair = [person(services, "Trần Thị Lan", birth_year=1975, area=2) for _ in range(2)]
    # Near misses: another sub-area, another year, no year, no sub-area.
    person(services, "Nguyễn Văn Hùng", birth_year=1988, area=2)
    person(services, "Nguyễn Văn Hùng", birth_year=1989, area=1)
    person(services, "Nguyễn Văn Hùng", birth_year=None, area=1)
    person(services, "Trần Thị Lan", birth_year=1975, area=None)

    found = checks(services)["duplicates"]

    assert found.person_ids == {first, second, third, *pair}
    assert found.count == 5
    view = {pid for group in services.duplicates.groups() for pid in group.person_ids}
    assert found.person_ids == view


# --- positive tests not followed by a move ---------------------------------------------------
def test_positive_tests_not_followed_by_a_move(services: Services) -> None:
    tested = date(2026, 10, 1)

    on_no_list = person(services, "Bế Văn Một")
    drug_test(services, on_no_list, tested, positive=True)
    still_suspected = person(services, "Bế Văn Hai")
    stay(services, still_suspected, SUSPECTED, date(2026, 1, 1))
    drug_test(services, still_suspected, tested, positive=True)
    suspected_that_day = person(services, "Bế Văn Ba")
    stay(services, suspected_that_day, ManagementList.SUSPECTED_ADDICT, tested)
    drug_test(services, suspected_that_day, tested, positive=True)
    off_the_list_before = person(services, "Bế Văn Bốn")
    stay(services, off_the_list_before, USER, date(2024, 1, 1), date(2025, 1, 1))
    drug_test(services, off_the_list_before, tested, positive=True)
    first_day_of_window = person(services, "Bế Văn Năm")
    drug_test(services, first_day_of_window, date(2025, 11, 24), positive=True)
    # Near misses.
    moved = person(services, "Hoàng Văn Đã")
    stay(services, moved, SUSPECTED, date(2026, 1, 1))
    services.drug_tests.move_after_positive(drug_test(services, moved, tested, positive=True))
    put_on_later = person(services, "Hoàng Văn Sau")
    drug_test(services, put_on_later, tested, positive=True)
    stay(services, put_on_later, USER, date(2026, 10, 20))
    already_user = person(services, "Hoàng Văn Rồi")
    stay(services, already_user, USER, date(2026, 5, 1))
    drug_test(services, already_user, tested, positive=True)
    negative = person(services, "Hoàng Văn Âm")
    drug_test(services, negative, tested, positive=False)
    left = person(services, "Hoàng Văn Đi")
    stay(services, left, SUSPECTED, date(2026, 1, 1), date(2026, 10, 15), end_reason="Đi khỏi")
    drug_test(services, left, tested, positive=True)
    too_old = person(services, "Hoàng Văn Cũ")
    drug_test(services, too_old, date(2025, 11, 23), positive=True)

    assert ids(services, "positive_not_moved") == {
        on_no_list,
        still_suspected,
        suspected_that_day,
        off_the_list_before,
        first_day_of_window,
    }


def test_a_later_positive_test_decides_once_the_list_has_moved_on(services: Services) -> None:
    again = person(services, "Sần Văn Lại")
    drug_test(services, again, date(2026, 1, 10), positive=True)
    stay(services, again, USER, date(2026, 1, 10), date(2026, 6, 1), end_reason="Hết thời hạn")
    assert ids(services, "positive_not_moved") == frozenset()
    drug_test(services, again, date(2026, 9, 1), positive=True)
    assert ids(services, "positive_not_moved") == {again}


def test_the_check_finds_exactly_the_tests_the_move_button_still_applies_to(
    services: Services,
) -> None:
    """The rule is ``DrugTestService.move_suggestion``'s, over every positive test."""
    histories: list[list[tuple[ManagementList, date, date | None]]] = [
        [],
        [(SUSPECTED, date(2026, 2, 1), None)],
        [(SUSPECTED, date(2026, 2, 1), date(2026, 8, 1))],
        [(SUSPECTED, date(2026, 2, 1), date(2026, 8, 1)), (USER, date(2026, 8, 1), None)],
        [(USER, date(2025, 12, 1), date(2026, 3, 1))],
        [(ADDICT, date(2026, 9, 1), None)],
        [(ManagementList.SUSPECTED_ADDICT, date(2026, 6, 15), None)],
    ]
    days = [date(2026, 1, 5), date(2026, 2, 1), date(2026, 6, 15), date(2026, 8, 1)]
    for index, history in enumerate(histories):
        for day in days:
            subject = person(services, f"Thử Văn {index}{day.month:02d}")
            for key, start, end in history:
                stay(services, subject, key, start, end)
            drug_test(services, subject, day, positive=True)
    with services.context.reading() as session:
        positives = session.execute(
            select(DrugTest.id, DrugTest.person_id).where(DrugTest.positive.is_(True))
        ).all()
    expected = {
        person_id
        for test_id, person_id in positives
        if services.drug_tests.move_suggestion(test_id) is not None
    }
    assert 0 < len(expected) < len(positives)
    assert ids(services, "positive_not_moved") == expected


# --- addicts without a location ---------------------------------------------------------------
def test_addicts_without_a_location_covering_today(services: Services) -> None:
    nowhere = person(services, "Sùng Văn Đâu")
    stay(services, nowhere, ADDICT, date(2025, 1, 1))
    location_ended = person(services, "Sùng Văn Cũ")
    stay(services, location_ended, ADDICT, date(2025, 1, 1))
    location(services, location_ended, AddictLocation.COMMUNITY, date(2025, 1, 1), TODAY)
    # Near misses.
    at_home = person(services, "Sùng Văn Nhà")
    stay(services, at_home, ADDICT, date(2025, 1, 1))
    location(services, at_home, AddictLocation.COMMUNITY, date(2025, 1, 1))
    in_facility = person(services, "Sùng Văn Trại")
    stay(services, in_facility, ADDICT, date(2025, 1, 1))
    location(services, in_facility, AddictLocation.FACILITY, TODAY)
    user = person(services, "Sùng Văn Dùng")
    stay(services, user, USER, date(2025, 1, 1))
    no_longer = person(services, "Sùng Văn Thôi")
    stay(services, no_longer, ADDICT, date(2024, 1, 1), date(2025, 1, 1))

    assert ids(services, "addict_no_location") == {nowhere, location_ended}


@pytest.mark.parametrize("part", QUALITY_PARTS, ids=lambda part: part.name)
def test_each_part_alone_gives_its_checks(
    services: Services, part: Part[list[QualityCheck]]
) -> None:
    lonely = person(services, "Giàng Văn Một", cccd=None)
    stay(services, lonely, ADDICT, date(2026, 1, 1))
    together = {check.key: check for check in quality_checks(services.context, TODAY)}
    alone = part.run(services.context, TODAY)
    assert alone
    assert all(check == together[check.key] for check in alone)
    assert together["no_cccd"].person_ids == {lonely}
