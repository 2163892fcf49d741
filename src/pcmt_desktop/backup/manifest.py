"""The manifest: what a backup holds, readable only with the passphrase.

It is the first record of the encrypted body. The receiver sees from it which office made
the file, when, with which program and schema, how many rows each registry holds, and the
SHA-256 of the database that follows it.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

MANIFEST_FORMAT = "pcmt-backup-manifest"
MANIFEST_VERSION = 1
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class ManifestError(ValueError):
    """The manifest JSON is not one this program wrote; the message says what is wrong."""


@dataclass(frozen=True)
class Manifest:
    office_name: str
    parent_name: str
    level: str
    created_at: datetime
    program_version: str
    schema_revision: str
    counts: dict[str, int]
    database_sha256: str
    database_bytes: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": MANIFEST_FORMAT,
                "manifest_version": MANIFEST_VERSION,
                "office_name": self.office_name,
                "parent_name": self.parent_name,
                "level": self.level,
                "created_at": self.created_at.isoformat(),
                "program_version": self.program_version,
                "schema_revision": self.schema_revision,
                "counts": self.counts,
                "database_sha256": self.database_sha256,
                "database_bytes": self.database_bytes,
            },
            ensure_ascii=False,
            indent=2,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        """Parse and check every field; raises ManifestError (Vietnamese) on any defect."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ManifestError("bản kê nội dung không phải JSON hợp lệ") from error
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            raise ManifestError("bản kê nội dung không đúng định dạng")
        return cls(
            office_name=_text(data, "office_name"),
            parent_name=_text(data, "parent_name"),
            level=_text(data, "level"),
            created_at=_moment(data),
            program_version=_text(data, "program_version"),
            schema_revision=_text(data, "schema_revision"),
            counts=_counts(data),
            database_sha256=_sha256(data),
            database_bytes=_whole(data, "database_bytes"),
        )


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ManifestError(f"bản kê nội dung thiếu mục “{key}”")
    return value


def _whole(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ManifestError(f"mục “{key}” của bản kê nội dung không phải số nguyên")
    return value


def _moment(data: dict[str, Any]) -> datetime:
    try:
        moment = datetime.fromisoformat(_text(data, "created_at"))
    except ValueError as error:
        raise ManifestError("thời điểm sao lưu trong bản kê không hợp lệ") from error
    if moment.tzinfo is None:
        raise ManifestError("thời điểm sao lưu trong bản kê thiếu múi giờ")
    return moment


def _counts(data: dict[str, Any]) -> dict[str, int]:
    counts = data.get("counts")
    if not isinstance(counts, dict):
        raise ManifestError("bản kê nội dung thiếu số bản ghi")
    return {str(table): _whole(counts, table) for table in counts}


def _sha256(data: dict[str, Any]) -> str:
    value = _text(data, "database_sha256")
    if not _SHA256_HEX.fullmatch(value):
        raise ManifestError("mã SHA-256 trong bản kê không hợp lệ")
    return value
