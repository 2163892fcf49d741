"""fold() is what search and duplicate detection compare; tidy() is what gets stored."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.text import fold, tidy

# Every letter of the Vietnamese alphabet with every tone mark, in both cases.
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VIETNAMESE_LETTERS = sorted(
    {unicodedata.normalize("NFC", base + tone) for base in _BASES for tone in _TONES}
    | set("bcdđghklmnpqrstvx")
)
VIETNAMESE_LETTERS += [letter.upper() for letter in VIETNAMESE_LETTERS]

vietnamese_text = st.text(
    alphabet=st.sampled_from([*VIETNAMESE_LETTERS, " ", "\t", "\n"]),
    max_size=40,
)


def test_fold_strips_accents_and_case() -> None:
    assert fold("Trần Văn Hùng") == "tran van hung"


def test_fold_maps_d_with_stroke_to_d() -> None:
    assert fold("Đặng") == "dang"
    assert fold("đỗ thị đào") == "do thi dao"


def test_fold_collapses_and_trims_white_space() -> None:
    assert fold("  Nguyễn\t Thị \n Mơ  ") == "nguyen thi mo"


def test_fold_gives_the_same_result_for_nfc_and_nfd() -> None:
    name = "Phạm Ngọc Ước Đường"
    nfc = unicodedata.normalize("NFC", name)
    nfd = unicodedata.normalize("NFD", name)
    assert nfc != nfd
    assert fold(nfc) == fold(nfd) == "pham ngoc uoc duong"


def test_every_vietnamese_letter_folds_to_one_ascii_letter() -> None:
    for letter in VIETNAMESE_LETTERS:
        folded = fold(letter)
        assert len(folded) == 1, letter
        assert "a" <= folded <= "z", letter


@given(vietnamese_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_fold_of_vietnamese_text_is_lower_case_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded
    assert folded == folded.strip()


@given(vietnamese_text)
def test_fold_ignores_the_normal_form(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(vietnamese_text)
def test_fold_ignores_case(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


def test_tidy_stores_nfc_with_single_spaces() -> None:
    nfd = unicodedata.normalize("NFD", "  Lê   Thị\tHoa ")
    tidied = tidy(nfd)
    assert tidied == "Lê Thị Hoa"
    assert unicodedata.is_normalized("NFC", tidied)


@given(vietnamese_text)
def test_tidy_is_idempotent_and_keeps_the_fold(text: str) -> None:
    assert tidy(tidy(text)) == tidy(text)
    assert fold(tidy(text)) == fold(text)
