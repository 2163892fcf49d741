"""Starting the window: the Qt application, the database, the login, the first-start set-up.

The database and the window are held by a ``Workspace`` (gui.backup.workspace), which a
restore from a backup file uses to close the database, replace it and open it again
under a new window. Nothing of the registries shows before someone logged in (on a new
database: created the first administrator); "Đăng xuất" closes the window and the login
comes back, for the same or another officer.
"""

import sys
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
        workspace.close()
