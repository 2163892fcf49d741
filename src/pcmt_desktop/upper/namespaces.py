"""What a consolidated store's backend does: one namespace per office, and a catalog.

Two backends: ``SqliteNamespaces`` (a folder: one file per office, ``catalog.sqlite3``)
and ``PostgresNamespaces`` (one schema per office, schema ``pcmt_catalog``). The store
(``store.py``) does the rest the same way for both.
"""

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from pcmt_desktop.upper.arrival import Arrival, Placement
from pcmt_desktop.upper.catalog import ReceivedBackup


class Namespaces(Protocol):
    def catalog(self) -> Engine:
        """The catalog database, for reading the catalog."""
        ...

    def scratch_folder(self) -> Path | None:
        """Where a received file is decrypted (None: the system's temporary folder)."""
        ...

    def receiving(self) -> AbstractContextManager[None]:
        """Held for a whole reception: one at a time per store."""
        ...

    def install(self, database: Path, arrival: Arrival) -> Placement:
        """Put ``database`` (migrated to head) into its office's namespace, all or nothing."""
        ...

    def reader(self, backup: ReceivedBackup) -> Engine:
        """A read-only engine on ``backup``'s namespace (the caller disposes of it)."""
        ...

    def upgrade(self, backup: ReceivedBackup) -> None:
        """Migrate ``backup``'s namespace to this program's schema (left by an older one)."""
        ...

    def close(self) -> None: ...
