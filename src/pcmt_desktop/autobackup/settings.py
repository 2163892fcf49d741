"""Where automatic backups go and whether they run: a section of the settings file.

The file beside the database (``store.settings_file``) travels with it; its
automatic-backup part::

    {"auto_backup": {"folder": "E:/sao-luu", "enabled": true}}

``folder`` null or absent means the default, a folder ``sao-luu`` next to the database; a
relative folder is taken from the database's folder. A missing file gives the defaults; a
damaged one gives the defaults and a warning to show, never a crash: backups must not stop
because someone edited a settings file badly.
"""

from dataclasses import dataclass
from pathlib import Path

from pcmt_desktop.store.settings_file import (
    read_section,
    settings_path_for,
    write_section,
)

DEFAULT_FOLDER_NAME = "sao-luu"
_SECTION = "auto_backup"


@dataclass(frozen=True)
class AutoBackupSettings:
    folder: Path | None = None  # None: the default folder next to the database
    enabled: bool = True

    def folder_for(self, database_path: Path) -> Path:
        if self.folder is None:
            return database_path.parent / DEFAULT_FOLDER_NAME
        return database_path.parent / self.folder  # an absolute folder replaces the base

    @property
    def uses_default_folder(self) -> bool:
        return self.folder is None


@dataclass(frozen=True)
class LoadedSettings:
    settings: AutoBackupSettings
    warning: str | None = None  # set when the file was damaged and defaults were used


def _parse(section: object) -> AutoBackupSettings:
    if section is None:
        return AutoBackupSettings()
    if not isinstance(section, dict):
        raise ValueError("auto_backup is not an object")
    folder = section.get("folder")
    enabled = section.get("enabled", True)
    if not (folder is None or (isinstance(folder, str) and folder.strip())):
        raise ValueError("folder is not a path")
    if not isinstance(enabled, bool):
        raise ValueError("enabled is not true/false")
    return AutoBackupSettings(folder=Path(folder) if folder else None, enabled=enabled)


def load_settings(database_path: Path) -> LoadedSettings:
    path = settings_path_for(database_path)
    try:
        return LoadedSettings(_parse(read_section(database_path, _SECTION)))
    except (OSError, UnicodeDecodeError, ValueError):  # json.JSONDecodeError is a ValueError
        return LoadedSettings(
            AutoBackupSettings(),
            warning=(
                f"Tệp cài đặt {path} bị hỏng: sao lưu tự động dùng cài đặt mặc định "
                f"(thư mục {AutoBackupSettings().folder_for(database_path)})."
            ),
        )


def save_settings(database_path: Path, settings: AutoBackupSettings) -> None:
    """Write the automatic-backup part, keeping the rest of the file (temp file + rename).

    Raises:
        OSError: the folder of the database is not writable.
    """
    write_section(
        database_path,
        _SECTION,
        {
            "folder": None if settings.folder is None else settings.folder.as_posix(),
            "enabled": settings.enabled,
        },
    )
