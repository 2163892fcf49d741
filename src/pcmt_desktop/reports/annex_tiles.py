"""The area classification in the annex: a grid of coloured cells, one per sub-area.

Excel has no chart of tiles, so each tile is a cell in the shared palette's fill with
the sub-area's name over its class (the short form the screen's tiles show), six to a
row, and a legend of the same colours with each class in full.
"""

from typing import Any

from pcmt_desktop.reports.annex_chart_colours import excel_colour
from pcmt_desktop.reports.annex_chart_pages import (
    LAST_COLUMN,
    cell_font,
    page_break_before,
    text_line,
)
from pcmt_desktop.reports.annex_chart_tables import VALUE_WIDTH
from pcmt_desktop.reports.annex_sheet import LINE_HEIGHT, clean_text, text_lines
from pcmt_desktop.reports.chart_specs import class_legend
from pcmt_desktop.reports.charts import Chart, severity_fill

FIRST_TILE_COLUMN = 2  # B: column A stays the narrow TT column of the tables above
TILE_COLUMNS = LAST_COLUMN - FIRST_TILE_COLUMN + 1  # tiles per row, B to G


def _tile_cell(ws: Any, row: int, column: int, text: str, severity: int | None) -> int:
    """One coloured cell; returns the lines its text needs at the column's width."""
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    cell = ws.cell(row=row, column=column, value=clean_text(text))
    cell.font = cell_font()
    cell.fill = PatternFill("solid", fgColor=excel_colour(severity_fill(severity)))
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    width = ws.column_dimensions[get_column_letter(column)].width or VALUE_WIDTH
    return text_lines(text, width)


def _draw_grid(ws: Any, row: int, cells: list[tuple[str, int | None]]) -> int:
    """``cells`` (text, severity) in rows of TILE_COLUMNS from ``row``; returns the next row."""
    for start in range(0, len(cells), TILE_COLUMNS):
        lines = [
            _tile_cell(ws, row, FIRST_TILE_COLUMN + offset, text, severity)
            for offset, (text, severity) in enumerate(cells[start : start + TILE_COLUMNS])
        ]
        # LibreOffice does not grow a row for wrapped text in a file it did not lay out.
        ws.row_dimensions[row].height = max(lines) * LINE_HEIGHT + 6
        row += 1
    return row


def draw_tiles(ws: Any, row: int, chart: Chart) -> int:
    """The tiles chart on a new page from ``row``; returns the next free row."""
    page_break_before(ws, row)
    text_line(ws, row, chart.title, bold=True)
    text_line(ws, row + 1, chart.subtitle, italic=True)
    row = _draw_grid(
        ws, row + 3, [(f"{tile.name}\n{tile.label}", tile.severity) for tile in chart.tiles]
    )
    text_line(ws, row + 1, "Chú thích:", italic=True)
    row = _draw_grid(ws, row + 2, list(class_legend()))
    return row + 1
