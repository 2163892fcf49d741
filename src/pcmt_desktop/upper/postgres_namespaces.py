"""The consolidated store on PostgreSQL: one schema per office, the catalog in ``pcmt_catalog``.

PostgreSQL's DDL is transactional, so a reception is one transaction on one connection:
take the store's advisory lock, decide from the catalog, drop and recreate the office's
schema, migrate it with the program's own alembic migrations (``search_path`` set to the
schema), copy every row from the received database, record the catalog row, commit. Any
failure rolls all of it back: the store is as it was.

Reading opens connections whose ``search_path`` is the office's schema and whose every
transaction is read-only (``default_transaction_read_only``), so the figures code runs
unchanged and cannot write.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import CreateSchema, DropSchema

from pcmt_desktop.store.migrate import alembic_config, upgrade_to_head
from pcmt_desktop.upper.arrival import Arrival, Placement, place
from pcmt_desktop.upper.catalog import CATALOG_SCHEMA, ReceivedBackup, metadata, record
from pcmt_desktop.upper.copy_rows import copy_all_rows
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.sqlite_namespaces import read_only_engine

# pg_advisory_xact_lock's key for "a reception is writing this store" ("PCMT" in ASCII).
RECEPTION_LOCK_KEY = 0x50434D54


def _set_search_path(connection: Connection, schema: str) -> None:
    # Namespaces are "office_<n>" made by catalog.new_namespace; quoted all the same.
    quoted = connection.dialect.identifier_preparer.quote_identifier(schema)
    connection.exec_driver_sql(f"SET LOCAL search_path TO {quoted}")


def _connection_problem(url: URL, error: DBAPIError) -> UpperStoreError:
    cause = str(error.orig).strip() if error.orig is not None else str(error)
    return UpperStoreError(
        f"Không mở được kho tổng hợp PostgreSQL {url.render_as_string(hide_password=True)}: {cause}"
    )


class PostgresNamespaces:
    def __init__(self, url: URL) -> None:
        self.url = url
        self._engine = create_engine(url, pool_pre_ping=True)
        try:
            with self._engine.begin() as connection:
                connection.execute(CreateSchema(CATALOG_SCHEMA, if_not_exists=True))
                metadata.create_all(connection)
        except DBAPIError as error:
            self._engine.dispose()
            raise _connection_problem(url, error) from error

    def catalog(self) -> Engine:
        return self._engine

    def scratch_folder(self) -> Path | None:
        return None

    @contextmanager
    def receiving(self) -> Iterator[None]:
        # The lock is the advisory lock taken inside install's transaction.
        yield

    def install(self, database: Path, arrival: Arrival) -> Placement:
        source = read_only_engine(database)
        try:
            with self._engine.begin() as connection:
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECEPTION_LOCK_KEY}
                )
                placement = place(connection, arrival)
                namespace = placement.namespace
                if namespace is None:
                    return placement
                connection.execute(DropSchema(namespace, cascade=True, if_exists=True))
                connection.execute(CreateSchema(namespace))
                _set_search_path(connection, namespace)
                command.upgrade(alembic_config(connection), "head")
                with source.connect() as rows:
                    copy_all_rows(rows, connection)
                record(connection, arrival.catalog_row(namespace, namespace))
        finally:
            source.dispose()
        return placement

    def _namespace_engine(self, schema: str, *, read_only: bool) -> Engine:
        options = f"-c search_path={schema}"
        if read_only:
            options += " -c default_transaction_read_only=on"
        return create_engine(self.url, poolclass=NullPool, connect_args={"options": options})

    def reader(self, backup: ReceivedBackup) -> Engine:
        return self._namespace_engine(backup.storage, read_only=True)

    def upgrade(self, backup: ReceivedBackup) -> None:
        engine = self._namespace_engine(backup.storage, read_only=False)
        try:
            upgrade_to_head(engine)
        finally:
            engine.dispose()

    def close(self) -> None:
        self._engine.dispose()
