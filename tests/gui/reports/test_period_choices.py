"""The period chooser's words and defaults, without widgets."""

from datetime import date

from pcmt_desktop.domain.report_periods import PresetKind
from pcmt_desktop.gui.reports.period_choices import (
    PeriodMode,
    comparison_text,
    default_phase,
    numbers,
    period_problem,
    period_summary,
    preset_position,
)
from pcmt_desktop.services.targets import PhaseRecord

TODAY = date(2026, 11, 23)


def phase(phase_id: int, start: date, end: date) -> PhaseRecord:
    return PhaseRecord(phase_id, f"Giai đoạn {phase_id}", start, end, "")


def test_every_mode_has_a_vietnamese_label_and_presets_know_their_kind() -> None:
    assert [mode.label for mode in PeriodMode] == [
        "Tháng",
        "Quý",
        "6 tháng",
        "9 tháng",
        "Năm",
        "Giai đoạn cao điểm",
        "Tùy chọn ngày",
    ]
    assert PeriodMode.QUARTER.preset is PresetKind.QUARTER
    assert PeriodMode.PHASE.preset is None
    assert PeriodMode.CUSTOM.preset is None


def test_months_and_quarters_to_pick_from() -> None:
    assert numbers(PresetKind.MONTH)[0] == (1, "Tháng 1")
    assert len(numbers(PresetKind.MONTH)) == 12
    assert numbers(PresetKind.QUARTER) == [
        (1, "Quý I"),
        (2, "Quý II"),
        (3, "Quý III"),
        (4, "Quý IV"),
    ]
    assert numbers(PresetKind.YEAR) == []


def test_the_latest_preset_is_read_back_as_year_and_number() -> None:
    # 23/11/2026 lies in reporting month 12 (15/11–14/12), quarter IV, year 2026.
    assert preset_position(PresetKind.MONTH, TODAY) == (2026, 12)
    assert preset_position(PresetKind.QUARTER, TODAY) == (2026, 4)
    assert preset_position(PresetKind.YEAR, TODAY) == (2026, 1)
    # From 15/12 the next reporting year has begun.
    assert preset_position(PresetKind.MONTH, date(2026, 12, 20)) == (2027, 1)
    assert preset_position(PresetKind.QUARTER, date(2026, 12, 20)) == (2027, 1)


def test_a_period_from_after_to_is_refused_in_vietnamese() -> None:
    assert period_problem(date(2024, 10, 15), date(2024, 11, 12)) is None
    assert period_problem(date(2024, 11, 12), date(2024, 11, 12)) is None
    assert period_problem(date(2024, 11, 13), date(2024, 11, 12)) == (
        "Từ ngày 13/11/2024 ở sau đến ngày 12/11/2024: hãy chọn lại kỳ báo cáo."
    )


def test_the_comparison_is_the_same_period_a_year_earlier() -> None:
    assert comparison_text(date(2024, 10, 15), date(2024, 11, 12)) == (
        "Cùng kỳ: 15/10/2023 – 12/11/2023"
    )
    assert comparison_text(date(2024, 2, 29), date(2024, 3, 14)) == (
        "Cùng kỳ: 28/02/2023 – 14/03/2023"
    )
    assert comparison_text(date(2024, 11, 13), date(2024, 11, 12)) == ""


def test_the_summary_names_a_preset_and_says_when_it_still_runs() -> None:
    assert period_summary(PeriodMode.HALF_YEAR, date(2025, 12, 15), date(2026, 6, 14), TODAY) == (
        "6 tháng đầu năm 2026: 15/12/2025 – 14/06/2026 (182 ngày)"
    )
    running = period_summary(PeriodMode.MONTH, date(2026, 11, 15), date(2026, 12, 14), TODAY)
    assert running == (
        "Tháng 12 năm 2026: 15/11/2026 – 14/12/2026 (30 ngày). "
        "Kỳ chưa kết thúc: số liệu tính đến hôm nay (23/11/2026)."
    )
    assert period_summary(PeriodMode.CUSTOM, date(2024, 10, 15), date(2024, 11, 12), TODAY) == (
        "15/10/2024 – 12/11/2024 (29 ngày)"
    )
    assert period_summary(PeriodMode.CUSTOM, date(2024, 11, 15), date(2024, 11, 12), TODAY) == ""


def test_the_default_phase_is_the_running_one_else_the_last_begun() -> None:
    first = phase(1, date(2026, 9, 1), date(2026, 9, 30))
    second = phase(2, date(2026, 10, 1), date(2026, 10, 31))
    running = phase(3, date(2026, 11, 1), date(2026, 11, 30))
    later = phase(4, date(2027, 1, 1), date(2027, 1, 31))
    assert default_phase([first, second, running, later], TODAY) == running
    assert default_phase([first, second, later], TODAY) == second
    assert default_phase([later], TODAY) == later
    assert default_phase([], TODAY) is None
