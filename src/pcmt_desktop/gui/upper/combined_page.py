"""The "Số liệu tổng hợp" page: a period, the offices' combined figures, the báo cáo.

The left column holds the period (the wizard's chooser, with the offices' campaign
phases) and the two actions, "Xem số liệu" (F5) and "Lập báo cáo tổng hợp…"
(Ctrl+Enter), both also the window's menu items; the right one the wizard's figures
preview with a "Theo đơn vị" page in front. The figures are computed in a worker
thread, one office after another.
"""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from pcmt_desktop.domain.report_periods import ReportPeriod, custom_title, period_title
from pcmt_desktop.domain.report_text import short_date
from pcmt_desktop.gui.background import PERMILLE, Outcome, Report, start_task
from pcmt_desktop.gui.reports.figures_view import FiguresView
from pcmt_desktop.gui.reports.opener import Opener
from pcmt_desktop.gui.reports.period_choices import comparison_text
from pcmt_desktop.gui.reports.period_chooser import PeriodChooser
from pcmt_desktop.gui.reports.side_column import lay_out_beside
from pcmt_desktop.gui.upper.by_office_page import by_office_page
from pcmt_desktop.gui.upper.phases import NO_PHASES_TEXT, offices_phases
from pcmt_desktop.gui.upper.report_dialog import UpperReportDialog
from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE
from pcmt_desktop.gui.widgets.registry_tab_base import show_window_modal
from pcmt_desktop.upper.figures import combined_figures
from pcmt_desktop.upper.store import UpperStore

FiguresKey = tuple[date, date, bool]
WAITING_TEXT = (
    "Chưa tính số liệu. Chọn kỳ báo cáo rồi bấm “Xem số liệu” (F5): số liệu của mọi đơn vị "
    "đã nhận được cộng lại và hiện ở đây theo từng phần của báo cáo, trang “Theo đơn vị” "
    "cho thấy số liệu của từng đơn vị."
)
STALE_PERIOD = (
    "Kỳ báo cáo đã đổi: số liệu dưới đây là của kỳ trước đó. Bấm “Xem số liệu” (F5) để tính lại."
)
STALE_DATA = "Đã nhận thêm dữ liệu sau khi tính số liệu. Bấm “Xem số liệu” (F5) để tính lại."
BLOCKED_TEXT = "Đang nhận tệp sao lưu: hãy đợi xong rồi tính số liệu."


class CombinedPage(QWidget):
    """``computed`` once a computation ended (shown or refused); ``busy_changed`` when
    one starts or ends; ``status(text)``."""

    status = Signal(str)
    computed = Signal()
    busy_changed = Signal(bool)

    def __init__(
        self,
        store: UpperStore,
        *,
        today: Callable[[], date],
        now: Callable[[], datetime],
        opener: Opener,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
        self._now = now
        self._opener = opener
        self._key: FiguresKey | None = None
        self._fresh = False
        self._report_when_ready = False
        self._ask = True
        self._blocked = False
        self.computing = False
        self.last_message = ""
        self.report_dialog: UpperReportDialog | None = None
        self.period = PeriodChooser(
            today(), offices_phases(store), self, no_phases_text=NO_PHASES_TEXT
        )
        self.preview_button = QPushButton("&Xem số liệu (F5)", self)
        self.report_button = QPushButton("Lập &báo cáo tổng hợp… (Ctrl+Enter)", self)
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, PERMILLE)
        self.progress_bar.setTextVisible(False)
        self.message_label = QLabel(self)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures_view = FiguresView(self, first_pages=(by_office_page,), level_above=True)
        self.figures_view.placeholder.setText(WAITING_TEXT)
        self._lay_out()
        self._show_progress(False)
        self.message_label.hide()
        self._connect()

    def _lay_out(self) -> None:
        column = (
            self.period,
            self.preview_button,
            self.report_button,
            self.progress_label,
            self.progress_bar,
            self.message_label,
        )
        self.splitter = lay_out_beside(self, column, self.figures_view)

    def _connect(self) -> None:
        self.period.changed.connect(self._on_period_changed)
        self.preview_button.clicked.connect(lambda _checked=False: self.show_figures())
        self.report_button.clicked.connect(lambda _checked=False: self.make_report())
        # F5 and Ctrl+Enter are the window's menu items: a shortcut here too would be
        # ambiguous, and Qt would then run neither.

    # --- the figures ---------------------------------------------------------------------
    def show_figures(self, *, ask: bool = True) -> bool:
        """Start computing the chosen period's figures; False (and why) when refused."""
        if self.computing:
            return False
        if self._blocked:
            self._refuse(BLOCKED_TEXT, ask=False)
            return False
        problem = self.period.problem()
        if problem is not None:
            self._refuse(problem, ask=ask)
            self.period.from_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        start, end = self.period.period()
        compare = self.period.compare()
        today = self._today

        def work(report: Report) -> dict[str, Any]:
            return combined_figures(
                self._store,
                start,
                end,
                compare=compare,
                today=today,
                progress=lambda done, total: report("", done, total),
            )

        self.computing = True
        self._ask = ask
        self._clear_message()
        self._enable_actions(False)
        self.busy_changed.emit(True)
        self.progress_label.setText("Đang tính số liệu của từng đơn vị…")
        self._show_progress(True)
        start_task(
            work,
            owner=self,
            on_progress=lambda _what, done: self.progress_bar.setValue(done),
            on_done=lambda outcome: self._figures_done((start, end, compare), outcome),
        )
        return True

    def _figures_done(self, key: FiguresKey, outcome: Outcome) -> None:
        self.computing = False
        self._show_progress(False)
        self._enable_actions(not self._blocked)
        self.busy_changed.emit(False)
        if outcome.error is not None:
            self._report_when_ready = False
            self._refuse(f"Không tính được số liệu tổng hợp.\n\n{outcome.error}", ask=self._ask)
            self.computed.emit()
            return
        figures: dict[str, Any] = outcome.value
        self._key, self._fresh = key, True
        self.figures_view.show_figures(figures, self._describe(key, figures))
        if self._key != self._key_now():
            self.figures_view.mark_stale(STALE_PERIOD)
        self.status.emit("Đã tính số liệu tổng hợp của kỳ báo cáo.")
        self.computed.emit()
        if self._report_when_ready:
            self._report_when_ready = False
            self.make_report()

    def _describe(self, key: FiguresKey, figures: Mapping[str, Any]) -> str:
        start, end, compare = key
        offices = len(figures.get("by_office") or [])
        text = (
            f"<b>Số liệu tổng hợp của {offices} đơn vị từ ngày {short_date(start)} "
            f"đến ngày {short_date(end)}</b>"
        )
        if compare:
            text += f" — so sánh {comparison_text(start, end).lower()}"
        now = self._now()
        return f"{text}. Tính lúc {now:%H:%M} ngày {now:%d/%m/%Y}."

    def current_figures(self) -> Mapping[str, Any] | None:
        """The figures on screen while they are still those of the chosen period."""
        figures = self.figures_view.figures()
        if figures is None or not self._fresh or self._key != self._key_now():
            return None
        return figures

    def _key_now(self) -> FiguresKey:
        start, end = self.period.period()
        return start, end, self.period.compare()

    def _on_period_changed(self) -> None:
        if self._key is not None and self._key != self._key_now():
            self.figures_view.mark_stale(STALE_PERIOD)
        if self.period.problem() is None:
            self._clear_message()

    def store_changed(self) -> None:
        """Files were received: the figures on screen, and the phases, may be out of date."""
        self.period.set_phases(offices_phases(self._store))
        if self._fresh:
            self._fresh = False
            self.figures_view.mark_stale(STALE_DATA)

    def set_blocked(self, blocked: bool) -> None:
        """While files are received into the store, its figures are not computed."""
        self._blocked = blocked
        self._enable_actions(not blocked and not self.computing)

    def _enable_actions(self, enabled: bool) -> None:
        self.preview_button.setEnabled(enabled)
        self.report_button.setEnabled(enabled)

    # --- the báo cáo ---------------------------------------------------------------------
    def period_name(self) -> str:
        """ "năm 2026" for a preset, else the dates: the report's title ends with it."""
        period = ReportPeriod(*self.period.period())
        kind = self.period.mode().preset
        return period_title(kind, period) if kind is not None else custom_title(period)

    def make_report(self) -> UpperReportDialog | None:
        """Open the report dialog on the figures on screen, computing them first if need be."""
        if self.computing:
            self._report_when_ready = True
            return None
        if self._blocked:
            self._refuse(BLOCKED_TEXT, ask=False)
            return None
        figures = self.current_figures()
        if figures is None:
            self._report_when_ready = self.show_figures()
            return None
        dialog = UpperReportDialog(
            figures, self.period_name(), today=self._today(), opener=self._opener, parent=self
        )
        self.report_dialog = dialog
        show_window_modal(dialog)
        return dialog

    # --- messages ------------------------------------------------------------------------
    def _refuse(self, text: str, *, ask: bool) -> None:
        self.last_message = text
        self.message_label.setText(text)
        self.message_label.show()
        self.status.emit(text.split("\n", maxsplit=1)[0])
        if ask:
            QMessageBox.warning(self, "Số liệu tổng hợp", text)

    def _clear_message(self) -> None:
        self.message_label.clear()
        self.message_label.hide()

    def _show_progress(self, shown: bool) -> None:
        self.progress_label.setVisible(shown)
        self.progress_bar.setVisible(shown)
        if not shown:
            self.progress_bar.setValue(0)
