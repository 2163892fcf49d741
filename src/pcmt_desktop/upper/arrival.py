"""What a received backup brings to the catalog, and where it goes: add, replace or skip.

An office is known by its name. The same backup (same office, same moment, same database)
received twice adds nothing; a backup newer than the one held replaces that office's data
in its namespace; an older one (a stale copy found on a USB stick) changes nothing.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection

from pcmt_desktop.upper.backup_facts import BackupFacts
from pcmt_desktop.upper.catalog import (
    ReceivedBackup,
    current_for_office,
    is_received,
    new_namespace,
)


@dataclass(frozen=True)
class Arrival(BackupFacts):
    """A backup just received: its facts, before the catalog gives it a place."""

    def catalog_row(self, namespace: str, storage: str) -> dict[str, Any]:
        return {
            "office_name": self.office_name,
            "parent_name": self.parent_name,
            "level": self.level,
            "created_at": self.created_at,
            "program_version": self.program_version,
            "schema_revision": self.schema_revision,
            "counts": dict(self.counts),
            "database_sha256": self.database_sha256,
            "database_bytes": self.database_bytes,
            "file_name": self.file_name,
            "received_at": self.received_at,
            "namespace": namespace,
            "storage": storage,
        }


class AddOutcome(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    ALREADY_HELD = "already_held"
    OLDER = "older"

    @property
    def changes_store(self) -> bool:
        return self in (AddOutcome.ADDED, AddOutcome.REPLACED)


@dataclass(frozen=True)
class Placement:
    """The decision for one arrival; ``namespace`` is set when data is to be written."""

    outcome: AddOutcome
    namespace: str | None
    held: ReceivedBackup | None


def place(connection: Connection, arrival: Arrival) -> Placement:
    """Decide from the catalog as it is inside the caller's transaction."""
    held = current_for_office(connection, arrival.office_name)
    if is_received(connection, arrival.office_name, arrival.created_at, arrival.database_sha256):
        return Placement(AddOutcome.ALREADY_HELD, None, held)
    if held is None:
        return Placement(AddOutcome.ADDED, new_namespace(connection), None)
    if held.created_at >= arrival.created_at:
        return Placement(AddOutcome.OLDER, None, held)
    return Placement(AddOutcome.REPLACED, held.namespace, held)
