"""The CNBB dossiers tab, the new-dossier form, the step dialog and the record view."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.dossier_steps import StatusGroup, StepKind
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.dossiers import DossiersTab
from pcmt_desktop.gui.registries.dossiers.form import NewDossierDialog
from pcmt_desktop.gui.registries.dossiers.record import DossierRecordDialog
from pcmt_desktop.gui.registries.dossiers.step_dialog import StepDialog
from pcmt_desktop.gui.widgets.keyed_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 23)


def _addict(services: Services, name: str, since: date = date(2024, 12, 2)) -> int:
    person_id = services.persons.add(PersonInput(name, birth_year=1990)).id
    services.histories.add(
        HistoryKind.LIST,
        person_id,
        HistoryInput(since, None, {"list_key": "nghien", "start_reason": "Test dương tính"}),
    )
    services.histories.add(
        HistoryKind.ADDICT_LOCATION,
        person_id,
        HistoryInput(since, None, {"location": "cong_dong", "facility": ""}),
    )
    return person_id


def _accepted(services: Services, person_id: int, accepted_on: date) -> int:
    record = services.dossiers.open_dossier(
        person_id, accepted_on - timedelta(days=10), accepted_on - timedelta(days=9)
    )
    services.dossiers.add_step(record.id, StepKind.SENT_TO_COURT, accepted_on - timedelta(days=2))
    services.dossiers.add_step(record.id, StepKind.COURT_ACCEPTED, accepted_on)
    return record.id


@pytest.fixture
def signals(services: Services, qtbot: QtBot) -> ChangeSignals:
    return ChangeSignals(services.context.bus)


@pytest.fixture
def dossiers(services: Services) -> dict[str, int]:
    late = _accepted(services, _addict(services, "Lò Văn Khải"), date(2026, 10, 1))
    soon = _accepted(services, _addict(services, "Bế Thị Hoa"), date(2026, 11, 12))
    quiet_person = _addict(services, "Đinh Công Tráng")
    quiet = services.dossiers.open_dossier(quiet_person, date(2026, 11, 2), date(2026, 11, 3))
    return {"late": late, "soon": soon, "quiet": quiet.id}


@pytest.fixture
def tab(
    services: Services, signals: ChangeSignals, dossiers: dict[str, int], qtbot: QtBot
) -> DossiersTab:
    widget = DossiersTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would; qtbot.keyClicks cannot send Vietnamese letters."""
    for char in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)


def _names(tab: DossiersTab) -> list[str]:
    return [tab.model.index(row, 0).data() for row in range(tab.model.rowCount())]


def test_table_shows_dossiers_with_their_status_and_limits(
    tab: DossiersTab, dossiers: dict[str, int], qtmodeltester: object
) -> None:
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    assert _names(tab) == ["Đinh Công Tráng", "Bế Thị Hoa", "Lò Văn Khải"]  # latest file first
    assert tab.count_label.text() == "3 hồ sơ · 01 hồ sơ quá hạn"
    late_row = tab.model.row_of(dossiers["late"])
    assert late_row is not None
    cells = [tab.model.index(late_row, column).data() for column in range(8)]
    assert cells[5:] == ["Tòa án đã thụ lý", "Tòa án quyết định", "16/10/2026 (quá 38 ngày)"]
    tooltip = tab.model.index(late_row, 7).data(Qt.ItemDataRole.ToolTipRole)
    assert "Pháp lệnh 01/2022/UBTVQH15" in tooltip


def test_late_rows_are_red_and_soon_due_amber(tab: DossiersTab, dossiers: dict[str, int]) -> None:
    def colour(key: str) -> object:
        row = tab.model.row_of(dossiers[key])
        assert row is not None
        brush = tab.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
        return brush.color() if isinstance(brush, QBrush) else None

    assert colour("late") == OVERDUE_COLOUR
    assert colour("soon") == DUE_SOON_COLOUR
    assert colour("quiet") is None


def test_search_and_filters(tab: DossiersTab, qtbot: QtBot, services: Services) -> None:
    type_text(tab.search, "lò van")  # accents typed or not, the search ignores them
    qtbot.waitUntil(lambda: _names(tab) == ["Lò Văn Khải"])
    tab.search.clear()
    qtbot.waitUntil(lambda: len(_names(tab)) == 3)
    tab.late_box.setChecked(True)
    assert _names(tab) == ["Lò Văn Khải"]
    tab.late_box.setChecked(False)
    tab.group_combo.setCurrentIndex(tab.group_combo.findData(StatusGroup.CLOSED.value))
    assert _names(tab) == []
    assert tab.empty_label.text() == "Không có hồ sơ nào khớp với điều kiện tìm kiếm, lọc."
    tab.group_combo.setCurrentIndex(0)
    tab.created_from.set_day(date(2026, 11, 1))
    qtbot.waitUntil(lambda: _names(tab) == ["Đinh Công Tráng", "Bế Thị Hoa"])


def test_sorting_by_the_next_limit(tab: DossiersTab) -> None:
    tab.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    assert _names(tab) == ["Lò Văn Khải", "Bế Thị Hoa", "Đinh Công Tráng"]


def test_select_delete_and_refresh_on_change(
    tab: DossiersTab, services: Services, dossiers: dict[str, int]
) -> None:
    tab.late_box.setChecked(True)
    assert tab.select_record(dossiers["quiet"])  # clears the filter that hid it
    assert not tab.late_box.isChecked()
    assert tab.selected_record_id() == dossiers["quiet"]
    tab.delete_selected(ask=False)
    assert services.dossiers.count() == 2
    assert tab.model.total() == 2
    person_id = _addict(services, "Sầm Thị Út")
    services.dossiers.open_dossier(person_id, date(2026, 11, 20), date(2026, 11, 23))
    assert _names(tab)[0] == "Sầm Thị Út"
    assert not tab.select_record(99999)


def test_new_dossier_dialog_saves_or_shows_the_refusal(services: Services, qtbot: QtBot) -> None:
    person_id = _addict(services, "Hà Văn Nam")
    dialog = NewDossierDialog(services)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert dialog.form.error("person_id") == "Chưa chọn đối tượng."
    dialog.picker.choose(person_id)
    dialog.found_on.set_day(date(2026, 11, 10))
    dialog.created_on.set_day(date(2026, 11, 9))
    assert not dialog.save()
    assert dialog.form.error("created_on") == (
        "Ngày lập hồ sơ (09/11/2026) ở trước ngày phát hiện (10/11/2026)."
    )
    assert services.dossiers.count() == 0
    dialog.created_on.set_day(date(2026, 11, 20))
    assert "đã chậm 03 ngày" in dialog.limit_label.text()
    assert dialog.save()
    assert dialog.saved_id is not None
    assert services.dossiers.get(dialog.saved_id).created_on == date(2026, 11, 20)


def test_step_dialog_offers_only_the_allowed_steps(services: Services, qtbot: QtBot) -> None:
    dossier_id = _accepted(services, _addict(services, "Lò Văn Khải"), date(2026, 10, 1))
    record = services.dossiers.get(dossier_id)
    dialog = StepDialog(services, record)
    qtbot.addWidget(dialog)
    offered = [dialog.step_combo.itemText(i) for i in range(dialog.step_combo.count())]
    assert offered == [
        "Quyết định đưa vào cơ sở cai nghiện bắt buộc",
        "Quyết định không áp dụng",
        "Đình chỉ",
        "Kết thúc không thi hành",
    ]
    assert not dialog.choose(StepKind.COMPLETED)
    assert dialog.choose(StepKind.DECIDED)
    assert "từ 24 đến 36 tháng" in dialog.term_hint.text()
    dialog.day_edit.set_day(date(2026, 10, 10))
    dialog.term_spin.setValue(40)
    assert not dialog.save()
    assert dialog.form.error("term_months").startswith("Thời hạn 40 tháng không đúng quy định")
    dialog.term_spin.setValue(30)
    assert dialog.save()
    assert dialog.saved_record is not None
    assert dialog.saved_record.status == "Đã có quyết định (30 tháng)"


def test_record_from_decision_to_post_rehab(services: Services, qtbot: QtBot) -> None:
    person_id = _addict(services, "Lò Văn Khải")
    record = services.dossiers.open_dossier(person_id, date(2025, 1, 6), date(2025, 1, 8))
    services.dossiers.add_step(record.id, StepKind.SENT_TO_COURT, date(2025, 1, 20))
    services.dossiers.add_step(record.id, StepKind.COURT_ACCEPTED, date(2025, 1, 22))
    services.dossiers.add_step(record.id, StepKind.DECIDED, date(2025, 1, 30), term_months=12)
    view = DossierRecordDialog(services, record.id)
    qtbot.addWidget(view)
    assert view.record.status == "Đã có quyết định (12 tháng)"
    assert not view.post_rehab_button.isVisibleTo(view)

    entering = StepDialog(services, view.record, None, view)
    entering.choose(StepKind.ENTERED_FACILITY)
    entering.day_edit.set_day(date(2025, 2, 10))
    assert not entering.save()
    assert entering.form.error("detail") == "Chưa nhập cơ sở cai nghiện."
    entering.detail_combo.setEditText("Cơ sở cai nghiện ma túy số 1")
    assert entering.save()
    view.after_step_saved(ask=False)
    assert view.record.status == "Đang chấp hành tại cơ sở"
    locations = services.histories.entries(person_id, HistoryKind.ADDICT_LOCATION)
    assert locations[-1].values["location"] == "co_so"

    completing = StepDialog(services, view.record, None, view)
    completing.choose(StepKind.COMPLETED)
    completing.day_edit.set_day(date(2026, 2, 10))
    assert completing.save()
    view.after_step_saved(ask=False)  # answers "yes" to the move
    assert view.record.moved_to_post_rehab
    stay = services.histories.list_on(person_id, TODAY)
    assert stay is not None and stay.values["list_key"] == "sau_cai"
    assert "Đã chuyển sang diện quản lý sau cai nghiện." in view.status_label.text()
    assert view.limits_table.rowCount() == 3
    assert view.steps_table.rowCount() == 6
    assert view.audit_view.table.rowCount() == 6


def test_record_correct_and_delete_steps(services: Services, qtbot: QtBot) -> None:
    dossier_id = _accepted(services, _addict(services, "Lò Văn Khải"), date(2026, 10, 1))
    view = DossierRecordDialog(services, dossier_id)
    qtbot.addWidget(view)
    assert "quá hạn 38 ngày" in view.status_label.text()
    view.steps_table.selectRow(0)
    assert not view.delete_step_button.isEnabled()  # the first step stays
    assert not view.delete_step(ask=False)
    assert "bước đầu tiên" in view.last_refusal
    view.steps_table.selectRow(1)  # chuyển Tòa án: thụ lý needs it
    assert not view.delete_step(ask=False)
    assert "Hãy xóa bước sau trước" in view.last_refusal
    view.steps_table.selectRow(2)
    step = view.selected_step()
    assert step is not None and step.kind is StepKind.COURT_ACCEPTED
    correcting = StepDialog(services, view.record, step, view)
    qtbot.addWidget(correcting)
    assert not correcting.step_combo.isEnabled()
    correcting.complex_box.setChecked(True)
    assert correcting.save()
    view.refresh()
    assert "vụ việc phức tạp" in view.record.limits[1].what
    view.steps_table.selectRow(2)
    assert view.delete_step(ask=False)
    assert view.record.status == "Đã chuyển Tòa án"
    newest = view.audit_view.table.item(0, 2)
    assert newest is not None and newest.text() == "Xóa"
