"""Where the plot of a line or bar chart goes inside the chart's body, and its axes.

Left: the tick labels of the value axis; right: the 0–100 % axis when there is a rate
line; under: the category labels; above: the unit ("người") and room for the value
written over the tallest bar. One computation, used by the painter, the tooltip and
the tests.
"""

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from pcmt_desktop.gui.charts.category_labels import (
    CategoryLabels,
    LabelMode,
    month_labels,
    name_labels,
    slanted_reaches,
)
from pcmt_desktop.gui.charts.fonts import ChartFonts
from pcmt_desktop.gui.charts.ticks import (
    RATE_TICKS,
    ValueAxis,
    all_whole,
    nice_ticks,
    percent_text,
    tick_text,
)
from pcmt_desktop.reports.charts import Chart, ChartKind

_GROUP_SHARE = 0.72  # share of a category's slot taken by its group of bars
_BAR_GAP = 0.08  # gap between the bars of one group, as a share of a bar
_MAX_LABEL_SHARE = 0.3  # at most this share of the body height for category labels
_SHIFT_ROUNDS = 4
_MAX_SHIFT_SHARE = 0.25  # slanted names may push the plot right by this share at most
_MAX_BAR_WIDTH = 4.5  # a bar is at most this many times the base text size wide


@dataclass(frozen=True)
class PlotLayout:
    plot: QRectF
    ticks: tuple[float, ...]
    whole: bool
    axis: ValueAxis
    rate_axis: ValueAxis | None
    labels: CategoryLabels
    labels_top: float
    count: int
    bar_limit: float  # the widest a bar may be: three categories do not make slabs

    @property
    def slot_width(self) -> float:
        return self.plot.width() / self.count if self.count else 0.0

    def centre_x(self, index: int) -> float:
        return self.plot.left() + (index + 0.5) * self.slot_width

    def centres(self) -> tuple[float, ...]:
        return tuple(self.centre_x(index) for index in range(self.count))

    def index_at(self, x: float) -> int | None:
        """The category whose slot holds ``x``; None outside the plot."""
        if not self.count or not self.plot.left() <= x < self.plot.right():
            return None
        return min(int((x - self.plot.left()) / self.slot_width), self.count - 1)

    def bar_rect(self, index: int, series_index: int, series_count: int, value: float) -> QRectF:
        """The bar of one series in one category (zero height for a zero value)."""
        count = max(series_count, 1)
        width = min(self.slot_width * _GROUP_SHARE / count, self.bar_limit)
        group = width * count
        gap = width * _BAR_GAP if series_count > 1 else 0.0
        left = self.centre_x(index) - group / 2 + series_index * width + gap / 2
        top = self.axis.y_of(value)
        return QRectF(left, top, width - gap, self.axis.y_bottom - top)


def _category_labels(
    chart: Chart, left: float, right: float, body: QRectF, fonts: ChartFonts
) -> CategoryLabels:
    count = len(chart.categories)
    slot = (right - left) / count if count else 0.0
    if chart.kind is ChartKind.LINE:
        return month_labels(chart.categories, slot, fonts.label)
    centres = tuple(left + (index + 0.5) * slot for index in range(count))
    return name_labels(
        chart.categories,
        slot,
        fonts.label,
        body.height() * _MAX_LABEL_SHARE,
        tuple(x - body.left() for x in centres),
    )


def plot_layout(body: QRectF, chart: Chart, fonts: ChartFonts) -> PlotLayout:
    values = [value for series in chart.series for value in series.values]
    whole = all_whole(values)
    ticks = nice_ticks(max(values, default=0.0), whole=whole)
    small = fonts.metrics(fonts.small)
    tick_width = max(small.horizontalAdvance(tick_text(tick, whole=whole)) for tick in ticks)
    left = body.left() + tick_width + fonts.base * 0.5
    if chart.rate_line is not None:
        right = body.right() - small.horizontalAdvance(percent_text(100)) - fonts.base * 0.5
    else:
        right = body.right() - fonts.base * 0.3
    top = body.top() + small.height() * 1.5
    count = len(chart.categories)
    labels = _category_labels(chart, left, right, body, fonts)
    if labels.mode is LabelMode.SLANTED:
        # Slanted names run down to the left: move the plot right so the first ones
        # are written in full (within a quarter of the width).
        # Moving it narrows the slots, which moves the first names left again: a few
        # rounds settle it (each round asks less than the one before).
        reaches = slanted_reaches(chart.categories, fonts.label, body.height() * _MAX_LABEL_SHARE)
        limit = body.left() + body.width() * _MAX_SHIFT_SHARE
        for _round in range(_SHIFT_ROUNDS):
            slot = (right - left) / count
            wanted = max(reach - (index + 0.5) * slot for index, reach in enumerate(reaches))
            shifted = min(body.left() + wanted + 1.0, limit)
            if shifted <= left:
                break
            left = shifted
        labels = _category_labels(chart, left, right, body, fonts)
    bottom = body.bottom() - labels.height - fonts.base * 0.4
    plot = QRectF(left, top, max(0.0, right - left), max(0.0, bottom - top))
    axis = ValueAxis(ticks[-1], plot.bottom(), plot.top())
    rate_axis = (
        ValueAxis(RATE_TICKS[-1], plot.bottom(), plot.top())
        if chart.rate_line is not None
        else None
    )
    return PlotLayout(
        plot,
        ticks,
        whole,
        axis,
        rate_axis,
        labels,
        plot.bottom() + fonts.base * 0.3,
        count,
        fonts.base * _MAX_BAR_WIDTH,
    )
