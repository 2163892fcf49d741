"""Faults that need a real process: kill -9 while writing, kill -9 while backing up, a full disk."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pcmt_desktop.backup import restore_backup, verify_backup
from pcmt_desktop.backup.files import TEMPORARY_SUFFIX
from tests.backup.helpers import (
    PASSPHRASE,
    digest,
    folder_state,
    integrity,
    make_backup,
    table_rows,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and rlimits are POSIX")

REPOSITORY = Path(__file__).resolve().parents[2]


@contextmanager
def child(*arguments: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.backup.children", *arguments],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def killed_writer(database: Path, commits: int) -> list[int]:
    """Start a writer, let it commit ``commits`` persons, kill -9 it; the ids it committed."""
    committed: list[int] = []
    with child("write", str(database)) as process:
        assert process.stdout is not None
        while len(committed) < commits:
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else ""
            committed.append(int(line))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
    return committed


def test_kill_during_writes_loses_no_committed_row(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    committed = killed_writer(database, 40)
    # Killed mid-stream: the committed rows are in the WAL, not yet in the main file.
    assert database.with_name("pcmt.sqlite3-wal").exists()
    present = {row[0] for row in table_rows(database)["person"]}
    assert set(committed) <= present
    assert integrity(database) == "ok"


def test_restore_over_a_crashed_database_keeps_its_wal_content(
    demo_database: Path, tmp_path: Path
) -> None:
    sent = tmp_path / "son-ha.pcmtbk"
    make_backup(demo_database, sent)
    database = tmp_path / "van-phong" / "pcmt.sqlite3"
    database.parent.mkdir()
    committed = killed_writer(database, 25)

    result = restore_backup(sent, PASSPHRASE, database)

    assert result.kept_copy is not None
    kept = {row[0] for row in table_rows(result.kept_copy)["person"]}
    assert set(committed) <= kept
    assert table_rows(database) == table_rows(demo_database)
    assert not database.with_name("pcmt.sqlite3-wal").exists()


@pytest.mark.parametrize("earlier", [True, False], ids=["over-an-earlier-backup", "new-name"])
def test_kill_during_a_backup_leaves_no_file_with_the_final_name(
    demo_database: Path, tmp_path: Path, earlier: bool
) -> None:
    out = tmp_path / "sao-luu" / "son-ha.pcmtbk"
    out.parent.mkdir()
    if earlier:
        make_backup(demo_database, out)
        earlier_digest = digest(out)
    with child("create", str(demo_database), str(out)) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line == "dang-ghi\n", process.stderr.read() if process.stderr else ""
        os.kill(process.pid, signal.SIGKILL)
    names = sorted(path.name for path in out.parent.iterdir())
    # The half-written file is a hidden temporary one, never the final name.
    half = [name for name in names if name.endswith(TEMPORARY_SUFFIX)]
    assert len(half) == 1
    assert half[0].startswith(".son-ha.pcmtbk.")
    if earlier:
        assert digest(out) == earlier_digest
        assert verify_backup(out, PASSPHRASE).counts["person"] == 50
    else:
        assert not out.exists()


def test_a_full_disk_is_a_message_and_earlier_backups_are_kept(
    demo_database: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    make_backup(demo_database, folder / "hom-qua.pcmtbk")
    make_backup(demo_database, folder / "hom-nay.pcmtbk")
    before = folder_state(folder)
    limit = 128 * 1024
    assert demo_database.stat().st_size > 2 * limit

    with child("full", str(demo_database), str(folder / "hom-nay.pcmtbk"), str(limit)) as process:
        out, err = process.communicate(timeout=60)

    assert process.returncode == 0, err
    assert out.startswith("BackupWriteError: Không ghi được tệp "), out + err
    assert "ổ đĩa đã đầy" in out
    assert "Các tệp sao lưu trước đó vẫn được giữ nguyên." in out
    assert PASSPHRASE not in out + err
    assert folder_state(folder) == before
