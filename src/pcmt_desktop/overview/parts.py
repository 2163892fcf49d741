"""One piece of the overview that reads the database on its own: a name and a function.

The overview is many small questions (stays due, dossiers late, persons without CCCD, the
tests of the year, …). Each is a ``Part`` that opens its own session from the context, so
that ``loader.load_overview`` can run them side by side in worker threads (each thread on
its own SQLite connection, as WAL readers) and the tests can run any one of them alone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from pcmt_desktop.services.context import ServiceContext

T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    """``run(context, today)`` answers one question; ``name`` labels its time.

    ``cost`` is roughly how long it takes alone on the benchmark's 300 000 persons (ms):
    the loader starts the slow parts first, so that they do not end up running alone
    at the end while the other threads sit idle.
    """

    name: str
    run: Callable[[ServiceContext, date], T]
    cost: int = 0
