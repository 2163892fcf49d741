"""The window's automatic backups: on closing after a write, daily, and what a failure
asks the officer."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pcmt_desktop.autobackup import AutoBackupSettings, BackupReason, recovery_key, save_settings
from pcmt_desktop.backup import verify_backup
from pcmt_desktop.gui.backup.automatic import CANCEL_CLOSE, CLOSE_ANYWAY
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.gui.backup.conftest import automatic_backups

pytestmark = pytest.mark.gui


def click(qtbot: QtBot, window: MainWindow, text: str) -> None:
    box = window.backups.close_question if window.backups else None
    assert box is not None
    button = next(button for button in box.buttons() if button.text() == text)
    button.click()


def test_closing_after_a_write_makes_a_backup_that_verifies(
    qtbot: QtBot, window: MainWindow, services: Services, database: Database
) -> None:
    services.persons.add(PersonInput("Sùng A Páo", birth_year=1988))

    window.close()
    assert window.isVisible()  # waits for the backup first
    assert not window.menuBar().isEnabled()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)

    entries = automatic_backups(database.path)
    assert [entry.reason for entry in entries] == [BackupReason.CLOSING]
    manifest = verify_backup(entries[0].file, recovery_key(database.path))
    assert manifest.counts["person"] == 1


def test_closing_without_a_write_makes_none(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    window.close()

    assert not window.isVisible()
    assert automatic_backups(database.path) == []
    assert not (database.path.parent / "sao-luu").exists()


def test_a_failed_backup_on_closing_lets_the_officer_stay_or_close(
    qtbot: QtBot, window: MainWindow, services: Services, database: Database, tmp_path: Path
) -> None:
    unplugged = tmp_path / "usb-da-rut"
    save_settings(database.path, AutoBackupSettings(folder=unplugged))
    services.persons.add(PersonInput("Giàng Thị Mỷ", birth_year=1999))
    assert window.backups is not None

    window.close()
    qtbot.waitUntil(
        lambda: window.backups is not None and window.backups.close_question is not None
    )
    box = window.backups.close_question
    assert box is not None
    assert "Không tìm thấy thư mục sao lưu" in box.text()
    click(qtbot, window, CANCEL_CLOSE)
    assert window.isVisible()
    assert window.menuBar().isEnabled()

    window.close()  # the change is still unsaved: tried again
    qtbot.waitUntil(
        lambda: window.backups is not None and window.backups.close_question is not None
    )
    click(qtbot, window, CLOSE_ANYWAY)
    assert not window.isVisible()
    assert not unplugged.exists()  # never created: it may be a USB drive's letter


def test_the_daily_check_takes_one_when_none_is_there_yet(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    backups = window.backups
    assert backups is not None

    with qtbot.waitSignal(backups.finished, timeout=20000) as finished:
        assert backups.check_daily()
    assert finished.args == [True]
    assert [entry.reason for entry in automatic_backups(database.path)] == [BackupReason.DAILY]
    assert backups.last_result is not None and backups.last_result.new_key
    assert "Đã sao lưu tự động (hằng ngày)" in window.statusBar().currentMessage()

    assert not backups.check_daily()  # one today already: not due


def test_disabled_automatic_backups_are_not_taken_on_closing(
    qtbot: QtBot, window: MainWindow, services: Services, database: Database
) -> None:
    save_settings(database.path, AutoBackupSettings(enabled=False))
    services.persons.add(PersonInput("Hờ A Dình", birth_year=1979))
    assert window.backups is not None
    assert not window.backups.check_daily()

    window.close()

    assert not window.isVisible()
    assert automatic_backups(database.path) == []
