"""The shared palette (``reports.charts``) in openpyxl's terms.

The Excel chart's series and the tiles' cells take the very colours of the picture on
screen and in the PNG files, so the annex and the overview read alike.
"""

from collections.abc import Sequence
from typing import Any

from pcmt_desktop.reports.charts import RATE_COLOUR, series_colour

WHITE = "FFFFFF"
LINE_WIDTH = 28575  # EMU: 2.25 pt, about the screen's line over a printed chart
RATE_WIDTH = 19050  # EMU: 1.5 pt


def excel_colour(hex_colour: str) -> str:
    """ "#0072B2" as openpyxl writes colours: "0072B2"."""
    return hex_colour.lstrip("#").upper()


def colour_bars(series: Sequence[Any]) -> None:
    """Each bar series filled with its colour among ``len(series)``."""
    for index, item in enumerate(series):
        colour = excel_colour(series_colour(index, len(series)))
        item.graphicalProperties.solidFill = colour
        item.graphicalProperties.line.solidFill = colour


def _line(item: Any, colour: str, width: int, *, dashed: bool = False) -> None:
    from openpyxl.chart.shapes import GraphicalProperties

    item.smooth = False
    item.graphicalProperties.line.solidFill = colour
    item.graphicalProperties.line.width = width
    if dashed:
        item.graphicalProperties.line.prstDash = "dash"
    # Filled markers with a white rim, as drawn on screen, where lines cross.
    item.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
    item.marker.graphicalProperties.line.solidFill = WHITE


def colour_lines(series: Sequence[Any]) -> None:
    """Each line series (and its markers) in its colour among ``len(series)``."""
    for index, item in enumerate(series):
        _line(item, excel_colour(series_colour(index, len(series))), LINE_WIDTH)


def colour_rate_line(item: Any) -> None:
    """The rate line near black and dashed, like the screen's."""
    _line(item, excel_colour(RATE_COLOUR), RATE_WIDTH, dashed=True)
