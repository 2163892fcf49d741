"""Every field and button of the account dialogs and the audit tab has its own Alt+letter."""

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.audit.tab import AuditTab
from pcmt_desktop.gui.auth.change_password_dialog import ChangePasswordDialog
from pcmt_desktop.gui.auth.first_admin_dialog import FirstAdministratorDialog
from pcmt_desktop.gui.auth.idle_dialog import IdleLockDialog
from pcmt_desktop.gui.auth.lock_screen import LockScreen
from pcmt_desktop.gui.auth.login_dialog import LoginDialog
from pcmt_desktop.gui.auth.role_grid import RolePermissionsDialog
from pcmt_desktop.gui.auth.user_form import ResetPasswordDialog, UserFormDialog
from pcmt_desktop.gui.auth.users_dialog import UsersDialog
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.change_signals import ChangeSignals
from tests.auth.support import ADMIN, ensure_administrator, login_service, user_service

pytestmark = pytest.mark.gui

# The main window's menus take Alt+T, B, Đ and G: a tab must leave them free.
MENU_LETTERS = {"t", "b", "đ", "g"}


def mnemonics(widget: QWidget) -> list[str]:
    texts = [
        button.text()
        for button in widget.findChildren(QAbstractButton)
        if button.text() and button.isVisibleTo(widget)
    ]
    texts += [
        label.text()
        for label in widget.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(widget)
    ]
    letters = []
    for text in texts:
        assert "&" in text, f"no mnemonic: {text!r}"
        letters.append(text[text.index("&") + 1].lower())
    return letters


def test_each_dialog_has_distinct_mnemonics(qtbot: QtBot, workspace: Workspace) -> None:
    context = workspace.services.context
    context.actor = ensure_administrator(context)
    login, users = login_service(context), user_service(context)
    made: list[QWidget] = [
        LoginDialog(login),
        FirstAdministratorDialog(login),
        ChangePasswordDialog(users, ADMIN, forced=True),
        ChangePasswordDialog(users, ADMIN, forced=False),
        UserFormDialog(users, users.roles()),
        UserFormDialog(users, users.roles(), users.user(ADMIN)),
        ResetPasswordDialog(users, users.user(ADMIN)),
        UsersDialog(users, context.actor, context.now),
        RolePermissionsDialog(users),
        IdleLockDialog(10, lambda _minutes: None),
        LockScreen(login, context.actor),
    ]
    for widget in made:
        qtbot.addWidget(widget)
        letters = mnemonics(widget)
        assert len(letters) >= 2, widget.windowTitle()
        assert len(letters) == len(set(letters)), (widget.windowTitle(), letters)


def test_the_audit_tab_leaves_the_menus_letters_free(qtbot: QtBot, workspace: Workspace) -> None:
    services = workspace.services
    tab = AuditTab(services, ChangeSignals(services.context.bus))
    qtbot.addWidget(tab)
    letters = mnemonics(tab)
    assert len(letters) == len(set(letters))
    assert not MENU_LETTERS & set(letters)
