"""The targets tab: the phase chooser, the coloured grid, the phase dialog and the editor."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.targets.editor import TargetEditorDialog
from pcmt_desktop.gui.registries.targets.numbers import NumberError, format_value, parse_target
from pcmt_desktop.gui.registries.targets.phase_dialog import PhaseDialog
from pcmt_desktop.gui.registries.targets.tab import STANDING_COLOURS, TargetsTab
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import CaseInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.target_progress import Measure, Standing
from pcmt_desktop.services.targets import PhaseInput
from tests.services.support import dump

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

NOVEMBER = PhaseInput("Giai đoạn 2", date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def tab(qtbot: QtBot, services: Services) -> Iterator[TargetsTab]:
    signals = ChangeSignals(services.context.bus)
    widget = TargetsTab(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    yield widget
    signals.detach()


def _case(services: Services, day: date, sub_area_id: int) -> None:
    services.cases.add(CaseInput(CaseKind.CRIMINAL, day, sub_area_id, articles=("249",)))


def _colour(item: QTableWidgetItem | None) -> str | None:
    assert item is not None
    brush = item.background()
    return None if brush.style() == Qt.BrushStyle.NoBrush else brush.color().name()


def test_numbers() -> None:
    assert parse_target("1,5") == parse_target("1.5") == 1.5
    assert parse_target(" ") is None
    with pytest.raises(NumberError):
        parse_target("-1")
    assert (format_value(2.0), format_value(1.5), format_value(2 / 23)) == ("2", "1,5", "0,09")


def test_grid_shows_actual_against_target_with_colours(
    qtbot: QtBot, services: Services, tab: TargetsTab
) -> None:
    assert "Chưa có giai đoạn nào" in tab.empty_label.text()
    assert not tab.targets_button.isEnabled()
    east, west = (area.id for area in services.office.sub_areas()[:2])
    earlier = services.targets.add_phase(
        PhaseInput("Giai đoạn 1", date(2026, 10, 1), date(2026, 10, 31))
    )
    assert tab.selected_phase_id() == earlier.id  # the new phase shows at once
    phase = services.targets.add_phase(NOVEMBER)
    assert tab.selected_phase_id() == earlier.id  # the officer's choice is kept
    # A tab opened afresh chooses the phase running today.
    signals = ChangeSignals(services.context.bus)
    tab = TargetsTab(services, signals)
    qtbot.addWidget(tab)
    assert tab.selected_phase_id() == phase.id
    services.targets.set_targets(
        phase.id, {(east, Measure.CASES): 2, (west, Measure.CASES): 1, (east, Measure.DOSSIERS): 3}
    )
    _case(services, date(2026, 11, 2), west)  # west: 1 of 1 → met
    _case(services, date(2026, 11, 3), east)  # east: 1 of 2, due 2 × 23/30 → behind
    cases = tab.cell("Thôn Đông", Measure.CASES)
    assert cases is not None and cases.text() == "1 / 2"
    assert _colour(cases) == STANDING_COLOURS[Standing.BEHIND].name()
    assert "Cần đạt đến hôm nay: 1,53" in cases.toolTip()
    met = tab.cell("Thôn Đoài", Measure.CASES)
    assert met is not None and met.text() == "1 / 1"
    assert _colour(met) == STANDING_COLOURS[Standing.MET].name()
    dossiers = tab.cell("Thôn Đông", Measure.DOSSIERS)
    assert dossiers is not None and dossiers.text() == "0 / 3"
    assert _colour(dossiers) == STANDING_COLOURS[Standing.FAR_BEHIND].name()
    no_target = tab.cell("Thôn Đoài", Measure.DOSSIERS)
    assert no_target is not None and no_target.text() == "0"
    assert tab.grid.rowCount() == 2  # only sub-areas with targets
    tab.only_targeted.setChecked(False)
    assert tab.grid.rowCount() == 4
    assert "ngày thứ 23/30" in tab.info_label.text()
    assert "Chỉ tiêu: 3, đã đạt 1, chậm tiến độ 2" in tab.info_label.text()
    assert tab.select_record(earlier.id)
    assert tab.grid.rowCount() == 4 and "đã kết thúc (31 ngày)" in tab.info_label.text()
    tab.delete_selected(ask=False)
    assert tab.phase_combo.count() == 1
    assert tab.selected_phase_id() == phase.id
    signals.detach()


def test_phase_dialog_refuses_overlap_and_shows_history(qtbot: QtBot, services: Services) -> None:
    first = services.targets.add_phase(NOVEMBER)
    dialog = PhaseDialog(services, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Giai đoạn 3")
    dialog.start.set_day(date(2026, 11, 30))
    dialog.end.set_day(date(2027, 1, 15))  # a plan may end after today
    before = dump(services)
    assert not dialog.save()
    assert dialog.form.error("start").startswith("Thời gian trùng với giai đoạn “Giai đoạn 2”")
    assert dump(services) == before
    dialog.start.set_day(date(2026, 12, 1))
    assert dialog.save()
    assert services.targets.phase(dialog.saved_phase_id or 0).end == date(2027, 1, 15)
    a = services.office.sub_areas()[0].id
    services.targets.set_targets(first.id, {(a, Measure.CASES): 2})
    record = PhaseDialog(services, first.id)
    qtbot.addWidget(record)
    assert record.history is not None and record.history.rowCount() == 2
    assert record.history.details_at(0).splitlines() == [
        "Đặt chỉ tiêu giai đoạn Giai đoạn 2: 1 ô thay đổi",
        "Thôn Đông — Số án ma túy phát hiện, đấu tranh: — → 2",
    ]


def test_editor_pastes_from_excel_and_refuses_a_bad_cell(qtbot: QtBot, services: Services) -> None:
    phase = services.targets.add_phase(NOVEMBER)
    east, west = (area.id for area in services.office.sub_areas()[:2])
    editor = TargetEditorDialog(services, phase.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.table.setCurrentCell(0, 0)
    QGuiApplication.clipboard().setText("1,5\t2\t\t1\r\n0.5\tx\t3\t\r\n")
    qtbot.keySequence(editor.table, QKeySequence.StandardKey.Paste)
    assert editor.table.item(1, 1).text() == "x"  # type: ignore[union-attr]
    before = dump(services)
    assert not editor.save()
    assert "Thôn Đoài, “Số hồ sơ CNBB”: “x” không phải là số không âm." in (
        editor.error_label.text()
    )
    assert dump(services) == before
    editor.set_cell(west, Measure.DOSSIERS, "1,5")  # a count must be whole
    assert not editor.save()
    assert "phải là số nguyên (đã nhập: 1,5)" in editor.error_label.text()
    editor.set_cell(west, Measure.DOSSIERS, "")
    assert editor.save()
    assert services.targets.targets(phase.id) == {
        (east, Measure.TESTS_PER_DAY): 1.5,
        (east, Measure.DOSSIERS): 2,
        (east, Measure.CASES): 1,
        (west, Measure.TESTS_PER_DAY): 0.5,
        (west, Measure.SURVEILLANCE_OPENINGS): 3,
    }
    again = TargetEditorDialog(services, phase.id)
    qtbot.addWidget(again)
    assert again.table.item(0, 0).text() == "1,5"  # type: ignore[union-attr]
