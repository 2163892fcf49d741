"""Restoring a backup over a database: whole or not at all, and never without a copy.

Order, so that a crash at any point leaves either the old database or the new one, and
the old one is always still somewhere:
1. the backup is verified in memory (nothing on disk changes if it is refused);
2. the database's lock is taken (refused while another PCMT window has it open);
3. the restored database is written to a temporary file beside the target and opened
   with Database.open (which migrates an older schema) to prove it is usable;
4. a copy of the current database, WAL content included, is kept beside it;
5. the current -wal and -shm are removed (an old WAL beside the new file would be
   replayed into it), and the temporary file is renamed over the target.
"""

import contextlib
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pcmt_desktop.backup.chunks import Progress
from pcmt_desktop.backup.errors import BackupError, BackupWriteError, RestoreTargetInUseError
from pcmt_desktop.backup.files import (
    TEMPORARY_SUFFIX,
    sync_folder,
    temporary_prefix,
    write_atomically,
    write_problem,
)
from pcmt_desktop.backup.image import read_image
from pcmt_desktop.backup.manifest import Manifest
from pcmt_desktop.backup.read import open_backup
from pcmt_desktop.store.database import Database, DatabaseOpenError
from pcmt_desktop.store.lock import DatabaseInUseError, DatabaseLock, lock_path_for
from pcmt_desktop.store.migrate import ForeignDatabaseError, NewerDatabaseError

KEPT_DATABASE = "Cơ sở dữ liệu hiện có vẫn được giữ nguyên."
KEPT_COPY_MARK = "truoc-khoi-phuc"


@dataclass(frozen=True)
class RestoreResult:
    """What was restored, and where the database it replaced was kept (None if none)."""

    manifest: Manifest
    kept_copy: Path | None


def restore_backup(
    path: Path, passphrase: str, database_path: Path, *, progress: Progress | None = None
) -> RestoreResult:
    """Replace ``database_path`` by the backup's database, keeping a copy of it first.

    Raises:
        BackupError (any subclass): nothing was replaced; RestoreTargetInUseError when
        another program holds the database's lock.
    """
    opened = open_backup(path, passphrase, progress)
    database_path = database_path.resolve()
    database_path.parent.mkdir(parents=True, exist_ok=True)
    lock = DatabaseLock(database_path)
    try:
        lock.acquire()
    except DatabaseInUseError as error:
        raise RestoreTargetInUseError(database_path) from error
    try:
        staged = _stage(bytes(opened.image), database_path)
        try:
            kept = _keep_copy(database_path) if database_path.exists() else None
            for leftover in _journal_files(database_path):
                leftover.unlink(missing_ok=True)
            staged.replace(database_path)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        sync_folder(database_path.parent)
    except OSError as error:
        raise BackupWriteError(write_problem(error, database_path, KEPT_DATABASE)) from error
    finally:
        lock.release()
    return RestoreResult(opened.manifest, kept)


def kept_copy_name(database_path: Path, moment: datetime) -> str:
    return f"{database_path.stem}.{KEPT_COPY_MARK}-{moment:%Y%m%d-%H%M%S}.sqlite3"


def _journal_files(database: Path) -> list[Path]:
    return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]


def _stage(image: bytes, database_path: Path) -> Path:
    """The restored database in a temporary file beside the target, opened once."""
    try:
        fd, name = tempfile.mkstemp(
            dir=database_path.parent,
            prefix=temporary_prefix(database_path),
            suffix=TEMPORARY_SUFFIX,
        )
    except OSError as error:
        raise BackupWriteError(write_problem(error, database_path, KEPT_DATABASE)) from error
    staged = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(image)
            stream.flush()
            os.fsync(stream.fileno())
        _prove_usable(staged)
    except BaseException as error:
        _remove_with_companions(staged)
        if isinstance(error, OSError):
            raise BackupWriteError(write_problem(error, database_path, KEPT_DATABASE)) from error
        raise
    return staged


def _prove_usable(staged: Path) -> None:
    """Open as the program would (migrating it), then leave one self-contained file."""
    try:
        database = Database.open(staged)
    except (DatabaseOpenError, NewerDatabaseError, ForeignDatabaseError) as error:
        raise BackupError(
            f"Cơ sở dữ liệu trong tệp sao lưu không mở được ({error}). {KEPT_DATABASE}"
        ) from error
    database.close()
    with closing(sqlite3.connect(staged)) as connection:
        # Checkpoints and deletes the WAL that opening created: the rename moves one file.
        connection.execute("PRAGMA journal_mode = DELETE")
    for companion in [*_journal_files(staged), lock_path_for(staged)]:
        companion.unlink(missing_ok=True)
    with staged.open("rb+") as stream:
        os.fsync(stream.fileno())


def _remove_with_companions(staged: Path) -> None:
    for file in [staged, *_journal_files(staged), lock_path_for(staged)]:
        with contextlib.suppress(OSError):
            file.unlink(missing_ok=True)


def _keep_copy(database_path: Path) -> Path:
    """A copy of the current database beside it, made before anything is replaced."""
    moment = datetime.now()
    kept = database_path.with_name(kept_copy_name(database_path, moment))
    number = 2
    while kept.exists():
        kept = database_path.with_name(
            kept_copy_name(database_path, moment).replace(".sqlite3", f"-{number}.sqlite3")
        )
        number += 1
    try:
        image = read_image(database_path)
    except sqlite3.DatabaseError:
        # A damaged database is exactly what one restores over: keep its bytes as they are.
        _copy_raw(database_path, kept)
        return kept
    write_atomically(kept, lambda stream: stream.write(image), KEPT_DATABASE)
    return kept


def _copy_raw(database_path: Path, kept: Path) -> None:
    shutil.copyfile(database_path, kept)
    wal = database_path.with_name(database_path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, kept.with_name(kept.name + "-wal"))
