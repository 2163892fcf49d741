"""Duplicate persons across the registry, and the all-or-nothing merge that loses nothing."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, inspect, select

from pcmt_desktop.demo.generator import generate_demo
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.services.audit import entries_for_person, entries_for_record
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import CaseInput, SubjectInput
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.duplicates import LINKED_KINDS, DuplicateService
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import Base, Person
from tests.services.support import dump, expect_refusal, expect_write

from .history_values import VALID_VALUES

HISTORY = {Entity.PERSON, Entity.PERSON_HISTORY}


@pytest.fixture
def duplicates(services: Services) -> DuplicateService:
    return DuplicateService(services.context)


def area_id(services: Services, index: int = 0) -> int:
    return services.office.sub_areas()[index].id


def twin_pair(services: Services, **extra: Any) -> tuple[int, int]:
    """Two records of one invented man: the same name typed with and without accents."""
    sub_area = area_id(services)
    keep = services.persons.add(
        PersonInput("Đặng Văn Khởi", birth_year=1991, sub_area_id=sub_area, **extra)
    )
    remove = services.persons.add(
        PersonInput(
            "dang van KHOI",
            gender=Gender.MALE,
            birth_year=1991,
            birth_date=date(1991, 4, 2),
            cccd="001091000123",
            sub_area_id=sub_area,
            village="Xóm Giữa",
            occupation="Làm ruộng",
            notes="Nhập từ sổ cũ",
        )
    )
    return keep.id, remove.id


def on_list(services: Services, person_id: int, key: str, start: date, **values: str) -> int:
    data = {"list_key": key, "start_reason": "Rà soát phát hiện mới", **values}
    return services.histories.add(HistoryKind.LIST, person_id, HistoryInput(start, None, data)).id


def held(services: Services, person_id: int) -> dict[str, list[int]]:
    with services.context.reading() as session:
        return {
            kind.table: list(
                session.scalars(
                    select(kind.model.id)
                    .where(kind.model.person_id == person_id)
                    .order_by(kind.model.id)
                )
            )
            for kind in LINKED_KINDS
        }


def row_counts(services: Services) -> dict[str, int]:
    return {table: len(rows) for table, rows in dump(services).items()}


# --- the schema guard ------------------------------------------------------------------------
def test_every_table_naming_a_person_is_moved_by_the_merge() -> None:
    """A new table with a foreign key to person.id fails here until the merge handles it."""
    naming_a_person = {
        table.name
        for table in Base.metadata.tables.values()
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "person"
    }
    assert naming_a_person == {kind.table for kind in LINKED_KINDS}
    for kind in LINKED_KINDS:
        assert "person_id" in {column.key for column in inspect(kind.model).column_attrs}


# --- finding groups --------------------------------------------------------------------------
def test_groups_ignore_accents_and_case_and_need_year_and_sub_area(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, remove_id = twin_pair(services)
    # Same name, another year / another sub-area / no year: not the same person by the rule.
    services.persons.add(
        PersonInput("Đặng Văn Khởi", birth_year=1992, sub_area_id=area_id(services))
    )
    services.persons.add(
        PersonInput("Đặng Văn Khởi", birth_year=1991, sub_area_id=area_id(services, 1))
    )
    services.persons.add(PersonInput("Đặng Văn Khởi", sub_area_id=area_id(services)))
    third = services.persons.add(
        PersonInput("ĐẶNG  VĂN  KHỞI", birth_year=1991, sub_area_id=area_id(services))
    )
    other = services.persons.add(PersonInput("Mạc Thị Huề", birth_year=1980, sub_area_id=2))
    services.persons.add(PersonInput("mac thi hue", birth_year=1980, sub_area_id=2))
    on_list(services, remove_id, "nghi_su_dung", date(2025, 1, 5))
    services.drug_tests.add(DrugTestInput(remove_id, date(2025, 1, 5)))
    services.drug_tests.add(DrugTestInput(remove_id, date(2025, 2, 5)))

    groups = duplicates.groups()

    assert [group.person_ids for group in groups] == [
        (keep_id, remove_id, third.id),
        (other.id, other.id + 1),
    ]
    first = groups[0]
    assert (first.full_name, first.birth_year, first.sub_area_name) == (
        "Đặng Văn Khởi",
        1991,
        "Thôn Đông",
    )
    member = first.members[1]
    assert (member.count("list_stay"), member.count("drug_test"), member.total) == (1, 2, 3)
    assert first.members[0].total == 0
    assert [item.label for item in member.records][:2] == ["Diện quản lý", "Nơi ở của người nghiện"]


def test_no_groups_in_a_registry_without_twins(
    services: Services, duplicates: DuplicateService
) -> None:
    services.persons.add(PersonInput("Khúc Văn Tư", birth_year=1990, sub_area_id=1))
    services.persons.add(PersonInput("Khúc Văn Tư", birth_year=1991, sub_area_id=1))
    assert duplicates.groups() == []


# --- the merge: everything moves -------------------------------------------------------------
def test_every_kind_of_record_of_a_demo_office_moves_and_nothing_is_lost(
    bare_services: Services,
) -> None:
    services = bare_services
    generate_demo(services, seed=3, persons=60)
    duplicates = DuplicateService(services.context)
    before = row_counts(services)
    covered: set[str] = set()
    with services.context.reading() as session:
        holders = {
            kind.table: session.scalar(
                select(kind.model.person_id)
                .where(kind.model.person_id.is_not(None))
                .group_by(kind.model.person_id)
                .order_by(func.count().desc(), kind.model.person_id)
                .limit(1)
            )
            for kind in LINKED_KINDS
        }
    merged: set[int] = set()
    for table, holder in holders.items():
        assert holder is not None, f"the demo wrote no {table}"
        if holder in merged:
            continue
        merged.add(holder)
        original = services.persons.get(holder)
        # The same person typed again with nothing yet; the old record is merged into it.
        fresh = services.persons.add(PersonInput(original.full_name, birth_year=1990))
        records = held(services, holder)
        result = duplicates.merge(fresh.id, holder)
        assert held(services, fresh.id) == records
        assert all(rows == [] for rows in held(services, holder).values())
        with pytest.raises(NotFoundError):
            services.persons.get(holder)
        assert result.collapsed == ()
        assert {item.table: item.count for item in result.moves} == {
            name: len(rows) for name, rows in records.items() if rows
        }
        covered |= {name for name, rows in records.items() if rows}
    assert covered == {kind.table for kind in LINKED_KINDS}
    after = row_counts(services)
    # Each merge added one person and removed one; two audit rows a person added + merge.
    assert {t: n for t, n in after.items() if t != "audit_entry"} == {
        t: n for t, n in before.items() if t != "audit_entry"
    }
    assert after["audit_entry"] == before["audit_entry"] + 3 * len(merged)


def test_hand_made_records_of_every_registry_follow_the_kept_person(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, remove_id = twin_pair(services)
    on_list(services, keep_id, "su_dung", date(2026, 1, 10))
    for kind, values in VALID_VALUES.items():
        if kind is not HistoryKind.LIST:
            services.histories.add(kind, remove_id, HistoryInput(date(2024, 3, 1), None, values))
    on_list(services, remove_id, "nghi_su_dung", date(2024, 2, 1))
    services.histories.end(
        HistoryKind.LIST,
        held(services, remove_id)["list_stay"][0],
        date(2025, 2, 1),
        "Hết thời gian quản lý",
    )
    test = services.drug_tests.add(
        DrugTestInput(remove_id, date(2025, 6, 1), substances=frozenset({Substance.HEROIN}))
    )
    dossier = services.dossiers.open_dossier(remove_id, date(2025, 6, 2), date(2025, 6, 3))
    case = services.cases.add(
        CaseInput(
            CaseKind.ADMINISTRATIVE,
            date(2025, 7, 1),
            act="Sử dụng trái phép chất ma túy",
            named_subjects=[SubjectInput("Đặng Văn Khởi", 1991, remove_id)],
        )
    )
    records = held(services, remove_id)
    expected = {
        table: sorted(held(services, keep_id)[table] + rows) for table, rows in records.items()
    }

    with expect_write(
        services,
        HISTORY | {"drug_test", "dossier", "drug_case"},
        [keep_id, remove_id],
        audit_rows=2,
    ):
        result = duplicates.merge(keep_id, remove_id)

    assert held(services, keep_id) == expected
    assert services.drug_tests.get(test.id).person_id == keep_id
    assert services.dossiers.get(dossier.id).person_id == keep_id
    assert [s.person_id for s in services.cases.get(case.id).named_subjects] == [keep_id]
    assert result.removed_id == remove_id
    assert "chuyển 09 bản ghi" in result.describe()


# --- identity ---------------------------------------------------------------------------------
def test_the_kept_persons_fields_win_and_its_empty_ones_are_filled(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, remove_id = twin_pair(services, occupation="Lái xe", notes="Hay đi làm xa")
    result = duplicates.merge(keep_id, remove_id)
    kept = result.person
    assert kept.full_name == "Đặng Văn Khởi"  # the kept spelling, not "dang van KHOI"
    assert kept.occupation == "Lái xe"  # kept wins over "Làm ruộng"
    assert (kept.gender, kept.birth_date, kept.cccd, kept.village) == (
        Gender.MALE,
        date(1991, 4, 2),
        "001091000123",  # the kept had no CCCD: it takes the other's
        "Xóm Giữa",
    )
    assert kept.notes.splitlines() == [
        "Hay đi làm xa",
        "Nhập từ sổ cũ",
        f"Đối tượng mã {remove_id} (đã gộp) ghi khác — Họ và tên: dang van KHOI; "
        "Nghề nghiệp: Làm ruộng.",
    ]
    assert services.persons.get(keep_id) == kept
    # The CCCD now finds the kept person in search.
    assert [person.id for person in services.persons.find("001091000123")] == [keep_id]


# --- identical periods collapse, overlapping ones refuse -------------------------------------
@pytest.mark.parametrize("kind", list(HistoryKind))
def test_the_same_period_typed_twice_becomes_one(
    services: Services, duplicates: DuplicateService, kind: HistoryKind
) -> None:
    keep_id, remove_id = twin_pair(services)
    data = HistoryInput(date(2025, 1, 5), None, dict(VALID_VALUES[kind]))
    ours = services.histories.add(kind, keep_id, data)
    theirs = services.histories.add(kind, remove_id, data)
    plan = duplicates.preview(keep_id, remove_id)
    assert plan.conflicts == ()
    assert len(plan.collapsed) == 1
    result = duplicates.merge(keep_id, remove_id)
    assert [entry.id for entry in services.histories.entries(keep_id, kind)] == [ours.id]
    assert result.collapsed == plan.collapsed
    assert f"(mã {keep_id})" in result.collapsed[0]
    (merge_row,) = [e for e in entries_for_person(services.context, keep_id) if e.action == "gop"]
    assert merge_row.before is not None
    assert merge_row.before["collapsed_rows"] == {KIND_TABLE[kind]: [theirs.id]}
    assert "dòng nhập trùng" in result.describe()


KIND_TABLE = {kind.history: kind.table for kind in LINKED_KINDS if kind.history is not None}


def test_overlapping_stays_refuse_the_merge_naming_each_conflict_and_write_nothing(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, remove_id = twin_pair(services)
    on_list(services, keep_id, "nghi_su_dung", date(2025, 1, 5))
    on_list(services, remove_id, "su_dung", date(2025, 3, 1))
    # A stay that differs only in its note is not the same fact typed twice.
    data = HistoryInput(date(2024, 1, 1), date(2024, 6, 1), dict(VALID_VALUES[HistoryKind.CUSTODY]))
    services.histories.add(HistoryKind.CUSTODY, keep_id, data)
    services.histories.add(
        HistoryKind.CUSTODY,
        remove_id,
        HistoryInput(data.start, data.end, {**data.values, "place": "Trại giam khác"}),
    )
    expected = (
        f"Diện quản lý: Nghi sử dụng từ 05/01/2025 đến nay (mã {keep_id}) trùng với "
        f"Sử dụng từ 01/03/2025 đến nay (mã {remove_id})",
        f"Trại giam, cơ sở giáo dục: Trại giam từ 01/01/2024 đến 01/06/2024 (mã {keep_id}) "
        f"trùng với Trại giam từ 01/01/2024 đến 01/06/2024 (mã {remove_id})",
    )
    assert duplicates.check_merge(keep_id, remove_id) == list(expected)
    called: list[str] = []
    with expect_refusal(services, *expected):
        duplicates.merge(keep_id, remove_id, before_merge=lambda: called.append("backup"))
    assert called == []  # no backup for a merge that does not happen


def test_a_case_naming_both_persons_refuses_the_merge(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, remove_id = twin_pair(services)
    case = services.cases.add(
        CaseInput(
            CaseKind.ADMINISTRATIVE,
            date(2025, 7, 1),
            act="Tàng trữ",
            subjects=2,
            named_subjects=[
                SubjectInput("Đặng Văn Khởi", 1991, keep_id),
                SubjectInput("Đặng Văn Khởi", 1991, remove_id),
            ],
        )
    )
    message = (
        f"Vụ việc số {case.id} ngày 01/07/2025: cả hai đối tượng (mã {keep_id} và mã "
        f"{remove_id}) đều có trong danh sách đối tượng của vụ; hãy bỏ một dòng trong vụ việc trước"
    )
    with expect_refusal(services, message):
        duplicates.merge(keep_id, remove_id)


def test_a_person_cannot_be_merged_into_itself_or_a_missing_one(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, _ = twin_pair(services)
    with expect_refusal(services, "Hãy chọn hai đối tượng khác nhau để gộp."):
        duplicates.merge(keep_id, keep_id)
    with pytest.raises(NotFoundError):
        duplicates.merge(keep_id, 9999)


def test_a_failure_midway_writes_nothing(services: Services, duplicates: DuplicateService) -> None:
    keep_id, remove_id = twin_pair(services)
    on_list(services, remove_id, "su_dung", date(2025, 3, 1))
    before = dump(services)

    def fail_after_checks() -> None:
        raise RuntimeError("ổ đĩa đầy")

    with pytest.raises(RuntimeError):
        duplicates.merge(keep_id, remove_id, before_merge=fail_after_checks)
    assert dump(services) == before


# --- audit ------------------------------------------------------------------------------------
def test_the_merge_is_audited_with_both_persons_and_every_moved_row(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, remove_id = twin_pair(services)
    stay = on_list(services, remove_id, "su_dung", date(2025, 3, 1))
    test = services.drug_tests.add(DrugTestInput(remove_id, date(2025, 3, 1)))
    with services.context.reading() as session:
        kept_row = session.get(Person, keep_id)
        assert kept_row is not None
        kept_name = kept_row.full_name
    calls: list[int] = []

    def backup() -> None:
        calls.append(len(dump(services)["person"]))

    with expect_write(
        services, HISTORY | {"drug_test"}, [keep_id, remove_id], audit_rows=2
    ) as written:
        duplicates.merge(keep_id, remove_id, before_merge=backup)
    assert calls == [2]  # called once, before anything was written
    deleted, merge = written.audit
    assert (deleted.action, deleted.entity, deleted.entity_id) == ("xoa", "person", remove_id)
    assert deleted.before is not None and deleted.before["cccd"] == "001091000123"
    assert deleted.after is None
    assert (merge.action, merge.entity, merge.entity_id, merge.action_label) == (
        "gop",
        "person",
        keep_id,
        "Gộp",
    )
    assert merge.summary == (
        f"Gộp đối tượng dang van KHOI (mã {remove_id}) vào {kept_name} (mã {keep_id}): "
        "chuyển Diện quản lý 01, Test ma túy 01"
    )
    assert merge.before is not None and merge.after is not None
    assert merge.before["kept_person"]["cccd"] is None
    assert merge.before["removed_person"]["id"] == remove_id
    assert merge.before["moved_rows"] == {"list_stay": [stay], "drug_test": [test.id]}
    assert merge.before["collapsed_rows"] == {}
    assert merge.after["kept_person"]["cccd"] == "001091000123"
    # The kept person's record shows the merge; the removed one's id keeps its deletion.
    assert entries_for_person(services.context, keep_id)[0].action == "gop"
    assert entries_for_record(services.context, "person", remove_id)[0].action == "xoa"


def test_a_refused_merge_is_said_before_anything_moves(
    services: Services, duplicates: DuplicateService
) -> None:
    keep_id, remove_id = twin_pair(services)
    on_list(services, keep_id, "nghien", date(2025, 1, 1))
    on_list(services, remove_id, "nghien", date(2025, 1, 2))
    with pytest.raises(ValidationError) as refused:
        duplicates.merge(keep_id, remove_id)
    assert refused.value.problems[0].field == "merge"
    assert services.persons.get(remove_id).id == remove_id
