"""Tệp → Sao lưu ra tệp…: the file is written in a worker, read back, and summarised."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pcmt_desktop.backup import WrongPassphraseError, read_header, verify_backup
from pcmt_desktop.backup.kdf import KdfParams
from pcmt_desktop.gui.backup.create_dialog import CreateBackupDialog
from pcmt_desktop.gui.backup.fields import MISMATCH
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.conftest import TODAY
from tests.gui.backup.conftest import PASSPHRASE

pytestmark = pytest.mark.gui


def open_dialog(
    qtbot: QtBot, services: Services, database: Database, folder: Path
) -> CreateBackupDialog:
    dialog = CreateBackupDialog(
        services, database.path, kdf=KdfParams.fast_for_tests(), folder=folder
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_file_made_from_the_dialog_verifies_and_is_summarised(
    qtbot: QtBot, services: Services, database: Database, tmp_path: Path
) -> None:
    services.persons.add(PersonInput("Đinh Văn Khải", birth_year=1991))
    services.persons.add(PersonInput("Lương Thị Hoa", birth_year=1996))
    out_folder = tmp_path / "usb"
    out_folder.mkdir()
    dialog = open_dialog(qtbot, services, database, out_folder)
    expected = out_folder / f"PCMT_ThuNghiem_{TODAY.isoformat()}.pcmtbk"
    assert dialog.target.path() == expected
    assert not dialog.start_button.isEnabled()

    dialog.passphrase.first.setText(PASSPHRASE)
    dialog.passphrase.second.setText(PASSPHRASE)
    assert dialog.start_button.isEnabled()
    with qtbot.waitSignal(dialog.job_finished, timeout=20000) as finished:
        assert dialog.start(ask=False)
        assert not dialog.start_button.isEnabled()  # one backup at a time
    assert finished.args == [True]

    manifest = verify_backup(expected, PASSPHRASE)
    assert manifest.office_name == "Công an xã Thử Nghiệm"
    assert manifest.counts["person"] == 2
    assert read_header(expected).kdf.iterations == 1  # the test's fast derivation was used
    assert "đọc được đầy đủ" in dialog.status.text()
    summary = dialog.summary.toPlainText()
    assert "Đơn vị: Công an xã Thử Nghiệm — cấp Xã" in summary
    assert "  Đối tượng: 2" in summary
    assert PASSPHRASE not in summary + dialog.status.text()
    assert dialog.passphrase.first.text() == ""  # not kept once used
    with pytest.raises(WrongPassphraseError):
        verify_backup(expected, "một mật khẩu khác")


def test_a_weak_or_mismatched_passphrase_is_said_and_nothing_can_start(
    qtbot: QtBot, services: Services, database: Database, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, services, database, tmp_path)

    dialog.passphrase.first.setText("ngắn")
    assert "Mật khẩu quá ngắn (4 ký tự)" in dialog.passphrase.message.text()
    dialog.passphrase.first.setText(PASSPHRASE)
    dialog.passphrase.second.setText(PASSPHRASE + "!")
    assert dialog.passphrase.message.text() == MISMATCH

    assert not dialog.start_button.isEnabled()
    assert not dialog.start(ask=False)
    assert list(tmp_path.glob("*.pcmtbk")) == []


def test_a_missing_folder_is_told_and_no_file_is_left(
    qtbot: QtBot, services: Services, database: Database, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, services, database, tmp_path / "usb-da-rut")
    dialog.passphrase.first.setText(PASSPHRASE)
    dialog.passphrase.second.setText(PASSPHRASE)

    with qtbot.waitSignal(dialog.job_finished, timeout=20000) as finished:
        dialog.start(ask=False)

    assert finished.args == [False]
    assert "Không ghi được tệp" in dialog.status.text()
    assert "không tồn tại" in dialog.status.text()
    assert dialog.manifest is None
    assert dialog.start_button.isEnabled()  # the officer may choose another place
    assert not (tmp_path / "usb-da-rut").exists()
