"""The overview's four pictures in a 2 × 2 grid, each one savable as a PNG file."""

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QWidget

from pcmt_desktop.gui.charts.view import ChartView
from pcmt_desktop.reports.charts import Chart

# The order of the grid: trends first (top left), where the eye starts.
CHART_KEYS = ("list-sizes", "tests-by-sub-area", "hotspots-by-state", "area-classes")


class ChartGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.views: dict[str, ChartView] = {}
        for index, key in enumerate(CHART_KEYS):
            view = ChartView(self)
            view.setObjectName(f"chart-{key}")
            grid.addWidget(view, index // 2, index % 2)
            self.views[key] = view
        self.charts: list[Chart] = []

    def show_charts(self, charts: Sequence[Chart]) -> None:
        self.charts = list(charts)
        by_key = {chart.key: chart for chart in charts}
        for key, view in self.views.items():
            view.set_chart(by_key.get(key))
