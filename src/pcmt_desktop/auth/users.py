"""Accounts and roles, managed by an administrator; an officer changes their own password.

Every change is audited (never with a password or its hash), and none may leave the
database without an active account that can manage accounts: that would lock everyone
out of the administration for good.
"""

from collections.abc import Iterable
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.accounts import (
    APP_USER,
    ROLE,
    UserInfo,
    all_roles,
    clean_user_name,
    find_user,
    role_info,
    role_permissions,
    user_info,
    user_managers,
    user_name_problem,
)
from pcmt_desktop.auth.passwords import (
    DEFAULT_HASHER,
    hash_password,
    password_problems,
    verify_password,
)
from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.auth.roles import RoleInfo
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import AppUser, Role, RolePermission

KEEP_A_MANAGER = (
    "Phải còn ít nhất một tài khoản đang hoạt động có quyền quản lý tài khoản "
    "(vai trò Quản trị): thay đổi này không được lưu."
)


class UserService:
    def __init__(self, context: ServiceContext, hasher: PasswordHasher = DEFAULT_HASHER) -> None:
        self._context = context
        self._hasher = hasher

    # --- reading -----------------------------------------------------------------------
    def users(self) -> list[UserInfo]:
        with self._context.reading() as session:
            rows = session.scalars(select(AppUser).order_by(AppUser.user_name))
            return [user_info(session, row) for row in rows]

    def user(self, user_name: str) -> UserInfo:
        with self._context.reading() as session:
            return user_info(session, _get(session, user_name))

    def roles(self) -> list[RoleInfo]:
        with self._context.reading() as session:
            return all_roles(session)

    # --- an administrator's writes -----------------------------------------------------
    def add_user(
        self,
        user_name: str,
        display_name: str,
        role_key: str,
        password: str,
        *,
        must_change_password: bool = True,
    ) -> UserInfo:
        """A new account; by default its officer must choose their own password first.

        Raises:
            PermissionDeniedError: the actor may not manage accounts.
            ValidationError: the name, the role or the password is refused.
        """
        self._context.require(Permission.USERS)
        user_name = clean_user_name(user_name)
        display_name = display_name.strip()
        problems = []
        if problem := user_name_problem(user_name):
            problems.append(FieldProblem("user_name", problem))
        if not display_name:
            problems.append(FieldProblem("display_name", "Chưa nhập họ tên người dùng."))
        problems += [
            FieldProblem("password", text) for text in password_problems(password, user_name)
        ]
        with self._context.reading() as session:
            if not problems and find_user(session, user_name) is not None:
                problems.append(FieldProblem("user_name", f"Đã có tài khoản tên “{user_name}”."))
            if session.get(Role, role_key) is None:
                problems.append(FieldProblem("role_key", f"Không có vai trò “{role_key}”."))
        if problems:
            raise ValidationError(problems)
        password_hash = hash_password(password, self._hasher)
        with self._context.unit_of_work() as session:
            user = AppUser(
                user_name=user_name,
                display_name=display_name,
                role_key=role_key,
                password_hash=password_hash,
                active=True,
                must_change_password=must_change_password,
                created_at=self._context.now(),
                failed_attempts=0,
            )
            session.add(user)
            session.flush()
            _require_a_manager(session)
            info = user_info(session, user)
            self._audit(
                session,
                audit.Action.CREATE,
                user,
                f"Thêm tài khoản {user_name} ({display_name}, vai trò {info.role_name})",
                after=_public(info),
            )
        self._publish()
        return info

    def update_user(self, user_name: str, display_name: str, role_key: str) -> UserInfo:
        self._context.require(Permission.USERS)
        display_name = display_name.strip()
        if not display_name:
            raise ValidationError.single("display_name", "Chưa nhập họ tên người dùng.")
        with self._context.unit_of_work() as session:
            if session.get(Role, role_key) is None:
                raise ValidationError.single("role_key", f"Không có vai trò “{role_key}”.")
            user = _get(session, user_name)
            before = _public(user_info(session, user))
            user.display_name = display_name
            user.role_key = role_key
            session.flush()
            _require_a_manager(session)
            info = user_info(session, user)
            self._audit(
                session,
                audit.Action.UPDATE,
                user,
                f"Sửa tài khoản {user.user_name} ({display_name}, vai trò {info.role_name})",
                before=before,
                after=_public(info),
            )
        self._publish()
        return info

    def set_active(self, user_name: str, active: bool) -> UserInfo:
        """Stop an account (it can no longer log in) or start it again."""
        self._context.require(Permission.USERS)
        with self._context.unit_of_work() as session:
            user = _get(session, user_name)
            if not active and user.user_name == self._context.actor.user_name:
                raise ValidationError.single(
                    "active", "Không thể tự ngừng tài khoản mình đang dùng."
                )
            before = _public(user_info(session, user))
            user.active = active
            session.flush()
            _require_a_manager(session)
            info = user_info(session, user)
            what = "Mở lại" if active else "Ngừng sử dụng"
            self._audit(
                session,
                audit.Action.UPDATE,
                user,
                f"{what} tài khoản {user.user_name}",
                before=before,
                after=_public(info),
            )
        self._publish()
        return info

    def reset_password(self, user_name: str, new_password: str) -> UserInfo:
        """For an officer who forgot theirs: they must change it at the next login."""
        self._context.require(Permission.USERS)
        user_name = clean_user_name(user_name)
        if problems := password_problems(new_password, user_name):
            raise ValidationError([FieldProblem("password", text) for text in problems])
        password_hash = hash_password(new_password, self._hasher)
        with self._context.unit_of_work() as session:
            user = _get(session, user_name)
            user.password_hash = password_hash
            user.must_change_password = True
            user.failed_attempts = 0
            user.locked_until = None
            session.flush()
            self._audit(
                session,
                audit.Action.UPDATE,
                user,
                f"Đặt lại mật khẩu của tài khoản {user.user_name}",
            )
            info = user_info(session, user)
        self._publish()
        return info

    def unlock(self, user_name: str) -> UserInfo:
        """Clear the wait that failed logins earned."""
        self._context.require(Permission.USERS)
        with self._context.unit_of_work() as session:
            user = _get(session, user_name)
            before = {"failed_attempts": user.failed_attempts}
            user.failed_attempts = 0
            user.locked_until = None
            session.flush()
            self._audit(
                session,
                audit.Action.UPDATE,
                user,
                f"Mở khóa đăng nhập cho tài khoản {user.user_name}",
                before=before,
                after={"failed_attempts": 0},
            )
            info = user_info(session, user)
        self._publish()
        return info

    def set_role_permissions(self, role_key: str, permissions: Iterable[Permission]) -> RoleInfo:
        """Replace what a role may do; applies to its officers from their next login."""
        self._context.require(Permission.USERS)
        wanted = frozenset(permissions)
        with self._context.unit_of_work() as session:
            role = session.get(Role, role_key)
            if role is None:
                raise ValidationError.single("role_key", f"Không có vai trò “{role_key}”.")
            before = role_permissions(session, role_key)
            session.execute(delete(RolePermission).where(RolePermission.role_key == role_key))
            session.add_all(
                RolePermission(role_key=role_key, permission=permission.value)
                for permission in sorted(wanted)
            )
            session.flush()
            _require_a_manager(session)
            audit.record(
                self._context,
                session,
                action=audit.Action.UPDATE,
                entity=ROLE,
                entity_id=None,
                person_id=None,
                summary=f"Sửa quyền của vai trò {role.name}",
                before={"role": role_key, "permissions": sorted(before)},
                after={"role": role_key, "permissions": sorted(wanted)},
            )
            info = role_info(session, role)
        self._context.bus.publish(Changes(frozenset({ROLE})))
        return info

    # --- the officer's own password ----------------------------------------------------
    def change_own_password(self, current_password: str, new_password: str) -> None:
        """The logged-in officer replaces their password (and no longer must).

        Raises:
            ValidationError: the current password is wrong, or the new one is refused.
        """
        actor = self._context.actor
        problems = [
            FieldProblem("new_password", text)
            for text in password_problems(new_password, actor.user_name)
        ]
        if not problems and new_password == current_password:
            problems.append(
                FieldProblem("new_password", "Mật khẩu mới phải khác mật khẩu đang dùng.")
            )
        with self._context.reading() as session:
            user = find_user(session, actor.user_name)
            if user is None or not verify_password(
                user.password_hash, current_password, self._hasher
            ):
                problems.insert(
                    0, FieldProblem("current_password", "Mật khẩu đang dùng không đúng.")
                )
        if problems:
            raise ValidationError(problems)
        password_hash = hash_password(new_password, self._hasher)
        with self._context.unit_of_work() as session:
            user = _get(session, actor.user_name)
            user.password_hash = password_hash
            user.must_change_password = False
            session.flush()
            self._audit(session, audit.Action.UPDATE, user, f"{user.user_name} đổi mật khẩu")
        self._publish()

    # --- helpers ----------------------------------------------------------------------
    def _audit(
        self,
        session: Session,
        action: audit.Action,
        user: AppUser,
        summary: str,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        audit.record(
            self._context,
            session,
            action=action,
            entity=APP_USER,
            entity_id=user.id,
            person_id=None,
            summary=summary,
            before=before,
            after=after,
        )

    def _publish(self) -> None:
        self._context.bus.publish(Changes(frozenset({APP_USER})))


class UserMissingError(NotFoundError):
    pass


def _get(session: Session, user_name: str) -> AppUser:
    user = find_user(session, user_name)
    if user is None:
        raise UserMissingError(f"Không có tài khoản “{clean_user_name(user_name)}”.")
    return user


def _require_a_manager(session: Session) -> None:
    if not user_managers(session):
        raise ValidationError.single("role_key", KEEP_A_MANAGER)


def _public(info: UserInfo) -> dict[str, Any]:
    """What the audit keeps of an account: never its password hash."""
    return {
        "user_name": info.user_name,
        "display_name": info.display_name,
        "role": info.role_key,
        "active": info.active,
    }
