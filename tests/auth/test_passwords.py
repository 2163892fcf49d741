"""The strength rule of a new password, its Argon2id hash, and the waits after failures."""

import unicodedata
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.auth.delays import MAX_DELAY, delay_after, wait_text
from pcmt_desktop.auth.passwords import (
    DEFAULT_HASHER,
    MIN_LENGTH,
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)
from tests.auth.support import HASHER

SHORT = "Mật khẩu quá ngắn ({n} ký tự): cần ít nhất 10 ký tự."
ONE_CLASS = (
    "Mật khẩu không được chỉ gồm một loại ký tự (chỉ toàn chữ số, toàn chữ thường "
    "hoặc toàn chữ hoa): hãy kết hợp chữ với số hoặc ký hiệu."
)
HAS_NAME = "Mật khẩu không được chứa tên đăng nhập."
COMMON = "Mật khẩu này quá phổ biến, dễ bị đoán ra: hãy chọn mật khẩu khác."


@pytest.mark.parametrize(
    ("password", "user_name", "problems"),
    [
        ("Ab1!", "", [SHORT.format(n=4)]),
        ("", "", [SHORT.format(n=0)]),
        ("abcdefghijkl", "", [ONE_CLASS]),
        ("ABCDEFGHIJKL", "", [ONE_CLASS]),
        ("1234567890123", "", [ONE_CLASS]),
        ("đườngđêmdài", "", [ONE_CLASS]),  # accented letters are still one class
        ("1234567", "", [SHORT.format(n=7), ONE_CLASS]),
        ("canbo-nhaplieu-7", "nhaplieu", [HAS_NAME]),
        ("Canbo-NHAPLIEU-7", "nhaplieu", [HAS_NAME]),
        ("Matkhau123", "", [COMMON]),
        ("QUANTRI123", "", [COMMON]),
        ("Thôn Đông 2026", "nhaplieu", []),
        ("mua-xuan-tren-nui", "", []),
        ("Sơn Hà Nam Hòa", "", []),
        ("an-toan-2026-ab", "an", []),  # a user name under 3 letters is not looked for
    ],
)
def test_the_strength_rule(password: str, user_name: str, problems: list[str]) -> None:
    assert password_problems(password, user_name) == problems


def test_the_length_counts_letters_as_typed_not_their_combining_marks() -> None:
    composed = "Đường Đêm 1"  # 11 letters
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed) > len(composed)
    assert password_problems(decomposed) == password_problems(composed) == []
    assert password_problems(unicodedata.normalize("NFD", "Đêm ấm 1"))[0] == SHORT.format(n=8)


# A character that no message contains: a password holding it can only appear in a
# message if the message repeats it.
MARKER = "⟪"


@given(st.text(max_size=30).map(lambda text: MARKER + text), st.text(max_size=12))
def test_no_message_repeats_the_password(password: str, user_name: str) -> None:
    for message in password_problems(password, user_name):
        assert MARKER not in message
        assert password not in message


def test_a_hash_verifies_its_password_only() -> None:
    stored = hash_password("Thôn Đông 2026", HASHER)
    assert stored.startswith("$argon2id$")
    assert "Thôn" not in stored
    assert verify_password(stored, "Thôn Đông 2026", HASHER)
    assert not verify_password(stored, "Thôn Đông 2027", HASHER)
    assert not verify_password(stored, "thôn đông 2026", HASHER)
    assert not verify_password("không phải mã băm", "Thôn Đông 2026", HASHER)


def test_a_password_typed_with_combining_marks_matches_the_composed_one() -> None:
    stored = hash_password(unicodedata.normalize("NFC", "Đường Đêm 1"), HASHER)
    assert verify_password(stored, unicodedata.normalize("NFD", "Đường Đêm 1"), HASHER)


def test_the_default_parameters_are_argon2id_64_mib_3_passes() -> None:
    stored = hash_password("Thôn Đông 2026")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(stored, "Thôn Đông 2026")
    assert not needs_rehash(stored)
    weaker = hash_password("Thôn Đông 2026", HASHER)
    assert needs_rehash(weaker, DEFAULT_HASHER)
    assert needs_rehash("không phải mã băm")
    assert needs_rehash(stored, PasswordHasher(time_cost=4, memory_cost=65536, parallelism=4))


@pytest.mark.parametrize("failures", [0, 1, 2, 3])
def test_the_first_three_failures_cost_nothing(failures: int) -> None:
    assert delay_after(failures) is None


def test_later_failures_double_the_wait_up_to_five_minutes() -> None:
    waits = [delay_after(failures) for failures in range(4, 14)]
    assert waits == [
        timedelta(seconds=seconds) for seconds in (2, 4, 8, 16, 32, 64, 128, 256, 300, 300)
    ]
    assert delay_after(10_000) == MAX_DELAY


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (2, "2 giây"),
        (0.2, "1 giây"),
        (59.5, "1 phút"),
        (59, "59 giây"),
        (60, "1 phút"),
        (128, "2 phút 8 giây"),
    ],
)
def test_a_wait_reads_in_vietnamese(seconds: float, text: str) -> None:
    assert wait_text(timedelta(seconds=seconds)) == text


def test_the_minimum_length_is_ten() -> None:
    assert MIN_LENGTH == 10
