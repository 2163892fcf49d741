"""Charts as images: a QImage of any size, and PNG files written all or nothing.

A PNG is first written to a temporary file in the target folder and only then given
its name, so an officer never finds a half-written picture (or loses the old one)
when the disk is full or the USB stick is pulled out. Drawing text needs a
QGuiApplication (the window's, or the tests'); these functions do not create one.
"""

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from pcmt_desktop.gui.charts.painter import paint_chart
from pcmt_desktop.gui.charts.palette import BACKGROUND_COLOUR
from pcmt_desktop.reports.charts import Chart

PNG_WIDTH = 1600
PNG_HEIGHT = 900
FILE_PREFIX = "bieu-do-"
# 254 dpi: a 1600 px picture is 16 cm wide, the text width of an A4 page, when a
# document inserts it at its own size.
_DOTS_PER_METRE = 10_000


class ChartSaveError(Exception):
    """The picture could not be written; the message says why, in Vietnamese."""


def chart_image(chart: Chart, width: int = PNG_WIDTH, height: int = PNG_HEIGHT) -> QImage:
    """``chart`` drawn on a white ``width`` x ``height`` image, antialiased."""
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    image.fill(BACKGROUND_COLOUR)
    image.setDotsPerMeterX(_DOTS_PER_METRE)
    image.setDotsPerMeterY(_DOTS_PER_METRE)
    painter = QPainter(image)
    try:
        paint_chart(painter, QRectF(0, 0, image.width(), image.height()), chart)
    finally:
        painter.end()
    return image


def png_name(chart: Chart) -> str:
    """The file name of a chart's picture: "bieu-do-list-sizes.png"."""
    return f"{FILE_PREFIX}{chart.key}.png"


def _reason(error: OSError, path: Path) -> str:
    if isinstance(error, FileNotFoundError) or error.errno == errno.ENOENT:
        return f"thư mục {path.parent} không tồn tại (ổ USB đã bị rút ra?)"
    if isinstance(error, PermissionError) or error.errno in {errno.EACCES, errno.EPERM}:
        return f"không có quyền ghi vào thư mục {path.parent} hoặc ổ đĩa chỉ cho đọc"
    if isinstance(error, IsADirectoryError):
        return "đã có một thư mục trùng tên"
    if error.errno in {errno.ENOSPC, errno.EDQUOT}:
        return "ổ đĩa đã đầy"
    if isinstance(error, NotADirectoryError):
        return f"{path.parent} không phải là thư mục"
    return error.strerror or str(error)


def _failed(path: Path, reason: str) -> ChartSaveError:
    return ChartSaveError(f"Không lưu được ảnh biểu đồ {path}: {reason}.")


def write_png(image: QImage, path: Path) -> None:
    """Write ``image`` as PNG at ``path``: whole, or not at all (then ChartSaveError)."""
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".~pcmt-", suffix=".png")
        os.close(handle)
    except OSError as error:
        raise _failed(path, _reason(error, path)) from error
    temporary = Path(name)
    try:
        if not image.save(str(temporary)):  # the ".png" suffix picks the format
            raise _failed(path, "không ghi được tệp (ổ đĩa đầy hoặc không cho ghi?)")
        temporary.replace(path)
    except OSError as error:
        raise _failed(path, _reason(error, path)) from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def save_chart_png(
    chart: Chart, path: Path, *, width: int = PNG_WIDTH, height: int = PNG_HEIGHT
) -> None:
    """Draw ``chart`` and write it as a PNG file at ``path``.

    Raises:
        ChartSaveError: the folder is missing or read-only, the disk is full, or
            ``path`` is a folder; no file (not even a partial one) is left behind.
    """
    write_png(chart_image(chart, width, height), path)


def save_charts_png(
    charts: Iterable[Chart], folder: Path, *, width: int = PNG_WIDTH, height: int = PNG_HEIGHT
) -> list[Path]:
    """One PNG per chart in ``folder`` (which must exist), named by ``png_name``.

    Raises:
        ChartSaveError: as save_chart_png; the pictures written before stay.
    """
    written: list[Path] = []
    for chart in charts:
        path = Path(folder) / png_name(chart)
        save_chart_png(chart, path, width=width, height=height)
        written.append(path)
    return written
