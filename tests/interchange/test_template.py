"""The empty template, opened back: instructions, empty sheets, drop-downs on list columns."""

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pcmt_desktop.interchange import spec
from pcmt_desktop.interchange.export import ExportError
from pcmt_desktop.interchange.template import write_template
from pcmt_desktop.services.registry import Services
from tests.conftest import SUB_AREA_NAMES


def _list_values(workbook: Any, formula: str) -> list[str]:
    """The cells a drop-down's "DanhMuc!$A$2:$A$6" formula points at."""
    sheet_name, cells = formula.split("!")
    first, last = cells.replace("$", "").split(":")
    return [row[0].value for row in workbook[sheet_name][first:last]]


@pytest.fixture
def template(services: Services, tmp_path: Path) -> Any:
    path = tmp_path / "mau.xlsx"
    write_template(services, path)
    return load_workbook(path)


def test_instructions_first_then_every_sheet_empty_then_hidden_lists(template: Any) -> None:
    names = [sheet.name for sheet in spec.SHEETS]
    assert template.sheetnames == [spec.INSTRUCTIONS_SHEET, *names, spec.LISTS_SHEET]
    assert template[spec.LISTS_SHEET].sheet_state == "hidden"
    assert template.active.title == spec.INSTRUCTIONS_SHEET
    for sheet in spec.SHEETS:
        worksheet = template[sheet.name]
        assert worksheet.max_row == 1, sheet.name
        assert next(worksheet.iter_rows(values_only=True)) == sheet.headers
        assert worksheet.freeze_panes == "A2"


def test_every_list_column_has_its_drop_down(template: Any) -> None:
    for sheet in spec.SHEETS:
        worksheet = template[sheet.name]
        by_column = {}
        for validation in worksheet.data_validations.dataValidation:
            (cells,) = validation.sqref.ranges
            by_column[cells.min_col] = validation
            assert cells.min_row == 2
            assert cells.max_row == 1_048_576
        for index, column in enumerate(sheet.columns, start=1):
            if not column.drop_down:
                assert index not in by_column, (sheet.name, column.header)
                continue
            validation = by_column[index]
            assert validation.type == "list"
            values = _list_values(template, validation.formula1)
            if column.kind is spec.ColumnKind.SUB_AREA:
                assert values == list(SUB_AREA_NAMES), (sheet.name, column.header)
            else:
                assert tuple(values) == column.allowed, (sheet.name, column.header)
            strict = column.strict and column.kind is not spec.ColumnKind.CHOICES
            assert bool(validation.showErrorMessage) == strict, (sheet.name, column.header)


def test_the_contracts_choices_are_drop_downs(template: Any) -> None:
    stays = template["DienQuanLy"]
    (validation,) = [
        item for item in stays.data_validations.dataValidation if str(item.sqref).startswith("B")
    ]
    assert _list_values(template, validation.formula1) == [
        "Nghi sử dụng", "Nghi nghiện", "Sử dụng", "Nghiện", "Sau cai",
    ]  # fmt: skip
    persons = template["DoiTuong"]
    columns = {str(item.sqref)[0] for item in persons.data_validations.dataValidation}
    assert columns == {"C", "F"}  # Giới tính, Địa bàn


def test_date_columns_are_formatted(template: Any) -> None:
    assert template["Test"].column_dimensions["B"].number_format == "dd/mm/yyyy"
    assert template["DoiTuong"].column_dimensions["D"].number_format == "dd/mm/yyyy"


def test_instructions_explain_every_sheet_and_column(template: Any) -> None:
    text = "\n".join(
        str(value)
        for row in template[spec.INSTRUCTIONS_SHEET].iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert "HƯỚNG DẪN ĐIỀN TỆP DỮ LIỆU PCMT" in text
    assert "dd/mm/yyyy" in text
    assert "dấu phẩy hoặc dấu chấm" in text
    assert "Thôn Đông, Thôn Đoài" in text  # the office's own sub-areas
    for sheet in spec.SHEETS:
        assert f"Trang {sheet.name}: {sheet.title}" in text
        for header in sheet.headers:
            assert header in text
    assert "Ví dụ một dòng" in text
    assert "DT000001 | Nguyễn Văn An | Nam" in text


def test_without_sub_areas_the_column_has_no_drop_down(
    bare_services: Services, tmp_path: Path
) -> None:
    write_template(bare_services, tmp_path / "mau.xlsx")
    workbook = load_workbook(tmp_path / "mau.xlsx")
    columns = {str(item.sqref)[0] for item in workbook["DoiTuong"].data_validations.dataValidation}
    assert columns == {"C"}


def test_a_missing_folder_leaves_no_file(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        write_template(services, tmp_path / "khong-co" / "mau.xlsx")
    assert not (tmp_path / "khong-co").exists()
