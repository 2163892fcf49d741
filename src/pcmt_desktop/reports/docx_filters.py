"""Small pieces of Vietnamese the Word templates need beyond report_text's numbers.

Numbers themselves are always written by :mod:`pcmt_desktop.domain.report_text`; this
module only decides the words around them: "không có" for a zero, a place name written
inside a sentence ("xã Đồng Mai", not "Xã Đồng Mai"), a reason in lower case after a
number, and narrative text that keeps its paragraphs in Word.
"""

from collections.abc import Callable
from html import escape

from pcmt_desktop.domain.report_text import count

NONE_TEXT = "không có"

# The first word of a place name that is a kind of place, written in lower case inside a
# sentence ("trú tại thôn Đông, xã Đồng Mai"), as both seeds write them.
_PLACE_KINDS = frozenset(
    {"xã", "thôn", "thị", "tổ", "phường", "xóm", "bản", "khu", "ấp", "làng", "khối", "tdp"}
)


def count_or_none(n: int, unit: str = "") -> str:
    """ "05 người", or "không có" for zero — a zero after a colon reads as "không có"."""
    return NONE_TEXT if n == 0 else count(n, unit)


def lower_first(text: str) -> str:
    """ "Hết thời gian quản lý" → "hết thời gian quản lý"; "CNBB …" stays as it is."""
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def inline_place(name: str) -> str:
    """ "Xã Đồng Mai" → "xã Đồng Mai", "Thị trấn Sơn Hà" → "thị trấn Sơn Hà"."""
    first, _, _ = name.partition(" ")
    if first.lower() in _PLACE_KINDS:
        return lower_first(name)
    return name


class ParagraphText:
    """Narrative text whose lines become paragraphs of the Word document.

    docxtpl turns the "\\a" character into a new paragraph with the same formatting as
    the one holding the placeholder, so ``{{ n.tinh_hinh }}`` keeps the body style for
    every paragraph the officer typed. Empty lines are dropped: an empty paragraph in a
    báo cáo is a mistake, not a layout.
    """

    def __init__(self, text: str) -> None:
        lines = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
        self.lines: tuple[str, ...] = tuple(line for line in lines if line)

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def __html__(self) -> str:
        """What Jinja writes with autoescape on: escaped XML text, "\\a" between paragraphs."""
        return "\a".join(escape(line, quote=False) for line in self.lines)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ParagraphText):
            return self.lines == other.lines
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.lines)


def docx_filters() -> dict[str, Callable[..., str]]:
    """Filters added to report_text's: ``{{ n|count_or_none("người") }}``, ``{{ x|place }}``."""
    return {"count_or_none": count_or_none, "place": inline_place}
