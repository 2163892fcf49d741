"""Brings a database to the schema this program knows, or refuses one made by a newer one.

Alembic (and the Mako templates it loads) is imported only when a database has to be
migrated or its revision is not this program's last: opening an up-to-date database, what
every start does, reads the revision with one query (a quarter of a second less).
"""

import sqlite3
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from pcmt_desktop.resources import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions; tests/store/test_migrations.py checks that it
# is alembic's head, so a new migration cannot be added without changing it.
HEAD_REVISION = "0006"


class NewerDatabaseError(Exception):
    """The database carries a schema revision this program does not know."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            "Cơ sở dữ liệu này được tạo bởi một phiên bản PCMT mới hơn "
            f"(phiên bản dữ liệu “{revision}”). Hãy cài phiên bản PCMT mới nhất để mở nó; "
            "chương trình không thay đổi gì trong tệp."
        )
        self.revision = revision


class ForeignDatabaseError(Exception):
    """The file is an SQLite database of some other program."""

    def __init__(self, path: Path, tables: list[str]) -> None:
        super().__init__(
            f"Tệp {path} là cơ sở dữ liệu của một chương trình khác (có các bảng "
            f"{', '.join(tables)}), không phải của PCMT. Chương trình không thay đổi gì trong "
            "tệp; hãy chọn tệp PCMT khác hoặc một tên tệp mới."
        )


def alembic_config(connection: Connection | None = None) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def known_revisions() -> frozenset[str]:
    """Every revision in migrations/versions (read once: the files do not change)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(item.revision for item in script.walk_revisions())


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("migrations/ has no revision")
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version`` by one query; None when there is none (yet)."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:  # no such table: a new database
        return None


def refuse_unknown_revision(path: Path) -> None:
    """Raise NewerDatabaseError before anything touches the file.

    The engine's connect hook switches the file to WAL, which rewrites its header; a
    newer program's database must be refused before that, through a read-only look.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    # immutable: a read-only look at a WAL file would still leave -wal/-shm files behind.
    # (A revision left only in a crashed WAL is caught again by upgrade_to_head.)
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if has_table is None:
            others = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' LIMIT 3"
            ).fetchall()
            if others:
                # Creating our tables inside another program's database would mix two
                # programs' data in one file; refuse instead.
                raise ForeignDatabaseError(path, [name for (name,) in others])
            return
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or row[0] == HEAD_REVISION:
        return
    if row[0] not in known_revisions():
        raise NewerDatabaseError(row[0])


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade in one transaction; refuse (touching nothing) a revision we do not know."""
    if _stored_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    # get_revision() raises on an unknown id instead of returning None: compare to the set.
    known = known_revisions()
    with engine.begin() as connection:
        revision = current_revision(connection)
        if revision is not None and revision not in known:
            raise NewerDatabaseError(revision)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Upgrade to a given revision (for migration tests that build old databases)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
