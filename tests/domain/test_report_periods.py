"""Report periods: reporting months run 15th–14th, the year 15/12–14/12."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.report_periods import (
    PresetKind,
    ReportPeriod,
    custom_title,
    is_reporting_year,
    latest_preset,
    period_title,
    preset,
    reporting_month,
    reporting_year,
)

ONE_DAY = timedelta(days=1)
years = st.integers(1900, 2200)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
kinds = st.sampled_from(list(PresetKind))


def period(start: tuple[int, int, int], end: tuple[int, int, int]) -> ReportPeriod:
    return ReportPeriod(date(*start), date(*end))


def test_report_period_days_and_contains() -> None:
    six_months = period((2023, 12, 15), (2024, 5, 31))
    assert six_months.days == 17 + 31 + 29 + 31 + 30 + 31  # 2024 is a leap year
    assert six_months.contains(date(2023, 12, 15))
    assert six_months.contains(date(2024, 5, 31))
    assert not six_months.contains(date(2023, 12, 14))
    assert not six_months.contains(date(2024, 6, 1))
    assert period((2024, 3, 1), (2024, 3, 1)).days == 1


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="không được trước ngày bắt đầu"):
        period((2024, 3, 2), (2024, 3, 1))


def test_same_period_year_before() -> None:
    assert period((2023, 12, 15), (2024, 5, 31)).same_period_year_before() == period(
        (2022, 12, 15), (2023, 5, 31)
    )
    assert period((2024, 2, 1), (2024, 2, 29)).same_period_year_before() == period(
        (2023, 2, 1), (2023, 2, 28)
    )
    assert period((2024, 2, 29), (2024, 3, 14)).same_period_year_before() == period(
        (2023, 2, 28), (2023, 3, 14)
    )


def test_preset_kinds_have_values_and_labels() -> None:
    assert [(kind.value, kind.label) for kind in PresetKind] == [
        ("thang", "Tháng"),
        ("quy", "Quý"),
        ("6_thang", "6 tháng"),
        ("9_thang", "9 tháng"),
        ("nam", "Năm"),
    ]
    assert PresetKind("6_thang") is PresetKind.HALF_YEAR


@pytest.mark.parametrize(
    ("kind", "number", "start", "end"),
    [
        (PresetKind.MONTH, 1, (2025, 12, 15), (2026, 1, 14)),
        (PresetKind.MONTH, 3, (2026, 2, 15), (2026, 3, 14)),
        (PresetKind.MONTH, 11, (2026, 10, 15), (2026, 11, 14)),
        (PresetKind.MONTH, 12, (2026, 11, 15), (2026, 12, 14)),
        (PresetKind.QUARTER, 1, (2025, 12, 15), (2026, 3, 14)),
        (PresetKind.QUARTER, 2, (2026, 3, 15), (2026, 6, 14)),
        (PresetKind.QUARTER, 4, (2026, 9, 15), (2026, 12, 14)),
        (PresetKind.HALF_YEAR, 1, (2025, 12, 15), (2026, 6, 14)),
        (PresetKind.NINE_MONTHS, 1, (2025, 12, 15), (2026, 9, 14)),
        (PresetKind.YEAR, 1, (2025, 12, 15), (2026, 12, 14)),
        (PresetKind.YEAR, 99, (2025, 12, 15), (2026, 12, 14)),  # number ignored
    ],
)
def test_preset(
    kind: PresetKind, number: int, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    assert preset(kind, 2026, number) == period(start, end)


@pytest.mark.parametrize(
    ("kind", "number", "message"),
    [
        (PresetKind.MONTH, 0, "Tháng phải từ 1 đến 12"),
        (PresetKind.MONTH, 13, "Tháng phải từ 1 đến 12"),
        (PresetKind.QUARTER, 5, "Quý phải từ 1 đến 4"),
        (PresetKind.QUARTER, 0, "Quý phải từ 1 đến 4"),
    ],
)
def test_preset_out_of_range(kind: PresetKind, number: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        preset(kind, 2026, number)


def test_preset_with_an_impossible_year() -> None:
    with pytest.raises(ValueError, match="Năm báo cáo 1 không hợp lệ"):
        preset(PresetKind.YEAR, 1)


@pytest.mark.parametrize(
    ("today", "kind", "start", "end"),
    [
        ((2026, 11, 23), PresetKind.MONTH, (2026, 11, 15), (2026, 12, 14)),
        ((2026, 11, 14), PresetKind.MONTH, (2026, 10, 15), (2026, 11, 14)),
        ((2026, 12, 15), PresetKind.MONTH, (2026, 12, 15), (2027, 1, 14)),
        ((2026, 11, 23), PresetKind.QUARTER, (2026, 9, 15), (2026, 12, 14)),
        ((2026, 12, 20), PresetKind.QUARTER, (2026, 12, 15), (2027, 3, 14)),
        ((2026, 11, 23), PresetKind.YEAR, (2025, 12, 15), (2026, 12, 14)),
        ((2026, 12, 14), PresetKind.YEAR, (2025, 12, 15), (2026, 12, 14)),
        ((2026, 12, 15), PresetKind.YEAR, (2026, 12, 15), (2027, 12, 14)),
        ((2026, 5, 30), PresetKind.HALF_YEAR, (2025, 12, 15), (2026, 6, 14)),
        # Closed for this reporting year: the one just closed is the one to report.
        ((2026, 11, 23), PresetKind.HALF_YEAR, (2025, 12, 15), (2026, 6, 14)),
        ((2026, 11, 23), PresetKind.NINE_MONTHS, (2025, 12, 15), (2026, 9, 14)),
        ((2026, 12, 16), PresetKind.NINE_MONTHS, (2026, 12, 15), (2027, 9, 14)),
    ],
)
def test_latest_preset(
    today: tuple[int, int, int],
    kind: PresetKind,
    start: tuple[int, int, int],
    end: tuple[int, int, int],
) -> None:
    assert latest_preset(kind, date(*today)) == period(start, end)


@pytest.mark.parametrize(
    ("kind", "number", "title"),
    [
        (PresetKind.MONTH, 11, "tháng 11 năm 2026"),
        (PresetKind.MONTH, 1, "tháng 1 năm 2026"),
        (PresetKind.QUARTER, 1, "quý I năm 2026"),
        (PresetKind.QUARTER, 4, "quý IV năm 2026"),
        (PresetKind.HALF_YEAR, 1, "6 tháng đầu năm 2026"),
        (PresetKind.NINE_MONTHS, 1, "9 tháng năm 2026"),
        (PresetKind.YEAR, 1, "năm 2026"),
    ],
)
def test_period_title(kind: PresetKind, number: int, title: str) -> None:
    assert period_title(kind, preset(kind, 2026, number)) == title


def test_period_title_of_a_period_changed_by_hand() -> None:
    # The seed's six-month report ran 15/12/2023–31/5/2024.
    assert period_title(PresetKind.HALF_YEAR, period((2023, 12, 15), (2024, 5, 31))) == (
        "6 tháng đầu năm 2024"
    )
    assert period_title(PresetKind.MONTH, period((2026, 11, 1), (2026, 11, 30))) == (
        "tháng 11 năm 2026"
    )


def test_custom_title() -> None:
    assert custom_title(period((2023, 12, 15), (2024, 5, 31))) == "từ 15/12/2023 đến 31/05/2024"


def test_is_reporting_year() -> None:
    assert is_reporting_year(period((2025, 12, 15), (2026, 12, 14)))
    assert not is_reporting_year(period((2026, 1, 1), (2026, 12, 31)))
    assert not is_reporting_year(period((2025, 12, 15), (2026, 12, 13)))
    assert not is_reporting_year(period((2024, 12, 15), (2026, 12, 14)))
    assert not is_reporting_year(preset(PresetKind.NINE_MONTHS, 2026))


def test_reporting_year_and_month() -> None:
    assert (reporting_year(date(2025, 12, 14)), reporting_month(date(2025, 12, 14))) == (2025, 12)
    assert (reporting_year(date(2025, 12, 15)), reporting_month(date(2025, 12, 15))) == (2026, 1)
    assert (reporting_year(date(2026, 11, 15)), reporting_month(date(2026, 11, 15))) == (2026, 12)


# --- properties --------------------------------------------------------------------------


@given(kinds, years, st.integers(1, 12))
def test_every_preset_ends_on_the_14th_after_it_starts_on_the_15th(
    kind: PresetKind, year: int, month: int
) -> None:
    number = (month - 1) // 3 + 1 if kind is PresetKind.QUARTER else month
    found = preset(kind, year, number)
    assert found.start <= found.end
    assert (found.start.day, found.end.day) == (15, 14)
    assert found.end.year == year
    assert period_title(kind, found).endswith(f"năm {year}")
    assert is_reporting_year(found) == (kind is PresetKind.YEAR)


@given(years)
def test_months_tile_the_reporting_year(year: int) -> None:
    months = [preset(PresetKind.MONTH, year, month) for month in range(1, 13)]
    whole = preset(PresetKind.YEAR, year)
    assert months[0].start == whole.start
    assert months[-1].end == whole.end
    for earlier, later in pairwise(months):
        assert earlier.end + ONE_DAY == later.start  # no gap, no overlap
    assert sum(month.days for month in months) == whole.days


@given(years)
def test_quarters_and_cumulative_presets_are_made_of_months(year: int) -> None:
    def month(number: int) -> ReportPeriod:
        return preset(PresetKind.MONTH, year, number)

    for quarter in range(1, 5):
        found = preset(PresetKind.QUARTER, year, quarter)
        assert found == ReportPeriod(month(3 * quarter - 2).start, month(3 * quarter).end)
    assert preset(PresetKind.HALF_YEAR, year).end == month(6).end
    assert preset(PresetKind.NINE_MONTHS, year).end == month(9).end


@given(days, kinds)
def test_latest_preset_contains_today_or_has_just_closed(today: date, kind: PresetKind) -> None:
    found = latest_preset(kind, today)
    assert found.start <= today
    if kind in (PresetKind.MONTH, PresetKind.QUARTER, PresetKind.YEAR):
        assert found.contains(today)
    else:
        # 6 and 9 months start with the reporting year: the latest one that has begun.
        assert found.start == preset(PresetKind.YEAR, reporting_year(today)).start


@given(days)
def test_latest_month_is_named_after_the_day(today: date) -> None:
    found = latest_preset(PresetKind.MONTH, today)
    assert period_title(PresetKind.MONTH, found) == (
        f"tháng {reporting_month(today)} năm {reporting_year(today)}"
    )


def contains_leap_day(span: ReportPeriod) -> bool:
    return any(
        span.contains(date(year, 2, 29))
        for year in range(span.start.year, span.end.year + 1)
        if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    )


@given(days, st.integers(0, 800))
def test_same_period_year_before_keeps_the_length_except_across_29_february(
    start: date, length: int
) -> None:
    current = ReportPeriod(start, start + timedelta(days=length))
    before = current.same_period_year_before()
    assert before.start <= before.end
    if contains_leap_day(current) or contains_leap_day(before):
        assert abs(before.days - current.days) <= 1
    else:
        assert before.days == current.days
    assert (before.start.year, before.end.year) == (start.year - 1, current.end.year - 1)
