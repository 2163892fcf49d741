"""The open database and the main window on it, held together so a restore can swap both.

A restore replaces the database file, which the window holds open (and locked) through
its services. Rather than teach every tab to forget what it read, the database is closed,
restored, opened again and a new main window built on it, at the same size and on the
same tab; the old window goes without an automatic backup. When a restore fails nothing
was replaced: the same file is opened again and the window's sessions are bound to it,
so the window the officer was using keeps working as it was.

The logged-in officer (the services' actor) stays logged in across a restore: they were
checked when they logged in, and the restore was theirs to make. When a ``session`` holds
the workspace (the program always gives one), every window built is attached to it, so
that it locks when idle and offers the logout.
"""

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.auth.users import UserService
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

if TYPE_CHECKING:
    from pcmt_desktop.autobackup import AutoBackup
    from pcmt_desktop.backup import KdfParams
    from pcmt_desktop.gui.main_window import MainWindow

ContextFactory = Callable[[sessionmaker[Session]], ServiceContext]


def _context(sessions: sessionmaker[Session]) -> ServiceContext:
    return ServiceContext(sessions)


class Workspace:
    """Owns the open ``Database``, its ``Services`` and the ``MainWindow`` on them.

    ``context`` makes the services' context from the sessions (tests fix the clock);
    ``kdf`` is the automatic backups' key derivation (tests use a fast one).
    """

    def __init__(
        self,
        database: Database,
        *,
        context: ContextFactory = _context,
        kdf: "KdfParams | None" = None,
    ) -> None:
        self.database = database
        self._make_context = context
        self._kdf = kdf
        self.services = Services.build(context(database.sessions))
        self.window: MainWindow | None = None
        self.session: OfficerSession | None = None

    @property
    def database_path(self) -> Path:
        return self.database.path

    def auto_backup(self) -> "AutoBackup":
        from pcmt_desktop.autobackup import AutoBackup  # with the window, after the login

        return AutoBackup(self.database.path, kdf=self._kdf)

    def open_window(self) -> "MainWindow":
        """The main window on the current services (built once, then by ``reopen``)."""
        # Imported here, after the login: the login dialog is up half a second sooner.
        from pcmt_desktop.gui.main_window import MainWindow

        self.window = MainWindow(
            self.services,
            self.database.path,
            workspace=self,
            auto_backup=self.auto_backup(),
            session=self.session,
        )
        if self.session is not None:
            self.session.attach(self.window)
        return self.window

    # --- DatabaseHolder (the restore dialog) ------------------------------------------------
    def release(self) -> None:
        if self.window is not None and self.window.backups is not None:
            self.window.backups.pause()
        self.database.close()

    def reopen(self, *, replaced: bool) -> "MainWindow":
        """Open the file again; a new window when its content was ``replaced``.

        Raises:
            DatabaseOpenError, DatabaseInUseError, NewerDatabaseError…: as Database.open.
        """
        self.database = Database.open(self.database.path)
        old = self.window
        if not replaced and old is not None:
            # The same file: the window's services read it again through the new engine.
            self.services.context.sessions.configure(bind=self.database.engine)
            if old.backups is not None:
                old.backups.resume()
            return old
        actor = self.services.context.actor
        self.services = Services.build(self._make_context(self.database.sessions))
        self.services.context.actor = actor
        window = self.open_window()
        if old is not None:
            window.setGeometry(old.geometry())
            window.tabs.setCurrentIndex(old.tabs.currentIndex())
            window.show()
            old.retire()
            old.close()
            old.deleteLater()
        return window

    def record_restore(self, source: Path) -> None:
        """The restore, in the restored trail, under the officer who made it.

        The accounts are now the backup's: an officer missing from them is named anyway,
        and the summary says so. A failure to write it must not undo a finished restore.
        """
        context = self.services.context
        actor = context.actor
        known = any(user.user_name == actor.user_name for user in UserService(context).users())
        summary = f"Khôi phục dữ liệu từ tệp sao lưu {source.name}"
        if not known:
            summary += f" (tài khoản {actor.user_name} không có trong dữ liệu vừa khôi phục)"
        with contextlib.suppress(SQLAlchemyError):
            audit.record_event(
                context, audit.Action.RESTORE, summary, details={"file": str(source)}
            )

    def close(self) -> None:
        self.database.close()
