"""The catalog of the consolidated store: every backup received, and each office's current one.

``received_backup`` keeps the history (a newer backup of an office adds a row, the older
rows stay); ``received_office`` says, for each office, which namespace holds its data and
which received backup that data came from. Both live in the catalog database: schema
``pcmt_catalog`` on PostgreSQL, ``catalog.sqlite3`` in the store's folder on SQLite (the
schema name is translated away there, see ``CATALOG_SCHEMA``).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    func,
    select,
)

from pcmt_desktop.domain.text import fold
from pcmt_desktop.upper.backup_facts import BackupFacts

# Tables name the schema; a SQLite catalog maps it to None (schema_translate_map).
CATALOG_SCHEMA = "pcmt_catalog"
NAMESPACE_PREFIX = "office_"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

received_backup = Table(
    "received_backup",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("office_name", String(200), nullable=False, index=True),
    Column("parent_name", String(200), nullable=False),
    Column("level", String(50), nullable=False),
    # ISO 8601 with the UTC offset, as the manifest says it: the same text on both backends.
    Column("created_at", String(40), nullable=False),
    Column("program_version", String(50), nullable=False),
    Column("schema_revision", String(50), nullable=False),
    Column("counts_json", Text, nullable=False),
    Column("database_sha256", String(64), nullable=False),
    Column("database_bytes", BigInteger, nullable=False),
    Column("file_name", String(500), nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("namespace", String(60), nullable=False),
    # Where the data went: the SQLite file's name in the folder, or the PostgreSQL schema.
    Column("storage", String(200), nullable=False),
    schema=CATALOG_SCHEMA,
)

received_office = Table(
    "received_office",
    metadata,
    Column("namespace", String(60), primary_key=True),
    Column("office_name", String(200), nullable=False, unique=True),
    Column("backup_id", Integer, ForeignKey(received_backup.c.id), nullable=False, unique=True),
    schema=CATALOG_SCHEMA,
)


@dataclass(frozen=True)
class ReceivedBackup(BackupFacts):
    """One received backup, as the catalog keeps it (never the passphrase)."""

    id: int
    namespace: str
    storage: str


def _received(row: Any) -> ReceivedBackup:
    values = dict(row._mapping)
    values["counts"] = json.loads(values.pop("counts_json"))
    for key in ("created_at", "received_at"):
        values[key] = datetime.fromisoformat(values[key])
    return ReceivedBackup(**values)


def current_backups(connection: Connection) -> list[ReceivedBackup]:
    """Each office's backup whose data the store holds now, by office name."""
    rows = connection.execute(
        select(received_backup).join(
            received_office, received_office.c.backup_id == received_backup.c.id
        )
    )
    # Sorted here, not in SQL: PostgreSQL's collation and SQLite's differ on Vietnamese.
    return sorted(
        (_received(row) for row in rows),
        key=lambda backup: (fold(backup.office_name), backup.office_name),
    )


def current_storages() -> Select[str]:
    """Where the offices' current data is (files or schemas); anything else is a leftover."""
    return select(received_backup.c.storage).join(
        received_office, received_office.c.backup_id == received_backup.c.id
    )


def history(connection: Connection) -> list[ReceivedBackup]:
    """Every backup received, oldest reception first."""
    rows = connection.execute(select(received_backup).order_by(received_backup.c.id))
    return [_received(row) for row in rows]


def current_for_office(connection: Connection, office_name: str) -> ReceivedBackup | None:
    row = connection.execute(
        select(received_backup)
        .join(received_office, received_office.c.backup_id == received_backup.c.id)
        .where(received_office.c.office_name == office_name)
    ).one_or_none()
    return None if row is None else _received(row)


def is_received(connection: Connection, office_name: str, created_at: datetime, sha: str) -> bool:
    """The same backup (office, moment, database) was already received."""
    found = connection.execute(
        select(func.count()).where(
            received_backup.c.office_name == office_name,
            received_backup.c.created_at == created_at.isoformat(),
            received_backup.c.database_sha256 == sha,
        )
    ).scalar_one()
    return bool(found)


def new_namespace(connection: Connection) -> str:
    """``office_<n>`` with n one above any namespace the catalog has ever given."""
    used = connection.execute(select(received_backup.c.namespace).distinct()).scalars()
    numbers = [
        int(name.removeprefix(NAMESPACE_PREFIX))
        for name in used
        if name.startswith(NAMESPACE_PREFIX) and name.removeprefix(NAMESPACE_PREFIX).isdigit()
    ]
    return f"{NAMESPACE_PREFIX}{max(numbers, default=0) + 1}"


def record(connection: Connection, values: Mapping[str, Any]) -> int:
    """Add a received backup and make it its office's current one; returns its id."""
    row = dict(values)
    row["counts_json"] = json.dumps(row.pop("counts"), ensure_ascii=False, sort_keys=True)
    for key in ("created_at", "received_at"):
        row[key] = row[key].isoformat()
    backup_id: int = connection.execute(
        received_backup.insert().returning(received_backup.c.id), row
    ).scalar_one()
    updated = connection.execute(
        received_office.update()
        .where(received_office.c.namespace == row["namespace"])
        .values(backup_id=backup_id, office_name=row["office_name"])
    ).rowcount
    if not updated:
        connection.execute(
            received_office.insert(),
            {
                "namespace": row["namespace"],
                "office_name": row["office_name"],
                "backup_id": backup_id,
            },
        )
    return backup_id
