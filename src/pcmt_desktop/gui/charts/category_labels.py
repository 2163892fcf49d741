"""The labels under the x axis: months of a line chart, sub-area names of a bar chart.

Months are short ("12/2025"): when they crowd, only every n-th is written, counted back
from the latest month so the most recent one always has its label. Sub-area names are
long ("Tổ dân phố Bắc Sơn"): written straight if they fit their slot, on two lines if
that is enough, else slanted at 45°, shortened if need be at the START ("…phố Bắc
Sơn"), since the end is what tells one sub-area from the next (the tooltip has the
full name).
"""

import math
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from pcmt_desktop.gui.charts.palette import TEXT_COLOUR
from pcmt_desktop.gui.charts.text_fit import balanced_lines, text_width

_SLANT = math.radians(45)
_FILL = 0.92  # share of a slot a straight label may take


class LabelMode(Enum):
    STRAIGHT = "straight"
    SLANTED = "slanted"


@dataclass(frozen=True)
class CategoryLabels:
    mode: LabelMode
    texts: tuple[str, ...]  # as drawn: elided, "\n" between wrapped lines
    shown: tuple[bool, ...]  # False where crowding leaves a label out
    height: float


def _wrap(text: str, width: float, metrics: QFontMetricsF) -> list[str] | None:
    """One or two even lines; None when they are still wider than ``width``."""
    lines = balanced_lines(text, metrics, width)
    return lines if text_width(lines, metrics) <= width else None


def _every_nth(count: int, step: int) -> tuple[bool, ...]:
    return tuple((count - 1 - index) % step == 0 for index in range(count))


def month_labels(categories: tuple[str, ...], slot: float, font: QFont) -> CategoryLabels:
    """Straight one-line labels, every n-th when they would touch."""
    metrics = QFontMetricsF(font)
    widest = max((metrics.horizontalAdvance(text) for text in categories), default=0.0)
    gap = metrics.averageCharWidth() * 1.5
    step = max(1, math.ceil((widest + gap) / slot)) if slot > 0 else len(categories) or 1
    texts = tuple(
        metrics.elidedText(text, Qt.TextElideMode.ElideRight, slot * step) for text in categories
    )
    return CategoryLabels(
        LabelMode.STRAIGHT, texts, _every_nth(len(categories), step), metrics.height()
    )


def name_labels(
    categories: tuple[str, ...],
    slot: float,
    font: QFont,
    max_height: float,
    room_left: tuple[float, ...],
) -> CategoryLabels:
    """Straight, wrapped or slanted names; ``room_left`` is the space left of each slot's
    centre, which a slanted label must not cross."""
    metrics = QFontMetricsF(font)
    line = metrics.height()
    width = slot * _FILL
    wrapped = [_wrap(text, width, metrics) for text in categories]
    if all(lines is not None and len(lines) <= 2 for lines in wrapped):
        texts = tuple("\n".join(lines or []) for lines in wrapped)
        rows = max((len(lines or []) for lines in wrapped), default=1)
        return CategoryLabels(
            LabelMode.STRAIGHT, texts, (True,) * len(categories), line * rows * 1.05
        )
    cap = _slanted_cap(metrics, max_height)
    texts = tuple(
        metrics.elidedText(
            text, Qt.TextElideMode.ElideLeft, min(cap, room / math.cos(_SLANT) - line)
        )
        for text, room in zip(categories, room_left, strict=True)
    )
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0.0)
    spacing = slot * math.sin(_SLANT)
    step = max(1, math.ceil(line * 1.05 / spacing)) if spacing > 0 else 1
    height = widest * math.sin(_SLANT) + line * math.cos(_SLANT)
    return CategoryLabels(LabelMode.SLANTED, texts, _every_nth(len(categories), step), height)


def _slanted_cap(metrics: QFontMetricsF, max_height: float) -> float:
    """The longest a slanted label may be to stay within ``max_height``."""
    return max(0.0, (max_height - metrics.height() * math.cos(_SLANT)) / math.sin(_SLANT))


def slanted_reaches(categories: tuple[str, ...], font: QFont, max_height: float) -> list[float]:
    """How far left of its slot's centre each slanted label reaches, written in full."""
    metrics = QFontMetricsF(font)
    cap = _slanted_cap(metrics, max_height)
    return [
        (min(metrics.horizontalAdvance(text), cap) + metrics.height()) * math.cos(_SLANT)
        for text in categories
    ]


def paint_category_labels(
    painter: QPainter,
    labels: CategoryLabels,
    centres: tuple[float, ...],
    *,
    top: float,
    slot: float,
    font: QFont,
) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(TEXT_COLOUR)
    metrics = QFontMetricsF(font)
    for text, shown, x in zip(labels.texts, labels.shown, centres, strict=True):
        if not shown or not text:
            continue
        if labels.mode is LabelMode.STRAIGHT:
            width = max(slot, metrics.horizontalAdvance(text.split("\n")[0])) + 2
            rect = QRectF(x - width / 2, top, width, labels.height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
            continue
        painter.save()
        painter.translate(QPointF(x, top + metrics.height() * 0.35))
        painter.rotate(-45.0)
        width = metrics.horizontalAdvance(text) + 2
        rect = QRectF(-width, -metrics.height() / 2, width, metrics.height())
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()
    painter.restore()
