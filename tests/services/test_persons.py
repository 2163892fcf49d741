"""Persons: every rule with its message, duplicates, search, audit and announcements."""

from dataclasses import replace
from datetime import date

import pytest

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.conftest import NOW
from tests.services.support import expect_refusal, expect_write

from .history_values import VALID_VALUES


def khai(services: Services, **changes: object) -> PersonInput:
    """A full, valid input for an invented person, with ``changes`` applied."""
    data = PersonInput(
        full_name="Trịnh Văn Khải",
        gender=Gender.MALE,
        birth_year=1992,
        birth_date=date(1992, 4, 17),
        cccd="079201001234",
        sub_area_id=services.office.sub_areas()[0].id,
        village="Xóm Giữa",
        permanent_address="Số 4, ngõ 12",
        current_address="Số 4, ngõ 12",
        occupation="Lái xe",
        notes="Có tiền án",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_add_tidies_the_input_and_audits_the_new_row(services: Services) -> None:
    data = khai(
        services,
        full_name="  Trịnh   Văn Khải ",
        cccd=" 0792 0100 1234 ",
        birth_year=None,
        village=" Xóm  Giữa ",
    )
    with expect_write(services, {Entity.PERSON}, [1]) as written:
        record = services.persons.add(data)
    assert record.id == 1
    assert record.full_name == "Trịnh Văn Khải"
    assert record.cccd == "079201001234"
    assert record.birth_year == 1992  # taken from the date of birth
    assert record.village == "Xóm Giữa"
    assert record.sub_area_name == "Thôn Đông"
    assert record.created_at == record.updated_at == NOW
    assert services.persons.get(record.id) == record
    assert services.persons.count() == 1
    (entry,) = written.audit
    assert (entry.action, entry.entity, entry.entity_id, entry.before) == (
        "tao",
        "person",
        1,
        None,
    )
    assert entry.after is not None
    assert entry.after["full_name"] == "Trịnh Văn Khải"
    assert entry.after["birth_date"] == "1992-04-17"
    assert entry.after["name_folded"] == "trinh van khai"


def test_add_with_only_a_name(services: Services) -> None:
    record = services.persons.add(PersonInput("Đàm Quốc Ưng"))
    assert (record.cccd, record.birth_year, record.sub_area_id, record.sub_area_name) == (
        None,
        None,
        None,
        "",
    )


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        ({"full_name": "   "}, ["Chưa nhập họ và tên."]),
        ({"cccd": "07920100123"}, ["Số CCCD phải gồm đúng 12 chữ số (đã nhập: “07920100123”)."]),
        ({"cccd": "07920100123X"}, ["Số CCCD phải gồm đúng 12 chữ số (đã nhập: “07920100123X”)."]),
        (
            {"birth_date": date(2026, 11, 24), "birth_year": None},
            ["Ngày sinh (24/11/2026) ở sau ngày hôm nay (23/11/2026)."],
        ),
        ({"birth_year": 1993}, ["Năm sinh không khớp với ngày sinh."]),
        (
            {"birth_date": None, "birth_year": 2027},
            ["Năm sinh 2027 không hợp lệ (phải từ 1900 đến 2026)."],
        ),
        (
            {"birth_date": None, "birth_year": 1899},
            ["Năm sinh 1899 không hợp lệ (phải từ 1900 đến 2026)."],
        ),
        ({"sub_area_id": 999}, ["Địa bàn đã chọn không còn tồn tại."]),
        (
            {"full_name": "", "cccd": "12", "birth_year": 1800},
            [
                "Chưa nhập họ và tên.",
                "Số CCCD phải gồm đúng 12 chữ số (đã nhập: “12”).",
                "Năm sinh không khớp với ngày sinh.",
                "Năm sinh 1800 không hợp lệ (phải từ 1900 đến 2026).",
            ],
        ),
    ],
    ids=[
        "no-name",
        "cccd-11-digits",
        "cccd-letter",
        "birth-future",
        "year-vs-date",
        "year-future",
        "year-too-old",
        "missing-sub-area",
        "several",
    ],
)
def test_add_refusals_write_nothing(
    services: Services, changes: dict[str, object], messages: list[str]
) -> None:
    data = khai(services, **changes)
    assert [p.message for p in services.persons.validate(data)] == messages
    with expect_refusal(services, *messages):
        services.persons.add(data)
    assert services.persons.count() == 0


def test_validate_names_the_fields(services: Services) -> None:
    problems = services.persons.validate(khai(services, full_name="", cccd="1", birth_year=1990))
    assert [p.field for p in problems] == ["full_name", "cccd", "birth"]


def test_cccd_is_unique_and_the_refusal_names_the_holder(services: Services) -> None:
    holder = services.persons.add(khai(services))
    other = PersonInput("Vương Thị Ngát", cccd="0792 0100 1234")
    with expect_refusal(
        services, "Số CCCD 079201001234 đã thuộc về đối tượng Trịnh Văn Khải (mã 1)."
    ):
        services.persons.add(other)
    # Editing the holder may keep its own number.
    services.persons.edit(holder.id, khai(services, occupation="Thợ hàn"))
    second = services.persons.add(PersonInput("Vương Thị Ngát", cccd="001188000111"))
    with expect_refusal(
        services, "Số CCCD 079201001234 đã thuộc về đối tượng Trịnh Văn Khải (mã 1)."
    ):
        services.persons.edit(second.id, replace(other, cccd="079201001234"))


def test_edit_audits_only_the_changed_fields(services: Services) -> None:
    record = services.persons.add(khai(services))
    changed = khai(services, occupation="Thợ hàn", notes="Đã chuyển nơi ở")
    with expect_write(services, {Entity.PERSON}, [record.id]) as written:
        edited = services.persons.edit(record.id, changed)
    assert (edited.occupation, edited.notes) == ("Thợ hàn", "Đã chuyển nơi ở")
    assert services.persons.get(record.id) == edited
    (entry,) = written.audit
    assert entry.action == "sua"
    assert entry.before == {"notes": "Có tiền án", "occupation": "Lái xe"}
    assert entry.after == {"notes": "Đã chuyển nơi ở", "occupation": "Thợ hàn"}


def test_edit_that_changes_nothing_leaves_no_audit(services: Services) -> None:
    record = services.persons.add(khai(services))
    with expect_write(services, {Entity.PERSON}, [record.id], audit_rows=0):
        services.persons.edit(record.id, record.as_input())
    # Only white space differs: tidied to the same values, still nothing to record.
    with expect_write(services, {Entity.PERSON}, [record.id], audit_rows=0):
        services.persons.edit(record.id, khai(services, full_name=" Trịnh  Văn Khải "))


def test_edit_refusal_writes_nothing(services: Services) -> None:
    record = services.persons.add(khai(services))
    with expect_refusal(services, "Năm sinh không khớp với ngày sinh."):
        services.persons.edit(record.id, khai(services, birth_year=1991, occupation="Khác"))
    assert services.persons.get(record.id) == record


def test_edit_and_delete_of_a_missing_person_are_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError, match="Không tìm thấy đối tượng mã 42"):
        services.persons.edit(42, PersonInput("Ai Đó"))
    with pytest.raises(NotFoundError, match="Không tìm thấy đối tượng mã 42"):
        services.persons.delete(42)
    with pytest.raises(NotFoundError, match="Không tìm thấy đối tượng mã 42"):
        services.persons.get(42)


def test_delete_audits_what_was_removed(services: Services) -> None:
    record = services.persons.add(khai(services))
    with expect_write(services, {Entity.PERSON}, [record.id]) as written:
        services.persons.delete(record.id)
    assert services.persons.count() == 0
    (entry,) = written.audit
    assert (entry.action, entry.after) == ("xoa", None)
    assert entry.before is not None
    assert entry.before["cccd"] == "079201001234"


@pytest.mark.parametrize("kind", list(HistoryKind))
def test_delete_is_refused_while_history_remains(services: Services, kind: HistoryKind) -> None:
    record = services.persons.add(khai(services))
    entry = services.histories.add(
        kind, record.id, HistoryInput(date(2026, 1, 5), None, VALID_VALUES[kind])
    )
    with expect_refusal(
        services,
        "Không thể xóa đối tượng Trịnh Văn Khải: còn 1 dòng lịch sử. "
        "Hãy xóa các dòng nhập nhầm trong lịch sử trước.",
    ):
        services.persons.delete(record.id)
    services.histories.delete(kind, entry.id)
    services.persons.delete(record.id)
    assert services.persons.count() == 0


# --- probable duplicates ------------------------------------------------------------------------
def test_duplicate_by_cccd(services: Services) -> None:
    first = services.persons.add(khai(services))
    found = services.persons.probable_duplicates(PersonInput("Tên Khác", cccd="079 201 001 234"))
    assert [(c.person.id, c.reason) for c in found] == [(first.id, "Trùng số CCCD 079201001234")]


def test_duplicate_by_name_ignoring_accents_with_year_and_sub_area(services: Services) -> None:
    first = services.persons.add(khai(services, cccd=None))
    area = services.office.sub_areas()[0].id
    found = services.persons.probable_duplicates(
        PersonInput("TRINH  van khai", birth_year=1992, sub_area_id=area)
    )
    assert [(c.person.id, c.reason) for c in found] == [
        (first.id, "Trùng họ tên, năm sinh và địa bàn")
    ]
    # A birth date gives the year too.
    assert services.persons.probable_duplicates(
        PersonInput("Trịnh Văn Khải", birth_date=date(1992, 1, 1), sub_area_id=area)
    )


def test_no_duplicate_with_another_birth_year_or_sub_area(services: Services) -> None:
    services.persons.add(khai(services, cccd=None))
    other_area = services.office.sub_areas()[1].id
    probe = khai(services, cccd=None)
    assert services.persons.probable_duplicates(probe)
    assert not services.persons.probable_duplicates(replace(probe, sub_area_id=other_area))
    assert not services.persons.probable_duplicates(
        replace(probe, birth_year=1993, birth_date=None)
    )
    assert not services.persons.probable_duplicates(replace(probe, full_name="Trịnh Văn Khoa"))


def test_a_name_differing_only_by_a_tone_mark_is_a_probable_duplicate(
    services: Services,
) -> None:
    first = services.persons.add(khai(services, cccd=None))
    found = services.persons.probable_duplicates(
        khai(services, cccd=None, full_name="Trinh Van Khai")
    )
    assert [c.person.id for c in found] == [first.id]
    found = services.persons.probable_duplicates(
        khai(services, cccd=None, full_name="Trịnh Văn Khái")
    )
    assert [c.person.id for c in found] == [first.id]


def test_no_duplicate_without_year_or_sub_area(services: Services) -> None:
    services.persons.add(khai(services, cccd=None))
    assert services.persons.probable_duplicates(PersonInput("Trịnh Văn Khải")) == []
    assert (
        services.persons.probable_duplicates(PersonInput("Trịnh Văn Khải", birth_year=1992)) == []
    )


def test_duplicates_leave_out_the_person_being_edited(services: Services) -> None:
    first = services.persons.add(khai(services))
    assert services.persons.probable_duplicates(khai(services), exclude_id=first.id) == []
    assert len(services.persons.probable_duplicates(khai(services))) == 1


# --- search ------------------------------------------------------------------------------------
def test_find_ignores_accents_case_and_order_of_words(services: Services) -> None:
    khai_id = services.persons.add(khai(services)).id
    ngat_id = services.persons.add(PersonInput("Vương Thị Ngát", birth_year=1988)).id
    ung_id = services.persons.add(PersonInput("Đàm Quốc Ưng")).id

    def ids(text: str) -> list[int]:
        return [record.id for record in services.persons.find(text)]

    assert ids("trinh van") == [khai_id]
    assert ids("KHẢI trịnh") == [khai_id]
    assert ids("079201") == [khai_id]
    assert ids("1988") == [ngat_id]
    assert ids("xom giua") == [khai_id]
    assert ids("dam ung") == [ung_id]
    assert ids("thi khai") == []
    assert ids("%") == []
    assert ids("_") == []
    assert len(ids("")) == 3


def test_delete_is_refused_while_a_drug_test_names_the_person(services: Services) -> None:
    """The test's foreign key cascades: deleting would silently lose it without an audit."""
    record = services.persons.add(khai(services))
    test = services.drug_tests.add(DrugTestInput(person_id=record.id, test_date=date(2026, 3, 2)))
    with expect_refusal(
        services,
        "Không thể xóa đối tượng Trịnh Văn Khải: còn 1 lượt test ma túy gắn với đối tượng "
        "này. Hãy xóa hoặc sửa các bản ghi đó trước.",
    ):
        services.persons.delete(record.id)
    services.drug_tests.delete(test.id)
    services.persons.delete(record.id)
    assert services.persons.count() == 0
