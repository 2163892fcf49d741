"""Tệp → Nhập dữ liệu từ Excel…: read, preview, then import all or nothing.

The work is ``interchange.importer``: ``plan_import`` reads and checks every row without
writing; this dialog shows what would be added, what is already there and every problem
(sheet, row, column, what is wrong), which the officer can sort and save as .xlsx. The
"Nhập" button is offered only for a workbook without problems.

An import is undone only by restoring a backup: before it writes into a database that
holds an office, ``before_import`` takes the automatic "truoc-nhap" backup, and an
import whose backup cannot be made is refused (as ``pcmt import`` does).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.autobackup import AutoBackupError
from pcmt_desktop.interchange.importer import (
    ImportPlan,
    ImportProblem,
    ImportSummary,
    apply_import,
    plan_import,
)
from pcmt_desktop.services.registry import Services

TITLE = "Nhập dữ liệu từ Excel"
FILE_FILTER = "Tệp Excel (*.xlsx)"
PROBLEM_HEADERS = ("Sheet", "Dòng", "Cột", "Lỗi")
PROGRESS_STEPS = 1000


def save_problems(problems: list[ImportProblem], path: Path) -> None:
    """The problem list as a workbook the officer can sort, filter and send on."""
    from openpyxl import Workbook  # imported when needed: it slows the program's start

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Loi"
    sheet.append(list(PROBLEM_HEADERS))
    for problem in problems:
        sheet.append([problem.sheet, problem.row, problem.column, problem.message])
    for column, width in zip("ABCD", (16, 8, 22, 90), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    workbook.save(path)


class _Progress:
    """Feeds a long read or write to a progress dialog on the GUI thread."""

    def __init__(self, parent: QWidget, label: str) -> None:
        self.dialog = QProgressDialog(label, "", 0, PROGRESS_STEPS, parent)
        self.dialog.setWindowTitle(TITLE)
        self.dialog.setCancelButton(None)  # all or nothing: there is no half to stop at
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)

    def __call__(self, done: int, total: int) -> None:
        self.dialog.setValue(done * PROGRESS_STEPS // max(total, 1))
        QApplication.processEvents()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()


class ImportDialog(QDialog):
    """Shows the plan of one workbook; imports it when it has no problem.

    ``before_import(dialog)`` takes the backup before anything is written; it raises
    AutoBackupError to refuse the import.
    """

    def __init__(
        self,
        services: Services,
        path: Path,
        parent: QWidget | None = None,
        *,
        before_import: Callable[[QWidget], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._before_import = before_import
        self.path = path
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self.setWindowTitle(f"{TITLE} — {path.name}")
        self.resize(900, 620)

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.counts = QTableWidget(0, 3, self)
        self.counts.setHorizontalHeaderLabels(["Sheet", "Sẽ thêm", "Đã có (bỏ qua)"])
        self.notices = QLabel(self)
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet("color: #555;")
        self.problems = QTableWidget(0, len(PROBLEM_HEADERS), self)
        self.problems.setHorizontalHeaderLabels(list(PROBLEM_HEADERS))
        self.problems.setSortingEnabled(True)
        for table in (self.counts, self.problems):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.horizontalHeader().setStretchLastSection(True)
        self.counts.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.counts.horizontalHeader().setStretchLastSection(False)
        self.save_problems_button = QPushButton("Lưu danh sách lỗi ra Excel…", self)
        self.save_problems_button.clicked.connect(self._save_problems)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "Nhập dữ liệu", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        problem_row = QHBoxLayout()
        problem_row.addWidget(QLabel("Lỗi cần sửa trong tệp (bấm tiêu đề cột để sắp xếp):"))
        problem_row.addStretch(1)
        problem_row.addWidget(self.save_problems_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.counts, 2)
        layout.addWidget(self.notices)
        layout.addLayout(problem_row)
        layout.addWidget(self.problems, 3)
        layout.addWidget(self.buttons)

    # --- reading -------------------------------------------------------------------------
    def read(self) -> ImportPlan:
        """Read and check the whole workbook (nothing is written)."""
        progress = _Progress(self, "Đang đọc và kiểm tra tệp…")
        try:
            plan = plan_import(self._services, self.path, progress=progress)
        finally:
            progress.close()
        self.show_plan(plan)
        return plan

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        # In the workbook's own order (the plan keeps it), not alphabetical.
        sheets = list(plan.added) + [name for name in plan.already_there if name not in plan.added]
        self.counts.setRowCount(len(sheets))
        for row, sheet in enumerate(sheets):
            values = (sheet, str(plan.added.get(sheet, 0)), str(plan.already_there.get(sheet, 0)))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.counts.setItem(row, column, item)
        self.notices.setText("\n".join(plan.notices))
        self.notices.setVisible(bool(plan.notices))
        self.problems.setSortingEnabled(False)
        self.problems.setRowCount(len(plan.problems))
        for row, problem in enumerate(plan.problems):
            line = QTableWidgetItem()
            if problem.row is not None:
                line.setData(Qt.ItemDataRole.DisplayRole, problem.row)  # sorts as a number
            cells = [QTableWidgetItem(problem.sheet), line, QTableWidgetItem(problem.column or "")]
            cells.append(QTableWidgetItem(problem.message))
            for column, cell in enumerate(cells):
                cell.setToolTip(problem.message)
                self.problems.setItem(row, column, cell)
        self.problems.setSortingEnabled(True)
        self.problems.resizeColumnsToContents()
        total = sum(plan.added.values())
        if plan.problems:
            self.heading.setText(
                f"<b>Tệp có {len(plan.problems)} lỗi.</b> Chưa nhập gì: hãy sửa các lỗi dưới "
                "đây trong tệp Excel rồi mở lại. Chương trình chỉ nhập khi cả tệp không còn lỗi."
            )
        elif total == 0:
            self.heading.setText(
                "<b>Không có gì mới để nhập:</b> mọi dòng trong tệp đã có trong cơ sở dữ liệu."
            )
        else:
            self.heading.setText(
                f"<b>Tệp hợp lệ.</b> Sẽ thêm {total} bản ghi; các dòng đã có được bỏ qua. "
                "Bấm “Nhập dữ liệu” để ghi tất cả trong một lần."
            )
        self.import_button.setEnabled(not plan.problems and total > 0)
        self.save_problems_button.setEnabled(bool(plan.problems))
        self.problems.setVisible(bool(plan.problems))

    # --- writing -------------------------------------------------------------------------
    def run_import(self, *, ask: bool = True) -> ImportSummary | None:
        if self.plan is None or self.plan.problems:
            return None
        if not self._back_up_first(ask=ask):
            return None
        progress = _Progress(self, "Đang nhập dữ liệu…")
        try:
            summary = apply_import(self._services, self.plan, progress=progress)
        except Exception as error:  # the officer must see it; the import wrote nothing
            progress.close()
            if ask:
                QMessageBox.warning(
                    self, TITLE, f"Không nhập được; cơ sở dữ liệu không thay đổi.\n\n{error}"
                )
            return None
        progress.close()
        self.summary = summary
        if ask:
            QMessageBox.information(self, TITLE, "\n".join(summary.describe()))
        self.accept()
        return summary

    def _back_up_first(self, *, ask: bool) -> bool:
        """The backup an import needs; False (import refused, said why) if not made."""
        # A database without an office has nothing to lose, a plan adding nothing writes
        # nothing: neither is backed up (as the command line decides).
        adding = sum(self.plan.added.values()) if self.plan is not None else 0
        if self._before_import is None or adding == 0 or not self._services.office.is_configured():
            return True
        try:
            self._before_import(self)
        except AutoBackupError as error:
            message = f"{error} Chưa nhập gì vào cơ sở dữ liệu."
            self.heading.setText(f"<b>Chưa nhập được.</b> {message}")
            if ask:
                QMessageBox.warning(self, TITLE, message)
            return False
        return True

    def _save_problems(self) -> None:
        if self.plan is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Lưu danh sách lỗi", f"{self.path.stem}-loi.xlsx", FILE_FILTER
        )
        if chosen:
            save_problems(self.plan.problems, Path(chosen))


def import_with_dialog(
    services: Services,
    parent: QWidget | None,
    *,
    before_import: Callable[[QWidget], object] | None = None,
) -> None:
    """Ask for the file, read it with progress, show the plan, import on request."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, TITLE, "", FILE_FILTER)
    if not chosen:
        return
    dialog = ImportDialog(services, Path(chosen), parent, before_import=before_import)
    try:
        dialog.read()
    except Exception as error:  # a file the reader refuses: say why, change nothing
        QMessageBox.warning(parent, TITLE, f"Không đọc được tệp {chosen}.\n\n{error}")
        dialog.deleteLater()
        return
    dialog.exec()
    dialog.deleteLater()
