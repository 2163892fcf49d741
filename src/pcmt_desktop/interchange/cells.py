"""Reading one workbook cell as the value its column's kind wants (spec.ColumnKind).

Each parser takes the raw value openpyxl gives (str, int, float, datetime, bool or None)
and returns the parsed value, or raises ``CellError`` with a Vietnamese message that names
the column and quotes what was written. An empty cell is ``None`` for every kind.
"""

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from pcmt_desktop.interchange import spec

DAY_PATTERN = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
YEAR_PATTERN = re.compile(r"\d{4}")
# "1.402" or "1 402" where a count is expected: a thousands separator, not a decimal.
THOUSANDS_PATTERN = re.compile(r"-?\d{1,3}([. ]\d{3})+")
WHOLE_PATTERN = re.compile(r"-?\d+")
DECIMAL_PATTERN = re.compile(r"-?\d+([.,]\d+)?")


@lru_cache(maxsize=4096)
def _match_choice(text: str, allowed: tuple[str, ...]) -> str | None:
    """spec.match_choice, remembered: a sheet repeats a handful of words 500 000 times."""
    return spec.match_choice(text, allowed)


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is for the officer."""


def _quoted(raw: Any) -> str:
    if isinstance(raw, datetime):
        return raw.strftime("%d/%m/%Y")
    return str(raw).strip()


def cell_text(raw: Any) -> str | None:
    """The cell as NFC text without outer spaces (None when empty).

    Numbers are written as typed, without a trailing ".0"; dates as dd/mm/yyyy.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        return spec.YES if raw else spec.NO
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.strftime("%d/%m/%Y")
    # Only the ends are trimmed: a note's line breaks are the officer's.
    text = unicodedata.normalize("NFC", str(raw)).strip()
    return text or None


def parse_date(raw: Any, header: str) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = cell_text(raw)
    if text is None:
        return None
    match = DAY_PATTERN.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise CellError(f"{header} “{_quoted(raw)}” không phải là ngày hợp lệ (dd/mm/yyyy).")


def parse_birth(raw: Any, header: str) -> date | int | None:
    """A date of birth, or a year alone (an int)."""
    if (
        isinstance(raw, int | float)
        and not isinstance(raw, bool)
        and float(raw).is_integer()
        and 1000 <= raw <= 9999
    ):
        return int(raw)
    text = cell_text(raw)
    if text is not None and YEAR_PATTERN.fullmatch(text):
        return int(text)
    try:
        return parse_date(raw, header)
    except CellError:
        raise CellError(
            f"{header} “{_quoted(raw)}” không hợp lệ (ngày dd/mm/yyyy hoặc năm, ví dụ 1990)."
        ) from None


def parse_int(raw: Any, header: str) -> int | None:
    if isinstance(raw, bool):
        raise CellError(f"{header} “{_quoted(raw)}” phải là số nguyên.")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise CellError(f"{header} “{_quoted(raw)}” phải là số nguyên.")
    text = cell_text(raw)
    if text is None:
        return None
    if WHOLE_PATTERN.fullmatch(text):
        return int(text)
    if THOUSANDS_PATTERN.fullmatch(text):
        return int(text.replace(".", "").replace(" ", ""))
    raise CellError(f"{header} “{text}” phải là số nguyên.")


def parse_decimal(raw: Any, header: str) -> float | None:
    if isinstance(raw, bool):
        raise CellError(f"{header} “{_quoted(raw)}” phải là số.")
    if isinstance(raw, int | float):
        return float(raw)
    text = cell_text(raw)
    if text is None:
        return None
    compact = text.replace(" ", "")
    if DECIMAL_PATTERN.fullmatch(compact):
        try:
            return float(Decimal(compact.replace(",", ".")))
        except InvalidOperation:
            pass
    raise CellError(f"{header} “{text}” phải là số (dấu thập phân là “,” hoặc “.”).")


def parse_bool(raw: Any, header: str) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = cell_text(raw)
    if text is None:
        return None
    word = _match_choice(text, spec.YES_NO)
    if word is None:
        raise CellError(f"{header} “{text}” phải là “{spec.YES}” hoặc “{spec.NO}”.")
    return word == spec.YES


def _allowed_list(column: spec.ColumnSpec) -> str:
    return ", ".join(column.choices)


def parse_choice(raw: Any, column: spec.ColumnSpec) -> str | None:
    """The canonical word of a list value; a non-strict column keeps other text as typed."""
    text = cell_text(raw)
    if text is None:
        return None
    word = _match_choice(text, column.choices)
    if word is not None:
        return word
    if not column.strict:
        return text
    raise CellError(f"{column.header} “{text}” không có trong danh sách ({_allowed_list(column)}).")


def parse_choices(raw: Any, column: spec.ColumnSpec) -> tuple[str, ...]:
    text = cell_text(raw)
    if text is None:
        return ()
    found: list[str] = []
    for part in text.split(","):
        if not part.strip():
            continue
        word = _match_choice(part.strip(), column.choices)
        if word is None:
            raise CellError(
                f"{column.header}: “{part.strip()}” không có trong danh sách "
                f"({_allowed_list(column)})."
            )
        if word not in found:
            found.append(word)
    return tuple(found)


def parse_sub_area(raw: Any, header: str, sub_areas: Mapping[str, int]) -> int | None:
    """The id (or planned id) of the sub-area named, ``sub_areas`` keyed by match_key."""
    text = cell_text(raw)
    if text is None:
        return None
    found = sub_areas.get(spec.match_key(text))
    if found is None:
        raise CellError(f"{header} “{text}” chưa có trong danh sách địa bàn.")
    return found


def parse_cell(raw: Any, column: spec.ColumnSpec, sub_areas: Mapping[str, int]) -> Any:
    """The value of ``raw`` as ``column``'s kind (CellError when it is not one)."""
    kind = column.kind
    if isinstance(raw, str) and raw.lstrip().startswith("="):
        raise CellError(
            f"{column.header} “{raw.strip()[:40]}” là công thức; tệp nhập cần giá trị, "
            "không cần công thức (hãy dán giá trị)."
        )
    if kind is spec.ColumnKind.SUB_AREA:
        return parse_sub_area(raw, column.header, sub_areas)
    if kind in (spec.ColumnKind.CHOICE, spec.ColumnKind.CHOICES):
        return _BY_CHOICES[kind](raw, column)
    parser = _BY_HEADER.get(kind)
    return cell_text(raw) if parser is None else parser(raw, column.header)


_BY_HEADER: dict[spec.ColumnKind, Callable[[Any, str], Any]] = {
    spec.ColumnKind.DATE: parse_date,
    spec.ColumnKind.BIRTH: parse_birth,
    spec.ColumnKind.INT: parse_int,
    spec.ColumnKind.DECIMAL: parse_decimal,
    spec.ColumnKind.BOOL: parse_bool,
}
_BY_CHOICES: dict[spec.ColumnKind, Callable[[Any, spec.ColumnSpec], Any]] = {
    spec.ColumnKind.CHOICE: parse_choice,
    spec.ColumnKind.CHOICES: parse_choices,
}
