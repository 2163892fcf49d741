"""Starting the window: the Qt application, the database, the login, the first-start set-up.

The database and the window are held by a ``Workspace`` (gui.backup.workspace), which a
restore from a backup file uses to close the database, replace it and open it again
under a new window. Nothing of the registries shows before someone logged in (on a new
database: created the first administrator); "Đăng xuất" closes the window and the login
comes back, for the same or another officer.
"""

import contextlib
import importlib
import sys
import threading
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pcmt_desktop.auth.passwords import DEFAULT_HASHER
from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.cli.opening import OPEN_ERRORS
from pcmt_desktop.gui.auth.refusals import install_refusal_hook
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.background import wait_for_background_work
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.store.database import Database

NO_OFFICE = (
    "Đơn vị chưa được thiết lập, và tài khoản này không có quyền thiết lập. Hãy nhờ quản "
    "trị viên đăng nhập để nhập thông tin đơn vị và địa bàn."
)


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1] or ["pcmt"])
    app.setApplicationName("PCMT")
    app.setApplicationDisplayName("PCMT")
    app.setOrganizationName("PCMT")
    return app


WINDOW_MODULE = "pcmt_desktop.gui.main_window"


def _import_quietly(name: str) -> None:
    # A failure is not reported here: the window imports the module again after the login
    # and meets the same error where it can say so.
    with contextlib.suppress(Exception):
        importlib.import_module(name)


def prepare_window_modules() -> threading.Thread:
    """Import the main window's modules in the background while the officer logs in.

    Typing a user name and a password takes seconds; the window's modules (every registry
    tab, the reports, the charts) take most of a second to import. Only modules are loaded
    there, no widget is made: widgets are made on the GUI thread after the login. Python's
    import lock makes the window's own import wait for this one if it is not done yet.
    """
    thread = threading.Thread(
        target=_import_quietly, args=(WINDOW_MODULE,), name="pcmt-prepare-window", daemon=True
    )
    thread.start()
    return thread


def office_ready(workspace: Workspace, session: OfficerSession) -> bool | None:
    """The office is set up (asked now at a first start); None: the officer quit instead.

    False when it is not and this officer may not set it up: they are logged out.
    """
    services = workspace.services
    if services.office.is_configured():
        return True
    if not session.actor.may(Permission.SETTINGS):
        QMessageBox.warning(None, "Chưa thiết lập đơn vị", NO_OFFICE)
        session.end()
        return False
    setup = OfficeSettingsDialog(services, first_start=True)
    accepted = setup.exec() == QDialog.DialogCode.Accepted
    setup.deleteLater()
    return True if accepted else None


def run_window(database_path: Path, *, hasher: PasswordHasher = DEFAULT_HASHER) -> int:
    app = application()
    install_refusal_hook()
    try:
        database = Database.open(database_path)
    except OPEN_ERRORS as error:
        QMessageBox.critical(None, "Không mở được cơ sở dữ liệu", str(error))
        return 2
    workspace = Workspace(database)
    session = OfficerSession(workspace, hasher=hasher)
    workspace.session = session
    preparing = prepare_window_modules()
    try:
        # One turn per officer: login, the window until it closes; again after a logout.
        while session.sign_in():
            ready = office_ready(workspace, session)
            if ready is None:
                session.end()
                return 0
            if not ready:
                continue
            workspace.open_window().show()
            code = app.exec()
            wait_for_background_work()  # a backup file being written is finished, not cut
            closed = workspace.window
            if closed is not None:
                closed.retire()  # its timers stop: the next officer gets a window of their own
                closed.deleteLater()
            if not session.signed_out:
                session.end()  # the window was closed: the program ends, so does the session
                return code
        return 0
    finally:
        preparing.join()  # an officer who quit at once: the interpreter ends after the imports
        workspace.close()
