"""Reading accounts and roles from their rows: shared by the login and the user service.

Nothing here returns or logs a password hash: ``UserInfo`` is what leaves the package.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission, known_permissions
from pcmt_desktop.auth.roles import RoleInfo
from pcmt_desktop.services.context import Actor
from pcmt_desktop.store.models import AppUser, Role, RolePermission

APP_USER = "app_user"
ROLE = "role"

USER_NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,49}")


@dataclass(frozen=True)
class UserInfo:
    user_name: str
    display_name: str
    role_key: str
    role_name: str
    active: bool
    must_change_password: bool
    created_at: datetime
    failed_attempts: int
    locked_until: datetime | None
    last_login_at: datetime | None


def clean_user_name(user_name: str) -> str:
    """User names are compared as typed, less surrounding spaces and case."""
    return user_name.strip().lower()


def user_name_problem(user_name: str) -> str | None:
    if not USER_NAME_PATTERN.fullmatch(user_name):
        return (
            "Tên đăng nhập gồm 3 đến 50 ký tự: chữ thường không dấu, chữ số và các dấu “.”, "
            "“_”, “-” (ví dụ: nguyenvana)."
        )
    return None


def find_user(session: Session, user_name: str) -> AppUser | None:
    return session.scalar(select(AppUser).where(AppUser.user_name == clean_user_name(user_name)))


def role_permissions(session: Session, role_key: str) -> frozenset[Permission]:
    values = session.scalars(
        select(RolePermission.permission).where(RolePermission.role_key == role_key)
    )
    return known_permissions(values)


def role_info(session: Session, role: Role) -> RoleInfo:
    return RoleInfo(role.key, role.name, role_permissions(session, role.key))


def all_roles(session: Session) -> list[RoleInfo]:
    return [role_info(session, role) for role in session.scalars(select(Role).order_by(Role.key))]


def user_info(session: Session, user: AppUser) -> UserInfo:
    role = session.get(Role, user.role_key)
    return UserInfo(
        user_name=user.user_name,
        display_name=user.display_name,
        role_key=user.role_key,
        role_name=user.role_key if role is None else role.name,
        active=user.active,
        must_change_password=user.must_change_password,
        created_at=user.created_at,
        failed_attempts=user.failed_attempts,
        locked_until=user.locked_until,
        last_login_at=user.last_login_at,
    )


def actor_for(session: Session, user: AppUser) -> Actor:
    return Actor(
        user_name=user.user_name,
        display_name=user.display_name,
        role_key=user.role_key,
        permissions=role_permissions(session, user.role_key),
    )


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AppUser)) or 0


def user_managers(session: Session) -> int:
    """Active accounts whose role may manage accounts: there must always be one."""
    query = (
        select(func.count())
        .select_from(AppUser)
        .join(RolePermission, RolePermission.role_key == AppUser.role_key)
        .where(AppUser.active.is_(True), RolePermission.permission == Permission.USERS.value)
    )
    return session.scalar(query) or 0
