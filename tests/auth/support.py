"""Accounts for tests: a clock that only moves when told, and officers of each role.

Hashes use Argon2id's smallest cost (``fast_hasher_for_tests``) except where a test is
about the real parameters.
"""

from datetime import datetime, timedelta

from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.auth.passwords import fast_hasher_for_tests
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.auth.users import UserService
from pcmt_desktop.services.context import Actor, ServiceContext

ADMIN = "quantri1"
ADMIN_NAME = "Trần Quang Trị"
ADMIN_PASSWORD = "Sơn Hà quản trị 2026"
PASSWORD = "Mùa xuân 2026!"
DISPLAY_NAMES = {
    RoleKey.DATA_ENTRY: "Lò Văn Nhập",
    RoleKey.LEADER: "Hà Thị Lãnh",
    RoleKey.ADMINISTRATOR: "Vi Đức Quản",
}
HASHER = fast_hasher_for_tests()


class Clock:
    """``context.now`` that stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def login_service(context: ServiceContext) -> LoginService:
    return LoginService(context, HASHER)


def user_service(context: ServiceContext) -> UserService:
    return UserService(context, HASHER)


def ensure_administrator(context: ServiceContext) -> Actor:
    """The first administrator of the database (created on first call), logged in."""
    login = login_service(context)
    if not login.has_users():
        return login.first_administrator(ADMIN, ADMIN_NAME, ADMIN_PASSWORD)
    return login.login(ADMIN, ADMIN_PASSWORD)


def officer(context: ServiceContext, role_key: str, user_name: str | None = None) -> Actor:
    """A new account of ``role_key``, created by the administrator, logged in.

    Leaves ``context.actor`` as it found it; the caller decides who acts.
    """
    acting = context.actor
    context.actor = ensure_administrator(context)
    name = user_name or role_key.replace("_", "")
    try:
        user_service(context).add_user(
            name, DISPLAY_NAMES[role_key], role_key, PASSWORD, must_change_password=False
        )
    finally:
        context.actor = acting
    return login_service(context).login(name, PASSWORD)
