"""The native Excel charts of the annex (openpyxl.chart), fed by the tables on the sheet.

A line chart for the list sizes, clustered bars for the tests (with the positive rate
as a dashed line on a right-hand 0–100 % axis) and for the hotspots. Each series points
at its column of ``annex_chart_tables``'s table and takes the shared palette's colour.
"""

from typing import Any

from pcmt_desktop.reports.annex_chart_colours import colour_bars, colour_lines, colour_rate_line
from pcmt_desktop.reports.annex_chart_tables import CATEGORY_COLUMN, FIRST_VALUE_COLUMN, ChartTable
from pcmt_desktop.reports.annex_chart_text import axis_title, chart_title, rich_text
from pcmt_desktop.reports.charts import ChartKind

RATE_AXIS_ID = 200  # any id other than the bars' own value axis (100)


def _style_axes(chart: Any, value_title: str) -> None:
    # openpyxl 3.1 writes axes as deleted unless told otherwise: Excel would draw none.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.txPr = rich_text()
    chart.y_axis.txPr = rich_text()
    chart.y_axis.title = axis_title(value_title)
    chart.y_axis.scaling.min = 0
    chart.y_axis.numFmt = "#,##0"


def _references(ws: Any, table: ChartTable) -> tuple[Any, Any]:
    """The series' values with their headers as names, and the categories."""
    from openpyxl.chart import Reference

    data = Reference(
        ws,
        min_col=FIRST_VALUE_COLUMN,
        max_col=table.rate_column - 1,
        min_row=table.header_row,
        max_row=table.last_row,
    )
    categories = Reference(
        ws, min_col=CATEGORY_COLUMN, min_row=table.first_row, max_row=table.last_row
    )
    return data, categories


def _value_title(table: ChartTable) -> str:
    label = table.chart.value_label
    return f"Số {label}" if label else ""


def _line_chart(ws: Any, table: ChartTable) -> Any:
    from openpyxl.chart import LineChart

    line = LineChart()
    data, categories = _references(ws, table)
    line.add_data(data, titles_from_data=True)
    line.set_categories(categories)
    for series in line.series:
        series.marker.symbol = "circle"
    colour_lines(line.series)
    _style_axes(line, _value_title(table))
    return line


def _rate_line(ws: Any, table: ChartTable) -> Any:
    """The positive rate on a secondary axis on the right, 0–100 % as on screen."""
    from openpyxl.chart import LineChart, Reference

    line = LineChart()
    line.add_data(
        Reference(ws, min_col=table.rate_column, min_row=table.header_row, max_row=table.last_row),
        titles_from_data=True,
    )
    for series in line.series:
        series.marker.symbol = "diamond"
        colour_rate_line(series)
    line.y_axis.axId = RATE_AXIS_ID
    line.y_axis.crosses = "max"
    line.y_axis.delete = False
    line.y_axis.majorGridlines = None
    line.y_axis.scaling.min = 0
    line.y_axis.scaling.max = 100
    line.y_axis.numFmt = "0"
    line.y_axis.txPr = rich_text()
    line.y_axis.title = axis_title("Tỷ lệ (%)")
    return line


def _bar_chart(ws: Any, table: ChartTable) -> Any:
    from openpyxl.chart import BarChart
    from openpyxl.chart.label import DataLabelList

    bar = BarChart()
    bar.type = "col"
    bar.grouping = "clustered"
    data, categories = _references(ws, table)
    bar.add_data(data, titles_from_data=True)
    bar.set_categories(categories)
    colour_bars(bar.series)
    _style_axes(bar, _value_title(table))
    if len(table.chart.series) == 1 and table.chart.rate_line is None:
        # A few bars of one series: their numbers on them, no legend to repeat the name.
        bar.dataLabels = DataLabelList(
            showVal=True,
            showSerName=False,
            showCatName=False,
            showLegendKey=False,
            showPercent=False,
            txPr=rich_text(),
        )
        bar.legend = None
    if table.chart.rate_line is not None:
        bar += _rate_line(ws, table)
    return bar


def excel_chart(ws: Any, table: ChartTable) -> Any:
    """The chart of ``table``, titled, its legend (if any) under it."""
    chart = _line_chart(ws, table) if table.chart.kind is ChartKind.LINE else _bar_chart(ws, table)
    chart.title = chart_title(table.chart)
    if chart.legend is not None:
        chart.legend.position = "b"
        chart.legend.txPr = rich_text()
    return chart
