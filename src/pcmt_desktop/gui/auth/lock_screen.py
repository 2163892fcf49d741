"""The lock: every open window covered, and the same officer's password asked again.

Nothing is closed: a curtain is laid over the main window and over each open dialog,
hiding what they show while keeping what was typed in them, and the lock screen, modal
over the whole program, asks for the password. The right password lifts the curtains;
"Đăng xuất" hands the choice back to the session (which asks about the unsaved work).
Wrong passwords count as failed logins, with the same growing waits.
"""

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.gui.auth.form_parts import add_rows
from pcmt_desktop.gui.auth.login_attempt import LoginAttempt
from pcmt_desktop.gui.auth.login_dialog import NO_PASSWORD, heading
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, password_edit
from pcmt_desktop.services.context import Actor

TITLE = "PCMT đã khóa màn hình"
CURTAIN_TEXT = "PCMT đang khóa màn hình.\nNhập mật khẩu để tiếp tục làm việc."
LOGGED_OUT_TEXT = "Đã đăng xuất. Cửa sổ sẽ đóng lại để người khác đăng nhập."


class Curtain(QWidget):
    """An opaque cover over one window's content that follows its size."""

    def __init__(self, window: QWidget, text: str = CURTAIN_TEXT) -> None:
        super().__init__(window)
        self.setObjectName("pcmt-curtain")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#pcmt-curtain { background: #e9edf2; }")
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #455a64;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        parent = self.parentWidget()
        if watched is parent and parent is not None and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
            self.raise_()
        return False

    def lift(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockScreen(QDialog):
    """Modal over the whole program until the officer's password is typed again.

    ``unlocked`` when it was; ``logout_requested`` when the officer chose to log out
    instead (the session decides; the screen stays until it is told to go).
    """

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, login: LoginService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._leaving = False
        self.setWindowTitle(TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        # No close button: the only ways out are the password and "Đăng xuất".
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        title = heading("Màn hình đã khóa", self)
        who = QLabel(
            f"Đang làm việc: <b>{actor.display_name}</b> (tài khoản {actor.user_name}).", self
        )
        who.setTextFormat(Qt.TextFormat.RichText)
        who.setWordWrap(True)
        intro = QLabel(
            "Các cửa sổ và dữ liệu đang nhập dở vẫn được giữ nguyên. Nhập mật khẩu để tiếp "
            "tục, hoặc đăng xuất để người khác đăng nhập.",
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        self.password_edit = password_edit(self)
        form = QFormLayout()
        add_rows(form, self, (("&Mật khẩu:", self.password_edit),))
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton(
            "Mở &khóa", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.logout_button = self.buttons.addButton(
            "Đăng &xuất", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.logout_button.clicked.connect(self.logout_requested)
        self.attempt = LoginAttempt(self, login, self.password_edit, self.unlock_button)
        self.message = self.attempt.message
        self.wait_label = self.attempt.wait_label
        self.countdown = self.attempt.countdown
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.wait_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.password_edit.setFocus()

    def submit(self) -> None:
        if self.countdown.running:
            return
        if not self.password_edit.text():
            self.attempt.refuse(NO_PASSWORD)
            return
        if self.attempt.log_in(self._actor.user_name) is not None:
            self.message.hide()
            self.unlocked.emit()

    def leave(self) -> None:
        """Close for good (unlocked, or the session ended)."""
        self._leaving = True
        self.countdown.stop()
        self.done(QDialog.DialogCode.Accepted)

    # Escape and the window's close button must not lift the lock.
    def reject(self) -> None:
        if self._leaving:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._leaving:
            event.ignore()
            return
        super().closeEvent(event)
