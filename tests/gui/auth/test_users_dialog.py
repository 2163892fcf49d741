"""Tệp → Tài khoản người dùng…: the administrator adds, edits, stops and helps accounts,
and edits what each role may do; every change reaches the login."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pcmt_desktop.auth.errors import AccountInactiveError, LoginError
from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.auth.users import KEEP_A_MANAGER, UserService
from pcmt_desktop.gui.auth.role_grid import RolePermissionsDialog
from pcmt_desktop.gui.auth.user_form import ResetPasswordDialog, UserFormDialog
from pcmt_desktop.gui.auth.users_dialog import UsersDialog
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.services.context import ServiceContext
from tests.auth.support import (
    ADMIN,
    PASSWORD,
    Clock,
    ensure_administrator,
    login_service,
    officer,
    user_service,
)
from tests.gui.auth.support import answer, when_shown

pytestmark = pytest.mark.gui

FIRST_PASSWORD = "Tạm thời 2026 nhé"
OWN_PASSWORD = "Bản làng Sơn Hà 2026"


@pytest.fixture
def context(workspace: Workspace) -> ServiceContext:
    context = workspace.services.context
    context.actor = ensure_administrator(context)
    return context


@pytest.fixture
def users(context: ServiceContext) -> UserService:
    return user_service(context)


@pytest.fixture
def dialog(qtbot: QtBot, context: ServiceContext, users: UserService) -> UsersDialog:
    shown = UsersDialog(users, context.actor, context.now)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def rows(dialog: UsersDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]  # type: ignore[union-attr]
        for row in range(table.rowCount())
    ]


def test_an_added_account_can_log_in_and_must_choose_its_own_password(
    dialog: UsersDialog, context: ServiceContext, users: UserService
) -> None:
    def fill(form: UserFormDialog) -> None:
        form.user_edit.setText("hoangvanbinh")
        form.display_edit.setText("Hoàng Văn Bình")
        form.role_combo.setCurrentIndex(form.role_combo.findData(RoleKey.LEADER))
        form.password.first.setText(FIRST_PASSWORD)
        form.password.second.setText(FIRST_PASSWORD)
        form.save_button.click()

    when_shown(UserFormDialog, fill)
    dialog.add_user()

    assert ["hoangvanbinh", "Hoàng Văn Bình", "Lãnh đạo"] in [row[:3] for row in rows(dialog)]
    selected = dialog.selected()
    assert selected is not None and selected.user_name == "hoangvanbinh"
    assert "phải đổi mật khẩu" in rows(dialog)[dialog.accounts.index(selected)][3]
    assert dialog.message.text() == "Đã thêm tài khoản hoangvanbinh."
    actor = login_service(context).login("hoangvanbinh", FIRST_PASSWORD)
    assert actor.role_key == RoleKey.LEADER
    assert actor.may(Permission.EXPORT)
    assert users.user("hoangvanbinh").must_change_password


def test_the_form_refuses_a_weak_password_and_a_name_in_use(
    qtbot: QtBot, context: ServiceContext, users: UserService
) -> None:
    form = UserFormDialog(users, users.roles())
    qtbot.addWidget(form)
    form.user_edit.setText(ADMIN)
    form.display_edit.setText("Ai Đó")
    form.password.first.setText("1234567890")
    form.password.second.setText("1234567890")
    form.submit()
    assert "chỉ gồm một loại ký tự" in form.message.text()

    form.password.first.setText(FIRST_PASSWORD)
    form.password.second.setText(FIRST_PASSWORD)
    form.submit()
    assert form.message.text() == f"Đã có tài khoản tên “{ADMIN}”."
    assert form.saved is None


def test_editing_changes_the_role_from_the_next_login(
    dialog: UsersDialog, context: ServiceContext, users: UserService
) -> None:
    officer(context, RoleKey.DATA_ENTRY)
    dialog.reload()
    assert dialog.select("nhaplieu")

    def promote(form: UserFormDialog) -> None:
        assert form.user_edit.isReadOnly()
        assert not form.password.first.isVisible()
        form.role_combo.setCurrentIndex(form.role_combo.findData(RoleKey.LEADER))
        form.display_edit.setText("Lò Văn Nhập (tổ trưởng)")
        form.save_button.click()

    when_shown(UserFormDialog, promote)
    dialog.edit_selected()

    info = users.user("nhaplieu")
    assert (info.display_name, info.role_key) == ("Lò Văn Nhập (tổ trưởng)", RoleKey.LEADER)
    assert login_service(context).login("nhaplieu", PASSWORD).may(Permission.AUDIT_READ)


def test_a_stopped_account_cannot_log_in_and_can_be_started_again(
    dialog: UsersDialog, context: ServiceContext
) -> None:
    officer(context, RoleKey.DATA_ENTRY)
    dialog.reload()
    dialog.select("nhaplieu")
    asked = answer(QMessageBox.StandardButton.Yes)

    assert dialog.toggle_active()

    assert asked and "không đăng nhập được nữa" in asked[0]
    assert "Ngừng sử dụng" in rows(dialog)[dialog.accounts.index(dialog.selected())][3]  # type: ignore[arg-type]
    with pytest.raises(AccountInactiveError):
        login_service(context).login("nhaplieu", PASSWORD)
    assert dialog.active_button.text() == "Mở &lại tài khoản"

    assert dialog.toggle_active()
    assert login_service(context).login("nhaplieu", PASSWORD)


def test_the_administrator_cannot_stop_their_own_account(dialog: UsersDialog) -> None:
    dialog.select(ADMIN)
    assert not dialog.active_button.isEnabled()
    assert "tự ngừng" in dialog.active_button.toolTip()


def test_a_forgotten_password_is_reset_and_the_wait_lifted(
    qtbot: QtBot, dialog: UsersDialog, context: ServiceContext, users: UserService, clock: Clock
) -> None:
    officer(context, RoleKey.DATA_ENTRY)
    for _ in range(5):
        with pytest.raises(LoginError):
            login_service(context).login("nhaplieu", "Quên mất rồi 123")
    dialog.reload()
    dialog.select("nhaplieu")
    assert "tạm khóa đến" in rows(dialog)[dialog.accounts.index(dialog.selected())][3]  # type: ignore[arg-type]
    assert dialog.unlock_button.isEnabled()

    assert dialog.unlock()
    assert users.user("nhaplieu").failed_attempts == 0
    assert login_service(context).login("nhaplieu", PASSWORD)

    reset = ResetPasswordDialog(users, users.user("nhaplieu"))
    qtbot.addWidget(reset)
    reset.password.first.setText(FIRST_PASSWORD)
    reset.password.second.setText(FIRST_PASSWORD)
    reset.save_button.click()
    assert users.user("nhaplieu").must_change_password
    assert login_service(context).login("nhaplieu", FIRST_PASSWORD)


def test_the_roles_grid_saves_changed_roles_and_keeps_an_account_manager(
    qtbot: QtBot, users: UserService
) -> None:
    grid = RolePermissionsDialog(users)
    qtbot.addWidget(grid)
    grid.item(RoleKey.LEADER, Permission.EXPORT).setCheckState(Qt.CheckState.Unchecked)
    grid.item(RoleKey.DATA_ENTRY, Permission.EXPORT).setCheckState(Qt.CheckState.Checked)
    grid.submit()
    roles = {role.key: role for role in users.roles()}
    assert not roles[RoleKey.LEADER].allows(Permission.EXPORT)
    assert roles[RoleKey.DATA_ENTRY].allows(Permission.EXPORT)
    assert {role.key for role in grid.saved} == {RoleKey.LEADER, RoleKey.DATA_ENTRY}

    again = RolePermissionsDialog(users)
    qtbot.addWidget(again)
    again.item(RoleKey.ADMINISTRATOR, Permission.USERS).setCheckState(Qt.CheckState.Unchecked)
    again.submit()
    assert again.message.text() == KEEP_A_MANAGER
    assert {role.key: role for role in users.roles()}[RoleKey.ADMINISTRATOR].allows(
        Permission.USERS
    )
