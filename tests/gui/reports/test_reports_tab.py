"""The "Báo cáo" tab on a real database: period, figures, narrative, rendering, past reports."""

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.report_periods import PresetKind
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.gui.reports.period_choices import PeriodMode
from pcmt_desktop.gui.reports.tab import ReportsTab
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import CaseInput
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.targets import PhaseInput

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

FROM, TO = date(2026, 10, 15), date(2026, 11, 14)
TYPED = "Tuyên truyền tại 04 thôn, có 215 lượt người dân tham dự; đạt kết quả tốt."


class RecordingOpener:
    """Stands for the computer's programs: records what would be opened."""

    def __init__(self) -> None:
        self.opened: list[Path] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(Path(url.toLocalFile()))
        return True


@pytest.fixture
def opener() -> RecordingOpener:
    return RecordingOpener()


@pytest.fixture
def tab(qtbot: QtBot, services: Services, opener: RecordingOpener) -> Iterator[ReportsTab]:
    signals = ChangeSignals(services.context.bus)
    widget = ReportsTab(services, signals, opener=opener)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    yield widget
    signals.detach()


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


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` the active one: shortcuts go to the focused widget of that window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def handler(modal: QWidget) -> None:
        assert isinstance(modal, QMessageBox)
        modal.button(button).click()

    return handler


close_box = press(QMessageBox.StandardButton.Ok)


def dates(tab: ReportsTab) -> tuple[str, str]:
    start, end = tab.period.period()
    return f"{start:%d/%m/%Y}", f"{end:%d/%m/%Y}"


def add_records(services: Services) -> None:
    """Two users (one since before the period), an addict, a positive test, a case."""
    east, west = services.office.sub_areas()[:2]
    stays = (
        ("Trần Văn Bình", east.id, ManagementList.USER, date(2026, 9, 1)),
        ("Lê Thị Cúc", west.id, ManagementList.USER, date(2026, 10, 20)),
        ("Đặng Văn Dũng", east.id, ManagementList.ADDICT, date(2026, 11, 2)),
    )
    for name, area, key, start in stays:
        person = services.persons.add(PersonInput(name, birth_year=1990, sub_area_id=area))
        services.histories.add(
            HistoryKind.LIST,
            person.id,
            HistoryInput(start, None, {"list_key": key.value, "start_reason": "Test dương tính"}),
        )
        if name == "Lê Thị Cúc":
            services.drug_tests.add(
                DrugTestInput(
                    person.id,
                    date(2026, 10, 19),
                    substances=frozenset({Substance.METHAMPHETAMINE}),
                )
            )
    services.cases.add(
        CaseInput(CaseKind.CRIMINAL, date(2026, 11, 3), east.id, subjects=2, articles=("249",))
    )


def document_text(path: Path) -> str:
    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_tab_is_the_ninth_registry_of_the_main_window_under_ctrl_9(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    window = MainWindow(services, tmp_path / "pcmt.sqlite3")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    window.persons_tab.table.setFocus()
    assert window.tabs.tabText(9) == "Báo cáo"  # after "Tổng quan" and eight registries
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(window.persons_tab.table, press)
    assert window.tabs.currentWidget() is window.reports_tab
    # The "Bản ghi" menu's actions reach the tab too.
    window.current_tab().focus_search()
    assert QApplication.focusWidget() is window.reports_tab.template_combo


def test_presets_fill_the_dates_and_propose_the_comparison(tab: ReportsTab) -> None:
    # Today is 23/11/2026: the latest month is month 12, running 15/11–14/12.
    assert tab.period.mode() is PeriodMode.MONTH
    assert dates(tab) == ("15/11/2026", "14/12/2026")
    combo = tab.period.mode_combo
    expected = {
        PeriodMode.QUARTER: ("15/09/2026", "14/12/2026"),
        PeriodMode.HALF_YEAR: ("15/12/2025", "14/06/2026"),
        PeriodMode.NINE_MONTHS: ("15/12/2025", "14/09/2026"),
        PeriodMode.YEAR: ("15/12/2025", "14/12/2026"),
    }
    for mode, period in expected.items():
        combo.setCurrentIndex(combo.findData(mode.value))  # as the officer chooses it
        assert dates(tab) == period, mode
    assert tab.period.comparison() == "Cùng kỳ: 15/12/2024 – 14/12/2025"
    tab.period.choose_preset(PresetKind.MONTH, 2026, 1)
    assert dates(tab) == ("15/12/2025", "14/01/2026")
    tab.period.number_combo.setCurrentIndex(tab.period.number_combo.findData(2))
    assert dates(tab) == ("15/01/2026", "14/02/2026")
    tab.period.year_spin.setValue(2025)
    assert dates(tab) == ("15/01/2025", "14/02/2025")
    assert tab.period.comparison() == "Cùng kỳ: 15/01/2024 – 14/02/2024"
    tab.period.choose_preset(PresetKind.QUARTER, 2026, 2)
    assert dates(tab) == ("15/03/2026", "14/06/2026")
    assert tab.period.summary().startswith("Quý II năm 2026: 15/03/2026 – 14/06/2026")
    # A date changed by hand: the period is the officer's own.
    tab.period.to_edit.set_day(date(2026, 5, 31))
    assert tab.period.mode() is PeriodMode.CUSTOM
    assert dates(tab) == ("15/03/2026", "31/05/2026")
    assert tab.title_edit.placeholderText() == (
        "Báo cáo sơ kết, tổng kết định kỳ từ 15/03/2026 đến 31/05/2026"
    )


def test_a_campaign_phase_fills_its_dates(tab: ReportsTab, services: Services) -> None:
    first = services.targets.add_phase(
        PhaseInput("Giai đoạn 1", date(2026, 10, 15), date(2026, 11, 10))
    )
    running = services.targets.add_phase(
        PhaseInput("Giai đoạn 2", date(2026, 11, 11), date(2026, 11, 30))
    )
    tab.period.choose_mode(PeriodMode.PHASE)  # the running phase is proposed
    assert dates(tab) == ("11/11/2026", "30/11/2026")
    assert tab.period.phase_combo.currentData() == running.id
    tab.period.phase_combo.setCurrentIndex(tab.period.phase_combo.findData(first.id))
    assert dates(tab) == ("15/10/2026", "10/11/2026")
    assert tab.period.mode() is PeriodMode.PHASE
    tab.period.compare_box.setChecked(True)
    assert tab.period.comparison() == "Cùng kỳ: 15/10/2025 – 10/11/2025"


def test_the_preview_shows_the_registries_figures(tab: ReportsTab, services: Services) -> None:
    add_records(services)
    tab.period.set_dates(FROM, TO, compare=True)
    assert tab.show_figures(ask=False)
    view = tab.figures_view
    assert view.page_titles()[0] == "Danh sách quản lý"
    assert view.page_titles()[-1] == "Phân loại địa bàn"
    lists = view.table("Danh sách quản lý", "Số người trong từng diện quản lý")
    users = [lists.cell_text(2, column) for column in range(7)]
    assert users == ["Người sử dụng trái phép chất ma túy", "1", "1", "0", "2", "0", "+2"]
    addicts = [lists.cell_text(3, column) for column in range(5)]
    assert addicts == ["Người nghiện ma túy", "0", "1", "0", "1"]
    rates = view.table("Test ma túy", "Test và tỷ lệ dương tính theo địa bàn")
    assert rates.spec.headers[0] == "Thôn, tổ dân phố"
    assert rates.spec.rows[1] == ("Thôn Đoài", "1", "1", "100%")
    by_charge = view.table("Vụ việc", "Cơ cấu tội phạm theo tội danh")
    assert by_charge.spec.rows == (
        ("Điều 249 — Tàng trữ trái phép chất ma túy", "1", "100%", "2", "100%"),
    )
    assert "Số liệu từ ngày 15/10/2026 đến ngày 14/11/2026" in view.status.text()
    # A change in the registries makes the shown figures stale until recomputed.
    services.persons.add(PersonInput("Hồ Văn Em", birth_year=1999))
    assert "Dữ liệu đã thay đổi" in view.status.text()


def test_typed_narrative_goes_into_the_documents_and_the_list_of_reports(
    tab: ReportsTab, services: Services, opener: RecordingOpener, tmp_path: Path
) -> None:
    add_records(services)
    assert tab.choose_template("cao-diem", ask=False)
    tab.period.set_dates(FROM, TO, compare=False)
    tab.views.setCurrentIndex(1)
    edit = tab.narrative.edit("tuyen_truyen")
    edit.setFocus()
    type_text(edit, TYPED)
    assert tab.narrative.values()["tuyen_truyen"] == TYPED
    assert tab.narrative.is_modified()

    result = tab.make_report(folder=tmp_path, ask=False)

    assert result is not None and result.kept is not None
    docx = tmp_path / "BaoCao_cao-diem_2026-10-15_2026-11-14.docx"
    annex = tmp_path / "BaoCao_cao-diem_2026-10-15_2026-11-14_PhuLuc.xlsx"
    assert Path(result.kept.docx_path) == docx
    assert Path(result.kept.annex_path) == annex
    text = document_text(docx)
    assert TYPED in text
    # A figure, written the báo cáo's way.
    assert (
        "2. Số người sử dụng trái phép chất ma túy: trước ngày 15/10/2026 có 01 người; "
        "đến ngày 14/11/2026 có 02 người." in text
    )
    rows = list(load_workbook(annex)["Test ma túy"].iter_rows(values_only=True))
    assert (2, "Thôn Đoài", 1, 1, 100) in rows
    assert not tab.narrative.is_modified()  # what was typed is now kept with the report
    # The result panel opens the files with the computer's programs.
    tab.result_panel.open_docx_button.click()
    tab.result_panel.open_annex_button.click()
    tab.result_panel.open_folder_button.click()
    assert opener.opened == [docx, annex, tmp_path]
    # The report is in "Báo cáo đã lập", newest first.
    kept = tab.kept_view
    assert kept.table.rowCount() == 1
    row = [kept.table.item(0, column).text() for column in range(5)]  # type: ignore[union-attr]
    assert row == [
        "23/11/2026 09:30",
        "Báo cáo giai đoạn cao điểm",
        "15/10/2026 – 14/11/2026",
        "Báo cáo giai đoạn cao điểm từ 15/10/2026 đến 14/11/2026",
        "Quản trị viên",
    ]


def test_the_last_narrative_comes_back_and_can_be_reused(
    tab: ReportsTab, services: Services, tmp_path: Path
) -> None:
    assert tab.choose_template("so-ket", ask=False)
    tab.narrative.set_value("uu_diem", "Phối hợp chặt chẽ với các ngành.")
    tab.period.choose_preset(PresetKind.HALF_YEAR, 2026)
    assert tab.narrative.values()["ky_bao_cao"] == "6 tháng đầu năm 2026"
    tab.narrative.set_value("ky_tiep_theo", "6 tháng cuối năm 2026")
    first = tab.make_report(folder=tmp_path, ask=False)
    assert first is not None and first.kept is not None
    assert first.kept.title == "Báo cáo sơ kết, tổng kết định kỳ 6 tháng đầu năm 2026"

    # Another template, then the same again: its last report's text is offered.
    assert tab.choose_template("cao-diem", ask=False)
    assert tab.narrative.values().get("uu_diem", "") == ""
    assert tab.choose_template("so-ket", ask=False)
    assert tab.narrative.values()["uu_diem"] == "Phối hợp chặt chẽ với các ngành."
    # The chosen preset names the period in place of the last report's names (the
    # next period is left empty: the document names it from the period).
    assert tab.narrative.values()["ky_tiep_theo"] == ""
    tab.period.choose_preset(PresetKind.YEAR, 2026)
    assert tab.narrative.values()["ky_bao_cao"] == "năm 2026"
    assert not tab.narrative.is_modified()  # suggestions are not the officer's changes
    # ... but not a name the officer wrote.
    tab.narrative.set_value("ky_bao_cao", "năm 2026 (số liệu đến 14/11)")
    tab.period.choose_preset(PresetKind.NINE_MONTHS, 2026)
    assert tab.narrative.values()["ky_bao_cao"] == "năm 2026 (số liệu đến 14/11)"

    # "Dùng lại lời văn" puts the template, period and text of a past report back.
    assert tab.choose_template("cao-diem", ask=False)
    tab.kept_view.select(first.kept.id)
    tab.kept_view.reuse_button.click()
    assert tab.template_name() == "so-ket"
    assert tab.template_combo.currentData() == "so-ket"
    assert dates(tab) == ("15/12/2025", "14/06/2026")
    assert tab.narrative.values()["uu_diem"] == "Phối hợp chặt chẽ với các ngành."
    assert tab.narrative.values()["ky_bao_cao"] == "6 tháng đầu năm 2026"
    assert tab.views.currentIndex() == 1


def test_a_period_from_after_to_is_refused_and_nothing_is_rendered(
    qtbot: QtBot, tab: ReportsTab, tmp_path: Path
) -> None:
    tab.period.set_dates(date(2026, 11, 14), date(2026, 10, 15))
    message = "Từ ngày 14/11/2026 ở sau đến ngày 15/10/2026: hãy chọn lại kỳ báo cáo."
    assert tab.period.problem_label.isVisibleTo(tab)
    assert tab.period.problem_label.text() == message
    assert tab.period.comparison() == ""
    assert not tab.show_figures(ask=False)
    assert tab.last_message == message
    assert tab.figures_view.figures() is None
    assert tab.make_report(folder=tmp_path, ask=False) is None
    assert not any(path.name.startswith("BaoCao") for path in tmp_path.iterdir())
    assert tab.service.kept.all() == []
    # From the keyboard the officer gets the same message in a box.
    activate(qtbot, tab)
    tab.narrative.edit("uu_diem").setFocus()
    seen = handle_next_modal(close_box)
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(tab.narrative.edit("uu_diem"), press)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [message]
    assert tab.narrative.values()["uu_diem"] == ""  # Ctrl+Enter typed no new line


def test_f5_computes_the_figures(qtbot: QtBot, tab: ReportsTab) -> None:
    activate(qtbot, tab)
    tab.period.mode_combo.setFocus()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tab.period.mode_combo, press)
    assert tab.figures_view.figures() is not None
    assert tab.figures_view.pages.isVisibleTo(tab)


def test_a_moved_file_is_said_and_a_report_can_be_deleted(
    tab: ReportsTab, opener: RecordingOpener, tmp_path: Path
) -> None:
    result = tab.make_report(folder=tmp_path, ask=False)
    assert result is not None and result.kept is not None
    Path(result.kept.docx_path).unlink()
    tab.views.setCurrentIndex(2)
    tab.kept_view.open_docx_button.click()
    assert opener.opened == []
    assert tab.last_message.startswith(f"Không tìm thấy báo cáo {result.kept.docx_path}")
    assert "bị chuyển đi nơi khác hoặc bị xóa" in tab.kept_view.message.text()
    tab.kept_view.open_annex_button.click()
    assert opener.opened == [Path(result.kept.annex_path)]
    assert tab.kept_view.delete_selected(ask=False)
    assert tab.kept_view.table.rowCount() == 0
    assert tab.service.kept.all() == []
    assert Path(result.kept.annex_path).exists()  # the files on disk are left alone


def test_the_key_route_tick_is_saved_and_the_classification_recomputed(
    qtbot: QtBot, tab: ReportsTab, services: Services
) -> None:
    tab.period.choose_preset(PresetKind.YEAR, 2026)
    assert tab.show_figures(ask=False)
    areas = tab.figures_view.area_classes
    assert areas.note.text().startswith("Năm phân loại: từ 15/12/2025 đến 14/12/2026.")
    assert not areas.is_key_route("Thôn Đông")
    areas.set_key_route("Thôn Đông", True)
    qtbot.waitUntil(lambda: services.office.sub_areas()[0].on_key_route)
    assert areas.is_key_route("Thôn Đông")  # shown from the recomputed figures
    assert areas.cell("Công an xã Thử Nghiệm", 2) == "Có"  # the office lies on it through it
    areas.set_key_route("Thôn Đông", False)
    qtbot.waitUntil(lambda: not services.office.sub_areas()[0].on_key_route)
    assert not areas.is_key_route("Thôn Đông")


def test_changing_template_asks_before_throwing_away_typed_text(
    qtbot: QtBot, tab: ReportsTab
) -> None:
    assert tab.template_name() == "so-ket"
    type_text(tab.narrative.edit("kien_nghi"), "Đề nghị bổ sung kinh phí.")
    combo = tab.template_combo

    def choose(name: str, answer: QMessageBox.StandardButton) -> list[str]:
        seen = handle_next_modal(press(answer))
        combo.setCurrentIndex(combo.findData(name))  # as the officer picks it
        combo.activated.emit(combo.currentIndex())
        qtbot.waitUntil(lambda: bool(seen))
        return seen

    seen = choose("cao-diem", QMessageBox.StandardButton.No)
    assert seen[0].startswith("Đổi mẫu sẽ thay lời văn đang soạn")
    assert tab.template_name() == "so-ket"
    assert combo.currentData() == "so-ket"
    assert tab.narrative.values()["kien_nghi"] == "Đề nghị bổ sung kinh phí."
    choose("cao-diem", QMessageBox.StandardButton.Yes)
    assert tab.template_name() == "cao-diem"
    assert tab.narrative.values()["kien_nghi"] == ""
