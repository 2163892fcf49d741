"""Opening the level above's window: from a menu item, or ``pcmt upper --store … window``."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from pcmt_desktop.cli.main import build_parser, main
from pcmt_desktop.gui.upper.phases import NO_PHASES_TEXT
from pcmt_desktop.gui.upper.start import open_upper_window
from pcmt_desktop.gui.upper.store_dialog import StoreDialog
from pcmt_desktop.upper.location import StoreLocation

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_the_window_opens_a_store_and_names_it(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "tong-hop"

    window = open_upper_window(None, location=StoreLocation(folder=folder))

    assert window is not None
    qtbot.addWidget(window)
    assert window.windowTitle() == f"PCMT — Tổng hợp cấp trên ({folder.resolve()})"
    assert (folder / "catalog.sqlite3").is_file()
    assert window.statusBar().currentMessage().startswith("Kho tổng hợp chưa có dữ liệu")
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Tệp", "Số &liệu", "Xe&m"]  # Alt+X, Alt+S: the page's buttons
    assert window.combined_page.period.phase_combo.itemText(0) == NO_PHASES_TEXT
    assert window.close()


def test_the_command_has_a_window_action() -> None:
    arguments = build_parser().parse_args(["upper", "--store", "kho", "window"])

    assert arguments.upper_action == "window"


def test_a_store_that_is_no_store_is_refused_before_any_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["upper", "--store", "mysql://may-chu/kho", "window"])

    assert code == 2
    assert "Kho tổng hợp chỉ dùng được một thư mục hoặc PostgreSQL" in capsys.readouterr().err


def chosen(dialog: StoreDialog) -> StoreLocation | None:
    return dialog.location


def test_the_store_dialog_takes_a_folder_or_a_postgresql_url_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = StoreDialog(StoreLocation(folder=tmp_path))
    qtbot.addWidget(dialog)

    dialog.edit.setText("mysql://may-chu/kho")
    dialog.choose()

    assert chosen(dialog) is None
    assert "PostgreSQL" in dialog.problem_label.text()
    dialog.edit.setText("postgresql://pc04@may-chu/tong_hop")
    dialog.choose()
    location = chosen(dialog)
    assert location is not None
    assert location.is_postgres
    assert dialog.result() == QDialog.DialogCode.Accepted
