"""The persons table model over the real listing: Qt's model checks, sorts, filters, batches."""

from dataclasses import dataclass, replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.text import fold
from pcmt_desktop.domain.vocabulary import Gender, ManagementList
from pcmt_desktop.gui.registries.persons import table_model
from pcmt_desktop.gui.registries.persons.table_model import Column, PersonsTableModel
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.person_listing import NOT_ON_ANY_LIST, ON_ANY_LIST, PersonFilter
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = pytest.mark.gui

# Invented names: every family name with every given name, 36 persons.
FAMILY_NAMES = ("Trần", "Đặng", "Nguyễn", "Lê", "Phạm", "Bùi")
GIVEN_NAMES = ("Khoa", "Nhân", "Sơn", "Tú", "Vy", "Hòa")
MOVE_DAY = date(2026, 6, 1)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    birth_year: int | None
    sub_area_id: int
    list_today: ManagementList | None  # as of the fixtures' today, 23/11/2026


@dataclass(frozen=True)
class Registry:
    persons: list[Person]
    users_then_addicts: list[int]  # su_dung from 10/01, moved to nghien on 01/06
    users: list[int]  # su_dung from 10/01, still running
    former_addicts: list[int]  # nghien from 01/03 to 01/09

    def named(self, name: str) -> Person:
        return next(person for person in self.persons if person.name == name)


def make_registry(services: Services) -> Registry:
    """36 invented persons over the four sub-areas; a third of them with list stays."""
    areas = [area.id for area in services.office.sub_areas()]
    persons: list[Person] = []
    moved: list[int] = []
    users: list[int] = []
    former: list[int] = []
    for number in range(36):
        family, given = FAMILY_NAMES[number % 6], GIVEN_NAMES[number // 6]
        male = number % 2 == 0
        name = f"{family} {'Văn' if male else 'Thị'} {given}"
        birth_year = None if number == 35 else 1970 + number
        record = services.persons.add(
            PersonInput(
                name,
                gender=Gender.MALE if male else Gender.FEMALE,
                birth_year=birth_year,
                cccd=f"00109{number:07d}" if number % 3 == 0 else None,
                sub_area_id=areas[number % 4],
                village=f"Xóm {number % 5 + 1}",
            )
        )
        list_today: ManagementList | None = None
        if number % 5 == 0:
            _put(services, record.id, ManagementList.USER, date(2026, 1, 10))
            if number % 10 == 0:
                services.histories.move(record.id, ManagementList.ADDICT, MOVE_DAY)
                moved.append(record.id)
                list_today = ManagementList.ADDICT
            else:
                users.append(record.id)
                list_today = ManagementList.USER
        elif number % 5 == 1:
            _put(services, record.id, ManagementList.ADDICT, date(2026, 3, 1), date(2026, 9, 1))
            former.append(record.id)
        persons.append(Person(record.id, name, birth_year, areas[number % 4], list_today))
    return Registry(persons, moved, users, former)


def _put(
    services: Services,
    person_id: int,
    key: ManagementList,
    start: date,
    end: date | None = None,
) -> None:
    values = {"list_key": key.value, "start_reason": "Rà soát phát hiện mới"}
    if end is not None:
        values["end_reason"] = "Hết thời gian quản lý"
    services.histories.add(HistoryKind.LIST, person_id, HistoryInput(start, end, values))


@pytest.fixture
def registry(services: Services) -> Registry:
    return make_registry(services)


@pytest.fixture
def model(services: Services, registry: Registry) -> PersonsTableModel:
    return PersonsTableModel(services.listing)


def shown_ids(model: PersonsTableModel) -> list[int]:
    return [model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())]


def shown_names(model: PersonsTableModel) -> list[str]:
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def by_name(persons: list[Person]) -> list[int]:
    return [person.id for person in sorted(persons, key=lambda p: (fold(p.name), p.id))]


# --- Qt's own checks ---------------------------------------------------------------------------
def test_passes_qt_model_checks(qtmodeltester: ModelTester, model: PersonsTableModel) -> None:
    assert model.rowCount() == 36
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it untyped


def test_passes_qt_model_checks_when_empty(qtmodeltester: ModelTester, services: Services) -> None:
    model = PersonsTableModel(services.listing)
    assert model.rowCount() == 0
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it untyped


# --- cells and headers -------------------------------------------------------------------------
def test_headers_are_vietnamese_and_take_the_sub_area_label(
    qtbot: QtBot, model: PersonsTableModel
) -> None:
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in Column]
    assert headers == [
        "Họ và tên",
        "Giới tính",
        "Năm sinh",
        "Số CCCD",
        "Địa bàn",
        "Thôn, xóm",
        "Diện quản lý",
        "Từ ngày",
    ]
    with qtbot.waitSignal(model.headerDataChanged):
        model.set_sub_area_label("thôn, tổ dân phố")
    assert model.headerData(Column.SUB_AREA, Qt.Orientation.Horizontal) == "Thôn, tổ dân phố"


def test_cells_show_a_person_as_of_the_filter_date(
    services: Services, registry: Registry, model: PersonsTableModel
) -> None:
    # Number 0: Trần Văn Khoa, 1970, CCCD, first sub-area, Xóm 1, moved to nghien on 01/06.
    person = registry.named("Trần Văn Khoa")
    row = model.row_of(person.id)
    assert row is not None
    cells = [model.index(row, column).data() for column in Column]
    assert cells == [
        "Trần Văn Khoa",
        "Nam",
        "1970",
        "001090000000",
        "Thôn Đông",
        "Xóm 1",
        "Nghiện",
        "01/06/2026",
    ]
    assert model.index(row, Column.VILLAGE).data(Qt.ItemDataRole.UserRole) == person.id
    assert model.index(row, Column.BIRTH_YEAR).data(Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.index(row, Column.LIST).data(Qt.ItemDataRole.ToolTipRole) == (
        "Người nghiện ma túy"
    )

    model.set_filter(PersonFilter(as_of=date(2026, 5, 31)))
    row = model.row_of(person.id)
    assert row is not None
    assert model.index(row, Column.LIST).data() == "Sử dụng"
    assert model.index(row, Column.LIST_SINCE).data() == "10/01/2026"
    model.set_filter(PersonFilter(as_of=date(2026, 1, 9)))
    row = model.row_of(person.id)
    assert row is not None
    assert model.index(row, Column.LIST).data() == ""
    assert model.index(row, Column.LIST_SINCE).data() == ""


def test_lookups_outside_the_rows_give_none(model: PersonsTableModel) -> None:
    assert model.person_id_at(-1) is None
    assert model.person_id_at(model.total()) is None
    assert model.row_of(999_999) is None
    assert not model.index(model.total(), 0).isValid()
    assert model.total() == 36


# --- sorting -----------------------------------------------------------------------------------
def test_starts_sorted_by_name_without_accents(
    registry: Registry, model: PersonsTableModel
) -> None:
    # "Đặng" folds to "dang": after "Bùi", before "Lê".
    assert shown_ids(model) == by_name(registry.persons)
    names = shown_names(model)
    assert names.index("Bùi Thị Tú") < names.index("Đặng Thị Khoa") < names.index("Lê Thị Khoa")


def test_sort_by_birth_year_both_ways_unknown_last(
    qtbot: QtBot, registry: Registry, model: PersonsTableModel
) -> None:
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.sort(Column.BIRTH_YEAR, Qt.SortOrder.AscendingOrder)
    known = sorted((p for p in registry.persons if p.birth_year), key=lambda p: p.birth_year or 0)
    unknown = [p.id for p in registry.persons if p.birth_year is None]
    assert shown_ids(model) == [p.id for p in known] + unknown
    assert model.sort_column() == Column.BIRTH_YEAR

    model.sort(Column.BIRTH_YEAR, Qt.SortOrder.DescendingOrder)
    assert shown_ids(model) == [p.id for p in reversed(known)] + unknown
    assert model.sort_order() == Qt.SortOrder.DescendingOrder


def test_sort_by_list_groups_the_lists_and_puts_the_unlisted_last(
    registry: Registry, model: PersonsTableModel
) -> None:
    model.sort(Column.LIST, Qt.SortOrder.AscendingOrder)
    keys = [model.index(row, Column.LIST).data() for row in range(model.rowCount())]
    # By key: nghien ("Nghiện") before su_dung ("Sử dụng"); nobody on a list last.
    expected = (
        ["Nghiện"] * len(registry.users_then_addicts)
        + ["Sử dụng"] * len(registry.users)
        + [""] * (36 - len(registry.users_then_addicts) - len(registry.users))
    )
    assert keys == expected


def test_a_column_without_a_sort_key_keeps_the_order(model: PersonsTableModel) -> None:
    before = shown_ids(model)
    model.sort(Column.GENDER, Qt.SortOrder.DescendingOrder)
    model.sort(Column.VILLAGE, Qt.SortOrder.AscendingOrder)
    assert shown_ids(model) == before
    assert not model.is_sortable(Column.GENDER)
    assert model.is_sortable(Column.LIST_SINCE)
    assert model.sort_column() == Column.NAME


# --- filtering ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "family"),
    [("tran van", "Trần Văn"), ("dang", "Đặng"), ("ĐẶNG THỊ", "Đặng Thị"), ("nguyen", "Nguyễn")],
)
def test_text_filter_ignores_accents_and_case(
    registry: Registry, model: PersonsTableModel, text: str, family: str
) -> None:
    model.set_filter(PersonFilter(text=text))
    expected = [p for p in registry.persons if p.name.startswith(family)]
    assert expected
    assert shown_ids(model) == by_name(expected)
    assert all(name.startswith(family) for name in shown_names(model))


def test_text_filter_finds_cccd_and_birth_year(
    registry: Registry, model: PersonsTableModel
) -> None:
    model.set_filter(PersonFilter(text="001090000003"))
    assert shown_names(model) == ["Lê Thị Khoa"]
    model.set_filter(PersonFilter(text="1975"))
    assert shown_names(model) == ["Bùi Thị Khoa"]
    model.set_filter(PersonFilter(text="không có ai"))
    assert model.total() == 0


@pytest.mark.parametrize(
    ("list_key", "as_of", "groups"),
    [
        (ManagementList.USER.value, date(2026, 5, 31), ["users_then_addicts", "users"]),
        (ManagementList.USER.value, MOVE_DAY, ["users"]),  # moved at the end of that day
        (ManagementList.ADDICT.value, MOVE_DAY, ["users_then_addicts", "former_addicts"]),
        (ManagementList.ADDICT.value, date(2026, 11, 23), ["users_then_addicts"]),
        (ManagementList.ADDICT.value, date(2026, 2, 28), []),
        (ON_ANY_LIST, date(2026, 7, 1), ["users_then_addicts", "users", "former_addicts"]),
        (ON_ANY_LIST, date(2026, 1, 9), []),
    ],
)
def test_list_filter_as_of_a_date(
    registry: Registry,
    model: PersonsTableModel,
    list_key: str,
    as_of: date,
    groups: list[str],
) -> None:
    model.set_filter(PersonFilter(list_key=list_key, as_of=as_of))
    wanted = {person_id for group in groups for person_id in getattr(registry, group)}
    assert shown_ids(model) == by_name([p for p in registry.persons if p.id in wanted])


def test_not_on_any_list(registry: Registry, model: PersonsTableModel) -> None:
    model.set_filter(PersonFilter(list_key=NOT_ON_ANY_LIST, as_of=date(2026, 11, 23)))
    unlisted = [p for p in registry.persons if p.list_today is None]
    assert len(unlisted) == 36 - 8
    assert shown_ids(model) == by_name(unlisted)
    assert all(model.index(row, Column.LIST).data() == "" for row in range(model.rowCount()))


def test_sub_area_filter_combines_with_text(
    services: Services, registry: Registry, model: PersonsTableModel
) -> None:
    second = services.office.sub_areas()[1]
    model.set_filter(PersonFilter(sub_area_id=second.id))
    in_second = [p for p in registry.persons if p.sub_area_id == second.id]
    assert shown_ids(model) == by_name(in_second)
    assert {model.index(row, Column.SUB_AREA).data() for row in range(model.rowCount())} == {
        second.name
    }
    model.set_filter(PersonFilter(sub_area_id=second.id, text="thi"))
    assert shown_ids(model) == by_name([p for p in in_second if " Thị " in p.name])


def test_sorting_keeps_the_filter_and_filtering_keeps_the_sort(
    registry: Registry, model: PersonsTableModel
) -> None:
    model.set_filter(PersonFilter(text="tran"))
    model.sort(Column.BIRTH_YEAR, Qt.SortOrder.DescendingOrder)
    trans = [p for p in registry.persons if p.name.startswith("Trần")]
    expected = sorted(trans, key=lambda p: -(p.birth_year or 0))
    assert shown_ids(model) == [p.id for p in expected]
    model.set_filter(replace(model.current_filter, text="dang"))
    years = [model.index(row, Column.BIRTH_YEAR).data() for row in range(model.rowCount())]
    assert years == sorted(years, reverse=True)


# --- refreshing and the cache ------------------------------------------------------------------
def test_refresh_shows_writes_made_since(
    services: Services, registry: Registry, model: PersonsTableModel
) -> None:
    person = registry.named("Phạm Văn Khoa")
    row = model.row_of(person.id)
    assert row is not None
    assert model.index(row, Column.NAME).data() == "Phạm Văn Khoa"
    services.persons.edit(
        person.id, replace(services.persons.get(person.id).as_input(), full_name="Phạm Văn Khôi")
    )
    added = services.persons.add(PersonInput("Âu Thị Mới", Gender.FEMALE, 2001))
    model.refresh()
    assert model.total() == 37
    assert model.row_of(added.id) == 0  # "au thi moi" sorts first
    row = model.row_of(person.id)
    assert row is not None
    assert model.index(row, Column.NAME).data() == "Phạm Văn Khôi"


def test_a_row_deleted_since_the_query_shows_as_deleted(
    services: Services, model: PersonsTableModel
) -> None:
    # A person with no history can be deleted; the row was never drawn, so not cached.
    plain = next(
        person_id
        for person_id in reversed(shown_ids_without_drawing(model))
        if not any(services.histories.all_entries(person_id).values())
    )
    row = model.row_of(plain)
    assert row is not None
    services.persons.delete(plain)
    assert model.index(row, Column.NAME).data() == "(đã xóa)"
    assert model.index(row, Column.CCCD).data() == ""
    assert model.index(row, Column.NAME).data(Qt.ItemDataRole.UserRole) == plain
    model.refresh()
    assert model.row_of(plain) is None


def shown_ids_without_drawing(model: PersonsTableModel) -> list[int]:
    return [model.person_id_at(row) or 0 for row in range(model.total())]


def test_rows_are_fetched_by_batch_and_the_cache_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    registry: Registry,
    model: PersonsTableModel,
) -> None:
    monkeypatch.setattr(table_model, "BATCH_SIZE", 5)
    monkeypatch.setattr(table_model, "MAX_CACHED_BATCHES", 3)
    model.refresh()
    assert model.cached_batches() == []
    assert model.index(12, Column.NAME).data() == names_from_the_listing(services, model)[12]
    assert model.cached_batches() == [2]  # rows 10..14
    for row in range(model.total()):
        model.index(row, Column.NAME).data()
        assert len(model.cached_batches()) <= 3
    # Drawing the last rows dropped the batches farthest from them: the first ones.
    assert sorted(model.cached_batches()) == [5, 6, 7]
    assert shown_ids(model) == by_name(registry.persons)


def names_from_the_listing(services: Services, model: PersonsTableModel) -> list[str]:
    """Names in the model's order, read straight from the listing (not the model's cache)."""
    ids = shown_ids_without_drawing(model)
    rows = services.listing.rows(ids, model.current_filter.as_of)
    return [rows[person_id].full_name for person_id in ids]
