"""Opening a database for a command, with every refusal turned into a message."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database, DatabaseOpenError
from pcmt_desktop.store.lock import DatabaseInUseError
from pcmt_desktop.store.migrate import ForeignDatabaseError, NewerDatabaseError

OPEN_ERRORS = (DatabaseInUseError, NewerDatabaseError, ForeignDatabaseError, DatabaseOpenError)


class CommandError(Exception):
    """A command could not do its work; the message is for the officer."""


@contextmanager
def open_services(path: Path) -> Iterator[Services]:
    try:
        database = Database.open(path)
    except OPEN_ERRORS as error:
        raise CommandError(str(error)) from error
    try:
        yield Services.build(ServiceContext(database.sessions))
    finally:
        database.close()


def fail(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return 2
