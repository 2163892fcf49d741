"""Making a backup file from a database, even while the program has it open."""

import hashlib
import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from pcmt_desktop import __version__
from pcmt_desktop.backup.chunks import Progress, seal_body
from pcmt_desktop.backup.counts import count_rows
from pcmt_desktop.backup.errors import BackupSourceError, BackupWriteError
from pcmt_desktop.backup.files import write_atomically
from pcmt_desktop.backup.header import (
    CHUNK_SIZE,
    MAX_CHUNK_SIZE,
    MIN_CHUNK_SIZE,
    NONCE_PREFIX_BYTES,
    key_check_value,
    pack_fields,
    parse_header,
    seal_header,
)
from pcmt_desktop.backup.image import (
    UnsoundDatabaseError,
    office_facts,
    open_image,
    read_image,
    schema_revision,
)
from pcmt_desktop.backup.kdf import KdfParams, derive_keys
from pcmt_desktop.backup.manifest import Manifest
from pcmt_desktop.backup.passphrase import check_new_passphrase
from pcmt_desktop.backup.records import body_length, frame

KEPT_ON_FAILURE = "Các tệp sao lưu trước đó vẫn được giữ nguyên."


def create_backup(
    database_path: Path,
    out: Path,
    passphrase: str,
    *,
    progress: Progress | None = None,
    kdf: KdfParams | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Manifest:
    """Write an encrypted backup of ``database_path`` to ``out`` and return its manifest.

    ``kdf`` gives Argon2id's costs (default: KdfParams.default()); its salt is replaced by
    a fresh one for every file, so one KdfParams may serve many backups. ``chunk_size``
    is for format tests, which need many chunks from a small database.

    Raises:
        WeakPassphraseError: shorter than MIN_PASSPHRASE_LENGTH.
        BackupSourceError: the database is missing, not PCMT's, or fails integrity_check.
        BackupWriteError: ``out`` could not be written; a file already named ``out`` is
            left untouched and no temporary file remains.
    """
    check_new_passphrase(passphrase)
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk_size must be within {MIN_CHUNK_SIZE}..{MAX_CHUNK_SIZE}")
    _refuse_overwriting_the_database(database_path, out)
    image = _snapshot(database_path)
    manifest = _manifest_of(image)
    params = (kdf or KdfParams.default()).with_fresh_salt()
    if problem := params.problem():
        raise ValueError(f"unusable key derivation parameters: {problem}")
    keys = derive_keys(passphrase, params)
    records = [manifest.to_json().encode("utf-8"), image]
    nonce_prefix = os.urandom(NONCE_PREFIX_BYTES)
    fields = pack_fields(
        params, nonce_prefix, chunk_size, body_length(records), manifest.created_at
    )
    block0 = seal_header(fields, key_check_value(keys.check_key, fields))
    header = parse_header(out, block0)

    def write(stream: BinaryIO) -> None:
        stream.write(block0)
        seal_body(keys.data_key, header, frame(records), stream.write, progress)

    write_atomically(out, write, KEPT_ON_FAILURE)
    return manifest


def _refuse_overwriting_the_database(database_path: Path, out: Path) -> None:
    database = database_path.resolve()
    names = {database.name + suffix for suffix in ("", "-wal", "-shm", ".lock")}
    if out.resolve().parent == database.parent and out.name in names:
        raise BackupWriteError(
            f"Tệp sao lưu {out} trùng với tệp của cơ sở dữ liệu: hãy chọn một tên tệp khác."
        )


def _snapshot(database_path: Path) -> bytes:
    if not database_path.is_file():
        raise BackupSourceError(f"Không tìm thấy cơ sở dữ liệu {database_path}.")
    try:
        return read_image(database_path)
    except UnsoundDatabaseError as error:
        raise BackupSourceError(
            "Cơ sở dữ liệu không qua được bước kiểm tra toàn vẹn của SQLite "
            f"({error}); chưa tạo tệp sao lưu. Hãy báo cho người quản trị."
        ) from error
    except sqlite3.DatabaseError as error:
        raise BackupSourceError(
            f"Không đọc được cơ sở dữ liệu {database_path} để sao lưu ({error})."
        ) from error


def _manifest_of(image: bytes) -> Manifest:
    """What the manifest says, read from the snapshot itself (checked by read_image)."""
    with closing(open_image(image)) as connection:
        revision = schema_revision(connection)
        if revision is None:
            raise BackupSourceError(
                "Tệp cần sao lưu không phải là cơ sở dữ liệu PCMT; chưa tạo tệp sao lưu."
            )
        office = office_facts(connection)
        counts = count_rows(connection)
    return Manifest(
        office_name=office.name,
        parent_name=office.parent_name,
        level=office.level,
        created_at=datetime.now().astimezone().replace(microsecond=0),
        program_version=__version__,
        schema_revision=revision,
        counts=counts,
        database_sha256=hashlib.sha256(image).hexdigest(),
        database_bytes=len(image),
    )
