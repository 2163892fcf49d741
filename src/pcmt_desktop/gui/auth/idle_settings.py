"""How long the window waits without input before it locks: a key of the settings file.

The file is the automatic backups' ``<database stem>.cai-dat.json`` beside the database
(``autobackup.settings``): it travels with the database, and each part keeps the keys it
does not know when it saves. This part::

    {"idle_lock": {"minutes": 10}}

A missing file or key gives the default; a damaged one gives the default and a warning,
never a crash (the lock must still come, after the default time).
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pcmt_desktop.autobackup.settings import settings_path_for

DEFAULT_MINUTES = 10
MIN_MINUTES = 1
MAX_MINUTES = 240
_SECTION = "idle_lock"


@dataclass(frozen=True)
class IdleSetting:
    minutes: int = DEFAULT_MINUTES
    warning: str | None = None  # set when the file was damaged and the default used


def _read_document(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError("not an object")
    return document


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
    path = settings_path_for(database_path)
    if not path.exists():
        return IdleSetting()
    try:
        return IdleSetting(_minutes(_read_document(path).get(_SECTION)))
    except (OSError, UnicodeDecodeError, ValueError):
        return IdleSetting(
            warning=(
                f"Tệp cài đặt {path} bị hỏng: màn hình tự khóa sau {DEFAULT_MINUTES} phút "
                "không sử dụng (mặc định)."
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
    path = settings_path_for(database_path)
    try:
        document = _read_document(path) if path.exists() else {}
    except (OSError, UnicodeDecodeError, ValueError):
        document = {}  # damaged: load_idle_setting already warned; start it afresh
    document[_SECTION] = {"minutes": minutes}
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(path)
