"""The frame around every chart: title, subtitle and legend on top, the body below.

The layout is computed apart from the painting so that the tooltip and the tests find
the body (and so the plot) exactly where the painter put it.
"""

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen

from pcmt_desktop.gui.charts.fonts import ChartFonts
from pcmt_desktop.gui.charts.legend import LegendEntry, Swatch, legend_entries
from pcmt_desktop.gui.charts.markers import draw_marker
from pcmt_desktop.gui.charts.palette import MUTED_TEXT_COLOUR, TEXT_COLOUR
from pcmt_desktop.reports.charts import Chart


@dataclass(frozen=True)
class PlacedEntry:
    entry: LegendEntry
    swatch: QRectF
    text: QRectF


@dataclass(frozen=True)
class Frame:
    title: QRectF
    subtitle: QRectF
    legend: tuple[PlacedEntry, ...]
    body: QRectF


def _swatch_width(entry: LegendEntry, fonts: ChartFonts) -> float:
    return fonts.base * (0.9 if entry.swatch is Swatch.BOX else 1.8)


def _place_legend(
    entries: list[LegendEntry], inner: QRectF, top: float, fonts: ChartFonts
) -> tuple[tuple[PlacedEntry, ...], float]:
    """Entries flow left to right and wrap; returns them and the y under the last row."""
    metrics = fonts.metrics(fonts.label)
    row_height = metrics.height() * 1.35
    gap = fonts.base * 1.2
    placed: list[PlacedEntry] = []
    x, y = inner.left(), top
    for entry in entries:
        swatch_w = _swatch_width(entry, fonts)
        text_w = min(metrics.horizontalAdvance(entry.text) + 1, inner.width() - swatch_w)
        width = swatch_w + fonts.base * 0.4 + text_w
        if x > inner.left() and x + width > inner.right():
            x, y = inner.left(), y + row_height
        swatch = QRectF(x, y, swatch_w, row_height)
        text = QRectF(x + swatch_w + fonts.base * 0.4, y, text_w, row_height)
        placed.append(PlacedEntry(entry, swatch, text))
        x += width + gap
    bottom = y + row_height if placed else top
    return tuple(placed), bottom


def frame_layout(area: QRectF, chart: Chart, fonts: ChartFonts) -> Frame:
    pad = fonts.padding
    inner = area.adjusted(pad, pad, -pad, -pad)
    title_h = fonts.metrics(fonts.title).height()
    title = QRectF(inner.left(), inner.top(), inner.width(), title_h)
    subtitle_h = fonts.metrics(fonts.subtitle).height() if chart.subtitle else 0.0
    subtitle = QRectF(inner.left(), title.bottom() + title_h * 0.1, inner.width(), subtitle_h)
    legend, legend_bottom = _place_legend(
        legend_entries(chart), inner, subtitle.bottom() + pad * 0.6, fonts
    )
    body_top = legend_bottom + pad * 0.6
    body = QRectF(inner.left(), body_top, inner.width(), max(0.0, inner.bottom() - body_top))
    return Frame(title, subtitle, legend, body)


def _paint_swatch(painter: QPainter, placed: PlacedEntry, fonts: ChartFonts) -> None:
    entry, rect = placed.entry, placed.swatch
    centre = rect.center()
    if entry.swatch is Swatch.BOX:
        side = fonts.base * 0.8
        box = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)
        painter.setPen(QPen(entry.border, 1.0) if entry.border else Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(entry.colour))
        painter.drawRect(box)
        return
    pen = QPen(entry.colour, max(1.5, fonts.base * 0.15))
    if entry.swatch is Swatch.DASHED_LINE:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QLineF(rect.left(), centre.y(), rect.right(), centre.y()))
    if entry.marker is not None:
        draw_marker(painter, QPointF(centre), fonts.base * 0.28, entry.marker, entry.colour)


def paint_frame(painter: QPainter, frame: Frame, chart: Chart, fonts: ChartFonts) -> None:
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.setFont(fonts.title)
    painter.setPen(TEXT_COLOUR)
    title = fonts.metrics(fonts.title).elidedText(
        chart.title, Qt.TextElideMode.ElideRight, frame.title.width()
    )
    painter.drawText(frame.title, left, title)
    if chart.subtitle:
        painter.setFont(fonts.subtitle)
        painter.setPen(MUTED_TEXT_COLOUR)
        subtitle = fonts.metrics(fonts.subtitle).elidedText(
            chart.subtitle, Qt.TextElideMode.ElideRight, frame.subtitle.width()
        )
        painter.drawText(frame.subtitle, left, subtitle)
    painter.setFont(fonts.label)
    metrics = fonts.metrics(fonts.label)
    for placed in frame.legend:
        painter.save()
        _paint_swatch(painter, placed, fonts)
        painter.restore()
        painter.setPen(TEXT_COLOUR)
        text = metrics.elidedText(
            placed.entry.text, Qt.TextElideMode.ElideRight, placed.text.width()
        )
        painter.drawText(placed.text, left, text)
