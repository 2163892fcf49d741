"""The drug-tests tab, its form, its record view and the per-sub-area view, driven offscreen."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.drug_tests.by_sub_area import SubAreaRatesDialog
from pcmt_desktop.gui.registries.drug_tests.form import DrugTestFormDialog
from pcmt_desktop.gui.registries.drug_tests.periods import PeriodChoice, period_of
from pcmt_desktop.gui.registries.drug_tests.record import DrugTestRecordDialog
from pcmt_desktop.gui.registries.drug_tests.tab import DrugTestsTab
from pcmt_desktop.services.drug_test_listing import DrugTestCriteria
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

TODAY = date(2026, 11, 23)


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character, as a Vietnamese input method sends them."""
    for character in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


def answer_next_question(button: QMessageBox.StandardButton) -> list[str]:
    """Click ``button`` in the message box about to open; returns the texts it showed."""
    seen: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QMessageBox):
            QTimer.singleShot(10, look)
            return
        seen.append(modal.text())
        modal.button(button).click()

    QTimer.singleShot(0, look)
    return seen


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    areas = [area.id for area in services.office.sub_areas()]
    ids = {
        "quy": services.persons.add(
            PersonInput("Hoàng Văn Quý", birth_year=1985, sub_area_id=areas[0])
        ).id,
        "man": services.persons.add(
            PersonInput("Lương Thị Mận", birth_year=1992, sub_area_id=areas[1])
        ).id,
        "trang": services.persons.add(
            PersonInput("Đinh Công Tráng", birth_year=2000, sub_area_id=areas[1])
        ).id,
    }
    services.histories.add(
        HistoryKind.LIST,
        ids["quy"],
        HistoryInput(
            date(2026, 2, 1),
            None,
            {"list_key": ManagementList.SUSPECTED_USER.value, "start_reason": "Rà soát"},
        ),
    )
    return ids


@pytest.fixture
def tests_made(services: Services, people: dict[str, int]) -> dict[str, int]:
    add = services.drug_tests.add
    return {
        # In the current period (15/11–23/11/2026).
        "quy_nov": add(
            DrugTestInput(people["quy"], date(2026, 11, 16), summoned_by="Thiếu úy Khúc")
        ).id,
        "man_nov": add(
            DrugTestInput(
                people["man"], date(2026, 11, 20), substances=frozenset({Substance.CANNABIS})
            )
        ).id,
        "trang_nov": add(DrugTestInput(people["trang"], date(2026, 11, 15))).id,
        # Before it.
        "man_oct": add(DrugTestInput(people["man"], date(2026, 10, 30))).id,
    }


@pytest.fixture
def tab(qtbot: QtBot, services: Services, tests_made: dict[str, int]) -> Iterator[DrugTestsTab]:
    signals = ChangeSignals(services.context.bus)
    widget = DrugTestsTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    yield widget
    signals.detach()


def shown_ids(tab: DrugTestsTab) -> list[int]:
    model = tab.model
    return [id_ for row in range(model.rowCount()) if (id_ := model.id_at(row)) is not None]


def visible(parent: QWidget, kind: type[QWidget]) -> list[QWidget]:
    return [child for child in parent.findChildren(kind) if child.isVisible()]


def stays(services: Services, person_id: int) -> list[tuple[str, date, date | None]]:
    return [
        (entry.values["list_key"], entry.start, entry.end)
        for entry in services.histories.entries(person_id, HistoryKind.LIST)
    ]


# --- periods -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("today", "choice", "expected"),
    [
        (TODAY, PeriodChoice.CURRENT, (date(2026, 11, 15), TODAY)),
        (date(2026, 11, 14), PeriodChoice.CURRENT, (date(2026, 10, 15), date(2026, 11, 14))),
        (date(2026, 1, 3), PeriodChoice.CURRENT, (date(2025, 12, 15), date(2026, 1, 3))),
        (TODAY, PeriodChoice.PREVIOUS, (date(2026, 10, 15), date(2026, 11, 14))),
        (TODAY, PeriodChoice.YEAR, (date(2025, 12, 15), TODAY)),
        (date(2026, 12, 15), PeriodChoice.YEAR, (date(2026, 12, 15), date(2026, 12, 15))),
        (TODAY, PeriodChoice.ALL, (None, None)),
    ],
)
def test_reporting_periods_start_on_the_15th(
    today: date, choice: PeriodChoice, expected: tuple[date | None, date | None]
) -> None:
    assert period_of(choice, today) == expected


# --- the table and its filters -----------------------------------------------------------
def test_opens_on_the_current_period_newest_first(
    tab: DrugTestsTab, tests_made: dict[str, int], qtmodeltester: ModelTester
) -> None:
    assert tab.period_combo.currentText() == "Kỳ này (từ ngày 15)"
    assert (tab.date_from.day(), tab.date_to.day()) == (date(2026, 11, 15), TODAY)
    assert shown_ids(tab) == [tests_made["man_nov"], tests_made["quy_nov"], tests_made["trang_nov"]]
    assert tab.count_label.text() == "3 lượt test — 3 người — 1 dương tính"
    model = tab.model
    first = [model.index(0, column).data() for column in range(model.columnCount())]
    assert first == [
        "20/11/2026",
        "Lương Thị Mận",
        "1992",
        "Thôn Đoài",
        "Dương tính",
        "Cần sa",
        "",
        "",
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[3] == "Thôn, tổ dân phố"
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it untyped


def test_search_without_accents_sub_area_and_positive_only(
    qtbot: QtBot, tab: DrugTestsTab, tests_made: dict[str, int], services: Services
) -> None:
    type_text(tab.search, "hoang quy")
    qtbot.waitUntil(lambda: shown_ids(tab) == [tests_made["quy_nov"]])
    assert tab.count_label.text() == "1 lượt test — 1 người — 0 dương tính"
    tab.search.clear()
    qtbot.waitUntil(lambda: len(shown_ids(tab)) == 3)

    tab.sub_area_combo.setCurrentIndex(tab.sub_area_combo.findText("Thôn Đoài"))
    assert shown_ids(tab) == [tests_made["man_nov"], tests_made["trang_nov"]]
    tab.positive_only.setChecked(True)
    assert shown_ids(tab) == [tests_made["man_nov"]]
    tab.positive_only.setChecked(False)

    tab.period_combo.setCurrentIndex(tab.period_combo.findData(PeriodChoice.ALL.value))
    assert not tab.date_from.isEnabled()
    assert shown_ids(tab) == [tests_made["man_nov"], tests_made["trang_nov"], tests_made["man_oct"]]
    assert tab.count_label.text() == "3 lượt test — 2 người — 1 dương tính"


def test_editing_a_date_makes_a_custom_period(
    qtbot: QtBot, tab: DrugTestsTab, tests_made: dict[str, int]
) -> None:
    tab.date_from.set_day(date(2026, 10, 1))
    assert tab.period_combo.currentData() == PeriodChoice.CUSTOM.value
    qtbot.waitUntil(lambda: len(shown_ids(tab)) == 4)
    tab.set_dates(date(2026, 10, 1), date(2026, 10, 31))
    assert shown_ids(tab) == [tests_made["man_oct"]]
    tab.set_dates(date(2026, 1, 1), date(2026, 1, 31))
    assert tab.empty_label.text() == (
        "Không có kết quả test nào trong kỳ này. Chọn kỳ khác hoặc bấm “Thêm”."
    )
    assert tab.count_label.text() == "0 lượt test — 0 người — 0 dương tính"


def test_header_click_sorts_in_sql(tab: DrugTestsTab, tests_made: dict[str, int]) -> None:
    header = tab.table.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    assert tab.model.criteria.sort == "name"
    # Đinh, Hoàng, Lương: folded names, as a reader expects.
    assert shown_ids(tab) == [tests_made["trang_nov"], tests_made["quy_nov"], tests_made["man_nov"]]
    header.setSortIndicator(5, Qt.SortOrder.AscendingOrder)  # the substances: no key
    assert tab.model.criteria.sort == "name"
    assert header.sortIndicatorSection() == 1


def test_select_record_clears_the_filters_that_hide_it(
    tab: DrugTestsTab, tests_made: dict[str, int]
) -> None:
    tab.positive_only.setChecked(True)
    assert tab.select_record(tests_made["man_oct"])
    assert tab.selected_id() == tests_made["man_oct"]
    assert tab.period_combo.currentData() == PeriodChoice.ALL.value
    assert not tab.positive_only.isChecked()
    assert not tab.select_record(99999)


def test_a_write_elsewhere_refreshes_the_table_keeping_the_selection(
    tab: DrugTestsTab, tests_made: dict[str, int], services: Services, people: dict[str, int]
) -> None:
    assert tab.select_record(tests_made["quy_nov"])
    new = services.drug_tests.add(DrugTestInput(people["trang"], TODAY))
    assert shown_ids(tab)[0] == new.id
    assert tab.selected_id() == tests_made["quy_nov"]
    services.persons.edit(
        people["quy"],
        replace(services.persons.get(people["quy"]).as_input(), full_name="Hoàng Văn Quế"),
    )
    row = tab.model.row_of(tests_made["quy_nov"])
    assert row is not None
    assert tab.model.index(row, 1).data() == "Hoàng Văn Quế"


# --- adding through the form ---------------------------------------------------------------
def test_add_a_positive_test_of_a_suspect_moves_them_to_users(
    tab: DrugTestsTab, services: Services, people: dict[str, int]
) -> None:
    messages: list[str] = []
    tab.status_message.connect(messages.append)
    tab.add_button.click()
    (form,) = visible(tab, DrugTestFormDialog)
    assert isinstance(form, DrugTestFormDialog)
    assert form.method.currentText() == "Test nhanh nước tiểu"
    assert form.result_text() == "Kết quả: Âm tính"
    form.picker.choose(people["quy"])
    form.test_date.set_day(date(2026, 11, 21))
    # Typed with setText: the completer's popup would warn on the offscreen platform.
    form.summoned_by.setText("Trung úy Ông Văn Khiêm")
    form.substances.boxes[Substance.METHAMPHETAMINE].setChecked(True)
    assert form.result_text() == "Kết quả: DƯƠNG TÍNH"
    form.follow_up.setCurrentText("Chuyển diện quản lý")

    assert form.save(ask=False)

    assert form.saved_test_id is not None
    record = services.drug_tests.get(form.saved_test_id)
    assert (record.person_id, record.test_date, record.summoned_by) == (
        people["quy"],
        date(2026, 11, 21),
        "Trung úy Ông Văn Khiêm",
    )
    assert record.substances == frozenset({Substance.METHAMPHETAMINE})
    assert stays(services, people["quy"]) == [
        ("nghi_su_dung", date(2026, 2, 1), date(2026, 11, 21)),
        ("su_dung", date(2026, 11, 21), None),
    ]
    assert tab.selected_id() == record.id
    assert messages == ["Đã lưu kết quả test."]


def test_the_move_question_answered_no_leaves_the_history_alone(
    tab: DrugTestsTab, services: Services, people: dict[str, int]
) -> None:
    form = tab.add_record(person_id=people["quy"])
    form.substances.boxes[Substance.HEROIN].setChecked(True)
    seen = answer_next_question(QMessageBox.StandardButton.No)
    assert form.save()
    assert seen == [
        "Chuyển Hoàng Văn Quý sang diện Người sử dụng trái phép chất ma túy từ ngày 23/11/2026?"
    ]
    assert stays(services, people["quy"]) == [("nghi_su_dung", date(2026, 2, 1), None)]
    assert form.moved_entry is None

    # The record view still offers the move, and makes it in one click.
    assert form.saved_test_id is not None
    record = tab.open_record(form.saved_test_id)
    assert record is not None
    assert record.move_panel.isVisible()
    assert record.move_button.text() == "Chuyển diện"
    record.change_list(ask=False)
    assert not record.move_panel.isVisible()
    assert stays(services, people["quy"])[-1] == ("su_dung", TODAY, None)


def test_a_negative_test_asks_nothing(
    tab: DrugTestsTab, services: Services, people: dict[str, int]
) -> None:
    form = tab.add_record(person_id=people["quy"])
    assert form.save()  # a question here would hang the test until its timeout
    assert stays(services, people["quy"]) == [("nghi_su_dung", date(2026, 2, 1), None)]


def test_refused_input_shows_messages_beside_the_fields_and_saves_nothing(
    tab: DrugTestsTab, services: Services
) -> None:
    before = services.drug_tests.ordered_ids(DrugTestCriteria())
    form = tab.add_record()
    form.substances.boxes[Substance.OTHER].setChecked(True)
    assert form.other_substance.isEnabled()
    form.method.setCurrentText("")
    assert not form.save(ask=False)
    assert form.isVisible()
    assert form.form.error("person_id") == "Chưa chọn đối tượng được test."
    assert form.form.error("method") == "Chưa nhập phương pháp test."
    assert form.form.error("other_substance") == (
        "Đã đánh dấu dương tính với chất “Khác”: hãy ghi tên chất."
    )
    assert services.drug_tests.ordered_ids(DrugTestCriteria()) == before
    # Unticking "Khác" takes its message away.
    form.substances.boxes[Substance.OTHER].setChecked(False)
    assert form.form.error("other_substance") == ""
    assert not form.other_substance.isEnabled()


def test_a_test_before_the_birth_is_refused_beside_the_date(
    tab: DrugTestsTab, services: Services, people: dict[str, int]
) -> None:
    form = tab.add_record(person_id=people["trang"])
    form.test_date.set_day(date(1999, 6, 1))
    assert not form.save(ask=False)
    assert form.form.error("test_date") == (
        "Ngày test (01/06/1999) ở trước năm sinh của Đinh Công Tráng (2000)."
    )


# --- the record view -----------------------------------------------------------------------
def test_enter_opens_the_record_with_its_history(
    qtbot: QtBot, tab: DrugTestsTab, tests_made: dict[str, int], services: Services
) -> None:
    assert tab.select_record(tests_made["quy_nov"])
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    (record,) = visible(tab, DrugTestRecordDialog)
    assert isinstance(record, DrugTestRecordDialog)
    assert record.values["person"].text() == "Hoàng Văn Quý (sinh năm 1985) — Thôn Đông"
    assert record.values["result"].text() == "Âm tính"
    assert record.values["summoned_by"].text() == "Thiếu úy Khúc"
    assert not record.move_panel.isVisible()
    assert record.audit_table.rowCount() == 1

    form = record.edit()
    form.substances.boxes[Substance.KETAMINE].setChecked(True)
    form.note.setPlainText("Mẫu thử lần hai")
    assert form.save(ask=False)
    # Saved: the view shows the new result and the edit at the top of its history.
    assert record.values["result"].text() == "DƯƠNG TÍNH"
    assert record.audit_table.rowCount() == 2
    action = record.audit_table.item(0, 2)
    assert action is not None and action.text() == "Sửa"
    record.audit_table.selectRow(0)
    details = record.details_text().splitlines()
    assert details[0] == ("Sửa kết quả test ma túy của Hoàng Văn Quý ngày 16/11/2026 (dương tính)")
    assert details[1:] == [
        "Kết quả: Âm tính → Dương tính",
        "Ketamine: Không → Có",
        "Ghi chú: — → Mẫu thử lần hai",
    ]
    # The form's move went through: the suspect is now a user from the test day.
    assert stays(services, record.record.person_id)[-1] == ("su_dung", date(2026, 11, 16), None)


def test_double_click_opens_the_record(
    qtbot: QtBot, tab: DrugTestsTab, tests_made: dict[str, int]
) -> None:
    row = tab.model.row_of(tests_made["man_nov"])
    assert row is not None
    rect = tab.table.visualRect(tab.model.index(row, 1))
    # The view opens only an item the same press began on, as a real double click does.
    QTest.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (record,) = visible(tab, DrugTestRecordDialog)
    assert isinstance(record, DrugTestRecordDialog)
    assert record.test_id == tests_made["man_nov"]
    assert record.values["substances"].text() == "Cần sa"


# --- deleting ------------------------------------------------------------------------------
def test_delete_asks_then_removes_and_selects_the_next(
    tab: DrugTestsTab, tests_made: dict[str, int], services: Services
) -> None:
    assert tab.select_record(tests_made["quy_nov"])
    seen = answer_next_question(QMessageBox.StandardButton.No)
    tab.delete_selected()
    assert seen == [
        "Xóa kết quả test ngày 16/11/2026 của Hoàng Văn Quý?\n\n"
        "Chỉ dùng khi kết quả được nhập nhầm. Thao tác được ghi vào nhật ký."
    ]
    assert tests_made["quy_nov"] in shown_ids(tab)

    tab.delete_selected(ask=False)
    assert shown_ids(tab) == [tests_made["man_nov"], tests_made["trang_nov"]]
    assert tab.selected_id() == tests_made["trang_nov"]
    assert tab.count_label.text() == "2 lượt test — 2 người — 1 dương tính"


# --- per sub-area --------------------------------------------------------------------------
def test_by_sub_area_shows_every_sub_area_for_the_period(
    tab: DrugTestsTab, tests_made: dict[str, int]
) -> None:
    tab.by_sub_area_button.click()
    (dialog,) = visible(tab, SubAreaRatesDialog)
    assert isinstance(dialog, SubAreaRatesDialog)
    rows = [
        [dialog.cell_text(row, column) for column in range(5)]
        for row in range(dialog.table.rowCount())
    ]
    assert rows == [
        ["1", "Thôn Đông", "1", "0", "0,0%"],
        ["2", "Thôn Đoài", "2", "1", "50,0%"],
        ["3", "Tổ dân phố Bắc", "0", "0", "—"],
        ["4", "Xóm Nam", "0", "0", "—"],
        ["", "Tổng cộng", "3", "1", "33,3%"],
    ]
    assert dialog.caption.text() == (
        "Kết quả test ma túy theo thôn, tổ dân phố, từ ngày 15/11/2026 đến ngày 23/11/2026"
    )
    # Another period: Lương Thị Mận is counted once for her two tests.
    dialog.set_period(date(2026, 10, 1), TODAY)
    assert [dialog.cell_text(1, column) for column in range(5)] == [
        "2",
        "Thôn Đoài",
        "2",
        "1",
        "50,0%",
    ]
    dialog.set_period(TODAY, date(2026, 11, 1))
    assert dialog.table.rowCount() == 0
    assert dialog.caption.text().startswith("Từ ngày (23/11/2026) ở sau đến ngày (01/11/2026)")


def test_by_sub_area_from_the_all_period_starts_on_the_current_period(
    tab: DrugTestsTab,
) -> None:
    tab.set_period(PeriodChoice.ALL)
    dialog = tab.show_by_sub_area()
    assert (dialog.date_from.day(), dialog.date_to.day()) == (date(2026, 11, 15), TODAY)
