"""Copying an office's database, table by table, into a freshly migrated namespace.

The target was just migrated by the program's own alembic migrations, which seed some
tables (legal rules, Criminal Code articles); the office's database holds its own copy of
those rows, possibly extended, so the target is emptied first and then receives every
row of every table, parents before children (``Base.metadata.sorted_tables``), in batches
so that a large office never sits in memory whole. Primary keys are copied as they are:
the namespace is only read afterwards, so its id sequences are left alone.
"""

from sqlalchemy import Connection, select

from pcmt_desktop.store.models import Base

BATCH_ROWS = 2000


def copy_all_rows(
    source: Connection, target: Connection, *, batch_rows: int = BATCH_ROWS
) -> dict[str, int]:
    """Replace every table's rows in ``target`` with ``source``'s; returns rows per table."""
    tables = Base.metadata.sorted_tables
    for table in reversed(tables):
        target.execute(table.delete())
    copied: dict[str, int] = {}
    for table in tables:
        query = select(table).order_by(*table.primary_key.columns)
        result = source.execution_options(yield_per=batch_rows).execute(query)
        count = 0
        for batch in result.partitions():
            target.execute(table.insert(), [dict(row._mapping) for row in batch])
            count += len(batch)
        copied[table.name] = count
    return copied
