"""What paint_chart draws, read back from the pixels of real images."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from pcmt_desktop.gui.charts.fonts import chart_fonts
from pcmt_desktop.gui.charts.frame import frame_layout
from pcmt_desktop.gui.charts.palette import (
    BACKGROUND_COLOUR,
    all_series_colours,
    series_colour,
    severity_fill,
)
from pcmt_desktop.gui.charts.plot_layout import PlotLayout, plot_layout
from pcmt_desktop.gui.charts.png import chart_image
from pcmt_desktop.gui.charts.tiles import tile_rects
from pcmt_desktop.reports.charts import Chart, ChartKind, Series

from .pixels import colours_in, rgb_at, run_height
from .samples import ALL, bar_chart, drug_tests_chart, empty_chart, line_chart, tiles_chart

WIDTH, HEIGHT = 1600, 900


def _layout_of(chart: Chart, width: int = WIDTH, height: int = HEIGHT) -> PlotLayout:
    area = QRectF(0, 0, width, height)
    fonts = chart_fonts(area)
    return plot_layout(frame_layout(area, chart, fonts).body, chart, fonts)


def test_images_have_the_size_asked_and_a_white_ground(qapp: QApplication) -> None:
    for make in ALL:
        for width, height in ((1600, 900), (480, 300)):
            image = chart_image(make(), width, height)
            assert (image.width(), image.height()) == (width, height)
            assert rgb_at(image, 0, height - 1) == BACKGROUND_COLOUR.rgb()
            assert rgb_at(image, width - 1, 0) == BACKGROUND_COLOUR.rgb()


def test_a_bar_ends_at_the_height_of_its_value(qapp: QApplication) -> None:
    chart = bar_chart((10.0, 40.0))
    image = chart_image(chart, WIDTH, HEIGHT)
    layout = _layout_of(chart)
    colour = series_colour(0, 1).rgb()
    for index, value in enumerate((10.0, 40.0)):
        x = layout.bar_rect(index, 0, 1, value).center().x()
        top = layout.axis.y_of(value)
        assert rgb_at(image, x, top + 3) == colour
        assert rgb_at(image, x, layout.axis.y_bottom - 3) == colour
        assert rgb_at(image, x, top - 3) != colour


def test_bigger_values_make_proportionally_taller_bars(qapp: QApplication) -> None:
    chart = bar_chart((10.0, 40.0, 25.0))
    image = chart_image(chart, WIDTH, HEIGHT)
    layout = _layout_of(chart)
    colour = series_colour(0, 1)
    heights = [
        run_height(image, layout.bar_rect(index, 0, 1, 1.0).center().x(), colour)
        for index in range(3)
    ]
    assert heights[0] < heights[2] < heights[1]
    # Measured on the pixels alone: 40 is four times 10, give or take the edges.
    assert abs(heights[1] - 4 * heights[0]) <= 4
    # And 40 reaches the top tick (40), i.e. the whole plot's height.
    assert abs(heights[1] - layout.plot.height()) <= 2


def test_the_two_series_and_the_rate_line_are_all_drawn(qapp: QApplication) -> None:
    colours = colours_in(chart_image(drug_tests_chart(), WIDTH, HEIGHT))
    assert series_colour(0, 2).rgb() in colours
    assert series_colour(1, 2).rgb() in colours
    assert QColor("#222222").rgb() in colours  # the rate line


def test_every_line_has_its_colour(qapp: QApplication) -> None:
    colours = colours_in(chart_image(line_chart(), WIDTH, HEIGHT))
    assert series_colour(0, 2).rgb() in colours
    assert series_colour(1, 2).rgb() in colours


def test_an_empty_chart_draws_no_series_colour(qapp: QApplication) -> None:
    chart = empty_chart()
    assert chart.is_empty
    colours = colours_in(chart_image(chart, WIDTH, HEIGHT))
    assert not colours & {colour.rgb() for colour in all_series_colours()}
    assert len(colours) > 2  # the title and the sentence are there


def test_tiles_take_the_colour_of_their_class(qapp: QApplication) -> None:
    chart = tiles_chart()
    image = chart_image(chart, WIDTH, HEIGHT)
    area = QRectF(0, 0, WIDTH, HEIGHT)
    fonts = chart_fonts(area)
    rects = tile_rects(frame_layout(area, chart, fonts).body, len(chart.tiles), fonts)
    for tile, rect in zip(chart.tiles, rects, strict=True):
        # Left of the centred text, inside the border.
        point = (rect.left() + rect.width() * 0.03, rect.center().y())
        assert rgb_at(image, *point) == severity_fill(tile.severity).rgb()
    fills = {severity_fill(severity).rgb() for severity in (None, 0, 1, 2, 3)}
    assert len(fills) == 5


def test_a_tiny_area_draws_nothing_and_does_not_fail(qapp: QApplication) -> None:
    image = chart_image(drug_tests_chart(), 1, 1)
    assert image.width() == 1


_VALUES = st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=_VALUES,
    kind=st.sampled_from([ChartKind.LINE, ChartKind.BAR]),
    width=st.integers(min_value=40, max_value=900),
    height=st.integers(min_value=30, max_value=600),
)
def test_any_numbers_at_any_size_are_drawn(
    qapp: QApplication, values: list[int], kind: ChartKind, width: int, height: int
) -> None:
    chart = Chart(
        key="x",
        kind=kind,
        title="Biểu đồ thử",
        subtitle="Từ 01/01/2026 đến 31/12/2026",
        categories=tuple(f"Thôn Số {index} Rất Dài Tên" for index in range(len(values))),
        series=(Series("Số người", tuple(float(v) for v in values)),),
    )
    image: QImage = chart_image(chart, width, height)
    assert (image.width(), image.height()) == (width, height)
