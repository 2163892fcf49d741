"""Tổng quan: what needs doing today, what the data lacks, and how things are moving.

The first tab of the window. Its figures are read in a worker thread (``load_overview``
reads the registries on its own connections), so the window is usable at once and the
page fills itself a moment later; after any change to the data it is read again, once the
tab is shown. Every item opens its record: the main window is asked to through the
signals, since the records live in the other tabs.
"""

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.accounts import APP_USER, ROLE
from pcmt_desktop.domain.report_text import long_date
from pcmt_desktop.gui.background import Outcome, start_task
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.charts.png import ChartSaveError, save_charts_png
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.overview.chart_grid import ChartGrid
from pcmt_desktop.gui.overview.quality_panel import QualityPanel
from pcmt_desktop.gui.overview.work_tree import WorkTree
from pcmt_desktop.overview.loader import Overview, load_overview
from pcmt_desktop.reports.chart_specs import charts_of
from pcmt_desktop.reports.kept_reports import REPORT
from pcmt_desktop.reports.office_templates import REPORT_TEMPLATE
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.registry import Services

# Writes that no figure of the overview is counted from.
UNCOUNTED_ENTITIES = frozenset({APP_USER, ROLE, REPORT, REPORT_TEMPLATE})
CHANGE_PAUSE_MS = 300

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def today_text(day: date) -> str:
    """ "Thứ Hai, ngày 23 tháng 11 năm 2026"."""
    return f"{WEEKDAYS[day.weekday()]}, {long_date(day)}"


class OverviewTab(QWidget):
    """Tổng quan; the main window's "Bản ghi" menu works on the selected item of the day."""

    status_message = Signal(str)
    work_item_opened = Signal(object)  # WorkItem: the main window opens its record
    more_requested = Signal(str)  # a kind of work: the main window shows its whole list
    check_opened = Signal(object)  # QualityCheck: the main window shows its persons
    loaded = Signal()  # the page shows fresh figures (tests wait for it)

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._loading = False
        self._stale = True
        self.overview: Overview | None = None
        self._change_pause = QTimer(self)
        self._change_pause.setSingleShot(True)
        self._change_pause.setInterval(CHANGE_PAUSE_MS)
        self._change_pause.timeout.connect(self.refresh)
        self._build()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.updated_label = QLabel(self)
        self.updated_label.setStyleSheet("color: palette(dark);")
        self.refresh_button = QPushButton("&Tải lại", self)
        self.refresh_button.setToolTip("Tính lại việc cần làm, chất lượng dữ liệu và biểu đồ")
        self.save_charts_button = QPushButton("&Lưu các biểu đồ ra ảnh PNG…", self)
        self.save_charts_button.setToolTip(
            "Lưu bốn biểu đồ thành tệp ảnh PNG vào một thư mục (để chèn vào văn bản khác)"
        )
        self.save_charts_button.setEnabled(False)
        self.work = WorkTree(self)
        self.work.setObjectName("today-work")
        self.quality = QualityPanel(self)
        self.charts = ChartGrid(self)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.updated_label)
        top.addStretch(1)
        top.addWidget(self.save_charts_button)
        top.addWidget(self.refresh_button)

        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(QLabel("<b>Việc cần làm hôm nay</b>", self))
        left_column.addWidget(self.work, 1)
        left_column.addWidget(self.quality)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.charts)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.save_charts_button.clicked.connect(self.save_charts_with_dialog)
        self.work.item_activated.connect(self.work_item_opened)
        self.work.more_requested.connect(self.more_requested)
        self.quality.check_chosen.connect(self.check_opened)
        refresh_key = QShortcut(QKeySequence("F5"), self)
        refresh_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh_key.activated.connect(self.refresh)
        self._show_heading("")

    def _show_heading(self, office_name: str) -> None:
        # The office's name comes with the figures (read in the worker): none on the GUI
        # thread while the window starts.
        day = today_text(self._services.context.today())
        self.heading.setText(f"{office_name} — {day}" if office_name else day)

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the overview again in a worker thread (a refresh asked twice runs once)."""
        self._stale = False
        if self._loading:
            self._stale = True  # read again once the running one is in
            return
        self._loading = True
        self.refresh_button.setEnabled(False)
        self.updated_label.setText("Đang tính…")
        context = self._services.context
        today = context.today()
        start_task(lambda _report: load_overview(context, today), owner=self, on_done=self._done)

    def _done(self, outcome: Outcome) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        if outcome.error is not None:
            self.updated_label.setText("Chưa tính được.")
            show_refusal(self, "Không tính được trang Tổng quan", outcome.error)
            return
        overview: Overview = outcome.value
        self.overview = overview
        self._show_heading(str(overview.figures.get("office", {}).get("name", "")))
        self.work.show_work(overview.work)
        self.quality.show_checks(overview.quality)
        self.charts.show_charts(charts_of(overview.figures))
        self.save_charts_button.setEnabled(bool(self.charts.charts))
        self.updated_label.setText(f"Cập nhật lúc {datetime.now():%H:%M}")
        self.loaded.emit()
        if self._stale and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        # Nearly every write may move a count here (accounts, roles and kept reports do
        # not); read again when shown, once for a burst of changes (merges one after
        # another, a dialog saving several records).
        if changes.entities <= UNCOUNTED_ENTITIES:
            return
        self._stale = True
        if self.isVisible():
            self._change_pause.start()

    # --- saving the pictures -------------------------------------------------------------
    def save_charts_with_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu các biểu đồ")
        if folder:
            self.save_charts(Path(folder))

    def save_charts(self, folder: Path) -> list[Path]:
        try:
            saved = save_charts_png(self.charts.charts, folder)
        except ChartSaveError as error:
            show_refusal(self, "Không lưu được biểu đồ", error)
            return []
        self.status_message.emit(f"Đã lưu {len(saved)} biểu đồ vào thư mục {folder}.")
        return saved

    # --- the "Bản ghi" menu --------------------------------------------------------------
    def add_record(self) -> None:
        self.status_message.emit("Hãy mở tab của danh sách cần nhập (Ctrl+2 … Ctrl+9).")

    def open_selected(self) -> None:
        item = self.work.current_work_item()
        if item is not None:
            self.work_item_opened.emit(item)

    def delete_selected(self, *, ask: bool = True) -> None:
        """Nothing to delete on the overview."""

    def focus_search(self) -> None:
        self.work.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_record(self, record_id: int) -> bool:
        return False
