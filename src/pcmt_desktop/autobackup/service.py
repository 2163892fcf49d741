"""Automatic local backups: when one is due, taking it, checking it, thinning the old ones.

The window takes one on closing after changes and daily while it runs; the import, the
merge of duplicates and the restore take one before they write. Each is an ordinary
encrypted backup file (pcmt_desktop.backup) under the database's recovery key, written to
the backup folder of the settings, then read back in full (verify_backup) before any older
one is thinned away: a backup that cannot be read must not cost the ones that can.

Any failure (the USB drive holding the folder unplugged, a full disk, a backup that does
not verify) raises AutoBackupError with a message for the officer and deletes nothing.
The ``enabled`` setting only stops the unattended backups (``due`` says no); a backup asked
for before an import, a merge or a restore is always taken.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from pcmt_desktop.autobackup.errors import AutoBackupError
from pcmt_desktop.autobackup.history import BackupEntry, BackupReason, free_name, list_backups
from pcmt_desktop.autobackup.recovery_key import key_exists, light_kdf, recovery_key
from pcmt_desktop.autobackup.settings import LoadedSettings, load_settings
from pcmt_desktop.autobackup.thinning import DEFAULT_POLICY, RetentionPolicy, backups_to_keep
from pcmt_desktop.backup import (
    BackupError,
    BackupWriteError,
    KdfParams,
    Manifest,
    create_backup,
    verify_backup,
)

DAILY = timedelta(days=1)
DAMAGED_SUFFIX = ".hong"
_NOTHING_DELETED = "Không bản sao lưu cũ nào bị xóa."


class Stage(StrEnum):
    """What a running backup is doing, as a progress line says it."""

    WRITING = "Đang sao lưu dữ liệu"
    VERIFYING = "Đang kiểm tra bản sao lưu vừa tạo"
    THINNING = "Đang dọn các bản sao lưu cũ"


Progress = Callable[[Stage, int, int], None]


@dataclass(frozen=True)
class AutoBackupResult:
    entry: BackupEntry  # the new, verified backup
    manifest: Manifest
    removed: tuple[Path, ...]  # older backups thinned away
    new_key: bool  # the recovery key was made for this backup: show it to the administrator
    notices: tuple[str, ...] = ()  # worth showing, but the backup is made and sound


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _ignore(_stage: Stage, _done: int, _total: int) -> None:
    pass


class AutoBackup:
    """The automatic backups of one database file."""

    def __init__(
        self,
        database_path: Path,
        *,
        clock: Callable[[], datetime] = _now,
        kdf: KdfParams | None = None,
        policy: RetentionPolicy = DEFAULT_POLICY,
    ) -> None:
        self.database_path = database_path.resolve()
        self._clock = clock
        self._kdf = kdf
        self._policy = policy

    # --- reading -------------------------------------------------------------------------
    def settings(self) -> LoadedSettings:
        """Read afresh each time: the settings dialog may have changed them meanwhile."""
        return load_settings(self.database_path)

    def folder(self) -> Path:
        return self.settings().settings.folder_for(self.database_path)

    def history(self) -> list[BackupEntry]:
        """The automatic backups in the folder, newest first (none when it is missing).

        Raises:
            AutoBackupError: the folder exists but cannot be read.
        """
        folder = self.folder()
        try:
            return list_backups(folder)[::-1]
        except OSError as error:
            raise AutoBackupError(
                f"Không đọc được thư mục sao lưu {folder} ({error.strerror})."
            ) from error

    def due(self, now: datetime | None = None, *, changed: bool) -> bool:
        """Whether an unattended backup should run now.

        Yes when automatic backups are enabled and there is none yet, or ``changed`` (the
        caller saw data change since the last one), or the last one is a day old. A
        missing folder lists no backup, so it is due: the attempt then tells the officer.
        """
        if not self.settings().settings.enabled:
            return False
        history = self.history()
        if not history or changed:
            return True
        moment = self._clock() if now is None else now
        return moment - history[0].created_at >= DAILY

    # --- writing -------------------------------------------------------------------------
    def run(
        self,
        reason: BackupReason | str,
        now: datetime | None = None,
        *,
        progress: Progress | None = None,
    ) -> AutoBackupResult:
        """Take a backup, verify it, then thin the older ones.

        Raises:
            AutoBackupError: nothing was deleted; the message says why and where.
            ValueError: ``reason`` is not one of BackupReason (a programming error).
        """
        why = BackupReason(reason)
        # To the second, as the file name keeps it.
        moment = (self._clock() if now is None else now).replace(microsecond=0)
        report = progress or _ignore
        loaded = self.settings()
        folder = self._ready_folder(loaded)
        if not self.database_path.is_file():
            raise AutoBackupError(f"Không có cơ sở dữ liệu {self.database_path} để sao lưu.")
        new_key = not key_exists(self.database_path)
        key = recovery_key(self.database_path)
        target = free_name(folder, moment, why)
        manifest = self._write(key, target, folder, report)
        size = self._verify(key, target, manifest, report)
        entry = BackupEntry(target, moment, why, size)
        removed, problems = self._thin(folder, moment, report)
        notices = ((loaded.warning,) if loaded.warning else ()) + problems
        return AutoBackupResult(entry, manifest, removed, new_key, notices)

    def _ready_folder(self, loaded: LoadedSettings) -> Path:
        settings = loaded.settings
        folder = settings.folder_for(self.database_path)
        if settings.uses_default_folder:
            try:
                folder.mkdir(exist_ok=True)
            except OSError as error:
                raise AutoBackupError(
                    f"Không tạo được thư mục sao lưu {folder} ({error.strerror}). "
                    + _NOTHING_DELETED
                ) from error
        elif not folder.is_dir():
            # Never created here: on a drive letter or mount point whose USB drive is
            # out, a new folder would land on the wrong disk or not at all.
            raise AutoBackupError(
                f"Không tìm thấy thư mục sao lưu {folder}. Nếu thư mục nằm trên ổ USB, hãy "
                "cắm lại ổ rồi thử lại, hoặc chọn thư mục khác. Chưa sao lưu được. "
                + _NOTHING_DELETED
            )
        return folder

    def _write(self, key: str, target: Path, folder: Path, report: Progress) -> Manifest:
        try:
            return create_backup(
                self.database_path,
                target,
                key,
                progress=lambda done, total: report(Stage.WRITING, done, total),
                kdf=light_kdf() if self._kdf is None else self._kdf.with_fresh_salt(),
            )
        except BackupWriteError as error:  # its message already says what was kept
            raise AutoBackupError(f"Chưa sao lưu tự động được. {error}") from error
        except BackupError as error:
            raise AutoBackupError(
                f"Chưa sao lưu tự động được: {error} " + _NOTHING_DELETED
            ) from error
        except OSError as error:  # e.g. the folder vanished between the check and the write
            raise AutoBackupError(
                f"Không sao lưu được vào thư mục {folder} ({error.strerror}). " + _NOTHING_DELETED
            ) from error

    def _verify(self, key: str, target: Path, written: Manifest, report: Progress) -> int:
        """The size of the verified file; raises AutoBackupError when it does not verify."""
        problem: str | None = None
        size = 0
        try:
            size = target.stat().st_size
            report(Stage.VERIFYING, 0, size)
            read = verify_backup(
                target, key, progress=lambda done, total: report(Stage.VERIFYING, done, total)
            )
        except BackupError as error:
            problem = str(error)
        except OSError as error:
            problem = f"không đọc lại được tệp: {error.strerror}"
        else:
            if read.database_sha256 != written.database_sha256:
                problem = "nội dung đọc lại khác với dữ liệu đã ghi"
        if problem is None:
            return size
        # Renamed, not deleted: out of the history (never counted as the latest backup,
        # never thinned) yet still there for whoever looks into the failure.
        damaged = target.with_name(target.name + DAMAGED_SUFFIX)
        try:
            target.replace(damaged)
        except OSError:
            damaged = target
        raise AutoBackupError(
            f"Bản sao lưu vừa tạo không đọc lại được ({problem}); tệp được để lại là "
            f"{damaged}. " + _NOTHING_DELETED
        )

    def _thin(
        self, folder: Path, now: datetime, report: Progress
    ) -> tuple[tuple[Path, ...], tuple[str, ...]]:
        try:
            entries = list_backups(folder)
        except OSError as error:
            return (), (f"Không dọn được các bản sao lưu cũ ({error.strerror}).",)
        kept = backups_to_keep({entry.created_at for entry in entries}, now, self._policy)
        going = [entry.file for entry in entries if entry.created_at not in kept]
        removed: list[Path] = []
        problems: list[str] = []
        for done, path in enumerate(going):
            report(Stage.THINNING, done, len(going))
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                problems.append(f"Không xóa được bản sao lưu cũ {path.name} ({error.strerror}).")
            else:
                removed.append(path)
        return tuple(removed), tuple(problems)
