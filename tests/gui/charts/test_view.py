"""The chart widget: drawn for every kind, "Đang tính…" meanwhile, tooltip, saving."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.charts import ChartSaveError, ChartView
from pcmt_desktop.gui.charts.fonts import chart_fonts
from pcmt_desktop.gui.charts.frame import frame_layout
from pcmt_desktop.gui.charts.palette import series_colour
from pcmt_desktop.gui.charts.plot_layout import plot_layout
from pcmt_desktop.gui.charts.tiles import tile_rects
from pcmt_desktop.gui.charts.view import SAVE_TEXT

from .pixels import colours_in
from .samples import ALL, drug_tests_chart, line_chart, tiles_chart

pytestmark = [pytest.mark.gui]


@pytest.fixture
def view(qtbot: QtBot) -> ChartView:
    widget = ChartView()
    qtbot.addWidget(widget)
    widget.resize(560, 330)
    return widget


def test_every_kind_renders(view: ChartView) -> None:
    for make in ALL:
        view.set_chart(make())
        image = view.grab().toImage()
        assert (image.width(), image.height()) == (560, 330)
    view.set_chart(drug_tests_chart())
    colours = colours_in(view.grab().toImage())
    assert series_colour(0, 2).rgb() in colours


def test_while_computing_no_series_is_drawn(view: ChartView) -> None:
    view.set_chart(None)
    assert view.chart is None
    colours = colours_in(view.grab().toImage())
    assert series_colour(0, 2).rgb() not in colours
    assert view.tooltip_at(QPointF(280, 165)) is None
    assert not view.context_menu().actions()[0].isEnabled()


def test_the_minimum_size_fits_a_two_by_two_grid(view: ChartView) -> None:
    minimum = view.minimumSize()
    assert 2 * minimum.width() <= 1280 - 40
    assert 2 * minimum.height() <= 800 - 200
    assert minimum.width() >= 300 and minimum.height() >= 180


def test_the_tooltip_names_the_category_and_its_values(view: ChartView) -> None:
    chart = drug_tests_chart()
    view.set_chart(chart)
    area = QRectF(view.rect())
    fonts = chart_fonts(area)
    layout = plot_layout(frame_layout(area, chart, fonts).body, chart, fonts)
    point = QPointF(layout.centre_x(0), layout.plot.center().y())
    assert view.tooltip_at(point) == (
        "Thị trấn Sơn Hà\nSố người được test: 120\nSố người dương tính: 18\n"
        "Tỷ lệ dương tính (%): 15%"
    )
    nobody = QPointF(layout.centre_x(2), layout.plot.center().y())
    assert (view.tooltip_at(nobody) or "").endswith("Tỷ lệ dương tính (%): không có")
    assert view.tooltip_at(QPointF(2, 2)) is None  # on the title


def test_the_tooltip_of_a_line_chart_gives_the_month(view: ChartView) -> None:
    chart = line_chart()
    view.set_chart(chart)
    area = QRectF(view.rect())
    fonts = chart_fonts(area)
    layout = plot_layout(frame_layout(area, chart, fonts).body, chart, fonts)
    text = view.tooltip_at(QPointF(layout.centre_x(11), layout.plot.center().y()))
    assert text == "12/2026\nNghi sử dụng: 21\nNghiện: 19"


def test_the_tooltip_of_a_tile_gives_its_area_and_class(view: ChartView) -> None:
    chart = tiles_chart()
    view.set_chart(chart)
    area = QRectF(view.rect())
    fonts = chart_fonts(area)
    rects = tile_rects(frame_layout(area, chart, fonts).body, len(chart.tiles), fonts)
    assert view.tooltip_at(rects[1].center()) == "Xã Sơn Thủy\nLoại II"


def test_the_menu_offers_to_save_and_save_png_writes(view: ChartView, tmp_path: Path) -> None:
    view.set_chart(tiles_chart())
    action = view.context_menu().actions()[0]
    assert action.text() == SAVE_TEXT and action.isEnabled()
    path = tmp_path / "anh.png"
    view.save_png(path)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1600, 900)


def test_nothing_is_saved_before_the_chart_is_computed(view: ChartView, tmp_path: Path) -> None:
    view.set_chart(None)
    with pytest.raises(ChartSaveError, match="chưa tính xong"):
        view.save_png(tmp_path / "anh.png")
    assert list(tmp_path.iterdir()) == []
