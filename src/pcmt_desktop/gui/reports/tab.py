"""The "Báo cáo" tab: template → period → figures → narrative → Word báo cáo and Excel annex.

The left column holds the choices and the two actions ("Xem số liệu", F5; "Lập báo cáo",
Ctrl+Enter), the right one the three things looked at: the figures, the narrative the
officer writes, and the reports already made. ``ask`` (keyword-only) lets tests drive the
actions without a modal box; what would have been said is kept in ``last_message``.
"""

import contextlib
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.report_periods import ReportPeriod, period_title
from pcmt_desktop.domain.report_text import short_date
from pcmt_desktop.gui.auth.permits import refusal_text, withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import confirm
from pcmt_desktop.gui.reports.figures_view import FiguresView
from pcmt_desktop.gui.reports.job_progress import JobProgress
from pcmt_desktop.gui.reports.kept_reports_view import KeptReportsView
from pcmt_desktop.gui.reports.narrative_form import NarrativeForm
from pcmt_desktop.gui.reports.opener import Opener, system_opener
from pcmt_desktop.gui.reports.period_choices import comparison_text, period_problem
from pcmt_desktop.gui.reports.period_chooser import PeriodChooser
from pcmt_desktop.gui.reports.period_names import PeriodNames
from pcmt_desktop.gui.reports.report_files import (
    annex_beside,
    as_docx,
    base_name,
    default_folder,
    free_docx,
)
from pcmt_desktop.gui.reports.report_job import EXPLAINED_ERRORS, JobResult, run_job
from pcmt_desktop.gui.reports.result_panel import ResultPanel
from pcmt_desktop.gui.reports.side_column import lay_out_beside
from pcmt_desktop.gui.reports.templates_dialog import OfficeTemplatesDialog
from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE
from pcmt_desktop.gui.widgets.registry_tab_base import run_modal
from pcmt_desktop.reports.kept_reports import REPORT, KeptReportMissingError
from pcmt_desktop.reports.office_templates import REPORT_TEMPLATE
from pcmt_desktop.reports.report_service import ReportRequest, ReportService
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.targets import PHASE

FIGURES_PAGE, NARRATIVE_PAGE, KEPT_PAGE = range(3)
FiguresKey = tuple[date, date, bool]
FIGURE_ERRORS: tuple[type[Exception], ...] = (*EXPLAINED_ERRORS, SQLAlchemyError)


class ReportsTab(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        services: Services,
        signals: ChangeSignals,
        parent: QWidget | None = None,
        *,
        opener: Opener = system_opener,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.service = ReportService(services.context)
        self.last_message = ""
        self._template = ""
        self._figures_key: FiguresKey | None = None
        self._figures_fresh = False
        self._build(services, opener)
        self._connect()
        self.reload_templates()
        self.choose_template(str(self.template_combo.itemData(0)), ask=False)
        signals.changed.connect(self._on_changed)

    # --- building ----------------------------------------------------------------------
    def _build(self, services: Services, opener: Opener) -> None:
        today = services.context.today()
        self.template_combo = QComboBox(self)
        self.template_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.template_combo.setMinimumContentsLength(24)
        self.period = PeriodChooser(today, services.targets.phases(), self)
        self.title_edit = QLineEdit(self)
        self.preview_button = QPushButton("&Xem số liệu (F5)", self)
        self.render_button = QPushButton("&Lập báo cáo (Ctrl+Enter)", self)
        self.render_button.setDefault(False)
        self.templates_button = QPushButton("Mẫu riêng của đơn &vị…", self)
        # The figures are for everyone; making, keeping and templating the báo cáo is not.
        withhold(
            services.context.actor,
            Permission.REPORTS,
            self.render_button,
            self.templates_button,
        )
        self.message_label = QLabel(self)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.result_panel = ResultPanel(opener, self)

        self.figures_view = FiguresView(self)
        self.narrative = NarrativeForm(self)
        self.period_names = PeriodNames(self.narrative)
        self.kept_view = KeptReportsView(self.service, opener, services.context.actor, self)
        self.views = QTabWidget(self)
        self.views.addTab(self.figures_view, "&1. Số liệu")
        self.views.addTab(self.narrative, "&2. Lời văn")
        self.views.addTab(self.kept_view, "&3. Báo cáo đã lập")
        self._lay_out()

    def _lay_out(self) -> None:
        """The choices and actions in a column on the left, what is looked at on the right."""
        template_label = QLabel("Mẫ&u báo cáo:", self)
        template_label.setBuddy(self.template_combo)
        title_label = QLabel("T&iêu đề báo cáo (để trống: chương trình đặt):", self)
        title_label.setWordWrap(True)
        title_label.setBuddy(self.title_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.render_button)
        column = (
            template_label,
            self.template_combo,
            self.period,
            title_label,
            self.title_edit,
            buttons,
            self.templates_button,
            self.message_label,
            self.result_panel,
        )
        self.splitter = lay_out_beside(self, column, self.views)

    def _connect(self) -> None:
        self.template_combo.activated.connect(lambda _index: self._on_template_chosen())
        self.period.changed.connect(self._on_period_changed)
        self.preview_button.clicked.connect(lambda _checked=False: self.show_figures())
        self.render_button.clicked.connect(lambda _checked=False: self.make_report())
        self.templates_button.clicked.connect(self.edit_templates)
        self.figures_view.key_route_changed.connect(self.set_key_route)
        self.kept_view.reuse_requested.connect(self._reuse_asked)
        self.kept_view.status.connect(self.status_message)
        self.kept_view.problem.connect(self._note_problem)
        self.result_panel.problem.connect(self._show_problem)
        for keys, slot in (
            ("F5", self.show_figures),
            ("Ctrl+Return", self.make_report),
            ("Ctrl+Enter", self.make_report),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda slot=slot: slot())

    # --- templates -----------------------------------------------------------------------
    def reload_templates(self) -> None:
        """Built-in templates first, then the office's own; the chosen one stays chosen."""
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for choice in self.service.choices():
            self.template_combo.addItem(choice.label, choice.name)
        index = self.template_combo.findData(self._template)
        self.template_combo.setCurrentIndex(max(index, 0))
        self.template_combo.blockSignals(False)
        if self._template and index < 0:
            # The office's template was removed: fall back to the first one.
            self.choose_template(str(self.template_combo.itemData(0)), ask=False)

    def template_name(self) -> str:
        return self._template

    def choose_template(self, name: str, *, ask: bool = True) -> bool:
        """Show ``name``'s narrative fields, filled with its last report's text.

        Asks first (unless ``ask`` is False) when the officer has typed something that
        would be replaced. Returns False when the officer keeps the text.
        """
        if name == self._template:
            return True
        if (
            ask
            and self.narrative.is_modified()
            and not confirm(
                self,
                "Đổi mẫu báo cáo",
                "Đổi mẫu sẽ thay lời văn đang soạn bằng lời văn của báo cáo gần nhất cùng mẫu "
                "(hoặc thông tin của đơn vị).\n\nBỏ phần lời văn đang soạn?",
            )
        ):
            self._show_template_in_combo(self._template)
            return False
        try:
            spec = self.service.spec(name)
            start = self.service.starting_narrative(name)
        except (ValidationError, SQLAlchemyError) as error:
            self._refuse(str(error), ask=ask)
            self._show_template_in_combo(self._template)
            return False
        self._template = name
        self._show_template_in_combo(name)
        self.narrative.show_template(spec, start)
        self.period_names.template_shown()
        self._update_title_hint()
        self._suggest_period_name()
        return True

    def _show_template_in_combo(self, name: str) -> None:
        self.template_combo.blockSignals(True)
        self.template_combo.setCurrentIndex(max(self.template_combo.findData(name), 0))
        self.template_combo.blockSignals(False)

    def _on_template_chosen(self) -> None:
        self.choose_template(str(self.template_combo.currentData()))

    def edit_templates(self) -> None:
        run_modal(OfficeTemplatesDialog(self.service, self))
        self.reload_templates()

    # --- the period ----------------------------------------------------------------------
    def request(self) -> ReportRequest:
        """What the wizard holds; the title is the typed one, else the default title."""
        start, end = self.period.period()
        return ReportRequest(
            template_name=self._template,
            date_from=start,
            date_to=end,
            compare=self.period.compare(),
            narrative=self.narrative.values(),
            title=self.title_edit.text().strip() or self.default_title(),
        )

    def default_title(self) -> str:
        """ "Báo cáo sơ kết, tổng kết định kỳ năm 2026" for a preset, else named by dates."""
        start, end = self.period.period()
        if not self._template or period_problem(start, end) is not None:
            return ""
        kind = self.period.mode().preset
        try:
            if kind is not None:
                title = self.service.templates.choice(self._template).title
                return f"{title} {period_title(kind, ReportPeriod(start, end))}"
            request = ReportRequest(self._template, start, end, self.period.compare(), {})
            return self.service.default_title(request)
        except ValidationError:
            return ""

    def _figures_key_now(self) -> FiguresKey:
        start, end = self.period.period()
        return start, end, self.period.compare()

    def _on_period_changed(self) -> None:
        self._update_title_hint()
        self._suggest_period_name()
        if self._figures_key is not None and self._figures_key != self._figures_key_now():
            self.figures_view.mark_stale(
                "Kỳ báo cáo đã đổi: số liệu dưới đây là của kỳ trước đó. "
                "Bấm “Xem số liệu” (F5) để tính lại."
            )
        if self.period.problem() is None:
            self._clear_message()

    def _suggest_period_name(self) -> None:
        kind = self.period.mode().preset
        if kind is not None and self.period.problem() is None:
            self.period_names.preset_chosen(kind, ReportPeriod(*self.period.period()))

    def _update_title_hint(self) -> None:
        title = self.default_title()
        self.title_edit.setPlaceholderText(title)
        self.title_edit.setToolTip(
            "Để trống để dùng tên do chương trình đặt" + (f": {title}" if title else "")
        )

    # --- figures -------------------------------------------------------------------------
    def show_figures(self, *, ask: bool = True) -> bool:
        """Compute the chosen period's figures and show them; False (and why) if refused."""
        problem = self.period.problem()
        if problem is not None:
            self._refuse_period(problem, ask=ask)
            return False
        start, end, compare = self._figures_key_now()
        try:
            figures = self.service.figures(start, end, compare=compare)
        except FIGURE_ERRORS as error:
            self._refuse(f"Không tính được số liệu.\n\n{error}", ask=ask)
            return False
        self._figures_key = (start, end, compare)
        self._figures_fresh = True
        self.figures_view.show_figures(figures, self._describe(start, end, compare))
        self.views.setCurrentIndex(FIGURES_PAGE)
        self._clear_message()
        self.status_message.emit("Đã tính số liệu của kỳ báo cáo.")
        return True

    def _describe(self, start: date, end: date, compare: bool) -> str:
        text = f"<b>Số liệu từ ngày {short_date(start)} đến ngày {short_date(end)}</b>"
        if compare:
            text += f" — so sánh {comparison_text(start, end).lower()}"
        now = self._services.context.now()
        return f"{text}. Tính lúc {now:%H:%M} ngày {now:%d/%m/%Y}."

    def _current_figures(self) -> dict[str, Any] | None:
        """The figures on screen when they are still those of the chosen period."""
        figures = self.figures_view.figures()
        if figures is None or not self._figures_fresh:
            return None
        if self._figures_key != self._figures_key_now():
            return None
        return dict(figures)

    def set_key_route(self, sub_area_name: str, ticked: bool) -> None:
        """The officer's key-route tick: save it, then recompute the classification."""
        area = next((a for a in self._services.office.sub_areas() if a.name == sub_area_name), None)
        if area is None:
            self._refuse(f"Không tìm thấy địa bàn “{sub_area_name}”.", ask=False)
            return
        try:
            self._services.office.set_key_route(area.id, ticked)
        except (ValidationError, NotFoundError, SQLAlchemyError) as error:
            self._refuse(str(error), ask=False)
            return
        state = "nằm trên" if ticked else "không nằm trên"
        self.status_message.emit(f"Đã ghi nhận {sub_area_name} {state} tuyến trọng điểm.")
        if self._figures_key is not None:
            self.show_figures(ask=False)

    # --- making the report ---------------------------------------------------------------
    def make_report(self, *, folder: Path | None = None, ask: bool = True) -> JobResult | None:
        """Ask where to save, then make the .docx and the annex; None when nothing was done.

        ``folder`` (tests, or a known place) saves there without asking, under a free name.
        """
        actor = self._services.context.actor
        if not actor.may(Permission.REPORTS):  # Ctrl+Enter still reaches here
            self._refuse(refusal_text(actor, Permission.REPORTS), ask=ask)
            return None
        problem = self.period.problem()
        if problem is not None:
            self._refuse_period(problem, ask=ask)
            return None
        request = self.request()
        base = base_name(request.template_name, request.date_from, request.date_to)
        if folder is not None:
            docx = free_docx(folder, base)
        else:
            folder = default_folder()
            # Documents/PCMT is where reports go by default: make it so the dialog opens there.
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
            suggested = free_docx(folder, base)
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Lưu báo cáo", str(suggested), "Tệp Word (*.docx)"
            )
            if not chosen:
                return None
            docx = as_docx(chosen)
        progress = JobProgress(self)
        try:
            result = run_job(
                self.service,
                request,
                docx,
                annex_beside(docx),
                figures=self._current_figures(),
                on_step=progress,
            )
        finally:
            progress.finish()
        if result.kept is None:
            self._refuse(result.message, ask=ask)
            return result
        self.narrative.mark_saved()
        self._clear_message()
        self.result_panel.show_report(result.kept)
        self.kept_view.reload()
        self.kept_view.select(result.kept.id)
        self.status_message.emit(result.message)
        self.last_message = result.message
        return result

    # --- past reports --------------------------------------------------------------------
    def reuse_report(self, report_id: int, *, ask: bool = True) -> bool:
        """Put a past report's template, period and narrative back into the wizard."""
        try:
            content = self.service.kept.content(report_id)
        except (KeptReportMissingError, SQLAlchemyError) as error:
            self._refuse(str(error), ask=ask)
            return False
        report = content.report
        if (
            ask
            and self.narrative.is_modified()
            and not confirm(
                self,
                "Dùng lại lời văn",
                f"Thay lời văn đang soạn bằng lời văn của báo cáo “{report.title}”?",
            )
        ):
            return False
        names = [str(self.template_combo.itemData(i)) for i in range(self.template_combo.count())]
        if report.template_name not in names:
            self._refuse(
                f"Mẫu báo cáo “{report.template_name}” của báo cáo này không còn; "
                "hãy đăng ký lại mẫu hoặc chọn mẫu khác.",
                ask=ask,
            )
            return False
        spec = self.service.spec(report.template_name)
        self._template = report.template_name
        self._show_template_in_combo(report.template_name)
        self.narrative.show_template(spec, content.narrative)
        self.period_names.template_shown()
        self.period.set_dates(report.date_from, report.date_to, compare=report.compare)
        self.title_edit.clear()
        self.views.setCurrentIndex(NARRATIVE_PAGE)
        self.status_message.emit(f"Đã đưa lời văn của báo cáo “{report.title}” vào phần soạn.")
        return True

    def _reuse_asked(self, report_id: int) -> None:
        self.reuse_report(report_id)

    # --- what the main window asks of a tab ----------------------------------------------
    def add_record(self) -> None:
        """Ctrl+N: start on a new report (the choices at the top)."""
        self.template_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_selected(self) -> None:
        self.views.setCurrentIndex(KEPT_PAGE)
        self.kept_view.open_docx()

    def delete_selected(self, *, ask: bool = True) -> None:
        self.views.setCurrentIndex(KEPT_PAGE)
        self.kept_view.delete_selected(ask=ask)

    def focus_search(self) -> None:
        self.template_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_record(self, record_id: int) -> bool:
        self.views.setCurrentIndex(KEPT_PAGE)
        return self.kept_view.select(record_id)

    # --- messages ------------------------------------------------------------------------
    def _refuse(self, text: str, *, ask: bool) -> None:
        self.last_message = text
        self.message_label.setText(text)
        self.message_label.show()
        if ask:
            QMessageBox.warning(self, "Báo cáo", text)

    def _refuse_period(self, problem: str, *, ask: bool) -> None:
        """The chooser already shows why under the dates: point there, say it once more."""
        self.last_message = problem
        self.period.from_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(problem)
        if ask:
            QMessageBox.warning(self, "Kỳ báo cáo chưa đúng", problem)

    def _note_problem(self, text: str) -> None:
        """A problem the page it concerns already shows: remember it, say it in the status bar."""
        self.last_message = text
        self.status_message.emit(text)

    def _show_problem(self, text: str) -> None:
        self.last_message = text
        self.message_label.setText(text)
        self.message_label.show()
        self.status_message.emit(text)

    def _clear_message(self) -> None:
        self.message_label.clear()
        self.message_label.hide()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(REPORT):
            self.kept_view.reload()
        if changes.touches(REPORT_TEMPLATE):
            self.reload_templates()
            self.kept_view.reload()
        if changes.touches(PHASE):
            self.period.set_phases(self._services.targets.phases())
        if changes.touches(Entity.OFFICE):
            self._update_title_hint()
        if changes.entities - {REPORT, REPORT_TEMPLATE} and self._figures_fresh:
            self._figures_fresh = False
            self.figures_view.mark_stale(
                "Dữ liệu đã thay đổi sau khi tính số liệu. Bấm “Xem số liệu” (F5) để tính lại."
            )
