"""Every released schema's small database upgrades to head with its data intact.

The fixtures are built once per release by ``make_schema_fixture.py``; a new schema
only adds a file to ``fixtures/`` and this test picks it up.
"""

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pcmt_desktop.services.audit import all_entries
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.migrate import current_revision, head_revision

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema_*.sqlite3"))

Rows = dict[str, dict[Any, dict[str, Any]]]


def read_rows(path: Path) -> Rows:
    """Every row of every table (alembic's own excepted), keyed by table and rowid.

    Tables with an integer ``id`` have it as their rowid, so a batch migration that copies
    such a table keeps the keys; the few keyed otherwise are never copied.
    """
    with closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        return {
            table: {
                row[0]: dict(row)
                for row in connection.execute(f'SELECT rowid AS "rowid", * FROM "{table}"')
            }
            for table in tables
        }


def test_there_is_a_fixture_for_the_first_schema() -> None:
    assert any(path.name == "schema_0001.sqlite3" for path in FIXTURES)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_a_released_schema_upgrades_to_head_with_every_row_intact(
    fixture: Path, tmp_path: Path
) -> None:
    path = tmp_path / "pcmt.sqlite3"
    shutil.copyfile(fixture, path)
    before = read_rows(path)
    assert before, "the fixture holds no table"
    for table, rows in before.items():
        assert rows, f"the fixture holds no row in {table}"

    database = Database.open(path)
    try:
        with database.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        _read_everything_through_the_services(database, before)
    finally:
        database.close()

    after = read_rows(path)
    for table, rows in before.items():
        assert table in after, f"table {table} disappeared"
        for row_id, old in rows.items():
            assert row_id in after[table], f"{table} row {row_id} disappeared"
            new = after[table][row_id]
            kept = {column: new[column] for column in old if column in new}
            assert kept == old, f"{table} row {row_id} changed"


def _read_everything_through_the_services(database: Database, before: Rows) -> None:
    """The upgraded file is usable by today's models and services, not just present."""
    services = Services.build(ServiceContext(database.sessions, today=lambda: date(2026, 11, 23)))
    office = services.office.office()
    assert office is not None
    assert office.name == before["office"][1]["name"]
    assert {area.name for area in services.office.sub_areas()} == {
        row["name"] for row in before["sub_area"].values()
    }
    assert services.persons.count() == len(before["person"])
    history_rows = 0
    for person_id, raw in before["person"].items():
        person = services.persons.get(person_id)
        assert person.full_name == raw["full_name"]
        assert person.cccd == raw["cccd"]
        assert services.persons.find(raw["name_folded"])[0].id == person_id
        history_rows += sum(
            len(entries) for entries in services.histories.all_entries(person_id).values()
        )
    history_tables = (
        "list_stay",
        "addict_location_stay",
        "substitution_treatment",
        "surveillance",
        "retail_seller_role",
        "custody_stay",
    )
    assert history_rows == sum(len(before[table]) for table in history_tables if table in before)
    assert len(all_entries(services.context)) == len(before["audit_entry"])


def test_the_migrations_build_exactly_the_schema_the_models_describe(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pcmt_desktop.store.models import Base

    database = Database.open(tmp_path / "pcmt.sqlite3")
    try:
        with database.engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection, opts={"compare_type": True}),
                Base.metadata,
            )
    finally:
        database.close()
    assert differences == []
