"""The main window on a real database: menus, shortcuts, status bar, office changes."""

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.services.office import OfficeInfo
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    services.persons.add(PersonInput("Hoàng Thị Mai", birth_year=1994))
    main = MainWindow(services, tmp_path / "pcmt.sqlite3")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def menu_texts(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_it_shows_the_office_and_only_working_tabs(window: MainWindow) -> None:
    assert window.windowTitle().endswith("Công an xã Thử Nghiệm")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Tổng quan",  # the start page, shown first
        "Đối tượng",
        "Đến hạn",
        "Test ma túy",
        "Hồ sơ CNBB",
        "Điểm, tụ điểm",
        "Phá nhổ cây",
        "Vụ việc",
        "Chỉ tiêu",
        "Báo cáo",
        "Nhật ký",  # the default actor may read the audit trail
    ]
    assert menu_texts(window) == ["&Tệp", "&Bản ghi", "&Đi tới", "Trợ &giúp"]
    status_texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "Đơn vị: Công an xã Thử Nghiệm" in status_texts
    assert "Người dùng: Quản trị viên" in status_texts


def test_every_menu_action_has_a_vietnamese_label_and_key_shortcuts_are_unique(
    window: MainWindow,
) -> None:
    shortcuts: list[str] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert action.text().strip()
            if not action.shortcut().isEmpty():
                shortcuts.append(action.shortcut().toString())
    assert "Ctrl+N" in shortcuts
    assert "Ctrl+F" in shortcuts
    assert "Ctrl+Q" in shortcuts
    assert len(shortcuts) == len(set(shortcuts))


def test_ctrl_digit_goes_to_a_tab_and_ctrl_f_searches_there(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(window.persons_tab.table, press)
    assert window.tabs.currentWidget() is window.drug_tests_tab
    window.current_tab().focus_search()
    focused = QApplication.focusWidget()
    assert focused is not None
    assert window.drug_tests_tab.isAncestorOf(focused)


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.persons_tab)
    window.activateWindow()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(window.persons_tab.table, press)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.persons_tab.search)


def test_a_change_of_office_renames_the_window_at_once(
    window: MainWindow, services: Services
) -> None:
    office = services.office.office()
    assert office is not None
    services.office.update_office(
        OfficeInfo(
            name="Công an phường Mới",
            level=office.level,
            parent_name=office.parent_name,
            sub_area_label=office.sub_area_label,
        )
    )
    assert window.windowTitle().endswith("Công an phường Mới")
