"""One cell per column kind: the forms an officer types, and clear refusals of the rest."""

import unicodedata
from datetime import date, datetime

import pytest

from pcmt_desktop.interchange import spec
from pcmt_desktop.interchange.cells import CellError, parse_cell

AREAS = {spec.match_key("Thôn Đông"): 1, spec.match_key("Tổ dân phố Bắc"): 2}


def _parse(sheet: spec.SheetSpec, header: str, raw: object) -> object:
    return parse_cell(raw, sheet.column(header), AREAS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2024, 3, 5), date(2024, 3, 5)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        ("05/03/2024", date(2024, 3, 5)),
        ("5/3/2024", date(2024, 3, 5)),
        (" 05/03/2024 ", date(2024, 3, 5)),
        (None, None),
        ("", None),
    ],
)
def test_dates(raw: object, expected: date | None) -> None:
    assert _parse(spec.DRUG_TESTS, "Ngày test", raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2024", "2024-03-05", "hôm qua", "13/13/2024", 45000])
def test_a_bad_date_is_named_and_quoted(raw: object) -> None:
    with pytest.raises(CellError) as caught:
        _parse(spec.DRUG_TESTS, "Ngày test", raw)
    assert str(caught.value) == (f"Ngày test “{raw}” không phải là ngày hợp lệ (dd/mm/yyyy).")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(1990, 1990), (1990.0, 1990), ("1990", 1990), ("15/03/1990", date(1990, 3, 15))],
)
def test_birth_is_a_year_or_a_date(raw: object, expected: object) -> None:
    assert _parse(spec.PERSONS, "Ngày sinh", raw) == expected


def test_a_bad_birth_says_both_forms() -> None:
    with pytest.raises(CellError, match="ngày dd/mm/yyyy hoặc năm"):
        _parse(spec.PERSONS, "Ngày sinh", "năm 90")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(12, 12), (12.0, 12), ("12", 12), ("1.402", 1402), ("1 402", 1402), ("2.500.000", 2500000)],
)
def test_whole_numbers_with_thousands_separators(raw: object, expected: int) -> None:
    assert _parse(spec.PLANT_SEIZURES, "Cây thuốc phiện", raw) == expected


@pytest.mark.parametrize("raw", ["12,5", 12.5, "mười", "1.40", True])
def test_text_where_a_whole_number_belongs(raw: object) -> None:
    with pytest.raises(CellError, match=r"^Cây thuốc phiện .* phải là số nguyên\.$"):
        _parse(spec.PLANT_SEIZURES, "Cây thuốc phiện", raw)


@pytest.mark.parametrize(
    ("raw", "expected"), [("45,5", 45.5), ("45.5", 45.5), (45.5, 45.5), ("3", 3.0), (2, 2.0)]
)
def test_decimals_take_either_mark(raw: object, expected: float) -> None:
    assert _parse(spec.PLANT_SEIZURES, "Diện tích (m2)", raw) == expected


def test_text_where_a_decimal_belongs() -> None:
    with pytest.raises(CellError, match="phải là số"):
        _parse(spec.PLANT_SEIZURES, "Diện tích (m2)", "khoảng 40")


@pytest.mark.parametrize(("raw", "expected"), [("Có", True), ("khong", False), ("CÓ ", True)])
def test_yes_no(raw: str, expected: bool) -> None:
    assert _parse(spec.CASES, "Khởi tố", raw) is expected


def test_yes_no_refuses_other_words() -> None:
    with pytest.raises(CellError, match="phải là “Có” hoặc “Không”"):
        _parse(spec.CASES, "Khởi tố", "Chưa")


def test_choices_match_without_case_or_accents_and_give_the_canonical_word() -> None:
    assert _parse(spec.LIST_STAYS, "Diện", "nghi su dung") == "Nghi sử dụng"
    assert _parse(spec.DRUG_TESTS, "Kết quả", "DUONG TINH") == "Dương tính"


def test_a_strict_choice_lists_what_is_allowed() -> None:
    with pytest.raises(CellError) as caught:
        _parse(spec.DRUG_TESTS, "Kết quả", "Nghi ngờ")
    assert str(caught.value) == (
        "Kết quả “Nghi ngờ” không có trong danh sách (Dương tính, Âm tính)."
    )


def test_a_loose_choice_keeps_other_text() -> None:
    assert _parse(spec.LIST_STAYS, "Lý do đưa vào", "Do công an xã phát hiện") == (
        "Do công an xã phát hiện"
    )


def test_several_choices_comma_separated() -> None:
    assert _parse(spec.DRUG_TESTS, "Chất dương tính", "heroin,  can sa, Heroin") == (
        "Heroin",
        "Cần sa",
    )
    with pytest.raises(CellError, match="“Cocaine” không có trong danh sách"):
        _parse(spec.DRUG_TESTS, "Chất dương tính", "Heroin, Cocaine")


def test_sub_areas_by_folded_name_in_nfc_or_nfd() -> None:
    assert _parse(spec.PERSONS, "Địa bàn", "thon dong") == 1
    assert _parse(spec.PERSONS, "Địa bàn", unicodedata.normalize("NFD", "Tổ dân phố Bắc")) == 2
    with pytest.raises(CellError) as caught:
        _parse(spec.PERSONS, "Địa bàn", "Thôn Xa")
    assert str(caught.value) == "Địa bàn “Thôn Xa” chưa có trong danh sách địa bàn."


def test_text_is_nfc_and_trimmed() -> None:
    assert _parse(spec.PERSONS, "Họ và tên", unicodedata.normalize("NFD", " Lê Thị Hường ")) == (
        "Lê Thị Hường"
    )


def test_a_formula_is_refused_in_any_column() -> None:
    with pytest.raises(CellError, match="là công thức"):
        _parse(spec.PERSONS, "Họ và tên", "=A1&B1")
    with pytest.raises(CellError, match="là công thức"):
        _parse(spec.PLANT_SEIZURES, "Cây thuốc phiện", "=SUM(E2:E9)")
