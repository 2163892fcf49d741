"""A backup made by a newer program's database is refused by verify and restore."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pcmt_desktop.backup import NewerBackupError, restore_backup, verify_backup
from pcmt_desktop.store.database import Database
from tests.backup.helpers import PASSPHRASE, folder_state, make_backup

FUTURE = "0999_tuong_lai"


def _future_database(path: Path) -> None:
    """Our schema, stamped with a revision this program does not know."""
    Database.open(path).close()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (FUTURE,))


def test_a_backup_of_a_newer_schema_is_refused_with_a_message(tmp_path: Path) -> None:
    newer = tmp_path / "moi-hon" / "pcmt.sqlite3"
    newer.parent.mkdir()
    _future_database(newer)
    sent = tmp_path / "moi-hon.pcmtbk"
    made = make_backup(newer, sent)
    assert made.schema_revision == FUTURE

    with pytest.raises(NewerBackupError) as refused:
        verify_backup(sent, PASSPHRASE)
    message = str(refused.value)
    assert "được tạo bởi một phiên bản PCMT mới hơn" in message
    assert f"phiên bản dữ liệu “{FUTURE}”" in message

    target = tmp_path / "van-phong" / "pcmt.sqlite3"
    Database.open(target).close()
    before = folder_state(target.parent)
    with pytest.raises(NewerBackupError):
        restore_backup(sent, PASSPHRASE, target)
    assert folder_state(target.parent) == before
