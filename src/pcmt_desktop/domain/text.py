"""Vietnamese text folding for search and duplicate detection.

Officers type names without accents ("tran van hung") and in any case; files arrive in
NFC or NFD. Folding strips every combining mark, maps đ/Đ to d, lowers the case and
collapses white space, so that both sides of a comparison meet in plain ASCII.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return ``text`` without accents, in lower case, with single spaces."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", bare).strip().lower()


def tidy(text: str) -> str:
    """Return ``text`` as it should be stored: NFC, trimmed, single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
