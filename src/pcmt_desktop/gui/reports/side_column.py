"""The report pages' layout: choices and actions in a column on the left, what is looked at on
the right, with a splitter between them (the office's report tab and the combined figures)."""

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QSplitter, QVBoxLayout, QWidget

LEFT_WIDTH = 360
LEFT_MIN_WIDTH = 300


def lay_out_beside(
    owner: QWidget, column_items: Sequence[QWidget | QLayout], main: QWidget
) -> QSplitter:
    """Fill ``owner`` with the column of ``column_items`` beside ``main``; the splitter returned
    gives ``main`` the room the window gains, and never lets either side collapse."""
    left = QWidget(owner)
    left.setMinimumWidth(LEFT_MIN_WIDTH)
    column = QVBoxLayout(left)
    column.setContentsMargins(0, 0, 6, 0)
    for item in column_items:
        if isinstance(item, QLayout):
            column.addLayout(item)
        else:
            column.addWidget(item)
    column.addStretch(1)
    splitter = QSplitter(Qt.Orientation.Horizontal, owner)
    splitter.addWidget(left)
    splitter.addWidget(main)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes([LEFT_WIDTH, 10 * LEFT_WIDTH])
    layout = QHBoxLayout(owner)
    layout.addWidget(splitter)
    return splitter
