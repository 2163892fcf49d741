"""What the catalog knows of a received backup before it has a place in the store.

A backup on arrival (``upper.arrival.Arrival``) and a backup the catalog holds
(``upper.catalog.ReceivedBackup``) say the same things about the file; keeping those
fields in one class keeps the two in step when the manifest grows.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class BackupFacts:
    """A backup file's manifest as the catalog keeps it, with the file's name and when."""

    office_name: str
    parent_name: str
    level: str
    created_at: datetime
    program_version: str
    schema_revision: str
    counts: Mapping[str, int]
    database_sha256: str
    database_bytes: int
    file_name: str
    received_at: datetime
