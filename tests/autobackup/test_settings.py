"""The settings file beside the database: defaults, round trip, damage never crashes."""

import json
from pathlib import Path

import pytest

from pcmt_desktop.autobackup.settings import AutoBackupSettings, load_settings, save_settings
from pcmt_desktop.store.settings_file import settings_path_for


def test_defaults_when_missing(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    loaded = load_settings(database)
    assert loaded.warning is None
    assert loaded.settings == AutoBackupSettings(folder=None, enabled=True)
    assert loaded.settings.folder_for(database) == tmp_path / "sao-luu"
    assert settings_path_for(database) == tmp_path / "pcmt.cai-dat.json"


def test_a_round_trip_keeps_what_it_does_not_know(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    path = settings_path_for(database)
    path.write_text(json.dumps({"window": {"width": 1200}}), encoding="utf-8")
    usb = tmp_path / "usb" / "sao-luu"
    save_settings(database, AutoBackupSettings(folder=usb, enabled=False))
    loaded = load_settings(database)
    assert loaded == load_settings(database)
    assert loaded.warning is None
    assert loaded.settings == AutoBackupSettings(folder=usb, enabled=False)
    assert loaded.settings.folder_for(database) == usb
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["window"] == {"width": 1200}
    assert not list(tmp_path.glob("*.tmp"))


def test_a_relative_folder_is_taken_from_the_database_folder(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    save_settings(database, AutoBackupSettings(folder=Path("ban-sao")))
    settings = load_settings(database).settings
    assert settings.folder_for(database) == tmp_path / "ban-sao"
    assert not settings.uses_default_folder


@pytest.mark.parametrize(
    "content",
    [
        "{ không phải JSON",
        "[1, 2]",
        '{"auto_backup": "bật"}',
        '{"auto_backup": {"folder": 5}}',
        '{"auto_backup": {"folder": "  "}}',
        '{"auto_backup": {"enabled": "có"}}',
    ],
)
def test_a_damaged_file_gives_defaults_and_a_warning(tmp_path: Path, content: str) -> None:
    database = tmp_path / "pcmt.sqlite3"
    settings_path_for(database).write_text(content, encoding="utf-8")
    loaded = load_settings(database)
    assert loaded.settings == AutoBackupSettings()
    assert loaded.warning is not None
    assert "bị hỏng" in loaded.warning
    assert str(tmp_path / "sao-luu") in loaded.warning


def test_undecodable_bytes_give_defaults_and_a_warning(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    settings_path_for(database).write_bytes(b"\xff\xfe\x00")
    assert load_settings(database).warning is not None


def test_saving_over_a_damaged_file_repairs_it(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    settings_path_for(database).write_text("{ hỏng", encoding="utf-8")
    save_settings(database, AutoBackupSettings(enabled=False))
    loaded = load_settings(database)
    assert loaded.warning is None
    assert loaded.settings == AutoBackupSettings(enabled=False)
