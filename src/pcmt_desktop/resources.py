"""Finds the top-level ``resources/`` and ``migrations/`` folders wherever the program runs.

From a source checkout (and an editable install) they sit beside ``src/``; in the
PyInstaller bundle they are unpacked under ``sys._MEIPASS``; in a wheel they are shipped
inside the package as ``pcmt_desktop/_bundled/``.
"""

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root is not None:
        found.append(Path(bundle_root) / name)
    found.append(_PACKAGE_DIR.parents[1] / name)
    found.append(_PACKAGE_DIR / "_bundled" / name)
    return found


@cache
def _locate(name: str) -> Path:
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(path) for path in _candidates(name))
    raise FileNotFoundError(f"Không tìm thấy thư mục {name} của chương trình (đã tìm: {searched}).")


def resources_dir() -> Path:
    return _locate("resources")


def migrations_dir() -> Path:
    return _locate("migrations")


def resource(relative: str) -> Path:
    return resources_dir() / relative
