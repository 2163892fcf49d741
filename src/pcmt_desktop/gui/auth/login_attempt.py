"""A password tried against an account, as the login and the lock screens both do.

Both count wrong passwords the same way (the service's growing waits), so both show the
refusal and the wait alike: the button off while the seconds are counted down, the
password field emptied after every attempt and the focus back in it.
"""

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.errors import LoginError
from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.gui.auth.countdown import Countdown
from pcmt_desktop.gui.auth.form_parts import database_failure, refusal_label, say
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE
from pcmt_desktop.services.context import Actor


class LoginAttempt(QObject):
    """The refusal line, the wait line with its countdown, and the login call itself.

    The screen places ``message`` and ``wait_label`` in its layout; ``button`` is the one
    that submits, kept off while a wait runs.
    """

    def __init__(
        self,
        parent: QWidget,
        login: LoginService,
        password_edit: QLineEdit,
        button: QAbstractButton,
    ) -> None:
        super().__init__(parent)
        self._login = login
        self._password_edit = password_edit
        self._button = button
        self.message = refusal_label(parent)
        self.wait_label = QLabel(parent)
        self.wait_label.setStyleSheet(HINT_STYLE)
        self.wait_label.hide()
        self.countdown = Countdown(parent)
        self.countdown.changed.connect(self._show_wait)
        self.countdown.finished.connect(self._wait_over)

    def refuse(self, text: str, field: QLineEdit | None = None) -> None:
        """Say why, and put the focus where it is to be corrected (the password by default)."""
        say(self.message, text)
        (field or self._password_edit).setFocus()

    def log_in(self, user_name: str) -> Actor | None:
        """The officer if the typed password is right; None when refused (and said why).

        The password field is emptied whatever the answer.
        """
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            # A login like any other: audited, and wrong passwords earn the same waits.
            return self._login.login(user_name, self._password_edit.text())
        except LoginError as error:
            self.refuse(error.message)
            if error.retry_after is not None:
                self._button.setEnabled(False)
                self.countdown.start(error.retry_after)
            return None
        except SQLAlchemyError as error:
            self.refuse(database_failure(error))
            return None
        finally:
            QApplication.restoreOverrideCursor()
            self._password_edit.clear()

    def _show_wait(self, text: str) -> None:
        self.wait_label.setText(text)
        self.wait_label.setVisible(bool(text))

    def _wait_over(self) -> None:
        self._button.setEnabled(True)
        self.message.hide()
        self._password_edit.setFocus()
