"""The open database and the main window on it, held together so a restore can swap both.

A restore replaces the database file, which the window holds open (and locked) through
its services. Rather than teach every tab to forget what it read, the database is closed,
restored, opened again and a new main window built on it, at the same size and on the
same tab; the old window goes without an automatic backup. When a restore fails nothing
was replaced: the same file is opened again and the window's sessions are bound to it,
so the window the officer was using keeps working as it was.
"""

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.autobackup import AutoBackup
from pcmt_desktop.backup import KdfParams
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

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
        kdf: KdfParams | None = None,
    ) -> None:
        self.database = database
        self._make_context = context
        self._kdf = kdf
        self.services = Services.build(context(database.sessions))
        self.window: MainWindow | None = None

    @property
    def database_path(self) -> Path:
        return self.database.path

    def auto_backup(self) -> AutoBackup:
        return AutoBackup(self.database.path, kdf=self._kdf)

    def open_window(self) -> MainWindow:
        """The main window on the current services (built once, then by ``reopen``)."""
        self.window = MainWindow(
            self.services, self.database.path, workspace=self, auto_backup=self.auto_backup()
        )
        return self.window

    # --- DatabaseHolder (the restore dialog) ------------------------------------------------
    def release(self) -> None:
        if self.window is not None and self.window.backups is not None:
            self.window.backups.pause()
        self.database.close()

    def reopen(self, *, replaced: bool) -> MainWindow:
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
        self.services = Services.build(self._make_context(self.database.sessions))
        window = self.open_window()
        if old is not None:
            window.setGeometry(old.geometry())
            window.tabs.setCurrentIndex(old.tabs.currentIndex())
            window.show()
            old.retire()
            old.close()
            old.deleteLater()
        return window

    def close(self) -> None:
        self.database.close()
