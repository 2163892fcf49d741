"""The import window: preview what a workbook adds, list its problems, import all at once."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from pcmt_desktop.demo import generate_demo
from pcmt_desktop.gui.interchange.import_dialog import ImportDialog, save_problems
from pcmt_desktop.interchange.export import export_workbook
from pcmt_desktop.interchange.template import write_template
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.conftest import TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def demo_workbook(tmp_path: Path) -> tuple[Path, int]:
    """An export of a small demo office, and how many persons it holds."""
    database = Database.open(tmp_path / "nguon.sqlite3")
    try:
        source = Services.build(ServiceContext(database.sessions, today=lambda: TODAY))
        generate_demo(source, seed=4, persons=30)
        path = tmp_path / "du-lieu.xlsx"
        export_workbook(source, path)
        return path, source.persons.count()
    finally:
        database.close()


def test_a_valid_workbook_is_previewed_then_imported_once(
    qtbot: QtBot, bare_services: Services, demo_workbook: tuple[Path, int]
) -> None:
    path, persons = demo_workbook
    dialog = ImportDialog(bare_services, path)
    qtbot.addWidget(dialog)

    plan = dialog.read()

    assert plan.problems == []
    assert "Tệp hợp lệ" in dialog.heading.text()
    assert dialog.import_button.isEnabled()
    assert dialog.problems.isHidden()
    assert bare_services.persons.count() == 0  # reading writes nothing

    summary = dialog.run_import(ask=False)

    assert summary is not None
    assert bare_services.persons.count() == persons

    again = ImportDialog(bare_services, path)
    qtbot.addWidget(again)
    again.read()
    assert "Không có gì mới để nhập" in again.heading.text()
    assert not again.import_button.isEnabled()


def test_a_workbook_with_a_bad_row_shows_where_and_imports_nothing(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "mau.xlsx"
    write_template(services, path)
    workbook = load_workbook(path)
    area = services.office.sub_areas()[0].name
    workbook["DoiTuong"].append(["A1", "Lò Văn Sáng", "Nam", "1990", None, area])
    future = date(TODAY.year + 1, 1, 2)
    workbook["DienQuanLy"].append(["A1", "Nghi sử dụng", future, "Rà soát phát hiện mới"])
    workbook.save(path)
    dialog = ImportDialog(services, path)
    qtbot.addWidget(dialog)

    plan = dialog.read()

    assert plan.problems, "a date in the future must be refused"
    assert any(problem.sheet == "DienQuanLy" and problem.row == 2 for problem in plan.problems)
    assert not dialog.import_button.isEnabled()
    assert not dialog.problems.isHidden()
    assert dialog.problems.rowCount() == len(plan.problems)
    assert dialog.run_import(ask=False) is None
    assert services.persons.count() == 0

    saved = tmp_path / "loi.xlsx"
    save_problems(plan.problems, saved)
    rows = list(load_workbook(saved)["Loi"].iter_rows(values_only=True))
    assert rows[0] == ("Sheet", "Dòng", "Cột", "Lỗi")
    assert len(rows) == len(plan.problems) + 1
