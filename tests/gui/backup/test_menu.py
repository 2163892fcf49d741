"""The backup actions in the window's Tệp menu."""

import pytest
from PySide6.QtWidgets import QMenu

from pcmt_desktop.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

BACKUP_ACTIONS = [
    "&Sao lưu ra tệp…",
    "&Kiểm tra tệp sao lưu…",
    "Khôi &phục từ tệp sao lưu…",
    "&Cài đặt sao lưu tự động…",
]


def file_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return menu


def test_the_file_menu_offers_the_backups_with_distinct_mnemonics(window: MainWindow) -> None:
    texts = [action.text() for action in file_menu(window).actions() if not action.isSeparator()]

    start = texts.index(BACKUP_ACTIONS[0])
    assert texts[start : start + len(BACKUP_ACTIONS)] == BACKUP_ACTIONS
    mnemonics = [text[text.index("&") + 1].lower() for text in texts]
    assert len(mnemonics) == len(set(mnemonics))


def test_a_window_without_its_database_holder_cannot_restore(window: MainWindow) -> None:
    actions = {action.text(): action for action in file_menu(window).actions()}

    assert not actions["Khôi &phục từ tệp sao lưu…"].isEnabled()
    assert actions["&Sao lưu ra tệp…"].isEnabled()
