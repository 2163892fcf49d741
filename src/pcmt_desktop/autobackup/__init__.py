"""Automatic local backups: taken unattended, verified, kept as a thinned history.

The window (closing, a daily timer), the import, the merge of duplicates and the restore
use ``AutoBackup``; the administrator is shown ``recovery_key`` once to write it down.
"""

from pcmt_desktop.autobackup.errors import AutoBackupError
from pcmt_desktop.autobackup.history import BackupEntry, BackupReason
from pcmt_desktop.autobackup.recovery_key import key_exists, normalize_key, recovery_key
from pcmt_desktop.autobackup.service import AutoBackup, AutoBackupResult, Progress, Stage
from pcmt_desktop.autobackup.settings import (
    AutoBackupSettings,
    LoadedSettings,
    load_settings,
    save_settings,
)
from pcmt_desktop.autobackup.thinning import RetentionPolicy, backups_to_keep

__all__ = [
    "AutoBackup",
    "AutoBackupError",
    "AutoBackupResult",
    "AutoBackupSettings",
    "BackupEntry",
    "BackupReason",
    "LoadedSettings",
    "Progress",
    "RetentionPolicy",
    "Stage",
    "backups_to_keep",
    "key_exists",
    "load_settings",
    "normalize_key",
    "recovery_key",
    "save_settings",
]
