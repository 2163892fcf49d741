"""The term of a su_dung / sau_cai stay: the rule in force on its start, a CNBB, its due date."""

from datetime import date

import pytest
from sqlalchemy import select

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.legal import MissingRuleError, RuleKey
from pcmt_desktop.services.management_periods import (
    ManagementPeriod,
    StayFacts,
    management_period,
    management_periods,
)
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import Dossier, DossierStep, ListStay

LAW_2021 = "Luật Phòng, chống ma túy 2021"


# --- building test data through the services ------------------------------------------------
def add_person(
    services: Services,
    name: str,
    *,
    birth_year: int | None = 1990,
    birth_date: date | None = None,
    sub_area: int = 0,
) -> int:
    areas = services.office.sub_areas()
    return services.persons.add(
        PersonInput(
            name,
            birth_year=birth_year,
            birth_date=birth_date,
            sub_area_id=areas[sub_area].id if areas else None,
        )
    ).id


def add_stay(
    services: Services,
    person_id: int,
    list_key: ManagementList,
    start: date,
    end: date | None = None,
    *,
    end_reason: str = "",
) -> int:
    values = {"list_key": list_key.value, "start_reason": "Rà soát phát hiện mới"}
    if end is not None:
        values["end_reason"] = end_reason or "Chuyển sang danh sách khác"
    entry = services.histories.add(HistoryKind.LIST, person_id, HistoryInput(start, end, values))
    return entry.id


def add_compulsory_rehab(services: Services, person_id: int, entered: date) -> int:
    """A CNBB dossier whose person entered the facility on ``entered`` (written directly:
    the dossier service belongs to another part of the program)."""
    with services.context.unit_of_work() as session:
        dossier = Dossier(person_id=person_id, found_on=entered.replace(day=1), note="")
        session.add(dossier)
        session.flush()
        for step, day in (("lap_ho_so", entered.replace(day=1)), ("dua_vao_co_so", entered)):
            session.add(
                DossierStep(
                    dossier_id=dossier.id,
                    step=step,
                    step_date=day,
                    term_months=None,
                    reason="",
                    note="",
                )
            )
        return dossier.id


def set_due_date(services: Services, stay_id: int, due: date | None) -> None:
    with services.context.unit_of_work() as session:
        row = session.get(ListStay, stay_id)
        assert row is not None
        row.due_date = due


def period(services: Services, stay_id: int) -> ManagementPeriod | None:
    with services.context.reading() as session:
        row = session.get(ListStay, stay_id)
        assert row is not None
        return management_period(session, services.legal, row)


def batch(services: Services) -> dict[int, ManagementPeriod]:
    with services.context.reading() as session:
        facts = [
            StayFacts(row.id, row.person_id, row.list_key, row.start_date, row.due_date)
            for row in session.scalars(select(ListStay))
        ]
        return dict(management_periods(session, services.legal.book(), facts).found)


# --- su_dung --------------------------------------------------------------------------------
def test_a_user_is_managed_twelve_months_by_the_2021_law(services: Services) -> None:
    stay = add_stay(
        services, add_person(services, "Hà Văn Dũng"), ManagementList.USER, date(2025, 12, 1)
    )
    assert period(services, stay) == ManagementPeriod(
        12, RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2026, 12, 1), f"{LAW_2021}, Điều 23"
    )
    found = period(services, stay)
    assert found is not None
    assert found.describe() == f"12 tháng theo {LAW_2021}, Điều 23"


def test_a_start_on_the_31st_ends_on_the_months_last_day(services: Services) -> None:
    services.legal.add_rule(RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2026, 1, 1), 1, "Thử tháng")
    stay = add_stay(
        services, add_person(services, "Vi Thị Én"), ManagementList.USER, date(2026, 1, 31)
    )
    found = period(services, stay)
    assert found is not None
    assert found.due == date(2026, 2, 28)


def test_lists_without_a_term_have_no_period(services: Services) -> None:
    person = add_person(services, "Mạc Văn Khải")
    stays = [
        add_stay(services, person, key, date(2024, 1 + 2 * index, 1), date(2024, 3 + 2 * index, 1))
        for index, key in enumerate(
            (ManagementList.SUSPECTED_USER, ManagementList.SUSPECTED_ADDICT, ManagementList.ADDICT)
        )
    ]
    assert [period(services, stay) for stay in stays] == [None, None, None]
    assert batch(services) == {}


# --- sau_cai --------------------------------------------------------------------------------
def test_post_rehab_without_compulsory_rehab_is_twelve_months(services: Services) -> None:
    person = add_person(services, "Lò Văn Bình")
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2026, 2, 10))
    assert period(services, stay) == ManagementPeriod(
        12, RuleKey.SAU_CAI_MONTHS, date(2027, 2, 10), f"{LAW_2021}, Điều 40"
    )


def test_post_rehab_after_an_adults_compulsory_rehab_is_twenty_four_months(
    services: Services,
) -> None:
    person = add_person(services, "Lò Văn Cường", birth_year=1990)
    add_compulsory_rehab(services, person, date(2024, 3, 5))
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2026, 3, 5))
    assert period(services, stay) == ManagementPeriod(
        24, RuleKey.SAU_CAI_MONTHS_AFTER_CNBB_ADULT, date(2028, 3, 5), f"{LAW_2021}, Điều 40"
    )


def test_post_rehab_after_a_minors_compulsory_rehab_is_twelve_months(services: Services) -> None:
    # 17 on entering (the day before the 18th birthday): rehab of a minor.
    person = add_person(services, "Đèo Văn Khánh", birth_year=None, birth_date=date(2007, 6, 2))
    add_compulsory_rehab(services, person, date(2025, 6, 1))
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2026, 6, 1))
    found = period(services, stay)
    assert found is not None
    assert (found.months, found.rule) == (12, RuleKey.SAU_CAI_MONTHS)


def test_entering_on_the_18th_birthday_is_an_adults_rehab(services: Services) -> None:
    person = add_person(services, "Đèo Thị Lan", birth_year=None, birth_date=date(2007, 6, 1))
    add_compulsory_rehab(services, person, date(2025, 6, 1))
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2026, 6, 1))
    found = period(services, stay)
    assert found is not None
    assert found.months == 24


def test_with_only_a_birth_year_the_person_is_as_young_as_possible(services: Services) -> None:
    # Born "2007": taken as 31/12/2007, so 17 on 01/06/2025 — a minor's rehab.
    person = add_person(services, "Cầm Văn Mạnh", birth_year=2007)
    add_compulsory_rehab(services, person, date(2025, 6, 1))
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2026, 6, 1))
    found = period(services, stay)
    assert found is not None
    assert found.months == 12


def test_unknown_age_takes_the_longer_adult_period(services: Services) -> None:
    person = add_person(services, "Sầm Văn Nam", birth_year=None)
    add_compulsory_rehab(services, person, date(2025, 1, 10))
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2026, 1, 10))
    found = period(services, stay)
    assert found is not None
    assert found.months == 24


def test_a_rehab_after_the_stays_start_does_not_count(services: Services) -> None:
    person = add_person(services, "Hoàng Văn Phúc")
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2025, 3, 1))
    add_compulsory_rehab(services, person, date(2025, 4, 1))
    found = period(services, stay)
    assert found is not None
    assert found.months == 12


def test_a_rehab_before_an_earlier_post_rehab_stay_belongs_to_that_stay(
    services: Services,
) -> None:
    person = add_person(services, "Nông Văn Quý")
    add_compulsory_rehab(services, person, date(2021, 1, 5))
    first = add_stay(
        services,
        person,
        ManagementList.POST_REHAB,
        date(2022, 1, 5),
        date(2024, 1, 5),
        end_reason="Hết thời gian quản lý",
    )
    # A relapse, then voluntary rehab: the new post-rehab management is the shorter one.
    second = add_stay(services, person, ManagementList.POST_REHAB, date(2025, 8, 1))
    assert [p.months if (p := period(services, s)) else None for s in (first, second)] == [24, 12]
    assert {stay: found.months for stay, found in batch(services).items()} == {
        first: 24,
        second: 12,
    }


# --- a stay's own due date, and the law changing --------------------------------------------
def test_a_stays_own_due_date_wins_over_the_law(services: Services) -> None:
    person = add_person(services, "Bế Văn Sơn")
    add_compulsory_rehab(services, person, date(2024, 1, 2))
    stay = add_stay(services, person, ManagementList.POST_REHAB, date(2025, 1, 2))
    set_due_date(services, stay, date(2026, 7, 2))
    found = period(services, stay)
    assert found == ManagementPeriod(18, None, date(2026, 7, 2))
    assert found.describe() == "theo quyết định quản lý, đến 02/07/2026"
    assert batch(services) == {stay: found}


def test_a_later_rule_applies_only_to_stays_starting_from_its_day(services: Services) -> None:
    services.legal.add_rule(
        RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2026, 6, 1), 6, "Luật sửa đổi giả định"
    )
    before = add_stay(
        services, add_person(services, "Tày Văn Tài"), ManagementList.USER, date(2026, 5, 31)
    )
    on_the_day = add_stay(
        services, add_person(services, "Tày Văn Tâm"), ManagementList.USER, date(2026, 6, 1)
    )
    after = add_stay(
        services, add_person(services, "Tày Văn Tú"), ManagementList.USER, date(2026, 9, 30)
    )
    found = {stay: period(services, stay) for stay in (before, on_the_day, after)}
    assert found == {
        before: ManagementPeriod(
            12, RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2027, 5, 31), f"{LAW_2021}, Điều 23"
        ),
        on_the_day: ManagementPeriod(
            6, RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2026, 12, 1), "Luật sửa đổi giả định"
        ),
        after: ManagementPeriod(
            6, RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2027, 3, 30), "Luật sửa đổi giả định"
        ),
    }
    assert batch(services) == found


def test_a_start_before_any_rule_is_reported_not_guessed(services: Services) -> None:
    stay = add_stay(
        services, add_person(services, "Lường Văn Út"), ManagementList.USER, date(2021, 6, 1)
    )
    with pytest.raises(MissingRuleError, match="áp dụng cho ngày 01/06/2021"):
        period(services, stay)
    with services.context.reading() as session:
        row = session.get(ListStay, stay)
        assert row is not None
        facts = [StayFacts(row.id, row.person_id, row.list_key, row.start_date, None)]
        result = management_periods(session, services.legal.book(), facts)
    assert result.found == {}
    assert result.unknown == {
        stay: "Chưa có quy định “Thời hạn quản lý người sử dụng trái phép (tháng)” "
        "áp dụng cho ngày 01/06/2021."
    }


def test_the_batch_agrees_with_one_by_one(services: Services) -> None:
    people = [
        add_person(services, f"Người Thử {index}", birth_year=2000 + index) for index in range(8)
    ]
    for index, person in enumerate(people):
        if index % 2:
            add_compulsory_rehab(services, person, date(2023, 1 + index, 15))
        key = ManagementList.POST_REHAB if index % 3 else ManagementList.USER
        add_stay(services, person, key, add_months(date(2024, 1, 31), index))
    found = batch(services)
    assert len(found) == len(people)
    assert {stay: period(services, stay) for stay in found} == found
    assert {p.months for p in found.values()} == {12, 24}
