"""Opening the level above's window: from the main window's menu, or ``pcmt upper window``."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.gui.app import application
from pcmt_desktop.gui.upper.store_dialog import StoreDialog
from pcmt_desktop.gui.upper.window import UpperWindow
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.store import UpperStore

OPEN_FAILED = "Không mở được kho tổng hợp"


def open_upper_window(
    parent: QWidget | None = None, *, location: StoreLocation | None = None
) -> UpperWindow | None:
    """Open the store at ``location`` (the default folder when None) in its own window.

    A store that cannot be opened is said in a message box; then None is returned.
    """
    where = location or StoreLocation.parse(None)
    try:
        store = UpperStore.open(where)
    except (UpperStoreError, SQLAlchemyError, OSError) as error:
        QMessageBox.critical(parent, OPEN_FAILED, str(error))
        return None
    window = UpperWindow(store, parent, open_other=_open_other)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


def _open_other(window: UpperWindow) -> None:
    """The menu's "Mở kho tổng hợp khác…": the new store in a new window, this one closed."""
    dialog = StoreDialog(window.store.location, window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.location is None:
            return
        location = dialog.location
    finally:
        dialog.deleteLater()
    if location == window.store.location:
        return
    other = open_upper_window(window.parentWidget(), location=location)
    if other is not None:
        window.close()


def run_upper_window(location: StoreLocation) -> int:
    """``pcmt upper --store … window``: the window alone, until it is closed."""
    app = application()
    if open_upper_window(None, location=location) is None:
        return 2
    return app.exec()
