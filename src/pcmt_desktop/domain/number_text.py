"""Numbers written and read the way the báo cáo writes them: "1.402", "120,5", "5.000.000".

Officers type amounts with "." between thousands and "," before decimals, or with a
plain "." as a computer would: the readers accept both and say in Vietnamese what is wrong.
"""

import math
import re

_THOUSANDS = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_PLAIN_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+([.,][0-9]+)?")


class NumberTextError(ValueError):
    """The text is not a number of the kind asked; the message says why, in Vietnamese."""


def format_whole(value: int) -> str:
    """1402 → "1.402"."""
    return f"{value:,}".replace(",", ".")


def format_decimal(value: float, places: int = 1) -> str:
    """120.5 → "120,5"; 1500.0 → "1.500"; at most ``places`` decimals, no trailing zeros."""
    text = f"{value:,.{places}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{whole},{fraction}" if fraction else whole


def parse_decimal(text: str, label: str) -> float:
    """Read "120,5", "120.5" or "1.250,75" (thousands "." with decimal ",")."""
    raw = text.strip().replace(" ", "")
    if not raw:
        return 0.0
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") > 1 and _THOUSANDS.fullmatch(raw):
        raw = raw.replace(".", "")
    if not _DECIMAL.fullmatch(raw):
        raise NumberTextError(
            f"{label} “{text.strip()}” không phải là số (ví dụ đúng: 120,5 hoặc 120.5)."
        )
    value = float(raw.replace(",", "."))
    if not math.isfinite(value):
        raise NumberTextError(f"{label} “{text.strip()}” không phải là số.")
    return value


def parse_money(text: str, label: str) -> int | None:
    """Read whole đồng: "5.000.000", "5000000" or "5 000 000"; None for an empty field."""
    raw = text.strip().replace(" ", "").removesuffix("đồng").removesuffix("đ").strip()
    if not raw:
        return None
    if _THOUSANDS.fullmatch(raw) or (
        raw.count(",") and _THOUSANDS.fullmatch(raw.replace(",", "."))
    ):
        return int(raw.replace(".", "").replace(",", ""))
    if _PLAIN_DIGITS.fullmatch(raw):
        return int(raw)
    raise NumberTextError(
        f"{label} “{text.strip()}” phải là số tiền nguyên, tính bằng đồng "
        "(ví dụ 7.500.000 hoặc 7500000)."
    )


def format_count(value: int) -> str:
    """A count as the báo cáo writes it: a leading zero under 10 ("07 vụ"), else "1.402"."""
    return f"{value:02d}" if 0 <= value < 10 else format_whole(value)
