"""The "Báo cáo đã lập" page: past reports, newest first, with what can be done with one.

A past report can be opened (when its files are still where they were written), its
narrative reused for a new report (template, period and text go back into the wizard),
or deleted from the list (its files on disk are left alone: they may have been sent).
"""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.reports.opener import Opener, open_path
from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE
from pcmt_desktop.gui.widgets.registry_table import bind_table_keys
from pcmt_desktop.reports.kept_reports import KeptReport, KeptReportMissingError
from pcmt_desktop.reports.report_service import ReportService
from pcmt_desktop.services.context import Actor

HEADERS = ("Ngày lập", "Mẫu báo cáo", "Kỳ báo cáo", "Tiêu đề", "Người lập")
TITLE_COLUMN = 3
ID_ROLE = Qt.ItemDataRole.UserRole


class KeptReportsView(QWidget):
    """``reuse_requested(id)`` asks the wizard to take a report's text; ``problem(text)``
    (also shown above the list) and ``status(text)`` are for the officer."""

    reuse_requested = Signal(int)
    problem = Signal(str)
    status = Signal(str)

    def __init__(
        self,
        service: ReportService,
        opener: Opener,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._actor = actor
        self._opener = opener
        self._reports: list[KeptReport] = []
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Báo cáo đã lập")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.open_docx_button = QPushButton("Mở tệp &Word", self)
        self.open_annex_button = QPushButton("Mở tệp &Excel", self)
        self.reuse_button = QPushButton("&Dùng lại lời văn", self)
        self.reuse_button.setToolTip(
            "Đưa mẫu, kỳ báo cáo và lời văn của báo cáo này vào phần lập báo cáo"
        )
        self.delete_button = QPushButton("Xó&a khỏi danh sách…", self)
        self.delete_button.setToolTip(
            "Xóa khỏi danh sách; các tệp Word, Excel đã lưu vẫn giữ nguyên"
        )
        withhold(actor, Permission.REPORTS, self.delete_button)
        self.empty_label = QLabel("Chưa lập báo cáo nào.", self)
        # What went wrong with the last action, shown by the list it concerns.
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        buttons = QHBoxLayout()
        for button in (
            self.open_docx_button,
            self.open_annex_button,
            self.reuse_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        self.open_docx_button.clicked.connect(self.open_docx)
        self.open_annex_button.clicked.connect(self.open_annex)
        self.reuse_button.clicked.connect(self.reuse_selected)
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_selected())
        self.table.itemSelectionChanged.connect(self._enable)
        # Titles wrap: rows take their height once the columns have their widths.
        header.sectionResized.connect(lambda *_sizes: self._fit_rows_later())
        self.table.doubleClicked.connect(lambda _index: self.open_docx())
        may_delete = actor.may(Permission.REPORTS)
        bind_table_keys(self.table, self.open_docx, self._delete_asked if may_delete else None)
        self.reload()

    # --- showing ---------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.selected_id()
        try:
            self._reports = self._service.kept.all()
            titles = {choice.name: choice.title for choice in self._service.choices()}
        except SQLAlchemyError as error:
            self._tell(f"Không đọc được danh sách báo cáo đã lập: {error}")
            return
        self.table.setRowCount(len(self._reports))
        for row, report in enumerate(self._reports):
            values = (
                f"{report.created_at:%d/%m/%Y %H:%M}",
                titles.get(report.template_name, report.template_name),
                report.period_text + ("\n(so sánh cùng kỳ)" if report.compare else ""),
                report.title,
                self._who(report.created_by),
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, report.id)
                item.setToolTip(f"{report.docx_path}\n{report.annex_path}".strip())
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.empty_label.setVisible(not self._reports)
        if chosen is not None:
            self.select(chosen)
        elif self._reports:
            self.table.selectRow(0)
        self._enable()

    def _fit_rows_later(self) -> None:
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit_rows_later()

    def _who(self, user_name: str) -> str:
        """The officer's name where known (the one logged in), else the account name."""
        actor = self._actor
        return actor.display_name if user_name == actor.user_name else user_name

    def _enable(self) -> None:
        self.message.hide()
        report = self.selected()
        for button in (self.open_docx_button, self.reuse_button, self.delete_button):
            button.setEnabled(report is not None)
        self.open_annex_button.setEnabled(report is not None and bool(report.annex_path))

    # --- selection -------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.selectedItems() else None
        value = None if item is None else item.data(ID_ROLE)
        return value if isinstance(value, int) else None

    def selected(self) -> KeptReport | None:
        chosen = self.selected_id()
        return next((report for report in self._reports if report.id == chosen), None)

    def select(self, report_id: int) -> bool:
        for row, report in enumerate(self._reports):
            if report.id == report_id:
                self.table.selectRow(row)
                return True
        return False

    def reports(self) -> list[KeptReport]:
        return list(self._reports)

    # --- actions ---------------------------------------------------------------------------
    def open_docx(self) -> None:
        report = self.selected()
        if report is not None:
            self._open(report.docx_path, "báo cáo")

    def open_annex(self) -> None:
        report = self.selected()
        if report is not None:
            self._open(report.annex_path, "phụ lục")

    def reuse_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.reuse_requested.emit(chosen)

    def delete_selected(self, *, ask: bool = True) -> bool:
        report = self.selected()
        if report is None:
            return False
        question = (
            f"Xóa báo cáo “{report.title}” ({report.period_text}) khỏi danh sách báo cáo "
            "đã lập?\n\nCác tệp Word, Excel đã lưu trên máy vẫn giữ nguyên. Lời văn và số liệu "
            "lưu kèm báo cáo này sẽ mất."
        )
        if ask and not confirm(self, "Xóa báo cáo đã lập", question):
            return False
        try:
            self._service.kept.delete(report.id)
        except (KeptReportMissingError, SQLAlchemyError) as error:
            if ask:
                show_refusal(self, "Không xóa được báo cáo", error)
            self.reload()
            return False
        self.status.emit(f"Đã xóa báo cáo “{report.title}” khỏi danh sách.")
        return True

    def _delete_asked(self) -> None:
        self.delete_selected()

    def _open(self, path: str, what: str) -> None:
        problem = open_path(self._opener, path, what)
        if problem is not None:
            self._tell(problem)

    def _tell(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.problem.emit(text)
