"""The persons tab driven like an officer would: typing, filters, header clicks, deleting."""

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.text import fold
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.persons.tab import SEARCH_PLACEHOLDER, PersonsTab
from pcmt_desktop.gui.registries.persons.table_model import Column
from pcmt_desktop.services.office import SubAreaInput
from pcmt_desktop.services.registry import Services
from tests.gui.test_persons_table_model import Registry, make_registry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

TODAY = date(2026, 11, 23)


@pytest.fixture
def registry(services: Services) -> Registry:
    return make_registry(services)


@pytest.fixture
def tab(qtbot: QtBot, services: Services, registry: Registry) -> Iterator[PersonsTab]:
    signals = ChangeSignals(services.context.bus)
    widget = PersonsTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    yield widget
    signals.detach()


def names(tab: PersonsTab) -> list[str]:
    model = tab.model
    return [model.index(row, Column.NAME).data() for row in range(model.rowCount())]


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard with a Vietnamese input method: one key event per character."""
    for character in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


def handle_next_modal(handler: Callable[[QWidget], None]) -> list[str]:
    """Run ``handler`` on the next modal window (a message box) once it is shown."""
    seen: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, look)
            return
        seen.append(modal.text() if isinstance(modal, QMessageBox) else type(modal).__name__)
        handler(modal)

    QTimer.singleShot(0, look)
    return seen


def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def handler(modal: QWidget) -> None:
        assert isinstance(modal, QMessageBox)
        modal.button(button).click()

    return handler


def close(modal: QWidget) -> None:
    modal.close()


def select_name(tab: PersonsTab, name: str) -> int:
    row = names(tab).index(name)
    tab.table.selectRow(row)
    person_id = tab.selected_person_id()
    assert person_id is not None
    return person_id


# --- the top row -------------------------------------------------------------------------------
def test_opens_with_everyone_and_the_filters_at_their_defaults(tab: PersonsTab) -> None:
    assert tab.count_label.text() == "36 đối tượng"
    assert tab.search.placeholderText() == SEARCH_PLACEHOLDER
    assert tab.search.isClearButtonEnabled()
    lists = [tab.list_combo.itemText(index) for index in range(tab.list_combo.count())]
    assert lists == [
        "Tất cả",
        "Đang trong diện quản lý",
        "Không thuộc diện nào",
        *(item.short_label for item in ManagementList),
    ]
    areas = [tab.sub_area_combo.itemText(index) for index in range(tab.sub_area_combo.count())]
    assert areas == ["Tất cả địa bàn", "Thôn Đông", "Thôn Đoài", "Tổ dân phố Bắc", "Xóm Nam"]
    assert tab.sub_area_caption.text() == "Thôn, tổ dân phố:"
    assert tab.model.headerData(Column.SUB_AREA, Qt.Orientation.Horizontal) == ("Thôn, tổ dân phố")
    assert tab.as_of_edit.date() == QDate(2026, 11, 23)
    assert tab.as_of_edit.maximumDate() == QDate(2026, 11, 23)
    assert tab.as_of_edit.displayFormat() == "dd/MM/yyyy"
    assert tab.as_of_edit.calendarPopup()
    assert tab.add_button.isEnabled()
    assert not any(b.isEnabled() for b in (tab.edit_button, tab.open_button, tab.delete_button))
    assert not tab.table.verticalHeader().isVisible()
    assert tab.table.alternatingRowColors()


def test_typing_filters_after_a_pause(qtbot: QtBot, tab: PersonsTab) -> None:
    tab.search.setFocus()
    QTest.keyClicks(tab.search, "tran v")
    # Not once per key: the query waits for the pause in typing.
    assert tab.model.total() == 36
    qtbot.waitUntil(lambda: tab.model.total() == 6)
    assert all(name.startswith("Trần Văn") for name in names(tab))
    assert tab.count_label.text() == "6 đối tượng"


def test_vietnamese_typing_finds_names_with_or_without_accents(
    qtbot: QtBot, tab: PersonsTab
) -> None:
    type_text(tab.search, "Trần Văn Kh")
    assert tab.search.text() == "Trần Văn Kh"
    qtbot.waitUntil(lambda: tab.model.total() == 1)
    assert names(tab) == ["Trần Văn Khoa"]
    tab.search.clear()
    type_text(tab.search, "dang")
    qtbot.waitUntil(lambda: tab.model.total() == 6)
    assert {fold(name).split()[0] for name in names(tab)} == {"dang"}


def test_nothing_found_says_so(qtbot: QtBot, tab: PersonsTab) -> None:
    tab.search.setText("không có ai tên này")
    qtbot.waitUntil(lambda: tab.model.total() == 0)
    assert tab.count_label.text() == "0 đối tượng"
    assert tab.empty_label.isVisible()
    assert "Không có đối tượng nào khớp" in tab.empty_label.text()
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.total() == 36)
    assert not tab.empty_label.isVisible()


def test_list_filter_follows_the_date(qtbot: QtBot, tab: PersonsTab, registry: Registry) -> None:
    tab.list_combo.setCurrentIndex(tab.list_combo.findData(ManagementList.ADDICT.value))
    # A combo applies at once; today only the four who were moved are addicts.
    assert tab.model.current_filter.list_key == ManagementList.ADDICT.value
    assert sorted(ids_shown(tab)) == sorted(registry.users_then_addicts)

    tab.as_of_edit.setDate(QDate(2026, 7, 1))
    qtbot.waitUntil(lambda: tab.model.total() == 11)
    assert sorted(ids_shown(tab)) == sorted(registry.users_then_addicts + registry.former_addicts)
    assert tab.model.current_filter.as_of == date(2026, 7, 1)

    tab.list_combo.setCurrentIndex(tab.list_combo.findText("Đang trong diện quản lý"))
    assert tab.model.total() == 4 + 4 + 7
    tab.list_combo.setCurrentIndex(tab.list_combo.findText("Không thuộc diện nào"))
    assert tab.model.total() == 36 - 15
    tab.as_of_edit.setDate(QDate(2026, 1, 9))
    qtbot.waitUntil(lambda: tab.model.total() == 36)


def ids_shown(tab: PersonsTab) -> list[int]:
    return [tab.model.person_id_at(row) or 0 for row in range(tab.model.total())]


def test_sub_area_filter(tab: PersonsTab, services: Services) -> None:
    tab.sub_area_combo.setCurrentIndex(tab.sub_area_combo.findText("Xóm Nam"))
    assert tab.model.total() == 9
    column = {tab.model.index(r, Column.SUB_AREA).data() for r in range(tab.model.total())}
    assert column == {"Xóm Nam"}
    tab.sub_area_combo.setCurrentIndex(0)
    assert tab.model.total() == 36


# --- sorting -----------------------------------------------------------------------------------
def click_header(qtbot: QtBot, tab: PersonsTab, column: Column) -> None:
    header = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, 5)
    )


def test_header_click_sorts_in_sql_and_keeps_the_selection(qtbot: QtBot, tab: PersonsTab) -> None:
    chosen = select_name(tab, "Phạm Văn Nhân")
    click_header(qtbot, tab, Column.BIRTH_YEAR)
    years = [tab.model.index(r, Column.BIRTH_YEAR).data() for r in range(tab.model.total())]
    assert years[:3] == ["1970", "1971", "1972"]
    assert years[-1] == ""  # unknown last
    assert tab.model.current_filter.sort.value == "birth_year"
    assert tab.selected_person_id() == chosen

    click_header(qtbot, tab, Column.BIRTH_YEAR)
    years = [tab.model.index(r, Column.BIRTH_YEAR).data() for r in range(tab.model.total())]
    assert years[:2] == ["2004", "2003"]
    assert tab.model.sort_order() == Qt.SortOrder.DescendingOrder
    assert tab.selected_person_id() == chosen


def test_header_click_on_a_column_without_sort_keeps_order_and_indicator(
    qtbot: QtBot, tab: PersonsTab
) -> None:
    before = names(tab)
    with qtbot.waitSignal(tab.status_message) as said:
        click_header(qtbot, tab, Column.GENDER)
    assert said.args == ["Cột này không sắp xếp được."]
    assert names(tab) == before
    assert tab.table.horizontalHeader().sortIndicatorSection() == Column.NAME


# --- selection and refresh ---------------------------------------------------------------------
def test_buttons_follow_the_selection(tab: PersonsTab) -> None:
    select_name(tab, "Lê Thị Nhân")
    assert all(b.isEnabled() for b in (tab.edit_button, tab.open_button, tab.delete_button))
    tab.table.clearSelection()
    assert not tab.delete_button.isEnabled()


def test_a_write_elsewhere_refreshes_and_keeps_the_person_selected(
    tab: PersonsTab, services: Services
) -> None:
    chosen = select_name(tab, "Bùi Thị Nhân")
    record = services.persons.get(chosen)
    # Renamed so that the person moves to the first row.
    services.persons.edit(chosen, replace(record.as_input(), full_name="An Thị Nhân"))
    assert names(tab)[0] == "An Thị Nhân"
    assert tab.selected_person_id() == chosen
    # Another person's history changes: the table shows it, the selection stays.
    other = services.persons.find("Trần Văn Khoa")[0].id
    services.histories.move(other, ManagementList.POST_REHAB, TODAY)
    row = tab.model.row_of(other)
    assert row is not None
    assert tab.model.index(row, Column.LIST).data() == "Sau cai"
    assert tab.selected_person_id() == chosen


def test_select_person_clears_the_filters_that_hide_them(
    qtbot: QtBot, tab: PersonsTab, services: Services
) -> None:
    tab.search.setText("dang")
    tab.list_combo.setCurrentIndex(tab.list_combo.findText("Không thuộc diện nào"))
    target = services.persons.find("Trần Văn Khoa")[0].id
    assert tab.model.row_of(target) is None
    assert tab.select_person(target)
    assert tab.search.text() == ""
    assert tab.list_combo.currentIndex() == 0
    assert tab.model.total() == 36
    assert tab.selected_person_id() == target
    with qtbot.waitSignal(tab.status_message) as said:
        assert not tab.select_person(999_999)
    assert said.args == ["Không tìm thấy đối tượng mã 999999."]


def test_sub_areas_and_their_label_follow_the_office(tab: PersonsTab, services: Services) -> None:
    services.office.add_sub_area(SubAreaInput("Thôn Mới Lập", 500))
    assert tab.sub_area_combo.findText("Thôn Mới Lập") > 0
    office = services.office.office()
    assert office is not None
    services.office.update_office(replace(office, sub_area_label="xã, phường"))
    assert tab.sub_area_caption.text() == "Xã, phường:"
    assert tab.model.headerData(Column.SUB_AREA, Qt.Orientation.Horizontal) == "Xã, phường"


# --- deleting ----------------------------------------------------------------------------------
def test_delete_a_person_entered_by_mistake(qtbot: QtBot, tab: PersonsTab) -> None:
    row = names(tab).index("Lê Thị Hòa")
    chosen = select_name(tab, "Lê Thị Hòa")
    with qtbot.waitSignal(tab.status_message) as said:
        tab.delete_selected(ask=False)
    assert said.args == ["Đã xóa đối tượng Lê Thị Hòa."]
    assert tab.model.row_of(chosen) is None
    assert tab.count_label.text() == "35 đối tượng"
    assert "Lê Thị Hòa" not in names(tab)
    # The row that took its place is selected, ready for the next action.
    assert tab.selected_person_id() == tab.model.person_id_at(row)


def test_the_menu_action_asks_before_deleting(qtbot: QtBot, tab: PersonsTab) -> None:
    # The main window connects QAction.triggered(checked) straight to delete_selected.
    action = QAction("Xóa", tab)
    action.triggered.connect(tab.delete_selected)
    chosen = select_name(tab, "Lê Thị Hòa")
    asked = handle_next_modal(press(QMessageBox.StandardButton.No))
    action.trigger()
    assert asked and "Lê Thị Hòa" in asked[0]
    assert tab.model.row_of(chosen) is not None

    asked = handle_next_modal(press(QMessageBox.StandardButton.Yes))
    action.trigger()
    assert asked
    assert tab.model.row_of(chosen) is None


def test_deleting_a_person_with_history_is_refused_with_a_message(
    tab: PersonsTab, registry: Registry
) -> None:
    chosen = registry.users[0]
    assert tab.select_person(chosen)
    shown = handle_next_modal(press(QMessageBox.StandardButton.Ok))
    tab.delete_selected(ask=False)
    assert shown and "còn 1 dòng lịch sử" in shown[0]
    assert tab.model.row_of(chosen) is not None
    assert tab.count_label.text() == "36 đối tượng"
    assert tab.selected_person_id() == chosen


def test_delete_key_asks_too(qtbot: QtBot, tab: PersonsTab) -> None:
    chosen = select_name(tab, "Phạm Văn Sơn")
    tab.table.setFocus()
    asked = handle_next_modal(press(QMessageBox.StandardButton.No))
    QTest.keyClick(tab.table, Qt.Key.Key_Delete)
    assert asked and "Phạm Văn Sơn" in asked[0]
    assert tab.model.row_of(chosen) is not None


# --- opening the form and the record -----------------------------------------------------------
def test_enter_opens_the_record_of_the_selected_person(qtbot: QtBot, tab: PersonsTab) -> None:
    select_name(tab, "Trần Văn Khoa")
    tab.table.setFocus()
    opened = handle_next_modal(close)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened == ["PersonHistoryDialog"]


def test_double_click_opens_the_record(qtbot: QtBot, tab: PersonsTab) -> None:
    row = names(tab).index("Trần Văn Khoa")
    rect = tab.table.visualRect(tab.model.index(row, Column.NAME))
    opened = handle_next_modal(close)
    # The view opens only an item the same press began on, as a real double click does.
    QTest.mouseClick(
        tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    QTest.mouseDClick(
        tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    assert opened == ["PersonHistoryDialog"]
    assert tab.selected_person_id() == tab.model.person_id_at(row)


def test_add_opens_the_person_form(tab: PersonsTab) -> None:
    opened = handle_next_modal(close)
    tab.add_person()
    assert opened == ["PersonFormDialog"]
    assert tab.model.total() == 36
