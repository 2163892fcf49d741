"""Legal rules as dated data: the rule in force on a day, new laws, and what is refused."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcmt_desktop.services.legal import (
    RULE_LABELS,
    MissingRuleError,
    RuleBook,
    RuleKey,
    RuleValue,
)
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import LegalRule
from tests.services.support import expect_refusal, expect_write

LAW_2021 = "Luật Phòng, chống ma túy 2021"
LAW_2025 = "Luật 120/2025/QH15 sửa đổi Luật Phòng, chống ma túy"
NEW_LAW_DAY = date(2026, 7, 1)


def test_every_key_has_a_vietnamese_label_and_a_seeded_value(services: Services) -> None:
    assert set(RULE_LABELS) == set(RuleKey)
    book = services.legal.book()
    for key in RuleKey:
        assert key.label
        assert book.in_force(key, date(2026, 11, 23)) is not None, key


def test_the_seeded_periods_of_the_2021_law(services: Services) -> None:
    day = date(2025, 5, 5)
    legal = services.legal
    assert legal.value(RuleKey.SU_DUNG_MANAGEMENT_MONTHS, day) == 12
    assert legal.value(RuleKey.SAU_CAI_MONTHS, day) == 12
    assert legal.value(RuleKey.SAU_CAI_MONTHS_AFTER_CNBB_ADULT, day) == 24
    assert legal.rule(RuleKey.SU_DUNG_MANAGEMENT_MONTHS, day) == RuleValue(
        RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2022, 1, 1), 12, f"{LAW_2021}, Điều 23"
    )


def test_the_new_law_applies_from_its_exact_effective_day(services: Services) -> None:
    legal = services.legal
    key = RuleKey.CNBB_TERM_ADULT_MAX_MONTHS
    the_day_before = NEW_LAW_DAY - timedelta(days=1)
    assert legal.rule(key, the_day_before) == RuleValue(
        key, date(2022, 1, 1), 24, f"{LAW_2021}, Điều 33"
    )
    assert legal.rule(key, NEW_LAW_DAY) == RuleValue(key, NEW_LAW_DAY, 36, LAW_2025)
    assert legal.value(RuleKey.CNBB_TERM_ADULT_MIN_MONTHS, the_day_before) == 12
    assert legal.value(RuleKey.CNBB_TERM_ADULT_MIN_MONTHS, NEW_LAW_DAY) == 24
    # The minors' rule did not change with it.
    assert legal.value(RuleKey.CNBB_TERM_MINOR_MAX_MONTHS, NEW_LAW_DAY) == 12


def test_on_the_first_rules_day_it_applies_and_before_it_nothing_does(services: Services) -> None:
    legal = services.legal
    assert legal.value(RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2022, 1, 1)) == 12
    with pytest.raises(MissingRuleError) as missing:
        legal.value(RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2021, 12, 31))
    assert str(missing.value) == (
        "Chưa có quy định “Thời hạn quản lý người sử dụng trái phép (tháng)” "
        "áp dụng cho ngày 31/12/2021."
    )
    with pytest.raises(MissingRuleError):
        services.legal.book().rule(RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2021, 12, 31))


def test_a_future_rule_is_kept_but_not_yet_in_force(services: Services) -> None:
    legal = services.legal
    future = date(2027, 7, 1)
    with expect_write(services, {"legal_rule"}) as written:
        added = legal.add_rule(
            RuleKey.FINE_USE_MAX_VND, future, 3_000_000, "  Nghị định   mới giả định  "
        )
    assert added == RuleValue(RuleKey.FINE_USE_MAX_VND, future, 3_000_000, "Nghị định mới giả định")
    assert legal.value(RuleKey.FINE_USE_MAX_VND, date(2026, 11, 23)) == 2_000_000
    assert legal.value(RuleKey.FINE_USE_MAX_VND, future - timedelta(days=1)) == 2_000_000
    assert legal.value(RuleKey.FINE_USE_MAX_VND, future) == 3_000_000
    assert legal.value(RuleKey.FINE_USE_MAX_VND, date(2030, 1, 1)) == 3_000_000
    (row,) = written.audit
    assert (row.action, row.entity, row.before) == ("tao", "legal_rule", None)
    assert row.after is not None
    assert (row.after["key"], row.after["effective_from"], row.after["value"]) == (
        "fine_use_max_vnd",
        "2027-07-01",
        3_000_000,
    )
    assert row.summary == (
        "Thêm quy định Mức phạt sử dụng trái phép chất ma túy, tối đa (đồng): 3000000 từ 01/07/2027"
    )
    history = [rule for rule in legal.all_rules() if rule.key is RuleKey.FINE_USE_MAX_VND]
    assert [rule.effective_from for rule in history] == [date(2021, 12, 31), future]


def test_a_rule_between_two_others_takes_over_only_its_stretch(services: Services) -> None:
    legal = services.legal
    key = RuleKey.CNBB_TERM_ADULT_MAX_MONTHS
    legal.add_rule(key, date(2024, 1, 1), 30, "Văn bản giả định")
    assert legal.value(key, date(2023, 12, 31)) == 24
    assert legal.value(key, date(2024, 1, 1)) == 30
    assert legal.value(key, date(2026, 6, 30)) == 30
    assert legal.value(key, date(2026, 7, 1)) == 36


def test_rows_of_unknown_keys_are_left_out(services: Services) -> None:
    with services.context.unit_of_work() as session:
        session.add(LegalRule(key="quy_dinh_cua_ban_sau", effective_from=date(2030, 1, 1), value=1))
    assert "quy_dinh_cua_ban_sau" not in {rule.key.value for rule in services.legal.all_rules()}
    assert (
        len(services.legal.all_rules()) == 19 + 12
    )  # the decree 144 era rules and QĐ 28/2025 area thresholds


# --- refusals --------------------------------------------------------------------------------
def test_a_value_not_above_zero_and_a_missing_source_are_refused_together(
    services: Services,
) -> None:
    with expect_refusal(
        services,
        "Giá trị quy định phải lớn hơn 0.",
        "Chưa nhập căn cứ (văn bản, điều khoản quy định giá trị này).",
    ):
        services.legal.add_rule(RuleKey.SAU_CAI_MONTHS, date(2027, 1, 1), 0, "   ")
    with expect_refusal(services, "Giá trị quy định phải lớn hơn 0."):
        services.legal.add_rule(RuleKey.SAU_CAI_MONTHS, date(2027, 1, 1), -12, "Luật giả định")


def test_a_second_rule_of_a_key_on_the_same_day_is_refused(services: Services) -> None:
    with expect_refusal(
        services,
        "Đã có quy định “Thời hạn CNBB, người thành niên, tối đa (tháng)” áp dụng từ 01/07/2026.",
    ):
        services.legal.add_rule(RuleKey.CNBB_TERM_ADULT_MAX_MONTHS, NEW_LAW_DAY, 48, "Lặp lại")


def test_a_too_long_source_is_refused(services: Services) -> None:
    with expect_refusal(services, "Căn cứ dài 301 ký tự; tối đa 300 ký tự."):
        services.legal.add_rule(RuleKey.SAU_CAI_MONTHS, date(2027, 1, 1), 12, "x" * 301)


def test_a_minimum_above_the_maximum_in_force_is_refused(services: Services) -> None:
    with expect_refusal(
        services,
        "Giá trị 40 lớn hơn mức tối đa đang áp dụng ngày 01/01/2027 (36).",
    ):
        services.legal.add_rule(
            RuleKey.CNBB_TERM_ADULT_MIN_MONTHS, date(2027, 1, 1), 40, "Văn bản giả định"
        )
    with expect_refusal(
        services,
        "Giá trị 500.000 nhỏ hơn mức tối thiểu đang áp dụng ngày 01/01/2027 (1.000.000).",
    ):
        services.legal.add_rule(
            RuleKey.FINE_USE_MAX_VND, date(2027, 1, 1), 500_000, "Văn bản giả định"
        )
    # Equal bounds are a fixed value, not a contradiction.
    services.legal.add_rule(
        RuleKey.CNBB_TERM_ADULT_MIN_MONTHS, date(2027, 1, 1), 36, "Văn bản giả định"
    )


# --- the in-memory book agrees with the database ---------------------------------------------
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(list(RuleKey)),
    day=st.dates(min_value=date(2021, 1, 1), max_value=date(2031, 12, 31)),
)
def test_the_book_answers_as_the_database_does(services: Services, key: RuleKey, day: date) -> None:
    book = services.legal.book()
    try:
        expected: RuleValue | None = services.legal.rule(key, day)
    except MissingRuleError:
        expected = None
    assert book.in_force(key, day) == expected


def test_an_empty_book_knows_nothing() -> None:
    book = RuleBook([])
    assert book.in_force(RuleKey.SAU_CAI_MONTHS, date(2026, 1, 1)) is None
    assert book.history(RuleKey.SAU_CAI_MONTHS) == []
    with pytest.raises(MissingRuleError):
        book.value(RuleKey.SAU_CAI_MONTHS, date(2026, 1, 1))
