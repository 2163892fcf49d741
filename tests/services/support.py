"""Checks shared by the service tests: what one write leaves behind, and what a refusal doesn't.

``expect_write`` asserts the contract of every write (one ``Changes`` on the bus, the
expected number of audit rows); ``expect_refusal`` asserts that a refused call raised
``ValidationError``, published nothing and left every table exactly as it was.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import text

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.services.audit import AuditRecord, all_entries
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.registry import Services

ALL_ROWS = 10**9


def audit_count(services: Services) -> int:
    return len(all_entries(services.context, limit=ALL_ROWS))


def dump(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to compare before and after a refused call."""
    with services.context.reading() as session:
        tables = session.execute(
            text(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ).scalars()
        return {
            table: [tuple(row) for row in session.execute(text(f'SELECT * FROM "{table}"'))]
            for table in list(tables)
        }


@dataclass
class Written:
    """What a write left: its announcements and its new audit rows (oldest first)."""

    changes: list[Changes] = field(default_factory=list)
    audit: list[AuditRecord] = field(default_factory=list)


@contextmanager
def expect_write(
    services: Services,
    entities: Iterable[str],
    person_ids: Iterable[int] = (),
    *,
    audit_rows: int = 1,
) -> Iterator[Written]:
    written = Written()
    bus = services.context.bus
    bus.subscribe(written.changes.append)
    before = audit_count(services)
    try:
        yield written
    finally:
        bus.unsubscribe(written.changes.append)
    added = audit_count(services) - before
    written.audit = list(reversed(all_entries(services.context, limit=added))) if added else []
    assert written.changes == [Changes(frozenset(entities), frozenset(person_ids))]
    assert added == audit_rows
    for entry in written.audit:
        assert entry.user_name == services.context.actor.user_name


@contextmanager
def expect_refusal(services: Services, *messages: str) -> Iterator[None]:
    """The call inside raises ValidationError whose messages are exactly ``messages``."""
    published: list[Changes] = []
    bus = services.context.bus
    bus.subscribe(published.append)
    before = dump(services)
    try:
        with pytest.raises(ValidationError) as refused:
            yield
    finally:
        bus.unsubscribe(published.append)
    assert [problem.message for problem in refused.value.problems] == list(messages)
    assert published == []
    assert dump(services) == before
