"""A database held by a ``Workspace`` with an officer's session on it, as the program runs.

The services' clock stands still until a test moves it (``clock``); the idle watcher's is
another, moved by hand (``idle_clock``); password hashes are Argon2id's cheapest.
"""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pcmt_desktop.backup import KdfParams
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.background import wait_for_background_work
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeInfo, SubAreaInput
from pcmt_desktop.store.database import Database
from tests.auth.support import HASHER, Clock
from tests.conftest import NOW, SUB_AREA_NAMES, TODAY
from tests.gui.auth.support import IdleClock

OFFICE = OfficeInfo(
    name="Công an huyện Sơn Hà",
    level="Huyện",
    parent_name="Công an tỉnh Nam Hòa",
    sub_area_label="xã, thị trấn",
    place_name="Sơn Hà",
)


@pytest.fixture(autouse=True)
def no_worker_left(qapp: QApplication) -> Iterator[None]:
    """Every test has the application (dialogs need it) and leaves no backup running."""
    yield
    wait_for_background_work()
    QApplication.processEvents()


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def idle_clock() -> IdleClock:
    return IdleClock()


@pytest.fixture
def bare_workspace(database: Database, clock: Clock) -> Iterator[Workspace]:
    """The workspace on a new database: no office, no account."""
    held = Workspace(
        database,
        context=lambda sessions: ServiceContext(sessions, today=lambda: TODAY, now=clock),
        kdf=KdfParams.fast_for_tests(),
    )
    yield held
    window = held.window
    if window is not None:
        window.retire()
        window.close()
        window.deleteLater()
    if held.session is not None:
        held.session.detach()


@pytest.fixture
def workspace(bare_workspace: Workspace) -> Workspace:
    """The workspace with the office set up (by the local administrator, before accounts)."""
    bare_workspace.services.office.set_up(
        OFFICE, [SubAreaInput(name, 1000) for name in SUB_AREA_NAMES]
    )
    return bare_workspace


def attach_session(workspace: Workspace, idle_clock: IdleClock) -> OfficerSession:
    held = OfficerSession(workspace, hasher=HASHER, clock=idle_clock)
    workspace.session = held
    return held


@pytest.fixture
def bare_session(bare_workspace: Workspace, idle_clock: IdleClock) -> OfficerSession:
    """The session on a new database (no office, no account)."""
    return attach_session(bare_workspace, idle_clock)


@pytest.fixture
def session(workspace: Workspace, idle_clock: IdleClock) -> OfficerSession:
    return attach_session(workspace, idle_clock)


def open_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = workspace.open_window()
    window.show()
    qtbot.waitExposed(window)
    return window
