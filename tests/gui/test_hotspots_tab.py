"""The hotspots tab, its form and its record view, driven offscreen on the real services."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.hotspots.form import HotspotFormDialog
from pcmt_desktop.gui.registries.hotspots.record import HotspotRecordDialog
from pcmt_desktop.gui.registries.hotspots.tab import HotspotsTab
from pcmt_desktop.gui.widgets.keyed_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would; qtbot.keyClicks cannot send Vietnamese letters."""
    for character in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


@pytest.fixture
def made(services: Services) -> dict[str, int]:
    """Four hotspots: late (red), due soon (amber), in time, cleared."""
    areas = [area.id for area in services.office.sub_areas()]

    def add(name: str, entered: date, kind: HotspotKind, area: int, address: str = "") -> int:
        data = HotspotInput(
            kind.value, name, entered, areas[area], kind is not HotspotKind.COMPLEX_DEN, address
        )
        return services.hotspots.add(data).id

    ids = {
        "late": add("Karaoke Sông Quê", date(2026, 5, 1), HotspotKind.COMPLEX_POINT, 0, "Ngõ Đình"),
        "soon": add("Bãi bồi ven đê", date(2026, 9, 1), HotspotKind.COMPLEX_DEN, 1),
        "fine": add("Nhà nghỉ Hướng Dương", date(2026, 10, 1), HotspotKind.AT_RISK, 1),
        "gone": add("Quán nước đầu cầu", date(2026, 1, 1), HotspotKind.COMPLEX_POINT, 2),
    }
    services.hotspots.add_status(ids["gone"], HotspotState.CLEARED.value, date(2026, 3, 1))
    return ids


@pytest.fixture
def tab(qtbot: QtBot, services: Services, made: dict[str, int]) -> Iterator[HotspotsTab]:
    signals = ChangeSignals(services.context.bus)
    widget = HotspotsTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1300, 500)
    widget.show()
    yield widget
    signals.detach()


def shown_names(tab: HotspotsTab) -> list[str]:
    return [tab.model.index(row, 0).data() for row in range(tab.model.rowCount())]


def background(tab: HotspotsTab, hotspot_id: int) -> object:
    row = tab.model.row_of(hotspot_id)
    assert row is not None
    brush = tab.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color() if isinstance(brush, QBrush) else None


def test_the_table_shows_every_hotspot_with_late_ones_coloured(
    tab: HotspotsTab, made: dict[str, int], qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(tab.model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it untyped
    assert shown_names(tab) == [
        "Bãi bồi ven đê",
        "Karaoke Sông Quê",
        "Nhà nghỉ Hướng Dương",
        "Quán nước đầu cầu",
    ]
    assert tab.count_label.text() == "4 điểm, tụ điểm"
    assert background(tab, made["late"]) == OVERDUE_COLOUR
    assert background(tab, made["soon"]) == DUE_SOON_COLOUR
    assert background(tab, made["fine"]) is None
    assert background(tab, made["gone"]) is None
    row = tab.model.row_of(made["late"])
    assert row is not None
    texts = [tab.model.index(row, column).data() for column in range(tab.model.columnCount())]
    assert texts == [
        "Karaoke Sông Quê",
        "Điểm phức tạp",
        "Có",
        "Ngõ Đình",
        "Thôn Đông",
        "01/05/2026",
        "Đang đấu tranh",
        "01/08/2026 (quá 114 ngày)",
        "0",
    ]
    header = tab.model.headerData(4, Qt.Orientation.Horizontal)
    assert header == "Thôn, tổ dân phố"


def test_search_and_filters(qtbot: QtBot, tab: HotspotsTab, made: dict[str, int]) -> None:
    type_text(tab.search, "đình")
    qtbot.waitUntil(lambda: tab.model.total() == 1)
    assert shown_names(tab) == ["Karaoke Sông Quê"]  # found by its address
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.total() == 4)
    tab.late_box.setChecked(True)
    assert shown_names(tab) == ["Bãi bồi ven đê", "Karaoke Sông Quê"]
    tab.late_box.setChecked(False)
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(HotspotState.CLEARED.value))
    assert shown_names(tab) == ["Quán nước đầu cầu"]
    tab.status_combo.setCurrentIndex(0)
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(HotspotKind.AT_RISK.value))
    assert shown_names(tab) == ["Nhà nghỉ Hướng Dương"]
    tab.kind_combo.setCurrentIndex(0)
    tab.sub_area_combo.setCurrentIndex(tab.sub_area_combo.findText("Thôn Đoài"))
    assert tab.model.total() == 2
    assert tab.select_record(made["late"])  # clears the filters that hide it
    assert tab.model.total() == 4 and tab.selected_record_id() == made["late"]
    tab.sub_area_combo.setCurrentIndex(tab.sub_area_combo.findText("Xóm Nam"))
    assert tab.empty_label.text() == "Không có điểm nào khớp với điều kiện tìm kiếm, lọc."


def test_the_form_shows_refusals_beside_fields_then_adds(
    qtbot: QtBot, tab: HotspotsTab, services: Services
) -> None:
    form = tab.add_record()
    assert isinstance(form, HotspotFormDialog) and form.isVisible()
    assert form.fight_months.value() == 3
    assert not form.save()
    assert form.form.error("name") == "Chưa nhập tên điểm, tụ điểm."
    assert form.form.error("sub_area_id") == "Chưa chọn địa bàn của điểm."
    assert services.hotspots.count() == 4
    type_text(form.name, "Tụ điểm bến đò")
    form.kind.setCurrentIndex(form.kind.findData(HotspotKind.COMPLEX_DEN.value))
    form.sub_area.setCurrentIndex(form.sub_area.findText("Xóm Nam"))
    form.address.setText("Bến đò cũ, xóm Nam")
    form.entered_on.set_day(date(2026, 11, 2))
    with qtbot.waitSignal(form.saved):
        QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert services.hotspots.count() == 5
    assert tab.count_label.text() == "5 điểm, tụ điểm"
    selected = tab.selected_record_id()
    assert selected is not None
    assert services.hotspots.get(selected).name == "Tụ điểm bến đò"


def test_the_fight_period_follows_the_law_of_the_entry_day_until_typed(
    tab: HotspotsTab, services: Services
) -> None:
    services.legal.add_rule(RuleKey.HOTSPOT_FIGHT_MONTHS, date(2026, 6, 1), 6, "Hướng dẫn mới")
    form = tab.add_record()
    assert form.fight_months.value() == 6
    form.entered_on.set_day(date(2026, 5, 1))
    assert form.fight_months.value() == 3
    form.fight_months.setValue(4)
    form.entered_on.set_day(date(2026, 7, 1))
    assert form.fight_months.value() == 4
    form.reject()


def test_enter_opens_the_record_and_status_changes_are_checked(
    qtbot: QtBot, tab: HotspotsTab, made: dict[str, int], services: Services
) -> None:
    assert tab.select_record(made["late"])
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    found = [w for w in tab.findChildren(HotspotRecordDialog) if w.isVisible()]
    assert len(found) == 1
    record = found[0]
    assert record.values["fight"].text() == (
        "3 tháng, từ 01/05/2026 đến 01/08/2026 (quá hạn 114 ngày)"
    )
    assert record.values["status"].text() == "Đang đấu tranh (từ 01/05/2026)"
    # The same status again is refused beside the field; nothing is written.
    record.status_day.set_day(date(2026, 6, 1))
    assert not record.record_status()
    assert record.status_form.error("status").endswith("không phải là một thay đổi.")
    assert record.status_table.rowCount() == 1
    record.new_status.setCurrentIndex(record.new_status.findData(HotspotState.CLEARED.value))
    record.status_note.setText("Đã khởi tố chủ quán")
    assert record.record_status()
    assert record.status_table.rowCount() == 2
    first = record.status_table.item(0, 1)
    assert first is not None and first.text() == "Đã triệt xóa"
    assert record.values["status"].text() == "Đã triệt xóa (từ 01/06/2026)"
    # The tab heard of the change: the row is no longer red.
    assert background(tab, made["late"]) is None
    record.status_table.selectRow(0)
    assert record.delete_status_button.isEnabled()
    record.delete_selected_status(ask=False)
    assert record.status_table.rowCount() == 1
    record.status_table.selectRow(0)
    assert not record.delete_status_button.isEnabled()  # the entry day's row stays
    assert record.audit_view.table.rowCount() == 3
    record.audit_view.table.selectRow(1)
    assert record.audit_view.details.toPlainText().splitlines() == [
        "Thêm: Karaoke Sông Quê — đã triệt xóa từ ngày 01/06/2026",
        "Điểm: Karaoke Sông Quê",
        "Tình trạng: Đã triệt xóa",
        "Từ ngày: 01/06/2026",
        "Ghi chú: Đã khởi tố chủ quán",
    ]
    record.reject()


def test_sellers_are_linked_ended_and_unlinked_from_the_record(
    qtbot: QtBot, tab: HotspotsTab, made: dict[str, int], services: Services
) -> None:
    seller = services.persons.add(PersonInput("Tạ Văn Quyết", birth_year=1991)).id
    assert tab.select_record(made["soon"])
    record = tab.open_selected()
    assert isinstance(record, HotspotRecordDialog)
    record.pages.setCurrentIndex(1)
    assert not record.link_seller()
    assert record.link_form.error("person") == (
        "Chưa chọn đối tượng: gõ tên để tìm, hoặc thêm mới."
    )
    type_text(record.picker.search, "ta van quyet")
    record.picker.run_search()
    item = record.picker.results.item(0)
    assert item is not None and item.text().startswith("Tạ Văn Quyết (1991)")
    record.picker.choose(seller)
    record.seller_start.set_day(date(2026, 9, 5))
    assert record.link_seller()
    assert record.seller_table.rowCount() == 1
    assert record.pages.tabText(1) == "Đối tượng bán lẻ (1)"
    row = tab.model.row_of(made["soon"])
    assert row is not None and tab.model.index(row, 8).data() == "1"
    # The same person again over the same days is refused beside the start date.
    record.picker.choose(seller)
    record.seller_start.set_day(date(2026, 10, 1))
    assert not record.link_seller()
    assert record.link_form.error("start_date").startswith("Tạ Văn Quyết đã là đối tượng bán lẻ")
    record.seller_table.selectRow(0)
    record.seller_end_day.set_day(date(2026, 9, 1))
    assert not record.end_selected_seller()
    assert record.seller_end_error.text() == (
        "Ngày kết thúc (01/09/2026) ở trước ngày bắt đầu (05/09/2026)."
    )
    record.seller_end_day.set_day(date(2026, 11, 1))
    assert record.end_selected_seller()
    cell = record.seller_table.item(0, 4)
    assert cell is not None and cell.text() == "01/11/2026"
    record.seller_table.selectRow(0)
    record.unlink_selected_seller(ask=False)
    assert record.seller_table.rowCount() == 0
    assert record.audit_view.table.rowCount() == 4
    record.reject()


def test_delete_removes_the_selected_hotspot(tab: HotspotsTab, made: dict[str, int]) -> None:
    assert tab.select_record(made["fine"])
    tab.delete_selected(ask=False)
    assert "Nhà nghỉ Hướng Dương" not in shown_names(tab)
    assert tab.count_label.text() == "3 điểm, tụ điểm"
    assert tab.selected_record_id() == made["gone"]
