"""Mẫu riêng của đơn vị: a copy to edit in Word, registering it (or its problems), removing it."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.reports.tab import ReportsTab
from pcmt_desktop.gui.reports.templates_dialog import OfficeTemplatesDialog
from pcmt_desktop.services.registry import Services

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def tab(qtbot: QtBot, services: Services) -> Iterator[ReportsTab]:
    signals = ChangeSignals(services.context.bus)
    widget = ReportsTab(services, signals, opener=lambda _url: True)
    qtbot.addWidget(widget)
    yield widget
    signals.detach()


@pytest.fixture
def dialog(qtbot: QtBot, tab: ReportsTab) -> OfficeTemplatesDialog:
    widget = OfficeTemplatesDialog(tab.service, tab)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(dialog: OfficeTemplatesDialog, path: Path, name: str, title: str, base: str) -> None:
    dialog.file_edit.setText(str(path))
    dialog.name_edit.setText(name)
    dialog.title_edit.setText(title)
    dialog.base_combo.setCurrentIndex(dialog.base_combo.findData(base))


def test_a_copy_is_saved_edited_and_registered(
    dialog: OfficeTemplatesDialog, tab: ReportsTab, tmp_path: Path
) -> None:
    assert dialog.empty_label.isVisibleTo(dialog)
    dialog.copy_combo.setCurrentIndex(dialog.copy_combo.findData("cao-diem"))
    copy = dialog.save_copy(path=tmp_path / "Mau_cao-diem.docx", ask=False)
    assert copy == tmp_path / "Mau_cao-diem.docx"
    assert dialog.last_message.startswith(f"Đã lưu bản sao mẫu vào {copy}.")
    # The copy is offered for registering, with the template it came from.
    assert dialog.file_edit.text() == str(copy)
    assert dialog.base_combo.currentData() == "cao-diem"
    document = Document(str(copy))
    document.add_paragraph("Đơn vị bổ sung một câu của riêng mình.")
    document.save(str(copy))

    dialog.name_edit.setText("cao-diem-xa")
    dialog.title_edit.setText("Báo cáo cao điểm (mẫu của xã)")
    assert dialog.register()

    assert dialog.last_message == "Đã đăng ký mẫu “Báo cáo cao điểm (mẫu của xã)” (cao-diem-xa)."
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in range(3)] == [  # type: ignore[union-attr]
        "cao-diem-xa",
        "Báo cáo cao điểm (mẫu của xã)",
        "Báo cáo giai đoạn cao điểm",
    ]
    # The wizard offers it after the built-in ones, with the base's narrative fields.
    combo = tab.template_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[-1] == "Báo cáo cao điểm (mẫu của xã) (mẫu riêng của đơn vị)"
    assert tab.choose_template("cao-diem-xa", ask=False)
    assert tab.narrative.has("ten_dot")

    dialog.table.selectRow(0)
    assert dialog.remove_selected(ask=False)
    assert dialog.table.rowCount() == 0
    assert combo.count() == 2
    assert tab.template_name() == "so-ket"  # the removed one is no longer chosen


def test_a_broken_template_is_refused_with_its_problems(
    dialog: OfficeTemplatesDialog, tab: ReportsTab, tmp_path: Path
) -> None:
    broken = tmp_path / "mau-loi.docx"
    document = Document()
    document.add_paragraph("Số người sử dụng: {{ lists.su_dung. }}")
    document.save(str(broken))
    fill(dialog, broken, "mau-loi", "Mẫu bị lỗi", "so-ket")

    assert not dialog.register()

    problem = dialog.problems("file")
    assert problem.startswith("Lỗi cú pháp trong phần nội dung, ở đoạn “Số người sử dụng:")
    assert dialog.table.rowCount() == 0
    assert tab.template_combo.count() == 2

    unknown = tmp_path / "mau-ten-la.docx"
    document = Document()
    document.add_paragraph("Tổng số: {{ so_lieu_khong_co }}")
    document.save(str(unknown))
    fill(dialog, unknown, "SAI TÊN", "", "so-ket")
    assert not dialog.register()
    assert "Tên mẫu chỉ gồm chữ thường không dấu" in dialog.problems("name")
    assert dialog.problems("title") == "Chưa nhập tên hiển thị của mẫu."
    fill(dialog, unknown, "mau-ten-la", "Mẫu có tên lạ", "so-ket")
    assert not dialog.register()
    assert dialog.problems("name") == ""
    assert dialog.problems("file") == (
        "Mẫu dùng tên “so_lieu_khong_co”, không có trong số liệu của báo cáo."
    )
