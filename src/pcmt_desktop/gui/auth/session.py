"""The officer's time at the window: logging in, the idle lock, logging out.

One ``OfficerSession`` lives as long as the program. ``sign_in`` asks who works (on a new
database: the first administrator) and sets the services' actor; the window it then
opens is ``attach``-ed, which starts watching for idleness. ``lock`` covers every open
window and asks for the password again; ``log_out`` ends the session, after asking
when open dialogs would lose what was typed in them, and closes the window so that the
program shows the login again.
"""

import contextlib
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from argon2 import PasswordHasher
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from shiboken6 import isValid
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.auth.passwords import DEFAULT_HASHER
from pcmt_desktop.auth.users import UserService
from pcmt_desktop.gui.auth.change_password_dialog import ChangePasswordDialog
from pcmt_desktop.gui.auth.first_admin_dialog import FirstAdministratorDialog
from pcmt_desktop.gui.auth.idle import IdleWatcher
from pcmt_desktop.gui.auth.idle_settings import load_idle_setting, save_idle_minutes
from pcmt_desktop.gui.auth.lock_screen import LOGGED_OUT_TEXT, Curtain, LockScreen
from pcmt_desktop.gui.auth.login_dialog import LoginDialog
from pcmt_desktop.gui.messages import confirm
from pcmt_desktop.services.context import NOBODY, Actor, ServiceContext
from pcmt_desktop.services.registry import Services

LOGOUT_TITLE = "Đăng xuất"
BUSY = (
    "Đang có việc chưa xong (sao lưu hoặc khôi phục dữ liệu). Hãy đợi việc đó xong rồi đăng xuất."
)
# Window types that hold content; popups and tooltips close or vanish by themselves.
COVERED_TYPES = frozenset({Qt.WindowType.Window, Qt.WindowType.Dialog})


def unsaved_question(count: int) -> str:
    return (
        f"Đang mở {count} cửa sổ nhập liệu. Đăng xuất sẽ đóng các cửa sổ đó; dữ liệu đã nhập "
        "mà chưa bấm “Lưu” sẽ mất.\n\nVẫn đăng xuất?"
    )


class SessionHost(Protocol):
    """What holds the database and the window (gui.backup.workspace.Workspace)."""

    @property
    def services(self) -> Services: ...

    @property
    def database_path(self) -> Path: ...

    @property
    def window(self) -> QWidget | None: ...


class OfficerSession(QObject):
    """Who is logged in at the window, the idle lock over it, and the logout.

    ``hasher`` checks and makes password hashes (tests use a fast one); ``clock`` is the
    idle watcher's (tests move it by hand).
    """

    def __init__(
        self,
        host: SessionHost,
        *,
        hasher: PasswordHasher = DEFAULT_HASHER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._host = host
        self.hasher = hasher
        self._clock = clock
        self.signed_in = False
        self.signed_out = False  # by "Đăng xuất": the program shows the login again
        self.watcher: IdleWatcher | None = None
        self.lock_screen: LockScreen | None = None
        self.curtains: list[Curtain] = []
        self.idle_warning: str | None = None

    @property
    def context(self) -> ServiceContext:
        return self._host.services.context

    @property
    def actor(self) -> Actor:
        return self.context.actor

    def login_service(self) -> LoginService:
        return LoginService(self.context, self.hasher)

    def user_service(self) -> UserService:
        return UserService(self.context, self.hasher)

    # --- beginning and end ---------------------------------------------------------------
    def sign_in(self, parent: QWidget | None = None) -> bool:
        """Ask who works; True once someone logged in (and changed a temporary password).

        The services act as nobody until then, and again if the officer gives up.
        """
        self.signed_out = False
        self.context.actor = NOBODY
        login = self.login_service()
        dialog: LoginDialog | FirstAdministratorDialog
        if login.has_users():
            office = self._host.services.office.office()
            dialog = LoginDialog(login, parent, office_name=office.name if office else None)
        else:
            dialog = FirstAdministratorDialog(login, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        actor = dialog.actor
        dialog.deleteLater()
        if not accepted or actor is None:
            return False
        self.begin(actor)
        if self.user_service().user(actor.user_name).must_change_password:
            change = ChangePasswordDialog(self.user_service(), actor.user_name, parent, forced=True)
            changed = change.exec() == QDialog.DialogCode.Accepted
            change.deleteLater()
            if not changed:
                self.end()
                return False
        return True

    def begin(self, actor: Actor) -> None:
        """``actor`` logged in (checked by the login or the first-administrator dialog)."""
        self.context.actor = actor
        self.signed_in = True
        self.signed_out = False

    def end(self) -> None:
        """Record the logout (once) and act as nobody from now on."""
        if self.signed_in:
            self.signed_in = False
            # Leaving must never fail; the login row already says who came.
            with contextlib.suppress(SQLAlchemyError):
                self.login_service().logout(self.actor)
        self.context.actor = NOBODY

    # --- the window --------------------------------------------------------------------
    def attach(self, window: QWidget) -> None:
        """Watch for idleness over ``window`` (and every dialog opened over it)."""
        self.detach()
        setting = load_idle_setting(self._host.database_path)
        self.idle_warning = setting.warning
        self.watcher = IdleWatcher(timedelta(minutes=setting.minutes), window, clock=self._clock)
        self.watcher.idle.connect(self.lock)

    def detach(self) -> None:
        watcher, self.watcher = self.watcher, None
        # Gone already if its window was deleted first (it is the window's child).
        if watcher is not None and isValid(watcher):
            watcher.stop()
            watcher.deleteLater()

    def idle_minutes(self) -> int:
        return load_idle_setting(self._host.database_path).minutes

    def set_idle_minutes(self, minutes: int) -> None:
        """Keep the new time in the settings file and apply it at once.

        Raises:
            OSError: the settings file cannot be written.
        """
        save_idle_minutes(self._host.database_path, minutes)
        if self.watcher is not None:
            self.watcher.set_limit(timedelta(minutes=minutes))

    # --- the lock ----------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.lock_screen is not None

    def lock(self) -> None:
        """Cover every open window and ask for the password (nothing is closed)."""
        window = self._host.window
        if self.locked or not self.signed_in or window is None:
            return
        for _attempt in range(10):  # an open menu or list would stay over the curtain
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        if self.watcher is not None:
            self.watcher.paused = True
        self.curtains = [Curtain(widget) for widget in self._windows_shown()]
        screen = LockScreen(self.login_service(), self.actor, window)
        screen.unlocked.connect(self._unlocked)
        screen.logout_requested.connect(lambda: self.log_out(screen))
        self.lock_screen = screen
        # show(), not open(): open() would make it modal over the main window only.
        screen.show()
        screen.activateWindow()

    def _unlocked(self) -> None:
        self._lift_lock()
        if self.watcher is not None:
            self.watcher.resume()

    def _lift_lock(self) -> None:
        for curtain in self.curtains:
            curtain.lift()
        self.curtains = []
        screen, self.lock_screen = self.lock_screen, None
        if screen is not None:
            screen.leave()
            screen.deleteLater()

    def _windows_shown(self) -> list[QWidget]:
        return [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.isVisible()
            and widget.windowType() in COVERED_TYPES
            and widget is not self.lock_screen
        ]

    def open_dialogs(self) -> list[QDialog]:
        """The dialogs open over the window (their typed work would be lost by a logout)."""
        return [
            widget
            for widget in self._windows_shown()
            if isinstance(widget, QDialog) and not isinstance(widget, QMessageBox)
        ]

    # --- leaving -----------------------------------------------------------------------
    def log_out(self, parent: QWidget | None = None, *, ask: bool = True) -> bool:
        """End the session and close the window; True when done.

        Asks first (unless ``ask`` is False) when dialogs are open; refuses while a backup
        or a restore is running in one of them.
        """
        parent = parent or self._host.window
        dialogs = self.open_dialogs()
        if any(getattr(dialog, "busy", False) for dialog in dialogs):
            QMessageBox.information(parent, LOGOUT_TITLE, BUSY)
            return False
        if ask and dialogs and not confirm(parent, LOGOUT_TITLE, unsaved_question(len(dialogs))):
            return False
        self.end()
        self.signed_out = True
        self._lift_lock()
        self.detach()
        for dialog in dialogs:
            dialog.reject()
        window = self._host.window
        if window is not None:
            # Covered at once: closing may first wait for the automatic backup (or, if that
            # fails, for the officer's answer), and nobody is logged in any more.
            Curtain(window, LOGGED_OUT_TEXT)
            # Once the dialogs' own event loops have ended.
            QTimer.singleShot(0, window.close)
        return True

    # --- the officer's own account -----------------------------------------------------
    def change_password(self, parent: QWidget | None = None) -> bool:
        dialog = ChangePasswordDialog(
            self.user_service(), self.actor.user_name, parent, forced=False
        )
        changed = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return changed
