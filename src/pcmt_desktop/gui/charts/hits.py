"""What the tooltip says for a point of a drawn chart: the values under the mouse.

It lays the chart out again exactly as the painter did, so the answer matches the
picture: the category's name and every series' value (and the rate), or a tile's
area and class.
"""

from PySide6.QtCore import QPointF, QRectF

from pcmt_desktop.gui.charts.fonts import chart_fonts
from pcmt_desktop.gui.charts.frame import frame_layout
from pcmt_desktop.gui.charts.plot_layout import plot_layout
from pcmt_desktop.gui.charts.ticks import percent_text, tick_text
from pcmt_desktop.gui.charts.tiles import tile_rects
from pcmt_desktop.reports.charts import Chart, ChartKind


def _category_text(chart: Chart, index: int, whole: bool) -> str:
    lines = [chart.categories[index]]
    lines += [
        f"{series.name}: {tick_text(series.values[index], whole=whole)}" for series in chart.series
    ]
    if chart.rate_line is not None:
        rate = chart.rate_line.values[index]
        shown = "không có" if rate is None else percent_text(rate)
        lines.append(f"{chart.rate_line.name}: {shown}")
    return "\n".join(lines)


def hit_text(area: QRectF, chart: Chart, point: QPointF) -> str | None:
    """The tooltip for ``point`` of ``chart`` drawn in ``area``; None where nothing is."""
    if chart.is_empty or area.width() <= 1 or area.height() <= 1:
        return None
    fonts = chart_fonts(area)
    body = frame_layout(area, chart, fonts).body
    if not body.contains(point):
        return None
    if chart.kind is ChartKind.TILES:
        for tile, rect in zip(chart.tiles, tile_rects(body, len(chart.tiles), fonts), strict=True):
            if rect.contains(point):
                return f"{tile.name}\n{tile.label}"
        return None
    layout = plot_layout(body, chart, fonts)
    index = layout.index_at(point.x())
    if index is None:
        return None
    return _category_text(chart, index, layout.whole)
