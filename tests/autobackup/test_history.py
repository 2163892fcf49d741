"""Automatic backups listed from their file names; anything else in the folder is ignored."""

from datetime import datetime
from pathlib import Path

import pytest

from pcmt_desktop.autobackup.history import (
    BackupReason,
    backup_name,
    free_name,
    list_backups,
    parse_backup_name,
)

MOMENT = datetime(2026, 11, 23, 17, 5, 9)


@pytest.mark.parametrize("reason", list(BackupReason))
def test_a_name_says_when_and_why(reason: BackupReason) -> None:
    name = backup_name(MOMENT, reason)
    assert name == f"pcmt-20261123-170509-{reason.value}.pcmtbk"
    assert parse_backup_name(name) == (MOMENT, reason, 1)
    assert parse_backup_name(backup_name(MOMENT, reason, 12)) == (MOMENT, reason, 12)
    assert reason.label


@pytest.mark.parametrize(
    "name",
    [
        "pcmt-20261123-170509-khac.pcmtbk",  # an unknown reason
        "pcmt-20261341-170509-dong.pcmtbk",  # month 13
        "pcmt-20261123-170509-dong.pcmtbk.tmp",  # a backup still being written
        "pcmt-20261123-170509-dong-1.pcmtbk",  # the first of a second has no number
        "ban-sao-tay.pcmtbk",  # made by hand
        "pcmt-20261123-170509-dong.sqlite3",
    ],
)
def test_names_not_ours_are_ignored(name: str) -> None:
    assert parse_backup_name(name) is None


def test_listed_oldest_first_with_sizes(tmp_path: Path) -> None:
    later = datetime(2026, 11, 24, 8, 0, 0)
    (tmp_path / backup_name(later, BackupReason.DAILY)).write_bytes(b"x" * 7)
    (tmp_path / backup_name(MOMENT, BackupReason.CLOSING, 2)).write_bytes(b"x" * 5)
    (tmp_path / backup_name(MOMENT, BackupReason.CLOSING)).write_bytes(b"x" * 3)
    (tmp_path / "ghi-chu.txt").write_text("không phải bản sao lưu", encoding="utf-8")
    (tmp_path / backup_name(MOMENT, BackupReason.BEFORE_MERGE)).mkdir()
    entries = list_backups(tmp_path)
    assert [(entry.created_at, entry.reason, entry.size) for entry in entries] == [
        (MOMENT, BackupReason.CLOSING, 3),
        (MOMENT, BackupReason.CLOSING, 5),
        (later, BackupReason.DAILY, 7),
    ]


def test_a_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert list_backups(tmp_path / "usb") == []


def test_a_free_name_never_overwrites(tmp_path: Path) -> None:
    first = free_name(tmp_path, MOMENT, BackupReason.BEFORE_IMPORT)
    first.write_bytes(b"1")
    second = free_name(tmp_path, MOMENT, BackupReason.BEFORE_IMPORT)
    assert second.name == "pcmt-20261123-170509-truoc-nhap-2.pcmtbk"
    second.write_bytes(b"2")
    assert free_name(tmp_path, MOMENT, BackupReason.BEFORE_IMPORT).name.endswith("-3.pcmtbk")
