"""Starting the window: the Qt application, the database, the first-start set-up."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pcmt_desktop.cli.opening import OPEN_ERRORS
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
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
    try:
        services = Services.build(ServiceContext(database.sessions))
        if not services.office.is_configured():
            setup = OfficeSettingsDialog(services, first_start=True)
            if setup.exec() != QDialog.DialogCode.Accepted:
                return 0
        window = MainWindow(services, database.path)
        window.show()
        return app.exec()
    finally:
        database.close()
