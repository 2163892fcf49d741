"""Accent-free search over text columns that have no folded copy (addresses, places).

SQLite cannot fold Vietnamese itself, so the program's own ``fold`` is registered on the
session's connection as the SQL function ``pcmt_fold``. It runs once per row scanned:
meant for the smaller registries (hotspots, seizures), not for the persons table, which
keeps a folded column written with each row.
"""

from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import Session

from pcmt_desktop.domain.text import fold

FUNCTION_NAME = "pcmt_fold"


def _fold_or_empty(value: object) -> str:
    return fold(value) if isinstance(value, str) else ""


def register_fold(session: Session) -> None:
    """Make ``pcmt_fold`` available to the queries of ``session`` (cheap to repeat)."""
    if session.get_bind().dialect.name != "sqlite":
        # Only SQLite takes Python functions. The level above's PostgreSQL store (upper/)
        # only computes figures, whose queries never search text, so none is needed there.
        return
    raw: Any = session.connection().connection.driver_connection
    raw.create_function(FUNCTION_NAME, 1, _fold_or_empty, deterministic=True)


def folded(column: ColumnElement[str] | Any) -> ColumnElement[str]:
    """``column`` without accents, lower case (needs ``register_fold`` on the session)."""
    result: ColumnElement[str] = getattr(func, FUNCTION_NAME)(column)
    return result
