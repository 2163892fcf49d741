"""Tệp → Xuất dữ liệu ra Excel… and Tệp → Lưu tệp mẫu nhập liệu…: dialogs around the services.

The work itself is ``interchange.export`` / ``interchange.template``; here are only the
file dialog, the progress dialog (with a cancel that leaves no file) and the messages.
``path`` and ``ask`` let tests drive the actions without a modal box.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from pcmt_desktop.interchange.export import (
    ExportCancelled,
    ExportError,
    ExportSummary,
    export_workbook,
)
from pcmt_desktop.interchange.template import write_template
from pcmt_desktop.services.registry import Services

EXPORT_TITLE = "Xuất dữ liệu ra Excel"
TEMPLATE_TITLE = "Lưu tệp mẫu nhập liệu"
FILE_FILTER = "Tệp Excel (*.xlsx)"
PROGRESS_STEPS = 1000


@dataclass(frozen=True)
class ActionResult:
    """What an action did: ``path`` written (None: nothing), and what the officer was told."""

    path: Path | None
    message: str
    summary: ExportSummary | None = None


def default_export_name(today: date) -> str:
    return f"PCMT-du-lieu-{today:%Y-%m-%d}.xlsx"


def _ask_path(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, FILE_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def _tell(parent: QWidget | None, title: str, text: str, *, ok: bool, ask: bool) -> None:
    if not ask:
        return
    if ok:
        QMessageBox.information(parent, title, text)
    else:
        QMessageBox.warning(parent, title, text)


class _ProgressFeed:
    """Feeds the export's progress to a progress dialog; its cancel stops the export."""

    def __init__(self, dialog: QProgressDialog) -> None:
        self.dialog = dialog

    def __call__(self, done: int, total: int) -> None:
        self.dialog.setValue(done * PROGRESS_STEPS // max(total, 1))
        # The export runs on the GUI thread: let the dialog paint and hear its button.
        QApplication.processEvents()
        if self.dialog.wasCanceled():
            raise ExportCancelled


def export_with_dialog(
    services: Services,
    parent: QWidget | None,
    *,
    path: Path | None = None,
    ask: bool = True,
) -> ActionResult:
    """Ask where, export every registry with a progress dialog, then say what was written."""
    if path is None:
        suggested = default_export_name(services.context.today())
        path = _ask_path(parent, EXPORT_TITLE, suggested)
        if path is None:
            return ActionResult(None, "")
    dialog = QProgressDialog("Đang xuất dữ liệu ra tệp Excel…", "Hủy", 0, PROGRESS_STEPS, parent)
    dialog.setWindowTitle(EXPORT_TITLE)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    try:
        summary = export_workbook(services, path, _ProgressFeed(dialog))
    except ExportCancelled:
        message = "Đã hủy xuất dữ liệu; không có tệp nào được ghi."
        _tell(parent, EXPORT_TITLE, message, ok=True, ask=ask)
        return ActionResult(None, message)
    except ExportError as error:
        message = f"{error}\n\nKhông có tệp nào được ghi."
        _tell(parent, EXPORT_TITLE, message, ok=False, ask=ask)
        return ActionResult(None, message)
    finally:
        dialog.reset()
        dialog.deleteLater()
    message = "\n".join(summary.describe())
    _tell(parent, EXPORT_TITLE, message, ok=True, ask=ask)
    return ActionResult(summary.path, message, summary)


def save_template_with_dialog(
    services: Services,
    parent: QWidget | None,
    *,
    path: Path | None = None,
    ask: bool = True,
) -> ActionResult:
    """Ask where, then write the empty workbook with its instructions and drop-downs."""
    if path is None:
        path = _ask_path(parent, TEMPLATE_TITLE, "PCMT-mau-nhap-lieu.xlsx")
        if path is None:
            return ActionResult(None, "")
    try:
        write_template(services, path)
    except ExportError as error:
        message = f"{error}\n\nKhông có tệp nào được ghi."
        _tell(parent, TEMPLATE_TITLE, message, ok=False, ask=ask)
        return ActionResult(None, message)
    message = (
        f"Đã lưu tệp mẫu nhập liệu {path}.\n\nTrang “HuongDan” giải thích từng trang và "
        "từng cột; các cột có danh sách chọn sẵn."
    )
    _tell(parent, TEMPLATE_TITLE, message, ok=True, ask=ask)
    return ActionResult(path, message)
