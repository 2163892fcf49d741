"""The person's record view and its entry dialogs, driven offscreen on the real services."""

from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import MOVE_END_REASON, MOVE_START_REASON, ManagementList
from pcmt_desktop.gui.registries.persons.form import PersonFormDialog
from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog
from pcmt_desktop.gui.registries.persons.history_entry_dialog import (
    EntryMode,
    HistoryEntryDialog,
    MoveListDialog,
    widget_value,
)
from pcmt_desktop.gui.widgets.date_field import OptionalDateEdit
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput, PersonRecord
from pcmt_desktop.services.registry import Services

# Showing a window on the offscreen platform logs this harmless warning.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

DialogT = TypeVar("DialogT", bound=QDialog)


def click(button: QAbstractButton | None) -> None:
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would; qtbot.keyClicks cannot send Vietnamese letters."""
    for char in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)


def open_child(parent: QWidget, kind: type[DialogT]) -> DialogT:
    """The one dialog of ``kind`` the record view has open now."""
    found = [child for child in parent.findChildren(kind) if child.isVisible()]
    assert len(found) == 1, found
    return found[0]


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def move_button(record: PersonHistoryDialog) -> QPushButton:
    button = record.section(HistoryKind.LIST).move_button
    assert button is not None
    return button


def answer_next_question(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` in the question box about to open (it runs its own event loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    QTimer.singleShot(0, click)


@pytest.fixture
def person(services: Services) -> PersonRecord:
    area = services.office.sub_areas()[0]
    return services.persons.add(
        PersonInput("Hoàng Văn Lợi", birth_year=1989, sub_area_id=area.id, village="Xóm Chùa")
    )


@pytest.fixture
def record(qtbot: QtBot, services: Services, person: PersonRecord) -> PersonHistoryDialog:
    dialog = PersonHistoryDialog(services, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def put_on_list(services: Services, person: PersonRecord, key: str, start: date) -> None:
    services.histories.add(
        HistoryKind.LIST,
        person.id,
        HistoryInput(start, None, {"list_key": key, "start_reason": "Rà soát phát hiện mới"}),
    )


def test_shows_identity_and_every_kind(
    services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    assert record.windowTitle() == "Hồ sơ đối tượng — Hoàng Văn Lợi"
    assert record.name_label.text() == "Hoàng Văn Lợi"
    assert record.identity_values["birth"].text() == "1989"
    assert record.identity_values["sub_area"].text() == "Thôn Đông"
    assert record.identity_values["village"].text() == "Xóm Chùa"
    assert record.identity_values["cccd"].text() == "—"
    assert "không ở diện quản lý nào" in record.current_list_label.text()
    assert set(record.sections) == set(HistoryKind)
    assert record.navigation.count() == len(HistoryKind) + 2  # + related records, audit
    assert record.size().width() >= 1000


def test_put_on_a_list(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    section = record.section(HistoryKind.LIST)
    assert not move_button(record).isEnabled()
    assert not section.end_button.isEnabled()

    click(section.add_button)
    entry_dialog = open_child(record, HistoryEntryDialog)
    assert entry_dialog.mode is EntryMode.ADD
    assert entry_dialog.start_edit is not None
    entry_dialog.start_edit.set_day(date(2024, 3, 1))
    entry_dialog.set_value("list_key", ManagementList.USER.value)
    reason_edit = entry_dialog.value_widgets["start_reason"]
    type_text(reason_edit, "Test dương tính")
    assert not entry_dialog.value_widgets["end_reason"].isEnabled()
    click(entry_dialog.ok_button)

    entries = services.histories.entries(person.id, HistoryKind.LIST)
    assert [(e.start, e.end, e.values["list_key"]) for e in entries] == [
        (date(2024, 3, 1), None, "su_dung")
    ]
    assert entries[0].values["start_reason"] == "Test dương tính"
    expected = "Người sử dụng trái phép chất ma túy, từ 01/03/2024"
    assert expected in section.current_label.text()
    assert expected in record.current_list_label.text()
    assert section.table.rowCount() == 1
    assert cell(section.table, 0, 1) == "đang tiếp diễn"
    assert cell(section.table, 0, 2) == "Sử dụng"
    assert move_button(record).isEnabled()
    assert section.end_button.isEnabled()


def test_move_to_another_list(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "nghi_su_dung", date(2024, 3, 1))
    record.refresh()
    section = record.section(HistoryKind.LIST)

    click(move_button(record))
    move = open_child(record, MoveListDialog)
    # The current list is not offered, the reasons come filled in.
    offered = [move.list_combo.itemText(i) for i in range(move.list_combo.count())]
    assert ManagementList.SUSPECTED_USER.label not in offered
    assert widget_value(move.end_reason) == MOVE_END_REASON
    assert widget_value(move.start_reason) == MOVE_START_REASON
    move.choose_list(ManagementList.USER)
    move.day_edit.set_day(date(2025, 1, 10))
    click(move.ok_button)

    entries = services.histories.entries(person.id, HistoryKind.LIST)
    assert [(e.values["list_key"], e.start, e.end) for e in entries] == [
        ("nghi_su_dung", date(2024, 3, 1), date(2025, 1, 10)),
        ("su_dung", date(2025, 1, 10), None),
    ]
    assert entries[0].values["end_reason"] == MOVE_END_REASON
    assert entries[1].values["start_reason"] == MOVE_START_REASON
    assert section.table.rowCount() == 2
    assert "Người sử dụng trái phép chất ma túy, từ 10/01/2025" in section.current_label.text()


def test_move_without_choosing_a_list_is_refused(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "nghi_su_dung", date(2024, 3, 1))
    record.refresh()

    move_button(record).click()
    move = open_child(record, MoveListDialog)
    move.ok_button.click()

    assert move.form.error("list_key") == "Chưa chọn diện mới."
    assert move.isVisible()
    assert len(services.histories.entries(person.id, HistoryKind.LIST)) == 1


def test_overlapping_stay_is_refused_beside_the_date_and_nothing_saved(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "su_dung", date(2024, 3, 1))
    record.refresh()

    record.section(HistoryKind.LIST).add_button.click()
    entry_dialog = open_child(record, HistoryEntryDialog)
    assert entry_dialog.start_edit is not None
    entry_dialog.start_edit.set_day(date(2025, 6, 1))
    entry_dialog.set_value("list_key", "nghien")
    entry_dialog.set_value("start_reason", "Xác định tình trạng nghiện")
    entry_dialog.ok_button.click()

    message = entry_dialog.form.error("start_date")
    assert "Trùng thời gian với mục đã có" in message
    assert "từ 01/03/2024" in message
    assert entry_dialog.isVisible()
    assert entry_dialog.saved_entry is None
    entries = services.histories.entries(person.id, HistoryKind.LIST)
    assert [(e.values["list_key"], e.end) for e in entries] == [("su_dung", None)]


def test_end_a_stay_with_a_reason(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "su_dung", date(2024, 3, 1))
    record.refresh()
    section = record.section(HistoryKind.LIST)

    click(section.end_button)
    ending = open_child(record, HistoryEntryDialog)
    assert ending.mode is EntryMode.END
    assert ending.ok_button.text() == "Thanh loại"
    assert isinstance(ending.end_edit.day(), date)
    ending.end_edit.set_day(date(2025, 3, 1))
    ending.ok_button.click()
    # No reason yet: refused beside the reason, nothing saved.
    assert ending.form.error("end_reason") == "Chưa nhập lý do thanh loại."
    assert services.histories.entries(person.id, HistoryKind.LIST)[0].end is None

    type_text(ending.value_widgets["end_reason"], "Đi khỏi địa phương")
    ending.ok_button.click()

    [entry] = services.histories.entries(person.id, HistoryKind.LIST)
    assert (entry.end, entry.values["end_reason"]) == (date(2025, 3, 1), "Đi khỏi địa phương")
    assert "không ở diện quản lý nào" in section.current_label.text()
    assert not section.end_button.isEnabled()
    assert cell(section.table, 0, 1) == "01/03/2025"


def test_correcting_an_end_before_its_start_is_refused(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "su_dung", date(2024, 3, 1))
    record.refresh()
    section = record.section(HistoryKind.LIST)
    section.table.selectRow(0)

    click(section.correct_button)
    correcting = open_child(record, HistoryEntryDialog)
    assert correcting.mode is EntryMode.CORRECT
    assert correcting.value("list_key") == "su_dung"
    assert correcting.value("start_reason") == "Rà soát phát hiện mới"
    end_edit = correcting.end_edit
    assert isinstance(end_edit, OptionalDateEdit)
    assert end_edit.day() is None  # the stay is running
    end_edit.open_box.setChecked(False)
    end_edit.date_edit.set_day(date(2023, 1, 1))
    correcting.set_value("end_reason", "Nhập sai")
    correcting.ok_button.click()

    assert "ở trước ngày bắt đầu (01/03/2024)" in correcting.form.error("end_date")
    assert services.histories.entries(person.id, HistoryKind.LIST)[0].end is None

    end_edit.open_box.setChecked(True)
    assert correcting.start_edit is not None
    correcting.start_edit.set_day(date(2024, 2, 15))
    correcting.set_value("list_key", "nghi_su_dung")
    correcting.ok_button.click()

    [entry] = services.histories.entries(person.id, HistoryKind.LIST)
    assert (entry.start, entry.end, entry.values["list_key"]) == (
        date(2024, 2, 15),
        None,
        "nghi_su_dung",
    )
    assert entry.values["end_reason"] == ""  # a running stay keeps no end reason


def test_delete_a_mistaken_entry_after_confirming(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "su_dung", date(2024, 3, 1))
    record.refresh()
    section = record.section(HistoryKind.LIST)
    assert not section.delete_button.isEnabled()
    section.table.selectRow(0)
    assert section.delete_button.isEnabled()

    answer_next_question(QMessageBox.StandardButton.No)
    section.delete_button.click()
    assert len(services.histories.entries(person.id, HistoryKind.LIST)) == 1

    section.table.selectRow(0)
    answer_next_question(QMessageBox.StandardButton.Yes)
    section.delete_button.click()

    assert services.histories.entries(person.id, HistoryKind.LIST) == []
    assert section.table.rowCount() == 0
    assert "không ở diện quản lý nào" in record.current_list_label.text()


def test_other_kinds_add_and_end(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    record.show_section(HistoryKind.SURVEILLANCE)
    section = record.section(HistoryKind.SURVEILLANCE)
    assert section.add_button.text() == "Thêm…"
    assert section.move_button is None

    section.add_button.click()
    adding = open_child(record, HistoryEntryDialog)
    assert adding.start_edit is not None
    adding.start_edit.set_day(date(2024, 5, 2))
    adding.ok_button.click()
    # The category and class are required choices.
    assert adding.form.error("category") == "Chưa nhập danh mục."
    assert services.histories.entries(person.id, HistoryKind.SURVEILLANCE) == []
    adding.set_value("category", "DM2")
    adding.set_value("surveillance_class", "B")
    adding.ok_button.click()

    assert "DM2, từ 02/05/2024" in section.current_label.text()
    assert cell(section.table, 0, 3) == "Loại B"

    section.end_button.click()
    ending = open_child(record, HistoryEntryDialog)
    assert ending.ok_button.text() == "Kết thúc"
    ending.end_edit.set_day(date(2025, 5, 2))
    ending.ok_button.click()

    [entry] = services.histories.entries(person.id, HistoryKind.SURVEILLANCE)
    assert (entry.start, entry.end) == (date(2024, 5, 2), date(2025, 5, 2))
    assert "không có mục đang tiếp diễn" in section.current_label.text()


def test_edit_identity_from_the_record(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    click(record.edit_button)
    form = open_child(record, PersonFormDialog)
    form.occupation.clear()
    type_text(form.occupation, "Lái xe ôm")
    form.save_button.click()

    assert services.persons.get(person.id).occupation == "Lái xe ôm"
    assert record.identity_values["occupation"].text() == "Lái xe ôm"


def test_audit_section_lists_the_actions_newest_first(
    qtbot: QtBot, services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "nghi_su_dung", date(2024, 3, 1))
    record.refresh()
    section = record.section(HistoryKind.LIST)
    move_button(record).click()
    move = open_child(record, MoveListDialog)
    move.choose_list(ManagementList.USER)
    move.day_edit.set_day(date(2025, 1, 10))
    move.ok_button.click()
    section.end_button.click()
    ending = open_child(record, HistoryEntryDialog)
    ending.set_value("end_reason", "Hết thời gian quản lý")
    ending.ok_button.click()

    record.show_audit()
    table = record.audit_table
    actions = [cell(table, row, 2) for row in range(table.rowCount())]
    assert actions == ["Kết thúc", "Chuyển diện", "Thêm", "Thêm"]
    summaries = [cell(table, row, 3) for row in range(table.rowCount())]
    assert "chuyển từ diện Nghi sử dụng sang diện Sử dụng ngày 10/01/2025" in summaries[1]
    assert summaries[3] == "Thêm đối tượng Hoàng Văn Lợi"
    assert cell(table, 0, 0) == "23/11/2026 09:30"

    table.selectRow(0)
    details = record.audit_details.toPlainText()
    assert "Thanh loại ngày: — → 23/11/2026" in details
    assert "Lý do thanh loại: — → Hết thời gian quản lý" in details
    table.selectRow(1)
    details = record.audit_details.toPlainText()
    assert "Diện cũ:" in details
    assert "Diện mới:" in details
    assert "Diện: Sử dụng" in details
    table.selectRow(3)
    assert "Thôn, xóm: Xóm Chùa" in record.audit_details.toPlainText()
    assert "Địa bàn: Thôn Đông" in record.audit_details.toPlainText()


def test_record_refreshes_after_a_change_elsewhere_when_asked(
    services: Services, person: PersonRecord, record: PersonHistoryDialog
) -> None:
    put_on_list(services, person, "nghien", date(2025, 8, 1))

    record.refresh()

    assert "Người nghiện ma túy, từ 01/08/2025" in record.current_list_label.text()
    item_text = record.navigation.item(0).text()
    assert item_text.startswith("Diện quản lý\nĐang: Người nghiện ma túy")


def test_the_record_lists_the_persons_tests_and_dossiers_newest_first(
    qtbot: QtBot, services: Services, person: PersonRecord
) -> None:
    services.drug_tests.add(
        DrugTestInput(
            person_id=person.id,
            test_date=date(2026, 3, 2),
            substances=frozenset({Substance.METHAMPHETAMINE}),
        )
    )
    services.dossiers.open_dossier(person.id, date(2026, 4, 1), date(2026, 4, 3))

    dialog = PersonHistoryDialog(services, person.id)
    qtbot.addWidget(dialog)

    rows = [
        [dialog.related_table.item(row, column).text() for column in range(3)]  # type: ignore[union-attr]
        for row in range(dialog.related_table.rowCount())
    ]
    assert rows == [
        ["03/04/2026", "Hồ sơ CNBB", "Phát hiện 01/04/2026 — Đang lập hồ sơ"],
        ["02/03/2026", "Test ma túy", "Dương tính (Test nhanh nước tiểu)"],
    ]
    assert dialog.navigation.item(dialog.navigation.count() - 2).text().endswith("2 bản ghi")
