"""The printed pages of the "Biểu đồ" sheet: lines of text, page breaks, a chart's page.

Everything drawn after the tables spans columns A to G, as the tables do, and each
picture starts a printed page of its own.
"""

from typing import Any

from pcmt_desktop.reports.annex_chart_objects import excel_chart
from pcmt_desktop.reports.annex_chart_tables import VALUE_WIDTH, ChartTable
from pcmt_desktop.reports.annex_sheet import FONT_NAME, FONT_SIZE, clean_text

LAST_COLUMN = 7  # G
# A chart is anchored to its cells, columns A to G and CHART_ROWS rows of fixed height,
# so it is as wide as the tables in Excel and in LibreOffice alike (their column widths
# differ with the fonts at hand) and fills most of a landscape page.
CHART_ROWS = 30
CHART_ROW_HEIGHT = 15.0  # points


def cell_font(*, bold: bool = False, italic: bool = False) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, size=FONT_SIZE, bold=bold, italic=italic)


def text_line(ws: Any, row: int, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """``text`` in column A of ``row``; nothing for an empty text."""
    if text:
        ws.cell(row=row, column=1, value=clean_text(text)).font = cell_font(
            bold=bold, italic=italic
        )


def page_break_before(ws: Any, row: int) -> None:
    from openpyxl.worksheet.pagebreak import Break

    ws.row_breaks.append(Break(id=row - 1))


def widen_columns(ws: Any) -> None:
    """Columns B to G at least a tile wide (the charts span A to G)."""
    from openpyxl.utils import get_column_letter

    dimensions = ws.column_dimensions
    for column in range(2, LAST_COLUMN + 1):
        letter = get_column_letter(column)
        dimensions[letter].width = max(dimensions[letter].width or 0.0, VALUE_WIDTH)


def _cell_anchor(row: int) -> Any:
    """Columns A to G from ``row``, CHART_ROWS rows down (markers count from 0)."""
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

    return TwoCellAnchor(
        _from=AnchorMarker(col=0, row=row - 1),
        to=AnchorMarker(col=LAST_COLUMN, row=row - 1 + CHART_ROWS),
    )


def draw_chart_page(ws: Any, row: int, table: ChartTable) -> int:
    """The chart of ``table`` on a new page from ``row``; returns the next free row."""
    page_break_before(ws, row)
    # One empty row above the chart: LibreOffice draws the frame of a chart starting on
    # the page's first row at the foot of the page before too.
    row += 1
    for chart_row in range(row, row + CHART_ROWS):
        ws.row_dimensions[chart_row].height = CHART_ROW_HEIGHT
    ws.add_chart(excel_chart(ws, table), _cell_anchor(row))
    return row + CHART_ROWS + 1
