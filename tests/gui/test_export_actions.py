"""Tệp → Xuất dữ liệu / Lưu tệp mẫu, driven without modal boxes on a real database."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.demo import generate_demo
from pcmt_desktop.gui.interchange.export_actions import (
    PROGRESS_STEPS,
    _ProgressFeed,
    default_export_name,
    export_with_dialog,
    save_template_with_dialog,
)
from pcmt_desktop.interchange.export import ExportCancelled, export_workbook
from pcmt_desktop.services.registry import Services
from tests.conftest import TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_export_writes_the_file_and_summarises(
    bare_services: Services, window: QWidget, tmp_path: Path
) -> None:
    generate_demo(bare_services, persons=30)
    path = tmp_path / default_export_name(TODAY)
    assert path.name == "PCMT-du-lieu-2026-11-23.xlsx"

    result = export_with_dialog(bare_services, window, path=path, ask=False)

    assert result.path == path
    assert result.summary is not None
    assert result.summary.rows["DoiTuong"] == 30
    assert result.message.startswith(f"Đã xuất dữ liệu ra tệp {path}.")
    assert "DoiTuong: 30 dòng" in result.message
    assert load_workbook(path)["DoiTuong"].max_row == 31


def test_an_export_that_cannot_be_written_says_so_and_leaves_nothing(
    services: Services, window: QWidget, tmp_path: Path
) -> None:
    path = tmp_path / "khong-co" / "du-lieu.xlsx"
    result = export_with_dialog(services, window, path=path, ask=False)
    assert result.path is None
    assert result.summary is None
    assert result.message.startswith("Không ghi được tệp")
    assert result.message.endswith("Không có tệp nào được ghi.")
    assert not path.parent.exists()


def test_the_progress_dialogs_cancel_stops_the_export_with_no_file(
    services: Services, window: QWidget, tmp_path: Path
) -> None:
    dialog = QProgressDialog("Đang xuất", "Hủy", 0, PROGRESS_STEPS, window)
    feed = _ProgressFeed(dialog)
    feed(0, 10)
    assert dialog.value() == 0
    dialog.cancel()
    folder = tmp_path / "ra"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        export_workbook(services, folder / "du-lieu.xlsx", feed)
    assert list(folder.iterdir()) == []
    dialog.deleteLater()


def test_the_progress_dialog_follows_the_rows(services: Services, window: QWidget) -> None:
    dialog = QProgressDialog("Đang xuất", "Hủy", 0, PROGRESS_STEPS, window)
    feed = _ProgressFeed(dialog)
    feed(250, 1000)
    assert dialog.value() == 250
    feed(1000, 1000)
    dialog.deleteLater()


def test_save_template(services: Services, window: QWidget, tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    result = save_template_with_dialog(services, window, path=path, ask=False)
    assert result.path == path
    assert "HuongDan" in result.message
    assert load_workbook(path).sheetnames[0] == "HuongDan"


def test_save_template_refusal(services: Services, window: QWidget, tmp_path: Path) -> None:
    result = save_template_with_dialog(
        services, window, path=tmp_path / "khong-co" / "mau.xlsx", ask=False
    )
    assert result.path is None
    assert result.message.startswith("Không ghi được tệp")
