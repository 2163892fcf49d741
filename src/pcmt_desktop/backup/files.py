"""Writing a file so that its final name only ever names a whole file.

The bytes go to a temporary file in the same folder, are flushed and fsynced, and the
temporary file is then renamed over the final name (atomic on one file system). On any
failure the temporary file is removed and whatever had the final name is left as it was.
"""

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from pcmt_desktop.backup.errors import BackupWriteError

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def temporary_prefix(target: Path) -> str:
    """Hidden, and named after the target so a leftover says what it was for."""
    return f".{target.name}."


TEMPORARY_SUFFIX = ".dang-ghi"


def write_problem(error: OSError, target: Path, kept: str) -> str:
    """Why ``target`` could not be written, in Vietnamese, ending with what was kept."""
    if error.errno in _FULL:
        reason = "ổ đĩa đã đầy (hoặc tệp vượt quá dung lượng cho phép)"
    elif error.errno == errno.ENOENT:
        reason = f"thư mục {target.parent} không tồn tại (ổ USB đã bị rút ra?)"
    elif error.errno in _DENIED:
        reason = f"không có quyền ghi vào thư mục {target.parent} hoặc ổ đĩa chỉ cho đọc"
    else:
        reason = error.strerror or str(error)
    return f"Không ghi được tệp {target}: {reason}. {kept}"


def write_atomically(target: Path, write: Callable[[BinaryIO], object], kept: str) -> None:
    """Run ``write`` on a temporary file, then give it the name ``target``.

    Raises:
        BackupWriteError: the folder is missing or read-only, or the disk is full; the
            message ends with ``kept`` (what the officer still has).
    """
    try:
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=temporary_prefix(target), suffix=TEMPORARY_SUFFIX
        )
    except OSError as error:
        raise BackupWriteError(write_problem(error, target, kept)) from error
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise BackupWriteError(write_problem(error, target, kept)) from error
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); Windows has no folder handle to sync."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
