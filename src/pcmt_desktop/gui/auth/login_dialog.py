"""Đăng nhập: the first thing the window shows; nothing of the registries before it.

A refusal says why in the service's words (which never tell a wrong name from a wrong
password); after too many in a row the service imposes a wait, counted down here with
the button off. The password field is emptied after every attempt.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.errors import LoginError
from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.gui.auth.countdown import Countdown
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, PROBLEM_STYLE, password_edit
from pcmt_desktop.services.context import Actor

TITLE = "Đăng nhập PCMT"
NO_NAME = "Chưa nhập tên đăng nhập."
NO_PASSWORD = "Chưa nhập mật khẩu."


def database_failure(error: SQLAlchemyError) -> str:
    cause = getattr(error, "orig", None) or error
    return f"Không đọc được cơ sở dữ liệu ({cause}). Hãy thử lại hoặc liên hệ quản trị viên."


def heading(text: str, parent: QWidget, scale: float = 1.3) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class LoginDialog(QDialog):
    """User name and password; ``actor`` is the officer once accepted."""

    def __init__(
        self,
        login: LoginService,
        parent: QWidget | None = None,
        *,
        office_name: str | None = None,
        user_name: str = "",
    ) -> None:
        super().__init__(parent)
        self._login = login
        self.actor: Actor | None = None
        self.setWindowTitle(TITLE)
        title = heading("PCMT — Phòng, chống ma túy", self)
        office = QLabel(office_name or "", self)
        office.setVisible(bool(office_name))
        intro = QLabel("Đăng nhập bằng tài khoản quản trị viên đã cấp cho đồng chí.", self)
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        self.user_edit = QLineEdit(user_name, self)
        self.user_edit.setPlaceholderText("ví dụ: nguyenvana")
        self.password_edit = password_edit(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.hide()
        self.wait_label = QLabel(self)
        self.wait_label.setStyleSheet(HINT_STYLE)
        self.wait_label.hide()
        self.countdown = Countdown(self)
        self.countdown.changed.connect(self._show_wait)
        self.countdown.finished.connect(self._wait_over)

        form = QFormLayout()
        for text, field in (
            ("&Tên đăng nhập:", self.user_edit),
            ("&Mật khẩu:", self.password_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(
            "Đăng &nhập", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = self.buttons.addButton("Th&oát", QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(office)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.wait_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        (self.password_edit if user_name else self.user_edit).setFocus()

    def submit(self) -> None:
        if self.countdown.running:
            return
        user_name = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not user_name:
            self._refuse(NO_NAME, self.user_edit)
            return
        if not password:
            self._refuse(NO_PASSWORD, self.password_edit)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.actor = self._login.login(user_name, password)
        except LoginError as error:
            self._refuse(error.message, self.password_edit)
            if error.retry_after is not None:
                self.login_button.setEnabled(False)
                self.countdown.start(error.retry_after)
            return
        except SQLAlchemyError as error:
            self._refuse(database_failure(error), self.password_edit)
            return
        finally:
            QApplication.restoreOverrideCursor()
            self.password_edit.clear()
        self.accept()

    def _refuse(self, text: str, field: QLineEdit) -> None:
        self.message.setText(text)
        self.message.show()
        field.setFocus()

    def _show_wait(self, text: str) -> None:
        self.wait_label.setText(text)
        self.wait_label.setVisible(bool(text))

    def _wait_over(self) -> None:
        self.login_button.setEnabled(True)
        self.message.hide()
        self.password_edit.setFocus()
