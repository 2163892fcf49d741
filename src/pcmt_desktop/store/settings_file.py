"""The settings file beside the database: one JSON object, a section per part of the program.

``<database stem>.cai-dat.json`` travels with the database (copying the folder to another
machine keeps the choices). Each part reads and writes only its own section
(``auto_backup``, ``idle_lock``, …) and saving keeps every other key, even one written by a
newer version. Writing goes through a temporary file, synced, then renamed: a crash leaves
the old file or the new one, never half of one.
"""

import json
import os
from pathlib import Path
from typing import Any

SETTINGS_SUFFIX = ".cai-dat.json"


def settings_path_for(database_path: Path) -> Path:
    return database_path.with_name(database_path.stem + SETTINGS_SUFFIX)


def _read_document(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError("not an object")
    return document


def read_section(database_path: Path, section: str) -> object:
    """The section's value; None when the file or the section is missing.

    Raises:
        OSError, UnicodeDecodeError, ValueError: the file is damaged (not JSON, not an
            object) — the caller falls back to its defaults and says so.
    """
    path = settings_path_for(database_path)
    if not path.exists():
        return None
    return _read_document(path).get(section)


def write_section(database_path: Path, section: str, value: object) -> None:
    """Set one section, keeping the rest of the file (a damaged file is started afresh).

    Raises:
        OSError: the folder of the database is not writable.
    """
    path = settings_path_for(database_path)
    try:
        document = _read_document(path) if path.exists() else {}
    except (OSError, UnicodeDecodeError, ValueError):
        document = {}  # damaged: the reading part has already warned
    document[section] = value
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(path)
