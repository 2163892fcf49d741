"""Where the embedded database lives by default: the user's data folder."""

import os
import sys
from pathlib import Path

DATABASE_FILE_NAME = "pcmt.sqlite3"


def user_data_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
        return root / "PCMT"
    xdg = os.environ.get("XDG_DATA_HOME")
    root = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return root / "pcmt"


def default_database_path() -> Path:
    return user_data_dir() / DATABASE_FILE_NAME
