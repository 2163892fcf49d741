"""Fitting a name into a width: one line, or two lines as even as can be.

"Thị trấn / Sơn Hà" reads better than "Thị trấn Sơn / Hà": of all the places to break
a two-line name, the one whose longer line is shortest is taken — unless breaking just
after the kind of place ("Tổ dân phố / An Lạc", not "Tổ dân / phố An Lạc") is almost
as even.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

# The kinds of sub-area a name starts with, longest first.
_KINDS = (
    "tổ dân phố",
    "thị trấn",
    "khu phố",
    "phường",
    "thôn",
    "xóm",
    "bản",
    "buôn",
    "khối",
    "khu",
    "làng",
    "ấp",
    "sóc",
    "xã",
    "tổ",
)
_KIND_TOLERANCE = 1.2  # a break after the kind may be this much wider than the most even


def text_width(lines: list[str], metrics: QFontMetricsF) -> float:
    return max((metrics.horizontalAdvance(line) for line in lines), default=0.0)


def balanced_lines(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``text`` on one line if it fits ``width``, else on the most even two lines."""
    words = text.split()
    one = " ".join(words)
    if len(words) < 2 or metrics.horizontalAdvance(one) <= width:
        return [one]
    splits = [[" ".join(words[:cut]), " ".join(words[cut:])] for cut in range(1, len(words))]
    even = min(splits, key=lambda lines: text_width(lines, metrics))
    kind = next((k for k in _KINDS if one.lower().startswith(f"{k} ")), None)
    if kind is not None:
        after_kind = splits[len(kind.split()) - 1]
        if text_width(after_kind, metrics) <= text_width(even, metrics) * _KIND_TOLERANCE:
            return after_kind
    return even


def elided_lines(lines: list[str], metrics: QFontMetricsF, width: float) -> str:
    """The lines joined by "\\n", each shortened with "…" where wider than ``width``."""
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines)
