"""Opening the embedded SQLite store: lock, pragmas, migration, sessions."""

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SqlAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.store.lock import DatabaseLock
from pcmt_desktop.store.migrate import refuse_unknown_revision, upgrade_to_head


class DatabaseOpenError(Exception):
    """The file is not a database this program can open; the message says why."""


def _apply_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Foreign keys guard history rows; WAL lets readers and the writer coexist; FULL
    # makes each commit durable through a power cut, which an office PC will see.
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _apply_pragmas)
    return engine


class Database:
    """An open database file: held under lock and migrated to this program's schema."""

    def __init__(self, path: Path, engine: Engine, lock: DatabaseLock) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path) -> "Database":
        """Open (creating if missing) and migrate; raises with a Vietnamese message."""
        path = path.resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = DatabaseLock(path)
        lock.acquire()
        engine = make_engine(path)
        try:
            refuse_unknown_revision(path)
            upgrade_to_head(engine)
        except (sqlite3.DatabaseError, SqlAlchemyDatabaseError) as error:
            engine.dispose()
            lock.release()
            # SQLAlchemy's wrapper appends an English "background" link: show the cause only.
            cause = getattr(error, "orig", None) or error
            raise DatabaseOpenError(
                f"Tệp {path} không phải là cơ sở dữ liệu PCMT hoặc đã bị hỏng ({cause})."
            ) from error
        except BaseException:
            engine.dispose()
            lock.release()
            raise
        return cls(path, engine, lock)

    def close(self) -> None:
        # Keeps the planner's statistics current as the registries grow (cheap: SQLite only
        # re-analyses tables whose size changed a lot); a failure must not block closing.
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA optimize")
        except SqlAlchemyDatabaseError:
            pass
        self.engine.dispose()
        self._lock.release()
