"""The consolidated store of the level above: receive backup files, list them, read them.

Receiving a file: decrypt and verify it into a scratch file (``extract_database``), open
that with the program's own ``Database.open`` (an older office's schema is migrated up,
a newer one refused), then hand it to the backend, which puts it in the office's
namespace and records it in the catalog in one step that either happens whole or not at
all. A damaged file, a wrong passphrase or any failure on the way leaves the store as it
was. The passphrase is only passed on to the decryption, never kept or shown.

Reading: ``reading(backup)`` gives sessions on that office's namespace, opened read-only.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from types import TracebackType

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.backup import extract_database
from pcmt_desktop.backup.read import Progress
from pcmt_desktop.store.database import Database, DatabaseOpenError
from pcmt_desktop.store.migrate import (
    ForeignDatabaseError,
    NewerDatabaseError,
    current_revision,
    head_revision,
    known_revisions,
)
from pcmt_desktop.upper.arrival import AddOutcome, Arrival, Placement, place
from pcmt_desktop.upper.catalog import ReceivedBackup, current_backups, history
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.namespaces import Namespaces
from pcmt_desktop.upper.postgres_namespaces import PostgresNamespaces
from pcmt_desktop.upper.sqlite_namespaces import SqliteNamespaces, settle

EXTRACTED_NAME = "don-vi.sqlite3"


@dataclass(frozen=True)
class AddResult:
    """What receiving one file did; ``held`` is the office's backup held before it."""

    outcome: AddOutcome
    office_name: str
    created_at: datetime
    held: ReceivedBackup | None

    def message(self) -> str:
        """One Vietnamese sentence for the officer."""
        made = f"{self.created_at.astimezone():%H:%M ngày %d/%m/%Y}"
        office = f"“{self.office_name}”"
        if self.outcome is AddOutcome.ADDED:
            return f"Đã nhận dữ liệu của {office} (sao lưu lúc {made})."
        held = (
            ""
            if self.held is None
            else f" lúc {self.held.created_at.astimezone():%H:%M ngày %d/%m/%Y}"
        )
        if self.outcome is AddOutcome.REPLACED:
            return (
                f"Đã cập nhật dữ liệu của {office} bằng bản sao lưu lúc {made} "
                f"(thay cho bản sao lưu{held})."
            )
        if self.outcome is AddOutcome.ALREADY_HELD:
            return (
                f"Tệp này đã được nhận trước đây ({office}, sao lưu lúc {made}): "
                "không có gì thay đổi."
            )
        return (
            f"Kho đã có bản sao lưu mới hơn của {office} (sao lưu{held}); tệp sao lưu lúc {made} "
            "cũ hơn nên không được dùng. Không có gì thay đổi."
        )


def _migrate(path: Path, file_name: str) -> None:
    """Bring the received database to this program's schema, or refuse it."""
    try:
        Database.open(path).close()
    except (NewerDatabaseError, ForeignDatabaseError, DatabaseOpenError) as error:
        raise UpperStoreError(f"Không nhận được tệp {file_name}: {error}") from error


class UpperStore:
    def __init__(self, location: StoreLocation, namespaces: Namespaces) -> None:
        self.location = location
        self._namespaces = namespaces

    @classmethod
    def open(cls, location: StoreLocation) -> "UpperStore":
        """Open (creating if needed) the store; namespaces left by an older program migrate.

        Raises UpperStoreError when the store cannot be opened or was written by a newer
        program.
        """
        namespaces: Namespaces
        if location.url is not None:
            namespaces = PostgresNamespaces(location.url)
        elif location.folder is not None:
            namespaces = SqliteNamespaces(location.folder)
        else:
            raise ValueError("a store location has a folder or a URL")
        store = cls(location, namespaces)
        try:
            store._bring_up_to_date()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self._namespaces.close()

    def __enter__(self) -> "UpperStore":
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def offices(self) -> list[ReceivedBackup]:
        """Each office's backup whose data the store holds, by office name."""
        with self._namespaces.catalog().connect() as connection:
            return current_backups(connection)

    def history(self) -> list[ReceivedBackup]:
        """Every backup ever received, in the order received."""
        with self._namespaces.catalog().connect() as connection:
            return history(connection)

    def namespace_revision(self, backup: ReceivedBackup) -> str | None:
        engine = self._namespaces.reader(backup)
        try:
            with engine.connect() as connection:
                return current_revision(connection)
        finally:
            engine.dispose()

    def _bring_up_to_date(self) -> None:
        head, known = head_revision(), known_revisions()
        for backup in self.offices():
            revision = self.namespace_revision(backup)
            if revision == head:
                continue
            if revision not in known:
                raise UpperStoreError(
                    f"Dữ liệu của “{backup.office_name}” trong kho tổng hợp "
                    f"{self.location.describe()} đã được một phiên bản PCMT mới hơn cập nhật "
                    f"(phiên bản dữ liệu “{revision}”). Hãy cài phiên bản PCMT mới nhất."
                )
            self._namespaces.upgrade(backup)

    def add(
        self,
        backup_file: Path,
        passphrase: str,
        *,
        progress: Progress | None = None,
        now: datetime | None = None,
    ) -> AddResult:
        """Receive one backup file.

        Raises BackupError (damaged, incomplete, wrong passphrase, newer format: each its
        own message) or UpperStoreError; in every case the store is left as it was.
        """
        received_at = (now or datetime.now()).astimezone().replace(microsecond=0)
        with (
            self._namespaces.receiving(),
            TemporaryDirectory(prefix="nhan-", dir=self._namespaces.scratch_folder()) as scratch,
        ):
            extracted = Path(scratch) / EXTRACTED_NAME
            manifest = extract_database(backup_file, passphrase, extracted, progress=progress)
            if not manifest.office_name.strip():
                raise UpperStoreError(
                    f"Tệp {backup_file.name} là bản sao lưu của một cơ sở dữ liệu chưa khai "
                    "báo đơn vị: không biết là của đơn vị nào nên không nhận."
                )
            arrival = Arrival(
                office_name=manifest.office_name,
                parent_name=manifest.parent_name,
                level=manifest.level,
                created_at=manifest.created_at,
                program_version=manifest.program_version,
                schema_revision=manifest.schema_revision,
                counts=manifest.counts,
                database_sha256=manifest.database_sha256,
                database_bytes=manifest.database_bytes,
                file_name=backup_file.name,
                received_at=received_at,
            )
            placement = self._decide(arrival)
            if placement.namespace is not None:
                _migrate(extracted, backup_file.name)
                _forget_accounts(extracted)
                settle(extracted)
                placement = self._install(extracted, arrival)
        return AddResult(placement.outcome, arrival.office_name, arrival.created_at, placement.held)

    def _install(self, extracted: Path, arrival: Arrival) -> Placement:
        try:
            return self._namespaces.install(extracted, arrival)
        except SQLAlchemyError as error:
            # E.g. text that SQLite kept in a number column, which PostgreSQL refuses.
            cause = getattr(error, "orig", None) or error
            raise UpperStoreError(
                f"Không chép được dữ liệu của “{arrival.office_name}” (tệp {arrival.file_name}) "
                f"vào kho tổng hợp: {str(cause).strip()}. Kho tổng hợp không thay đổi gì."
            ) from error

    def _decide(self, arrival: Arrival) -> Placement:
        """A first look, to skip the migration of a file that will not be used.

        The backend decides again inside its own transaction, which is what counts.
        """
        with self._namespaces.catalog().connect() as connection:
            return place(connection, arrival)

    @contextmanager
    def reading(self, backup: ReceivedBackup) -> Iterator[sessionmaker[Session]]:
        """Sessions on ``backup``'s namespace; every connection is read-only."""
        engine = self._namespaces.reader(backup)
        try:
            yield sessionmaker(engine, expire_on_commit=False)
        finally:
            engine.dispose()


def _forget_accounts(database: Path) -> None:
    """The level above reads registries, not the office's logins: its accounts and their
    password hashes are wiped from the received copy (secure_delete overwrites the freed
    pages, so the hashes do not linger on disk)."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA secure_delete = ON")
        with connection:
            connection.execute("DELETE FROM app_user")
