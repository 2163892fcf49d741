"""The idle lock: after the set minutes without input every window is covered and the
same officer's password is asked; what was typed underneath is still there after it."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.autobackup import AutoBackupSettings, load_settings, save_settings
from pcmt_desktop.gui.auth.idle import IdleWatcher
from pcmt_desktop.gui.auth.idle_settings import (
    DEFAULT_MINUTES,
    load_idle_setting,
    save_idle_minutes,
)
from pcmt_desktop.gui.auth.lock_screen import Curtain, LockScreen
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.registries.persons.form import PersonFormDialog
from pcmt_desktop.services import audit
from tests.auth.support import PASSWORD, officer
from tests.gui.auth.conftest import open_window
from tests.gui.auth.support import IdleClock

pytestmark = pytest.mark.gui

MINUTE = 60.0


@pytest.fixture
def logged_in(session: OfficerSession, workspace: Workspace) -> OfficerSession:
    session.begin(officer(workspace.services.context, RoleKey.DATA_ENTRY))
    return session


def is_locked(session: OfficerSession) -> bool:
    """Asked afresh each time (an attribute would be narrowed by the type checker)."""
    return session.locked


def curtained(widget: QWidget) -> bool:
    return any(curtain.isVisible() for curtain in widget.findChildren(Curtain))


def press_a_key(widget: QWidget) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
        )


def test_the_watcher_counts_from_the_last_input(qtbot: QtBot, idle_clock: IdleClock) -> None:
    target = QWidget()
    qtbot.addWidget(target)
    watcher = IdleWatcher(timedelta(minutes=10), target, clock=idle_clock)
    with qtbot.assertNotEmitted(watcher.idle):
        idle_clock.advance(9 * MINUTE)
        watcher.check()
        press_a_key(target)  # used again: the ten minutes start over
        idle_clock.advance(9 * MINUTE)
        watcher.check()
    with qtbot.waitSignal(watcher.idle, timeout=1000):
        idle_clock.advance(MINUTE)
        watcher.check()
    assert watcher.paused
    watcher.stop()


def test_the_lock_covers_everything_and_keeps_a_half_typed_form(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession, idle_clock: IdleClock
) -> None:
    window = open_window(qtbot, workspace)
    form = PersonFormDialog(workspace.services, None, window)
    form.open()
    QTest.keyClicks(form.full_name, "Nong Thi Lu")  # half typed, key by key
    watcher = logged_in.watcher
    assert watcher is not None and watcher.limit == timedelta(minutes=DEFAULT_MINUTES)

    idle_clock.advance((DEFAULT_MINUTES - 1) * MINUTE)
    watcher.check()
    assert not is_locked(logged_in)
    idle_clock.advance(MINUTE)
    watcher.check()

    screen = logged_in.lock_screen
    assert isinstance(screen, LockScreen)
    assert screen.isVisible()
    assert screen.windowModality() == Qt.WindowModality.ApplicationModal
    assert curtained(window)
    assert curtained(form)
    assert form.isVisible()  # covered, not closed
    assert form.full_name.text() == "Nong Thi Lu"

    # Neither Escape nor closing the lock screen lifts it.
    screen.reject()
    screen.close()
    assert screen.isVisible()

    screen.password_edit.setText("Không phải mật khẩu 1")
    screen.unlock_button.click()
    assert is_locked(logged_in)
    assert screen.message.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert curtained(form)

    screen.password_edit.setText(PASSWORD)
    screen.unlock_button.click()
    assert not is_locked(logged_in)
    assert not curtained(window)
    assert not curtained(form)
    assert form.isVisible()
    assert form.full_name.text() == "Nong Thi Lu"
    assert not watcher.paused
    form.reject()


def test_the_lock_asks_the_same_officers_password_not_anyone_s(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession
) -> None:
    open_window(qtbot, workspace)
    logged_in.lock()
    screen = logged_in.lock_screen
    assert screen is not None
    screen.password_edit.setText(PASSWORD)  # nhaplieu's; the admin's would not do
    screen.unlock_button.click()
    assert not is_locked(logged_in)
    context = workspace.services.context
    last = audit.all_entries(context, limit=1)[0]
    assert (last.action, last.user_name) == (audit.Action.LOGIN, "nhaplieu")


def test_ctrl_l_locks_at_once(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession
) -> None:
    window = open_window(qtbot, workspace)
    window.account.lock_action.trigger()
    assert is_locked(logged_in)
    assert window.account.lock_action.shortcut().toString() == "Ctrl+L"


def test_the_idle_time_is_kept_beside_the_database_with_the_backup_settings(
    tmp_path: Path,
) -> None:
    database = tmp_path / "pcmt.sqlite3"
    assert load_idle_setting(database).minutes == DEFAULT_MINUTES
    save_settings(database, AutoBackupSettings(folder=Path("E:/sao-luu"), enabled=False))

    save_idle_minutes(database, 3)

    assert load_idle_setting(database).minutes == 3
    kept = load_settings(database).settings
    assert (kept.folder, kept.enabled) == (Path("E:/sao-luu"), False)
    save_settings(database, AutoBackupSettings())  # theirs saved again keeps ours
    assert load_idle_setting(database).minutes == 3
    with pytest.raises(ValueError):
        save_idle_minutes(database, 0)


def test_a_damaged_setting_gives_the_default_and_says_so(tmp_path: Path) -> None:
    database = tmp_path / "pcmt.sqlite3"
    settings = database.with_name("pcmt.cai-dat.json")
    settings.write_text(json.dumps({"idle_lock": {"minutes": "mười"}}), encoding="utf-8")

    loaded = load_idle_setting(database)

    assert loaded.minutes == DEFAULT_MINUTES
    assert loaded.warning is not None and "bị hỏng" in loaded.warning


def test_a_new_idle_time_applies_at_once(
    qtbot: QtBot, workspace: Workspace, logged_in: OfficerSession, idle_clock: IdleClock
) -> None:
    open_window(qtbot, workspace)
    logged_in.set_idle_minutes(2)
    watcher = logged_in.watcher
    assert watcher is not None
    idle_clock.advance(2 * MINUTE)
    watcher.check()
    assert is_locked(logged_in)
    assert load_idle_setting(workspace.database_path).minutes == 2
    assert isinstance(logged_in.lock_screen, QDialog)
