"""Automatic backups of a real database: written, verified, thinned, and refused safely.

The database is the shared fixture's (open, as the window holds it). The clock is a plain
function the test moves forward; backups use the test KDF so a year of them stays quick.
"""

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pcmt_desktop.autobackup import (
    AutoBackup,
    AutoBackupError,
    AutoBackupSettings,
    BackupReason,
    Stage,
    recovery_key,
    save_settings,
)
from pcmt_desktop.autobackup.recovery_key import key_path_for
from pcmt_desktop.autobackup.thinning import backups_to_keep
from pcmt_desktop.backup import KdfParams, verify_backup
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.settings_file import settings_path_for

START = datetime(2026, 11, 23, 17, 30, 0)


class Clock:
    """The time the backups believe it is; the test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def database_path(services: Services, database: Database) -> Path:
    return database.path


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def auto(database_path: Path, clock: Clock) -> AutoBackup:
    return AutoBackup(database_path, clock=clock, kdf=KdfParams.fast_for_tests())


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_backup_is_written_verified_and_listed(auto: AutoBackup, database_path: Path) -> None:
    result = auto.run(BackupReason.CLOSING)

    folder = database_path.parent / "sao-luu"
    assert result.entry.file == folder / "pcmt-20261123-173000-dong.pcmtbk"
    assert result.entry.created_at == START
    assert result.entry.size == result.entry.file.stat().st_size > 0
    assert result.new_key
    assert result.removed == ()
    assert result.notices == ()
    manifest = verify_backup(result.entry.file, recovery_key(database_path))
    assert manifest.office_name == "Công an xã Thử Nghiệm"
    assert manifest.counts["sub_area"] == 4
    assert manifest.database_sha256 == result.manifest.database_sha256
    # Nothing half-written stays in the folder.
    assert _names(folder) == ["pcmt-20261123-173000-dong.pcmtbk"]

    again = auto.run(BackupReason.BEFORE_IMPORT, START + timedelta(minutes=5))
    assert not again.new_key
    assert [entry.file for entry in auto.history()] == [again.entry.file, result.entry.file]
    assert [entry.reason for entry in auto.history()] == [
        BackupReason.BEFORE_IMPORT,
        BackupReason.CLOSING,
    ]


def test_the_data_written_since_is_in_the_next_backup(
    auto: AutoBackup, services: Services, database_path: Path
) -> None:
    first = auto.run(BackupReason.DAILY)
    services.persons.add(PersonInput("Lê Văn Thử", birth_year=1990))
    second = auto.run(BackupReason.CLOSING)
    assert first.manifest.counts["person"] == 0
    assert second.manifest.counts["person"] == 1
    assert second.manifest.database_sha256 != first.manifest.database_sha256


def test_backups_in_the_same_second_get_their_own_files(auto: AutoBackup) -> None:
    first = auto.run(BackupReason.BEFORE_MERGE)
    second = auto.run(BackupReason.BEFORE_MERGE)
    assert first.entry.file != second.entry.file
    assert second.entry.file.name == "pcmt-20261123-173000-truoc-gop-2.pcmtbk"
    assert len(auto.history()) == 2


def test_an_unknown_reason_is_a_programming_error(auto: AutoBackup) -> None:
    with pytest.raises(ValueError, match="khac"):
        auto.run("khac")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_key_file_is_private(auto: AutoBackup, database_path: Path) -> None:
    auto.run(BackupReason.CLOSING)
    assert stat.S_IMODE(key_path_for(database_path).stat().st_mode) == 0o600


# --- when one is due ----------------------------------------------------------------------------
def test_due_when_none_yet_after_changes_or_after_a_day(
    auto: AutoBackup, clock: Clock, database_path: Path
) -> None:
    assert auto.due(changed=False)
    auto.run(BackupReason.CLOSING)
    clock.moment = START + timedelta(hours=23, minutes=59)
    assert not auto.due(changed=False)
    assert auto.due(changed=True)
    clock.moment = START + timedelta(days=1)
    assert auto.due(changed=False)
    assert not auto.due(START + timedelta(hours=1), changed=False)

    save_settings(database_path, AutoBackupSettings(enabled=False))
    assert not auto.due(changed=True)
    # Asked for before an import, a merge or a restore, a backup is still taken.
    assert auto.run(BackupReason.BEFORE_RESTORE).entry.file.is_file()


def test_due_when_the_folder_is_gone_so_the_attempt_tells(
    auto: AutoBackup, database_path: Path
) -> None:
    usb = database_path.parent / "usb"
    usb.mkdir()
    save_settings(database_path, AutoBackupSettings(folder=usb))
    auto.run(BackupReason.CLOSING)
    assert not auto.due(changed=False)
    usb.rename(database_path.parent / "usb-da-rut")
    assert auto.due(changed=False)


# --- failures delete nothing -----------------------------------------------------------------
def test_a_folder_that_disappears_refuses_and_deletes_nothing(
    auto: AutoBackup, clock: Clock, database_path: Path
) -> None:
    usb = database_path.parent / "usb" / "sao-luu"
    usb.mkdir(parents=True)
    save_settings(database_path, AutoBackupSettings(folder=usb))
    for day in range(5):
        clock.moment = START + timedelta(days=day)
        auto.run(BackupReason.DAILY)
    before = _names(usb)
    assert len(before) == 5

    unplugged = database_path.parent / "usb-da-rut"
    (database_path.parent / "usb").rename(unplugged)
    clock.moment = START + timedelta(days=40)
    with pytest.raises(AutoBackupError) as caught:
        auto.run(BackupReason.DAILY)
    message = str(caught.value)
    assert f"Không tìm thấy thư mục sao lưu {usb}" in message
    assert "ổ USB" in message
    assert "Không bản sao lưu cũ nào bị xóa." in message
    assert recovery_key(database_path) not in message
    assert not usb.exists()  # never created on the wrong disk
    assert not (database_path.parent / "sao-luu").exists()
    assert auto.history() == []

    unplugged.rename(database_path.parent / "usb")
    assert _names(usb) == before
    # Plugged back in, 40 days on: the backup is made and only then the old ones thinned.
    result = auto.run(BackupReason.DAILY)
    assert len(result.removed) == 4
    assert _names(usb) == [before[-1], result.entry.file.name]


def test_a_backup_that_does_not_verify_is_set_aside_and_nothing_is_thinned(
    auto: AutoBackup, clock: Clock, database_path: Path
) -> None:
    for day in range(4):
        clock.moment = START + timedelta(days=day)
        auto.run(BackupReason.DAILY)
    folder = database_path.parent / "sao-luu"
    before = _names(folder)
    stages: list[Stage] = []

    def damage_before_reading(stage: Stage, done: int, total: int) -> None:
        # What a failing USB drive does between writing a file and reading it back.
        if stage is Stage.VERIFYING and not stages.count(Stage.VERIFYING):
            newest = max(folder.glob("*.pcmtbk"), key=lambda path: path.name)
            data = bytearray(newest.read_bytes())
            data[len(data) // 2] ^= 0xFF
            newest.write_bytes(bytes(data))
        stages.append(stage)

    clock.moment = START + timedelta(days=60)
    with pytest.raises(AutoBackupError) as caught:
        auto.run(BackupReason.DAILY, progress=damage_before_reading)
    message = str(caught.value)
    assert "không đọc lại được" in message
    assert "bị hỏng ở khối" in message
    assert "Không bản sao lưu cũ nào bị xóa." in message
    assert recovery_key(database_path) not in message
    assert Stage.WRITING in stages
    assert Stage.THINNING not in stages
    damaged = "pcmt-20270122-173000-hang-ngay.pcmtbk.hong"
    assert _names(folder) == sorted([*before, damaged])
    assert str(folder / damaged) in message
    # The damaged file is out of the history: never the "last backup", never thinned.
    assert [entry.file.name for entry in auto.history()] == before[::-1]
    assert auto.due(changed=False)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_refuses_with_a_message_and_keeps_the_backups(
    auto: AutoBackup, clock: Clock, database_path: Path
) -> None:
    for day in range(3):
        clock.moment = START + timedelta(days=day)
        auto.run(BackupReason.DAILY)
    folder = database_path.parent / "sao-luu"
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    # A child process whose files may not grow past 16 KiB: the disk is "full" for it.
    child = textwrap.dedent(
        f"""
        import resource, signal, sys
        from datetime import datetime
        from pathlib import Path
        from pcmt_desktop.autobackup import AutoBackup, AutoBackupError
        from pcmt_desktop.backup import KdfParams
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))
        auto = AutoBackup(Path({str(database_path)!r}), kdf=KdfParams.fast_for_tests())
        try:
            auto.run("hang-ngay", datetime(2026, 12, 31, 17, 30))
        except AutoBackupError as error:
            print(error)
            sys.exit(3)
        """
    )
    finished = subprocess.run(
        [sys.executable, "-c", child],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert finished.returncode == 3, finished.stderr
    assert "ổ đĩa đã đầy" in finished.stdout
    assert "vẫn được giữ nguyên" in finished.stdout
    assert recovery_key(database_path) not in finished.stdout + finished.stderr
    after = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert after == before  # no new file, no temporary file, every backup intact


def test_a_damaged_key_file_stops_backups_and_is_not_replaced(
    auto: AutoBackup, database_path: Path
) -> None:
    auto.run(BackupReason.CLOSING)
    key_path_for(database_path).write_text("không phải khóa\n", encoding="utf-8")
    with pytest.raises(AutoBackupError, match=r"Tệp khóa sao lưu .* bị hỏng"):
        auto.run(BackupReason.CLOSING)
    assert len(auto.history()) == 1


def test_a_damaged_settings_file_backs_up_to_the_default_folder_and_says_so(
    auto: AutoBackup, database_path: Path
) -> None:
    settings_path_for(database_path).write_text("{ hỏng", encoding="utf-8")
    result = auto.run(BackupReason.CLOSING)
    assert result.entry.file.parent == database_path.parent / "sao-luu"
    assert len(result.notices) == 1
    assert "bị hỏng" in result.notices[0]


def test_files_that_are_not_automatic_backups_are_never_thinned(
    auto: AutoBackup, clock: Clock, database_path: Path
) -> None:
    folder = database_path.parent / "sao-luu"
    auto.run(BackupReason.DAILY)
    made_by_hand = folder / "gui-len-tinh.pcmtbk"
    shutil.copyfile(auto.history()[0].file, made_by_hand)
    clock.moment = START + timedelta(days=400)
    result = auto.run(BackupReason.DAILY)
    assert result.removed == (folder / "pcmt-20261123-173000-hang-ngay.pcmtbk",)
    assert made_by_hand.is_file()


# --- a year of daily runs ---------------------------------------------------------------------
def _run_daily_for_a_year(auto: AutoBackup, clock: Clock, on_day: Callable[[int], None]) -> None:
    for day in range(365):
        for hour in (8, 17):  # a backup before an import, then one on closing
            clock.moment = (START + timedelta(days=day)).replace(hour=hour, minute=0)
            reason = BackupReason.BEFORE_IMPORT if hour == 8 else BackupReason.CLOSING
            auto.run(reason)
        on_day(day)


@pytest.mark.slow
def test_a_year_of_daily_backups_keeps_a_thinned_history(
    auto: AutoBackup, clock: Clock, database_path: Path
) -> None:
    made: list[datetime] = []
    folder = database_path.parent / "sao-luu"

    def check(day: int) -> None:
        made.extend((START + timedelta(days=day)).replace(hour=hour, minute=0) for hour in (8, 17))
        on_disk = sorted(entry.created_at for entry in auto.history())
        # After every day: exactly what thinning the whole history at once would keep.
        assert on_disk == sorted(backups_to_keep(made, clock.moment))

    _run_daily_for_a_year(auto, clock, check)

    history = auto.history()
    assert history[0].created_at == clock.moment
    ages = [(clock.moment.date() - entry.created_at.date()).days for entry in history]
    assert ages.count(0) == 2 and ages.count(1) == 2  # every one of today and yesterday
    assert all(ages.count(age) == 1 for age in range(2, 31))  # one a day for thirty days
    assert max(ages) > 330  # the months reach back most of the year
    assert len(history) < 60
    assert not [path for path in folder.iterdir() if not path.name.endswith(".pcmtbk")]
    # The oldest kept one still opens with the key.
    manifest = verify_backup(history[-1].file, recovery_key(database_path))
    assert manifest.office_name == "Công an xã Thử Nghiệm"
