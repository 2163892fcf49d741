"""``pcmt --smoke``: the bundle's self-check — it starts, migrates, shows its window.

A new database in a temporary folder is created and migrated by the program's own alembic
revisions (found in the bundle like any resource), the main window is shown offscreen with
its first tab filled, and everything is removed again. CI runs it from the built bundle:
a module, a migration or a resource missing from ``pcmt.spec`` fails here, not on an
office's PC.
"""

import os
import sys
import tempfile
from pathlib import Path

from pcmt_desktop import __version__

OVERVIEW_WAIT_MS = 60_000


def run_smoke() -> int:
    """0 when the window came up on a freshly migrated database; 1 with the reason."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from pcmt_desktop.build_info import build_text
    from pcmt_desktop.gui.app import application
    from pcmt_desktop.gui.background import wait_for_background_work
    from pcmt_desktop.gui.main_window import MainWindow
    from pcmt_desktop.resources import resources_dir
    from pcmt_desktop.services.context import ServiceContext
    from pcmt_desktop.services.registry import Services
    from pcmt_desktop.store.database import Database
    from pcmt_desktop.store.migrate import current_revision, head_revision

    app = application()
    with tempfile.TemporaryDirectory(prefix="pcmt-smoke-") as folder:
        path = Path(folder) / "pcmt.sqlite3"
        database = Database.open(path)
        try:
            with database.engine.connect() as connection:
                revision = current_revision(connection)
            if revision != head_revision():
                print(f"Kiểm tra khởi động: CSDL ở phiên bản {revision}.", file=sys.stderr)
                return 1
            templates = sorted(item.name for item in (resources_dir() / "templates").glob("*.docx"))
            window = MainWindow(Services.build(ServiceContext(database.sessions)), path)
            loop = QEventLoop()
            loaded: list[bool] = []

            def filled() -> None:
                loaded.append(True)
                loop.quit()

            window.overview_tab.loaded.connect(filled)
            QTimer.singleShot(OVERVIEW_WAIT_MS, loop.quit)
            window.show()
            if not loaded:
                loop.exec()
            app.processEvents()
            shown = window.isVisible() and bool(loaded)
            window.close()
            wait_for_background_work()
        finally:
            database.close()
    if not shown:
        print("Kiểm tra khởi động: cửa sổ chính không hiện đủ.", file=sys.stderr)
        return 1
    print(
        f"PCMT {__version__} ({build_text()}): kiểm tra khởi động đạt — CSDL mới đã nâng cấp "
        f"đến phiên bản {revision}, mẫu báo cáo: {', '.join(templates)}, cửa sổ chính đã hiện."
    )
    return 0
