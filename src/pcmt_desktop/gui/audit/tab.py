"""Nhật ký: who did what, to which record, when; checked for tampering; exported.

Only for a role that may read the audit (the main window adds the tab then). The rows
matching the filters are shown newest first, at most ``SHOWN_ROWS`` of them (the count
says how many match; the export writes them all); the chosen row's values before and
after are said in the officer's words below the table. "Kiểm tra toàn vẹn" walks the
hash chain and says whether rows were edited or deleted outside the program.
"""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission, PermissionDeniedError
from pcmt_desktop.domain.number_text import format_count
from pcmt_desktop.gui.audit.entities import record_text
from pcmt_desktop.gui.audit.filters import NO_NAME, AuditFilters
from pcmt_desktop.gui.audit.workbook import write_audit_workbook
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.audit_text import AuditFormatter
from pcmt_desktop.gui.widgets.record_audit_view import ServiceNames
from pcmt_desktop.gui.widgets.registry_table import make_read_only_rows
from pcmt_desktop.services import audit
from pcmt_desktop.services.audit_chain import ChainReport, verify_chain
from pcmt_desktop.services.audit_query import (
    AuditRow,
    count_entries,
    entities,
    find_entries,
    iter_entries,
    user_names,
)
from pcmt_desktop.services.registry import Services

SHOWN_ROWS = 1000
HEADERS = ("Số", "Thời điểm", "Người thực hiện", "Thao tác", "Bản ghi", "Nội dung")
SUMMARY_COLUMN = len(HEADERS) - 1
MAX_COLUMN_WIDTH = 240
GOOD_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #b00020; font-weight: bold;"
SHOWN_PROBLEMS = 12
LOAD_REFUSAL = "Không đọc được nhật ký"


def chain_text(report: ChainReport) -> str:
    """The check's verdict as the officer reads it."""
    if report.ok:
        return (
            f"Nhật ký toàn vẹn: đã kiểm tra {format_count(report.checked)} dòng, không có dòng "
            "nào bị sửa hay bị xóa ngoài chương trình."
        )
    lines = [
        f"Nhật ký đã bị can thiệp ngoài chương trình ({format_count(len(report.problems))} "
        f"vấn đề, đã kiểm tra {format_count(report.checked)} dòng):"
    ]
    lines += [f"• {problem}" for problem in report.problems[:SHOWN_PROBLEMS]]
    hidden = len(report.problems) - SHOWN_PROBLEMS
    if hidden > 0:
        lines.append(f"… và {format_count(hidden)} vấn đề khác.")
    return "\n".join(lines)


class AuditTab(QWidget):
    """The "Nhật ký" tab over the services' audit trail."""

    status_message = Signal(str)

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.rows: list[AuditRow] = []
        self.total = 0
        # The head line of the details names the action: summaries often start with it too.
        self.formatter = AuditFormatter(action_in_headline=False)
        self.filters = AuditFilters(services.context.today(), self)
        self.verify_button = QPushButton("&Kiểm tra toàn vẹn", self)
        self.verify_button.setToolTip(
            "Kiểm tra chuỗi mã băm của nhật ký: phát hiện dòng bị sửa hay bị xóa ngoài chương trình"
        )
        self.export_button = QPushButton("&Xuất Excel…", self)
        self.export_button.setToolTip("Ghi các dòng đang lọc (tất cả, không chỉ dòng hiện ra)")
        self.refresh_button = QPushButton("Cậ&p nhật", self)
        self.refresh_button.setToolTip("Đọc lại nhật ký (có thêm thao tác mới)")
        self.count_label = QLabel(self)
        self.chain_label = QLabel(self)
        self.chain_label.setWordWrap(True)
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chain_label.hide()
        self.table = self._make_table()
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Chọn một dòng để xem chi tiết: giá trị trước → sau")
        withhold(services.context.actor, Permission.EXPORT, self.export_button)
        self._lay_out()
        self.filters.changed.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.verify_button.clicked.connect(lambda _checked=False: self.verify())
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        self.refresh_button.clicked.connect(lambda _checked=False: self.reload(choices=True))
        # The trail grows with every write; it is read again when looked at, not on each.
        self._stale = True
        signals.changed.connect(self._mark_stale)

    # --- building ------------------------------------------------------------------------
    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(HEADERS), self)
        table.setHorizontalHeaderLabels(list(HEADERS))
        make_read_only_rows(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        return table

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        for button in (self.verify_button, self.export_button, self.refresh_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(actions)
        layout.addWidget(self.chain_label)
        layout.addWidget(splitter, 1)

    # --- reading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.reload(choices=True)

    def _mark_stale(self, _changes: object) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self, *, choices: bool = False) -> None:
        """Query again with the filters shown; ``choices`` re-reads users and record kinds."""
        context = self._services.context
        try:
            if choices:
                self.filters.set_choices(user_names(context), entities(context))
            query = self.filters.query()
            self.rows = find_entries(context, query, SHOWN_ROWS)
            self.total = (
                len(self.rows) if len(self.rows) < SHOWN_ROWS else count_entries(context, query)
            )
        except (SQLAlchemyError, PermissionDeniedError) as error:
            show_refusal(self, LOAD_REFUSAL, error)
            return
        self._stale = False
        self.formatter.names = ServiceNames(self._services)
        self._fill()

    def _fill(self) -> None:
        self.table.clearSelection()
        self.table.setRowCount(len(self.rows))
        for line, row in enumerate(self.rows):
            record = row.record
            cells = (
                str(row.id),
                record.at.strftime("%d/%m/%Y %H:%M:%S"),
                record.user_name or NO_NAME,
                record.action_label,
                record_text(record.entity, record.entity_id),
                record.summary,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(line, column, item)
        self.table.resizeColumnsToContents()
        for column in range(SUMMARY_COLUMN):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_WIDTH))
        self.count_label.setText(self._count_text())
        if self.rows:
            self.table.selectRow(0)
        self._show_details()

    def _count_text(self) -> str:
        if not self.total:
            return "Không có dòng nhật ký nào khớp điều kiện lọc."
        if len(self.rows) < self.total:
            return (
                f"Hiện {format_count(len(self.rows))} dòng mới nhất trong "
                f"{format_count(self.total)} dòng khớp điều kiện lọc"
            )
        return f"{format_count(self.total)} dòng, mới nhất ở trên"

    def selected_row(self) -> AuditRow | None:
        lines = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.rows[lines.pop()] if len(lines) == 1 else None

    def _show_details(self) -> None:
        row = self.selected_row()
        if row is None:
            self.details.clear()
            return
        record = row.record
        head = (
            f"Dòng số {row.id} — {record.at:%d/%m/%Y %H:%M:%S} — "
            f"{record.user_name or NO_NAME} — {record.action_label} — "
            f"{record_text(record.entity, record.entity_id)}"
        )
        self.details.setPlainText(f"{head}\n{self.formatter.details(record)}")

    # --- the chain -----------------------------------------------------------------------
    def verify(self) -> ChainReport | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = verify_chain(self._services.context)
        except (SQLAlchemyError, PermissionDeniedError) as error:
            show_refusal(self, "Không kiểm tra được nhật ký", error)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.chain_label.setText(chain_text(report))
        self.chain_label.setStyleSheet(GOOD_STYLE if report.ok else BROKEN_STYLE)
        self.chain_label.show()
        self.status_message.emit(
            "Nhật ký toàn vẹn." if report.ok else "Nhật ký đã bị can thiệp ngoài chương trình."
        )
        return report

    # --- the export ----------------------------------------------------------------------
    def export(self, path: Path | None = None) -> int | None:
        """Write every filtered row to an .xlsx (asked for unless ``path``); rows written."""
        context = self._services.context
        if path is None:
            suggested = Path.home() / f"nhat-ky-{context.today():%Y-%m-%d}.xlsx"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Xuất nhật ký ra Excel", str(suggested), "Tệp Excel (*.xlsx)"
            )
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != ".xlsx":
                path = path.with_name(path.name + ".xlsx")
        description = self.filters.description()
        heading = f"Nhật ký thao tác — {description} — xuất ngày {context.now():%d/%m/%Y %H:%M}"
        formatter = AuditFormatter(ServiceNames(self._services), action_in_headline=False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            context.require(Permission.EXPORT)
            rows = iter_entries(context, self.filters.query())
            count = write_audit_workbook(rows, formatter, path, heading=heading)
            audit.record_event(
                context,
                audit.Action.EXPORT,
                f"Xuất nhật ký thao tác ra tệp {path.name} ({format_count(count)} dòng; "
                f"{description})",
                details={"file": str(path), "rows": count, "filters": description},
            )
        except (OSError, SQLAlchemyError, PermissionDeniedError) as error:
            show_refusal(self, "Không xuất được nhật ký", error)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.status_message.emit(f"Đã xuất {format_count(count)} dòng nhật ký ra {path}.")
        return count
