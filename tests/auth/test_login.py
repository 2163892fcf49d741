"""Logging in: the first administrator, refusals, growing waits kept across restarts, rehash."""

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from pcmt_desktop.auth.errors import (
    AccountInactiveError,
    AccountLockedError,
    WrongCredentialsError,
)
from pcmt_desktop.auth.login import WRONG, LoginService
from pcmt_desktop.auth.permissions import ALL_PERMISSIONS, Permission
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.services.audit import Action, AuditRecord, all_entries
from pcmt_desktop.services.context import NOBODY, ServiceContext
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import AppUser
from tests.auth.support import (
    ADMIN,
    ADMIN_NAME,
    ADMIN_PASSWORD,
    PASSWORD,
    Clock,
    ensure_administrator,
    login_service,
    officer,
    user_service,
)
from tests.conftest import NOW, TODAY


def newest(context: ServiceContext) -> AuditRecord:
    return all_entries(context, limit=1)[0]


def stored_user(context: ServiceContext, user_name: str) -> AppUser:
    with context.reading() as session:
        user = session.scalar(select(AppUser).where(AppUser.user_name == user_name))
        assert user is not None
        return user


def test_a_new_database_has_no_users_until_its_first_administrator(
    clocked: ServiceContext,
) -> None:
    login = login_service(clocked)
    assert not login.has_users()
    actor = login.first_administrator(" QuanTri1 ", ADMIN_NAME, ADMIN_PASSWORD)
    assert (actor.user_name, actor.display_name, actor.role_key) == (
        ADMIN,
        ADMIN_NAME,
        RoleKey.ADMINISTRATOR,
    )
    assert actor.permissions == ALL_PERMISSIONS
    assert login.has_users()
    trail = all_entries(clocked)
    assert [(entry.action, entry.user_name) for entry in reversed(trail)] == [
        (Action.CREATE, ADMIN),
        (Action.LOGIN, ADMIN),
    ]
    with pytest.raises(ValidationError, match="đã có tài khoản: hãy đăng nhập"):
        login.first_administrator("quantri2", "Người Khác", ADMIN_PASSWORD)


def test_the_first_administrator_needs_a_good_name_and_password(clocked: ServiceContext) -> None:
    login = login_service(clocked)
    with pytest.raises(ValidationError) as refused:
        login.first_administrator("Quản Trị", " ", "ngan")
    assert [problem.field for problem in refused.value.problems] == [
        "user_name",
        "display_name",
        "password",
        "password",
    ]
    assert not login.has_users()
    assert all_entries(clocked) == []


def test_a_login_gives_the_roles_permissions_and_is_audited(
    clocked: ServiceContext, clock: Clock
) -> None:
    officer(clocked, RoleKey.DATA_ENTRY, "canbo1")
    clock.advance(60)
    actor = login_service(clocked).login("  CanBo1 ", PASSWORD)
    assert actor.user_name == "canbo1"
    assert actor.role_key == RoleKey.DATA_ENTRY
    assert actor.permissions == {Permission.RECORDS_EDIT, Permission.MERGE, Permission.IMPORT}
    entry = newest(clocked)
    assert (entry.action, entry.user_name, entry.at) == (Action.LOGIN, "canbo1", clock())
    assert stored_user(clocked, "canbo1").last_login_at == clock()


def test_unknown_names_and_wrong_passwords_get_the_same_answer(clocked: ServiceContext) -> None:
    ensure_administrator(clocked)
    login = login_service(clocked)
    with pytest.raises(WrongCredentialsError) as unknown:
        login.login("khongco", ADMIN_PASSWORD)
    with pytest.raises(WrongCredentialsError) as wrong:
        login.login(ADMIN, "Sai mật khẩu 1")
    assert str(unknown.value) == str(wrong.value) == WRONG
    assert unknown.value.retry_after is None
    # The unknown name is not recorded: it may be a password typed in the wrong box.
    failed = [entry for entry in all_entries(clocked) if entry.action == Action.LOGIN_FAILED]
    assert [(entry.user_name, entry.summary) for entry in reversed(failed)] == [
        ("", "Đăng nhập không thành công: tên đăng nhập không có trong danh sách tài khoản"),
        (ADMIN, "Đăng nhập không thành công: sai mật khẩu (lần 1 liên tiếp)"),
    ]
    assert "khongco" not in repr(all_entries(clocked))


def test_failures_earn_growing_waits_and_a_wait_refuses_even_the_right_password(
    clocked: ServiceContext, clock: Clock
) -> None:
    ensure_administrator(clocked)
    login = login_service(clocked)
    for _ in range(3):
        with pytest.raises(WrongCredentialsError) as free:
            login.login(ADMIN, "Sai mật khẩu 1")
        assert free.value.retry_after is None
    with pytest.raises(WrongCredentialsError) as fourth:
        login.login(ADMIN, "Sai mật khẩu 1")
    assert fourth.value.retry_after is not None
    assert fourth.value.retry_after.total_seconds() == 2
    assert str(fourth.value) == f"{WRONG} Hãy chờ 2 giây rồi thử lại."

    clock.advance(1)
    with pytest.raises(AccountLockedError) as waiting:
        login.login(ADMIN, ADMIN_PASSWORD)
    assert str(waiting.value) == (
        "Đã nhập sai mật khẩu 4 lần liên tiếp: hãy chờ 1 giây rồi thử lại."
    )
    assert stored_user(clocked, ADMIN).failed_attempts == 4  # a refused try is not counted

    clock.advance(1)
    with pytest.raises(WrongCredentialsError) as fifth:
        login.login(ADMIN, "Sai mật khẩu 1")
    assert fifth.value.retry_after is not None
    assert fifth.value.retry_after.total_seconds() == 4
    assert stored_user(clocked, ADMIN).locked_until == NOW.replace(second=6)

    clock.advance(4)
    assert login.login(ADMIN, ADMIN_PASSWORD).user_name == ADMIN
    user = stored_user(clocked, ADMIN)
    assert (user.failed_attempts, user.locked_until) == (0, None)


def test_the_wait_reaches_five_minutes_and_stays_there(
    clocked: ServiceContext, clock: Clock
) -> None:
    ensure_administrator(clocked)
    login = login_service(clocked)
    waits = []
    for _ in range(14):
        with pytest.raises(WrongCredentialsError) as refused:
            login.login(ADMIN, "Sai mật khẩu 1")
        waits.append(None if refused.value.retry_after is None else refused.value.retry_after)
        clock.advance(300)
    assert [None if wait is None else int(wait.total_seconds()) for wait in waits] == [
        None, None, None, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300,
    ]  # fmt: skip


def test_a_restart_does_not_reset_the_wait(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "pcmt.sqlite3"
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: TODAY, now=clock)
        ensure_administrator(context)
        for _ in range(4):
            with pytest.raises(WrongCredentialsError):
                login_service(context).login(ADMIN, "Sai mật khẩu 1")
    finally:
        database.close()
    clock.advance(1)  # of the 2 seconds the fourth failure earned
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: TODAY, now=clock)
        with pytest.raises(AccountLockedError) as waiting:
            login_service(context).login(ADMIN, ADMIN_PASSWORD)
        assert waiting.value.retry_after is not None
        assert waiting.value.retry_after.total_seconds() == 1
    finally:
        database.close()


def test_a_stopped_account_is_refused_but_only_with_its_right_password(
    clocked: ServiceContext,
) -> None:
    officer(clocked, RoleKey.LEADER, "lanhdao1")
    clocked.actor = ensure_administrator(clocked)
    user_service(clocked).set_active("lanhdao1", False)
    login = login_service(clocked)
    with pytest.raises(WrongCredentialsError):
        login.login("lanhdao1", "Sai mật khẩu 1")
    with pytest.raises(AccountInactiveError, match="đã ngừng sử dụng"):
        login.login("lanhdao1", PASSWORD)
    user_service(clocked).set_active("lanhdao1", True)
    assert login.login("lanhdao1", PASSWORD).role_key == RoleKey.LEADER


def test_a_hash_made_with_other_parameters_is_replaced_at_login(clocked: ServiceContext) -> None:
    ensure_administrator(clocked)
    old = stored_user(clocked, ADMIN).password_hash
    assert "m=8,t=1,p=1" in old
    stronger = PasswordHasher(time_cost=2, memory_cost=64, parallelism=1)
    LoginService(clocked, stronger).login(ADMIN, ADMIN_PASSWORD)
    new = stored_user(clocked, ADMIN).password_hash
    assert new != old
    assert "m=64,t=2,p=1" in new
    # A failed login never rewrites the hash.
    with pytest.raises(WrongCredentialsError):
        LoginService(clocked).login(ADMIN, "Sai mật khẩu 1")
    assert stored_user(clocked, ADMIN).password_hash == new
    LoginService(clocked, stronger).login(ADMIN, ADMIN_PASSWORD)
    assert stored_user(clocked, ADMIN).password_hash == new  # already current: kept


def test_a_logout_is_audited(clocked: ServiceContext) -> None:
    actor = ensure_administrator(clocked)
    clocked.actor = actor
    login_service(clocked).logout(actor)
    clocked.actor = NOBODY
    entry = newest(clocked)
    assert (entry.action, entry.user_name) == (Action.LOGOUT, ADMIN)
    assert entry.summary == f"Đăng xuất: {ADMIN} ({ADMIN_NAME})"
