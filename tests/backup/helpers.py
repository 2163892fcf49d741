"""What the backup tests share: a passphrase, small chunks, and ways to look at files."""

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from pcmt_desktop.backup import KdfParams, Manifest, create_backup, read_header
from pcmt_desktop.backup.header import HEADER_BYTES, TAG_BYTES

PASSPHRASE = "Mật khẩu thử nghiệm 2026"
# Small chunks: a database of a few hundred KB makes a file of many chunks, so that every
# chunk boundary and every block can be reached by a test.
SMALL_CHUNK = 4096


def make_backup(database: Path, out: Path, chunk_size: int = SMALL_CHUNK) -> Manifest:
    return create_backup(
        database, out, PASSPHRASE, kdf=KdfParams.fast_for_tests(), chunk_size=chunk_size
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` with its SHA-256: equal states mean nothing changed."""
    return {path.name: digest(path) for path in sorted(folder.iterdir()) if path.is_file()}


def block_at(backup: Path, position: int) -> int:
    """Which block a byte belongs to: 0 the header, k the k-th chunk."""
    header = read_header(backup)
    if position < HEADER_BYTES:
        return 0
    return 1 + (position - HEADER_BYTES) // (header.chunk_size + TAG_BYTES)


def chunk_boundaries(backup: Path) -> list[int]:
    """Offsets where block 1, 2, … begin (the end of the header, then after each chunk)."""
    header = read_header(backup)
    return [
        HEADER_BYTES + index * (header.chunk_size + TAG_BYTES)
        for index in range(header.chunk_count)
    ]


def table_rows(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in rowid order (WAL content included)."""
    with closing(sqlite3.connect(database)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for table in sorted(tables)
        }


def integrity(database: Path) -> str:
    with closing(sqlite3.connect(database)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
