"""Đăng nhập: the first thing the window shows; nothing of the registries before it.

A refusal says why in the service's words (which never tell a wrong name from a wrong
password); after too many in a row the service imposes a wait, counted down here with
the button off. The password field is emptied after every attempt.
"""

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.gui.auth.form_parts import add_rows, submit_buttons
from pcmt_desktop.gui.auth.login_attempt import LoginAttempt
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, password_edit
from pcmt_desktop.services.context import Actor

TITLE = "Đăng nhập PCMT"
NO_NAME = "Chưa nhập tên đăng nhập."
NO_PASSWORD = "Chưa nhập mật khẩu."


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
        form = QFormLayout()
        add_rows(
            form, self, (("&Tên đăng nhập:", self.user_edit), ("&Mật khẩu:", self.password_edit))
        )
        self.buttons, self.login_button, self.quit_button = submit_buttons(
            self, "Đăng &nhập", "Th&oát", self.submit
        )
        self.attempt = LoginAttempt(self, login, self.password_edit, self.login_button)
        self.message = self.attempt.message
        self.wait_label = self.attempt.wait_label
        self.countdown = self.attempt.countdown

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
        if not user_name:
            self.attempt.refuse(NO_NAME, self.user_edit)
            return
        if not self.password_edit.text():
            self.attempt.refuse(NO_PASSWORD)
            return
        self.actor = self.attempt.log_in(user_name)
        if self.actor is not None:
            self.accept()
