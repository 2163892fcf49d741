"""The colours and marker shapes of the charts on screen and in PNG files.

The series colours and the tiles' fills are ``reports.charts``'s (shared with the
annex's Excel charts); here they become QColors, next to the colours only the QPainter
drawing has (text, axes, grid). Each line series also has its own marker shape, so a
grey print still says which line is which; a tile's label is always written on it: the
colour is never the only cue.
"""

from enum import Enum

from PySide6.QtGui import QColor

from pcmt_desktop.reports import charts

RATE_COLOUR = QColor(charts.RATE_COLOUR)
TEXT_COLOUR = QColor("#1A1A1A")
MUTED_TEXT_COLOUR = QColor("#555555")
AXIS_COLOUR = QColor("#444444")
GRID_COLOUR = QColor("#DDDDDD")
BACKGROUND_COLOUR = QColor("#FFFFFF")


class Marker(Enum):
    CIRCLE = "circle"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"
    TRIANGLE_DOWN = "triangle_down"


_MARKERS = tuple(Marker)


def series_colour(index: int, count: int) -> QColor:
    """The colour of the ``index``-th of ``count`` series."""
    return QColor(charts.series_colour(index, count))


def series_marker(index: int) -> Marker:
    return _MARKERS[index % len(_MARKERS)]


def severity_fill(severity: int | None) -> QColor:
    """A tile's fill: grey without a class, then green, yellow, orange, red."""
    return QColor(charts.severity_fill(severity))


def severity_border(severity: int | None) -> QColor:
    """A darker edge of the same hue, so pale tiles keep their outline on white paper."""
    return severity_fill(severity).darker(150)


def all_series_colours() -> tuple[QColor, ...]:
    """Every colour a series may take (tests look for them in an empty chart)."""
    return tuple(QColor(name) for name in (*charts.SERIES_COLOURS, *charts.PAIR_COLOURS))
