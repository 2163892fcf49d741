"""The encrypted backup file that an office sends upward: create, verify, extract, restore.

The format is described in docs/BACKUP-FORMAT.md. Qt is never imported here: the window
and the command line are two faces of this API.
"""

from pcmt_desktop.backup.chunks import Progress
from pcmt_desktop.backup.counts import REGISTRY_TABLES, label_for
from pcmt_desktop.backup.create import create_backup
from pcmt_desktop.backup.errors import (
    BackupError,
    BackupReadError,
    BackupSourceError,
    BackupWriteError,
    DamagedBackupError,
    IncompleteBackupError,
    NewerBackupError,
    NotABackupError,
    RestoreTargetInUseError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from pcmt_desktop.backup.header import BackupHeader, read_header
from pcmt_desktop.backup.kdf import KdfParams
from pcmt_desktop.backup.manifest import Manifest
from pcmt_desktop.backup.passphrase import MIN_PASSPHRASE_LENGTH, passphrase_problem
from pcmt_desktop.backup.read import extract_database, verify_backup
from pcmt_desktop.backup.restore import RestoreResult, restore_backup
from pcmt_desktop.backup.summary import describe, format_size

# What the automatic backups and the file dialogs name backup files with.
BACKUP_SUFFIX = ".pcmtbk"

__all__ = [
    "BACKUP_SUFFIX",
    "MIN_PASSPHRASE_LENGTH",
    "REGISTRY_TABLES",
    "BackupError",
    "BackupHeader",
    "BackupReadError",
    "BackupSourceError",
    "BackupWriteError",
    "DamagedBackupError",
    "IncompleteBackupError",
    "KdfParams",
    "Manifest",
    "NewerBackupError",
    "NotABackupError",
    "Progress",
    "RestoreResult",
    "RestoreTargetInUseError",
    "WeakPassphraseError",
    "WrongPassphraseError",
    "create_backup",
    "describe",
    "extract_database",
    "format_size",
    "label_for",
    "passphrase_problem",
    "read_header",
    "restore_backup",
    "verify_backup",
]
