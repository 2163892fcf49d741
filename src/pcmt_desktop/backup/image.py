"""An SQLite database held in memory as bytes: made from a file, checked, questioned.

Both ends work on the image in memory: the snapshot never lies on disk unencrypted
while a backup is made, and a received file is checked before any of it is written out.
"""

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

# SQLite file format §1.3.4: bytes 18 and 19 are 2 for a WAL database, 1 for a rollback
# journal. An image of a WAL database keeps the 2s, and SQLite then refuses to deserialize
# it (it would look for a -wal beside a file that has none); the image is whole, so 1 is
# the truth about it.
_FORMAT_VERSION_BYTES = slice(18, 20)
_ROLLBACK_JOURNAL = b"\x01\x01"


class UnsoundDatabaseError(sqlite3.DatabaseError):
    """SQLite's integrity_check found problems; the message lists the first ones."""


@dataclass(frozen=True)
class OfficeFacts:
    name: str
    parent_name: str
    level: str


def read_image(path: Path) -> bytes:
    """A consistent copy of the database at ``path``, taken while others may write to it.

    The copy goes through the SQLite backup API on a separate read-only connection, in one
    step: it sees one committed state, WAL content included. The copy is then checked
    with integrity_check (UnsoundDatabaseError) before it is turned into bytes.
    """
    with (
        closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(":memory:")) as memory,
    ):
        source.execute("PRAGMA busy_timeout = 5000")
        source.backup(memory)
        try:
            problem = integrity_problem(memory)
        except sqlite3.DatabaseError as error:  # "malformed": too damaged even to check
            problem = str(error)
        if problem is not None:
            raise UnsoundDatabaseError(problem)
        image = bytearray(memory.serialize())
    if len(image) >= _FORMAT_VERSION_BYTES.stop:
        image[_FORMAT_VERSION_BYTES] = _ROLLBACK_JOURNAL
    return bytes(image)


def open_image(image: bytes | memoryview) -> sqlite3.Connection:
    """A private in-memory connection on a copy of ``image``."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(image)
    except BaseException:
        connection.close()
        raise
    return connection


def integrity_problem(connection: sqlite3.Connection) -> str | None:
    """SQLite's own full check; None when the database is sound."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    if [tuple(row) for row in rows] == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows[:3])


def schema_revision(connection: sqlite3.Connection) -> str | None:
    """Alembic's revision, or None for a database that is not a PCMT one."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if has_table is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def office_facts(connection: sqlite3.Connection) -> OfficeFacts:
    """The office row (id 1); empty text before the office is set up."""
    try:
        row = connection.execute(
            "SELECT name, parent_name, level FROM office ORDER BY id LIMIT 1"
        ).fetchone()
    except sqlite3.OperationalError:
        row = None
    if row is None:
        return OfficeFacts("", "", "")
    return OfficeFacts(str(row[0] or ""), str(row[1] or ""), str(row[2] or ""))
