"""What every service call needs: the database, who acts, the clock, the change bus."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.services.changes import ChangeBus


@dataclass(frozen=True)
class Actor:
    """The officer on whose behalf a service acts; recorded in the audit trail."""

    user_name: str
    display_name: str


# Until logins exist every write is made by this fixed local administrator.
LOCAL_ADMINISTRATOR = Actor(user_name="quantri", display_name="Quản trị viên")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass
class ServiceContext:
    sessions: sessionmaker[Session]
    actor: Actor = LOCAL_ADMINISTRATOR
    bus: ChangeBus = field(default_factory=ChangeBus)
    today: Callable[[], date] = date.today
    now: Callable[[], datetime] = _now

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session
