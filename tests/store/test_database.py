"""Opening the store: pragmas, the single-program lock, refusals that leave the file alone."""

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from pcmt_desktop.store.database import Database, DatabaseOpenError
from pcmt_desktop.store.lock import DatabaseInUseError
from pcmt_desktop.store.migrate import (
    ForeignDatabaseError,
    NewerDatabaseError,
    current_revision,
    head_revision,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_open_creates_the_file_at_head(tmp_path: Path) -> None:
    path = tmp_path / "mới" / "pcmt.sqlite3"
    database = Database.open(path)
    try:
        assert path.is_file()
        with database.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        database.close()


def test_every_connection_has_the_pragmas(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    # Sessions come from the same engine; a second, fresh connection gets them too.
    with database.sessions() as session, database.engine.connect() as other:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2
        assert other.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_foreign_keys_are_enforced(database: Database) -> None:
    with database.engine.connect() as connection:
        with pytest.raises(Exception, match="FOREIGN KEY"):
            connection.execute(
                text(
                    "INSERT INTO list_stay (person_id, list_key, start_date, start_reason, "
                    "end_reason, note) VALUES (999, 'nghien', '2026-01-01', '', '', '')"
                )
            )
        connection.rollback()


def test_a_second_open_while_the_first_is_open_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pcmt.sqlite3"
    first = Database.open(path)
    try:
        with pytest.raises(DatabaseInUseError) as refused:
            Database.open(path)
        assert str(refused.value) == (
            f"Cơ sở dữ liệu {path.resolve()} đang được mở bởi một cửa sổ PCMT khác trên máy "
            "này. Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại."
        )
    finally:
        first.close()
    # Once closed, the next open goes through.
    Database.open(path).close()


CHILD = """
import sys, time
from pathlib import Path
from pcmt_desktop.store.database import Database
database = Database.open(Path(sys.argv[1]))
print("open", flush=True)
time.sleep(120)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_crashed_program_does_not_leave_the_database_locked(tmp_path: Path) -> None:
    path = tmp_path / "pcmt.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open", child.stderr
        with pytest.raises(DatabaseInUseError):
            Database.open(path)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert child.stdout is not None
        assert child.stderr is not None
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert (tmp_path / "pcmt.sqlite3.lock").exists()  # left behind, and harmless
    database = Database.open(path)
    database.close()


def _future_database(path: Path, *, made_by_us: bool) -> None:
    """A database whose alembic_version names a revision this program does not know."""
    if made_by_us:
        Database.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) PRIMARY KEY)"
        )
        connection.execute("DELETE FROM alembic_version")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()


@pytest.mark.parametrize("made_by_us", [True, False], ids=["wal", "rollback-journal"])
def test_a_newer_database_is_refused_and_left_unchanged(tmp_path: Path, made_by_us: bool) -> None:
    path = tmp_path / "pcmt.sqlite3"
    _future_database(path, made_by_us=made_by_us)
    before = digest(path)
    with pytest.raises(NewerDatabaseError) as refused:
        Database.open(path)
    assert "9999_future" in str(refused.value)
    assert "phiên bản PCMT mới hơn" in str(refused.value)
    assert digest(path) == before
    assert not path.with_name(path.name + "-wal").exists()
    # The lock was released: the refusal repeats rather than claiming "in use".
    with pytest.raises(NewerDatabaseError):
        Database.open(path)


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        "Biên bản họp giao ban tháng 11\nKhông phải cơ sở dữ liệu.\n".encode() * 40,
        b"SQLite format 3\x00" + b"\xff" * 200,  # a damaged header
    ],
    ids=["random-bytes", "text-file", "damaged-header"],
)
def test_a_file_that_is_not_a_database_is_refused_with_a_message(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "baocao.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseOpenError) as refused:
        Database.open(path)
    message = str(refused.value)
    assert message.startswith(f"Tệp {path} không phải là cơ sở dữ liệu PCMT hoặc đã bị hỏng")
    assert "sqlalche.me" not in message
    assert path.read_bytes() == content
    # The lock was released with the refusal.
    with pytest.raises(DatabaseOpenError):
        Database.open(path)


def test_another_programs_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "khac.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE hang_hoa (ma INTEGER PRIMARY KEY, ten TEXT)")
        connection.execute("INSERT INTO hang_hoa (ten) VALUES ('Gạo')")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    with pytest.raises(ForeignDatabaseError, match=r"chương trình khác .*hang_hoa"):
        Database.open(path)

    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
