"""Đăng xuất: asked first when dialogs would lose typed work; then the session ends, the
dialogs and the window close, and the services act as nobody."""

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.gui.auth.lock_screen import Curtain
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.registries.persons.form import PersonFormDialog
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import NOBODY
from tests.auth.support import officer
from tests.gui.auth.conftest import open_window
from tests.gui.auth.support import answer

pytestmark = pytest.mark.gui


@pytest.fixture
def logged_in(session: OfficerSession, workspace: Workspace) -> OfficerSession:
    session.begin(officer(workspace.services.context, RoleKey.LEADER))
    return session


def test_logging_out_with_a_form_open_asks_and_can_be_declined(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession
) -> None:
    window = open_window(qtbot, workspace)
    form = PersonFormDialog(workspace.services, None, window)
    form.open()
    form.full_name.setText("Lương Văn Sáng")
    asked = answer(QMessageBox.StandardButton.No)

    window.account.logout_action.trigger()

    assert asked and "chưa bấm “Lưu” sẽ mất" in asked[0]
    assert not logged_in.signed_out
    assert form.isVisible()
    assert form.full_name.text() == "Lương Văn Sáng"
    assert logged_in.actor.user_name == "lanhdao"
    form.reject()


def test_logging_out_ends_the_session_and_closes_dialogs_and_window(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession
) -> None:
    window = open_window(qtbot, workspace)
    form = PersonFormDialog(workspace.services, None, window)
    form.open()
    asked = answer(QMessageBox.StandardButton.Yes)

    window.account.logout_action.trigger()

    assert asked
    assert logged_in.signed_out
    assert logged_in.actor == NOBODY
    assert not form.isVisible()
    # Covered at once, before the window has had time to close (and back up).
    assert [curtain.isVisible() for curtain in window.findChildren(Curtain)] == [True]
    qtbot.waitUntil(lambda: not window.isVisible())
    last = audit.all_entries(workspace.services.context, limit=1)[0]
    assert (last.action, last.user_name) == (audit.Action.LOGOUT, "lanhdao")


def test_logging_out_without_open_dialogs_asks_nothing(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession
) -> None:
    window = open_window(qtbot, workspace)
    assert logged_in.log_out(window)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert logged_in.actor == NOBODY


def test_the_lock_screen_offers_the_logout_to_switch_officer(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession
) -> None:
    window = open_window(qtbot, workspace)
    form = PersonFormDialog(workspace.services, None, window)
    form.open()
    logged_in.lock()
    screen = logged_in.lock_screen
    assert screen is not None
    answer(QMessageBox.StandardButton.Yes)

    screen.logout_button.click()

    assert not logged_in.locked
    assert not screen.isVisible()
    assert not form.isVisible()
    assert logged_in.signed_out
    qtbot.waitUntil(lambda: not window.isVisible())
