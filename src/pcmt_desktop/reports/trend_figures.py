"""The lists' sizes month by month: the trend the overview draws and the báo cáo explains.

A size is counted like the lists' ``after`` (movements.py): the stays covering the end of
the day. The days are the period's last day and the ends of the months before it, so the
last point is the period's own ``after`` and the others are the months' closing figures.
All the days are counted in one pass over ``list_stay`` (one SUM(CASE …) per day, grouped
by list), read from the covering index of the four counts.
"""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.movements import covers_end_of
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import ListStay

TREND_MONTHS = 12


def trend_days(date_to: date, months: int = TREND_MONTHS) -> list[date]:
    """``date_to`` and the last days of the ``months - 1`` months before its month, oldest first.

    For 14/11/2026 and 12 months: 31/12/2025, 31/01/2026, …, 31/10/2026, 14/11/2026. A
    ``date_to`` that is itself a month's end follows the same rule (the previous month's
    end comes before it), so the points are always a month apart.

    Raises:
        ValueError: ``months`` is below 1.
    """
    if months < 1:
        raise ValueError(f"months must be at least 1 (got {months})")
    first_of_month = date_to.replace(day=1)
    month_ends = [
        add_months(first_of_month, -back) - timedelta(days=1) for back in range(months - 2, -1, -1)
    ]
    return [*month_ends, date_to]


def _count_on(day: date) -> Any:
    return func.coalesce(func.sum(case((covers_end_of(ListStay, day), 1), else_=0)), 0)


def list_sizes_by_month(
    session: Session, date_to: date, months: int = TREND_MONTHS
) -> dict[str, dict[str, int]]:
    """Stays on each list at the end of each of :func:`trend_days` (ISO day → list → n).

    Ordered oldest day first; every list is there on every day, zeros included, so that
    the level above's combine adds the offices up key by key.
    """
    days = trend_days(date_to, months)
    query = (
        select(ListStay.list_key, *(_count_on(day) for day in days))
        # Only stays that can cover one of the days: started by the last and not ended
        # by the first (the rest would add zeros).
        .where(
            ListStay.start_date <= days[-1],
            or_(ListStay.end_date.is_(None), ListStay.end_date > days[0]),
        )
        .group_by(ListStay.list_key)
    )
    counts = {row[0]: [int(value) for value in row[1:]] for row in session.execute(query)}
    zeros = [0] * len(days)
    return {
        day.isoformat(): {
            management_list.value: counts.get(management_list.value, zeros)[index]
            for management_list in ManagementList
        }
        for index, day in enumerate(days)
    }


def trends_json(context: ServiceContext, date_to: date) -> dict[str, Any]:
    """The figures' "trends" key, on a connection of its own (the báo cáo's worker pool and
    the overview's parts both run it beside other reading)."""
    with context.reading() as session:
        return {"list_sizes": list_sizes_by_month(session, date_to)}
