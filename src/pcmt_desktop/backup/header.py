"""The clear header of a backup file (block 0): what a reader needs before the passphrase.

Layout and every check: docs/BACKUP-FORMAT.md. The header holds no personal data and not
the office's name: a lost USB stick must not say whose registry it carries. The only
fact about the content in clear is when the file was made, so that backups can be sorted
and thinned without the passphrase.

The header ends with an unkeyed SHA-256 of itself. It tells accidental damage to the
header ("damaged at block 0") apart from a wrong passphrase; the keyed checks (the key
check, and the header bound into every chunk) are what stop deliberate changes.
"""

import hashlib
import hmac
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pcmt_desktop.backup.errors import (
    BackupReadError,
    DamagedBackupError,
    IncompleteBackupError,
    NewerBackupError,
    NotABackupError,
)
from pcmt_desktop.backup.kdf import ARGON2ID, KdfParams

# PNG-style: the high bit catches 7-bit transfers, "\r\n" and "\x1a" catch a copy made in
# text mode, which would rewrite line ends.
MAGIC = b"\x89PCMT\r\n\x1a"
FORMAT_VERSION = 1

# Every version keeps this envelope: magic, version, length of the part the digest covers.
_ENVELOPE = struct.Struct(">8sHH")
# Version 1's fields after the envelope.
_FIELDS_V1 = struct.Struct(">BIII16s7sIQq")
KEY_CHECK_BYTES = 32
DIGEST_BYTES = 32
FIELDS_BYTES = _ENVELOPE.size + _FIELDS_V1.size
COVERED_BYTES = FIELDS_BYTES + KEY_CHECK_BYTES
HEADER_BYTES = COVERED_BYTES + DIGEST_BYTES
MAX_COVERED_BYTES = 4096

NONCE_PREFIX_BYTES = 7
TAG_BYTES = 16
CHUNK_SIZE = 1024 * 1024
MIN_CHUNK_SIZE = 256
MAX_CHUNK_SIZE = 64 * 1024 * 1024
MAX_CHUNKS = 2**32

_ALGORITHM_IDS = {ARGON2ID: 1}
_ALGORITHM_NAMES = {number: name for name, number in _ALGORITHM_IDS.items()}


@dataclass(frozen=True)
class BackupHeader:
    """Block 0, parsed. ``fields`` are its raw bytes that the key check signs."""

    format_version: int
    kdf: KdfParams
    nonce_prefix: bytes
    chunk_size: int
    body_bytes: int
    created_at: datetime
    fields: bytes
    key_check: bytes
    digest: bytes

    @property
    def chunk_count(self) -> int:
        """An empty body is still one (empty) final chunk, so a file never ends unsealed."""
        return max(1, -(-self.body_bytes // self.chunk_size))

    @property
    def file_bytes(self) -> int:
        return HEADER_BYTES + self.body_bytes + TAG_BYTES * self.chunk_count

    def chunk_plain_bytes(self, index: int) -> int:
        """Plaintext size of chunk ``index`` (0-based): full, except the final one."""
        if index < self.chunk_count - 1:
            return self.chunk_size
        return self.body_bytes - self.chunk_size * (self.chunk_count - 1)


def pack_fields(
    kdf: KdfParams, nonce_prefix: bytes, chunk_size: int, body_bytes: int, created_at: datetime
) -> bytes:
    """The header's bytes up to the key check."""
    return _ENVELOPE.pack(MAGIC, FORMAT_VERSION, COVERED_BYTES) + _FIELDS_V1.pack(
        _ALGORITHM_IDS[kdf.algorithm],
        kdf.iterations,
        kdf.memory_kib,
        kdf.lanes,
        kdf.salt,
        nonce_prefix,
        chunk_size,
        body_bytes,
        int(created_at.timestamp()),
    )


def key_check_value(check_key: bytes, fields: bytes) -> bytes:
    return hmac.digest(check_key, fields, "sha256")


def key_check_matches(check_key: bytes, header: BackupHeader) -> bool:
    return hmac.compare_digest(key_check_value(check_key, header.fields), header.key_check)


def seal_header(fields: bytes, key_check: bytes) -> bytes:
    covered = fields + key_check
    return covered + hashlib.sha256(covered).digest()


def read_header(path: Path) -> BackupHeader:
    """Parse block 0 without the passphrase.

    Raises:
        NotABackupError, IncompleteBackupError, DamagedBackupError, NewerBackupError.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_COVERED_BYTES + DIGEST_BYTES)
    except OSError as error:
        raise BackupReadError(f"Không đọc được tệp {path} ({error.strerror}).") from error
    return parse_header(path, data)


def parse_header(path: Path, data: bytes) -> BackupHeader:
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data):
            raise IncompleteBackupError(path, len(data), None)
        raise NotABackupError(path)
    if not data.startswith(MAGIC):
        raise NotABackupError(path)
    if len(data) < _ENVELOPE.size:
        raise IncompleteBackupError(path, len(data), None)
    _, version, covered = _ENVELOPE.unpack_from(data)
    if not _ENVELOPE.size <= covered <= MAX_COVERED_BYTES:
        raise DamagedBackupError(path, 0, "độ dài phần đầu tệp không hợp lệ")
    if len(data) < covered + DIGEST_BYTES:
        raise IncompleteBackupError(path, len(data), None)
    digest = data[covered : covered + DIGEST_BYTES]
    if not hmac.compare_digest(hashlib.sha256(data[:covered]).digest(), digest):
        raise DamagedBackupError(path, 0, "mã kiểm tra phần đầu tệp không khớp")
    if version > FORMAT_VERSION:
        raise NewerBackupError(path, f"định dạng tệp phiên bản {version}")
    if version != FORMAT_VERSION or covered != COVERED_BYTES:
        raise DamagedBackupError(path, 0, f"phiên bản định dạng {version} không hợp lệ")
    return _parse_v1(path, data, digest)


def _parse_v1(path: Path, data: bytes, digest: bytes) -> BackupHeader:
    (
        algorithm,
        iterations,
        memory_kib,
        lanes,
        salt,
        nonce_prefix,
        chunk_size,
        body_bytes,
        created_seconds,
    ) = _FIELDS_V1.unpack_from(data, _ENVELOPE.size)
    if algorithm not in _ALGORITHM_NAMES:
        raise NewerBackupError(path, f"thuật toán tạo khóa số {algorithm}")
    kdf = KdfParams(_ALGORITHM_NAMES[algorithm], iterations, memory_kib, lanes, salt)
    if problem := kdf.problem():
        raise DamagedBackupError(path, 0, problem)
    header = BackupHeader(
        format_version=FORMAT_VERSION,
        kdf=kdf,
        nonce_prefix=nonce_prefix,
        chunk_size=chunk_size,
        body_bytes=body_bytes,
        created_at=_created_at(path, created_seconds),
        fields=data[:FIELDS_BYTES],
        key_check=data[FIELDS_BYTES:COVERED_BYTES],
        digest=digest,
    )
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise DamagedBackupError(path, 0, "kích thước khối không hợp lệ")
    if header.chunk_count > MAX_CHUNKS:
        raise DamagedBackupError(path, 0, "số khối vượt quá giới hạn")
    return header


def _created_at(path: Path, seconds: int) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise DamagedBackupError(path, 0, "thời điểm tạo tệp không hợp lệ") from error
