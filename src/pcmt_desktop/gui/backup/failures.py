"""Why a backup file could not be made, read or restored, as the window says it.

The backup module's messages already say exactly what is wrong and that nothing changed;
the window puts a short headline above them so the officer sees the kind of problem at a
glance (wrong passphrase, damaged at block N, incomplete, made by a newer program).
"""

from pcmt_desktop.autobackup import AutoBackupError
from pcmt_desktop.backup import (
    BackupError,
    DamagedBackupError,
    IncompleteBackupError,
    NewerBackupError,
    NotABackupError,
    WrongPassphraseError,
)


def failure_title(error: Exception) -> str:
    if isinstance(error, WrongPassphraseError):
        return "Sai mật khẩu"
    if isinstance(error, DamagedBackupError):
        return f"Tệp sao lưu bị hỏng ở khối {error.chunk_index}"
    if isinstance(error, IncompleteBackupError):
        return "Tệp sao lưu không đầy đủ"
    if isinstance(error, NewerBackupError):
        return "Tệp do phiên bản PCMT mới hơn tạo ra"
    if isinstance(error, NotABackupError):
        return "Không phải tệp sao lưu PCMT"
    return "Không thực hiện được"


def failure_text(error: Exception) -> str:
    """The message itself: ours as it is, anything unforeseen named as such."""
    if isinstance(error, BackupError | AutoBackupError):
        return str(error)
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        return f"Lỗi đọc, ghi tệp{where}: {error.strerror or error}. Dữ liệu không bị thay đổi."
    return f"Lỗi không lường trước: {error}. Dữ liệu không bị thay đổi."
