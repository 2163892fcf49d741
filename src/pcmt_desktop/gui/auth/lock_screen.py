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
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.errors import LoginError
from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.gui.auth.countdown import Countdown
from pcmt_desktop.gui.auth.login_dialog import NO_PASSWORD, database_failure, heading
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, PROBLEM_STYLE, password_edit
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
        self._login = login
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
        label = QLabel("&Mật khẩu:", self)
        label.setBuddy(self.password_edit)
        form.addRow(label, self.password_edit)
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
        password = self.password_edit.text()
        if not password:
            self._refuse(NO_PASSWORD)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # A login like any other: audited, and wrong passwords earn the same waits.
            self._login.login(self._actor.user_name, password)
        except LoginError as error:
            self._refuse(error.message)
            if error.retry_after is not None:
                self.unlock_button.setEnabled(False)
                self.countdown.start(error.retry_after)
            return
        except SQLAlchemyError as error:
            self._refuse(database_failure(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
            self.password_edit.clear()
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

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.password_edit.setFocus()

    def _show_wait(self, text: str) -> None:
        self.wait_label.setText(text)
        self.wait_label.setVisible(bool(text))

    def _wait_over(self) -> None:
        self.unlock_button.setEnabled(True)
        self.message.hide()
        self.password_edit.setFocus()
