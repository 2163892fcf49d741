"""The passphrase as bytes, and the rule on its length.

Vietnamese keyboards (Unikey, the Windows and macOS input methods) may type "ệ" as one
precomposed character or as "e" plus combining marks. The same passphrase typed on two
machines must open the same file, so it is normalised to NFC before it is encoded.
"""

import unicodedata

from pcmt_desktop.backup.errors import WeakPassphraseError

MIN_PASSPHRASE_LENGTH = 8


def passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused, or None; never repeats the passphrase."""
    length = len(unicodedata.normalize("NFC", passphrase))
    if length < MIN_PASSPHRASE_LENGTH:
        return (
            f"Mật khẩu quá ngắn ({length} ký tự): cần ít nhất {MIN_PASSPHRASE_LENGTH} ký tự "
            "để bảo vệ dữ liệu cá nhân trong tệp sao lưu."
        )
    return None


def check_new_passphrase(passphrase: str) -> None:
    if problem := passphrase_problem(passphrase):
        raise WeakPassphraseError(problem)
