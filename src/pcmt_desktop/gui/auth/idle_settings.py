"""How long the window waits without input before it locks: a key of the settings file.

The file is the settings file beside the database (``store.settings_file``): it travels
with the database, and each part keeps the keys it does not know when it saves. This part::

    {"idle_lock": {"minutes": 10}}

A missing file or key gives the default; a damaged one gives the default and a warning,
never a crash (the lock must still come, after the default time).
"""

from dataclasses import dataclass
from pathlib import Path

from pcmt_desktop.store.settings_file import read_section, settings_path_for, write_section

DEFAULT_MINUTES = 10
MIN_MINUTES = 1
MAX_MINUTES = 240
_SECTION = "idle_lock"


@dataclass(frozen=True)
class IdleSetting:
    minutes: int = DEFAULT_MINUTES
    warning: str | None = None  # set when the file was damaged and the default used


def _minutes(section: object) -> int:
    if section is None:
        return DEFAULT_MINUTES
    if not isinstance(section, dict):
        raise ValueError("idle_lock is not an object")
    minutes = section.get("minutes", DEFAULT_MINUTES)
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError("minutes is not a whole number")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError("minutes out of range")
    return minutes


def load_idle_setting(database_path: Path) -> IdleSetting:
    try:
        return IdleSetting(_minutes(read_section(database_path, _SECTION)))
    except (OSError, UnicodeDecodeError, ValueError):
        return IdleSetting(
            warning=(
                f"Tệp cài đặt {settings_path_for(database_path)} bị hỏng: màn hình tự khóa "
                f"sau {DEFAULT_MINUTES} phút không sử dụng (mặc định)."
            )
        )


def save_idle_minutes(database_path: Path, minutes: int) -> None:
    """Write this part, keeping the rest of the file (temporary file, then rename).

    Raises:
        ValueError: ``minutes`` outside MIN_MINUTES–MAX_MINUTES.
        OSError: the folder of the database is not writable.
    """
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"minutes must be {MIN_MINUTES}–{MAX_MINUTES}")
    write_section(database_path, _SECTION, {"minutes": minutes})
