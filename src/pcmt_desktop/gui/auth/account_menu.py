"""The account entries of the window's Tệp menu: users, idle time, own password, lock, logout.

They need the officer's session (``OfficerSession``): a window built without one (a test
looking at a tab, the screenshots) shows them disabled. Those the role does not allow
say which right they need, like every other action of the window.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.gui.auth.idle_dialog import IdleLockDialog
from pcmt_desktop.gui.auth.permits import gate_action
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.auth.users_dialog import UsersDialog
from pcmt_desktop.services.registry import Services

NO_SESSION = "Chỉ dùng được khi đã đăng nhập vào chương trình."
LOCK_KEY = "Ctrl+L"


class AccountMenu(QObject):
    """Builds the actions and runs them for ``window``."""

    def __init__(self, window: QWidget, services: Services, session: OfficerSession | None) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._session = session
        self.users_action = self._action("Tài khoản người &dùng…", self.manage_users)
        self.idle_action = self._action("Thời gi&an tự khóa màn hình…", self.edit_idle_time)
        self.password_action = self._action("Đổ&i mật khẩu…", self.change_password)
        self.lock_action = self._action("K&hóa màn hình", self.lock, LOCK_KEY)
        self.logout_action = self._action("Đăng x&uất", self.log_out)
        if session is None:
            for action in self.actions():
                action.setEnabled(False)
                action.setToolTip(NO_SESSION)
                action.setStatusTip(NO_SESSION)
            return
        actor = services.context.actor
        gate_action(self.users_action, actor, Permission.USERS)
        gate_action(self.idle_action, actor, Permission.SETTINGS)

    def _action(
        self, text: str, slot: Callable[[], object], shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return [
            self.users_action,
            self.idle_action,
            self.password_action,
            self.lock_action,
            self.logout_action,
        ]

    # --- what they do --------------------------------------------------------------------
    def manage_users(self) -> None:
        if self._session is None:
            return
        dialog = UsersDialog(
            self._session.user_service(),
            self._services.context.actor,
            self._services.context.now,
            self._window,
        )
        dialog.exec()
        dialog.deleteLater()

    def edit_idle_time(self) -> None:
        session = self._session
        if session is None:
            return
        dialog = IdleLockDialog(
            session.idle_minutes(),
            session.set_idle_minutes,
            self._window,
            warning=session.idle_warning,
        )
        dialog.exec()
        dialog.deleteLater()

    def change_password(self) -> None:
        if self._session is not None and self._session.change_password(self._window):
            QMessageBox.information(self._window, "Đổi mật khẩu", "Đã đổi mật khẩu.")

    def lock(self) -> None:
        if self._session is not None:
            self._session.lock()

    def log_out(self) -> None:
        if self._session is not None:
            self._session.log_out(self._window)
