"""Drawing a chart description (reports.charts.Chart) with a QPainter into a rectangle.

The same function draws the overview's widgets and the PNG files: whatever the size,
the text scales with the area (gui.charts.fonts) and the layout follows.
"""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from pcmt_desktop.gui.charts.axes import paint_axes
from pcmt_desktop.gui.charts.fonts import ChartFonts, chart_fonts
from pcmt_desktop.gui.charts.frame import frame_layout, paint_frame
from pcmt_desktop.gui.charts.palette import MUTED_TEXT_COLOUR
from pcmt_desktop.gui.charts.plot_layout import plot_layout
from pcmt_desktop.gui.charts.series_paint import paint_bars, paint_lines, paint_rate_line
from pcmt_desktop.gui.charts.tiles import paint_tiles
from pcmt_desktop.reports.charts import Chart, ChartKind


def paint_message(painter: QPainter, area: QRectF, text: str, fonts: ChartFonts) -> None:
    """A sentence centred in ``area`` (no data, still computing)."""
    painter.save()
    painter.setFont(fonts.subtitle)
    painter.setPen(MUTED_TEXT_COLOUR)
    painter.drawText(
        area.adjusted(fonts.padding, 0, -fonts.padding, 0),
        Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
        text,
    )
    painter.restore()


def paint_chart(painter: QPainter, area: QRectF, chart: Chart) -> None:
    """Draw ``chart`` inside ``area`` (the background is the caller's)."""
    if area.width() <= 1 or area.height() <= 1:
        return
    fonts = chart_fonts(area)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setClipRect(area)
    frame = frame_layout(area, chart, fonts)
    paint_frame(painter, frame, chart, fonts)
    if chart.is_empty:
        paint_message(painter, frame.body, chart.empty_text, fonts)
    elif chart.kind is ChartKind.TILES:
        paint_tiles(painter, frame.body, chart, fonts)
    elif frame.body.height() > fonts.base * 3:
        layout = plot_layout(frame.body, chart, fonts)
        if layout.plot.width() > 0 and layout.plot.height() > 0:
            paint_axes(painter, layout, chart, fonts, frame.body.left())
            if chart.kind is ChartKind.LINE:
                paint_lines(painter, layout, chart, fonts)
            else:
                taken = paint_bars(painter, layout, chart, fonts)
                paint_rate_line(painter, layout, chart, fonts, taken)
    painter.restore()
