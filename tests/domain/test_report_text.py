"""Numbers, dates and comparisons as the báo cáo writes them (examples from the seeds)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.number_text import format_decimal, parse_decimal, parse_money
from pcmt_desktop.domain.report_text import (
    area_m2,
    change_one,
    change_phrase,
    count,
    counts_by_name,
    date_line,
    grams,
    jinja_filters,
    long_date,
    money,
    ordinal_list,
    percent,
    rate,
    share,
    short_date,
)

dates = st.dates(min_value=date(1000, 1, 1))


@pytest.mark.parametrize(
    ("n", "unit", "expected"),
    [
        (3, "vụ", "03 vụ"),
        (0, "vụ", "0 vụ"),
        (9, "điểm", "09 điểm"),
        (10, "vụ", "10 vụ"),
        (16, "đối tượng", "16 đối tượng"),
        (1402, "cây", "1.402 cây"),
        (3, "", "03"),
        (0, "", "0"),
    ],
)
def test_count(n: int, unit: str, expected: str) -> None:
    assert count(n, unit) == expected


@pytest.mark.parametrize(
    ("vnd", "expected"),
    [(26_500_000, "26.500.000 đồng"), (0, "0 đồng"), (500, "500 đồng"), (1000, "1.000 đồng")],
)
def test_money(vnd: int, expected: str) -> None:
    assert money(vnd) == expected


@pytest.mark.parametrize(
    ("g", "expected"),
    [
        (5.524, "5,524 gam"),
        (72.85, "72,85 gam"),
        (10, "10 gam"),
        (10.0, "10 gam"),
        (1250.5, "1.250,5 gam"),
        (0.0004, "0 gam"),
        (0.0005, "0,001 gam"),
        (2.0005, "2,001 gam"),  # half up as the number reads, not the binary 2.000499…
    ],
)
def test_grams(g: float, expected: str) -> None:
    assert grams(g) == expected


@pytest.mark.parametrize(
    ("x", "expected"),
    [(120.5, "120,5 m²"), (120.456, "120,46 m²"), (1500, "1.500 m²"), (0.1, "0,1 m²")],
)
def test_area(x: float, expected: str) -> None:
    assert area_m2(x) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (13.6, 1, "13,6%"),
        (15.1, 1, "15,1%"),
        (0, 1, "0%"),
        (0.0, 1, "0%"),
        (100, 1, "100%"),
        (3.0, 1, "3%"),
        (9.1, 1, "9,1%"),
        (15.05, 1, "15,1%"),
        (-0.04, 1, "0%"),
        (64.2857, 2, "64,29%"),
        (64.2857, 0, "64%"),
    ],
)
def test_percent(value: float, places: int, expected: str) -> None:
    assert percent(value, places) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected", "as_float"),
    [
        (9, 14, "64,3%", 64.3),
        (5, 14, "35,7%", 35.7),
        (3, 22, "13,6%", 13.6),
        (19, 22, "86,4%", 86.4),
        (53, 351, "15,1%", 15.1),
        (10, 16, "62,5%", 62.5),
        (1, 33, "3%", 3.0),
        (0, 14, "0%", 0.0),
        (0, 0, "0%", 0.0),
        (14, 14, "100%", 100.0),
        (1, 16, "6,3%", 6.3),  # 6.25 rounds half up, not to the even 6,2
    ],
)
def test_share_and_rate(part: int, whole: int, expected: str, as_float: float) -> None:
    assert share(part, whole) == expected
    assert rate(part, whole) == as_float


def test_share_with_more_places() -> None:
    assert share(9, 14, 2) == "64,29%"
    assert rate(9, 14, 2) == 64.29


@pytest.mark.parametrize(
    ("day", "short", "long"),
    [
        (date(2024, 2, 5), "05/02/2024", "ngày 05 tháng 02 năm 2024"),
        (date(2024, 6, 15), "15/06/2024", "ngày 15 tháng 6 năm 2024"),
        (date(2024, 1, 31), "31/01/2024", "ngày 31 tháng 01 năm 2024"),
        (date(2024, 3, 9), "09/03/2024", "ngày 09 tháng 3 năm 2024"),
        (date(2024, 12, 14), "14/12/2024", "ngày 14 tháng 12 năm 2024"),
    ],
)
def test_dates(day: date, short: str, long: str) -> None:
    assert short_date(day) == short
    assert long_date(day) == long
    # The figures JSON holds dates as ISO strings; the filters read them as they are.
    assert short_date(day.isoformat()) == short
    assert long_date(day.isoformat()) == long


def test_a_malformed_iso_date_is_refused() -> None:
    with pytest.raises(ValueError):
        short_date("05/02/2024")


def test_date_line() -> None:
    assert date_line("Sơn Hà", date(2024, 2, 5)) == "Sơn Hà, ngày 05 tháng 02 năm 2024"
    assert date_line("Sơn Hà", "2024-06-15", year=2030) == "Sơn Hà, ngày 15 tháng 6 năm 2024"


def test_date_line_left_blank_for_a_date_written_by_hand() -> None:
    assert date_line("Sơn Hà", None, 2024) == "Sơn Hà, ngày      tháng      năm 2024"
    assert date_line("Sơn Hà", None) == "Sơn Hà, ngày      tháng      năm       "


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            [(14, 20, "vụ"), (16, 25, "đối tượng")],
            "giảm 06 vụ, 09 đối tượng so với cùng kỳ năm 2023",
        ),
        ([(4, 2, "vụ"), (6, 3, "đối tượng")], "tăng 02 vụ, 03 đối tượng so với cùng kỳ năm 2023"),
        ([(4, 4, "vụ"), (6, 6, "đối tượng")], "bằng cùng kỳ năm 2023"),
        (
            [(4, 2, "vụ"), (5, 6, "đối tượng")],
            "tăng 02 vụ, giảm 01 đối tượng so với cùng kỳ năm 2023",
        ),
        (
            [(4, 2, "vụ"), (6, 6, "đối tượng")],
            "tăng 02 vụ so với cùng kỳ năm 2023, số đối tượng bằng cùng kỳ",
        ),
        (
            [(3, 3, "vụ"), (1, 2, "đối tượng"), (9, 9, "cây"), (1.5, 1.5, "m²")],
            "giảm 01 đối tượng so với cùng kỳ năm 2023, số vụ, số cây và diện tích bằng cùng kỳ",
        ),
        (
            [(5, 2, "vụ"), (1, 4, "đối tượng"), (2, 1, "bị can")],
            "tăng 03 vụ, giảm 03 đối tượng, tăng 01 bị can so với cùng kỳ năm 2023",
        ),
        (
            [(52, 158, "người"), (30, 40, "cây")],
            "giảm 106 người, 10 cây so với cùng kỳ năm 2023",
        ),
    ],
)
def test_change_phrase(changes: list[tuple[float, float, str]], expected: str) -> None:
    assert change_phrase(changes, 2023) == expected


def test_change_phrase_of_measures_keeps_their_decimals_and_no_leading_zero() -> None:
    assert (
        change_phrase(
            [(72.85, 70.1, "gam"), (120, 100.5, "m²"), (8_000_000, 3_000_000, "đồng")], 2023
        )
        == "tăng 2,75 gam, 19,5 m², 5.000.000 đồng so với cùng kỳ năm 2023"
    )
    assert change_one(5, 10, "gam", 2023) == "giảm 5 gam so với cùng kỳ năm 2023"


def test_change_phrase_with_a_formatter() -> None:
    def one_place(x: float) -> str:
        return format_decimal(x, 1)

    assert change_one(10.26, 5, "kg", 2024, fmt=one_place) == "tăng 5,3 kg so với cùng kỳ năm 2024"
    assert change_one(3.5, 1.25, "viên", 2024) == "tăng 2,25 viên so với cùng kỳ năm 2024"


def test_change_one() -> None:
    assert change_one(14, 20, "vụ", 2023) == "giảm 06 vụ so với cùng kỳ năm 2023"
    assert change_one(22, 20, "vụ", 2023) == "tăng 02 vụ so với cùng kỳ năm 2023"
    assert change_one(20, 20, "vụ", 2023) == "bằng cùng kỳ năm 2023"
    assert change_one(1402, 0, "cây", 2023) == "tăng 1.402 cây so với cùng kỳ năm 2023"


def test_change_phrase_needs_something_to_compare() -> None:
    with pytest.raises(ValueError):
        change_phrase([], 2023)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Thôn Đông"], "Thôn Đông"),
        (["Thôn Đông", "Xóm Nam"], "Thôn Đông và Xóm Nam"),
        (["Thôn Đông", "Thôn Đoài", "Xóm Nam"], "Thôn Đông, Thôn Đoài và Xóm Nam"),
    ],
)
def test_ordinal_list(items: list[str], expected: str) -> None:
    assert ordinal_list(items) == expected


def test_counts_by_name() -> None:
    pairs = [("Thôn Đông", 2), ("Xóm Nam", 1), ("Thôn Đoài", 12), ("Tổ dân phố Bắc", 0)]
    assert (
        counts_by_name(pairs) == "Thôn Đông (02), Xóm Nam (01), Thôn Đoài (12), Tổ dân phố Bắc (0)"
    )
    assert counts_by_name([]) == ""


def test_jinja_filters_render_a_template() -> None:
    from jinja2 import Environment

    environment = Environment(autoescape=False)
    environment.filters.update(jinja_filters())
    template = environment.from_string(
        '{{ cases|count("vụ") }}; {{ fine|money }}; {{ heroin|grams }}; {{ area|area }}; '
        "{{ rate|percent }}; {{ positive|share(tested) }}; {{ day|date }}; {{ day|long_date }}; "
        '{{ cases|change(before, "vụ", 2023) }}; {{ names|names }}'
    )
    text = template.render(
        cases=3,
        before=5,
        fine=26_500_000,
        heroin=5.524,
        area=120.5,
        rate=15.1,
        positive=53,
        tested=351,
        day="2024-02-05",
        names=["Thôn Đông", "Xóm Nam"],
    )
    assert text == (
        "03 vụ; 26.500.000 đồng; 5,524 gam; 120,5 m²; 15,1%; 15,1%; 05/02/2024; "
        "ngày 05 tháng 02 năm 2024; giảm 02 vụ so với cùng kỳ năm 2023; Thôn Đông và Xóm Nam"
    )


# --- properties --------------------------------------------------------------------------


def read_back(text: str) -> Decimal:
    """An independent reader: "1.250,5" → 1250.5 (not number_text's, to check it too)."""
    return Decimal(text.replace(".", "").replace(",", "."))


@given(st.integers(0, 10**12))
def test_count_reads_back(n: int) -> None:
    text = count(n)
    assert parse_money(text, "Số") == n
    assert (len(text) >= 2) == (n != 0)  # a leading zero for 1..9, and "0" alone for zero


@given(st.integers(0, 10**15))
def test_money_reads_back(vnd: int) -> None:
    assert parse_money(money(vnd), "Số tiền") == vnd


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_share_lies_between_0_and_100_percent(part: int, extra: int) -> None:
    whole = part + extra - 1 if part else extra
    text = share(part, whole)
    assert text.endswith("%")
    value = parse_decimal(text.removesuffix("%"), "Tỉ lệ")
    assert 0 <= value <= 100
    assert value == rate(part, whole)


@given(st.integers(0, 10**6), st.integers(1, 10**6), st.integers(0, 3))
def test_share_is_rounded_half_up(part: int, whole: int, places: int) -> None:
    exact = Decimal(part) * 100 / Decimal(whole)
    expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert read_back(share(part, whole, places).removesuffix("%")) == expected


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False))
def test_grams_reads_back_exactly(amount: Decimal) -> None:
    text = grams(float(amount))
    assert text.endswith(" gam")
    number = text.removesuffix(" gam")
    assert read_back(number) == amount
    if "," in number:
        assert not number.endswith(("0", ","))  # no trailing decimal zeros


@given(dates)
def test_dates_read_back(day: date) -> None:
    short = short_date(day)
    assert date(*reversed([int(part) for part in short.split("/")])) == day
    words = long_date(day).split()
    assert (words[0], words[2], words[4]) == ("ngày", "tháng", "năm")
    assert date(int(words[5]), int(words[3]), int(words[1])) == day
    assert len(words[1]) == 2
    assert len(words[3]) == (2 if day.month in (1, 2, 10, 11, 12) else 1)


units = st.sampled_from(["vụ", "đối tượng", "cây"])


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500), units), min_size=1))
def test_change_phrase_lists_each_change_in_order(changes: list[tuple[int, int, str]]) -> None:
    phrase = change_phrase(changes, 2023)
    moved = [(now, before, unit) for now, before, unit in changes if now != before]
    if not moved:
        assert phrase == "bằng cùng kỳ năm 2023"
        return
    head, _, tail = phrase.partition(" so với cùng kỳ năm 2023")
    segments = head.split(", ")
    expected = []
    direction = None
    for now, before, unit in moved:
        word = "tăng" if now > before else "giảm"
        prefix = f"{word} " if word != direction else ""
        direction = word
        expected.append(prefix + count(abs(now - before), unit))
    assert segments == expected
    same = [unit for now, before, unit in changes if now == before]
    assert tail == (
        f", {ordinal_list([f'số {unit}' for unit in same])} bằng cùng kỳ" if same else ""
    )
