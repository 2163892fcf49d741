"""The audit tab's tests: a clock that moves (rows on several days), officers of each role."""

from datetime import timedelta

import pytest

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from tests.auth.support import Clock
from tests.conftest import NOW, TODAY


@pytest.fixture
def clock() -> Clock:
    """From the day before ``TODAY``: the trail spans two days, none after today."""
    return Clock(NOW - timedelta(days=1))


@pytest.fixture
def context(database: Database, clock: Clock) -> ServiceContext:
    """Replaces the shared fixture: the audit rows get the moving clock's times."""
    return ServiceContext(database.sessions, today=lambda: TODAY, now=clock)
