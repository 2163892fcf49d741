"""The ways to choose a report period, and what the chooser says about the chosen one.

The presets (tháng, quý, 6 tháng, 9 tháng, năm: the 15th to the 14th) and a campaign
phase only save typing dates; any dates may be typed. The chooser's words live here,
apart from the widgets, so they are tested plainly.
"""

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from pcmt_desktop.domain.report_periods import (
    MONTHS_IN_QUARTER,
    MONTHS_IN_YEAR,
    QUARTERS_IN_YEAR,
    PresetKind,
    ReportPeriod,
    latest_preset,
    period_title,
    reporting_month,
    reporting_year,
)
from pcmt_desktop.domain.report_text import short_date
from pcmt_desktop.services.targets import PhaseRecord

_ROMAN = ("I", "II", "III", "IV")


class PeriodMode(StrEnum):
    """A preset kind, a campaign phase, or dates typed by hand."""

    MONTH = PresetKind.MONTH.value
    QUARTER = PresetKind.QUARTER.value
    HALF_YEAR = PresetKind.HALF_YEAR.value
    NINE_MONTHS = PresetKind.NINE_MONTHS.value
    YEAR = PresetKind.YEAR.value
    PHASE = "giai_doan"
    CUSTOM = "tuy_chon"

    @property
    def preset(self) -> PresetKind | None:
        try:
            return PresetKind(self.value)
        except ValueError:
            return None

    @property
    def label(self) -> str:
        if (kind := self.preset) is not None:
            return kind.label
        return "Giai đoạn cao điểm" if self is PeriodMode.PHASE else "Tùy chọn ngày"


def numbers(kind: PresetKind) -> list[tuple[int, str]]:
    """The months or quarters to pick from; empty for the kinds that have none."""
    if kind is PresetKind.MONTH:
        return [(month, f"Tháng {month}") for month in range(1, MONTHS_IN_YEAR + 1)]
    if kind is PresetKind.QUARTER:
        return [
            (quarter, f"Quý {_ROMAN[quarter - 1]}") for quarter in range(1, QUARTERS_IN_YEAR + 1)
        ]
    return []


def preset_position(kind: PresetKind, today: date) -> tuple[int, int]:
    """(reporting year, month or quarter) of ``latest_preset(kind, today)``.

    Read back from the period's last day, so it follows whatever ``latest_preset``
    decides (e.g. the 6 months just closed once they are over).
    """
    end = latest_preset(kind, today).end
    year, month = reporting_year(end), reporting_month(end)
    if kind is PresetKind.MONTH:
        return year, month
    if kind is PresetKind.QUARTER:
        return year, month // MONTHS_IN_QUARTER
    return year, 1


def default_phase(phases: Sequence[PhaseRecord], today: date) -> PhaseRecord | None:
    """The phase to report on: the one running today, else the last one begun, else the first."""
    running = [phase for phase in phases if phase.start <= today <= phase.end]
    begun = [phase for phase in phases if phase.start <= today]
    if running:
        return running[0]
    if begun:
        return max(begun, key=lambda phase: (phase.start, phase.end))
    return phases[0] if phases else None


def period_problem(start: date, end: date) -> str | None:
    """The Vietnamese message for a period that is not one, else None."""
    if start <= end:
        return None
    return f"Từ ngày {short_date(start)} ở sau đến ngày {short_date(end)}: hãy chọn lại kỳ báo cáo."


def comparison_text(start: date, end: date) -> str:
    """ "Cùng kỳ: 15/10/2023 – 12/11/2023" (empty for a period that is not one)."""
    if period_problem(start, end) is not None:
        return ""
    earlier = ReportPeriod(start, end).same_period_year_before()
    return f"Cùng kỳ: {short_date(earlier.start)} – {short_date(earlier.end)}"


def period_summary(mode: PeriodMode, start: date, end: date, today: date) -> str:
    """ "Tháng 12 năm 2026: 15/11/2026 – 14/12/2026 (30 ngày)", and a word if still running."""
    if period_problem(start, end) is not None:
        return ""
    period = ReportPeriod(start, end)
    dates = f"{short_date(start)} – {short_date(end)} ({period.days} ngày)"
    kind = mode.preset
    text = dates if kind is None else f"{_capitalised(period_title(kind, period))}: {dates}"
    if start <= today < end:
        text += f". Kỳ chưa kết thúc: số liệu tính đến hôm nay ({short_date(today)})."
    elif start > today:
        text += ". Kỳ chưa bắt đầu."
    return text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
