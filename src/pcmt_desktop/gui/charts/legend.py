"""What the legend lists for a chart: one entry per series, the rate line, the classes.

Tiles list every class, gravest first, in the decision's full wording
(``chart_specs.class_legend``, the annex's legend too): the tiles carry a short form of
it, the key says it in full and is the same whichever classes appear this month.
"""

from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QColor

from pcmt_desktop.gui.charts.palette import (
    RATE_COLOUR,
    Marker,
    series_colour,
    series_marker,
    severity_border,
    severity_fill,
)
from pcmt_desktop.reports.chart_specs import class_legend
from pcmt_desktop.reports.charts import Chart, ChartKind


class Swatch(Enum):
    BOX = "box"  # a filled square: a bar series or a class of tiles
    LINE = "line"  # a short line with the series' marker
    DASHED_LINE = "dashed_line"  # the rate line


@dataclass(frozen=True)
class LegendEntry:
    text: str
    colour: QColor
    swatch: Swatch
    marker: Marker | None = None
    border: QColor | None = None


def _tile_entries() -> list[LegendEntry]:
    return [
        LegendEntry(text, severity_fill(severity), Swatch.BOX, border=severity_border(severity))
        for text, severity in class_legend()
    ]


def legend_entries(chart: Chart) -> list[LegendEntry]:
    """The entries in drawing order; none for a single bar series (its title names it)."""
    if chart.is_empty:
        return []
    if chart.kind is ChartKind.TILES:
        return _tile_entries()
    count = len(chart.series)
    if chart.kind is ChartKind.LINE:
        return [
            LegendEntry(s.name, series_colour(i, count), Swatch.LINE, series_marker(i))
            for i, s in enumerate(chart.series)
        ]
    entries = [
        LegendEntry(s.name, series_colour(i, count), Swatch.BOX) for i, s in enumerate(chart.series)
    ]
    if chart.rate_line is not None:
        entries.append(
            LegendEntry(chart.rate_line.name, RATE_COLOUR, Swatch.DASHED_LINE, Marker.DIAMOND)
        )
    return entries if len(entries) > 1 else []
