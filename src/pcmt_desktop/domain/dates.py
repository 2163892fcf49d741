"""Calendar arithmetic the law uses: months (clamped to the month's end) and working days."""

import calendar
from datetime import date, timedelta

SATURDAY = 5


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; 31/01 + 1 month is 28/02 (or 29/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_working_days(day: date, days: int) -> date:
    """``day`` plus ``days`` working days (Monday to Friday; public holidays not known)."""
    current = day
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < SATURDAY:
            remaining -= 1
    return current


def age_on(day: date, birth_year: int | None, birth_date: date | None) -> int | None:
    """Whole years of age on ``day``; with only a year known, the age at the year's start."""
    if birth_date is not None:
        before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
        return day.year - birth_date.year - int(before_birthday)
    if birth_year is not None:
        return day.year - birth_year - 1 if day.year > birth_year else 0
    return None
