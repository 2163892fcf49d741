"""Tệp → Kiểm tra tệp sao lưu…: the summary of a sound file, the exact reason otherwise."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pcmt_desktop.backup import KdfParams, create_backup
from pcmt_desktop.gui.backup.verify_dialog import VerifyBackupDialog
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.backup.helpers import block_at, folder_state
from tests.gui.backup.conftest import PASSPHRASE

pytestmark = pytest.mark.gui

SMALL_CHUNK = 4096  # many chunks from a small database, so a byte lands in a known block


@pytest.fixture
def backup_file(services: Services, database: Database, tmp_path: Path) -> Path:
    for index in range(30):
        services.persons.add(PersonInput(f"Vi Văn Thử {index}", birth_year=1980 + index))
    out = tmp_path / "nhan" / "son-ha.pcmtbk"
    out.parent.mkdir()
    create_backup(
        database.path, out, PASSPHRASE, kdf=KdfParams.fast_for_tests(), chunk_size=SMALL_CHUNK
    )
    return out


def verify(qtbot: QtBot, path: Path, passphrase: str) -> VerifyBackupDialog:
    dialog = VerifyBackupDialog(path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText(passphrase)
    with qtbot.waitSignal(dialog.job_finished, timeout=20000):
        assert dialog.start()
    return dialog


def test_a_sound_file_is_summarised(qtbot: QtBot, backup_file: Path) -> None:
    before = folder_state(backup_file.parent)

    dialog = verify(qtbot, backup_file, PASSPHRASE)

    assert dialog.manifest is not None
    assert f"Tệp sao lưu {backup_file} nguyên vẹn" in dialog.status.text()
    summary = dialog.summary.toPlainText()
    assert "Đơn vị: Công an xã Thử Nghiệm — cấp Xã" in summary
    assert "  Đối tượng: 30" in summary
    assert "Dung lượng tệp sao lưu: " in summary
    assert folder_state(backup_file.parent) == before  # checking writes nothing


def test_a_flipped_byte_is_reported_with_its_block(qtbot: QtBot, backup_file: Path) -> None:
    data = bytearray(backup_file.read_bytes())
    position = len(data) // 2
    data[position] ^= 0x01
    backup_file.write_bytes(bytes(data))
    block = block_at(backup_file, position)
    assert block > 1

    dialog = verify(qtbot, backup_file, PASSPHRASE)

    assert dialog.manifest is None
    text = dialog.status.text()
    assert f"Tệp sao lưu bị hỏng ở khối {block}." in text
    assert f"bị hỏng ở khối {block}: dữ liệu không khớp mã xác thực" in text
    assert dialog.summary.toPlainText() == ""


def test_a_wrong_passphrase_is_told_apart_from_damage(qtbot: QtBot, backup_file: Path) -> None:
    dialog = verify(qtbot, backup_file, "không phải mật khẩu này")

    text = dialog.status.text()
    assert text.startswith("<b>Sai mật khẩu.</b>")
    assert "Mật khẩu không đúng với tệp sao lưu" in text
    assert "không phải mật khẩu này" not in text
    assert dialog.passphrase.text() == "không phải mật khẩu này"  # kept to correct it


def test_a_cut_file_is_incomplete(qtbot: QtBot, backup_file: Path) -> None:
    data = backup_file.read_bytes()
    backup_file.write_bytes(data[: len(data) - 1000])

    dialog = verify(qtbot, backup_file, PASSPHRASE)

    assert "Tệp sao lưu không đầy đủ." in dialog.status.text()
