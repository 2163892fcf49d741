"""The level above's window on a real store: receiving files, combined figures, the báo cáo."""

import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.number_text import format_count
from pcmt_desktop.gui.reports.area_classes_view import KEY_ROUTE_COLUMN
from pcmt_desktop.gui.reports.figure_table import TOTAL_LABEL, Kind, written
from pcmt_desktop.gui.reports.table_widget import FigureTableWidget
from pcmt_desktop.gui.upper.office_tables import HISTORY_TITLE, OFFICES_TITLE
from pcmt_desktop.gui.upper.reception import LineKind, Reception, skipped_message
from pcmt_desktop.gui.upper.window import UpperWindow
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.targets import TargetService
from pcmt_desktop.store.database import Database
from pcmt_desktop.upper.figures import combined_figures
from pcmt_desktop.upper.store import UpperStore
from tests.gui.upper.conftest import OTHER_PASSPHRASE, Asker, Districts, RecordingOpener
from tests.upper.offices import PASSPHRASE, PERIOD, TODAY

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

WAIT_MS = 60_000


def receive(
    qtbot: QtBot, window: UpperWindow, files: list[Path], passphrase: str = PASSPHRASE
) -> Reception:
    page = window.received_page
    reception = page.receive(files, passphrase=passphrase)
    assert reception is not None
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    return reception


def table(window: UpperWindow, title: str) -> FigureTableWidget:
    body = window.received_page.body
    assert body is not None
    return next(t for t in body.findChildren(FigureTableWidget) if t.spec.title == title)


def column(widget: FigureTableWidget, index: int) -> list[str]:
    return [widget.cell_text(row, index) for row in range(widget.rowCount())]


def compute(qtbot: QtBot, window: UpperWindow) -> None:
    page = window.combined_page
    page.period.set_dates(*PERIOD, compare=True)
    with qtbot.waitSignal(page.computed, timeout=WAIT_MS):
        assert page.show_figures(ask=False)


def test_two_offices_received_through_the_window_are_listed(
    qtbot: QtBot, window: UpperWindow, store: UpperStore, districts: Districts
) -> None:
    assert table(window, OFFICES_TITLE).spec.rows == ()

    reception = receive(qtbot, window, [districts.hoa_an.backup, districts.binh_minh.backup])

    assert [line.kind for line in reception.lines] == [LineKind.CHANGED, LineKind.CHANGED]
    assert reception.lines[0].message.startswith("Đã nhận dữ liệu của “Công an xã Hòa An”")
    offices = table(window, OFFICES_TITLE)
    assert column(offices, 0) == [
        "Công an xã Bình Minh",
        "Công an xã Hòa An",
        f"{TOTAL_LABEL} (2 đơn vị)",
    ]
    received = (districts.hoa_an, districts.binh_minh)
    persons = sum(office.manifest.counts["person"] for office in received)
    assert offices.cell_text(2, 4) == written(persons)
    assert column(table(window, HISTORY_TITLE), 1) == ["Công an xã Bình Minh", "Công an xã Hòa An"]
    assert [backup.office_name for backup in store.offices()] == [
        "Công an xã Bình Minh",
        "Công an xã Hòa An",
    ]
    assert "Đã xong 2 tệp: 2 tệp cập nhật dữ liệu" in window.received_page.results_text()


def test_a_file_whose_passphrase_is_not_given_is_reported_and_adds_nothing(
    qtbot: QtBot, window: UpperWindow, store: UpperStore, districts: Districts, asker: Asker
) -> None:
    reception = receive(qtbot, window, [districts.tan_phu.backup])

    ((asked_file, problem),) = asker.asked
    assert asked_file == districts.tan_phu.backup
    assert problem.startswith("Mật khẩu không đúng với tệp sao lưu")
    (line,) = reception.lines
    assert line.kind is LineKind.REFUSED
    assert line.message == skipped_message(districts.tan_phu.backup)
    assert store.offices() == []
    assert store.history() == []
    assert table(window, OFFICES_TITLE).spec.rows == ()
    assert "tan-phu.pcmtbk" in window.received_page.results_text()


def test_a_passphrase_typed_for_one_file_is_tried_on_the_next_ones(
    qtbot: QtBot, window: UpperWindow, store: UpperStore, districts: Districts, asker: Asker
) -> None:
    asker.answer = OTHER_PASSPHRASE

    reception = receive(qtbot, window, [districts.tan_phu.backup, districts.hoa_an.backup])

    # Asked once, for Tân Phú; Hòa An opened with the first passphrase without asking.
    assert [path for path, _problem in asker.asked] == [districts.tan_phu.backup]
    assert [line.kind for line in reception.lines] == [LineKind.CHANGED, LineKind.CHANGED]
    assert {backup.office_name for backup in store.offices()} == {
        "Công an thị trấn Tân Phú",
        "Công an xã Hòa An",
    }


def test_a_file_received_again_changes_nothing_and_says_so(
    qtbot: QtBot, window: UpperWindow, store: UpperStore, districts: Districts
) -> None:
    receive(qtbot, window, [districts.hoa_an.backup])

    (line,) = receive(qtbot, window, [districts.hoa_an.backup]).lines

    assert line.kind is LineKind.UNCHANGED
    assert "đã được nhận trước đây" in line.message
    assert len(store.history()) == 1


def test_a_damaged_file_is_refused_with_the_reason(
    qtbot: QtBot, window: UpperWindow, store: UpperStore, districts: Districts, tmp_path: Path
) -> None:
    damaged = tmp_path / "hong.pcmtbk"
    shutil.copyfile(districts.hoa_an.backup, damaged)
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))

    (line,) = receive(qtbot, window, [damaged]).lines

    assert line.kind is LineKind.REFUSED
    assert "bị hỏng" in line.message
    assert store.offices() == []


def test_while_files_are_received_the_window_stays_open_and_computes_nothing(
    qtbot: QtBot, window: UpperWindow, districts: Districts
) -> None:
    window.received_page.receive([districts.hoa_an.backup], passphrase=PASSPHRASE)

    assert not window.close()
    assert not window.received_page.receive_button.isEnabled()
    page = window.combined_page
    assert not page.preview_button.isEnabled()
    assert not page.show_figures(ask=False)
    assert page.last_message.startswith("Đang nhận tệp sao lưu")
    qtbot.waitUntil(lambda: not window.busy, timeout=WAIT_MS)
    assert window.received_page.receive_button.isEnabled()
    assert page.preview_button.isEnabled()


def test_the_combined_figures_shown_are_the_store_s(
    qtbot: QtBot, window: UpperWindow, store: UpperStore, districts: Districts
) -> None:
    receive(qtbot, window, [districts.hoa_an.backup, districts.binh_minh.backup])
    window.tabs.setCurrentWidget(window.combined_page)

    compute(qtbot, window)

    view = window.combined_page.figures_view
    expected = combined_figures(store, *PERIOD, compare=True, today=lambda: TODAY)
    assert view.figures() == expected
    titles = view.page_titles()
    assert (titles[0], titles[-1]) == ("Theo đơn vị", "Phân loại địa bàn")
    tests = view.table("Theo đơn vị", "Test ma túy")
    assert tests.spec.rows[-1] == (
        TOTAL_LABEL,
        written(expected["tests"]["tested"]),
        written(expected["tests"]["positive"]),
        written(expected["tests"]["positive_rate"], Kind.RATE),
    )
    assert [row[0] for row in tests.spec.rows[:-1]] == [
        row["office"] for row in expected["by_office"]
    ]
    # The level above does not tick its offices' key routes: that is each office's own.
    area_classes = view.area_classes
    office_row = area_classes.row_of("Công an xã Hòa An")
    tick = area_classes.table.item(office_row, KEY_ROUTE_COLUMN)
    assert tick is not None
    assert not tick.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert "Đánh dấu cột" not in area_classes.note.text()
    header = area_classes.table.horizontalHeaderItem(0)
    assert header is not None
    assert header.text() == "Đơn vị"
    # Points listed name the office they come from.
    points = view.table("Điểm, tụ điểm", "Điểm, tụ điểm phức tạp")
    assert all(row[4].endswith(")") for row in points.spec.rows)


def test_f5_computes_and_a_new_reception_marks_the_figures_stale(
    qtbot: QtBot, window: UpperWindow, districts: Districts
) -> None:
    receive(qtbot, window, [districts.hoa_an.backup])
    page = window.combined_page
    page.period.set_dates(*PERIOD, compare=True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    with qtbot.waitSignal(page.computed, timeout=WAIT_MS):
        QTest.keyClick(window, Qt.Key.Key_F5)

    assert window.tabs.currentWidget() is page
    assert page.current_figures() is not None
    receive(qtbot, window, [districts.binh_minh.backup])
    assert page.current_figures() is None
    assert "Đã nhận thêm dữ liệu" in page.figures_view.status.text()


def test_the_period_chooser_offers_the_offices_phases(
    qtbot: QtBot, window: UpperWindow, districts: Districts
) -> None:
    receive(qtbot, window, [districts.hoa_an.backup, districts.binh_minh.backup])
    expected = set()
    for office in (districts.hoa_an, districts.binh_minh):
        database = Database.open(office.database)
        try:
            phases = TargetService(ServiceContext(database.sessions)).phases()
        finally:
            database.close()
        expected |= {f"{phase.name} ({phase.period_text()})" for phase in phases}

    combo = window.combined_page.period.phase_combo
    offered = {combo.itemText(index) for index in range(combo.count())}

    assert expected
    assert offered == expected


def test_the_combined_report_renders_and_opens_back(
    qtbot: QtBot, window: UpperWindow, districts: Districts, opener: RecordingOpener, tmp_path: Path
) -> None:
    receive(qtbot, window, [districts.hoa_an.backup, districts.binh_minh.backup])
    compute(qtbot, window)
    figures = window.combined_page.current_figures()
    assert figures is not None
    dialog = window.combined_page.make_report()
    assert dialog is not None

    report = dialog.make(template_name="so-ket", folder=tmp_path / "bao-cao")

    assert report is not None
    document = Document(str(report.docx))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)
    assert "CÔNG AN TỈNH NAM HÒA" in cells  # the offices' common level above issues it
    hotspots = figures["hotspots"]
    complex_points = hotspots["complex_business"] + hotspots["complex_other"]
    assert f"có {format_count(complex_points)} điểm phức tạp về ma túy" in text
    assert "{{" not in text
    workbook = load_workbook(report.annex)
    values = {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row}
    assert {"Công an xã Hòa An", "Công an xã Bình Minh"} <= values
    assert figures["tests"]["tested"] in values
    for what in ("docx", "annex", "folder"):
        dialog.open_file(what)
    assert opener.opened == [report.docx, report.annex, report.docx.parent]
    assert "Đã lập báo cáo" in dialog.result_text.text()
    dialog.close()


def test_the_report_asks_for_the_figures_first_when_none_are_shown(
    qtbot: QtBot, window: UpperWindow, districts: Districts
) -> None:
    receive(qtbot, window, [districts.hoa_an.backup])
    page = window.combined_page
    page.period.set_dates(*PERIOD, compare=False)

    with qtbot.waitSignal(page.computed, timeout=WAIT_MS):
        assert page.make_report() is None  # the figures are computed first…

    dialog = page.report_dialog  # …then the dialog opens on them
    assert dialog is not None
    assert dialog.isVisible()
    dialog.close()


def test_no_file_is_received_while_the_figures_are_computed(
    qtbot: QtBot, window: UpperWindow, store: UpperStore, districts: Districts
) -> None:
    receive(qtbot, window, [districts.hoa_an.backup])
    page, received = window.combined_page, window.received_page
    page.period.set_dates(*PERIOD, compare=False)

    with qtbot.waitSignal(page.computed, timeout=WAIT_MS):
        assert page.show_figures(ask=False)
        assert received.receive([districts.binh_minh.backup], passphrase=PASSPHRASE) is None
        assert not received.receive_button.isEnabled()

    assert received.receive_button.isEnabled()
    assert [backup.office_name for backup in store.offices()] == ["Công an xã Hòa An"]
