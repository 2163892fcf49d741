"""Logging in: the password checked against its hash, failures slowed down, all audited.

The failure count and the wait it earned are kept in the account's row, so restarting
the program does not reset them. The clock is the context's, so tests never sleep.
Every attempt, failed or not, leaves an audit row without the password.
"""

from datetime import timedelta

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from pcmt_desktop.auth.accounts import (
    APP_USER,
    actor_for,
    clean_user_name,
    count_users,
    find_user,
    user_name_problem,
)
from pcmt_desktop.auth.delays import delay_after, wait_text
from pcmt_desktop.auth.errors import (
    AccountInactiveError,
    AccountLockedError,
    LoginError,
    WrongCredentialsError,
)
from pcmt_desktop.auth.passwords import (
    DEFAULT_HASHER,
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import Actor, ServiceContext
from pcmt_desktop.store.models import AppUser

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


class LoginService:
    def __init__(self, context: ServiceContext, hasher: PasswordHasher = DEFAULT_HASHER) -> None:
        self._context = context
        self._hasher = hasher
        self._dummy_hash: str | None = None

    def has_users(self) -> bool:
        """False on a new database: the window then asks for the first administrator."""
        with self._context.reading() as session:
            return count_users(session) > 0

    def first_administrator(self, user_name: str, display_name: str, password: str) -> Actor:
        """Create the first account (role quản trị) of a database without any; its actor.

        Raises:
            ValidationError: accounts exist already, or the name or password is refused.
        """
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
        if problems:
            raise ValidationError(problems)
        password_hash = hash_password(password, self._hasher)
        now = self._context.now()
        with self._context.unit_of_work() as session:
            if count_users(session):
                raise ValidationError.single(
                    "user_name", "Cơ sở dữ liệu đã có tài khoản: hãy đăng nhập."
                )
            user = AppUser(
                user_name=user_name,
                display_name=display_name,
                role_key=RoleKey.ADMINISTRATOR,
                password_hash=password_hash,
                active=True,
                must_change_password=False,
                created_at=now,
                failed_attempts=0,
                last_login_at=now,
            )
            session.add(user)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=APP_USER,
                entity_id=user.id,
                person_id=None,
                summary=f"Tạo tài khoản quản trị đầu tiên {user_name} ({display_name})",
                before=None,
                after={"user_name": user_name, "display_name": display_name, "role": user.role_key},
                user_name=user_name,
            )
            self._audit_login(session, user)
            return actor_for(session, user)

    def login(self, user_name: str, password: str) -> Actor:
        """The actor of the account, or a refusal.

        Raises:
            WrongCredentialsError: unknown name or wrong password (the two are not told apart).
            AccountLockedError: failed too often; ``retry_after`` says how long to wait.
            AccountInactiveError: the administrator stopped the account.
        """
        with self._context.unit_of_work() as session:
            outcome = self._attempt(session, user_name, password)
        # Raised after the block, so that the failure count and its audit row are committed.
        if isinstance(outcome, LoginError):
            raise outcome
        return outcome

    def _attempt(self, session: Session, user_name: str, password: str) -> Actor | LoginError:
        now = self._context.now()
        user = find_user(session, user_name)
        if user is None:
            # Spend the time of a real check, so that timing does not tell which names
            # exist. The typed name is not recorded: it may be a password typed into the
            # wrong box.
            verify_password(self._dummy(), password, self._hasher)
            self._audit_failure(session, "", "tên đăng nhập không có trong danh sách tài khoản")
            return WrongCredentialsError(WRONG)
        if user.locked_until is not None and now < user.locked_until:
            # The password is not even checked: guesses during the wait are worthless.
            wait = user.locked_until - now
            self._audit_failure(session, user.user_name, "tài khoản đang tạm khóa")
            return AccountLockedError(_locked_message(user.failed_attempts, wait), wait)
        if not verify_password(user.password_hash, password, self._hasher):
            user.failed_attempts += 1
            wait_after = delay_after(user.failed_attempts)
            user.locked_until = None if wait_after is None else now + wait_after
            self._audit_failure(
                session, user.user_name, f"sai mật khẩu (lần {user.failed_attempts} liên tiếp)"
            )
            return WrongCredentialsError(_wrong_message(wait_after), wait_after)
        if not user.active:
            self._audit_failure(session, user.user_name, "tài khoản đã ngừng sử dụng")
            return AccountInactiveError(
                f"Tài khoản “{user.user_name}” đã ngừng sử dụng: hãy liên hệ quản trị viên."
            )
        if needs_rehash(user.password_hash, self._hasher):
            user.password_hash = hash_password(password, self._hasher)
        user.failed_attempts = 0
        user.locked_until = None
        user.last_login_at = now
        self._audit_login(session, user)
        return actor_for(session, user)

    def logout(self, actor: Actor) -> None:
        """Record the end of ``actor``'s session; the caller then forgets the actor."""
        audit.record_event(
            self._context,
            audit.Action.LOGOUT,
            f"Đăng xuất: {actor.user_name} ({actor.display_name})",
            user_name=actor.user_name,
        )

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash("pcmt: không phải mật khẩu của ai")
        return self._dummy_hash

    def _audit_login(self, session: Session, user: AppUser) -> None:
        audit.record(
            self._context,
            session,
            action=audit.Action.LOGIN,
            entity=APP_USER,
            entity_id=user.id,
            person_id=None,
            summary=f"Đăng nhập: {user.user_name} ({user.display_name})",
            before=None,
            after=None,
            user_name=user.user_name,
        )

    def _audit_failure(self, session: Session, user_name: str, why: str) -> None:
        audit.record(
            self._context,
            session,
            action=audit.Action.LOGIN_FAILED,
            entity=APP_USER,
            entity_id=None,
            person_id=None,
            summary=f"Đăng nhập không thành công: {why}",
            before=None,
            after=None,
            user_name=user_name,
        )


def _wrong_message(wait: timedelta | None) -> str:
    if wait is None:
        return WRONG
    return f"{WRONG} Hãy chờ {wait_text(wait)} rồi thử lại."


def _locked_message(failures: int, wait: timedelta) -> str:
    return f"Đã nhập sai mật khẩu {failures} lần liên tiếp: hãy chờ {wait_text(wait)} rồi thử lại."
