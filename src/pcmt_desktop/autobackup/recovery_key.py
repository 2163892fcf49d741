"""The recovery key that encrypts automatic backups, kept in a file beside the database.

Automatic backups run unattended (on closing, daily, before an import), so nobody is there
to type a passphrase: the program generates one, 30 random Crockford base32 characters
(150 bits, from ``secrets``) shown as six groups of five, e.g. ``7KQ2M-…``. It lives in
``<database stem>.khoa-sao-luu`` next to the database, readable by the owner only where
the operating system allows. Whoever loses the database folder loses this file too, so the
administrator writes the key down once (the window shows it) and types it to restore.

Because the key is random and long, stretching it buys nothing: a guess of 150 bits costs
the same whether Argon2id takes a millisecond or a second. Automatic backups therefore use
a light Argon2id (``light_kdf``), so closing the program on an old office PC does not wait
a second and a quarter gibibyte of memory twice (write, then verify). Backups protected by
a passphrase a person chose keep the full cost.

The key is never logged and never put into an exception message or a repr.
"""

import os
import secrets
from pathlib import Path

from pcmt_desktop.autobackup.errors import AutoBackupError
from pcmt_desktop.backup.kdf import ARGON2ID, KdfParams, new_salt

KEY_FILE_SUFFIX = ".khoa-sao-luu"
# Crockford's base32: no I, L, O or U, so a key copied by hand is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 6
GROUP_LENGTH = 5
# What an officer may type for a letter the alphabet leaves out.
_READ_AS = {"I": "1", "L": "1", "O": "0"}
LIGHT_KDF_MEMORY_KIB = 8 * 1024
_HEADER = "# Khóa khôi phục các bản sao lưu tự động PCMT. Không xóa, không sửa tệp này.\n"


def light_kdf() -> KdfParams:
    """Argon2id for a generated key: one pass over 8 MiB, with a fresh salt."""
    return KdfParams(ARGON2ID, 1, LIGHT_KDF_MEMORY_KIB, 1, new_salt())


def key_path_for(database_path: Path) -> Path:
    return database_path.with_name(database_path.stem + KEY_FILE_SUFFIX)


def generate_key() -> str:
    characters = [secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH)]
    return _grouped("".join(characters))


def _grouped(characters: str) -> str:
    return "-".join(
        characters[start : start + GROUP_LENGTH]
        for start in range(0, GROUPS * GROUP_LENGTH, GROUP_LENGTH)
    )


def normalize_key(typed: str) -> str | None:
    """The key in its canonical form (upper case, grouped), or None if it cannot be one.

    Accepts what an officer copies by hand: lower case, spaces or no dashes, O for 0,
    I or L for 1.
    """
    characters = "".join(
        _READ_AS.get(character, character)
        for character in typed.upper()
        if not character.isspace() and character != "-"
    )
    if len(characters) != GROUPS * GROUP_LENGTH or any(c not in ALPHABET for c in characters):
        return None
    return _grouped(characters)


def key_exists(database_path: Path) -> bool:
    return key_path_for(database_path).exists()


def recovery_key(database_path: Path) -> str:
    """The key of this database's automatic backups, created on first use.

    Raises:
        AutoBackupError: the key file exists but is not a key (damaged or edited by hand),
            or cannot be read or written.
    """
    path = key_path_for(database_path)
    if not path.exists():
        _write_new_key(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        # No chained cause: a decoding error carries the file's bytes, the key among them.
        raise AutoBackupError(f"Không đọc được tệp khóa sao lưu {path}.") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    key = normalize_key(lines[0]) if len(lines) == 1 else None
    if key is None:
        raise AutoBackupError(
            f"Tệp khóa sao lưu {path} đã bị hỏng hoặc bị sửa. Chưa sao lưu được; "
            "hãy đặt lại tệp này từ khóa khôi phục đã ghi lại."
        )
    return key


def _write_new_key(path: Path) -> None:
    temporary = path.with_name(path.name + ".tmp")
    content = (_HEADER + generate_key() + "\n").encode("utf-8")
    try:
        # Created with owner-only permissions (Windows ignores the mode; the user's
        # profile folder is already private there), then renamed: never half a key.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise AutoBackupError(f"Không ghi được tệp khóa sao lưu {path}.") from None
