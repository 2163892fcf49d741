"""Why a backup file could not be made, read or restored — each reason its own class.

The window and the command line show ``str(error)`` as it is: every message says, in
Vietnamese, exactly what is wrong and that nothing was changed. No message ever holds the
passphrase.
"""

from pathlib import Path


class BackupError(Exception):
    """Any refusal of the backup module; the message is for the officer."""


class NotABackupError(BackupError):
    """The file does not start with the backup file's magic bytes."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Tệp {path} không phải là tệp sao lưu PCMT (phần đầu tệp không đúng định dạng)."
        )


class NewerBackupError(BackupError):
    """The file was made by a newer program: a format version or schema this one lacks."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"Tệp sao lưu {path} được tạo bởi một phiên bản PCMT mới hơn ({what}). "
            "Hãy cài phiên bản PCMT mới nhất để đọc nó; chương trình không thay đổi gì."
        )


class WrongPassphraseError(BackupError):
    """The key check failed: the passphrase is not the one the file was made with."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Mật khẩu không đúng với tệp sao lưu {path}. Hãy nhập lại đúng mật khẩu đã đặt "
            "khi tạo tệp (phân biệt chữ hoa, chữ thường và dấu)."
        )


class DamagedBackupError(BackupError):
    """A block failed its check: block 0 is the header, blocks 1… are the data chunks."""

    def __init__(self, path: Path, chunk_index: int, detail: str) -> None:
        place = "khối 0 (phần đầu tệp)" if chunk_index == 0 else f"khối {chunk_index}"
        super().__init__(
            f"Tệp sao lưu {path} bị hỏng ở {place}: {detail}. Hãy chép lại tệp từ nơi gửi; "
            "chương trình không thay đổi gì."
        )
        self.chunk_index = chunk_index


class IncompleteBackupError(BackupError):
    """The file ends before its last chunk (a copy or a download cut short)."""

    def __init__(self, path: Path, size: int, expected: int | None) -> None:
        of = f" trên {expected:,} byte".replace(",", ".") if expected is not None else ""
        have = f"{size:,}".replace(",", ".")
        super().__init__(
            f"Tệp sao lưu {path} không đầy đủ: chỉ có {have}{of}, thiếu phần cuối "
            "(có thể việc chép tệp bị ngắt giữa chừng). Hãy chép lại tệp; "
            "chương trình không thay đổi gì."
        )


class BackupReadError(BackupError):
    """The file could not be read at all (missing, no permission, a failing disk)."""


class BackupWriteError(BackupError):
    """The backup (or a restored database) could not be written; earlier files are kept."""


class BackupSourceError(BackupError):
    """The database to back up is missing, not a PCMT database, or fails its own check."""


class WeakPassphraseError(BackupError):
    """A passphrase too short to protect personal data."""


class RestoreTargetInUseError(BackupError):
    """Another running PCMT holds the database that a restore would replace."""

    def __init__(self, database: Path) -> None:
        super().__init__(
            f"Không khôi phục được vì cơ sở dữ liệu {database} đang được mở bởi một cửa sổ "
            "PCMT khác. Hãy đóng cửa sổ đó rồi thử lại; chương trình không thay đổi gì."
        )
