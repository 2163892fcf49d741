"""Fixtures of the level above: invented offices' backups, and a store on SQLite and PostgreSQL.

``store_location`` is parametrized: every test that takes it runs on a folder store and on
a real PostgreSQL server started for the session on loopback (tests/upper/postgres_server).
A PostgreSQL that cannot be started fails those tests, it never skips them.
"""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.store import UpperStore
from tests.upper.offices import Offices, make_offices
from tests.upper.postgres_server import (
    PostgresServer,
    PostgresUnavailableError,
    create_database,
    drop_database,
    remove_server,
    start_server,
)

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except PostgresUnavailableError as error:
        pytest.fail(f"Cannot start the PostgreSQL server the upper-level tests need: {error}")
    yield server
    remove_server(server)


@pytest.fixture(scope="session")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Offices:
    return make_offices(tmp_path_factory.mktemp("offices"))


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreLocation]:
    """A new, empty store: a folder, or a new database on the session's server."""
    if request.param == "sqlite":
        yield StoreLocation(folder=tmp_path / "tong-hop")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"upper_{uuid.uuid4().hex[:12]}"
    url = create_database(server, name)
    yield StoreLocation.parse(url)
    drop_database(server, name)


@pytest.fixture
def store(store_location: StoreLocation) -> Iterator[UpperStore]:
    with UpperStore.open(store_location) as opened:
        yield opened
