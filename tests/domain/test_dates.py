"""Calendar arithmetic of the law: months at month ends, leap years, working days, ages."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.dates import add_months, add_working_days, age_on

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
MONTHS = st.integers(min_value=-600, max_value=600)


# --- add_months -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to February's end
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap February
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),  # over the year's end
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day plus one year
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # plus four years: a leap day again
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),  # backwards over the year's start
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 31), -15, date(2025, 2, 28)),
        (date(2025, 7, 1), 24, date(2027, 7, 1)),
        (date(2025, 7, 1), 36, date(2028, 7, 1)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(DAYS, MONTHS)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    if result.day != day.day:
        assert result.day < day.day
        assert (result + timedelta(days=1)).day == 1  # the last day of its month


@given(DAYS, st.integers(min_value=0, max_value=600), st.integers(min_value=0, max_value=600))
def test_add_months_never_runs_backwards(day: date, first: int, second: int) -> None:
    assert add_months(day, min(first, second)) <= add_months(day, max(first, second))


UP_TO_28TH = st.builds(
    date,
    st.integers(min_value=1950, max_value=2100),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
)


@given(UP_TO_28TH, MONTHS)
def test_add_months_is_reversible_up_to_the_28th(day: date, months: int) -> None:
    assert add_months(add_months(day, months), -months) == day


# --- add_working_days -----------------------------------------------------------------------
MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)
SUNDAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (MONDAY, 0, MONDAY),
        (MONDAY, 1, date(2026, 11, 24)),
        (MONDAY, 4, FRIDAY),
        (MONDAY, 5, date(2026, 11, 30)),  # over the weekend to the next Monday
        (FRIDAY, 1, date(2026, 11, 30)),
        (FRIDAY, 5, date(2026, 12, 4)),
        (SATURDAY, 1, date(2026, 11, 30)),  # a finding on a weekend: Monday is day 1
        (SATURDAY, 5, date(2026, 12, 4)),
        (SUNDAY, 5, date(2026, 12, 4)),
        (date(2026, 12, 30), 5, date(2027, 1, 6)),  # over the year's end
        (MONDAY, 10, date(2026, 12, 7)),
    ],
)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


@given(DAYS, st.integers(min_value=1, max_value=60))
def test_working_days_end_on_a_weekday_and_count_only_weekdays(day: date, days: int) -> None:
    result = add_working_days(day, days)
    assert result.weekday() < 5
    counted = [day + timedelta(days=n) for n in range(1, (result - day).days + 1)]
    assert sum(1 for item in counted if item.weekday() < 5) == days


def test_working_days_refuse_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(MONDAY, -1)


# --- age_on ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "birth_date", "expected"),
    [
        (date(2026, 5, 9), date(2008, 5, 10), 17),  # the day before the 18th birthday
        (date(2026, 5, 10), date(2008, 5, 10), 18),  # the birthday itself
        (date(2026, 12, 31), date(2008, 12, 31), 18),
        (date(2026, 2, 28), date(2008, 2, 29), 17),  # born on a leap day, common year
        (date(2026, 3, 1), date(2008, 2, 29), 18),
        (date(2028, 2, 28), date(2010, 2, 28), 18),
        (date(2008, 5, 10), date(2008, 5, 10), 0),
        (date(2008, 1, 1), date(2008, 5, 10), 0),  # before birth: never negative
    ],
)
def test_age_with_a_full_birth_date(day: date, birth_date: date, expected: int) -> None:
    assert age_on(day, birth_date.year, birth_date) == expected
    assert age_on(day, None, birth_date) == expected  # the date alone says it all


@pytest.mark.parametrize(
    ("day", "birth_year", "expected"),
    [
        # Only a year: born on 31/12 of it, the youngest the person can be.
        (date(2026, 1, 1), 2008, 17),
        (date(2026, 12, 30), 2008, 17),
        (date(2026, 12, 31), 2008, 18),
        (date(2027, 1, 1), 2008, 18),
        (date(2008, 6, 1), 2008, 0),
        (date(2007, 6, 1), 2008, 0),
        (date(2026, 11, 23), 1990, 35),
    ],
)
def test_age_with_only_a_birth_year(day: date, birth_year: int, expected: int) -> None:
    assert age_on(day, birth_year, None) == expected


def test_age_unknown_without_any_birth() -> None:
    assert age_on(date(2026, 11, 23), None, None) is None


@given(DAYS, DAYS)
def test_a_year_alone_never_makes_a_person_older_than_a_full_date_would(
    day: date, birth: date
) -> None:
    known = age_on(day, None, birth)
    assert known is not None
    only_year = age_on(day, birth.year, None)
    assert only_year is not None
    assert only_year <= known
    assert known - only_year <= 1
