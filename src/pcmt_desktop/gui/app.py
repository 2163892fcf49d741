"""Starting the window: the Qt application, the database, the first-start set-up.

The database and the window are held by a ``Workspace`` (gui.backup.workspace), which a
restore from a backup file uses to close the database, replace it and open it again
under a new window.
"""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pcmt_desktop.cli.opening import OPEN_ERRORS
from pcmt_desktop.gui.backup.worker import wait_for_background_work
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.store.database import Database


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1] or ["pcmt"])
    app.setApplicationName("PCMT")
    app.setApplicationDisplayName("PCMT")
    app.setOrganizationName("PCMT")
    return app


def run_window(database_path: Path) -> int:
    app = application()
    try:
        database = Database.open(database_path)
    except OPEN_ERRORS as error:
        QMessageBox.critical(None, "Không mở được cơ sở dữ liệu", str(error))
        return 2
    workspace = Workspace(database)
    try:
        if not workspace.services.office.is_configured():
            setup = OfficeSettingsDialog(workspace.services, first_start=True)
            if setup.exec() != QDialog.DialogCode.Accepted:
                return 0
        workspace.open_window().show()
        code = app.exec()
        wait_for_background_work()  # a backup file being written is finished, not cut
        return code
    finally:
        workspace.close()
