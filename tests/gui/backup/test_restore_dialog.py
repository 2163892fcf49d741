"""Tệp → Khôi phục từ tệp sao lưu…: verify, compare, back up, replace, reopen the window."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy.orm import Session, sessionmaker

from pcmt_desktop.autobackup import BackupReason, recovery_key
from pcmt_desktop.backup import KdfParams, create_backup, verify_backup
from pcmt_desktop.gui.backup.restore_dialog import RestoreDialog
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeInfo, SubAreaInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.store.database import Database
from tests.backup.helpers import folder_state, table_rows
from tests.conftest import NOW, TODAY
from tests.gui.backup.conftest import PASSPHRASE, automatic_backups

pytestmark = pytest.mark.gui

OFFICE = OfficeInfo(
    name="Công an huyện Sơn Hà",
    level="Huyện",
    parent_name="Công an tỉnh Nam Hòa",
    sub_area_label="xã, thị trấn",
    place_name="Sơn Hà",
)


def context(sessions: sessionmaker[Session]) -> ServiceContext:
    return ServiceContext(sessions, today=lambda: TODAY, now=lambda: NOW)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """The program's own arrangement: a database file held open under a window."""
    database = Database.open(tmp_path / "van-phong" / "pcmt.sqlite3")
    held = Workspace(database, context=context, kdf=KdfParams.fast_for_tests())
    held.services.office.set_up(OFFICE, [SubAreaInput("Xã Sơn Thủy", 5000)])
    for name in ("Hà Văn Tính", "Lục Thị Sen", "Nông Văn Quyết"):
        held.services.persons.add(PersonInput(name, birth_year=1990))
    yield held
    window = held.window
    if window is not None:
        window.retire()
        window.close()
        window.deleteLater()
    held.close()


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    main = workspace.open_window()
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def backup_file(workspace: Workspace, tmp_path: Path) -> Path:
    out = tmp_path / "usb" / "son-ha.pcmtbk"
    out.parent.mkdir()
    create_backup(workspace.database_path, out, PASSPHRASE, kdf=KdfParams.fast_for_tests())
    return out


def checked_dialog(
    qtbot: QtBot, workspace: Workspace, window: MainWindow, path: Path, passphrase: str
) -> RestoreDialog:
    dialog = RestoreDialog(workspace, window, backups=window.backups, path=path)
    dialog.show()
    dialog.passphrase.setText(passphrase)
    assert not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.job_finished, timeout=20000):
        assert dialog.check()
    return dialog


def comparison(dialog: RestoreDialog) -> dict[str, tuple[str, str]]:
    rows = {}
    for row in range(dialog.table.rowCount()):
        cells = [dialog.table.item(row, column) for column in range(3)]
        texts = [cell.text() if cell is not None else "" for cell in cells]
        rows[texts[0]] = (texts[1], texts[2])
    return rows


def test_a_restore_replaces_the_data_keeps_a_copy_and_shows_the_restored_data(
    qtbot: QtBot, workspace: Workspace, window: MainWindow, backup_file: Path
) -> None:
    late = workspace.services.persons.add(PersonInput("Người Thêm Sau", birth_year=2001))
    database = workspace.database_path
    assert window.persons_tab.model.row_of(late.id) is not None
    window.tabs.setCurrentIndex(2)

    dialog = checked_dialog(qtbot, workspace, window, backup_file, PASSPHRASE)

    assert comparison(dialog)["Đơn vị"] == ("Công an huyện Sơn Hà", "Công an huyện Sơn Hà")
    assert comparison(dialog)["Đối tượng"] == ("3", "4")
    assert dialog.restore_button.isEnabled()
    question = dialog.confirmation()
    assert "Dữ liệu hiện tại (Công an huyện Sơn Hà, 4 đối tượng) sẽ được thay bằng" in question
    assert f"được giữ tại {database.parent} (tệp pcmt.truoc-khoi-phuc-" in question

    with qtbot.waitSignal(dialog.job_finished, timeout=20000) as finished:
        assert dialog.restore(ask=False)
    assert finished.args == [True]

    restored = dialog.restored
    assert restored is not None and restored.kept_copy is not None
    assert len(table_rows(restored.kept_copy)["person"]) == 4  # the data replaced is kept
    new_window = workspace.window
    assert isinstance(new_window, MainWindow)
    assert new_window is not window and dialog.window_after is new_window
    assert new_window.isVisible()
    assert new_window.tabs.currentIndex() == 2
    assert workspace.services.persons.count() == 3
    assert new_window.persons_tab.model.total() == 3
    assert new_window.persons_tab.model.row_of(late.id) is None
    assert new_window.windowTitle().endswith("Công an huyện Sơn Hà")
    before = [
        entry
        for entry in automatic_backups(database)
        if entry.reason is BackupReason.BEFORE_RESTORE
    ]
    assert len(before) == 1
    assert verify_backup(before[0].file, recovery_key(database)).counts["person"] == 4
    assert any(str(restored.kept_copy) in line for line in dialog.outcome_lines())

    # The new window is the one that holds the database and writes to it.
    workspace.services.persons.add(PersonInput("Sau Khôi Phục", birth_year=1999))
    assert new_window.persons_tab.model.total() == 4
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not isValid(window)  # the old window is gone, not merely hidden


def test_a_wrong_passphrase_changes_nothing(
    qtbot: QtBot, workspace: Workspace, window: MainWindow, backup_file: Path
) -> None:
    workspace.services.persons.add(PersonInput("Người Thêm Sau", birth_year=2001))
    folder = workspace.database_path.parent
    before = table_rows(workspace.database_path)
    files = sorted(path.name for path in folder.iterdir())

    dialog = checked_dialog(qtbot, workspace, window, backup_file, "mật khẩu sai rồi")

    assert "Sai mật khẩu" in dialog.status.text()
    assert "mật khẩu sai rồi" not in dialog.status.text()
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore(ask=False)
    assert table_rows(workspace.database_path) == before
    assert sorted(path.name for path in folder.iterdir()) == files
    assert workspace.window is window


def test_a_restore_that_fails_leaves_the_database_and_the_window_working(
    qtbot: QtBot, workspace: Workspace, window: MainWindow, backup_file: Path
) -> None:
    dialog = checked_dialog(qtbot, workspace, window, backup_file, PASSPHRASE)
    workspace.services.persons.add(PersonInput("Người Thêm Sau", birth_year=2001))
    before = table_rows(workspace.database_path)
    # The file is damaged after it was checked (a USB stick failing): restore re-reads it.
    data = bytearray(backup_file.read_bytes())
    data[-50] ^= 0x10
    backup_file.write_bytes(bytes(data))
    usb_before = folder_state(backup_file.parent)

    with qtbot.waitSignal(dialog.job_finished, timeout=20000) as finished:
        assert dialog.restore(ask=False)

    assert finished.args == [False]
    assert "bị hỏng ở khối" in dialog.status.text()
    assert dialog.restored is None
    assert workspace.window is window and dialog.window_after is window
    assert table_rows(workspace.database_path) == before
    assert folder_state(backup_file.parent) == usb_before
    # The same window goes on reading and writing the same database.
    workspace.services.persons.add(PersonInput("Vẫn Ghi Được", birth_year=1998))
    assert workspace.services.persons.count() == 5
    assert window.persons_tab.model.total() == 5
    with pytest.raises(Exception, match="đang được mở"):
        Database.open(workspace.database_path)  # and holds its lock again


def test_another_file_or_passphrase_needs_a_new_check(
    qtbot: QtBot, workspace: Workspace, window: MainWindow, backup_file: Path
) -> None:
    dialog = checked_dialog(qtbot, workspace, window, backup_file, PASSPHRASE)
    assert dialog.restore_button.isEnabled()

    dialog.passphrase.setText(PASSPHRASE + " ")

    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore(ask=False)
    assert dialog.table.rowCount() == 0


def test_the_window_of_the_program_can_restore(window: MainWindow) -> None:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    actions = {action.text(): action for action in menu.actions()}
    assert actions["Khôi &phục từ tệp sao lưu…"].isEnabled()
    assert window.backups is not None  # and takes automatic backups
