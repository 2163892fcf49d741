"""The report period: a preset, a campaign phase or any dates, and the comparison period.

Choosing a preset or a phase fills the two dates; changing a date by hand makes the
period "Tùy chọn ngày" (the dates always say what will be counted). A period whose
start lies after its end is refused here already, with the reason under the dates.
"""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from pcmt_desktop.domain.report_periods import PresetKind, ReportPeriod, preset
from pcmt_desktop.gui.reports.period_choices import (
    PeriodMode,
    comparison_text,
    default_phase,
    numbers,
    period_problem,
    period_summary,
    preset_position,
)
from pcmt_desktop.gui.widgets.date_field import DateEdit, to_qdate
from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE
from pcmt_desktop.services.targets import PhaseRecord

EARLIEST_YEAR = 2000
# A period may run on past today (the report is written before it closes), not forever.
YEARS_AHEAD = 2
PHASE_DATES_ROLE = Qt.ItemDataRole.UserRole + 1
NO_PHASES_TEXT = "(chưa có giai đoạn nào — thêm ở tab “Chỉ tiêu”)"


class PeriodChooser(QGroupBox):
    """``changed`` fires once per change of the dates or of the comparison tick."""

    changed = Signal()

    def __init__(
        self,
        today: date,
        phases: list[PhaseRecord],
        parent: QWidget | None = None,
        *,
        no_phases_text: str = NO_PHASES_TEXT,
    ):
        """``no_phases_text`` is what the phase list says when it is empty: where to add one."""
        super().__init__("Kỳ báo cáo", parent)
        self._today = today
        self._no_phases_text = no_phases_text
        self._filling = False
        self._phases: list[PhaseRecord] = []
        self.mode_combo = QComboBox(self)
        for mode in PeriodMode:
            self.mode_combo.addItem(mode.label, mode.value)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(EARLIEST_YEAR, today.year + YEARS_AHEAD)
        self.year_spin.setToolTip("Năm báo cáo: từ ngày 15/12 năm trước đến hết ngày 14/12")
        self.number_combo = QComboBox(self)
        self.number_label = QLabel("T&háng:", self)
        self.number_label.setBuddy(self.number_combo)
        self.phase_combo = QComboBox(self)
        self.phase_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.phase_combo.setMinimumContentsLength(20)
        self.from_edit = self._date_edit()
        self.to_edit = self._date_edit()
        self.compare_box = QCheckBox("&So sánh cùng kỳ năm trước", self)
        self.compare_label = QLabel(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self._layout()
        self.set_phases(phases)
        self._connect()
        self.choose_mode(PeriodMode.MONTH)

    def _date_edit(self) -> DateEdit:
        edit = DateEdit(self._today, self)
        edit.setMaximumDate(to_qdate(date(self._today.year + YEARS_AHEAD, 12, 31)))
        return edit

    def _layout(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        mode_label = QLabel("&Kỳ:", self)
        mode_label.setBuddy(self.mode_combo)
        form.addRow(mode_label, self.mode_combo)
        pickers = QHBoxLayout()
        self.year_label = QLabel("&Năm:", self)
        self.year_label.setBuddy(self.year_spin)
        pickers.addWidget(self.year_label)
        pickers.addWidget(self.year_spin)
        pickers.addSpacing(12)
        pickers.addWidget(self.number_label)
        pickers.addWidget(self.number_combo, 1)
        pickers.addStretch(0)
        self.pickers = QWidget(self)
        self.pickers.setLayout(pickers)
        pickers.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.pickers)
        self.phase_label = QLabel("Giai đ&oạn:", self)
        self.phase_label.setBuddy(self.phase_combo)
        form.addRow(self.phase_label, self.phase_combo)
        from_label = QLabel("Từ ngà&y:", self)
        from_label.setBuddy(self.from_edit)
        form.addRow(from_label, self.from_edit)
        form.addRow("Đến ngày:", self.to_edit)
        form.addRow(self.summary_label)
        form.addRow(self.problem_label)
        form.addRow(self.compare_box)
        form.addRow(self.compare_label)
        self._form = form

    def _connect(self) -> None:
        self.mode_combo.currentIndexChanged.connect(lambda _index: self._on_mode())
        self.year_spin.valueChanged.connect(lambda _value: self._apply_preset())
        self.number_combo.currentIndexChanged.connect(lambda _index: self._apply_preset())
        self.phase_combo.currentIndexChanged.connect(lambda _index: self._apply_phase())
        self.from_edit.dateChanged.connect(lambda _day: self._on_dates_typed())
        self.to_edit.dateChanged.connect(lambda _day: self._on_dates_typed())
        self.compare_box.toggled.connect(lambda _checked: self._after_change())

    # --- public API ----------------------------------------------------------------------
    def mode(self) -> PeriodMode:
        return PeriodMode(self.mode_combo.currentData())

    def period(self) -> tuple[date, date]:
        """The two dates as chosen; they may not form a period (see ``problem``)."""
        return self.from_edit.day(), self.to_edit.day()

    def problem(self) -> str | None:
        return period_problem(*self.period())

    def compare(self) -> bool:
        return self.compare_box.isChecked()

    def choose_mode(self, mode: PeriodMode) -> None:
        """Switch to ``mode``; a preset starts on the latest one, a phase on the first."""
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode.value))
        self._on_mode()

    def choose_preset(self, kind: PresetKind, year: int, number: int = 1) -> None:
        self._filling = True
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(kind.value))
        self._show_pickers()
        self._fill_numbers(kind)
        self.year_spin.setValue(year)
        self.number_combo.setCurrentIndex(max(self.number_combo.findData(number), 0))
        self._filling = False
        self._apply_preset()

    def choose_phase(self, phase_id: int) -> None:
        self._filling = True
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(PeriodMode.PHASE.value))
        self._show_pickers()
        self.phase_combo.setCurrentIndex(max(self.phase_combo.findData(phase_id), 0))
        self._filling = False
        self._apply_phase()

    def set_dates(self, start: date, end: date, *, compare: bool | None = None) -> None:
        """Any dates, as typed: the period becomes "Tùy chọn ngày"."""
        self._filling = True
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(PeriodMode.CUSTOM.value))
        self._show_pickers()
        self.from_edit.set_day(start)
        self.to_edit.set_day(end)
        if compare is not None:
            self.compare_box.setChecked(compare)
        self._filling = False
        self._after_change()

    def set_phases(self, phases: list[PhaseRecord]) -> None:
        """Refill the phases (they changed in the "Chỉ tiêu" tab), keeping the chosen one."""
        self._phases = list(phases)
        chosen = self.phase_combo.currentData()
        if chosen is None and (fallback := default_phase(phases, self._today)) is not None:
            chosen = fallback.id
        self.phase_combo.blockSignals(True)
        self.phase_combo.clear()
        for phase in phases:
            self.phase_combo.addItem(f"{phase.name} ({phase.period_text()})", phase.id)
            index = self.phase_combo.count() - 1
            self.phase_combo.setItemData(index, (phase.start, phase.end), PHASE_DATES_ROLE)
            self.phase_combo.setItemData(
                index, f"{phase.name} ({phase.period_text()})", Qt.ItemDataRole.ToolTipRole
            )
        if not phases:
            self.phase_combo.addItem(self._no_phases_text, None)
        self.phase_combo.setCurrentIndex(max(self.phase_combo.findData(chosen), 0))
        self.phase_combo.blockSignals(False)
        self.phase_combo.setToolTip(self.phase_combo.currentText())
        self._show_pickers()

    def summary(self) -> str:
        return self.summary_label.text()

    def comparison(self) -> str:
        return self.compare_label.text()

    # --- reacting --------------------------------------------------------------------------
    def _on_mode(self) -> None:
        if self._filling:
            return
        mode = self.mode()
        self._show_pickers()
        kind = mode.preset
        if kind is not None:
            year, number = preset_position(kind, self._today)
            self.choose_preset(kind, year, number)
        elif mode is PeriodMode.PHASE:
            # Like a preset, the phase to report on now: the running one, else the last begun.
            proposed = default_phase(self._phases, self._today)
            if proposed is not None:
                self.choose_phase(proposed.id)
            else:
                self._apply_phase()
        else:
            self._after_change()

    def _show_pickers(self) -> None:
        mode = self.mode()
        kind = mode.preset
        self.pickers.setVisible(kind is not None)
        has_numbers = kind in (PresetKind.MONTH, PresetKind.QUARTER)
        self.number_label.setVisible(has_numbers)
        self.number_combo.setVisible(has_numbers)
        if kind is not None and has_numbers:
            self.number_label.setText("T&háng:" if kind is PresetKind.MONTH else "&Quý:")
            if self.number_combo.count() != len(numbers(kind)):
                self._fill_numbers(kind)
        self._form.setRowVisible(self.phase_combo, mode is PeriodMode.PHASE)

    def _fill_numbers(self, kind: PresetKind) -> None:
        chosen = self.number_combo.currentData()
        self.number_combo.blockSignals(True)
        self.number_combo.clear()
        for number, label in numbers(kind):
            self.number_combo.addItem(label, number)
        self.number_combo.setCurrentIndex(max(self.number_combo.findData(chosen), 0))
        self.number_combo.blockSignals(False)

    def _apply_preset(self) -> None:
        kind = self.mode().preset
        if self._filling or kind is None:
            return
        number = self.number_combo.currentData()
        period = preset(kind, self.year_spin.value(), number if isinstance(number, int) else 1)
        self._set_period(period)

    def _apply_phase(self) -> None:
        self.phase_combo.setToolTip(self.phase_combo.currentText())
        if self._filling or self.mode() is not PeriodMode.PHASE:
            return
        dates = self.phase_combo.currentData(PHASE_DATES_ROLE)
        if isinstance(dates, tuple):
            self._set_period(ReportPeriod(*dates))
        else:
            self._after_change()

    def _set_period(self, period: ReportPeriod) -> None:
        self._filling = True
        self.from_edit.set_day(period.start)
        self.to_edit.set_day(period.end)
        self._filling = False
        self._after_change()

    def _on_dates_typed(self) -> None:
        if self._filling:
            return
        # A date changed by hand: the period is no longer the preset or the phase.
        if self.mode() is not PeriodMode.CUSTOM:
            self.mode_combo.blockSignals(True)
            self.mode_combo.setCurrentIndex(self.mode_combo.findData(PeriodMode.CUSTOM.value))
            self.mode_combo.blockSignals(False)
            self._show_pickers()
        self._after_change()

    def _after_change(self) -> None:
        if self._filling:
            return
        start, end = self.period()
        problem = period_problem(start, end)
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        self.summary_label.setText(period_summary(self.mode(), start, end, self._today))
        self.compare_label.setText(comparison_text(start, end))
        self.compare_label.setEnabled(self.compare())
        self.changed.emit()
