"""The program's own start: nothing before a login; the window; a logout brings the login
back; and a database without its office asks the officer who may set it up."""

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.gui.app import NO_OFFICE, office_ready, run_window
from pcmt_desktop.gui.auth.login_dialog import LoginDialog
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import NOBODY, ServiceContext
from pcmt_desktop.services.office import SubAreaInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.auth.support import ADMIN, ADMIN_PASSWORD, HASHER, ensure_administrator, officer
from tests.gui.auth.conftest import OFFICE
from tests.gui.auth.support import answer, when_shown

pytestmark = pytest.mark.gui

HANDLED = "handled-by-test"


def shown_window() -> MainWindow | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def test_a_logout_closes_the_window_and_brings_the_login_back(tmp_path: Path) -> None:
    path = tmp_path / "pcmt.sqlite3"
    database = Database.open(path)
    services = Services.build(ServiceContext(database.sessions))
    services.office.set_up(OFFICE, [SubAreaInput("Xã Sơn Thủy", 5000)])
    ensure_administrator(services.context)
    database.close()
    logins: list[LoginDialog] = []
    titles: list[str] = []

    def look() -> None:
        """The officer: logs in, sees the window, logs out, then leaves at the login."""
        modal = QApplication.activeModalWidget()
        if isinstance(modal, LoginDialog) and not modal.property(HANDLED):
            modal.setProperty(HANDLED, True)
            logins.append(modal)
            if len(logins) == 1:
                modal.user_edit.setText(ADMIN)
                modal.password_edit.setText(ADMIN_PASSWORD)
                modal.login_button.click()
            else:
                modal.quit_button.click()
            return
        window = shown_window()
        if window is not None and not titles:
            titles.append(window.windowTitle())
            window.account.logout_action.trigger()

    officer_at_the_keyboard = QTimer()
    officer_at_the_keyboard.setInterval(10)
    officer_at_the_keyboard.timeout.connect(look)
    officer_at_the_keyboard.start()
    try:
        code = run_window(path, hasher=HASHER)
    finally:
        officer_at_the_keyboard.stop()

    assert code == 0
    assert len(logins) == 2
    assert titles == ["PCMT — Phòng, chống ma túy — Công an huyện Sơn Hà"]
    database = Database.open(path)
    try:
        newest = audit.all_entries(ServiceContext(database.sessions), limit=2)
    finally:
        database.close()
    assert [(entry.action, entry.user_name) for entry in newest] == [
        (audit.Action.LOGOUT, ADMIN),
        (audit.Action.LOGIN, ADMIN),
    ]


def test_an_officer_who_may_not_set_up_the_office_is_told_and_logged_out(
    bare_workspace: Workspace, bare_session: OfficerSession
) -> None:
    context = bare_workspace.services.context
    bare_session.begin(officer(context, RoleKey.LEADER))
    told = answer(QMessageBox.StandardButton.Ok)

    assert office_ready(bare_workspace, bare_session) is False

    assert told == [NO_OFFICE]
    assert bare_session.actor == NOBODY


def test_the_administrator_sets_up_the_office_or_quits(
    qtbot: QtBot, bare_workspace: Workspace, bare_session: OfficerSession
) -> None:
    bare_session.begin(ensure_administrator(bare_workspace.services.context))
    asked = when_shown(OfficeSettingsDialog, lambda dialog: dialog.reject())

    assert office_ready(bare_workspace, bare_session) is None
    assert asked
    assert not bare_workspace.services.office.is_configured()
