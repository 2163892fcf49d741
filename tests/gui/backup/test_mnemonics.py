"""Every field and button of the backup dialogs is reachable with Alt and one letter."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.backup.create_dialog import CreateBackupDialog
from pcmt_desktop.gui.backup.restore_dialog import RestoreDialog
from pcmt_desktop.gui.backup.settings_dialog import AutoBackupSettingsDialog
from pcmt_desktop.gui.backup.verify_dialog import VerifyBackupDialog
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.gui.backup.conftest import fast_auto_backup


def mnemonics(dialog: QDialog) -> list[str]:
    # Buttons with words (a table's corner button has none), and labels of fields.
    texts = [button.text() for button in dialog.findChildren(QAbstractButton) if button.text()]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    letters = []
    for text in texts:
        assert "&" in text, f"no mnemonic: {text!r}"
        letters.append(text[text.index("&") + 1].lower())
    return letters


@pytest.fixture
def dialogs(
    qtbot: QtBot, window: MainWindow, services: Services, database: Database, tmp_path: Path
) -> list[QDialog]:
    made: list[QDialog] = [
        CreateBackupDialog(services, database.path, folder=tmp_path),
        VerifyBackupDialog(),
        RestoreDialog(window_holder(database.path)),
        AutoBackupSettingsDialog(fast_auto_backup(database.path)),
    ]
    for dialog in made:
        qtbot.addWidget(dialog)
    return made


class window_holder:  # noqa: N801 - a stand-in holder: comparisons only, never a restore
    def __init__(self, database_path: Path) -> None:
        self.database_path = database_path

    def release(self) -> None:
        raise AssertionError("not restored here")

    def reopen(self, *, replaced: bool) -> MainWindow:
        raise AssertionError("not restored here")

    def record_restore(self, source: Path) -> None:
        raise AssertionError("not restored here")


@pytest.mark.gui
def test_each_dialog_has_distinct_mnemonics(dialogs: list[QDialog]) -> None:
    for dialog in dialogs:
        letters = mnemonics(dialog)
        assert len(letters) >= 4
        assert len(letters) == len(set(letters)), dialog.windowTitle()
