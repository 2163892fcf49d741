"""The empty data workbook an office fills to bring its existing lists in.

Every sheet of the format with its headers, widths and frozen header row, a drop-down on
every list column (the office's own sub-areas for ``Địa bàn``), dates formatted
dd/mm/yyyy, and a first sheet "HuongDan" that explains each sheet and column in
Vietnamese. The lists sit on a hidden sheet "DanhMuc": Excel's inline lists stop at 255
characters, which twenty sub-area names pass easily.
"""

from pathlib import Path
from typing import Any

from pcmt_desktop.interchange import spec
from pcmt_desktop.interchange.export import (
    DATE_FORMAT,
    column_width,
    save_atomically,
)
from pcmt_desktop.services.registry import Services

LAST_ROW = 1_048_576  # Excel's last row: the drop-downs cover any number of rows
TITLE = "HƯỚNG DẪN ĐIỀN TỆP DỮ LIỆU PCMT"
GENERAL_RULES: tuple[str, ...] = (
    "Mỗi trang là một loại dữ liệu; dòng 1 là tên cột. Không đổi tên trang, không đổi tên "
    "hay thứ tự các cột; có thể thêm cột của riêng đơn vị ở cuối (chương trình bỏ qua và "
    "báo lại).",
    "Điền từ dòng 2 trở đi, mỗi dòng một bản ghi. Ô để trống nghĩa là chưa biết.",
    "Ngày: nhập ngày của Excel hoặc gõ dạng dd/mm/yyyy (ví dụ 05/01/2025). Ngày sinh có thể "
    "chỉ ghi năm (ví dụ 1990).",
    "Số đếm (số người, số cây, số tiền) là số nguyên. Số gam và diện tích (m2) có thể có "
    "phần thập phân, viết bằng dấu phẩy hoặc dấu chấm (5,524 hoặc 5.524).",
    "Cột có danh sách: chọn trong danh sách thả xuống. Chữ hoa, chữ thường, dấu và khoảng "
    "trắng thừa không quan trọng (“nghi su dung” = “Nghi sử dụng”). Cột Có/Không: ghi Có "
    "hoặc Không.",
    "Cột “Địa bàn” phải là tên một địa bàn của đơn vị (trang DiaBan).",
    "Cột “Mã” của trang DoiTuong là mã tùy ý nhưng không trùng nhau; các trang khác dùng mã "
    "này ở cột “Mã đối tượng” để chỉ người.",
    "Nhập dữ liệu là tất cả hoặc không: nếu có dòng sai, không dữ liệu nào được ghi và "
    "chương trình liệt kê từng lỗi (trang, dòng, cột, sai ở đâu). Nhập lại cùng một tệp "
    "không tạo bản ghi trùng.",
    "Các trang và cột có tiêu đề màu xám là phần bổ sung của chương trình PCMT (ngoài mẫu "
    "chung); có thể để trống.",
)
TABLE_HEADERS = ("Cột", "Kiểu dữ liệu", "Bắt buộc", "Giá trị chấp nhận", "Giải thích", "Ví dụ")
INSTRUCTION_WIDTHS = (30, 24, 10, 44, 60, 26)


def _allowed(column: spec.ColumnSpec, sub_areas: list[str]) -> tuple[str, ...]:
    return tuple(sub_areas) if column.kind is spec.ColumnKind.SUB_AREA else column.allowed


_FIXED_FORMS = {
    spec.ColumnKind.DATE: "Ngày Excel hoặc dd/mm/yyyy",
    spec.ColumnKind.BIRTH: "Ngày Excel, dd/mm/yyyy, hoặc năm (yyyy)",
    spec.ColumnKind.DECIMAL: "Số; dấu thập phân là “,” hoặc “.”",
    spec.ColumnKind.INT: "Số nguyên",
}


def _accepted_text(column: spec.ColumnSpec, sub_areas: list[str]) -> str:
    """What a cell of ``column`` may hold, as the instructions sheet says it."""
    allowed = _allowed(column, sub_areas)
    if column.kind is spec.ColumnKind.SUB_AREA:
        return "; ".join(allowed) if allowed else "Tên địa bàn ở trang DiaBan"
    if column.kind in _FIXED_FORMS:
        return _FIXED_FORMS[column.kind]
    text = "; ".join(allowed)
    if text and not column.strict:
        text += " (hoặc ghi khác)"
    return text


class _Instructions:
    """The "HuongDan" sheet, written line by line."""

    def __init__(self, worksheet: Any) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.worksheet = worksheet
        self.row = 1
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.heading_font = Font(bold=True, size=12, color="1F3864")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.header_fill = PatternFill("solid", fgColor="D9E2F3")
        from openpyxl.utils import get_column_letter

        for index, width in enumerate(INSTRUCTION_WIDTHS, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width

    def line(self, text: str, font: Any = None, merge: bool = True) -> None:
        cell = self.worksheet.cell(row=self.row, column=1, value=text)
        cell.alignment = self.wrap
        if font is not None:
            cell.font = font
        if merge:
            self.worksheet.merge_cells(
                start_row=self.row, start_column=1, end_row=self.row, end_column=6
            )
            # Merged cells do not grow with wrapped text: give long lines their height.
            self.worksheet.row_dimensions[self.row].height = 15 * (1 + len(text) // 150)
        self.row += 1

    def cells(self, values: tuple[str, ...], *, header: bool = False) -> None:
        for index, value in enumerate(values, start=1):
            cell = self.worksheet.cell(row=self.row, column=index, value=value)
            cell.alignment = self.wrap
            if header:
                cell.font = self.bold
                cell.fill = self.header_fill
        self.row += 1

    def sheet(self, sheet: spec.SheetSpec, sub_areas: list[str]) -> None:
        origin = "" if sheet.contract else " (bổ sung của PCMT)"
        self.line(f"Trang {sheet.name}: {sheet.title}{origin}", self.heading_font)
        if sheet.help:
            self.line(sheet.help)
        self.cells(TABLE_HEADERS, header=True)
        for column in sheet.columns:
            note = column.help
            if not column.contract and sheet.contract:
                note = f"Cột bổ sung của PCMT. {note}".strip()
            self.cells(
                (
                    column.header,
                    column.kind.label,
                    "Có" if column.required else "",
                    _accepted_text(column, sub_areas),
                    note,
                    column.example,
                )
            )
        self.line("Ví dụ một dòng (theo thứ tự các cột):", self.bold)
        example = " | ".join(column.example or "(trống)" for column in sheet.columns)
        self.line(example)
        self.row += 1


def _write_instructions(workbook: Any, sub_areas: list[str], sub_area_label: str) -> None:
    worksheet = workbook.active
    worksheet.title = spec.INSTRUCTIONS_SHEET
    guide = _Instructions(worksheet)
    guide.line(TITLE, guide.title_font)
    guide.line(
        "Tệp này dùng để đưa danh sách sẵn có của đơn vị vào chương trình PCMT (Tệp → Nhập "
        "dữ liệu) và có cùng dạng với tệp chương trình xuất ra."
    )
    guide.row += 1
    guide.line("Quy tắc chung", guide.heading_font)
    for rule in GENERAL_RULES:
        guide.line(f"• {rule}")
    if sub_areas:
        guide.line(f"• Các {sub_area_label} của đơn vị: {', '.join(sub_areas)}.")
    guide.row += 1
    for sheet in spec.SHEETS:
        guide.sheet(sheet, sub_areas)
    worksheet.freeze_panes = "A2"


class _Lists:
    """The hidden "DanhMuc" sheet: one column per list, the drop-downs point at it."""

    def __init__(self, workbook: Any) -> None:
        self.worksheet = workbook.create_sheet(spec.LISTS_SHEET)
        self.worksheet.sheet_state = "hidden"
        self.ranges: dict[tuple[str, ...], str] = {}

    def range_for(self, title: str, values: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter

        if values not in self.ranges:
            column = len(self.ranges) + 1
            letter = get_column_letter(column)
            self.worksheet.cell(row=1, column=column, value=title)
            for row, value in enumerate(values, start=2):
                self.worksheet.cell(row=row, column=column, value=value)
            last = len(values) + 1
            self.ranges[values] = f"{spec.LISTS_SHEET}!${letter}$2:${letter}${last}"
        return self.ranges[values]


def _validation(column: spec.ColumnSpec, source: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    # A non-strict list only suggests (reasons, several substances): any text is kept.
    strict = column.strict and column.kind is not spec.ColumnKind.CHOICES
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=strict,
        errorStyle="stop",
        errorTitle="Giá trị không có trong danh sách",
        error=f"Cột “{column.header}” chỉ nhận một giá trị trong danh sách thả xuống.",
    )
    if column.kind is spec.ColumnKind.CHOICES:
        validation.showInputMessage = True
        validation.promptTitle = column.header
        validation.prompt = "Chọn một chất, hoặc gõ nhiều chất cách nhau bởi dấu phẩy."
    return validation


def _write_sheet(workbook: Any, sheet: spec.SheetSpec, lists: _Lists, sub_areas: list[str]) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    worksheet = workbook.create_sheet(sheet.name)
    worksheet.freeze_panes = "A2"
    fills = {
        True: PatternFill("solid", fgColor="D9E2F3"),
        False: PatternFill("solid", fgColor="EDEDED"),
    }
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        dimension = worksheet.column_dimensions[letter]
        dimension.width = column_width(column)
        if column.kind in (spec.ColumnKind.DATE, spec.ColumnKind.BIRTH):
            dimension.number_format = DATE_FORMAT
        cell = worksheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = fills[column.contract and sheet.contract]
        cell.alignment = Alignment(vertical="center")
        allowed = _allowed(column, sub_areas)
        if column.drop_down and allowed:
            validation = _validation(column, lists.range_for(column.header, allowed))
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            worksheet.add_data_validation(validation)
    return worksheet


def write_template(services: Services, path: Path) -> None:
    """Write the empty workbook with its instructions and drop-downs to ``path``.

    Raises:
        ExportError: the file cannot be written (nothing is left behind).
    """
    from openpyxl import Workbook

    office = services.office.office()
    sub_areas = [item.name for item in services.office.sub_areas()]
    label = office.sub_area_label if office is not None else "địa bàn"

    def write(target: Path) -> None:
        workbook = Workbook()
        _write_instructions(workbook, sub_areas, label)
        lists = _Lists(workbook)
        for sheet in spec.SHEETS:
            _write_sheet(workbook, sheet, lists, sub_areas)
        # The hidden lists go last, after every sheet an officer fills.
        position = workbook.index(lists.worksheet)
        workbook.move_sheet(lists.worksheet, offset=len(workbook.sheetnames) - 1 - position)
        workbook.active = 0
        workbook.save(target)

    save_atomically(Path(path), write)
