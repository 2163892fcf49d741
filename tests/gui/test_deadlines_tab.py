"""The "Đến hạn" tab driven offscreen: sections, colours, bulk end, opening records."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.dossier_steps import StepKind
from pcmt_desktop.domain.hotspots import HotspotKind
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.deadlines.alert_table import AlertSection
from pcmt_desktop.gui.registries.deadlines.tab import DeadlinesTab
from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog
from pcmt_desktop.gui.widgets.keyed_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.registry import Services
from tests.gui.test_persons_tab import handle_next_modal, press, type_text
from tests.services.test_deadlines import Office, build_office
from tests.services.test_management_periods import add_person

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

TODAY = date(2026, 11, 23)
STAYS_DUE = ["Âu Văn Bảo", "Nguyễn Văn An", "Trịnh Thị Cúc", "Đinh Thị Hoa", "Phan Văn Dư"]


@pytest.fixture
def office(services: Services) -> Office:
    built = build_office(services)
    area = services.office.sub_areas()[1].id
    services.hotspots.add(
        HotspotInput(
            kind=HotspotKind.COMPLEX_DEN.value,
            name="Nhà trọ cuối ngõ",
            entered_on=date(2026, 5, 4),
            sub_area_id=area,
        )
    )
    dossier = services.dossiers.open_dossier(
        add_person(services, "Triệu Văn Muộn", sub_area=2),
        found_on=date(2026, 10, 1),
        created_on=date(2026, 10, 2),
    ).id
    services.dossiers.add_step(dossier, StepKind.SENT_TO_COURT, date(2026, 10, 6))
    services.dossiers.add_step(dossier, StepKind.COURT_ACCEPTED, date(2026, 10, 6))
    return built


@pytest.fixture
def signals(services: Services) -> Iterator[ChangeSignals]:
    made = ChangeSignals(services.context.bus)
    yield made
    made.detach()


@pytest.fixture
def tab(qtbot: QtBot, services: Services, office: Office, signals: ChangeSignals) -> DeadlinesTab:
    widget = DeadlinesTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    return widget


def titles(section: AlertSection) -> list[str]:
    model = section.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def background(section: AlertSection, row: int) -> object:
    brush = section.model.index(row, 3).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color() if isinstance(brush, QBrush) else None


def person_named(services: Services, name: str) -> int:
    return services.persons.find(name)[0].id


def select_titles(section: AlertSection, *names: str) -> None:
    section.table.clearSelection()
    ids = [section.model.id_at(titles(section).index(name)) for name in names]
    assert section.select_ids([record_id for record_id in ids if record_id is not None]) == len(
        names
    )


# --- what is shown --------------------------------------------------------------------------
def test_three_sections_with_their_counts_overdue_first(tab: DeadlinesTab) -> None:
    assert titles(tab.stays) == STAYS_DUE
    assert tab.stays.title() == (
        "Diện quản lý hết thời hạn trong 30 ngày tới hoặc đã quá hạn: 05 (quá hạn 02)"
    )
    assert titles(tab.dossiers) == ["Triệu Văn Muộn"]
    assert tab.dossiers.title() == "Hồ sơ CNBB quá hạn hoặc còn dưới 7 ngày: 01 (quá hạn 01)"
    assert titles(tab.hotspots) == ["Nhà trọ cuối ngõ"]
    assert tab.hotspots.title() == "Điểm, tụ điểm hết thời gian đấu tranh: 01 (quá hạn 01)"
    assert tab.count_label.text() == "Tính đến ngày 23/11/2026: 07 việc, 04 đã quá hạn"
    model = tab.stays.model
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Thôn, tổ dân phố"
    assert [model.index(0, column).data() for column in range(5)] == [
        "Âu Văn Bảo",
        "Tổ dân phố Bắc",
        "Hết thời hạn quản lý người sử dụng (12 tháng theo Luật Phòng, chống ma túy 2021, Điều 23)",
        "01/10/2026",
        "Quá hạn 53 ngày",
    ]
    assert [model.index(row, 4).data() for row in range(2, 5)] == [
        "Đến hạn hôm nay",
        "Còn 07 ngày",
        "Còn 17 ngày",
    ]


def test_overdue_rows_are_red_and_soon_ones_amber(tab: DeadlinesTab) -> None:
    assert [background(tab.stays, row) for row in range(5)] == [
        OVERDUE_COLOUR,
        OVERDUE_COLOUR,
        DUE_SOON_COLOUR,  # today
        DUE_SOON_COLOUR,  # in 7 days
        None,  # in 17 days
    ]
    assert background(tab.dossiers, 0) == OVERDUE_COLOUR
    assert background(tab.hotspots, 0) == OVERDUE_COLOUR


def test_the_section_models_pass_qts_model_checks(
    tab: DeadlinesTab, qtmodeltester: ModelTester
) -> None:
    for section in (tab.stays, tab.dossiers, tab.hotspots):
        qtmodeltester.check(section.model)  # type: ignore[no-untyped-call]  # pytest-qt: untyped


def test_typing_filters_every_section_without_accents(tab: DeadlinesTab, qtbot: QtBot) -> None:
    tab.focus_search()
    type_text(tab.search, "au van")
    qtbot.waitUntil(lambda: titles(tab.stays) == ["Âu Văn Bảo"])
    assert tab.stays.title().endswith("05 (quá hạn 02) — đang hiện 01")
    assert titles(tab.dossiers) == []
    tab.search.clear()
    qtbot.waitUntil(lambda: titles(tab.stays) == STAYS_DUE)


def test_a_header_click_sorts_by_name(tab: DeadlinesTab) -> None:
    tab.stays.table.horizontalHeader().sectionClicked.emit(0)
    tab.stays.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert titles(tab.stays) == [
        "Âu Văn Bảo",
        "Đinh Thị Hoa",
        "Nguyễn Văn An",
        "Phan Văn Dư",
        "Trịnh Thị Cúc",
    ]


# --- ending in bulk ---------------------------------------------------------------------------
def test_select_all_due_then_end_them_and_the_rows_disappear(
    tab: DeadlinesTab, services: Services, qtbot: QtBot
) -> None:
    assert tab.select_all_due() == 3
    assert [alert.title for alert in tab.stays.selected_alerts()] == STAYS_DUE[:3]
    assert tab.end_button.isEnabled()
    with qtbot.waitSignal(tab.status_message) as said:
        assert tab.end_selected(ask=False) == 3
    assert said.args == ["Đã thanh loại 03 người khỏi diện quản lý, lý do “Hết thời gian quản lý”."]
    assert titles(tab.stays) == ["Đinh Thị Hoa", "Phan Văn Dư"]
    assert tab.stays.title().endswith(": 02")
    assert not tab.end_button.isEnabled()
    (entry,) = services.histories.entries(person_named(services, "Âu Văn Bảo"), HistoryKind.LIST)
    assert (entry.end, entry.values["end_reason"]) == (
        date(2026, 10, 1),
        "Hết thời gian quản lý",
    )
    (entry,) = services.histories.entries(person_named(services, "Trịnh Thị Cúc"), HistoryKind.LIST)
    assert entry.end == TODAY


def test_the_question_gives_the_count_the_reason_and_each_due_date(
    tab: DeadlinesTab, services: Services
) -> None:
    select_titles(tab.stays, "Nguyễn Văn An", "Trịnh Thị Cúc")
    seen = handle_next_modal(press(QMessageBox.StandardButton.No))
    assert tab.end_selected() == 0
    assert seen == [
        "Thanh loại 02 người khỏi diện quản lý, lý do “Hết thời gian quản lý”?\n"
        "Mỗi người được thanh loại vào đúng ngày hết thời hạn quản lý của mình:\n\n"
        "• Nguyễn Văn An — ngày 01/10/2026\n"
        "• Trịnh Thị Cúc — ngày 23/11/2026\n\n"
        "Thao tác được ghi vào nhật ký."
    ]
    assert titles(tab.stays) == STAYS_DUE  # "Không": nothing ended

    seen = handle_next_modal(press(QMessageBox.StandardButton.Yes))
    tab.end_button.click()
    assert len(seen) == 1
    assert titles(tab.stays) == ["Âu Văn Bảo", "Đinh Thị Hoa", "Phan Văn Dư"]


def test_a_stay_not_yet_due_refuses_the_whole_selection(
    tab: DeadlinesTab, services: Services
) -> None:
    select_titles(tab.stays, "Nguyễn Văn An", "Phan Văn Dư")
    seen = handle_next_modal(press(QMessageBox.StandardButton.Ok))
    assert tab.end_selected(ask=False) == 0
    assert seen == ["Phan Văn Dư: chưa đến hạn (hết thời hạn quản lý ngày 10/12/2026)."]
    assert titles(tab.stays) == STAYS_DUE
    (entry,) = services.histories.entries(person_named(services, "Nguyễn Văn An"), HistoryKind.LIST)
    assert entry.end is None


def test_nothing_selected_ends_nothing(tab: DeadlinesTab, qtbot: QtBot) -> None:
    tab.stays.table.clearSelection()
    with qtbot.waitSignal(tab.status_message) as said:
        assert tab.end_selected(ask=False) == 0
    assert said.args == ["Chưa chọn người nào để thanh loại."]


# --- opening records --------------------------------------------------------------------------
def test_enter_on_a_stay_opens_the_persons_record(
    tab: DeadlinesTab, services: Services, qtbot: QtBot
) -> None:
    select_titles(tab.stays, "Trịnh Thị Cúc")
    tab.stays.table.setFocus()
    QTest.keyClick(tab.stays.table, Qt.Key.Key_Return)
    dialog = tab.person_dialog
    assert isinstance(dialog, PersonHistoryDialog)
    assert dialog.isVisible()
    assert dialog.person_id == person_named(services, "Trịnh Thị Cúc")
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_double_click_on_a_dossier_asks_for_its_tab(tab: DeadlinesTab, qtbot: QtBot) -> None:
    index = tab.dossiers.model.index(0, 0)
    dossier_id = tab.dossiers.model.id_at(0)
    tab.dossiers.table.selectRow(0)
    with qtbot.waitSignal(tab.open_record_requested) as asked:
        tab.dossiers.table.doubleClicked.emit(index)
    assert asked.args == ["dossier", dossier_id]


def test_enter_on_a_hotspot_asks_for_its_tab(tab: DeadlinesTab, qtbot: QtBot) -> None:
    tab.hotspots.table.selectRow(0)
    tab.hotspots.table.setFocus()
    with qtbot.waitSignal(tab.open_record_requested) as asked:
        QTest.keyClick(tab.hotspots.table, Qt.Key.Key_Enter)
    assert asked.args == ["hotspot", tab.hotspots.model.id_at(0)]
    with qtbot.assertNotEmitted(tab.open_record_requested):
        tab.hotspots.table.doubleClicked.emit(QModelIndex())  # below the rows: nothing


def test_select_record_finds_a_stay(tab: DeadlinesTab, office: Office) -> None:
    assert tab.select_record(office.soon)
    assert [alert.record_id for alert in tab.stays.selected_alerts()] == [office.soon]
    assert not tab.select_record(office.beyond_window)


# --- staying current ------------------------------------------------------------------------
def test_a_stay_ended_elsewhere_leaves_the_list(
    tab: DeadlinesTab, services: Services, office: Office
) -> None:
    services.histories.end(
        HistoryKind.LIST, office.overdue, date(2026, 10, 5), "Đi khỏi địa phương"
    )
    assert "Nguyễn Văn An" not in titles(tab.stays)


def test_a_hidden_tab_reads_again_when_shown(
    tab: DeadlinesTab, services: Services, office: Office
) -> None:
    tab.hide()
    services.histories.end(HistoryKind.LIST, office.soon, date(2026, 11, 1), "Chết")
    assert "Phan Văn Dư" in titles(tab.stays)  # not read while hidden
    tab.show()
    assert "Phan Văn Dư" not in titles(tab.stays)


def test_the_add_and_delete_actions_only_explain(tab: DeadlinesTab, qtbot: QtBot) -> None:
    with qtbot.waitSignal(tab.status_message):
        tab.add_record()
    with qtbot.waitSignal(tab.status_message):
        tab.delete_selected(ask=False)
    assert titles(tab.stays) == STAYS_DUE
