"""The tables of numbers the annex's Excel charts are drawn from, and where they land.

Each line or bar chart gets a small table on the "Biểu đồ" sheet, drawn by
``annex_sheet.draw_sheet`` like every other table of the annex; the chart's series then
point at its cells, so an office that corrects a number in the table corrects the chart.
The tiles chart needs no table: the classification sheet holds its figures.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pcmt_desktop.reports.annex_blocks import ORDINAL
from pcmt_desktop.reports.annex_layout import (
    Block,
    Column,
    Kind,
    SheetPlan,
    Value,
    numbered,
    ungrouped,
)
from pcmt_desktop.reports.annex_sheet import clean_text
from pcmt_desktop.reports.charts import Chart, ChartKind

SHEET_NAME = "Biểu đồ"
SHEET_TITLE = "BIỂU ĐỒ TÌNH HÌNH, KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MA TÚY"
CATEGORY_HEADERS = {"list-sizes": "Tháng", "hotspots-by-state": "Tình trạng"}
VALUE_WIDTH = 18.0  # the value columns, and the least width of a tile
# The table's columns: TT, the category, then one per series and the rate.
CATEGORY_COLUMN = 2
FIRST_VALUE_COLUMN = 3


@dataclass(frozen=True)
class ChartTable:
    """Where a chart's table landed: its header row and its first and last data rows."""

    chart: Chart
    header_row: int
    first_row: int
    last_row: int

    @property
    def rate_column(self) -> int:
        """The rate's column, right of the series' (when the chart has a rate line)."""
        return FIRST_VALUE_COLUMN + len(self.chart.series)


def _caption(index: int, chart: Chart) -> str:
    return f"{index}. Số liệu của biểu đồ: {chart.title}"


def _cell_value(value: float | None) -> Value:
    """A whole count as an int, so the annex's number format shows no decimals."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _data_block(index: int, chart: Chart, category_header: str) -> Block:
    columns = [Column(series.name, Kind.COUNT, VALUE_WIDTH) for series in chart.series]
    rates: tuple[float | None, ...] = ()
    if chart.rate_line is not None:
        columns.append(Column(chart.rate_line.name, Kind.RATE, VALUE_WIDTH))
        rates = chart.rate_line.values
    rows = [
        (
            category,
            *(_cell_value(series.values[position]) for series in chart.series),
            # A rate stays a decimal: 20.0 shows "20,0" like the tests sheet's rates.
            *rates[position : position + 1],
        )
        for position, category in enumerate(chart.categories)
    ]
    return Block(
        (ungrouped(ORDINAL, Column(category_header, Kind.TEXT), *columns),),
        numbered(rows),
        caption=_caption(index, chart),
        empty_note=chart.empty_text,
    )


def _tabled(charts: Sequence[Chart]) -> list[tuple[int, Chart]]:
    """The charts that have a table, with their number among all the sheet's charts."""
    return [
        (index, chart)
        for index, chart in enumerate(charts, start=1)
        if chart.kind is not ChartKind.TILES
    ]


def tables_plan(charts: Sequence[Chart], sub_area_column: str) -> SheetPlan:
    """The sheet's top lines and one table per line or bar chart.

    Nothing pinned: the sheet's pages are the charts, which no table header should
    be repeated over. ``sub_area_column`` heads the category column of a chart by
    sub-area.
    """
    blocks = tuple(
        _data_block(index, chart, CATEGORY_HEADERS.get(chart.key, sub_area_column))
        for index, chart in _tabled(charts)
    )
    return SheetPlan(SHEET_NAME, SHEET_TITLE, blocks, pin_header=False)


def find_tables(ws: Any, charts: Sequence[Chart]) -> dict[str, ChartTable]:
    """Each drawn table by its chart's key, found by its caption in column A."""
    rows_of = {
        cell.value: cell.row for cell in ws["A"] if isinstance(cell.value, str) and cell.value
    }
    tables = {}
    for index, chart in _tabled(charts):
        caption_row = rows_of[str(clean_text(_caption(index, chart)))]
        header_row = caption_row + 1  # one header row: the tables have no group titles
        first = header_row + 1
        last = first + len(chart.categories) - 1
        tables[chart.key] = ChartTable(chart, header_row, first, last)
    return tables
