"""The overview's 12 months: the pictures' period and the window of recent positive tests."""

from datetime import date, timedelta

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.reports.trend_figures import TREND_MONTHS

# The same twelve months as the lists' trend, so that every picture covers one period.
OVERVIEW_MONTHS = TREND_MONTHS


def overview_period(today: date) -> tuple[date, date]:
    """The last 12 months up to ``today``: from the day after the same day a year before.

    For 23/11/2026: 24/11/2025 – 23/11/2026; for 29/02/2028: 01/03/2027 – 29/02/2028.
    """
    return add_months(today, -OVERVIEW_MONTHS) + timedelta(days=1), today
