"""Target values as the officer reads and types them: decimals with ","."""

import re

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


class NumberError(ValueError):
    """The text is not a non-negative number."""


def parse_target(text: str) -> float | None:
    """ "2", "1,5" or "1.5" → the number; empty → None (no target)."""
    text = text.strip()
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise NumberError(text)
    return float(text.replace(",", "."))


def format_value(value: float, places: int = 2) -> str:
    """2.0 → "2", 1.5 → "1,5", 2/23 → "0,09"."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
