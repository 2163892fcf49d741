"""Accounts and roles managed by the administrator; an officer's own password."""

import json

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcmt_desktop.auth.errors import LoginError, WrongCredentialsError
from pcmt_desktop.auth.passwords import password_problems
from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.auth.users import KEEP_A_MANAGER, UserMissingError, UserService
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.services.audit import Action, all_entries
from pcmt_desktop.services.context import ServiceContext
from tests.auth.support import (
    ADMIN,
    PASSWORD,
    ensure_administrator,
    login_service,
    officer,
    user_service,
)


@pytest.fixture
def admin(clocked: ServiceContext) -> ServiceContext:
    clocked.actor = ensure_administrator(clocked)
    return clocked


def test_an_administrator_adds_an_account_that_must_choose_its_password(
    admin: ServiceContext,
) -> None:
    users = user_service(admin)
    added = users.add_user(" CanBo2 ", "Lò Văn Nhập", RoleKey.DATA_ENTRY, PASSWORD)
    assert (added.user_name, added.role_name, added.active, added.must_change_password) == (
        "canbo2",
        "Nhập liệu",
        True,
        True,
    )
    assert [user.user_name for user in users.users()] == ["canbo2", ADMIN]
    entry = all_entries(admin, limit=1)[0]
    assert (entry.action, entry.entity, entry.user_name) == (Action.CREATE, "app_user", ADMIN)
    assert entry.summary == "Thêm tài khoản canbo2 (Lò Văn Nhập, vai trò Nhập liệu)"
    assert entry.after == {
        "user_name": "canbo2",
        "display_name": "Lò Văn Nhập",
        "role": RoleKey.DATA_ENTRY,
        "active": True,
    }


@pytest.mark.parametrize(
    ("user_name", "display_name", "role_key", "messages"),
    [
        (ADMIN, "Người Khác", RoleKey.LEADER, [f"Đã có tài khoản tên “{ADMIN}”."]),
        ("ab", "Người Khác", RoleKey.LEADER, ["Tên đăng nhập gồm 3 đến 50 ký tự"]),
        ("nguyễn", "Người Khác", RoleKey.LEADER, ["Tên đăng nhập gồm 3 đến 50 ký tự"]),
        ("canbo3", "", "khong_co", ["Chưa nhập họ tên", "Không có vai trò “khong_co”."]),
    ],
)
def test_a_bad_account_is_refused_and_nothing_is_written(
    admin: ServiceContext, user_name: str, display_name: str, role_key: str, messages: list[str]
) -> None:
    before = len(all_entries(admin))
    with pytest.raises(ValidationError) as refused:
        user_service(admin).add_user(user_name, display_name, role_key, PASSWORD)
    assert len(refused.value.problems) == len(messages)
    for problem, message in zip(refused.value.problems, messages, strict=True):
        assert problem.message.startswith(message)
    assert [user.user_name for user in user_service(admin).users()] == [ADMIN]
    assert len(all_entries(admin)) == before


class CountingHasher(PasswordHasher):
    """argon2's own hasher, counting the passwords that reach it."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1, hash_len=16, salt_len=16)
        self.hashed = 0

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.hashed += 1
        return super().hash(password, salt=salt)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=14))
def test_a_refused_password_never_reaches_the_hash(admin: ServiceContext, password: str) -> None:
    hasher = CountingHasher()
    users = UserService(admin, hasher)
    if not password_problems(password, "canbo4"):
        return
    with pytest.raises(ValidationError) as refused:
        users.add_user("canbo4", "Lò Văn Nhập", RoleKey.DATA_ENTRY, password)
    assert hasher.hashed == 0
    assert {problem.field for problem in refused.value.problems} == {"password"}
    with pytest.raises(ValidationError):
        users.reset_password(ADMIN, password)
    assert hasher.hashed == 0


def test_the_counting_hasher_does_count(admin: ServiceContext) -> None:
    hasher = CountingHasher()
    UserService(admin, hasher).add_user("canbo4", "Lò Văn Nhập", RoleKey.DATA_ENTRY, PASSWORD)
    assert hasher.hashed == 1


def test_a_reset_password_must_be_changed_and_clears_the_wait(admin: ServiceContext) -> None:
    officer(admin, RoleKey.DATA_ENTRY, "canbo5")
    for _ in range(5):
        with pytest.raises(LoginError):  # the fifth try meets the wait
            login_service(admin).login("canbo5", "Sai mật khẩu 1")
    reset = user_service(admin).reset_password("canbo5", "Đặt lại lần 1")
    assert (reset.must_change_password, reset.failed_attempts, reset.locked_until) == (
        True,
        0,
        None,
    )
    entry = all_entries(admin, limit=1)[0]
    assert entry.summary == "Đặt lại mật khẩu của tài khoản canbo5"
    assert (entry.before, entry.after) == (None, None)
    actor = login_service(admin).login("canbo5", "Đặt lại lần 1")
    assert user_service(admin).user(actor.user_name).must_change_password


def test_an_officer_changes_their_own_password(admin: ServiceContext) -> None:
    admin.actor = officer(admin, RoleKey.DATA_ENTRY, "canbo6")
    users = user_service(admin)
    with pytest.raises(ValidationError) as refused:
        users.change_own_password("Sai mật khẩu 1", "ngan")
    assert [problem.field for problem in refused.value.problems] == [
        "current_password",
        "new_password",  # too short
        "new_password",  # letters only
    ]
    with pytest.raises(ValidationError, match="phải khác mật khẩu đang dùng"):
        users.change_own_password(PASSWORD, PASSWORD)
    users.change_own_password(PASSWORD, "Mùa thu 2027 ở Sơn Hà")
    assert not users.user("canbo6").must_change_password
    with pytest.raises(WrongCredentialsError):
        login_service(admin).login("canbo6", PASSWORD)
    assert login_service(admin).login("canbo6", "Mùa thu 2027 ở Sơn Hà").user_name == "canbo6"


def test_a_roles_permissions_change_from_the_next_login_and_are_audited(
    admin: ServiceContext,
) -> None:
    before = officer(admin, RoleKey.DATA_ENTRY, "canbo7")
    assert not before.may(Permission.EXPORT)
    role = user_service(admin).set_role_permissions(
        RoleKey.DATA_ENTRY, [Permission.RECORDS_EDIT, Permission.EXPORT]
    )
    assert role.permissions == {Permission.RECORDS_EDIT, Permission.EXPORT}
    entry = all_entries(admin, limit=1)[0]
    assert (entry.action, entry.entity, entry.summary) == (
        Action.UPDATE,
        "role",
        "Sửa quyền của vai trò Nhập liệu",
    )
    assert entry.before == {"role": "nhap_lieu", "permissions": ["import", "merge", "records_edit"]}
    assert entry.after == {"role": "nhap_lieu", "permissions": ["export", "records_edit"]}
    assert not before.may(Permission.EXPORT)  # the logged-in officer keeps what they had
    after = login_service(admin).login("canbo7", PASSWORD)
    assert after.permissions == {Permission.RECORDS_EDIT, Permission.EXPORT}


def test_nobody_can_take_away_the_last_way_to_manage_accounts(admin: ServiceContext) -> None:
    users = user_service(admin)
    everything_but_users = [p for p in Permission if p != Permission.USERS]
    with pytest.raises(ValidationError, match="ít nhất một tài khoản đang hoạt động"):
        users.set_role_permissions(RoleKey.ADMINISTRATOR, everything_but_users)
    with pytest.raises(ValidationError) as refused:
        users.update_user(ADMIN, "Trần Quang Trị", RoleKey.LEADER)
    assert refused.value.message == KEEP_A_MANAGER
    with pytest.raises(ValidationError, match="Không thể tự ngừng tài khoản"):
        users.set_active(ADMIN, False)
    assert (
        Permission.USERS
        in next(role for role in users.roles() if role.key == RoleKey.ADMINISTRATOR).permissions
    )
    # With a second administrator, the first may step down.
    officer(admin, RoleKey.ADMINISTRATOR, "quantri2")
    assert users.update_user(ADMIN, "Trần Quang Trị", RoleKey.LEADER).role_key == "lanh_dao"


def test_unlocking_clears_the_wait(admin: ServiceContext) -> None:
    officer(admin, RoleKey.LEADER, "lanhdao2")
    for _ in range(6):
        with pytest.raises(LoginError):
            login_service(admin).login("lanhdao2", "Sai mật khẩu 1")
    assert user_service(admin).user("lanhdao2").locked_until is not None
    user_service(admin).unlock("lanhdao2")
    assert login_service(admin).login("lanhdao2", PASSWORD).user_name == "lanhdao2"


def test_an_unknown_account_is_named_in_the_refusal(admin: ServiceContext) -> None:
    with pytest.raises(UserMissingError, match="Không có tài khoản “khongco”"):
        user_service(admin).unlock("KhongCo")


def test_no_audit_row_holds_a_password_hash(admin: ServiceContext) -> None:
    officer(admin, RoleKey.DATA_ENTRY, "canbo8")
    user_service(admin).reset_password("canbo8", "Đặt lại lần 2")
    text = json.dumps([repr(entry) for entry in all_entries(admin)], ensure_ascii=False)
    assert "$argon2" not in text
