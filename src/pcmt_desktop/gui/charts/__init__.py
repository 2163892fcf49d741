"""Charts drawn with QPainter (PySide6-Essentials has no QtCharts): on screen and as PNG.

A ``reports.charts.Chart`` describes what to show; ``paint_chart`` draws it into any
rectangle, ``ChartView`` is the widget of the overview tab, and ``chart_image`` /
``save_chart_png`` / ``save_charts_png`` make the pictures files.
"""

from pcmt_desktop.gui.charts.painter import paint_chart
from pcmt_desktop.gui.charts.png import (
    ChartSaveError,
    chart_image,
    png_name,
    save_chart_png,
    save_charts_png,
)
from pcmt_desktop.gui.charts.view import ChartView

__all__ = [
    "ChartSaveError",
    "ChartView",
    "chart_image",
    "paint_chart",
    "png_name",
    "save_chart_png",
    "save_charts_png",
]
