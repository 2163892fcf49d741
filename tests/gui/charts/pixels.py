"""Reading an image's pixels back: colours at a point, the set of colours, a run's height."""

from PySide6.QtGui import QColor, QImage


def rgb_at(image: QImage, x: float, y: float) -> int:
    return image.pixelColor(round(x), round(y)).rgb()


def colours_in(image: QImage) -> set[int]:
    """Every 0xffRRGGBB value the image holds."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    data = memoryview(rgb.constBits()).cast("B")[: rgb.sizeInBytes()]
    return set(data.cast("I"))


def run_height(image: QImage, x: float, colour: QColor) -> int:
    """How many pixels of column ``x`` have exactly ``colour``."""
    column = round(x)
    return sum(
        1 for y in range(image.height()) if image.pixelColor(column, y).rgb() == colour.rgb()
    )
