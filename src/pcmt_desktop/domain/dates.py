"""Calendar arithmetic the law uses: months (clamped to the month's end) and working days."""

import calendar
from datetime import date, timedelta

SATURDAY = 5
# Vietnamese procedure: a birth known only by its year counts as born on 31/12 of that year
# (the youngest the person can be), so an age limit is never applied too early.
UNKNOWN_BIRTH_MONTH, UNKNOWN_BIRTH_DAY = 12, 31


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; 31/01 + 1 month is 28/02 (or 29/02).

    ``months`` may be negative (a period counted back from its end).
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_working_days(day: date, days: int) -> date:
    """``day`` plus ``days`` working days (Monday to Friday; public holidays not known).

    The day itself never counts: a finding on Friday with 5 working days is due the next
    Friday, and one on Saturday is due on the Friday after (Monday is the first day).

    Raises:
        ValueError: for a negative number of days (a limit is never counted backwards).
    """
    if days < 0:
        raise ValueError(f"days must not be negative (got {days})")
    current = day
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < SATURDAY:
            remaining -= 1
    return current


def age_on(day: date, birth_year: int | None, birth_date: date | None) -> int | None:
    """Whole years of age on ``day`` (None when no birth is known; 0 before birth).

    With only a year known the birth is taken as 31/12 of that year (see
    ``UNKNOWN_BIRTH_DAY``). Someone born on 29/02 turns a year older on 01/03 in a
    common year.
    """
    if birth_date is None:
        if birth_year is None:
            return None
        birth_date = date(birth_year, UNKNOWN_BIRTH_MONTH, UNKNOWN_BIRTH_DAY)
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return max(day.year - birth_date.year - int(before_birthday), 0)
