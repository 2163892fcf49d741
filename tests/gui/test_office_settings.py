"""The office set-up and settings dialog, driven offscreen on a real database."""

import pytest
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.office.settings_dialog import (
    NAME_COLUMN,
    POPULATION_COLUMN,
    OfficeSettingsDialog,
)
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = pytest.mark.gui


def cell(dialog: OfficeSettingsDialog, row: int, column: int) -> QTableWidgetItem:
    item = dialog.table.item(row, column)
    assert item is not None
    return item


def test_first_start_sets_up_office_and_pasted_sub_areas(
    qtbot: QtBot, bare_services: Services
) -> None:
    dialog = OfficeSettingsDialog(bare_services, first_start=True)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Công an xã Hòa Bình")
    dialog.level_combo.setCurrentText("Xã")
    dialog.parent_edit.setText("Công an tỉnh Mẫu")
    dialog.label_combo.setCurrentText("thôn, tổ dân phố")
    dialog.paste_text("Thôn Đông\t1.250\nThôn Đoài\t980\nTổ dân phố 3\n")

    dialog.save()

    assert dialog.result() == OfficeSettingsDialog.DialogCode.Accepted
    office = bare_services.office.office()
    assert office is not None
    assert office.name == "Công an xã Hòa Bình"
    assert office.sub_area_label == "thôn, tổ dân phố"
    areas = [(area.name, area.population) for area in bare_services.office.sub_areas()]
    assert areas == [("Thôn Đông", 1250), ("Thôn Đoài", 980), ("Tổ dân phố 3", None)]


def test_missing_name_is_refused_in_the_dialog_and_nothing_saved(
    qtbot: QtBot, bare_services: Services
) -> None:
    dialog = OfficeSettingsDialog(bare_services, first_start=True)
    qtbot.addWidget(dialog)
    dialog.paste_text("Thôn Một\t100")

    dialog.save()

    assert dialog.error_label.isVisibleTo(dialog)
    assert "Chưa nhập tên đơn vị" in dialog.error_label.text()
    assert bare_services.office.office() is None
    assert bare_services.office.sub_areas() == []


def test_text_population_is_refused_with_its_row(qtbot: QtBot, bare_services: Services) -> None:
    dialog = OfficeSettingsDialog(bare_services, first_start=True)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Công an xã Thử")
    cell(dialog, 0, NAME_COLUMN).setText("Thôn Một")
    cell(dialog, 0, POPULATION_COLUMN).setText("khoảng 900")

    dialog.save()

    assert "Dòng 1" in dialog.error_label.text()
    assert bare_services.office.office() is None


def test_settings_rename_add_and_refuse_removing_a_used_sub_area(
    qtbot: QtBot, services: Services
) -> None:
    first = services.office.sub_areas()[0]
    services.persons.add(PersonInput("Lê Văn Tám", sub_area_id=first.id))
    dialog = OfficeSettingsDialog(services, first_start=False)
    qtbot.addWidget(dialog)
    dialog.table.removeRow(0)  # the sub-area that still has a person

    dialog.save()

    assert "còn 1 đối tượng" in dialog.error_label.text()
    assert services.office.sub_areas()[0].name == first.name

    dialog = OfficeSettingsDialog(services, first_start=False)
    qtbot.addWidget(dialog)
    cell(dialog, 1, NAME_COLUMN).setText("Thôn Đoài Mới")
    dialog.paste_text("Thôn Giữa\t640")
    dialog.save()

    names = [area.name for area in services.office.sub_areas()]
    assert names == ["Thôn Đông", "Thôn Đoài Mới", "Tổ dân phố Bắc", "Xóm Nam", "Thôn Giữa"]
