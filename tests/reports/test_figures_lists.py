"""The lists' figures from real dated histories: the four counts, reasons, moves, sub-areas."""

import itertools
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.balance import FiguresUnbalancedError, balance_problems, check_balance
from pcmt_desktop.reports.figures import PeriodError, compute_figures
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import ListStay

FROM, TO = date(2024, 10, 15), date(2024, 11, 12)


def person(services: Services, name: str, area: int = 0) -> int:
    areas = services.office.sub_areas()
    return services.persons.add(PersonInput(name, birth_year=1990, sub_area_id=areas[area].id)).id


def stay(
    services: Services,
    person_id: int,
    key: ManagementList,
    start: date,
    end: date | None = None,
    *,
    start_reason: str = "Rà soát phát hiện mới",
    end_reason: str = "Hết thời gian quản lý",
) -> None:
    values = {"list_key": key.value, "start_reason": start_reason}
    if end is not None:
        values["end_reason"] = end_reason
    services.histories.add(HistoryKind.LIST, person_id, HistoryInput(start, end, values))


def figures(services: Services, **kwargs: Any) -> dict[str, Any]:
    return compute_figures(services.context, FROM, TO, **kwargs)


def test_each_stay_counts_where_its_dates_fall(services: Services) -> None:
    users = ManagementList.USER
    # On the list before and still on it.
    stay(services, person(services, "Trần Văn Một"), users, date(2024, 1, 1))
    # On the list at the end of 14/10, removed on the period's first day.
    stay(
        services,
        person(services, "Lê Văn Hai"),
        users,
        date(2024, 1, 1),
        FROM,
        end_reason="Hết thời gian quản lý",
    )
    # Added on the last day.
    stay(services, person(services, "Phạm Văn Ba", area=1), users, TO)
    # Added and removed inside the period.
    stay(
        services,
        person(services, "Đỗ Văn Bốn", area=1),
        users,
        date(2024, 10, 20),
        date(2024, 11, 1),
        end_reason="Đi khỏi địa phương",
    )
    # Ended the day before the period: neither before nor anything else.
    stay(
        services,
        person(services, "Ngô Văn Năm"),
        users,
        date(2024, 1, 1),
        date(2024, 10, 14),
        end_reason="Chết",
    )
    # Starts after the period: not counted.
    stay(services, person(services, "Vũ Văn Sáu"), users, date(2024, 11, 13))

    block = figures(services)["lists"]["su_dung"]

    assert (block["before"], block["added"], block["removed"], block["after"]) == (2, 2, 2, 2)
    assert block["added_by_reason"] == {"Rà soát phát hiện mới": 2}
    assert block["removed_by_reason"] == {"Hết thời gian quản lý": 1, "Đi khỏi địa phương": 1}
    rows = {row["sub_area"]: row for row in block["by_sub_area"]}
    assert list(rows) == ["Thôn Đông", "Thôn Đoài", "Tổ dân phố Bắc", "Xóm Nam"]
    assert rows["Thôn Đông"] == {
        "sub_area": "Thôn Đông",
        "before": 2,
        "added": 0,
        "removed": 1,
        "after": 1,
    }
    assert rows["Thôn Đoài"] == {
        "sub_area": "Thôn Đoài",
        "before": 0,
        "added": 2,
        "removed": 1,
        "after": 1,
    }
    assert rows["Xóm Nam"]["after"] == 0


def test_a_move_is_removed_from_one_list_and_added_to_the_other(services: Services) -> None:
    moved = person(services, "Hoàng Thị Bảy")
    stay(services, moved, ManagementList.SUSPECTED_USER, date(2024, 9, 1))
    services.histories.move(moved, ManagementList.USER, date(2024, 10, 25))

    lists = figures(services)["lists"]

    assert lists["nghi_su_dung"]["removed_to_list"] == {"su_dung": 1}
    assert lists["su_dung"]["added_from_list"] == {"nghi_su_dung": 1}
    assert lists["nghi_su_dung"]["before"] == 1 and lists["nghi_su_dung"]["after"] == 0
    assert lists["su_dung"]["before"] == 0 and lists["su_dung"]["after"] == 1


def test_addicts_without_a_location_entry_are_in_the_community(services: Services) -> None:
    home = person(services, "Bùi Văn Tám")
    away = person(services, "Đặng Văn Chín")
    stay(services, home, ManagementList.ADDICT, date(2024, 1, 1))
    stay(services, away, ManagementList.ADDICT, date(2024, 1, 1))
    services.histories.add(
        HistoryKind.ADDICT_LOCATION,
        away,
        HistoryInput(date(2024, 11, 1), None, {"location": "co_so", "facility": "Cơ sở số 1"}),
    )

    location = figures(services)["addicts_location"]

    assert location == {
        "before": {"community": 2, "facility": 0},
        "after": {"community": 1, "facility": 1},
    }


def test_comparison_is_the_same_period_a_year_earlier(services: Services) -> None:
    stay(services, person(services, "Lý Văn Mười"), ManagementList.USER, date(2023, 10, 20))

    result = figures(services, compare=True)

    assert result["compare_period"] == {"from": "2023-10-15", "to": "2023-11-12"}
    assert result["lists"]["su_dung"]["compare"] == {
        "before": 0,
        "added": 1,
        "removed": 0,
        "after": 1,
    }
    assert result["lists"]["su_dung"]["added"] == 0
    without = figures(services)
    assert without["compare_period"] is None and without["lists"]["su_dung"]["compare"] is None


def test_a_period_that_ends_before_it_starts_is_refused(services: Services) -> None:
    with pytest.raises(PeriodError, match="ở sau đến ngày"):
        compute_figures(services.context, TO, FROM)


def test_figures_that_do_not_add_up_are_refused_with_where(services: Services) -> None:
    stay(services, person(services, "Lý Văn Mười"), ManagementList.USER, date(2024, 10, 20))
    result = figures(services)
    check_balance(result)  # what the program computes adds up
    result["lists"]["su_dung"]["after"] += 1  # a figures file edited by hand

    with pytest.raises(FiguresUnbalancedError) as refused:
        check_balance(result)
    assert "Người sử dụng trái phép chất ma túy: 0 + 1 − 0 = 1, nhưng hiện tại là 2" in str(
        refused.value
    )
    assert any("tổng các địa bàn" in problem for problem in balance_problems(result))


DAYS = st.dates(min_value=date(2024, 9, 1), max_value=date(2024, 12, 31))
SPANS = st.lists(st.tuples(DAYS, st.one_of(st.none(), DAYS)), min_size=1, max_size=6)
_names = itertools.count()


def _expected(spans: list[tuple[date, date | None]]) -> tuple[int, int, int, int]:
    """The four figures counted from the definition, one stay at a time."""
    day_before = date.fromordinal(FROM.toordinal() - 1)

    def covers(start: date, end: date | None, day: date) -> bool:
        return start <= day and (end is None or end > day)

    return (
        sum(covers(s, e, day_before) for s, e in spans),
        sum(FROM <= s <= TO for s, _ in spans),
        sum(e is not None and FROM <= e <= TO for _, e in spans),
        sum(covers(s, e, TO) for s, e in spans),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=SPANS)
def test_the_four_figures_follow_their_definition_for_any_history(
    services: Services, drawn: list[tuple[date, date | None]]
) -> None:
    with services.context.unit_of_work() as session:
        session.execute(delete(ListStay))
    spans = [(start, end) if end is None or end >= start else (end, start) for start, end in drawn]
    for start, end in spans:
        stay(
            services, person(services, f"Người Thứ {next(_names)}"), ManagementList.USER, start, end
        )

    block = figures(services)["lists"]["su_dung"]

    assert (block["before"], block["added"], block["removed"], block["after"]) == _expected(spans)
    assert block["before"] + block["added"] - block["removed"] == block["after"]
