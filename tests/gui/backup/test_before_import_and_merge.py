"""An import and a merge of duplicates take an automatic backup first, and are refused
(writing nothing) when it cannot be made."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from pcmt_desktop.autobackup import AutoBackupSettings, BackupReason, recovery_key, save_settings
from pcmt_desktop.backup import verify_backup
from pcmt_desktop.gui.duplicates import DuplicatesDialog
from pcmt_desktop.gui.interchange.import_dialog import ImportDialog
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.interchange.template import write_template
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.gui.backup.conftest import automatic_backups

pytestmark = pytest.mark.gui


def backed_up_persons(database: Database, reason: BackupReason) -> list[int]:
    """How many persons each backup of ``reason`` holds."""
    key = recovery_key(database.path)
    return [
        verify_backup(entry.file, key).counts["person"]
        for entry in automatic_backups(database.path)
        if entry.reason is reason
    ]


def unplug_backup_folder(database: Database, tmp_path: Path) -> None:
    save_settings(database.path, AutoBackupSettings(folder=tmp_path / "usb-da-rut"))


def close_and_wait(qtbot: QtBot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)


# --- import ----------------------------------------------------------------------------------
@pytest.fixture
def workbook(services: Services, tmp_path: Path) -> Path:
    """The office's own template with two new persons."""
    path = tmp_path / "nhap.xlsx"
    write_template(services, path)
    book = load_workbook(path)
    area = services.office.sub_areas()[0].name
    book["DoiTuong"].append(["A1", "Mùa A Chứ", "Nam", "1990", None, area])
    book["DoiTuong"].append(["A2", "Thào Thị Dung", "Nữ", "1995", None, area])
    book.save(path)
    return path


def import_dialog(qtbot: QtBot, services: Services, window: MainWindow, path: Path) -> ImportDialog:
    assert window.backups is not None
    dialog = ImportDialog(services, path, window, before_import=window.backups.before_import)
    qtbot.addWidget(dialog)
    plan = dialog.read()
    assert plan.problems == []
    assert sum(plan.added.values()) == 2
    return dialog


def test_an_import_is_backed_up_first(
    qtbot: QtBot, window: MainWindow, services: Services, database: Database, workbook: Path
) -> None:
    services.persons.add(PersonInput("Lầu Văn Sính", birth_year=1985))
    dialog = import_dialog(qtbot, services, window, workbook)

    assert dialog.run_import(ask=False) is not None

    assert services.persons.count() == 3
    assert backed_up_persons(database, BackupReason.BEFORE_IMPORT) == [1]
    close_and_wait(qtbot, window)


def test_an_import_whose_backup_fails_is_refused_and_writes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    database: Database,
    workbook: Path,
    *,
    tmp_path: Path,
) -> None:
    dialog = import_dialog(qtbot, services, window, workbook)
    unplug_backup_folder(database, tmp_path)

    assert dialog.run_import(ask=False) is None

    assert services.persons.count() == 0
    assert "Không tìm thấy thư mục sao lưu" in dialog.heading.text()
    assert "Chưa nhập gì vào cơ sở dữ liệu." in dialog.heading.text()
    assert dialog.summary is None


# --- merge -----------------------------------------------------------------------------------
def twins(services: Services) -> tuple[int, int]:
    area = services.office.sub_areas()[0].id
    first = services.persons.add(PersonInput("Vàng A Tủa", birth_year=1987, sub_area_id=area))
    second = services.persons.add(PersonInput("Vàng A Tủa", birth_year=1987, sub_area_id=area))
    return first.id, second.id


def duplicates_dialog(qtbot: QtBot, services: Services, window: MainWindow) -> DuplicatesDialog:
    """As the window wires it: the backup's progress over the dialog."""
    backups = window.backups
    assert backups is not None
    dialog = DuplicatesDialog(
        services, window.signals, window, before_merge=lambda: backups.before_merge(dialog)
    )
    qtbot.addWidget(dialog)
    return dialog


def test_a_merge_is_backed_up_first(
    qtbot: QtBot, window: MainWindow, services: Services, database: Database
) -> None:
    keep, remove = twins(services)
    dialog = duplicates_dialog(qtbot, services, window)

    assert dialog.merge(keep, remove, ask=False)

    assert services.persons.count() == 1
    assert backed_up_persons(database, BackupReason.BEFORE_MERGE) == [2]
    close_and_wait(qtbot, window)


def test_a_merge_whose_backup_fails_is_refused_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, services: Services, database: Database, tmp_path: Path
) -> None:
    keep, remove = twins(services)
    dialog = duplicates_dialog(qtbot, services, window)
    unplug_backup_folder(database, tmp_path)

    assert not dialog.merge(keep, remove, ask=False)

    assert services.persons.count() == 2
    assert "Không tìm thấy thư mục sao lưu" in dialog.status_label.text()
    assert "Chưa gộp hai đối tượng." in dialog.status_label.text()
    assert dialog.conflicts_label.isHidden()
    assert len(dialog.groups) == 1
