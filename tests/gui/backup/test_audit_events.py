"""Backups and restores made in the window are in the audit trail, under the officer."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.backup import KdfParams, create_backup
from pcmt_desktop.gui.backup.create_dialog import CreateBackupDialog
from pcmt_desktop.gui.backup.restore_dialog import RestoreDialog
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeInfo, SubAreaInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.auth.support import officer
from tests.conftest import NOW, TODAY
from tests.gui.backup.conftest import PASSPHRASE

pytestmark = pytest.mark.gui


def context(sessions: sessionmaker[Session]) -> ServiceContext:
    return ServiceContext(sessions, today=lambda: TODAY, now=lambda: NOW)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    database = Database.open(tmp_path / "van-phong" / "pcmt.sqlite3")
    held = Workspace(database, context=context, kdf=KdfParams.fast_for_tests())
    held.services.office.set_up(
        OfficeInfo("Công an huyện Sơn Hà", "Huyện", "Công an tỉnh Nam Hòa", "xã, thị trấn"),
        [SubAreaInput("Xã Sơn Thủy", 5000)],
    )
    yield held
    window = held.window
    if window is not None:
        window.retire()
        window.close()
        window.deleteLater()
    held.close()


def last_event(services: Services) -> audit.AuditRecord:
    return audit.all_entries(services.context, limit=1)[0]


def test_a_backup_from_the_window_is_audited(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    services = workspace.services
    services.context.actor = officer(services.context, RoleKey.LEADER)
    dialog = CreateBackupDialog(
        services, workspace.database_path, kdf=KdfParams.fast_for_tests(), folder=tmp_path
    )
    qtbot.addWidget(dialog)
    dialog.passphrase.first.setText(PASSPHRASE)
    dialog.passphrase.second.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.job_finished, timeout=20000):
        assert dialog.start(ask=False)

    event = last_event(services)
    assert (event.action, event.user_name) == (audit.Action.BACKUP, "lanhdao")
    assert dialog.written is not None and dialog.written.name in event.summary
    assert PASSPHRASE not in f"{event.summary}{event.after}"


@pytest.mark.parametrize("known", [True, False], ids=["in-the-backup", "not-in-the-backup"])
def test_a_restore_is_audited_in_the_restored_trail_under_the_officer(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, known: bool
) -> None:
    services = workspace.services
    if known:
        services.context.actor = officer(services.context, RoleKey.ADMINISTRATOR, "quantri2")
    backup = tmp_path / "son-ha.pcmtbk"
    create_backup(workspace.database_path, backup, PASSPHRASE, kdf=KdfParams.fast_for_tests())
    if not known:
        services.context.actor = officer(services.context, RoleKey.ADMINISTRATOR, "quantri2")
    window = workspace.open_window()
    dialog = RestoreDialog(workspace, window, path=backup)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.job_finished, timeout=20000):
        assert dialog.check()
    with qtbot.waitSignal(dialog.job_finished, timeout=20000):
        assert dialog.restore(ask=False)

    restored = workspace.services
    assert restored is not services
    assert restored.context.actor.user_name == "quantri2"  # still logged in
    event = last_event(restored)
    assert (event.action, event.user_name) == (audit.Action.RESTORE, "quantri2")
    assert "son-ha.pcmtbk" in event.summary
    assert ("không có trong dữ liệu vừa khôi phục" in event.summary) is not known
