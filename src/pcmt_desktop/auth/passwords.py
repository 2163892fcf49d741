"""Passwords: the strength rule for a new one, and Argon2id hashes of them.

A password only ever lives in memory: it is checked, hashed and dropped. No message of
this module repeats it, and nothing here writes it anywhere.

Vietnamese keyboards may type "ệ" as one character or as "e" plus combining marks; the
same password typed on two machines must match, so it is normalised to NFC first.
"""

import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10

# RFC 9106's second recommended option (64 MiB, 3 passes): a fraction of a second per
# guess on an office PC, which is paid once per login.
DEFAULT_HASHER = PasswordHasher(
    time_cost=3,
    memory_cost=64 * 1024,
    parallelism=4,
    hash_len=32,
    salt_len=16,
    type=Type.ID,
)

# Passwords people choose first; compared without regard to case.
COMMON_PASSWORDS = frozenset(
    {
        "1234567890",
        "12345678910",
        "123456789a",
        "a123456789",
        "abc1234567",
        "abcd123456",
        "1234567890a",
        "qwerty1234",
        "qwertyuiop",
        "qwerty123456",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "password123",
        "password12",
        "passw0rd123",
        "p@ssw0rd123",
        "admin12345",
        "admin123456",
        "administrator",
        "matkhau123",
        "matkhau1234",
        "matkhaumoi1",
        "congan1234",
        "congan123456",
        "quantri123",
        "quantri1234",
        "nhaplieu123",
        "lanhdao123",
        "vietnam123",
        "vietnam1234",
        "iloveyou123",
        "anhyeuem123",
        "hanoi12345",
        "khongbiet123",
    }
)


def normalised(password: str) -> str:
    return unicodedata.normalize("NFC", password)


def _classes(password: str) -> int:
    """How many of: lower-case letters, upper-case letters, digits, anything else."""
    kinds = set()
    for character in password:
        if character.isdigit():
            kinds.add("digit")
        elif character.islower():
            kinds.add("lower")
        elif character.isupper():
            kinds.add("upper")
        else:
            kinds.add("other")
    return len(kinds)


def password_problems(password: str, user_name: str = "") -> list[str]:
    """Why a new password is refused (Vietnamese), empty when it is accepted.

    No message contains the password or any part of it.
    """
    password = normalised(password)
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(
            f"Mật khẩu quá ngắn ({len(password)} ký tự): cần ít nhất {MIN_LENGTH} ký tự."
        )
    if password and _classes(password) < 2:
        problems.append(
            "Mật khẩu không được chỉ gồm một loại ký tự (chỉ toàn chữ số, toàn chữ thường "
            "hoặc toàn chữ hoa): hãy kết hợp chữ với số hoặc ký hiệu."
        )
    name = normalised(user_name).strip().casefold()
    if len(name) >= 3 and name in password.casefold():
        problems.append("Mật khẩu không được chứa tên đăng nhập.")
    if password.casefold() in COMMON_PASSWORDS:
        problems.append("Mật khẩu này quá phổ biến, dễ bị đoán ra: hãy chọn mật khẩu khác.")
    return problems


def hash_password(password: str, hasher: PasswordHasher = DEFAULT_HASHER) -> str:
    return hasher.hash(normalised(password))


def verify_password(
    stored_hash: str, password: str, hasher: PasswordHasher = DEFAULT_HASHER
) -> bool:
    """True when ``password`` matches; a damaged stored hash counts as no match."""
    try:
        return hasher.verify(stored_hash, normalised(password))
    except (VerificationError, InvalidHashError, ValueError):
        # ValueError: a stored hash that is not even ASCII.
        return False


def needs_rehash(stored_hash: str, hasher: PasswordHasher = DEFAULT_HASHER) -> bool:
    """Whether the hash was made with other parameters than ``hasher``'s (then re-hash it)."""
    try:
        return hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def fast_hasher_for_tests() -> PasswordHasher:
    """Argon2id's smallest legal cost: a test hashes in well under a millisecond."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, hash_len=16, salt_len=16)
