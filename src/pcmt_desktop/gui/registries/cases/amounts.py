"""Reading and writing the amounts an officer types: grams, counts, money in đồng.

The báo cáo writes decimals with "," and thousands with "." ("5,524 gam",
"3.510.000 đồng"). Officers type grams with either mark as the decimal one, and money
with or without thousands marks; anything else is refused with a message that says
what is expected, never guessed.
"""

import re

_GRAMS = re.compile(r"\d+(?:[.,]\d+)?")
_MONEY = re.compile(r"\d{1,3}(?:([.,\s])\d{3})?(?:\1\d{3})*|\d+")
_COUNT = re.compile(r"\d+")


class AmountError(ValueError):
    """The text is not an amount; the message says what was expected."""


def parse_grams(text: str, label: str) -> float:
    """ "5,524" and "5.524" are 5.524 g; empty is 0."""
    text = text.strip()
    if not text:
        return 0.0
    if not _GRAMS.fullmatch(text):
        raise AmountError(
            f"{label}: “{text}” không phải là số (ví dụ 5,524 — dùng dấu phẩy hoặc dấu chấm "
            "cho phần thập phân)."
        )
    return float(text.replace(",", "."))


def parse_count(text: str, label: str) -> int:
    text = text.strip()
    if not text:
        return 0
    if not _COUNT.fullmatch(text):
        raise AmountError(f"{label}: “{text}” không phải là số nguyên không âm.")
    return int(text)


def parse_money(text: str, label: str) -> int | None:
    """ "3.510.000", "3,510,000", "3 510 000" and "3510000" are 3 510 000 đồng; empty None."""
    text = text.strip()
    if not text:
        return None
    if not _MONEY.fullmatch(text):
        raise AmountError(
            f"{label}: “{text}” không phải là số đồng (ví dụ 1.500.000 hoặc 1500000)."
        )
    return int(re.sub(r"[.,\s]", "", text))


def format_grams(value: float) -> str:
    """5.524 → "5,524"; whole numbers without decimals; 0 → ""."""
    if not value:
        return ""
    return f"{value:.3f}".rstrip("0").rstrip(".").replace(".", ",")


def format_money(value: int | None) -> str:
    """3510000 → "3.510.000"; None → ""."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def format_count(value: int) -> str:
    return "" if not value else format_money(value)
