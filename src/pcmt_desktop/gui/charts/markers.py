"""Point markers of line series: a distinct shape per series (readable in grey print)."""

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from pcmt_desktop.gui.charts.palette import BACKGROUND_COLOUR, Marker


def _polygon(centre: QPointF, radius: float, marker: Marker) -> QPolygonF:
    x, y, r = centre.x(), centre.y(), radius
    if marker is Marker.TRIANGLE:
        points = [(x, y - r * 1.15), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
    elif marker is Marker.TRIANGLE_DOWN:
        points = [(x, y + r * 1.15), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)]
    else:  # diamond
        points = [(x, y - r * 1.25), (x + r * 1.25, y), (x, y + r * 1.25), (x - r * 1.25, y)]
    return QPolygonF([QPointF(px, py) for px, py in points])


def draw_marker(
    painter: QPainter, centre: QPointF, radius: float, marker: Marker, colour: QColor
) -> None:
    """A filled shape with a thin white rim, so it stands out where lines cross."""
    painter.save()
    painter.setPen(QPen(BACKGROUND_COLOUR, max(1.0, radius * 0.35)))
    painter.setBrush(QBrush(colour))
    if marker is Marker.CIRCLE:
        painter.drawEllipse(centre, radius, radius)
    elif marker is Marker.SQUARE:
        side = radius * 1.8
        painter.drawRect(QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side))
    else:
        painter.drawPolygon(_polygon(centre, radius, marker))
    painter.restore()
