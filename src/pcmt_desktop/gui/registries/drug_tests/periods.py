"""The periods the drug-tests tab offers: reporting periods run from the 15th to the 14th.

Plain dates (no Qt): the tab shows them, the tests check them.
"""

from datetime import date, timedelta
from enum import StrEnum

from pcmt_desktop.domain.dates import add_months

PERIOD_START_DAY = 15  # a month's reporting period starts on the 15th
YEAR_START = (12, 15)  # and a year's on 15/12 of the year before


class PeriodChoice(StrEnum):
    CURRENT = "current"
    PREVIOUS = "previous"
    YEAR = "year"
    ALL = "all"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    PeriodChoice.CURRENT: "Kỳ này (từ ngày 15)",
    PeriodChoice.PREVIOUS: "Kỳ trước",
    PeriodChoice.YEAR: "Năm báo cáo (từ 15/12)",
    PeriodChoice.ALL: "Tất cả",
    PeriodChoice.CUSTOM: "Tự chọn",
}


def current_period_start(today: date) -> date:
    """The 15th of this month, or of the previous one before the 15th."""
    start = today.replace(day=PERIOD_START_DAY)
    return start if today >= start else add_months(start, -1)


def period_of(choice: PeriodChoice, today: date) -> tuple[date | None, date | None]:
    """The inclusive days of ``choice``; (None, None) for all; CUSTOM has no days of its own."""
    if choice is PeriodChoice.CURRENT:
        return current_period_start(today), today
    if choice is PeriodChoice.PREVIOUS:
        start = current_period_start(today)
        return add_months(start, -1), start - timedelta(days=1)
    if choice is PeriodChoice.YEAR:
        start = date(today.year, *YEAR_START)
        return (start if today >= start else date(today.year - 1, *YEAR_START)), today
    return None, None
