"""Which automatic backups to keep: a thinned history reaching back one year.

The rule (issue 6: "every one of today and yesterday, then daily, weekly, monthly for a
year"), by the backup's age in calendar days, ``age = now.date() - created.date()``:

- age 0 or 1 (today, yesterday): every backup is kept;
- age 2 to 30: the newest backup of each calendar day;
- age 31 to 84 (twelve weeks): the newest backup of each ISO week (Monday to Sunday);
- age 85 to 365: the newest backup of each calendar month;
- older than 365 days: none;
- and whatever its age, the newest backup of all is kept, so an office that has not
  opened the program for two years still has its last backup.

"Newest of a day, week or month" is judged among all the backups given, not only the ones
of that age band. Two consequences the tests hold the rule to: thinning twice keeps what
thinning once kept (a kept backup stays the newest of its bucket among the kept ones), and
thinning every day keeps exactly what a single thinning at the end would keep (a backup
dropped today would be dropped later too: it only gets older, and later backups never fall
into its day). A backup dated after ``now`` (a clock put back) counts as today's.

Backups made in the same second share one creation time and so one fate.
"""

from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class RetentionPolicy:
    """How far back each band reaches, in days of age (see the module docstring)."""

    every_days: int = 1
    daily_days: int = 30
    weekly_days: int = 84
    monthly_days: int = 365


DEFAULT_POLICY = RetentionPolicy()


def _week(day: date) -> Hashable:
    year, week, _ = day.isocalendar()
    return (year, week)


def _month(day: date) -> Hashable:
    return (day.year, day.month)


def _day(day: date) -> Hashable:
    return day


def _newest_per_bucket(
    created: Collection[datetime], bucket: Callable[[date], Hashable]
) -> set[datetime]:
    newest: dict[Hashable, datetime] = {}
    for moment in created:
        key = bucket(moment.date())
        if key not in newest or moment > newest[key]:
            newest[key] = moment
    return set(newest.values())


def backups_to_keep(
    created: Collection[datetime],
    now: datetime,
    policy: RetentionPolicy = DEFAULT_POLICY,
) -> frozenset[datetime]:
    """The creation times, among ``created``, whose backups the thinned history keeps."""
    if not created:
        return frozenset()
    today = now.date()
    bands = (
        (policy.daily_days, _newest_per_bucket(created, _day)),
        (policy.weekly_days, _newest_per_bucket(created, _week)),
        (policy.monthly_days, _newest_per_bucket(created, _month)),
    )
    kept = {max(created)}
    for moment in created:
        age = (today - moment.date()).days
        if age <= policy.every_days or any(
            age <= reach and moment in newest for reach, newest in bands
        ):
            kept.add(moment)
    return frozenset(kept)


def backups_to_remove(
    created: Collection[datetime],
    now: datetime,
    policy: RetentionPolicy = DEFAULT_POLICY,
) -> frozenset[datetime]:
    """The creation times whose backups the thinned history lets go."""
    return frozenset(created) - backups_to_keep(created, now, policy)
