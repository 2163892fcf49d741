"""The persons table's query: filters and sorts done in SQL, rows fetched by id."""

from dataclasses import dataclass
from datetime import date

import pytest

from pcmt_desktop.domain.vocabulary import Gender, ManagementList
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.person_listing import (
    NOT_ON_ANY_LIST,
    ON_ANY_LIST,
    PersonFilter,
    PersonRow,
    SortColumn,
)
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

MOVE_DAY = date(2026, 6, 1)


@dataclass(frozen=True)
class People:
    hung: int  # su_dung from 10/01, moved to nghien on 01/06; Thôn Đoài; 1985; has a CCCD
    lan: int  # nghien 01/03 .. 01/09; Thôn Đông; 1990
    anh: int  # never on a list; Xóm Nam; birth year unknown
    tai: int  # sau_cai from 05/05, running; no sub-area; 1979


@pytest.fixture
def people(services: Services) -> People:
    areas = {area.name: area.id for area in services.office.sub_areas()}
    persons, histories = services.persons, services.histories
    hung = persons.add(
        PersonInput(
            "Trần Văn Hùng",
            gender=Gender.MALE,
            birth_year=1985,
            cccd="001085000001",
            sub_area_id=areas["Thôn Đoài"],
            village="Xóm Chùa",
        )
    ).id
    lan = persons.add(
        PersonInput("Đặng Thị Lan", Gender.FEMALE, 1990, sub_area_id=areas["Thôn Đông"])
    ).id
    anh = persons.add(PersonInput("Trần Vân Anh", Gender.FEMALE, sub_area_id=areas["Xóm Nam"])).id
    tai = persons.add(PersonInput("Bùi Hữu Tài", Gender.MALE, 1979)).id

    def put(person_id: int, key: str, start: date, end: date | None = None) -> None:
        values = {"list_key": key, "start_reason": "Rà soát phát hiện mới"}
        if end is not None:
            values["end_reason"] = "Hết thời gian quản lý"
        histories.add(HistoryKind.LIST, person_id, HistoryInput(start, end, values))

    put(hung, "su_dung", date(2026, 1, 10))
    histories.move(hung, ManagementList.ADDICT, MOVE_DAY)
    put(lan, "nghien", date(2026, 3, 1), date(2026, 9, 1))
    put(tai, "sau_cai", date(2026, 5, 5))
    return People(hung, lan, anh, tai)


def ids(services: Services, **criteria: object) -> list[int]:
    found = services.listing.ordered_ids(PersonFilter(**criteria))  # type: ignore[arg-type]
    # Whatever the filter, the rows asked for are exactly the ids found.
    assert set(services.listing.rows(found, criteria.get("as_of"))) == set(found)  # type: ignore[arg-type]
    return found


# --- filters ---------------------------------------------------------------------------------
def test_no_filter_lists_everyone_by_name(services: Services, people: People) -> None:
    assert ids(services) == [people.tai, people.lan, people.anh, people.hung]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tran van", ["anh", "hung"]),
        ("TRẦN VĂN HÙNG", ["hung"]),
        ("hung tran", ["hung"]),
        ("dang", ["lan"]),
        ("Đặng", ["lan"]),
        ("001085", ["hung"]),
        ("1979", ["tai"]),
        ("xom chua", ["hung"]),
        ("tran lan", []),
        ("%", []),
        ("   ", ["tai", "lan", "anh", "hung"]),
    ],
)
def test_text_filter_ignores_accents_and_case(
    services: Services, people: People, text: str, expected: list[str]
) -> None:
    assert ids(services, text=text) == [getattr(people, name) for name in expected]


@pytest.mark.parametrize(
    ("list_key", "as_of", "expected"),
    [
        ("su_dung", date(2026, 5, 31), ["hung"]),
        ("su_dung", MOVE_DAY, []),  # moved at the end of that day
        ("nghien", MOVE_DAY, ["lan", "hung"]),
        ("nghien", date(2026, 5, 1), ["lan"]),
        ("nghien", date(2026, 8, 31), ["lan", "hung"]),
        ("nghien", date(2026, 9, 1), ["hung"]),  # Lan's stay ended that day
        ("nghien", None, ["hung"]),  # today
        ("sau_cai", date(2026, 5, 4), []),
        ("sau_cai", date(2026, 5, 5), ["tai"]),
        ("nghi_nghien", None, []),
        (ON_ANY_LIST, date(2026, 7, 1), ["tai", "lan", "hung"]),
        (ON_ANY_LIST, None, ["tai", "hung"]),
        (ON_ANY_LIST, date(2026, 1, 9), []),
        (NOT_ON_ANY_LIST, None, ["lan", "anh"]),
        (NOT_ON_ANY_LIST, date(2026, 1, 9), ["tai", "lan", "anh", "hung"]),
    ],
)
def test_list_filter_as_of_a_date(
    services: Services, people: People, list_key: str, as_of: date | None, expected: list[str]
) -> None:
    found = ids(services, list_key=list_key, as_of=as_of)
    assert found == [getattr(people, name) for name in expected]


def test_sub_area_filter(services: Services, people: People) -> None:
    areas = {area.name: area.id for area in services.office.sub_areas()}
    assert ids(services, sub_area_id=areas["Thôn Đoài"]) == [people.hung]
    assert ids(services, sub_area_id=areas["Tổ dân phố Bắc"]) == []


def test_filters_combine(services: Services, people: People) -> None:
    assert ids(services, text="tran", list_key=NOT_ON_ANY_LIST) == [people.anh]
    assert ids(services, text="tran", list_key=ON_ANY_LIST) == [people.hung]
    assert ids(services, person_ids=frozenset({people.hung, people.tai})) == [
        people.tai,
        people.hung,
    ]


def test_a_chosen_set_past_sqlites_parameter_limit_is_one_parameter(
    services: Services, people: People
) -> None:
    # The overview's data checks may name 100 000 persons; SQLite takes 32 766 parameters.
    chosen = frozenset({people.lan, *range(10_000_000, 10_040_000)})
    assert ids(services, person_ids=chosen) == [people.lan]
    assert ids(services, person_ids=frozenset()) == []


# --- sorts ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sort", "ascending", "descending"),
    [
        # Folded names: bui, dang, tran van anh, tran van hung ("Đ" sorts as "d").
        (SortColumn.NAME, ["tai", "lan", "anh", "hung"], ["hung", "anh", "lan", "tai"]),
        # Unknown birth years go last both ways.
        (SortColumn.BIRTH_YEAR, ["tai", "hung", "lan", "anh"], ["lan", "hung", "tai", "anh"]),
        # By the office's order of sub-areas; none goes last.
        (SortColumn.SUB_AREA, ["lan", "hung", "anh", "tai"], ["anh", "hung", "lan", "tai"]),
        (SortColumn.CCCD, ["hung", "tai", "lan", "anh"], ["hung", "anh", "lan", "tai"]),
        # As of today: Hùng on nghien since 01/06, Tài on sau_cai since 05/05.
        (SortColumn.LIST, ["hung", "tai", "lan", "anh"], ["tai", "hung", "anh", "lan"]),
        (SortColumn.LIST_SINCE, ["tai", "hung", "lan", "anh"], ["hung", "tai", "anh", "lan"]),
        # Every row was written at the same fixed "now": the name breaks the tie.
        (SortColumn.UPDATED, ["tai", "lan", "anh", "hung"], ["hung", "anh", "lan", "tai"]),
    ],
)
def test_sorts(
    services: Services,
    people: People,
    sort: SortColumn,
    ascending: list[str],
    descending: list[str],
) -> None:
    assert ids(services, sort=sort) == [getattr(people, name) for name in ascending]
    assert ids(services, sort=sort, descending=True) == [
        getattr(people, name) for name in descending
    ]


def test_sort_by_list_follows_the_as_of_date(services: Services, people: People) -> None:
    # On 01/07 Lan (nghien since 01/03) and Hùng (nghien since 01/06) are both on a list.
    assert ids(services, sort=SortColumn.LIST_SINCE, as_of=date(2026, 7, 1)) == [
        people.lan,
        people.tai,
        people.hung,
        people.anh,
    ]


# --- rows -------------------------------------------------------------------------------------
def test_rows_say_the_list_as_of_the_date(services: Services, people: People) -> None:
    rows = services.listing.rows(
        [people.hung, people.lan, people.anh, people.tai], date(2026, 5, 31)
    )
    assert rows[people.hung] == PersonRow(
        id=people.hung,
        full_name="Trần Văn Hùng",
        gender=Gender.MALE,
        birth_year=1985,
        cccd="001085000001",
        sub_area_name="Thôn Đoài",
        village="Xóm Chùa",
        list_key=ManagementList.USER,
        list_since=date(2026, 1, 10),
    )
    assert (rows[people.lan].list_key, rows[people.lan].list_since) == (
        ManagementList.ADDICT,
        date(2026, 3, 1),
    )
    assert (rows[people.anh].list_key, rows[people.anh].list_since) == (None, None)
    assert rows[people.tai].sub_area_name == ""
    today = services.listing.rows([people.hung, people.lan])
    assert (today[people.hung].list_key, today[people.hung].list_since) == (
        ManagementList.ADDICT,
        MOVE_DAY,
    )
    assert today[people.lan].list_key is None


def test_rows_leave_out_ids_no_longer_there(services: Services, people: People) -> None:
    assert services.listing.rows([]) == {}
    assert set(services.listing.rows([people.anh, 999])) == {people.anh}
