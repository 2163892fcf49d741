"""The start of a session: the first administrator of a new database, a login, a temporary
password changed before the window opens, and nothing shown to someone who gives up."""

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.gui.auth.change_password_dialog import ChangePasswordDialog
from pcmt_desktop.gui.auth.first_admin_dialog import FirstAdministratorDialog
from pcmt_desktop.gui.auth.login_dialog import LoginDialog
from pcmt_desktop.gui.auth.password_fields import GOOD, MISMATCH
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import NOBODY
from tests.auth.support import (
    ADMIN,
    ADMIN_PASSWORD,
    PASSWORD,
    ensure_administrator,
    login_service,
    user_service,
)
from tests.gui.auth.support import when_shown

pytestmark = pytest.mark.gui

NEW_PASSWORD = "Đồi chè Sơn Hà 2027"


def fill_first_administrator(dialog: FirstAdministratorDialog) -> None:
    dialog.user_edit.setText("quantri")
    dialog.display_edit.setText("Lê Minh Quản")
    dialog.password.first.setText(NEW_PASSWORD)
    dialog.password.second.setText(NEW_PASSWORD)
    dialog.create_button.click()


def test_a_new_database_asks_for_its_first_administrator(
    bare_session: OfficerSession, bare_workspace: Workspace
) -> None:
    assert not login_service(bare_workspace.services.context).has_users()
    shown = when_shown(FirstAdministratorDialog, fill_first_administrator)

    assert bare_session.sign_in()

    assert shown
    actor = bare_session.actor
    assert (actor.user_name, actor.role_key) == ("quantri", RoleKey.ADMINISTRATOR)
    assert login_service(bare_workspace.services.context).login("quantri", NEW_PASSWORD)


def test_the_first_administrator_dialog_says_what_is_wrong_as_it_is_typed(
    qtbot: QtBot, bare_workspace: Workspace
) -> None:
    context = bare_workspace.services.context
    dialog = FirstAdministratorDialog(login_service(context))
    qtbot.addWidget(dialog)
    dialog.user_edit.setText("Quản Trị")
    assert "chữ thường không dấu" in dialog.user_hint.text()
    dialog.user_edit.setText("quantri")
    dialog.password.first.setText("quantri2026")
    assert "không được chứa tên đăng nhập" in dialog.password.message.text()
    dialog.password.first.setText(NEW_PASSWORD)
    dialog.password.second.setText(NEW_PASSWORD[:-1])
    assert dialog.password.message.text() == MISMATCH
    dialog.password.second.setText(NEW_PASSWORD)
    assert dialog.password.message.text() == GOOD

    dialog.submit()  # no name yet
    assert "Chưa nhập họ tên" in dialog.message.text()
    assert not login_service(context).has_users()


def test_giving_up_at_the_login_leaves_nobody_acting(
    bare_session: OfficerSession, bare_workspace: Workspace
) -> None:
    ensure_administrator(bare_workspace.services.context)
    when_shown(LoginDialog, lambda dialog: dialog.quit_button.click())

    assert not bare_session.sign_in()
    assert bare_session.actor == NOBODY


def test_a_temporary_password_is_changed_before_the_window_opens(
    session: OfficerSession, workspace: Workspace
) -> None:
    context = workspace.services.context
    context.actor = ensure_administrator(context)
    user_service(context).add_user("canbo1", "Vi Văn Cán", RoleKey.DATA_ENTRY, PASSWORD)

    def log_in(dialog: LoginDialog) -> None:
        dialog.user_edit.setText("canbo1")
        dialog.password_edit.setText(PASSWORD)
        dialog.login_button.click()

    def change(dialog: ChangePasswordDialog) -> None:
        dialog.current_edit.setText(PASSWORD)
        dialog.password.first.setText(NEW_PASSWORD)
        dialog.password.second.setText(NEW_PASSWORD)
        dialog.change_button.click()

    when_shown(LoginDialog, log_in)
    changed = when_shown(ChangePasswordDialog, change)

    assert session.sign_in()

    assert changed
    assert session.actor.user_name == "canbo1"
    assert not user_service(context).user("canbo1").must_change_password
    assert login_service(context).login("canbo1", NEW_PASSWORD)


def test_refusing_to_change_a_temporary_password_ends_the_session(
    session: OfficerSession, workspace: Workspace
) -> None:
    context = workspace.services.context
    context.actor = ensure_administrator(context)
    user_service(context).add_user("canbo1", "Vi Văn Cán", RoleKey.DATA_ENTRY, PASSWORD)

    def log_in(dialog: LoginDialog) -> None:
        dialog.user_edit.setText("canbo1")
        dialog.password_edit.setText(PASSWORD)
        dialog.login_button.click()

    when_shown(LoginDialog, log_in)
    when_shown(ChangePasswordDialog, lambda dialog: dialog.reject())

    assert not session.sign_in()
    assert session.actor == NOBODY
    last = audit.all_entries(context, limit=1)[0]
    assert (last.action, last.user_name) == (audit.Action.LOGOUT, "canbo1")


def test_the_change_password_dialog_refuses_a_wrong_current_password(
    qtbot: QtBot, workspace: Workspace
) -> None:
    context = workspace.services.context
    context.actor = ensure_administrator(context)
    dialog = ChangePasswordDialog(user_service(context), ADMIN, forced=False)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("Không đúng 12345")
    dialog.password.first.setText(NEW_PASSWORD)
    dialog.password.second.setText(NEW_PASSWORD)
    dialog.submit()

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "Mật khẩu đang dùng không đúng."
    assert login_service(context).login(ADMIN, ADMIN_PASSWORD)
