"""How a báo cáo writes its numbers, dates and comparisons — one place for every report.

The two seed reports fix the habits: counts under 10 with a leading zero ("03 vụ"),
thousands with "." ("1.402 cây", "26.500.000 đồng"), decimals with "," ("5,524 gam",
"13,6%"), and comparisons as "tăng/giảm N … so với cùng kỳ năm YYYY". The Word templates
reach the same functions through :func:`jinja_filters`, so a number reads the same in the
body text, the tables and the annex.

Zero is written "0", not "00" or "không có": the seeds' tables print "Bổ sung: 0", and a
bare "0" reads the same in a sentence and in a table cell.
"""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby

from pcmt_desktop.domain.number_text import format_count, format_decimal, format_whole

GRAM_PLACES = 3
AREA_PLACES = 2
# NĐ 30/2020 (Phụ lục I): "số chỉ ngày nhỏ hơn 10 và tháng 1, 2 thì phải ghi thêm số 0".
_PADDED_MONTHS = (1, 2)
# Left blank in the date line when the date is written by hand at signing.
DATE_BLANK = " " * 6
# Units that are measures, not counts: how a comparison names one that did not change
# ("khối lượng bằng cùng kỳ") and how many decimals its difference keeps (never a
# leading zero: "tăng 5 gam", not "tăng 05 gam"). Any other unit is a count, named
# "số <unit>" ("số đối tượng bằng cùng kỳ").
_MEASURES = {
    "gam": ("khối lượng", GRAM_PLACES),
    "m²": ("diện tích", AREA_PLACES),
    "đồng": ("số tiền", 0),
}

DateLike = date | str


def count(n: int, unit: str = "") -> str:
    """03 vụ, 16 đối tượng, 1.402 cây; zero is "0" (see the module note)."""
    text = "0" if n == 0 else format_count(n)
    return f"{text} {unit}" if unit else text


def money(vnd: int) -> str:
    """26500000 → "26.500.000 đồng"."""
    return f"{format_whole(vnd)} đồng"


def grams(g: float) -> str:
    """5.524 → "5,524 gam"; at most three decimals, trailing zeros dropped."""
    return f"{_number(g, GRAM_PLACES)} gam"


def area_m2(x: float) -> str:
    """120.5 → "120,5 m²"; at most two decimals, trailing zeros dropped."""
    return f"{_number(x, AREA_PLACES)} m²"


def percent(value: float, places: int = 1) -> str:
    """13.6 → "13,6%", 3.0 → "3%"; rounded half up as the number reads (15.05 → "15,1%")."""
    return f"{_number(value, places)}%"


def share(part: int, whole: int, places: int = 1) -> str:
    """Part of whole in percent: share(3, 22) == "13,6%"; "0%" when whole is 0."""
    return f"{_text(_share(part, whole, places), places)}%"


def rate(part: int, whole: int, places: int = 1) -> float:
    """The number :func:`share` prints, as a float for the figures JSON (53/351 → 15.1)."""
    return float(_share(part, whole, places))


def short_date(d: DateLike) -> str:
    """05/02/2024; ``d`` may be an ISO "YYYY-MM-DD" string, as in the figures JSON."""
    day = _as_date(d)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def long_date(d: DateLike) -> str:
    """Write "ngày 05 tháng 02 năm 2024", "ngày 15 tháng 6 năm 2024" (the NĐ 30/2020 rule)."""
    day = _as_date(d)
    month = f"{day.month:02d}" if day.month in _PADDED_MONTHS else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, d: DateLike | None, year: int | None = None) -> str:
    """Write the place and date line: "Sơn Hà, ngày 05 tháng 02 năm 2024".

    With no date the day and month are left blank to be written by hand at signing;
    ``year`` (used only then) fills in the year, else it is left blank too.
    """
    if d is not None:
        return f"{place}, {long_date(d)}"
    year_text = DATE_BLANK if year is None else str(year)
    return f"{place}, ngày{DATE_BLANK}tháng{DATE_BLANK}năm {year_text}"


def change_one(
    now: float,
    before: float,
    unit: str,
    compare_year: int,
    fmt: Callable[[float], str] | None = None,
) -> str:
    """One measure against the cùng kỳ: "giảm 06 vụ so với cùng kỳ năm 2023" or "bằng …".

    ``fmt`` writes the difference without its unit. By default "gam", "m²" and "đồng"
    are written as measures (up to 3, 2 and 0 decimals), whole numbers of any other unit
    as counts ("06 vụ"), and other numbers with up to three decimals.
    """
    return change_phrase([(now, before, unit)], compare_year, fmt)


def change_phrase(
    changes: Sequence[tuple[float, float, str]],
    compare_year: int,
    fmt: Callable[[float], str] | None = None,
) -> str:
    """Several measures against the same period a year earlier, in one clause.

    Each change is (now, before, unit). Changed measures come first, in the order given,
    the direction word written only where it changes: "tăng 02 vụ, 03 đối tượng …",
    "tăng 02 vụ, giảm 01 đối tượng so với cùng kỳ năm 2023". Unchanged ones follow by
    name: "giảm 06 vụ so với cùng kỳ năm 2023, số đối tượng bằng cùng kỳ". When nothing
    changed: "bằng cùng kỳ năm 2023".

    Raises:
        ValueError: for an empty list (there is nothing to compare).
    """
    if not changes:
        raise ValueError("change_phrase needs at least one (now, before, unit)")
    against = f"cùng kỳ năm {compare_year}"
    moved = [(now, before, unit) for now, before, unit in changes if now != before]
    same = [unit for now, before, unit in changes if now == before]
    if not moved:
        return f"bằng {against}"
    groups = groupby(moved, key=lambda change: change[0] > change[1])
    clauses = [
        ("tăng " if higher else "giảm ")
        + ", ".join(_difference(now, before, unit, fmt) for now, before, unit in group)
        for higher, group in groups
    ]
    phrase = f"{', '.join(clauses)} so với {against}"
    if same:
        names = ordinal_list([_measure_name(unit) for unit in same])
        phrase += f", {names} bằng cùng kỳ"
    return phrase


def ordinal_list(items: Sequence[str]) -> str:
    """Join as Vietnamese writes a list: "A", "A và B", "A, B và C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def counts_by_name(pairs: Sequence[tuple[str, int]]) -> str:
    """Write "Thôn Đông (02), Xóm Nam (01)": per-sub-area counts as the seeds list them."""
    return ", ".join(f"{name} ({count(n)})" for name, n in pairs)


def jinja_filters() -> dict[str, Callable[..., str]]:
    """The filters the Word templates use: ``{{ x|count("vụ") }}``, ``{{ d|long_date }}``.

    ``change`` is ``{{ now|change(before, "vụ", 2023) }}`` and ``names`` joins a list.
    """
    return {
        "count": count,
        "money": money,
        "grams": grams,
        "area": area_m2,
        "percent": percent,
        "share": share,
        "date": short_date,
        "long_date": long_date,
        "change": change_one,
        "names": ordinal_list,
    }


def _difference(now: float, before: float, unit: str, fmt: Callable[[float], str] | None) -> str:
    amount = float(abs(_exact(now) - _exact(before)))
    if fmt is not None:
        text = fmt(amount)
    elif unit in _MEASURES:
        text = _number(amount, _MEASURES[unit][1])
    elif isinstance(now, int) and isinstance(before, int):
        return count(abs(now - before), unit)
    else:
        text = _number(amount, GRAM_PLACES)
    return f"{text} {unit}" if unit else text


def _measure_name(unit: str) -> str:
    if unit in _MEASURES:
        return _MEASURES[unit][0]
    return f"số {unit}" if unit else "số liệu"


def _share(part: int, whole: int, places: int) -> Decimal:
    if whole == 0:
        return Decimal(0)
    return _round_half_up(Decimal(part) * 100 / Decimal(whole), places)


def _exact(value: float) -> Decimal:
    """The decimal a reader sees: 15.05 is 15.05, not the binary 15.0499999…."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _round_half_up(value: Decimal, places: int) -> Decimal:
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # "-0,0" must not reach a report: a rounded zero is plain zero.
    return rounded if rounded != 0 else Decimal(0)


def _number(value: float, places: int) -> str:
    """Rounded half up as the number reads, then written the báo cáo way."""
    return _text(_round_half_up(_exact(value), places), places)


def _text(rounded: Decimal, places: int) -> str:
    # Exact: a decimal of at most ``places`` places survives the trip through float.
    return format_decimal(float(rounded), places)


def _as_date(d: DateLike) -> date:
    return date.fromisoformat(d) if isinstance(d, str) else d
