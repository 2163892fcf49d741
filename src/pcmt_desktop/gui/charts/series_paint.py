"""The data of line and bar charts: polylines with markers, grouped bars, the rate line."""

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

from pcmt_desktop.gui.charts.fonts import ChartFonts
from pcmt_desktop.gui.charts.markers import draw_marker
from pcmt_desktop.gui.charts.palette import (
    RATE_COLOUR,
    TEXT_COLOUR,
    Marker,
    series_colour,
    series_marker,
)
from pcmt_desktop.gui.charts.plot_layout import PlotLayout
from pcmt_desktop.gui.charts.ticks import percent_text, tick_text
from pcmt_desktop.reports.charts import Chart, RateLine

_LABEL_BACKDROP = QColor(255, 255, 255, 215)


def _marker_radius(layout: PlotLayout, fonts: ChartFonts) -> float:
    return max(2.0, min(fonts.base * 0.3, layout.slot_width * 0.22))


def paint_lines(painter: QPainter, layout: PlotLayout, chart: Chart, fonts: ChartFonts) -> None:
    count = len(chart.series)
    radius = _marker_radius(layout, fonts)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for index, series in enumerate(chart.series):
        colour = series_colour(index, count)
        points = [
            QPointF(layout.centre_x(i), layout.axis.y_of(value))
            for i, value in enumerate(series.values)
        ]
        pen = QPen(colour, max(1.5, fonts.base * 0.14))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPolyline(points)
        for point in points:
            draw_marker(painter, point, radius, series_marker(index), colour)
    painter.restore()


def _bar_value_rect(bar: QRectF, text: str, fonts: ChartFonts) -> QRectF | None:
    """Where a bar's number goes, just above it; None when the bar is too narrow for it."""
    metrics = fonts.metrics(fonts.small)
    if metrics.horizontalAdvance(text) > bar.width() * 1.25 + 2:
        return None  # the tooltip gives the number
    height = metrics.height()
    return QRectF(bar.center().x() - bar.width(), bar.top() - height, bar.width() * 2, height)


def paint_bars(
    painter: QPainter, layout: PlotLayout, chart: Chart, fonts: ChartFonts
) -> list[QRectF]:
    """The bars and their numbers; returns where the numbers went (the rate's labels
    keep clear of them)."""
    count = len(chart.series)
    taken: list[QRectF] = []
    painter.save()
    painter.setFont(fonts.small)
    metrics = fonts.metrics(fonts.small)
    for index, series in enumerate(chart.series):
        colour = series_colour(index, count)
        for category, value in enumerate(series.values):
            if value <= 0:
                continue
            bar = layout.bar_rect(category, index, count, value)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(colour))
            painter.drawRect(bar)
            text = tick_text(value, whole=layout.whole)
            rect = _bar_value_rect(bar, text, fonts)
            if rect is None:
                continue
            painter.setPen(TEXT_COLOUR)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            width = metrics.horizontalAdvance(text)
            taken.append(QRectF(rect.center().x() - width / 2, rect.top(), width, rect.height()))
    painter.restore()
    return taken


def _rate_runs(layout: PlotLayout, rate: RateLine) -> list[list[QPointF]]:
    """The points of the rate line, cut where a category has no rate."""
    assert layout.rate_axis is not None
    runs: list[list[QPointF]] = [[]]
    for index, value in enumerate(rate.values):
        if value is None:
            runs.append([])
            continue
        runs[-1].append(QPointF(layout.centre_x(index), layout.rate_axis.y_of(value)))
    return [run for run in runs if run]


def _overlap(place: QRectF, taken: list[QRectF], margin: float) -> float:
    clear = place.adjusted(-margin, -margin, margin, margin)
    areas = (clear.intersected(other) for other in taken)
    return sum(area.width() * area.height() for area in areas if not area.isEmpty())


def _rate_value_rect(
    point: QPointF, size: QSizeF, fonts: ChartFonts, plot: QRectF, taken: list[QRectF]
) -> QRectF:
    """Above the point, or below it (or beside it) when that hides less of the bars'
    numbers and the other rates."""
    gap = fonts.base * 0.4
    x, y, w, h = point.x(), point.y(), size.width(), size.height()
    places = [
        QRectF(x - w / 2, y - h - gap, w, h),  # above
        QRectF(x - w / 2, y + gap, w, h),  # below
        QRectF(x - w - gap, y - h - gap / 2, w, h),  # above left
        QRectF(x + gap, y - h - gap / 2, w, h),  # above right
    ]
    inside = [p for p in places if p.top() >= plot.top() - h and p.bottom() <= plot.bottom()]
    margin = fonts.base * 0.2  # glyphs overhang their boxes a little
    return min(inside or places[:1], key=lambda p: _overlap(p, taken, margin))


def _paint_rate_values(
    painter: QPainter,
    layout: PlotLayout,
    rate: RateLine,
    fonts: ChartFonts,
    taken: list[QRectF],
) -> None:
    assert layout.rate_axis is not None
    metrics = fonts.metrics(fonts.small)
    painter.setFont(fonts.small)
    for index, value in enumerate(rate.values):
        if value is None:
            continue
        text = percent_text(value)
        size = QSizeF(metrics.horizontalAdvance(text) + fonts.base * 0.3, metrics.height())
        if size.width() > layout.slot_width * 0.98:
            continue  # crowded: the tooltip gives the rate
        point = QPointF(layout.centre_x(index), layout.rate_axis.y_of(value))
        rect = _rate_value_rect(point, size, fonts, layout.plot, taken)
        taken.append(rect)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(_LABEL_BACKDROP))
        painter.drawRoundedRect(rect, size.height() * 0.2, size.height() * 0.2)
        painter.setPen(RATE_COLOUR)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def paint_rate_line(
    painter: QPainter,
    layout: PlotLayout,
    chart: Chart,
    fonts: ChartFonts,
    taken: list[QRectF],
) -> None:
    """The dashed rate line on the 0–100 % axis, its values clear of ``taken``."""
    rate = chart.rate_line
    if rate is None or layout.rate_axis is None:
        return
    radius = _marker_radius(layout, fonts)
    painter.save()
    pen = QPen(RATE_COLOUR, max(1.5, fonts.base * 0.12))
    pen.setStyle(Qt.PenStyle.DashLine)
    for run in _rate_runs(layout, rate):
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(run[0])
        for point in run[1:]:
            path.lineTo(point)
        painter.drawPath(path)
        for point in run:
            draw_marker(painter, point, radius, Marker.DIAMOND, RATE_COLOUR)
    _paint_rate_values(painter, layout, rate, fonts, list(taken))
    painter.restore()
