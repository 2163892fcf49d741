"""Opening a database for a command: logged in first, every refusal turned into a message.

``open_services`` yields services whose actor is the officer who logged in (or the first
administrator just created); nothing is read before that. With ``shared=True`` a command
that only reads a snapshot (``backup create``) may also run beside a window holding the
database: it then opens it without the lock, provided the window has already brought the
schema to this program's version.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.cli.authentication import authenticate
from pcmt_desktop.cli.failure import CommandError
from pcmt_desktop.cli.login_options import Credentials
from pcmt_desktop.services.context import NOBODY, ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database, DatabaseOpenError, make_engine
from pcmt_desktop.store.lock import DatabaseInUseError, DatabaseLock, lock_path_for
from pcmt_desktop.store.migrate import (
    ForeignDatabaseError,
    NewerDatabaseError,
    current_revision,
    head_revision,
)

OPEN_ERRORS = (DatabaseInUseError, NewerDatabaseError, ForeignDatabaseError, DatabaseOpenError)


def open_database(path: Path, *, shared: bool = False) -> Database:
    """The database at ``path`` (created and migrated if need be).

    Raises:
        CommandError: in use by a window (unless ``shared`` and usable as it is), newer,
            another program's, or damaged.
    """
    try:
        return Database.open(path)
    except DatabaseInUseError as error:
        if shared:
            beside = _beside_the_window(path)
            if beside is not None:
                return beside
        raise CommandError(str(error)) from error
    except OPEN_ERRORS as error:
        raise CommandError(str(error)) from error


def _beside_the_window(path: Path) -> Database | None:
    """The database without its lock, if its schema is this program's; else None."""
    path = path.resolve()
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    except SQLAlchemyError:
        engine.dispose()
        return None
    if revision != head_revision():
        engine.dispose()
        return None
    # A lock never acquired: closing this Database releases nothing the window holds.
    return Database(path, engine, DatabaseLock(path))


def database_files(path: Path) -> list[Path]:
    """The files a database is made of on disk, its lock file included."""
    return [
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        lock_path_for(path),
    ]


@contextmanager
def open_services(
    path: Path, credentials: Credentials, *, shared: bool = False
) -> Iterator[Services]:
    """Services on ``path`` acting as the officer ``credentials`` log in.

    A database this call created is removed again when nobody could log in: a refused
    command leaves no empty database behind.

    Raises:
        CommandError: the database cannot be opened, or nobody valid logged in.
    """
    # An existing file's -wal may hold committed data: only what this call creates goes.
    new_files = (
        [] if path.exists() else [file for file in database_files(path) if not file.exists()]
    )
    database = open_database(path, shared=shared)
    try:
        context = ServiceContext(database.sessions, actor=NOBODY)
        context.actor = authenticate(context, credentials)
    except BaseException:
        database.close()
        for file in new_files:
            file.unlink(missing_ok=True)
        raise
    try:
        yield Services.build(context)
    finally:
        database.close()
