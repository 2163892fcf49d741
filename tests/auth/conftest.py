"""A context whose clock stands still until a test moves it."""

import pytest

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from tests.auth.support import Clock
from tests.conftest import NOW, TODAY


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def clocked(database: Database, clock: Clock) -> ServiceContext:
    return ServiceContext(database.sessions, today=lambda: TODAY, now=clock)
