"""Copying an office's database into a freshly migrated one, in small batches."""

from pathlib import Path

from sqlalchemy import Connection, select

from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import Base
from pcmt_desktop.upper.copy_rows import copy_all_rows
from pcmt_desktop.upper.sqlite_namespaces import read_only_engine
from tests.upper.offices import Offices


def every_row(connection: Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        table.name: [
            tuple(row)
            for row in connection.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in Base.metadata.sorted_tables
    }


def test_every_row_of_every_table_is_copied_and_the_seeded_rows_replaced(
    offices: Offices, tmp_path: Path
) -> None:
    source = read_only_engine(offices.binh_minh.database)
    target = Database.open(tmp_path / "dich.sqlite3")
    try:
        with source.connect() as rows, target.engine.begin() as into:
            copied = copy_all_rows(rows, into, batch_rows=7)
        with source.connect() as rows, target.engine.connect() as into:
            expected, actual = every_row(rows), every_row(into)
    finally:
        target.close()
        source.dispose()

    assert actual == expected
    assert copied == {name: len(table_rows) for name, table_rows in expected.items()}
    assert copied["audit_entry"] > 7
    assert copied["legal_rule"] > 0
