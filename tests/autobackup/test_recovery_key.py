"""The recovery key: generated once, kept beside the database, owner-only, never leaked."""

import stat
import sys
from pathlib import Path

import pytest

from pcmt_desktop.autobackup.errors import AutoBackupError
from pcmt_desktop.autobackup.recovery_key import (
    ALPHABET,
    generate_key,
    key_exists,
    key_path_for,
    normalize_key,
    recovery_key,
)


def test_the_key_is_six_groups_of_five_crockford_characters() -> None:
    keys = {generate_key() for _ in range(50)}
    assert len(keys) == 50
    for key in keys:
        groups = key.split("-")
        assert [len(group) for group in groups] == [5] * 6
        assert all(character in ALPHABET for character in "".join(groups))


def test_created_on_first_use_then_the_same(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    assert not key_exists(database)
    key = recovery_key(database)
    assert key_path_for(database) == tmp_path / "pcmt.khoa-sao-luu"
    assert key_exists(database)
    assert recovery_key(database) == key
    assert key in key_path_for(database).read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_key_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    recovery_key(database)
    assert stat.S_IMODE(key_path_for(database).stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZ019", "7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZ019"),
        ("7kq2m abcde fghjk mnpqr stvwx yz019", "7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZ019"),
        ("7KQ2MABCDEFGHJKMNPQRSTVWXYZ019", "7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZ019"),
        ("7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZOIL", "7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZ011"),
        ("7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZ01", None),  # a character short
        ("7KQ2M-ABCDE-FGHJK-MNPQR-STVWX-YZ01U", None),  # U is not in the alphabet
        ("", None),
    ],
)
def test_a_key_copied_by_hand_is_read_back(typed: str, expected: str | None) -> None:
    assert normalize_key(typed) == expected


def test_a_damaged_key_file_is_refused_without_showing_it(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    key = recovery_key(database)
    damaged = key[:-3] + "UUU"
    key_path_for(database).write_text(damaged + "\n", encoding="utf-8")
    with pytest.raises(AutoBackupError, match="bị hỏng") as caught:
        recovery_key(database)
    assert damaged not in str(caught.value)
    assert key[:10] not in str(caught.value)
    # The damaged file is left as it was: a new key would orphan every earlier backup.
    assert key_path_for(database).read_text(encoding="utf-8") == damaged + "\n"


def test_undecodable_key_file_is_refused_without_a_cause_carrying_its_bytes(
    tmp_path: Path,
) -> None:
    database = tmp_path / "pcmt.sqlite3"
    key_path_for(database).write_bytes(b"\xff\xfe7KQ2M-ABCDE")
    with pytest.raises(AutoBackupError, match="Không đọc được") as caught:
        recovery_key(database)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_an_unwritable_folder_is_told(tmp_path: Path) -> None:
    database = tmp_path / "khong-co" / "pcmt.sqlite3"
    with pytest.raises(AutoBackupError, match="Không ghi được tệp khóa sao lưu"):
        recovery_key(database)
