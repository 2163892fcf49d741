"""Tệp → Cài đặt sao lưu tự động…: folder, on/off, the list, "Sao lưu ngay", the key."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pcmt_desktop.autobackup import BackupReason, load_settings, normalize_key, recovery_key
from pcmt_desktop.backup import verify_backup
from pcmt_desktop.gui.backup.settings_dialog import KEY_WARNING, AutoBackupSettingsDialog
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.settings_file import settings_path_for
from tests.gui.backup.conftest import fast_auto_backup

pytestmark = pytest.mark.gui


def open_dialog(qtbot: QtBot, database: Database) -> AutoBackupSettingsDialog:
    dialog = AutoBackupSettingsDialog(fast_auto_backup(database.path))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def back_up_now(qtbot: QtBot, dialog: AutoBackupSettingsDialog) -> bool:
    with qtbot.waitSignal(dialog.job_finished, timeout=20000) as finished:
        assert dialog.back_up_now()
    return bool(finished.args[0])


def test_back_up_now_lists_the_backup_and_shows_the_new_key(
    qtbot: QtBot, services: Services, database: Database
) -> None:
    services.persons.add(PersonInput("Chảo Láo Lở", birth_year=1970))
    dialog = open_dialog(qtbot, database)
    default_folder = database.path.parent / "sao-luu"
    assert dialog.folder.text() == f"{default_folder} (mặc định, cạnh tệp dữ liệu)"
    assert dialog.history.rowCount() == 0
    assert "Chưa có bản sao lưu tự động nào" in dialog.history_label.text()
    assert dialog.key.isHidden()

    assert back_up_now(qtbot, dialog)

    assert dialog.history.rowCount() == 1
    reason = dialog.history.item(0, 1)
    assert reason is not None and reason.text() == BackupReason.DAILY.label
    assert dialog.history_label.text().startswith("1 bản, tổng dung lượng ")
    made = dialog.made
    assert made is not None and made.entry.file.parent == default_folder
    # The key was made for this first backup: shown at once, to be written down.
    key = recovery_key(database.path)
    assert dialog.key.isVisible() and dialog.key.text() == key
    assert normalize_key(key) == key
    assert dialog.key_warning.text() == KEY_WARNING
    assert verify_backup(made.entry.file, key).counts["person"] == 1


def test_the_folder_and_the_switch_are_saved_at_once(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = open_dialog(qtbot, database)

    dialog.choose_folder(usb)
    dialog.enabled_box.setChecked(False)

    settings = load_settings(database.path).settings
    assert settings.folder == usb
    assert not settings.enabled
    assert dialog.folder.text() == str(usb)
    assert dialog.default_button.isEnabled()
    assert back_up_now(qtbot, dialog)  # asked for by hand: made even when switched off
    assert [path.parent for path in usb.glob("*.pcmtbk")] == [usb]

    dialog.choose_folder(None)
    assert load_settings(database.path).settings.folder is None
    assert not dialog.default_button.isEnabled()
    assert dialog.history.rowCount() == 0  # the default folder has none


def test_a_damaged_settings_file_is_said_and_an_unplugged_folder_refused(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    settings_path_for(database.path).write_text("{hỏng", encoding="utf-8")
    dialog = open_dialog(qtbot, database)
    assert "bị hỏng" in dialog.warning.text()
    assert dialog.warning.isVisible()

    dialog.choose_folder(tmp_path / "usb-da-rut")
    assert dialog.warning.isHidden()  # saving wrote a sound file again

    assert not back_up_now(qtbot, dialog)
    assert "Không tìm thấy thư mục sao lưu" in dialog.status.text()
    assert "chưa cắm ổ" in dialog.history_label.text()
