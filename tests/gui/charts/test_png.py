"""PNG files: written whole, reopened the same; a folder that refuses leaves nothing."""

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from pcmt_desktop.gui.charts import ChartSaveError, png_name, save_chart_png, save_charts_png
from pcmt_desktop.gui.charts.palette import series_colour
from pcmt_desktop.gui.charts.png import chart_image

from .pixels import rgb_at
from .samples import ALL, bar_chart, drug_tests_chart, line_chart, tiles_chart


def test_a_png_reopens_with_the_same_size_and_pixels(qapp: QApplication, tmp_path: Path) -> None:
    chart = bar_chart()
    path = tmp_path / "bieu-do.png"
    save_chart_png(chart, path, width=800, height=450)
    reopened = QImage(str(path))
    assert not reopened.isNull()
    assert (reopened.width(), reopened.height()) == (800, 450)
    drawn = chart_image(chart, 800, 450)
    for x, y in ((400, 225), (100, 400), (700, 50)):
        assert rgb_at(reopened, x, y) == rgb_at(drawn, x, y)
    assert series_colour(0, 1).rgb() in {rgb_at(reopened, x, 400) for x in range(0, 800, 4)}
    assert [p.name for p in tmp_path.iterdir()] == ["bieu-do.png"]  # no temporary file left


def test_the_default_size_is_1600_by_900(qapp: QApplication, tmp_path: Path) -> None:
    save_chart_png(line_chart(), tmp_path / "a.png")
    image = QImage(str(tmp_path / "a.png"))
    assert (image.width(), image.height()) == (1600, 900)
    # Inserted at its own size into a document, it is 16 cm wide: an A4 page's text.
    assert round(image.width() / image.dotsPerMeterX() * 100) == 16


def test_an_older_picture_is_replaced(qapp: QApplication, tmp_path: Path) -> None:
    path = tmp_path / "bieu-do.png"
    path.write_bytes(b"old")
    save_chart_png(tiles_chart(), path, width=320, height=200)
    assert QImage(str(path)).width() == 320


def test_every_chart_gets_a_file_named_by_its_key(qapp: QApplication, tmp_path: Path) -> None:
    charts = [line_chart(), drug_tests_chart(), bar_chart(), tiles_chart()]
    written = save_charts_png(charts, tmp_path, width=400, height=250)
    assert [path.name for path in written] == [
        "bieu-do-list-sizes.png",
        "bieu-do-tests-by-sub-area.png",
        "bieu-do-hotspots-by-state.png",
        "bieu-do-area-classes.png",
    ]
    assert all(QImage(str(path)).width() == 400 for path in written)
    assert png_name(charts[0]) == "bieu-do-list-sizes.png"


def test_a_missing_folder_gives_a_vietnamese_error(qapp: QApplication, tmp_path: Path) -> None:
    target = tmp_path / "khong-co" / "bieu-do.png"
    with pytest.raises(ChartSaveError) as caught:
        save_chart_png(bar_chart(), target)
    assert "Không lưu được ảnh biểu đồ" in str(caught.value)
    assert "không tồn tại" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_leaves_no_temporary_file(qapp: QApplication, tmp_path: Path) -> None:
    target = tmp_path / "bieu-do.png"
    target.mkdir()
    with pytest.raises(ChartSaveError) as caught:
        save_chart_png(bar_chart(), target)
    assert "trùng tên" in str(caught.value)
    assert target.is_dir()
    assert [path.name for path in tmp_path.iterdir()] == ["bieu-do.png"]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_read_only_folder_gives_a_vietnamese_error(qapp: QApplication, tmp_path: Path) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ChartSaveError) as caught:
            save_chart_png(bar_chart(), folder / "bieu-do.png")
        assert "không có quyền ghi" in str(caught.value)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_sample_charts_all_save(qapp: QApplication, tmp_path: Path) -> None:
    for index, make in enumerate(ALL):
        save_chart_png(make(), tmp_path / f"{index}.png", width=560, height=320)
    assert len(list(tmp_path.glob("*.png"))) == len(ALL)
