"""Reading a backup file: every check, in the order that names the real problem.

1. magic, header digest, format version, parameters (header.py) — no passphrase needed;
2. the file's length against the header's: shorter is "incomplete", longer "damaged";
3. the key check: a wrong passphrase is said so, never "damaged";
4. every chunk's authentication tag, with its index and the final flag;
5. the records, the manifest, the database's length and SHA-256, SQLite's
   integrity_check, the schema revision against the manifest's;
6. the schema revision against the ones this program knows.
"""

import hashlib
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pcmt_desktop.backup.chunks import Progress, open_chunk
from pcmt_desktop.backup.errors import (
    BackupReadError,
    DamagedBackupError,
    IncompleteBackupError,
    NewerBackupError,
    WrongPassphraseError,
)
from pcmt_desktop.backup.files import write_atomically
from pcmt_desktop.backup.header import (
    HEADER_BYTES,
    TAG_BYTES,
    BackupHeader,
    key_check_matches,
    read_header,
)
from pcmt_desktop.backup.image import integrity_problem, open_image, schema_revision
from pcmt_desktop.backup.kdf import derive_keys
from pcmt_desktop.backup.manifest import Manifest, ManifestError
from pcmt_desktop.backup.records import RecordsError, split
from pcmt_desktop.store.migrate import known_revisions

# Progress is listed because callers import it from here as well as from the package.
__all__ = [
    "OpenedBackup",
    "Progress",
    "extract_database",
    "known_revisions",
    "open_backup",
    "verify_backup",
]


@dataclass(frozen=True)
class OpenedBackup:
    """A backup that passed every check: its manifest and the SQLite database's bytes."""

    manifest: Manifest
    image: memoryview


def verify_backup(path: Path, passphrase: str, *, progress: Progress | None = None) -> Manifest:
    """Decrypt and check everything; the manifest of a sound file, else a BackupError."""
    return open_backup(path, passphrase, progress).manifest


def extract_database(
    path: Path, passphrase: str, target: Path, *, progress: Progress | None = None
) -> Manifest:
    """Verify, then write the decrypted SQLite file to ``target`` (temporary file + rename)."""
    opened = open_backup(path, passphrase, progress)
    write_atomically(
        target,
        lambda stream: _write_image(stream, opened.image),
        f"Tệp {target.name} cũ (nếu có) vẫn được giữ nguyên.",
    )
    return opened.manifest


def _write_image(stream: BinaryIO, image: memoryview) -> None:
    stream.write(image)


def open_backup(path: Path, passphrase: str, progress: Progress | None = None) -> OpenedBackup:
    header = read_header(path)
    _check_length(path, header)
    keys = derive_keys(passphrase, header.kdf)
    if not key_check_matches(keys.check_key, header):
        raise WrongPassphraseError(path)
    body = _decrypt_body(path, header, keys.data_key, progress)
    manifest, image = _unpack(path, header, body)
    _check_database(path, header, manifest, image)
    return OpenedBackup(manifest, image)


def _check_length(path: Path, header: BackupHeader) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BackupReadError(f"Không đọc được tệp {path} ({error.strerror}).") from error
    if size < header.file_bytes:
        raise IncompleteBackupError(path, size, header.file_bytes)
    if size > header.file_bytes:
        raise DamagedBackupError(path, header.chunk_count, "có dữ liệu thừa sau khối cuối")


def _decrypt_body(
    path: Path, header: BackupHeader, data_key: bytes, progress: Progress | None
) -> bytearray:
    aead = AESGCM(data_key)
    body = bytearray()
    last = header.chunk_count - 1
    if progress is not None:
        progress(0, header.body_bytes)
    try:
        with path.open("rb") as stream:
            stream.seek(HEADER_BYTES)
            for index in range(header.chunk_count):
                expected = header.chunk_plain_bytes(index) + TAG_BYTES
                sealed = stream.read(expected)
                if len(sealed) < expected:
                    # The file shrank after its length was checked (a USB stick pulled).
                    raise IncompleteBackupError(path, stream.tell(), header.file_bytes)
                try:
                    body += open_chunk(aead, header, index, index == last, sealed)
                except InvalidTag:
                    raise DamagedBackupError(
                        path, index + 1, "dữ liệu không khớp mã xác thực"
                    ) from None
                if progress is not None:
                    progress(len(body), header.body_bytes)
    except OSError as error:
        raise BackupReadError(f"Không đọc được tệp {path} ({error.strerror}).") from error
    return body


def _unpack(path: Path, header: BackupHeader, body: bytearray) -> tuple[Manifest, memoryview]:
    last = header.chunk_count
    try:
        records = split(body)
    except RecordsError as error:
        raise DamagedBackupError(path, last, str(error)) from error
    if len(records) != 2:
        raise DamagedBackupError(path, last, f"có {len(records)} bản ghi thay vì 2")
    try:
        manifest = Manifest.from_json(bytes(records[0]).decode("utf-8"))
    except UnicodeDecodeError as error:
        raise DamagedBackupError(path, last, "bản kê nội dung không phải UTF-8") from error
    except ManifestError as error:
        raise DamagedBackupError(path, last, str(error)) from error
    if manifest.created_at != header.created_at:
        raise DamagedBackupError(path, last, "thời điểm tạo trong phần đầu tệp và bản kê khác nhau")
    return manifest, records[1].toreadonly()


def _check_database(
    path: Path, header: BackupHeader, manifest: Manifest, image: memoryview
) -> None:
    last = header.chunk_count
    if len(image) != manifest.database_bytes:
        raise DamagedBackupError(path, last, "cơ sở dữ liệu không đúng độ dài ghi trong bản kê")
    if hashlib.sha256(image).hexdigest() != manifest.database_sha256:
        raise DamagedBackupError(path, last, "cơ sở dữ liệu không khớp mã SHA-256 trong bản kê")
    try:
        with closing(open_image(image)) as connection:
            problem = integrity_problem(connection)
            revision = schema_revision(connection)
    except sqlite3.DatabaseError as error:
        raise DamagedBackupError(path, last, f"cơ sở dữ liệu không đọc được ({error})") from error
    if problem is not None:
        raise DamagedBackupError(path, last, f"cơ sở dữ liệu không toàn vẹn ({problem})")
    if revision != manifest.schema_revision:
        raise DamagedBackupError(path, last, "phiên bản dữ liệu khác với bản kê")
    if revision not in known_revisions():
        raise NewerBackupError(path, f"phiên bản dữ liệu “{revision}”")
