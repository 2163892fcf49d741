"""The default consolidated store: a folder with one SQLite file per office and a catalog.

An office's file is its own database, migrated to this program's schema, stored under a
fresh name (``office_3-1a2b3c4d.sqlite3``) so that receiving a newer backup never
overwrites the file being replaced: the new file is complete on disk before the catalog
row that points at it is committed, and the replaced file is removed only after. A
crash at any point leaves the catalog pointing at complete files; a file no catalog row
points at is a leftover and is swept at the next reception.

The files are switched out of WAL mode before they are stored, so that opening them
read-only (``mode=ro``) leaves nothing behind and needs no write access.
"""

import os
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

from pcmt_desktop.store.database import Database, make_engine
from pcmt_desktop.store.lock import DatabaseInUseError, DatabaseLock
from pcmt_desktop.upper.arrival import Arrival, Placement, place
from pcmt_desktop.upper.catalog import (
    CATALOG_SCHEMA,
    ReceivedBackup,
    current_storages,
    metadata,
    record,
)
from pcmt_desktop.upper.errors import UpperStoreError

CATALOG_FILE_NAME = "catalog.sqlite3"
SCRATCH_FOLDER_NAME = "dang-nhan"
OFFICE_FILE_PATTERN = "office_*.sqlite3"


def read_only_engine(path: Path) -> Engine:
    """An engine whose every connection opens ``path`` with ``mode=ro``."""
    uri = f"{path.resolve().as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return create_engine("sqlite://", creator=connect, poolclass=NullPool)


def settle(path: Path) -> None:
    """Fold the WAL into the file and leave WAL mode, so read-only opens need nothing else."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    for suffix in ("-wal", "-shm", ".lock"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder; its renames are journaled by NTFS.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    """Best effort: on Windows a file another window still reads cannot be removed yet.

    What stays is unlisted, and the next reception's sweep removes it.
    """
    with suppress(OSError):
        path.unlink(missing_ok=True)


class SqliteNamespaces:
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / SCRATCH_FOLDER_NAME).mkdir(exist_ok=True)
        except OSError as error:
            raise UpperStoreError(
                f"Không tạo được thư mục kho tổng hợp {self.folder}: {error.strerror or error}."
            ) from error
        engine = make_engine(self.folder / CATALOG_FILE_NAME)
        self._catalog = engine.execution_options(schema_translate_map={CATALOG_SCHEMA: None})
        metadata.create_all(self._catalog)

    def catalog(self) -> Engine:
        return self._catalog

    def scratch_folder(self) -> Path:
        # Inside the store's folder: the decrypted file is then moved in by a rename.
        return self.folder / SCRATCH_FOLDER_NAME

    @contextmanager
    def receiving(self) -> Iterator[None]:
        """One reception at a time, across processes; leftovers of a crashed one go first."""
        lock = DatabaseLock(self.folder / CATALOG_FILE_NAME)
        try:
            lock.acquire()
        except DatabaseInUseError as error:
            raise UpperStoreError(
                f"Kho tổng hợp {self.folder} đang được một chương trình PCMT khác cập nhật. "
                "Hãy đợi việc đó xong rồi thử lại; chương trình không thay đổi gì."
            ) from error
        try:
            self._sweep()
            yield
        finally:
            lock.release()

    def install(self, database: Path, arrival: Arrival) -> Placement:
        """Called inside ``receiving()``, with ``database`` settled in the scratch folder."""
        stored: Path | None = None
        try:
            with self._catalog.begin() as connection:
                placement = place(connection, arrival)
                if placement.namespace is None:
                    return placement
                stored = self.folder / f"{placement.namespace}-{secrets.token_hex(4)}.sqlite3"
                database.replace(stored)
                _fsync_folder(self.folder)
                record(connection, arrival.catalog_row(placement.namespace, stored.name))
        except BaseException:
            if stored is not None:
                stored.unlink(missing_ok=True)
            raise
        if placement.held is not None:
            _remove(self.folder / placement.held.storage)
        return placement

    def _sweep(self) -> None:
        """Remove what an interrupted reception left: unlisted office files, scratch files.

        Runs under the reception lock, so no other reception is using either.
        """
        with self._catalog.connect() as connection:
            wanted = set(connection.execute(current_storages()).scalars())
        for path in self.folder.glob(OFFICE_FILE_PATTERN):
            if path.name not in wanted:
                _remove(path)
        for leftover in self.scratch_folder().iterdir():
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                _remove(leftover)

    def reader(self, backup: ReceivedBackup) -> Engine:
        path = self.folder / backup.storage
        if not path.exists():
            raise UpperStoreError(
                f"Thiếu tệp dữ liệu {path} của đơn vị “{backup.office_name}” trong kho tổng hợp. "
                "Hãy nhận lại tệp sao lưu của đơn vị này."
            )
        return read_only_engine(path)

    def upgrade(self, backup: ReceivedBackup) -> None:
        path = self.folder / backup.storage
        with self.receiving():
            Database.open(path).close()
            settle(path)

    def close(self) -> None:
        self._catalog.dispose()
