"""When this copy of the program was built: shown in Trợ giúp → Giới thiệu.

``pcmt.spec`` writes ``build-info.json`` into the bundle's resources when it builds; a copy
run from the source tree has none and says so.
"""

import json
from datetime import date
from pathlib import Path

from pcmt_desktop.resources import resources_dir

BUILD_INFO_FILE = "build-info.json"


def build_date(resources: Path | None = None) -> date | None:
    """The bundle's build day; None when running from the source tree (or unreadable)."""
    try:
        found = (resources or resources_dir()) / BUILD_INFO_FILE
        if not found.is_file():
            return None
        return date.fromisoformat(json.loads(found.read_text(encoding="utf-8"))["built"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def build_text(resources: Path | None = None) -> str:
    built = build_date(resources)
    if built is None:
        return "chạy từ mã nguồn, chưa đóng gói"
    return f"bản đóng gói ngày {built:%d/%m/%Y}"
