"""The annex's last sheet, "Biểu đồ": the charts of ``chart_specs.charts_of`` in Excel.

Each line or bar chart is a NATIVE Excel chart (``annex_chart_objects``) fed by a small
table of its numbers written on the same sheet, above the charts, in the annex's usual
table style (``annex_chart_tables``). Native charts, not PNG pictures: openpyxl needs
Pillow to embed a picture and we do not ship Pillow; a native chart also stays editable
(the office can restyle it or correct a number in its table) and prints sharp at any
size. The area classification is not a chart Excel knows: it is drawn as a grid of
coloured cells with a legend (``annex_tiles``). Colours are the shared palette's
(``reports.charts``), the same as on screen and in the PNG files.

Layout: the lines on top and the data tables, then each chart on a printed page of its
own (``annex_chart_pages``).
"""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.reports.annex_chart_pages import (
    LAST_COLUMN,
    draw_chart_page,
    text_line,
    widen_columns,
)
from pcmt_desktop.reports.annex_chart_tables import SHEET_NAME, find_tables, tables_plan
from pcmt_desktop.reports.annex_figures import sub_area_header
from pcmt_desktop.reports.annex_layout import TopMatter
from pcmt_desktop.reports.annex_sheet import draw_sheet
from pcmt_desktop.reports.annex_tiles import draw_tiles
from pcmt_desktop.reports.chart_specs import charts_of
from pcmt_desktop.reports.charts import Chart, ChartKind

__all__ = ["SHEET_NAME", "add_charts_sheet"]


def _empty_note(chart: Chart) -> str:
    """ "Điểm, tụ điểm theo tình trạng: chưa có điểm, tụ điểm nào." """
    text = chart.empty_text
    return f"{chart.title}: {text[:1].lower()}{text[1:]}"


def add_charts_sheet(workbook: Any, figures: Mapping[str, Any], top: TopMatter) -> Any:
    """Add the "Biểu đồ" sheet last to ``workbook``; none when the figures give no chart.

    ``top`` is the lines on top of every annex sheet. Returns the worksheet, or None.
    """
    from openpyxl.utils import get_column_letter

    charts = charts_of(figures)
    if not charts:
        return None
    ws = workbook.create_sheet(SHEET_NAME)
    draw_sheet(ws, tables_plan(charts, sub_area_header(figures)), top)
    widen_columns(ws)
    tables = find_tables(ws, charts)
    row = ws.max_row + 2
    # A chart with nothing to draw would waste a page: one line under the tables says so.
    for chart in (chart for chart in charts if chart.is_empty):
        text_line(ws, row, _empty_note(chart), italic=True)
        row += 1
    for chart in (chart for chart in charts if not chart.is_empty):
        if chart.kind is ChartKind.TILES:
            row = draw_tiles(ws, row, chart)
        else:
            row = draw_chart_page(ws, row, tables[chart.key])
    ws.print_area = f"A1:{get_column_letter(LAST_COLUMN)}{row}"
    return ws
