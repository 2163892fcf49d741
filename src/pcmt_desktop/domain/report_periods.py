"""Report periods and their presets: reporting months run from the 15th to the 14th.

In this field a reporting year Y runs from 15/12/(Y-1) to 14/12/Y, and its month M from
15/(M-1) to 14/M, so month 1 of 2026 is 15/12/2025–14/01/2026. Quarters, six and nine
months and the year are built from those months; the cumulative ones (6 tháng, 9 tháng,
năm) all start on 15/12 of the year before. Any other dates are allowed as a custom
period; the presets only save typing them.
"""

from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from enum import StrEnum

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.report_text import short_date

PERIOD_START_DAY = 15
PERIOD_END_DAY = 14
MONTHS_IN_YEAR = 12
MONTHS_IN_QUARTER = 3
QUARTERS_IN_YEAR = 4
_ROMAN_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class ReportPeriod:
    """The days a report counts, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"Ngày kết thúc kỳ báo cáo ({short_date(self.end)}) không được "
                f"trước ngày bắt đầu ({short_date(self.start)})."
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def same_period_year_before(self) -> "ReportPeriod":
        """The cùng kỳ: both ends one year earlier (29/02 becomes 28/02)."""
        return ReportPeriod(add_months(self.start, -12), add_months(self.end, -12))


class PresetKind(StrEnum):
    MONTH = "thang"
    QUARTER = "quy"
    HALF_YEAR = "6_thang"
    NINE_MONTHS = "9_thang"
    YEAR = "nam"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    PresetKind.MONTH: "Tháng",
    PresetKind.QUARTER: "Quý",
    PresetKind.HALF_YEAR: "6 tháng",
    PresetKind.NINE_MONTHS: "9 tháng",
    PresetKind.YEAR: "Năm",
}
# The last reporting month of each cumulative preset; all of them start with month 1.
_CUMULATIVE_LAST_MONTH = {
    PresetKind.HALF_YEAR: 6,
    PresetKind.NINE_MONTHS: 9,
    PresetKind.YEAR: 12,
}


def preset(kind: PresetKind, year: int, number: int = 1) -> ReportPeriod:
    """The preset period of reporting year ``year``.

    ``number`` is the month (1..12) or the quarter (1..4); other kinds ignore it.

    Raises:
        ValueError: with a Vietnamese message, for a month, quarter or year out of range.
    """
    if not MINYEAR < year <= MAXYEAR:
        raise ValueError(f"Năm báo cáo {year} không hợp lệ.")
    if kind is PresetKind.MONTH:
        _check_range(number, MONTHS_IN_YEAR, "Tháng")
        return _months(year, number, number)
    if kind is PresetKind.QUARTER:
        _check_range(number, QUARTERS_IN_YEAR, "Quý")
        last = number * MONTHS_IN_QUARTER
        return _months(year, last - MONTHS_IN_QUARTER + 1, last)
    return _months(year, 1, _CUMULATIVE_LAST_MONTH[kind])


def reporting_year(day: date) -> int:
    """The reporting year ``day`` falls in: 15/12/2025 is already in 2026."""
    if day.month == MONTHS_IN_YEAR and _starts_next_month(day):
        return day.year + 1
    return day.year


def reporting_month(day: date) -> int:
    """The reporting month ``day`` falls in (1..12): 15/11 belongs to month 12."""
    if not _starts_next_month(day):
        return day.month
    return day.month % MONTHS_IN_YEAR + 1


def latest_preset(kind: PresetKind, today: date) -> ReportPeriod:
    """The period to report on today: the one of ``kind`` that contains ``today``.

    A report is written near the end of its period, while the period still runs. The
    6- and 9-month periods close before the reporting year does; once closed (e.g.
    6 tháng on 20/11) the one just closed is returned, since that is the latest to report.
    """
    year = reporting_year(today)
    month = reporting_month(today)
    if kind is PresetKind.MONTH:
        return preset(kind, year, month)
    if kind is PresetKind.QUARTER:
        return preset(kind, year, (month - 1) // MONTHS_IN_QUARTER + 1)
    return preset(kind, year)


def period_title(kind: PresetKind, period: ReportPeriod) -> str:
    """Name a preset: "tháng 11 năm 2026", "quý IV năm 2026", "6 tháng đầu năm 2026" ….

    Named after the reporting month, quarter or year in which the period starts, so a
    period that was shortened or stretched by hand (the seed's 15/12/2023–31/5/2024,
    reported as six months) keeps the name the office gives it.
    """
    year = reporting_year(period.start)
    month = reporting_month(period.start)
    match kind:
        case PresetKind.MONTH:
            return f"tháng {month} năm {year}"
        case PresetKind.QUARTER:
            quarter = (month - 1) // MONTHS_IN_QUARTER
            return f"quý {_ROMAN_QUARTERS[quarter]} năm {year}"
        case PresetKind.HALF_YEAR:
            return f"6 tháng đầu năm {year}"
        case PresetKind.NINE_MONTHS:
            return f"9 tháng năm {year}"
        case PresetKind.YEAR:
            return f"năm {year}"


def custom_title(period: ReportPeriod) -> str:
    """Name any period by its dates: "từ 15/12/2023 đến 31/05/2024"."""
    return f"từ {short_date(period.start)} đến {short_date(period.end)}"


def is_reporting_year(period: ReportPeriod) -> bool:
    """True for exactly 15/12 of one year to 14/12 of the next (the yearly classification)."""
    start, end = period.start, period.end
    return (
        (start.month, start.day) == (MONTHS_IN_YEAR, PERIOD_START_DAY)
        and (end.month, end.day) == (MONTHS_IN_YEAR, PERIOD_END_DAY)
        and end.year == start.year + 1
    )


def _months(year: int, first: int, last: int) -> ReportPeriod:
    """Reporting months ``first``..``last`` of reporting year ``year``."""
    start = add_months(date(year, first, PERIOD_START_DAY), -1)
    return ReportPeriod(start, date(year, last, PERIOD_END_DAY))


def _starts_next_month(day: date) -> bool:
    return day.day >= PERIOD_START_DAY


def _check_range(number: int, highest: int, name: str) -> None:
    if not 1 <= number <= highest:
        raise ValueError(f"{name} phải từ 1 đến {highest} (đã chọn {number}).")
