"""The plant-seizures tab and its form, driven offscreen on the real services."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.plant_seizures.form import PlantSeizureFormDialog
from pcmt_desktop.gui.registries.plant_seizures.tab import PlantSeizuresTab, report_year_start
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from pcmt_desktop.services.registry import Services

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would; qtbot.keyClicks cannot send Vietnamese letters."""
    for character in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


@pytest.fixture
def grower(services: Services) -> int:
    return services.persons.add(PersonInput("Thào A Dơ", birth_year=1972)).id


@pytest.fixture
def made(services: Services, grower: int) -> dict[str, int]:
    areas = [area.id for area in services.office.sub_areas()]
    seizures = services.plant_seizures
    fined = seizures.add(
        PlantSeizureInput(
            date(2026, 2, 3),
            areas[0],
            PlantHandling.FINED.value,
            "Nương ngô Khe Đá",
            person_id=grower,
            opium_plants=1200,
            cannabis_plants=2,
            fine_vnd=7_500_000,
        )
    )
    loose = seizures.add(
        PlantSeizureInput(
            date(2026, 3, 10),
            areas[1],
            PlantHandling.NOT_YET.value,
            "Sườn đồi Phìn Hồ",
            ownerless=True,
            opium_plants=202,
            area_m2=120.5,
        )
    )
    old = seizures.add(
        PlantSeizureInput(
            date(2025, 2, 1),
            areas[1],
            PlantHandling.NOT_YET.value,
            "Vườn bỏ hoang",
            ownerless=True,
            opium_plants=40,
        )
    )
    return {"fined": fined.id, "loose": loose.id, "old": old.id}


@pytest.fixture
def tab(qtbot: QtBot, services: Services, made: dict[str, int]) -> Iterator[PlantSeizuresTab]:
    signals = ChangeSignals(services.context.bus)
    widget = PlantSeizuresTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1400, 500)
    widget.show()
    yield widget
    signals.detach()


def shown_places(tab: PlantSeizuresTab) -> list[str]:
    return [tab.model.index(row, 2).data() for row in range(tab.model.rowCount())]


def test_reporting_years_start_on_the_15th_of_december() -> None:
    assert report_year_start(date(2026, 11, 23)) == date(2025, 12, 15)
    assert report_year_start(date(2026, 12, 15)) == date(2026, 12, 15)


def test_opens_on_the_reporting_year_with_its_totals(
    tab: PlantSeizuresTab, made: dict[str, int], qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(tab.model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it untyped
    assert shown_places(tab) == ["Sườn đồi Phìn Hồ", "Nương ngô Khe Đá"]  # newest first
    assert tab.count_label.text() == "2 vụ"
    assert tab.totals_label.text() == (
        "Từ 15/12/2025 đến 23/11/2026: 02 vụ, 01 đối tượng (01 vụ vô chủ); "
        "1.402 cây thuốc phiện, 02 cây cần sa; 120,5 m²; xử phạt 01 vụ, 7.500.000 đồng; "
        "tại 02/04 thôn, tổ dân phố."
    )
    row = tab.model.row_of(made["fined"])
    assert row is not None
    texts = [tab.model.index(row, column).data() for column in range(tab.model.columnCount())]
    assert texts == [
        "03/02/2026",
        "Thôn Đông",
        "Nương ngô Khe Đá",
        "Thào A Dơ",
        "1.200",
        "2",
        "",
        "",
        "Xử phạt hành chính",
        "7.500.000",
        "",
    ]
    loose = tab.model.row_of(made["loose"])
    assert loose is not None
    assert tab.model.index(loose, 3).data() == "Vô chủ"
    assert tab.model.index(loose, 7).data() == "120,5"


def test_search_period_and_handling_filters(
    qtbot: QtBot, tab: PlantSeizuresTab, made: dict[str, int]
) -> None:
    tab.period_box.setChecked(False)
    assert tab.model.total() == 3
    assert not tab.date_from.isEnabled()
    assert tab.totals_label.text().startswith("03 vụ, 01 đối tượng (02 vụ vô chủ)")
    type_text(tab.search, "thào")
    qtbot.waitUntil(lambda: tab.model.total() == 1)
    assert shown_places(tab) == ["Nương ngô Khe Đá"]
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.total() == 3)
    tab.handling_combo.setCurrentIndex(tab.handling_combo.findData(PlantHandling.NOT_YET.value))
    assert shown_places(tab) == ["Sườn đồi Phìn Hồ", "Vườn bỏ hoang"]
    assert tab.select_record(made["fined"])  # clears the filter that hid it
    assert tab.model.total() == 3


def test_the_form_refuses_beside_the_fields_and_saves_nothing(
    tab: PlantSeizuresTab, services: Services
) -> None:
    form = tab.add_record()
    assert isinstance(form, PlantSeizureFormDialog) and form.isVisible()
    form.area.setText("12a")
    assert not form.save()
    assert form.form.error("sub_area_id") == "Chưa chọn địa bàn nơi phát hiện."
    assert form.form.error("person") == (
        "Chưa chọn người chịu trách nhiệm; nếu không tìm được chủ, đánh dấu “Vô chủ”."
    )
    assert form.form.error("area_m2") == (
        "Diện tích “12a” không phải là số (ví dụ đúng: 120,5 hoặc 120.5)."
    )
    assert form.form.error("fine_vnd") == "Chưa nhập số tiền phạt (đồng)."
    form.area.clear()
    assert not form.save()
    assert form.form.error("plants") == (
        "Chưa nhập số cây hoặc diện tích: cần ít nhất một cây hoặc một diện tích."
    )
    form.other.setValue(3)
    assert not form.save()
    assert form.form.error("plants") == "Chưa ghi loại cây khác là cây gì."
    assert services.plant_seizures.count() == 3
    form.reject()


def test_an_ownerless_seizure_with_an_area_typed_with_a_comma(
    qtbot: QtBot, tab: PlantSeizuresTab, services: Services
) -> None:
    form = tab.add_record()
    form.ownerless.setChecked(True)
    assert not form.picker.isEnabled()
    form.sub_area.setCurrentIndex(form.sub_area.findText("Xóm Nam"))
    form.seized_on.set_day(date(2026, 4, 2))
    type_text(form.place, "Khe suối Nậm Mu")
    form.opium.setValue(80)
    form.area.setText("35,5")
    form.handling.setCurrentIndex(form.handling.findData(PlantHandling.NOT_YET.value))
    assert not form.fine.isEnabled()
    with qtbot.waitSignal(form.saved):
        QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    selected = tab.selected_record_id()
    assert selected is not None
    record = services.plant_seizures.get(selected)
    assert (record.place, record.ownerless, record.area_m2, record.opium_plants) == (
        "Khe suối Nậm Mu",
        True,
        35.5,
        80,
    )
    assert tab.count_label.text() == "3 vụ"


def test_a_fine_outside_the_range_warns_and_may_be_kept(
    qtbot: QtBot, tab: PlantSeizuresTab, made: dict[str, int], services: Services, grower: int
) -> None:
    assert tab.select_record(made["fined"])
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    found = [w for w in tab.findChildren(PlantSeizureFormDialog) if w.isVisible()]
    assert len(found) == 1
    form = found[0]
    assert form.picker.person_id() == grower
    assert form.fine.text() == "7.500.000"
    assert form.fine.placeholderText() == "khung phạt: 5.000.000 – 10.000.000 đồng"
    assert form.audit_view is not None and form.audit_view.table.rowCount() == 1
    form.fine.setText("12.000.000")
    assert not form.save()
    assert form.warning_panel.isVisible()
    assert "nằm ngoài khung phạt" in form.warning_panel.text.text()
    assert services.plant_seizures.get(made["fined"]).fine_vnd == 7_500_000
    with qtbot.waitSignal(form.saved):
        QTest.mouseClick(form.warning_panel.save_anyway_button, Qt.MouseButton.LeftButton)
    assert services.plant_seizures.get(made["fined"]).fine_vnd == 12_000_000
    assert "12.000.000 đồng" in tab.totals_label.text()
    history = services.plant_seizures.history(made["fined"])
    assert [entry.action for entry in history] == ["sua", "tao"]


def test_the_history_tab_reads_like_the_form(
    tab: PlantSeizuresTab, made: dict[str, int], services: Services
) -> None:
    assert tab.select_record(made["fined"])
    form = tab.open_selected()
    assert form is not None and form.audit_view is not None
    form.audit_view.table.selectRow(0)
    lines = form.audit_view.details.toPlainText().splitlines()
    assert lines[0] == "Thêm: Thêm vụ phá nhổ cây ngày 03/02/2026, Nương ngô Khe Đá (Thào A Dơ)"
    assert "Người chịu trách nhiệm: Thào A Dơ" in lines
    assert "Số cây thuốc phiện: 1.200" in lines
    assert "Hình thức xử lý: Xử phạt hành chính" in lines
    assert "Tiền phạt (đồng): 7.500.000" in lines
    form.reject()


def test_delete_removes_the_selected_seizure(
    tab: PlantSeizuresTab, made: dict[str, int], services: Services
) -> None:
    assert tab.select_record(made["loose"])
    tab.delete_selected(ask=False)
    assert shown_places(tab) == ["Nương ngô Khe Đá"]
    assert services.plant_seizures.count() == 2
    assert tab.totals_label.text().startswith("Từ 15/12/2025 đến 23/11/2026: 01 vụ, 01 đối tượng;")
