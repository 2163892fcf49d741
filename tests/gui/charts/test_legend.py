"""The tiles' key and labels, and the one palette the screen shares with the annex."""

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from pcmt_desktop.domain.area_classes import AreaClass
from pcmt_desktop.gui.charts.fonts import chart_fonts
from pcmt_desktop.gui.charts.frame import frame_layout
from pcmt_desktop.gui.charts.legend import Swatch, legend_entries
from pcmt_desktop.gui.charts.palette import RATE_COLOUR, series_colour, severity_fill
from pcmt_desktop.gui.charts.tiles import class_line, tile_rects
from pcmt_desktop.reports import charts
from pcmt_desktop.reports.charts import Chart, ChartKind, Tile

from .samples import drug_tests_chart, tiles_chart

FULL_DRUG_FREE = AreaClass.DRUG_FREE.label  # "Không có tệ nạn ma túy"


def _many_tiles() -> Chart:
    """Twenty sub-areas (a large commune's thôn) in a small picture of the overview."""
    return Chart(
        key="area-classes",
        kind=ChartKind.TILES,
        title="Phân loại địa bàn",
        subtitle="Năm 2026",
        tiles=tuple(Tile(f"Thôn Sơn {index}", "Không ma túy", 0) for index in range(20)),
    )


def test_the_qt_colours_are_the_shared_palettes(qapp: QApplication) -> None:
    for count in (1, 2, 5):
        for index in range(count):
            qt = series_colour(index, count).name().upper()
            assert qt == charts.series_colour(index, count)
    for severity in (None, 0, 1, 2, 3):
        assert severity_fill(severity).name().upper() == charts.severity_fill(severity)
    assert RATE_COLOUR.name().upper() == charts.RATE_COLOUR


def test_the_tiles_key_lists_every_class_in_full_gravest_first(qapp: QApplication) -> None:
    entries = legend_entries(tiles_chart())
    assert [entry.text for entry in entries] == [
        "Loại I",
        "Loại II",
        "Loại III",
        FULL_DRUG_FREE,
        "Chưa đề xuất",
    ]
    assert {entry.swatch for entry in entries} == {Swatch.BOX}
    assert [entry.colour.rgb() for entry in entries] == [
        severity_fill(severity).rgb() for severity in (3, 2, 1, 0, None)
    ]


def test_a_bar_chart_key_has_its_series_and_the_rate(qapp: QApplication) -> None:
    entries = legend_entries(drug_tests_chart())
    assert [(entry.text, entry.swatch) for entry in entries] == [
        ("Số người được test", Swatch.BOX),
        ("Số người dương tính", Swatch.BOX),
        ("Tỷ lệ dương tính (%)", Swatch.DASHED_LINE),
    ]


def test_the_short_class_label_fits_a_small_tile_where_the_full_one_would_not(
    qapp: QApplication,
) -> None:
    chart = _many_tiles()
    area = QRectF(0, 0, 480, 300)
    fonts = chart_fonts(area)
    rects = tile_rects(frame_layout(area, chart, fonts).body, len(chart.tiles), fonts)
    assert len(rects) == 20
    for rect in rects:
        assert class_line("Không ma túy", rect, fonts)[1] == "Không ma túy"
        assert class_line(FULL_DRUG_FREE, rect, fonts)[1].endswith("…")
