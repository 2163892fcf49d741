"""From a passphrase to keys: Argon2id, then HKDF into a data key and a key-check key.

Argon2id makes each guess of the passphrase cost about a second and a quarter of a
gibibyte of memory. Its output is split with HKDF into two keys with distinct purposes,
so the key-check value stored in the file tells nothing about the key that encrypts the
data.
"""

import os
import time
from dataclasses import dataclass, replace

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from pcmt_desktop.backup.passphrase import passphrase_bytes

ARGON2ID = "argon2id"
SALT_BYTES = 16
KEY_BYTES = 32

# Measured on the development machine (see docs/BACKUP-FORMAT.md): about one second.
DEFAULT_ITERATIONS = 4
DEFAULT_MEMORY_KIB = 256 * 1024
DEFAULT_LANES = 4

# What a reader accepts: a file asking for more could only be crafted to exhaust memory.
MAX_ITERATIONS = 100
MAX_MEMORY_KIB = 1024 * 1024
MAX_LANES = 16


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's cost parameters and the file's salt."""

    algorithm: str
    iterations: int
    memory_kib: int
    lanes: int
    salt: bytes

    @classmethod
    def default(cls) -> "KdfParams":
        return cls(ARGON2ID, DEFAULT_ITERATIONS, DEFAULT_MEMORY_KIB, DEFAULT_LANES, new_salt())

    @classmethod
    def fast_for_tests(cls) -> "KdfParams":
        """Argon2id's smallest legal cost: a test derives a key in well under a millisecond."""
        return cls(ARGON2ID, 1, 8, 1, new_salt())

    @classmethod
    def tuned(cls, target_seconds: float = 1.0) -> "KdfParams":
        """The default memory and lanes, with as many passes as fit ``target_seconds`` here."""
        probe = cls(ARGON2ID, 2, DEFAULT_MEMORY_KIB, DEFAULT_LANES, new_salt())
        started = time.perf_counter()
        derive_master_key(b"probe", probe)
        per_pass = (time.perf_counter() - started) / probe.iterations
        iterations = round(target_seconds / max(per_pass, 1e-6))
        return replace(probe, iterations=min(max(iterations, 1), MAX_ITERATIONS))

    def with_fresh_salt(self) -> "KdfParams":
        return replace(self, salt=new_salt())

    def problem(self) -> str | None:
        """Why a reader must not run these parameters, or None."""
        if self.algorithm != ARGON2ID:
            return f"thuật toán tạo khóa “{self.algorithm}” không được hỗ trợ"
        if len(self.salt) != SALT_BYTES:
            return "muối (salt) của khóa không đúng độ dài"
        if not 1 <= self.lanes <= MAX_LANES:
            return "tham số tạo khóa (lanes) nằm ngoài giới hạn"
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            return "tham số tạo khóa (số vòng) nằm ngoài giới hạn"
        if not 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB:
            return "tham số tạo khóa (bộ nhớ) nằm ngoài giới hạn"
        return None


@dataclass(frozen=True)
class BackupKeys:
    data_key: bytes
    check_key: bytes


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_master_key(secret: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(secret)


def _expand(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose).derive(master)


def derive_keys(passphrase: str, params: KdfParams) -> BackupKeys:
    master = derive_master_key(passphrase_bytes(passphrase), params)
    return BackupKeys(
        data_key=_expand(master, b"PCMT backup v1: data key"),
        check_key=_expand(master, b"PCMT backup v1: key check"),
    )
