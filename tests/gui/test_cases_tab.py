"""The cases tab, its form and its record dialog, driven like an officer would."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.cases.amounts import (
    AmountError,
    format_grams,
    format_money,
    parse_grams,
    parse_money,
)
from pcmt_desktop.gui.registries.cases.form import CaseFormDialog
from pcmt_desktop.gui.registries.cases.record import CaseRecordDialog
from pcmt_desktop.gui.registries.cases.tab import CasesTab, report_year_start
from pcmt_desktop.services.case_types import CaseKind, SeizedItems
from pcmt_desktop.services.cases import CaseInput, SubjectInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.services.support import dump

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def type_text(widget: QWidget, text: str) -> None:
    for character in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


def _add_cases(services: Services) -> tuple[int, int, int]:
    area = services.office.sub_areas()[1].id
    first = services.cases.add(
        CaseInput(
            CaseKind.CRIMINAL,
            date(2026, 2, 20),
            area,
            summary="Mua bán heroin tại chợ phiên",
            subjects=2,
            articles=("249", "251"),
            prosecuted=True,
            defendants=2,
            named_subjects=(SubjectInput("Đinh Văn Lực", 1985),),
            seized=SeizedItems(heroin_g=4.024, cash_vnd=2_010_000),
        )
    )
    second = services.cases.add(
        CaseInput(
            CaseKind.ADMINISTRATIVE,
            date(2026, 3, 8),
            area,
            subjects=1,
            act="Sử dụng trái phép chất ma túy",
            fine_vnd=1_500_000,
        )
    )
    old = services.cases.add(
        CaseInput(CaseKind.CRIMINAL, date(2025, 6, 1), area, subjects=1, articles=("255",))
    )
    return first.id, second.id, old.id


@pytest.fixture
def tab(qtbot: QtBot, services: Services) -> Iterator[CasesTab]:
    signals = ChangeSignals(services.context.bus)
    widget = CasesTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    yield widget
    signals.detach()


def test_amounts_are_read_as_officers_type_them() -> None:
    assert parse_grams("5,524", "Heroin") == parse_grams("5.524", "Heroin") == 5.524
    assert parse_grams(" ", "Heroin") == 0.0
    assert parse_money("3.510.000", "Tiền") == parse_money("3510000", "Tiền") == 3_510_000
    assert parse_money("3,510,000", "Tiền") == 3_510_000
    assert parse_money("", "Tiền") is None
    for wrong in ("1,5", "12.34.567", "abc", "-100"):
        with pytest.raises(AmountError, match="không phải là số đồng"):
            parse_money(wrong, "Tiền")
    with pytest.raises(AmountError, match="Heroin: “5,5,2” không phải là số"):
        parse_grams("5,5,2", "Heroin")
    assert (format_grams(5.524), format_grams(72.85), format_grams(3.0)) == ("5,524", "72,85", "3")
    assert format_money(26_500_000) == "26.500.000"


def test_report_year_starts_on_15_december() -> None:
    assert report_year_start(date(2026, 11, 23)) == date(2025, 12, 15)
    assert report_year_start(date(2026, 12, 15)) == date(2026, 12, 15)


def test_tab_lists_the_reporting_year_with_its_figures(
    qtbot: QtBot, services: Services, qtmodeltester: ModelTester
) -> None:
    first, second, old = _add_cases(services)
    signals = ChangeSignals(services.context.bus)
    tab = CasesTab(services, signals)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it untyped
    # From 15/12/2025 (the reporting year) to today: the 2025 case is not shown.
    assert [tab.model.id_at(row) for row in range(tab.model.rowCount())] == [second, first]
    assert tab.count_label.text() == "2 vụ việc"
    summary = tab.summary_label.text()
    assert "Từ 15/12/2025 đến 23/11/2026" in summary
    assert "<b>hình sự</b> 1 vụ, 2 đối tượng (khởi tố 1 vụ, 2 bị can; tiếp nhận 0 vụ)" in summary
    assert "<b>hành chính</b> 1 vụ, 1 đối tượng, phạt 1.500.000 đồng" in summary
    row = tab.model.row_of(first)
    assert row is not None
    texts = [tab.model.index(row, column).data() for column in range(tab.model.columnCount())]
    assert texts[:6] == [
        "20/02/2026",
        "Hình sự",
        "Thôn Đoài",
        "Mua bán heroin tại chợ phiên",
        "Điều 249, Điều 251",
        "2",
    ]
    assert texts[6] == "Khởi tố, 2 bị can"
    assert texts[9] == "4,024 g heroin; 2.010.000 đồng"
    # Selecting a hidden case widens the filters.
    assert tab.select_record(old)
    assert tab.selected_id() == old
    assert tab.model.total() == 3
    signals.detach()


def test_filters_and_accent_free_search(qtbot: QtBot, services: Services, tab: CasesTab) -> None:
    first, second, _old = _add_cases(services)
    tab.model.refresh()
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(CaseKind.ADMINISTRATIVE.value))
    assert tab.model.total() == 1 and tab.model.id_at(0) == second
    assert "<b>hình sự</b> 1 vụ" in tab.summary_label.text()  # the period's figures, both kinds
    tab.kind_combo.setCurrentIndex(0)
    type_text(tab.search, "lực")
    qtbot.waitUntil(lambda: tab.model.total() == 1)
    assert tab.model.id_at(0) == first
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.model.total() == 2)
    tab.article_combo.setCurrentIndex(tab.article_combo.findData("251"))
    assert tab.model.total() == 1
    tab.article_combo.setCurrentIndex(0)
    tab.sub_area_combo.setCurrentIndex(
        tab.sub_area_combo.findData(services.office.sub_areas()[0].id)
    )
    assert tab.model.total() == 0
    assert tab.empty_label.isVisible()
    assert "(Thôn Đông)" in tab.summary_label.text()


def test_form_refuses_bad_input_beside_each_field_and_writes_nothing(
    qtbot: QtBot, services: Services
) -> None:
    form = CaseFormDialog(services, None)
    qtbot.addWidget(form)
    form.show()
    before = dump(services)
    form.seized_edits["heroin_g"].setText("5,5,2")
    form.seized_edits["cash_vnd"].setText("1,5")
    assert not form.save()
    assert form.error("heroin_g").startswith("Heroin (gam): “5,5,2” không phải là số")
    assert form.error("cash_vnd").startswith("Tiền mặt (đồng): “1,5” không phải là số đồng")
    form.seized_edits["heroin_g"].setText("5,524")
    form.seized_edits["cash_vnd"].setText("3.510.000")
    # No charge ticked: the service's refusal lands under the charges list.
    assert not form.save()
    assert form.error("articles") == "Chọn ít nhất một tội danh (điều luật) của vụ án."
    assert form.error("heroin_g") == ""
    form.set_articles(["249"])
    form.prosecuted.setChecked(True)
    form.subjects.setValue(1)
    form.defendants.setValue(3)
    assert not form.save()
    assert form.error("defendants") == "Số bị can (3) không được nhiều hơn số đối tượng (1)."
    assert dump(services) == before
    form.defendants.setValue(1)
    assert form.save()
    assert form.saved_case_id is not None
    record = services.cases.get(form.saved_case_id)
    assert record.seized.heroin_g == pytest.approx(5.524)
    assert record.seized.cash_vnd == 3_510_000
    assert record.articles == ("249",)


def test_form_for_a_violation_with_subjects_from_the_registry(
    qtbot: QtBot, services: Services
) -> None:
    person = services.persons.add(
        PersonInput(full_name="Bế Thị Nhung", birth_year=1999, sub_area_id=None)
    )
    form = CaseFormDialog(services, None, kind=CaseKind.ADMINISTRATIVE)
    qtbot.addWidget(form)
    form.show()
    assert not form.articles.isVisibleTo(form)
    assert form.act.isVisibleTo(form)
    form.fine.setText("2.000.000")
    assert form.subjects_editor.add_person(person.id)
    assert not form.subjects_editor.add_person(person.id)  # already listed
    form.subjects_editor.add_named("Đinh Văn Lực", 1985)
    assert form.subjects.value() == 2  # raised to the subjects named
    form.subjects_editor.table.item(1, 1).setText("19x5")  # type: ignore[union-attr]
    assert not form.save()
    assert "năm sinh “19x5” phải là 4 chữ số" in form.error("named_subjects")
    form.subjects_editor.table.item(1, 1).setText("1985")  # type: ignore[union-attr]
    assert form.save()
    assert form.saved_case_id is not None
    record = services.cases.get(form.saved_case_id)
    assert record.kind is CaseKind.ADMINISTRATIVE
    assert record.fine_vnd == 2_000_000
    assert [(s.full_name, s.person_id) for s in record.named_subjects] == [
        ("Bế Thị Nhung", person.id),
        ("Đinh Văn Lực", None),
    ]


def test_edit_and_record_history(qtbot: QtBot, services: Services) -> None:
    first, _second, _old = _add_cases(services)
    form = CaseFormDialog(services, first)
    qtbot.addWidget(form)
    assert form.checked_articles() == ["249", "251"]
    assert form.seized_edits["heroin_g"].text() == "4,024"
    assert form.seized_edits["cash_vnd"].text() == "2.010.000"
    form.received_from.setCurrentText("Bộ đội Biên phòng")
    assert form.save()
    record = CaseRecordDialog(services, first)
    qtbot.addWidget(record)
    assert record.history.rowCount() == 2
    assert record.history.details_at(0).splitlines() == [
        "Sửa vụ án hình sự ngày 20/02/2026",
        "Tiếp nhận từ: — → Bộ đội Biên phòng",
    ]
    assert "Ngày xảy ra: 20/02/2026" in record.history.details_at(1)
    assert "Tội danh (điều): Điều 249, Điều 251" in record.history.details_at(1)
    assert "Heroin (gam): 4,024" in record.history.details_at(1)
    assert "Tiếp nhận từ</td><td>Bộ đội Biên phòng" in record.details.text()
    assert record.subjects.item(0, 0).text() == "Đinh Văn Lực"  # type: ignore[union-attr]


def test_delete_selected_and_refresh_on_changes(
    qtbot: QtBot, services: Services, tab: CasesTab
) -> None:
    first, second, _old = _add_cases(services)
    assert tab.model.total() == 2  # refreshed by the change signal
    assert tab.select_record(first)
    tab.delete_selected(ask=False)
    assert tab.model.total() == 1
    assert tab.selected_id() == second
    assert "<b>hình sự</b> 0 vụ" in tab.summary_label.text()
