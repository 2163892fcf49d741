"""What a backup holds next to what the current database holds, before a restore.

The officer must see which office's data would come in and how much of it, beside what
would go, so that a file of another office, or an old one, is not restored by mistake.
The current side is counted with the very functions that fill a backup's manifest, on a
read-only connection: the same tables, the same labels.
"""

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from pcmt_desktop.backup import REGISTRY_TABLES, Manifest, label_for
from pcmt_desktop.backup.counts import count_rows
from pcmt_desktop.backup.image import office_facts
from pcmt_desktop.domain.number_text import format_whole

NO_OFFICE = "(chưa khai báo đơn vị)"
PERSON_TABLE = "person"


@dataclass(frozen=True)
class Contents:
    """What a database holds, as a restore's comparison shows it."""

    office_name: str
    parent_name: str
    counts: dict[str, int]

    @classmethod
    def of_manifest(cls, manifest: Manifest) -> "Contents":
        return cls(manifest.office_name, manifest.parent_name, dict(manifest.counts))

    @property
    def persons(self) -> int:
        return self.counts.get(PERSON_TABLE, 0)

    def office_text(self) -> str:
        return self.office_name or NO_OFFICE


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    in_backup: str
    current: str
    compared: bool = True  # False for the moment, which always differs

    @property
    def differs(self) -> bool:
        return self.compared and self.in_backup != self.current


def current_contents(database_path: Path) -> Contents:
    """The office and the counts of the database at ``database_path``, read-only.

    Raises:
        sqlite3.DatabaseError: the database cannot be read (then it is shown as unknown).
    """
    uri = f"{database_path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        connection.execute("PRAGMA busy_timeout = 5000")
        office = office_facts(connection)
        counts = count_rows(connection)
    return Contents(office.name, office.parent_name, counts)


def comparison_rows(manifest: Manifest, current: Contents | None) -> list[ComparisonRow]:
    """Office, level above, when, then the count of every registry either side holds."""
    unknown = "(không đọc được)"
    backup = Contents.of_manifest(manifest)
    rows = [
        ComparisonRow(
            "Đơn vị", backup.office_text(), current.office_text() if current else unknown
        ),
        ComparisonRow(
            "Đơn vị cấp trên",
            backup.parent_name,
            current.parent_name if current else unknown,
        ),
        ComparisonRow(
            "Thời điểm của dữ liệu",
            f"{manifest.created_at.astimezone():%d/%m/%Y %H:%M}",
            "hiện tại",
            compared=False,
        ),
    ]
    now_counts = current.counts if current else {}
    known = [table for table, _label in REGISTRY_TABLES]
    others = sorted((set(manifest.counts) | set(now_counts)) - set(known))
    for table in [*known, *others]:
        if table not in manifest.counts and table not in now_counts:
            continue
        rows.append(
            ComparisonRow(
                label_for(table),
                _count(manifest.counts.get(table)),
                _count(now_counts.get(table)) if current else unknown,
            )
        )
    return rows


def _count(value: int | None) -> str:
    return "—" if value is None else format_whole(value)
