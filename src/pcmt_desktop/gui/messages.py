"""Showing refusals and errors to the officer, in Vietnamese, without losing their work."""

from PySide6.QtWidgets import QMessageBox, QWidget

from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.domain.errors import NotFoundError, ValidationError


def show_refusal(parent: QWidget | None, title: str, error: Exception) -> None:
    """A service refused or failed: say what and why; the caller keeps the form open."""
    if isinstance(error, ValidationError | NotFoundError | PermissionDeniedError):
        QMessageBox.warning(parent, title, str(error))
    else:
        QMessageBox.critical(
            parent,
            title,
            f"Không thực hiện được thao tác; dữ liệu không bị thay đổi.\n\nChi tiết: {error}",
        )


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
