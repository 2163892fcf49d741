"""Đăng nhập: a right password lets in, a wrong one is refused, repeated ones wait."""

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.auth.login_dialog import NO_NAME, LoginDialog
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import ServiceContext
from tests.auth.support import (
    ADMIN,
    ADMIN_NAME,
    ADMIN_PASSWORD,
    Clock,
    ensure_administrator,
    login_service,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def context(workspace: Workspace) -> ServiceContext:
    context = workspace.services.context
    ensure_administrator(context)
    return context


@pytest.fixture
def dialog(qtbot: QtBot, context: ServiceContext) -> LoginDialog:
    shown = LoginDialog(login_service(context), office_name="Công an huyện Sơn Hà")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def attempt(qtbot: QtBot, dialog: LoginDialog, user_name: str, password: str) -> None:
    dialog.user_edit.setText(user_name)
    dialog.password_edit.setText(password)
    dialog.login_button.click()


def test_the_right_password_lets_the_officer_in(
    qtbot: QtBot, dialog: LoginDialog, context: ServiceContext
) -> None:
    attempt(qtbot, dialog, ADMIN, ADMIN_PASSWORD)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None
    assert (dialog.actor.user_name, dialog.actor.display_name) == (ADMIN, ADMIN_NAME)
    assert dialog.password_edit.text() == ""
    assert audit.all_entries(context, limit=1)[0].action == audit.Action.LOGIN


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    qtbot: QtBot, dialog: LoginDialog, context: ServiceContext
) -> None:
    attempt(qtbot, dialog, ADMIN, "Không phải mật khẩu 1")

    assert dialog.isVisible()
    assert dialog.actor is None
    assert dialog.message.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.password_edit.text() == ""  # typed again, never kept
    assert dialog.login_button.isEnabled()
    assert audit.all_entries(context, limit=1)[0].action == audit.Action.LOGIN_FAILED

    attempt(qtbot, dialog, "khongcoai", ADMIN_PASSWORD)
    assert dialog.message.text() == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_an_empty_name_is_asked_for_before_anything_is_checked(
    qtbot: QtBot, dialog: LoginDialog, context: ServiceContext
) -> None:
    before = len(audit.all_entries(context))
    attempt(qtbot, dialog, "  ", ADMIN_PASSWORD)

    assert dialog.message.text() == NO_NAME
    assert len(audit.all_entries(context)) == before


def test_repeated_failures_impose_a_wait_counted_down_on_screen(
    qtbot: QtBot, dialog: LoginDialog, clock: Clock
) -> None:
    for _ in range(3):
        attempt(qtbot, dialog, ADMIN, "Sai mật khẩu rồi 1")
        assert dialog.login_button.isEnabled()
    attempt(qtbot, dialog, ADMIN, "Sai mật khẩu rồi 1")

    assert "Hãy chờ 2 giây rồi thử lại" in dialog.message.text()
    assert not dialog.login_button.isEnabled()
    assert dialog.wait_label.text() == "Có thể thử lại sau 2 giây."
    # Enter during the wait does nothing: the service is not even asked.
    dialog.password_edit.setText(ADMIN_PASSWORD)
    dialog.submit()
    assert dialog.actor is None

    dialog.countdown.tick()
    assert dialog.wait_label.text() == "Có thể thử lại sau 1 giây."
    clock.advance(2)
    dialog.countdown.tick()
    assert dialog.login_button.isEnabled()
    assert not dialog.wait_label.isVisible()

    attempt(qtbot, dialog, ADMIN, ADMIN_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_wait_outlives_the_dialog_and_refuses_even_the_right_password(
    qtbot: QtBot, dialog: LoginDialog, context: ServiceContext
) -> None:
    for _ in range(4):
        attempt(qtbot, dialog, ADMIN, "Sai mật khẩu rồi 1")
    dialog.close()

    # The program started again: the wait is kept in the account, not in the dialog.
    again = LoginDialog(login_service(context))
    qtbot.addWidget(again)
    again.show()
    attempt(qtbot, again, ADMIN, ADMIN_PASSWORD)

    assert again.actor is None
    assert again.message.text() == (
        "Đã nhập sai mật khẩu 4 lần liên tiếp: hãy chờ 2 giây rồi thử lại."
    )
    assert again.countdown.running
    assert not again.login_button.isEnabled()
