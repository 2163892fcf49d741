"""What every service call needs: the database, who acts, the clock, the change bus."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.auth.permissions import ALL_PERMISSIONS, Permission, PermissionDeniedError
from pcmt_desktop.services.changes import ChangeBus


@dataclass(frozen=True)
class Actor:
    """The officer on whose behalf a service acts; recorded in the audit trail.

    ``permissions`` are those of the role when the officer logged in: a change of the
    role applies from the next login.
    """

    user_name: str
    display_name: str
    role_key: str
    permissions: frozenset[Permission]

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions


# Until the window and the command line log in, every write is made by this fixed local
# administrator, who may do everything.
LOCAL_ADMINISTRATOR = Actor(
    user_name="quantri",
    display_name="Quản trị viên",
    role_key="quan_tri",
    permissions=ALL_PERMISSIONS,
)

# Nobody logged in (before the login, after a logout): may read nothing sensitive, write nothing.
NOBODY = Actor(user_name="", display_name="Chưa đăng nhập", role_key="", permissions=frozenset())


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass
class ServiceContext:
    sessions: sessionmaker[Session]
    actor: Actor = LOCAL_ADMINISTRATOR
    bus: ChangeBus = field(default_factory=ChangeBus)
    today: Callable[[], date] = date.today
    now: Callable[[], datetime] = _now

    def require(self, permission: Permission) -> None:
        """Refuse, before anything is written, what the actor's role does not allow.

        Raises:
            PermissionDeniedError: with a Vietnamese message naming the account and the right.
        """
        if not self.actor.may(permission):
            raise PermissionDeniedError(self.actor.user_name, permission)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session
