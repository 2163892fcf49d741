"""A final name only ever names a whole file; a database that cannot be backed up says why."""

import errno
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import BinaryIO

import pytest

from pcmt_desktop.backup import BackupSourceError, BackupWriteError
from pcmt_desktop.backup.files import write_atomically
from tests.backup.helpers import make_backup

KEPT = "Tệp cũ vẫn được giữ nguyên."


def _fails_half_way(error: BaseException) -> object:
    def write(stream: BinaryIO) -> None:
        stream.write(b"nua chung")
        raise error

    return write


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), BackupWriteError),
        (KeyboardInterrupt(), KeyboardInterrupt),
    ],
    ids=["disk-full", "interrupted"],
)
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, error: BaseException, raised: type[BaseException]
) -> None:
    target = tmp_path / "son-ha.pcmtbk"
    target.write_bytes(b"ban cu")
    with pytest.raises(raised) as refused:
        write_atomically(target, _fails_half_way(error), KEPT)  # type: ignore[arg-type]
    assert target.read_bytes() == b"ban cu"
    assert [path.name for path in tmp_path.iterdir()] == ["son-ha.pcmtbk"]
    if raised is BackupWriteError:
        assert str(refused.value) == (
            f"Không ghi được tệp {target}: ổ đĩa đã đầy (hoặc tệp vượt quá dung lượng cho "
            f"phép). {KEPT}"
        )


def test_a_whole_write_replaces_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "son-ha.pcmtbk"
    target.write_bytes(b"ban cu")
    write_atomically(target, lambda stream: stream.write(b"ban moi"), KEPT)
    assert target.read_bytes() == b"ban moi"
    assert [path.name for path in tmp_path.iterdir()] == ["son-ha.pcmtbk"]


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "usb" / "son-ha.pcmtbk"
    with pytest.raises(BackupWriteError, match="không tồn tại") as refused:
        write_atomically(target, lambda stream: stream.write(b"x"), KEPT)
    assert str(tmp_path / "usb") in str(refused.value)


def test_the_backup_cannot_overwrite_the_database_or_its_companions(
    demo_database: Path,
) -> None:
    for name in ("pcmt.sqlite3", "pcmt.sqlite3-wal", "pcmt.sqlite3.lock"):
        with pytest.raises(BackupWriteError, match="trùng với tệp của cơ sở dữ liệu"):
            make_backup(demo_database, demo_database.with_name(name))


def test_what_is_not_a_pcmt_database_is_not_backed_up(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.sqlite3"
    with pytest.raises(BackupSourceError, match="Không tìm thấy cơ sở dữ liệu"):
        make_backup(missing, tmp_path / "a.pcmtbk")
    other = tmp_path / "khac.sqlite3"
    with closing(sqlite3.connect(other)) as connection, connection:
        connection.execute("CREATE TABLE ke_toan (so_tien INTEGER)")
    with pytest.raises(BackupSourceError, match="không phải là cơ sở dữ liệu PCMT"):
        make_backup(other, tmp_path / "b.pcmtbk")
    garbage = tmp_path / "hong.sqlite3"
    garbage.write_bytes(b"day khong phai SQLite" * 500)
    with pytest.raises(BackupSourceError, match="Không đọc được cơ sở dữ liệu"):
        make_backup(garbage, tmp_path / "c.pcmtbk")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["hong.sqlite3", "khac.sqlite3"]


def test_a_database_that_fails_its_integrity_check_is_not_backed_up(
    demo_database: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "hong.sqlite3"
    # Scribble over a page that surely holds data: the persons table's root page (a page
    # picked by position could be a free one, which integrity_check rightly ignores).
    with closing(sqlite3.connect(demo_database)) as connection:
        page = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'person'"
        ).fetchone()[0]
    data = bytearray(demo_database.read_bytes())
    start = (root - 1) * page
    data[start + 8 : start + page] = b"\xff" * (page - 8)
    broken.write_bytes(bytes(data))
    with pytest.raises(BackupSourceError, match="không qua được bước kiểm tra toàn vẹn"):
        make_backup(broken, tmp_path / "a.pcmtbk")
    assert not (tmp_path / "a.pcmtbk").exists()
