"""The audit trail of a database file as the tests read it: plain rows, newest last."""

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    user_name: str
    action: str
    entity: str
    summary: str
    after: Any


def audit_rows(database: Path) -> list[Row]:
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute(
            "SELECT user_name, action, entity, summary, after_json FROM audit_entry ORDER BY id"
        ).fetchall()
    return [
        Row(user, action, entity, summary, None if after is None else json.loads(after))
        for user, action, entity, summary, after in rows
    ]


def accounts(database: Path) -> list[tuple[str, str, str]]:
    """(user name, display name, role) of every account."""
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(
            "SELECT user_name, display_name, role_key FROM app_user ORDER BY user_name"
        ).fetchall()
