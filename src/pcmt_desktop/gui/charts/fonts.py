"""Fonts sized from the drawing area, so a 1600x900 PNG and a 480x300 widget both read.

The family is the application's own font (gui.app sets none, so it is the system's
user-interface font): the chart then looks like the rest of the window. Sizes are in
pixels, not points, so a PNG does not change with the screen's DPI.
"""

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication

_MIN_PIXELS = 9
_MAX_BASE_PIXELS = 40


def _font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPixelSize(max(_MIN_PIXELS, round(pixels)))
    font.setBold(bold)
    return font


@dataclass(frozen=True)
class ChartFonts:
    """The fonts of one drawing: title, subtitle, labels (legend, axes) and small notes."""

    base: float
    title: QFont
    subtitle: QFont
    label: QFont
    small: QFont

    @property
    def padding(self) -> float:
        """The gap between parts of the chart, in step with the text size."""
        return self.base * 0.7

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font)


def chart_fonts(area: QRectF) -> ChartFonts:
    base = min(area.height() / 30.0, area.width() / 48.0)
    base = min(max(base, 10.0), _MAX_BASE_PIXELS)
    return ChartFonts(
        base=base,
        title=_font(base * 1.25, bold=True),
        subtitle=_font(base * 0.9),
        label=_font(base * 0.85),
        small=_font(base * 0.75),
    )
