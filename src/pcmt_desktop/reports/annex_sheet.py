"""Drawing a planned sheet with openpyxl: the lines on top, headers, rows, print setup.

Numbers are written as numbers with a number format ("#,##0" shows 1.402 in a
Vietnamese Excel), so an officer can still sum, sort and copy them; only the look is
decided here, never which figure goes where.

Neither Excel nor LibreOffice grows a row for wrapped text in merged cells, and
LibreOffice does not for any cell of a file it did not lay out itself, so every row
that wraps is given its height here from an estimate of its lines.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pcmt_desktop.interchange.export import DATE_FORMAT
from pcmt_desktop.reports.annex_layout import Block, Column, Kind, SheetPlan, TopMatter, Value

FONT_NAME = "Times New Roman"
FONT_SIZE = 12
TITLE_SIZE = 13
LINE_HEIGHT = 16.0  # points per line of 12-point text
HEADER_FILL = "D9E2F3"  # the pale blue of the data workbook's headers
MIN_WIDTH, MAX_WIDTH = 5.0, 40.0
FORMATS = {
    Kind.ORDINAL: "0",
    Kind.COUNT: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.DECIMAL: "#,##0.0",
    Kind.RATE: "0.0",
    Kind.DATE: DATE_FORMAT,
}
# A count that is not whole (a target of 2,5 tests a day) keeps its decimals.
FRACTION_FORMAT = "#,##0.0#"


def _font(*, bold: bool = False, italic: bool = False, size: int = FONT_SIZE) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def clean_text(value: Value) -> Value:
    """Text without the control characters a cell cannot hold (pasted from other programs)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def text_lines(text: str, width: float, *, bold: bool = False) -> int:
    """About how many lines ``text`` takes in a wrapped cell ``width`` characters wide."""
    # A column's width unit is a digit of the default font; Times New Roman 12 fits a
    # little more text than that, bold a little less than plain.
    per_line = max(1.0, (width - 1.0) / (0.95 if bold else 0.85))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def _text_width(value: Value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, date):
        return 11.0
    text = value if isinstance(value, str) else f"{value:,}"
    return float(max((len(line) for line in text.splitlines()), default=0))


def column_widths(plan: SheetPlan) -> list[float]:
    """Each column as wide as the widest table wants it, within bounds that print well."""
    widths: dict[int, float] = {}
    for block in plan.blocks:
        for index, column in enumerate(block.columns):
            if column.width is not None:
                wanted = column.width
            else:
                values = [_text_width(line[index]) for line in (*block.rows, *block.summary)]
                words = [len(word) for word in column.header.split()]
                wanted = max([*values, *words, 0.0]) + 2
            widths[index] = max(widths.get(index, MIN_WIDTH), min(MAX_WIDTH, wanted))
    return [widths[index] for index in sorted(widths)] or [MAX_WIDTH]


@dataclass
class _Canvas:
    """A worksheet being drawn, with the column widths and the lines each row needs."""

    ws: Any
    widths: list[float]
    lines: dict[int, int] = field(default_factory=dict)

    def span_width(self, first: int, last: int) -> float:
        return sum(self.widths[first - 1 : last])

    def need(self, rows: tuple[int, int], lines: int) -> None:
        """Rows ``rows`` (inclusive) share ``lines`` lines of a cell merged over them."""
        count = rows[1] - rows[0] + 1
        for row in range(rows[0], rows[1] + 1):
            self.lines[row] = max(self.lines.get(row, 1), math.ceil(lines / count))

    def set_heights(self) -> None:
        for row, lines in self.lines.items():
            if lines > 1:
                self.ws.row_dimensions[row].height = lines * LINE_HEIGHT + 2

    def line(
        self, row: int, text: str, *, centred: bool, bold: bool = False, italic: bool = False
    ) -> None:
        """A line of text; centred lines are merged across the table, so centring means it."""
        from openpyxl.styles import Alignment

        cell = self.ws.cell(row=row, column=1, value=clean_text(text))
        cell.font = _font(
            bold=bold, italic=italic, size=TITLE_SIZE if bold and centred else FONT_SIZE
        )
        if not centred:
            return
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        last = len(self.widths)
        if last > 1:
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        self.need((row, row), text_lines(text, self.span_width(1, last) * 0.95, bold=bold))

    def header(self, rows: tuple[int, int], columns: tuple[int, int], text: str) -> None:
        """A header cell over ``rows`` × ``columns`` (inclusive), merged when it spans more."""
        from openpyxl.styles import Alignment, PatternFill

        self.ws.cell(row=rows[0], column=columns[0], value=clean_text(text))
        for row in range(rows[0], rows[1] + 1):
            for col in range(columns[0], columns[1] + 1):
                cell = self.ws.cell(row=row, column=col)
                cell.font = _font(bold=True)
                cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
                cell.border = _border()
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if rows[0] != rows[1] or columns[0] != columns[1]:
            self.ws.merge_cells(
                start_row=rows[0], start_column=columns[0], end_row=rows[1], end_column=columns[1]
            )
        self.need(rows, text_lines(text, self.span_width(*columns), bold=True))

    def row(
        self,
        row: int,
        values: Sequence[Value],
        columns: Sequence[Column],
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        from openpyxl.styles import Alignment

        for index, (value, column) in enumerate(zip(values, columns, strict=True), start=1):
            cell = self.ws.cell(row=row, column=index, value=clean_text(value))
            cell.font = _font(bold=bold, italic=italic)
            cell.border = _border()
            if column.kind is Kind.TEXT or isinstance(value, str):
                cell.alignment = Alignment(vertical="center", wrap_text=True)
                if isinstance(value, str):
                    self.need((row, row), text_lines(value, self.widths[index - 1], bold=bold))
                continue
            cell.alignment = Alignment(
                horizontal="center" if column.kind in (Kind.ORDINAL, Kind.DATE) else "right",
                vertical="center",
            )
            fraction = isinstance(value, float) and not value.is_integer()
            whole_kind = column.kind in (Kind.COUNT, Kind.MONEY)
            cell.number_format = (
                FRACTION_FORMAT if fraction and whole_kind else FORMATS[column.kind]
            )


def _draw_top(canvas: _Canvas, plan: SheetPlan, top: TopMatter) -> int:
    """The office, the report, the title, the period and the date; returns the next row."""
    row = 1
    for index, text in enumerate(top.issuer):
        canvas.line(row, text, centred=False, bold=index == len(top.issuer) - 1)
        row += 1
    if top.attached_to:
        canvas.line(row, top.attached_to, centred=False, italic=True)
        row += 1
    row += 1
    canvas.line(row, plan.title, centred=True, bold=True)
    row += 1
    for text in (plan.period or top.period, top.made):
        if text:
            canvas.line(row, text, centred=True, italic=True)
            row += 1
    return row + 1


def _draw_header(canvas: _Canvas, block: Block, row: int) -> int:
    """One header row, or two when some columns share a group title; returns the last row."""
    last = row + 1 if block.has_group_titles else row
    column = 1
    for group in block.groups:
        end = column + len(group.columns) - 1
        if group.title:
            canvas.header((row, row), (column, end), group.title)
            for offset, col in enumerate(group.columns):
                canvas.header((last, last), (column + offset, column + offset), col.header)
        else:
            for offset, col in enumerate(group.columns):
                canvas.header((row, last), (column + offset, column + offset), col.header)
        column = end + 1
    return last


def _draw_block(canvas: _Canvas, block: Block, row: int) -> tuple[int, int, int]:
    """The block from ``row``; returns its header's first and last rows and the next free row."""
    from openpyxl.styles import Alignment

    if block.caption:
        canvas.line(row, block.caption, centred=False, bold=True)
        row += 1
    header_first = row
    header_last = _draw_header(canvas, block, row)
    row = header_last + 1
    columns = block.columns
    for values in block.rows:
        canvas.row(row, values, columns)
        row += 1
    if not block.rows and block.empty_note:
        cell = canvas.ws.cell(row=row, column=1, value=block.empty_note)
        cell.font = _font(italic=True)
        cell.alignment = Alignment(horizontal="center")
        canvas.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
        row += 1
    for index, values in enumerate(block.summary):
        # The first summary row is the total; those after it (a year earlier) are context.
        canvas.row(row, values, columns, bold=index == 0, italic=index > 0)
        row += 1
    return header_first, header_last, row + 1


def _print_setup(ws: Any, repeated: tuple[int, int] | None) -> None:
    """A4 landscape, as wide as the page, header rows on every page, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P"
    if repeated is not None:
        ws.print_title_rows = f"{repeated[0]}:{repeated[1]}"


def draw_sheet(ws: Any, plan: SheetPlan, top: TopMatter) -> None:
    """Draw ``plan`` on the empty worksheet ``ws``.

    The first table's header is frozen (with the TT and name columns) and printed on
    every page; a sheet with several tables repeats nothing, since the first table's
    header would mislabel the tables after it. A plan with ``pin_header`` False has
    nothing frozen and nothing repeated.
    """
    from openpyxl.utils import get_column_letter

    canvas = _Canvas(ws, column_widths(plan))
    for index, width in enumerate(canvas.widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    row = _draw_top(canvas, plan, top)
    headers: list[tuple[int, int]] = []
    for block in plan.blocks:
        first, last, row = _draw_block(canvas, block, row)
        headers.append((first, last))
    canvas.set_heights()
    if not plan.pin_header:
        _print_setup(ws, None)
        return
    frozen_row = headers[0][1] + 1 if headers else row
    ws.freeze_panes = f"{'C' if len(canvas.widths) > 2 else 'A'}{frozen_row}"
    _print_setup(ws, headers[0] if len(headers) == 1 else None)
