"""The lists month by month: the days chosen, and the sizes counted from real list stays."""

from datetime import date

import pytest

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.reports.list_figures import list_totals
from pcmt_desktop.reports.trend_figures import list_sizes_by_month, trend_days
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

DATE_TO = date(2026, 11, 14)
DAYS = [
    "2025-12-31",
    "2026-01-31",
    "2026-02-28",
    "2026-03-31",
    "2026-04-30",
    "2026-05-31",
    "2026-06-30",
    "2026-07-31",
    "2026-08-31",
    "2026-09-30",
    "2026-10-31",
    "2026-11-14",
]
LISTS = [item.value for item in ManagementList]


def person(services: Services, name: str) -> int:
    area = services.office.sub_areas()[0]
    return services.persons.add(PersonInput(name, birth_year=1988, sub_area_id=area.id)).id


def stay(
    services: Services, person_id: int, key: ManagementList, start: date, end: date | None = None
) -> None:
    values = {"list_key": key.value, "start_reason": "Rà soát phát hiện mới"}
    if end is not None:
        values["end_reason"] = "Hết thời gian quản lý"
    services.histories.add(HistoryKind.LIST, person_id, HistoryInput(start, end, values))


def build_histories(services: Services) -> None:
    """Stays that start, end and move on the trend's days and between them."""
    # On the list on every day.
    stay(services, person(services, "Trần Văn Khải"), ManagementList.USER, date(2025, 6, 1))
    # Ends on 31/03: no longer on the list at the end of that day.
    stay(
        services,
        person(services, "Lê Thị Hạnh"),
        ManagementList.USER,
        date(2025, 6, 1),
        date(2026, 3, 31),
    )
    # Starts on 31/01 (on the list at its end), moves to the addicts on 15/06.
    moved = person(services, "Phạm Văn Lực")
    stay(services, moved, ManagementList.SUSPECTED_USER, date(2026, 1, 31))
    services.histories.move(moved, ManagementList.ADDICT, date(2026, 6, 15))
    # Starts on the period's last day: only the last point.
    stay(services, person(services, "Đỗ Thị Mai"), ManagementList.POST_REHAB, DATE_TO)
    # Ends on the first day: on no point.
    stay(
        services,
        person(services, "Ngô Văn Nghĩa"),
        ManagementList.SUSPECTED_ADDICT,
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
    # Starts after the period: on no point.
    stay(services, person(services, "Vũ Thị Oanh"), ManagementList.ADDICT, date(2026, 11, 15))


def test_the_days_are_the_month_ends_before_the_period_last_day() -> None:
    assert [day.isoformat() for day in trend_days(DATE_TO)] == DAYS


def test_a_month_end_date_to_keeps_the_months_before_it() -> None:
    days = trend_days(date(2024, 3, 31))

    assert days[0] == date(2023, 4, 30)
    assert days[-3:] == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]
    assert len(days) == 12


def test_other_lengths_and_a_refused_one() -> None:
    assert trend_days(DATE_TO, 1) == [DATE_TO]
    assert trend_days(date(2026, 1, 10), 3) == [
        date(2025, 11, 30),
        date(2025, 12, 31),
        date(2026, 1, 10),
    ]
    with pytest.raises(ValueError, match="at least 1"):
        trend_days(DATE_TO, 0)


def test_each_list_size_counts_the_stays_covering_the_end_of_the_day(services: Services) -> None:
    build_histories(services)

    with services.context.reading() as session:
        sizes = list_sizes_by_month(session, DATE_TO)

    assert list(sizes) == DAYS
    by_list = {key: [sizes[day][key] for day in DAYS] for key in LISTS}
    assert by_list == {
        "nghi_su_dung": [0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
        "nghi_nghien": [0] * 12,
        "su_dung": [2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        "nghien": [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
        "sau_cai": [0] * 11 + [1],
    }


def test_every_point_is_the_lists_after_of_a_period_ending_that_day(services: Services) -> None:
    build_histories(services)

    figures = compute_figures(services.context, date(2026, 5, 15), DATE_TO)

    with services.context.reading() as session:
        assert figures["trends"]["list_sizes"] == list_sizes_by_month(session, DATE_TO)
        for day, sizes in figures["trends"]["list_sizes"].items():
            end = date.fromisoformat(day)
            totals = list_totals(session, end, end)
            assert sizes == {key: totals[key]["after"] for key in LISTS}, day
    last = figures["trends"]["list_sizes"][DAYS[-1]]
    assert last == {key: figures["lists"][key]["after"] for key in LISTS}


def test_an_empty_registry_has_every_list_at_zero_on_every_day(services: Services) -> None:
    with services.context.reading() as session:
        sizes = list_sizes_by_month(session, DATE_TO, months=3)

    assert sizes == {day: dict.fromkeys(LISTS, 0) for day in DAYS[-3:]}
