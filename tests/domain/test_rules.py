"""The pure checks, with the exact Vietnamese messages the officer reads."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.rules import (
    check_birth,
    check_cccd,
    check_not_future,
    check_required,
    check_span,
    format_day,
)

TODAY = date(2026, 11, 23)


def test_format_day_is_dd_mm_yyyy() -> None:
    assert format_day(date(2024, 5, 1)) == "01/05/2024"


# --- CCCD ------------------------------------------------------------------------------------
@pytest.mark.parametrize("cccd", [None, "001203004567", "000000000000"])
def test_cccd_of_twelve_digits_or_none_passes(cccd: str | None) -> None:
    assert check_cccd(cccd) == []


@pytest.mark.parametrize(
    "cccd",
    [
        "",
        "00120300456",  # 11 digits
        "0012030045678",  # 13 digits
        "00120300456a",
        "001 03004567",
        "０１２３４５６７８９０１",  # full-width digits look right but are not ASCII
        "٠١٢٣٤٥٦٧٨٩٠١",  # Arabic-Indic digits
    ],
)
def test_cccd_other_than_twelve_ascii_digits_is_refused(cccd: str) -> None:
    assert check_cccd(cccd) == [
        FieldProblem("cccd", f"Số CCCD phải gồm đúng 12 chữ số (đã nhập: “{cccd}”).")
    ]


@given(st.text(max_size=14))
def test_cccd_passes_exactly_when_twelve_ascii_digits(text: str) -> None:
    valid = len(text) == 12 and all(ch in "0123456789" for ch in text)
    assert (check_cccd(text) == []) == valid


# --- birth -----------------------------------------------------------------------------------
def test_birth_unknown_passes() -> None:
    assert check_birth(None, None, TODAY) == []


@pytest.mark.parametrize("year", [1900, 1985, 2026])
def test_birth_year_in_range_passes(year: int) -> None:
    assert check_birth(year, None, TODAY) == []


@pytest.mark.parametrize("year", [1899, 2027, 0, 85])
def test_birth_year_out_of_range_is_refused(year: int) -> None:
    assert check_birth(year, None, TODAY) == [
        FieldProblem("birth", f"Năm sinh {year} không hợp lệ (phải từ 1900 đến 2026).")
    ]


def test_birth_date_in_the_future_is_refused() -> None:
    assert check_birth(None, date(2026, 11, 24), TODAY) == [
        FieldProblem("birth", "Ngày sinh (24/11/2026) ở sau ngày hôm nay (23/11/2026).")
    ]


def test_birth_date_today_passes() -> None:
    assert check_birth(2026, TODAY, TODAY) == []


def test_birth_year_that_does_not_match_the_date_is_refused() -> None:
    assert check_birth(1990, date(1991, 3, 4), TODAY) == [
        FieldProblem("birth", "Năm sinh không khớp với ngày sinh.")
    ]


# --- spans -----------------------------------------------------------------------------------
def test_span_up_to_today_passes() -> None:
    assert check_span(date(2026, 1, 1), TODAY, TODAY) == []
    assert check_span(TODAY, None, TODAY) == []


def test_span_ending_on_its_start_day_passes() -> None:
    assert check_span(date(2026, 5, 5), date(2026, 5, 5), TODAY) == []


def test_span_end_before_start_is_refused() -> None:
    assert check_span(date(2026, 5, 5), date(2026, 5, 4), TODAY) == [
        FieldProblem("end_date", "Ngày kết thúc (04/05/2026) ở trước ngày bắt đầu (05/05/2026).")
    ]


def test_span_in_the_future_is_refused_on_both_dates() -> None:
    assert check_span(date(2026, 12, 1), date(2026, 12, 2), TODAY) == [
        FieldProblem("start_date", "Ngày bắt đầu (01/12/2026) ở sau ngày hôm nay (23/11/2026)."),
        FieldProblem("end_date", "Ngày kết thúc (02/12/2026) ở sau ngày hôm nay (23/11/2026)."),
    ]


def test_not_future_names_its_field_and_label() -> None:
    assert check_not_future("tested_on", "Ngày test", date(2027, 1, 1), TODAY) == [
        FieldProblem("tested_on", "Ngày test (01/01/2027) ở sau ngày hôm nay (23/11/2026).")
    ]


# --- required and the error ------------------------------------------------------------------
@pytest.mark.parametrize("value", [None, "", "   "])
def test_required_refuses_blank(value: str | None) -> None:
    assert check_required("full_name", "họ và tên", value) == [
        FieldProblem("full_name", "Chưa nhập họ và tên.")
    ]


def test_validation_error_message_joins_the_problems() -> None:
    error = ValidationError(
        [FieldProblem("a", "Thứ nhất sai."), FieldProblem("b", "Thứ hai sai.")],
    )
    assert str(error) == "Thứ nhất sai.\nThứ hai sai."
    assert ValidationError.single("a", "Sai.").problems == [FieldProblem("a", "Sai.")]
