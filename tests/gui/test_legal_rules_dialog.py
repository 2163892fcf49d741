"""The legal rules dialog: values in force, each rule's history, adding a new law."""

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from pcmt_desktop.gui.office.legal_rules_dialog import (
    AMOUNT_COLUMN,
    BASIS_COLUMN,
    FROM_COLUMN,
    KEY_COLUMN,
    SINCE_COLUMN,
    SOURCE_COLUMN,
    STATE_COLUMN,
    VALUE_COLUMN,
    AddRuleDialog,
    LegalRulesDialog,
    ValueParseError,
    format_value,
    parse_value,
    unit_of,
)
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.registry import Services
from tests.gui.test_persons_tab import type_text
from tests.services.support import dump

pytestmark = pytest.mark.gui

LAW_2025 = "Luật 120/2025/QH15 sửa đổi Luật Phòng, chống ma túy"


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> LegalRulesDialog:
    made = LegalRulesDialog(services)
    qtbot.addWidget(made)
    made.show()
    return made


def row_texts(dialog: LegalRulesDialog, key: RuleKey) -> list[str]:
    row = list(RuleKey).index(key)
    texts = []
    for column in (KEY_COLUMN, VALUE_COLUMN, SINCE_COLUMN, SOURCE_COLUMN):
        item = dialog.rules_table.item(row, column)
        assert item is not None
        texts.append(item.text())
    return texts


def history(dialog: LegalRulesDialog) -> list[list[str]]:
    table = dialog.history_table
    rows = []
    for row in range(table.rowCount()):
        cells = [table.item(row, column) for column in (FROM_COLUMN, AMOUNT_COLUMN, STATE_COLUMN)]
        cells.append(table.item(row, BASIS_COLUMN))
        rows.append([cell.text() if cell is not None else "" for cell in cells])
    return rows


def adder(qtbot: QtBot, dialog: LegalRulesDialog, key: RuleKey) -> AddRuleDialog:
    dialog.select_key(key)
    form = dialog.new_rule_dialog()
    qtbot.addWidget(form)
    form.show()
    assert form.key() is key
    return form


# --- showing ---------------------------------------------------------------------------------
def test_every_rule_with_the_value_in_force_today(dialog: LegalRulesDialog) -> None:
    assert dialog.rules_table.rowCount() == len(RuleKey)
    assert row_texts(dialog, RuleKey.SU_DUNG_MANAGEMENT_MONTHS) == [
        "Thời hạn quản lý người sử dụng trái phép (tháng)",
        "12 tháng",
        "01/01/2022",
        "Luật Phòng, chống ma túy 2021, Điều 23",
    ]
    assert row_texts(dialog, RuleKey.CNBB_TERM_ADULT_MAX_MONTHS)[1:] == [
        "36 tháng",
        "01/07/2026",
        LAW_2025,
    ]
    assert row_texts(dialog, RuleKey.CNBB_DOSSIER_WORKING_DAYS)[1] == "05 ngày làm việc"
    assert row_texts(dialog, RuleKey.FINE_PLANTS_MAX_VND)[1] == "10.000.000 đồng"


def test_a_rules_history_newest_first_with_its_state(dialog: LegalRulesDialog) -> None:
    dialog.select_key(RuleKey.CNBB_TERM_ADULT_MIN_MONTHS)
    assert dialog.history_box.title() == (
        "Lịch sử: Thời hạn CNBB, người thành niên, tối thiểu (tháng)"
    )
    assert history(dialog) == [
        ["01/07/2026", "24 tháng", "Đang áp dụng", LAW_2025],
        ["01/01/2022", "12 tháng", "Đã được thay thế", "Luật Phòng, chống ma túy 2021, Điều 33"],
    ]


# --- adding ----------------------------------------------------------------------------------
def test_a_future_law_is_added_and_shown_as_coming(
    qtbot: QtBot, dialog: LegalRulesDialog, services: Services
) -> None:
    form = adder(qtbot, dialog, RuleKey.FINE_USE_MAX_VND)
    assert form.unit_label.text() == "đồng"
    form.date_edit.set_day(date(2027, 7, 1))  # after today: a law may take effect later
    form.value_edit.setText("3.000.000")
    form.source_edit.setFocus()
    type_text(form.source_edit, "Nghị định 282/2025/NĐ-CP, Điều 23")

    form.save()

    assert form.result() == AddRuleDialog.DialogCode.Accepted
    assert services.legal.value(RuleKey.FINE_USE_MAX_VND, date(2027, 7, 1)) == 3_000_000
    assert row_texts(dialog, RuleKey.FINE_USE_MAX_VND)[1:3] == [
        "2.000.000 đồng; từ 01/07/2027: 3.000.000 đồng",
        "31/12/2021",
    ]
    assert dialog.selected_key() is RuleKey.FINE_USE_MAX_VND
    assert history(dialog)[0] == [
        "01/07/2027",
        "3.000.000 đồng",
        "Sắp áp dụng",
        "Nghị định 282/2025/NĐ-CP, Điều 23",
    ]


def test_the_form_says_what_is_in_force_on_the_chosen_day(
    qtbot: QtBot, dialog: LegalRulesDialog
) -> None:
    form = adder(qtbot, dialog, RuleKey.CNBB_TERM_ADULT_MAX_MONTHS)
    form.date_edit.set_day(date(2026, 6, 30))
    assert form.current_label.text() == (
        "Đang áp dụng ngày 30/06/2026: 24 tháng\n"
        "(Luật Phòng, chống ma túy 2021, Điều 33, từ 01/01/2022)"
    )
    form.key_combo.setCurrentIndex(form.key_combo.findData(RuleKey.CNBB_DOSSIER_WORKING_DAYS))
    assert form.unit_label.text() == "ngày làm việc"


@pytest.mark.parametrize(
    ("value", "source", "day", "problems"),
    [
        ("", "Luật giả định", date(2027, 1, 1), {"value": "Chưa nhập giá trị."}),
        (
            "mười hai",
            "Luật giả định",
            date(2027, 1, 1),
            {"value": "Giá trị “mười hai” không phải số nguyên (ví dụ: 12 hoặc 2.000.000)."},
        ),
        ("0", "Luật giả định", date(2027, 1, 1), {"value": "Giá trị quy định phải lớn hơn 0."}),
        (
            "36",
            "  ",
            date(2027, 1, 1),
            {"source": "Chưa nhập căn cứ (văn bản, điều khoản quy định giá trị này)."},
        ),
        (
            "48",
            "Lặp lại",
            date(2026, 7, 1),
            {
                "effective_from": "Đã có quy định “Thời hạn CNBB, người thành niên, tối đa "
                "(tháng)” áp dụng từ 01/07/2026."
            },
        ),
        (
            "20",
            "Luật giả định",
            date(2027, 1, 1),
            {"value": "Giá trị 20 nhỏ hơn mức tối thiểu đang áp dụng ngày 01/01/2027 (24)."},
        ),
    ],
)
def test_refusals_stay_beside_their_fields_and_nothing_is_saved(
    qtbot: QtBot,
    dialog: LegalRulesDialog,
    services: Services,
    *,
    value: str,
    source: str,
    day: date,
    problems: dict[str, str],
) -> None:
    form = adder(qtbot, dialog, RuleKey.CNBB_TERM_ADULT_MAX_MONTHS)
    form.date_edit.set_day(day)
    form.value_edit.setText(value)
    form.source_edit.setText(source)
    before = dump(services)

    form.save()

    assert form.result() != AddRuleDialog.DialogCode.Accepted
    assert form.isVisible()
    shown = {name: form.form.error(name) for name in form.form.field_names()}
    assert {name: message for name, message in shown.items() if message} == problems
    assert dump(services) == before
    assert form.value_edit.text() == value  # what was typed is kept


# --- the helpers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), (" 24 ", 24), ("2.000.000", 2_000_000), ("2 000 000", 2_000_000)],
)
def test_values_are_read_as_officers_write_them(text: str, expected: int) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["", "1,5", "2.00.000", "-3", "12 tháng", "１２"])
def test_anything_else_is_not_a_value(text: str) -> None:
    with pytest.raises(ValueParseError):
        parse_value(text)


def test_every_rule_has_a_unit() -> None:
    assert {key: unit_of(key) for key in RuleKey if not unit_of(key)} == {}
    assert unit_of(RuleKey.SAU_CAI_MONTHS_AFTER_CNBB_ADULT) == "tháng"
    assert unit_of(RuleKey.CNBB_COURT_DECISION_DAYS_COMPLEX) == "ngày"
    assert format_value(RuleKey.HOTSPOT_FIGHT_MONTHS, 3) == "03 tháng"
