"""The "Tổng quan" tab in the real window: it fills itself, and every item opens its record."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.gui.overview.tab import OverviewTab
from pcmt_desktop.gui.overview.work_tree import ITEM_ROLE
from pcmt_desktop.overview.work import WorkItem
from pcmt_desktop.services.registry import Services
from tests.overview.builders import hotspot, person, stay

pytestmark = pytest.mark.gui

# conftest's today is 23/11/2026: a user's 12 months from 01/10/2025 ended on 01/10/2026.
OVERDUE_START = date(2025, 10, 1)
SOON_START = date(2025, 12, 10)  # ends 10/12/2026, within the next 30 days
LOADED_MS = 20_000


@pytest.fixture
def window(qtbot: QtBot, services: Services, tmp_path: Path) -> MainWindow:
    overdue = person(services, "Lò Văn Quá")
    stay(services, overdue, ManagementList.USER, OVERDUE_START)
    soon = person(services, "Cà Thị Sắp", cccd=None)  # on a list without a CCCD
    stay(services, soon, ManagementList.USER, SOON_START)
    hotspot(services, "Quán nước đầu cầu", date(2026, 6, 1))  # 3 months' fight: over
    main = MainWindow(services, tmp_path / "pcmt.sqlite3")
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.overview_tab.loaded, timeout=LOADED_MS):
        main.show()
    return main


def branch(tab: OverviewTab, title_start: str) -> QTreeWidgetItem:
    tree = tab.work
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        if item is not None and item.text(0).startswith(title_start):
            return item
    raise AssertionError(f"no branch {title_start!r}")


def child(item: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
    found = item.child(index)
    assert found is not None
    return found


def leaves(item: QTreeWidgetItem) -> list[WorkItem]:
    found = []
    for index in range(item.childCount()):
        value = child(item, index).data(0, ITEM_ROLE)
        if isinstance(value, WorkItem):
            found.append(value)
    return found


def close_next_modal() -> list[str]:
    """Close the next modal window once shown; returns its class name when it was."""
    seen: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, look)
            return
        seen.append(type(modal).__name__)
        modal.close()

    QTimer.singleShot(0, look)
    return seen


def press_enter(widget: QWidget) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_the_window_opens_on_the_overview_which_fills_itself(window: MainWindow) -> None:
    tab = window.overview_tab
    assert window.tabs.currentWidget() is tab
    assert window.tabs.tabText(0) == "Tổng quan"
    assert tab.heading.text() == "Công an xã Thử Nghiệm — Thứ Hai, ngày 23 tháng 11 năm 2026"
    overdue = branch(tab, "Quá thời hạn quản lý")
    assert overdue.text(0).endswith("— 01")
    assert [item.title for item in leaves(overdue)] == ["Lò Văn Quá"]
    assert child(overdue, 0).text(2) == "quá 53 ngày"  # due 01/10/2026
    assert [item.title for item in leaves(branch(tab, "Hết thời hạn quản lý trong 30"))] == [
        "Cà Thị Sắp"
    ]
    hotspots = leaves(branch(tab, "Điểm, tụ điểm"))
    assert [item.title for item in hotspots] == ["Quán nước đầu cầu"]
    # The first item is selected: Enter on the tree opens it at once.
    assert tab.work.current_work_item() == leaves(overdue)[0]


def test_data_checks_are_counts_and_the_charts_are_drawn(window: MainWindow) -> None:
    tab = window.overview_tab
    no_cccd = tab.quality.buttons["no_cccd"]
    assert no_cccd.isEnabled()
    assert no_cccd.text().startswith("1  ")
    duplicates = tab.quality.buttons["duplicates"]
    assert not duplicates.isEnabled()
    assert "không có" in duplicates.text()
    shown = {key: view.chart for key, view in tab.charts.views.items()}
    assert set(shown) == {"list-sizes", "tests-by-sub-area", "hotspots-by-state", "area-classes"}
    list_sizes = shown["list-sizes"]
    assert list_sizes is not None
    users = next(s for s in list_sizes.series if s.name == ManagementList.USER.short_label)
    assert users.values[-1] == 2  # both persons are on the list today
    hotspots = shown["hotspots-by-state"]
    assert hotspots is not None and sum(hotspots.series[0].values) == 1


def test_enter_on_a_person_item_opens_the_persons_record(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.overview_tab
    item = leaves(branch(tab, "Quá thời hạn quản lý"))[0]
    tab.work.setFocus()
    closed = close_next_modal()
    press_enter(tab.work)
    qtbot.waitUntil(lambda: closed == ["PersonHistoryDialog"])
    assert window.tabs.currentWidget() is window.persons_tab
    assert window.persons_tab.selected_person_id() == item.person_id


def test_a_hotspot_item_opens_the_hotspots_record(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.overview_tab
    hotspots = branch(tab, "Điểm, tụ điểm")
    tab.work.setCurrentItem(child(hotspots, 0))
    tab.open_selected()  # the "Bản ghi" menu's Ctrl+O on the overview
    assert window.tabs.currentWidget() is window.hotspots_tab
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
    record = QApplication.activeModalWidget()
    assert record is not None and type(record).__name__ == "HotspotRecordDialog"
    assert window.hotspots_tab.selected_record_id() == leaves(hotspots)[0].record_id
    record.close()


def test_a_data_check_opens_the_persons_concerned_until_the_filter_is_taken_away(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.overview_tab.quality.buttons["no_cccd"].click()
    persons = window.persons_tab
    assert window.tabs.currentWidget() is persons
    assert persons.subset_banner.isVisible()
    assert "Đối tượng đang quản lý chưa có số CCCD" in persons.subset_label.text()
    assert persons.model.total() == 1
    row = persons.model.person_row(0)
    assert row is not None and row.full_name == "Cà Thị Sắp"
    persons.clear_subset_button.click()
    assert not persons.subset_banner.isVisible()
    assert persons.model.total() == 2


def test_a_change_elsewhere_is_counted_when_the_overview_is_shown_again(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    tab = window.overview_tab
    window.tabs.setCurrentWidget(window.persons_tab)
    newcomer = person(services, "Mùa A Mới", cccd=None)
    stay(services, newcomer, ManagementList.SUSPECTED_USER, date(2026, 11, 1))
    assert tab.quality.buttons["no_cccd"].text().startswith("1  ")  # not read while hidden
    with qtbot.waitSignal(tab.loaded, timeout=LOADED_MS):
        window.tabs.setCurrentWidget(tab)
    assert tab.quality.buttons["no_cccd"].text().startswith("2  ")


def test_the_charts_are_saved_as_png_files(window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "bieu-do"
    folder.mkdir()
    saved = window.overview_tab.save_charts(folder)
    assert sorted(path.name for path in saved) == [
        "bieu-do-area-classes.png",
        "bieu-do-hotspots-by-state.png",
        "bieu-do-list-sizes.png",
        "bieu-do-tests-by-sub-area.png",
    ]
    for path in saved:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1600, 900)


def test_alt_home_comes_back_to_the_overview(window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.cases_tab)
    window.activateWindow()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    QApplication.sendEvent(window.cases_tab, press)
    assert window.tabs.currentWidget() is window.overview_tab
