"""The axes of a line or bar chart: grid lines, tick labels, the unit, the % axis."""

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from pcmt_desktop.gui.charts.category_labels import paint_category_labels
from pcmt_desktop.gui.charts.fonts import ChartFonts
from pcmt_desktop.gui.charts.palette import AXIS_COLOUR, GRID_COLOUR, MUTED_TEXT_COLOUR
from pcmt_desktop.gui.charts.plot_layout import PlotLayout
from pcmt_desktop.gui.charts.ticks import RATE_TICKS, percent_text, tick_text
from pcmt_desktop.reports.charts import Chart


def _paint_value_ticks(
    painter: QPainter, layout: PlotLayout, fonts: ChartFonts, left: float
) -> None:
    plot = layout.plot
    metrics = fonts.metrics(fonts.small)
    half = metrics.height() / 2
    for tick in layout.ticks:
        y = layout.axis.y_of(tick)
        if tick > 0:
            painter.setPen(QPen(GRID_COLOUR, 1.0))
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
        painter.setPen(MUTED_TEXT_COLOUR)
        label = QRectF(left, y - half, plot.left() - fonts.base * 0.35 - left, metrics.height())
        painter.drawText(
            label,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            tick_text(tick, whole=layout.whole),
        )


def _paint_rate_ticks(painter: QPainter, layout: PlotLayout, fonts: ChartFonts) -> None:
    if layout.rate_axis is None:
        return
    plot = layout.plot
    metrics = fonts.metrics(fonts.small)
    mark = fonts.base * 0.25
    painter.setPen(QPen(AXIS_COLOUR, 1.0))
    painter.drawLine(QLineF(plot.right(), plot.top(), plot.right(), plot.bottom()))
    for tick in RATE_TICKS:
        y = layout.rate_axis.y_of(tick)
        painter.setPen(QPen(AXIS_COLOUR, 1.0))
        painter.drawLine(QLineF(plot.right(), y, plot.right() + mark, y))
        painter.setPen(MUTED_TEXT_COLOUR)
        label = QRectF(
            plot.right() + mark * 1.5, y - metrics.height() / 2, plot.width(), metrics.height()
        )
        painter.drawText(
            label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, percent_text(tick)
        )


def _paint_unit(
    painter: QPainter, layout: PlotLayout, chart: Chart, fonts: ChartFonts, left: float
) -> None:
    if not chart.value_label:
        return
    metrics = fonts.metrics(fonts.small)
    top = layout.plot.top() - metrics.height() * 1.5
    rect = QRectF(left, top, layout.plot.right() - left, metrics.height())
    painter.setPen(MUTED_TEXT_COLOUR)
    painter.drawText(
        rect,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        f"Đơn vị: {chart.value_label}",
    )


def paint_axes(
    painter: QPainter, layout: PlotLayout, chart: Chart, fonts: ChartFonts, left: float
) -> None:
    """Everything but the data; ``left`` is where the body starts (labels align on it)."""
    painter.save()
    painter.setFont(fonts.small)
    _paint_value_ticks(painter, layout, fonts, left)
    _paint_unit(painter, layout, chart, fonts, left)
    _paint_rate_ticks(painter, layout, fonts)
    plot = layout.plot
    painter.setPen(QPen(AXIS_COLOUR, max(1.0, fonts.base * 0.08)))
    painter.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
    painter.drawLine(QLineF(plot.left(), plot.top(), plot.left(), plot.bottom()))
    painter.restore()
    paint_category_labels(
        painter,
        layout.labels,
        layout.centres(),
        top=layout.labels_top,
        slot=layout.slot_width,
        font=fonts.label,
    )
