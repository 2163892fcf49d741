"""What the backup window tests share: a fast key derivation, a window with automatic
backups on a real database file, and no worker thread left running after a test."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pcmt_desktop.autobackup import AutoBackup, BackupEntry
from pcmt_desktop.backup import KdfParams
from pcmt_desktop.gui.background import wait_for_background_work
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

PASSPHRASE = "Mật khẩu Sơn Hà 2026"


@pytest.fixture(autouse=True)
def no_worker_left() -> Iterator[None]:
    yield
    wait_for_background_work()
    QApplication.processEvents()


def fast_auto_backup(database_path: Path) -> AutoBackup:
    return AutoBackup(database_path, kdf=KdfParams.fast_for_tests())


def automatic_backups(database_path: Path) -> list[BackupEntry]:
    return fast_auto_backup(database_path).history()


@pytest.fixture
def window(qtbot: QtBot, services: Services, database: Database) -> Iterator[MainWindow]:
    """The main window with automatic backups, on the ``services`` fixture's database.

    A test that has not closed it leaves it without a closing backup.
    """
    main = MainWindow(services, database.path, auto_backup=fast_auto_backup(database.path))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.retire()
    main.close()
