"""The thinned history: every backup of today and yesterday, then daily, weekly, monthly."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pcmt_desktop.autobackup.thinning import (
    DEFAULT_POLICY,
    backups_to_keep,
    backups_to_remove,
)

NOW = datetime(2026, 11, 23, 17, 45, 0)  # a Monday

MOMENTS = st.datetimes(min_value=datetime(2024, 6, 1), max_value=datetime(2026, 11, 23, 17, 45))
HISTORIES = st.frozensets(MOMENTS, max_size=60)
NOWS = st.datetimes(min_value=datetime(2026, 11, 23, 17, 45), max_value=datetime(2028, 1, 1))


def _at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour))


# --- examples -----------------------------------------------------------------------------------
def test_nothing_given_nothing_kept() -> None:
    assert backups_to_keep([], NOW) == frozenset()


def test_every_backup_of_today_and_yesterday_is_kept() -> None:
    today = [NOW.replace(hour=hour) for hour in (8, 9, 10, 11)]
    yesterday = [(NOW - timedelta(days=1)).replace(hour=hour) for hour in (8, 16, 17)]
    assert backups_to_keep(today + yesterday, NOW) == frozenset(today + yesterday)


def test_the_day_before_yesterday_keeps_only_its_newest() -> None:
    day = NOW.date() - timedelta(days=2)
    morning, noon, evening = _at(day, 8), _at(day, 12), _at(day, 18)
    assert backups_to_keep([morning, noon, evening, NOW], NOW) == {evening, NOW}


def test_past_thirty_days_one_per_iso_week() -> None:
    # 2026-10-12 (Monday) to 2026-10-18 (Sunday): 36 to 42 days old, one ISO week.
    week = [_at(date(2026, 10, 12) + timedelta(days=offset)) for offset in range(7)]
    kept = backups_to_keep([*week, NOW], NOW)
    assert kept == {week[-1], NOW}


def test_past_twelve_weeks_one_per_month() -> None:
    # All of May 2026 is more than 84 days old on 23/11/2026: only 31/05 stays.
    may = [_at(date(2026, 5, day)) for day in range(1, 32)]
    assert backups_to_keep([*may, NOW], NOW) == {may[-1], NOW}


def test_older_than_a_year_goes_but_the_newest_of_all_stays() -> None:
    ancient = [_at(date(2024, 1, day)) for day in (3, 10, 20)]
    assert backups_to_keep(ancient, NOW) == {ancient[-1]}
    assert backups_to_keep([*ancient, NOW], NOW) == {NOW}
    assert backups_to_remove([*ancient, NOW], NOW) == frozenset(ancient)


def test_a_backup_dated_after_now_counts_as_today() -> None:
    later = NOW + timedelta(days=3)  # the clock was put back since it was made
    assert backups_to_keep([later, NOW, NOW - timedelta(hours=1)], NOW) == {
        later,
        NOW,
        NOW - timedelta(hours=1),
    }


def test_a_year_of_three_backups_a_day_thinned_every_day() -> None:
    start = datetime(2025, 11, 24, 8, 0)
    kept: frozenset[datetime] = frozenset()
    everything: list[datetime] = []
    for day in range(365):
        for hour in (8, 12, 17):
            moment = (start + timedelta(days=day)).replace(hour=hour)
            everything.append(moment)
            kept = backups_to_keep(kept | {moment}, moment)
    end = everything[-1]
    assert end.date() == NOW.date()
    # The same as thinning the whole year once at the end.
    assert kept == backups_to_keep(everything, end)
    # Today's and yesterday's 6, then 29 days × 1, then the weeks and months before.
    recent = {moment for moment in kept if (end.date() - moment.date()).days <= 1}
    assert len(recent) == 6
    daily = {moment for moment in kept if 2 <= (end.date() - moment.date()).days <= 30}
    assert len(daily) == 29
    assert all(moment.hour == 17 for moment in daily)
    older = kept - recent - daily

    def last_of(group: object, key: Callable[[datetime], object]) -> datetime:
        return max(moment for moment in everything if key(moment) == group)

    def week(moment: datetime) -> object:
        return moment.isocalendar()[:2]

    def month(moment: datetime) -> object:
        return (moment.year, moment.month)

    # Past thirty days only the last backup of an ISO week (up to twelve weeks) or of a
    # month (up to a year) stays, and every month of the year still has one.
    for moment in older:
        age = (end.date() - moment.date()).days
        assert (age <= 84 and moment == last_of(week(moment), week)) or (
            age <= 365 and moment == last_of(month(moment), month)
        )
    assert {month(moment) for moment in kept} == {month(moment) for moment in everything}
    # The Sundays 31 to 84 days before Monday 23/11/2026: 18/10 back to 06/09.
    sundays = {moment.date() for moment in older if moment.weekday() == 6}
    assert {day for day in sundays if day >= date(2026, 8, 31)} == {
        date(2026, 9, 6) + timedelta(weeks=offset) for offset in range(7)
    }
    assert len(kept) < 60


# --- properties --------------------------------------------------------------------------------
@settings(max_examples=300)
@given(HISTORIES, NOWS)
def test_the_newest_is_always_kept(history: frozenset[datetime], now: datetime) -> None:
    if history:
        assert max(history) in backups_to_keep(history, now)


@settings(max_examples=300)
@given(HISTORIES, NOWS)
def test_kept_is_a_part_of_what_was_given(history: frozenset[datetime], now: datetime) -> None:
    kept = backups_to_keep(history, now)
    assert kept <= history
    assert kept | backups_to_remove(history, now) == history
    assert not kept & backups_to_remove(history, now)


@settings(max_examples=300)
@given(HISTORIES, NOWS)
def test_thinning_twice_is_thinning_once(history: frozenset[datetime], now: datetime) -> None:
    once = backups_to_keep(history, now)
    assert backups_to_keep(once, now) == once


@settings(max_examples=300)
@given(HISTORIES, NOWS)
def test_every_recent_day_with_a_backup_keeps_its_newest(
    history: frozenset[datetime], now: datetime
) -> None:
    kept = backups_to_keep(history, now)
    for age in range(DEFAULT_POLICY.daily_days + 1):
        day = now.date() - timedelta(days=age)
        of_day = [moment for moment in history if moment.date() == day]
        if of_day:
            assert max(of_day) in kept


@settings(max_examples=300)
@given(HISTORIES, NOWS)
def test_every_month_of_the_year_with_a_backup_keeps_one(
    history: frozenset[datetime], now: datetime
) -> None:
    kept = backups_to_keep(history, now)
    for moment in history:
        if (now.date() - moment.date()).days <= DEFAULT_POLICY.monthly_days:
            month = (moment.year, moment.month)
            assert any((other.year, other.month) == month for other in kept)


@settings(max_examples=200)
@given(HISTORIES, NOWS, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
def test_thinning_as_time_passes_equals_thinning_later(
    history: frozenset[datetime], now: datetime, later_by: timedelta
) -> None:
    later = now + later_by
    assert backups_to_keep(backups_to_keep(history, now), later) == backups_to_keep(history, later)
