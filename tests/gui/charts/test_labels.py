"""Category labels and names in tiles: wrapped evenly, slanted or thinned when crowded."""

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from pcmt_desktop.gui.charts.category_labels import LabelMode, month_labels, name_labels
from pcmt_desktop.gui.charts.text_fit import balanced_lines

from .samples import MONTHS


def _font(qapp: QApplication) -> QFont:
    font = QFont(qapp.font())
    font.setPixelSize(14)
    return font


def test_a_long_name_breaks_into_even_lines(qapp: QApplication) -> None:
    metrics = QFontMetricsF(_font(qapp))
    narrow = metrics.horizontalAdvance("Thị trấn Sơn") - 1
    assert balanced_lines("Thị trấn Sơn Hà", metrics, narrow) == ["Thị trấn", "Sơn Hà"]
    wide = metrics.horizontalAdvance("Thị trấn Sơn Hà") + 1
    assert balanced_lines("Thị trấn Sơn Hà", metrics, wide) == ["Thị trấn Sơn Hà"]


def test_the_kind_of_place_stays_on_the_first_line(qapp: QApplication) -> None:
    metrics = QFontMetricsF(_font(qapp))
    lines = balanced_lines("Tổ dân phố An Lạc", metrics, 10)
    assert lines == ["Tổ dân phố", "An Lạc"]


def test_months_thin_out_from_the_latest_when_crowded(qapp: QApplication) -> None:
    font = _font(qapp)
    roomy = month_labels(MONTHS, 200, font)
    assert all(roomy.shown)
    crowded = month_labels(MONTHS, 20, font)
    assert crowded.shown[-1]  # the latest month always has its label
    assert 1 <= sum(crowded.shown) < len(MONTHS) // 2


def test_names_go_straight_then_on_two_lines_then_slanted(qapp: QApplication) -> None:
    font = _font(qapp)
    names = ("Thị trấn Sơn Hà", "Xã Sơn Thủy")
    room = (500.0, 500.0)
    straight = name_labels(names, 400, font, 200, room)
    assert straight.mode is LabelMode.STRAIGHT
    assert straight.texts == names
    two_lines = name_labels(
        names, QFontMetricsF(font).horizontalAdvance("Thị trấn") + 20, font, 200, room
    )
    assert two_lines.mode is LabelMode.STRAIGHT
    assert two_lines.texts[0] == "Thị trấn\nSơn Hà"
    slanted = name_labels(names, 15, font, 200, room)
    assert slanted.mode is LabelMode.SLANTED
    assert slanted.height > two_lines.height
