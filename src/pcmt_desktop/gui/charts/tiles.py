"""The tiles chart: one rounded tile per sub-area, coloured by the class proposed.

The grid is chosen so tiles are as large as they can be at a pleasant width/height
ratio; a handful of sub-areas do not become a few giant slabs (the size is capped in
step with the text) and the grid is centred in the body.
"""

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPen

from pcmt_desktop.gui.charts.fonts import ChartFonts
from pcmt_desktop.gui.charts.palette import TEXT_COLOUR, severity_border, severity_fill
from pcmt_desktop.gui.charts.text_fit import balanced_lines, elided_lines
from pcmt_desktop.reports.charts import Chart, Tile

_ASPECT = 2.4  # width / height of a tile


def tile_rects(body: QRectF, count: int, fonts: ChartFonts) -> list[QRectF]:
    """The tiles' rectangles, row by row, left to right."""
    if count <= 0 or body.width() <= 0 or body.height() <= 0:
        return []
    gap = fonts.base * 0.5
    best_width, best_columns = 0.0, 1
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        cell_w = (body.width() - gap * (columns - 1)) / columns
        cell_h = (body.height() - gap * (rows - 1)) / rows
        width = min(cell_w, cell_h * _ASPECT, fonts.base * 14)
        if width > best_width:
            best_width, best_columns = width, columns
    width = max(best_width, 1.0)
    height = width / _ASPECT
    rows = math.ceil(count / best_columns)
    grid_w = best_columns * width + (best_columns - 1) * gap
    grid_h = rows * height + (rows - 1) * gap
    left = body.left() + (body.width() - grid_w) / 2
    top = body.top() + (body.height() - grid_h) / 2
    return [
        QRectF(
            left + (index % best_columns) * (width + gap),
            top + (index // best_columns) * (height + gap),
            width,
            height,
        )
        for index in range(count)
    ]


def _sized(font: QFont, pixels: float, *, bold: bool = False) -> QFont:
    sized = QFont(font)
    sized.setPixelSize(max(8, round(pixels)))
    sized.setBold(bold)
    return sized


def _inner(rect: QRectF) -> QRectF:
    """The tile's room for text, inside its rounded border."""
    return rect.adjusted(
        rect.width() * 0.05, rect.height() * 0.08, -rect.width() * 0.05, -rect.height() * 0.08
    )


def class_line(label: str, rect: QRectF, fonts: ChartFonts) -> tuple[QFont, str]:
    """The font and text of a class label on a tile of ``rect``: shrunk a little before
    it is shortened with "…" (``chart_specs`` keeps the labels short enough not to be)."""
    width = _inner(rect).width()
    # Text grows with the tile, up to a little above the chart's base size.
    class_px = min(rect.height() * 0.19, fonts.base * 0.9)
    class_font = _sized(fonts.small, class_px)
    wide = QFontMetricsF(class_font).horizontalAdvance(label)
    if wide > width:
        class_font = _sized(fonts.small, max(class_px * 0.8, class_px * width / wide))
    metrics = QFontMetricsF(class_font)
    return class_font, metrics.elidedText(label, Qt.TextElideMode.ElideRight, width)


def _paint_tile(painter: QPainter, tile: Tile, rect: QRectF, fonts: ChartFonts) -> None:
    radius = rect.height() * 0.14
    painter.setPen(QPen(severity_border(tile.severity), max(1.0, fonts.base * 0.07)))
    painter.setBrush(QBrush(severity_fill(tile.severity)))
    painter.drawRoundedRect(rect, radius, radius)
    inner = _inner(rect)
    class_font, label = class_line(tile.label, rect, fonts)
    class_h = QFontMetricsF(class_font).height()
    name_rect = QRectF(inner.left(), inner.top(), inner.width(), inner.height() - class_h)
    name_font = _sized(fonts.label, min(rect.height() * 0.24, fonts.base * 1.1), bold=True)
    lines = balanced_lines(tile.name, QFontMetricsF(name_font), inner.width())
    if len(lines) > 1:  # two lines must share the room the name has
        line_px = min(name_font.pixelSize(), name_rect.height() / (len(lines) * 1.25))
        name_font = _sized(fonts.label, line_px, bold=True)
        lines = balanced_lines(tile.name, QFontMetricsF(name_font), inner.width())
    painter.setPen(TEXT_COLOUR)
    painter.setFont(name_font)
    painter.drawText(
        name_rect,
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
        elided_lines(lines, QFontMetricsF(name_font), inner.width()),
    )
    painter.setFont(class_font)
    class_rect = QRectF(inner.left(), inner.bottom() - class_h, inner.width(), class_h)
    painter.drawText(class_rect, Qt.AlignmentFlag.AlignCenter, label)


def paint_tiles(painter: QPainter, body: QRectF, chart: Chart, fonts: ChartFonts) -> None:
    painter.save()
    for tile, rect in zip(chart.tiles, tile_rects(body, len(chart.tiles), fonts), strict=True):
        _paint_tile(painter, tile, rect, fonts)
    painter.restore()
