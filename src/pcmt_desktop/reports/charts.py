"""The pictures of the figures: what each chart shows, independent of how it is drawn.

One description per chart, built from a figures object (``reports.chart_specs``), is
drawn twice: by the overview tab on screen and into PNG files (``gui.charts``), and as
native Excel charts in the báo cáo's annex (``reports.annex_charts``). Keeping the
description apart from the drawing is what makes the overview's picture and the annex's
chart the same chart: same title, same categories, same numbers.

The colours live here too, as hex strings, so the picture on screen, its PNG file and the
annex's Excel chart paint the same series and the same classes alike.

Nothing here imports Qt or openpyxl.
"""

from dataclasses import dataclass
from enum import StrEnum


class ChartKind(StrEnum):
    LINE = "line"  # series over time (categories are the points in time)
    BAR = "bar"  # vertical bars, series side by side in each category
    TILES = "tiles"  # one coloured tile per area with its class (no axes)


@dataclass(frozen=True)
class Series:
    """One named row of values, one value per category of its chart."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class RateLine:
    """A percentage drawn over a bar chart on its own axis (0–100 %), one per category.

    ``values`` are percents (15.1 means 15,1 %); None where there is no rate (nobody tested).
    """

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Tile:
    """One area of a tiles chart: its name, its class label and how grave it is.

    ``severity`` orders the colours: None = no class proposed (grey), 0 = drug-free
    (green), 1 = type III, 2 = type II, 3 = type I (red) — ``AreaClass.severity``.
    """

    name: str
    label: str  # short enough for a small tile ("Không ma túy"); the legend says it in full
    severity: int | None


@dataclass(frozen=True)
class Chart:
    """A chart ready to draw.

    ``key`` is stable and ASCII (file names, tests: "list-sizes", "tests-by-sub-area",
    "hotspots-by-state", "area-classes"); ``title`` and ``subtitle`` are Vietnamese (the
    subtitle says the period or the day). Bar and line charts have ``categories`` and
    ``series`` (every series as long as the categories); a bar chart may carry a
    ``rate_line``; a tiles chart has ``tiles`` only. ``value_label`` names the unit of
    the value axis ("người", "điểm"). ``empty_text`` is shown instead of the picture when
    there is nothing to draw (every value zero, no tiles).
    """

    key: str
    kind: ChartKind
    title: str
    subtitle: str
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    value_label: str = ""
    rate_line: RateLine | None = None
    tiles: tuple[Tile, ...] = ()
    empty_text: str = "Chưa có số liệu để vẽ biểu đồ."

    @property
    def is_empty(self) -> bool:
        if self.kind is ChartKind.TILES:
            return not self.tiles
        return not any(value for series in self.series for value in series.values)


# --- colours (#RRGGBB), print friendly and colour-blind aware ---------------------------

# Okabe & Ito (2008), in an order where neighbours differ most: people with the common
# colour-vision deficiencies still tell them apart.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
# A bar chart with two series (tested / positive) reads best as sky blue and vermillion.
PAIR_COLOURS = ("#56B4E9", "#D55E00")
RATE_COLOUR = "#222222"  # the percentage line over the bars: near black, dashed
# Tiles: light fills (dark text stays readable) whose lightness falls as the class gets
# graver. Severity None (no class proposed) is grey; then 0 drug-free, 1 type III,
# 2 type II, 3 type I.
NO_CLASS_FILL = "#E4E4E4"
SEVERITY_FILLS = ("#B8E2A8", "#FFE699", "#FBB576", "#E8847A")


def series_colour(index: int, count: int) -> str:
    """The colour of the ``index``-th of ``count`` series."""
    if count == len(PAIR_COLOURS):
        return PAIR_COLOURS[index]
    return SERIES_COLOURS[index % len(SERIES_COLOURS)]


def severity_fill(severity: int | None) -> str:
    """A tile's fill: grey without a class, then green, yellow, orange, red."""
    if severity is None:
        return NO_CLASS_FILL
    return SEVERITY_FILLS[min(max(severity, 0), len(SEVERITY_FILLS) - 1)]
