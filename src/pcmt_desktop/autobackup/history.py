"""The automatic backups in a folder, read from their file names.

A name says when and why: ``pcmt-YYYYMMDD-HHMMSS-<reason>.pcmtbk`` (local time), with
``-2``, ``-3``… added when a second backup falls in the same second for the same reason.
The time comes from the name, not the file's modification time, which a copy to another
drive may change. Files that do not match (a backup the officer made by hand, anything
else) are never listed, so never thinned.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from pcmt_desktop.backup import BACKUP_SUFFIX

_STAMP = "%Y%m%d-%H%M%S"


class BackupReason(StrEnum):
    """Why an automatic backup was taken; the value is the part of the file name."""

    CLOSING = "dong"
    DAILY = "hang-ngay"
    BEFORE_IMPORT = "truoc-nhap"
    BEFORE_MERGE = "truoc-gop"
    BEFORE_RESTORE = "truoc-khoi-phuc"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    BackupReason.CLOSING: "Khi đóng chương trình",
    BackupReason.DAILY: "Hằng ngày",
    BackupReason.BEFORE_IMPORT: "Trước khi nhập dữ liệu",
    BackupReason.BEFORE_MERGE: "Trước khi gộp đối tượng trùng",
    BackupReason.BEFORE_RESTORE: "Trước khi khôi phục",
}

_NAME = re.compile(
    r"pcmt-(?P<stamp>\d{8}-\d{6})-(?P<reason>"
    + "|".join(re.escape(reason.value) for reason in BackupReason)
    + r")(?:-(?P<sequence>[2-9]|[1-9]\d+))?"
    + re.escape(BACKUP_SUFFIX)
)


@dataclass(frozen=True)
class BackupEntry:
    """One automatic backup file."""

    file: Path
    created_at: datetime
    reason: BackupReason
    size: int  # bytes
    sequence: int = 1  # 2, 3… for later backups of the same second and reason


def backup_name(created_at: datetime, reason: BackupReason, sequence: int = 1) -> str:
    tail = "" if sequence == 1 else f"-{sequence}"
    return f"pcmt-{created_at.strftime(_STAMP)}-{reason.value}{tail}{BACKUP_SUFFIX}"


def parse_backup_name(name: str) -> tuple[datetime, BackupReason, int] | None:
    """When, why and which of the same second, or None for a name that is not ours."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    try:
        created_at = datetime.strptime(match["stamp"], _STAMP)
    except ValueError:  # 20261341-…: digits, but no date
        return None
    return created_at, BackupReason(match["reason"]), int(match["sequence"] or 1)


def list_backups(folder: Path) -> list[BackupEntry]:
    """The automatic backups in ``folder``, oldest first; empty when the folder is missing.

    Raises:
        OSError: the folder exists but cannot be read.
    """
    if not folder.is_dir():
        return []
    entries: list[BackupEntry] = []
    for path in folder.iterdir():
        parsed = parse_backup_name(path.name)
        if parsed is None or not path.is_file():
            continue
        created_at, reason, sequence = parsed
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # thinned by another window meanwhile
            continue
        entries.append(BackupEntry(path, created_at, reason, size, sequence))
    entries.sort(key=lambda entry: (entry.created_at, entry.sequence, entry.file.name))
    return entries


def free_name(folder: Path, created_at: datetime, reason: BackupReason) -> Path:
    """The file name for a new backup, not yet taken in ``folder``."""
    sequence = 1
    while (path := folder / backup_name(created_at, reason, sequence)).exists():
        sequence += 1
    return path
