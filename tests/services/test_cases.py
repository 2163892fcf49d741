"""Cases: rules and refusals, writes with their audit, the listing, and the report figures.

The figures are checked against numbers worked out by hand below each data set.
"""

from dataclasses import replace
from datetime import date

import pytest

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.services.case_listing import CaseFilter, CaseSort
from pcmt_desktop.services.case_summary import ActFigures, ChargeFigures, CountFigures
from pcmt_desktop.services.case_types import CaseKind, SeizedItems
from pcmt_desktop.services.cases import CaseInput, SubjectInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.services.support import dump, expect_refusal, expect_write

DRUG_CASE = "drug_case"
USE = "Sử dụng trái phép chất ma túy"
POSSESSION = "Tàng trữ trái phép chất ma túy"
KARAOKE = "Để xảy ra hoạt động sử dụng trái phép chất ma túy tại cơ sở kinh doanh karaoke"


def area(services: Services, index: int) -> int:
    return services.office.sub_areas()[index].id


def criminal(services: Services, **changes: object) -> CaseInput:
    data = CaseInput(
        kind=CaseKind.CRIMINAL,
        occurred_on=date(2026, 3, 1),
        sub_area_id=area(services, 0),
        summary="Bắt quả tang tàng trữ heroin tại bãi đất trống",
        subjects=1,
        articles=("249",),
        prosecuted=True,
        defendants=1,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def violation(services: Services, **changes: object) -> CaseInput:
    data = CaseInput(
        kind=CaseKind.ADMINISTRATIVE,
        occurred_on=date(2026, 3, 1),
        sub_area_id=area(services, 0),
        subjects=1,
        act=USE,
        fine_vnd=1_000_000,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def person(services: Services, name: str, year: int) -> int:
    return services.persons.add(
        PersonInput(full_name=name, birth_year=year, sub_area_id=area(services, 0))
    ).id


# --- writes ------------------------------------------------------------------------------
def test_add_keeps_charges_subjects_and_seized_items_and_audits_them(services: Services) -> None:
    linked = person(services, "Lò Văn Tĩnh", 1990)
    data = criminal(
        services,
        subjects=3,
        defendants=2,
        articles=("251", "249", "251"),
        named_subjects=(
            SubjectInput("  Lò  Văn Tĩnh ", 1990, linked),
            SubjectInput("Hà Thị Mận", 1988),
        ),
        received_from=" Bộ đội  Biên phòng ",
        seized=SeizedItems(heroin_g=5.524, pills=10, vehicles=1, phones=2, cash_vnd=3_510_000),
        act="ignored for a criminal case",
        fine_vnd=500_000,
    )
    with expect_write(services, {DRUG_CASE}, [linked]) as written:
        record = services.cases.add(data)
    # Charges in the code's order, once each; what belongs to the other kind dropped.
    assert record.articles == ("249", "251")
    assert [(s.full_name, s.birth_year, s.person_id) for s in record.named_subjects] == [
        ("Lò Văn Tĩnh", 1990, linked),
        ("Hà Thị Mận", 1988, None),
    ]
    assert record.received_from == "Bộ đội Biên phòng"
    assert (record.act, record.fine_vnd) == ("", None)
    assert record.seized.heroin_g == pytest.approx(5.524)
    assert record.sub_area_name == "Thôn Đông"
    assert services.cases.get(record.id) == record
    (entry,) = written.audit
    assert (entry.action, entry.entity, entry.entity_id, entry.before) == (
        "tao",
        DRUG_CASE,
        record.id,
        None,
    )
    assert entry.after is not None
    assert entry.after["articles"] == ["249", "251"]
    assert entry.after["named_subjects"] == [
        f"Lò Văn Tĩnh (1990) [mã đối tượng {linked}]",
        "Hà Thị Mận (1988)",
    ]
    assert services.cases.history(record.id) == [entry]


def test_a_case_not_prosecuted_keeps_no_defendants(services: Services) -> None:
    record = services.cases.add(criminal(services, prosecuted=False, defendants=4))
    assert (record.prosecuted, record.defendants) == (False, 0)


def test_edit_records_only_what_changed_and_announces_old_and_new_persons(
    services: Services,
) -> None:
    first = person(services, "Lò Văn Tĩnh", 1990)
    second = person(services, "Vi Văn Sáng", 1995)
    record = services.cases.add(
        criminal(services, subjects=2, named_subjects=(SubjectInput("Lò Văn Tĩnh", 1990, first),))
    )
    changed = replace(
        record.as_input(),
        named_subjects=(SubjectInput("Vi Văn Sáng", 1995, second),),
        articles=("249", "250"),
    )
    with expect_write(services, {DRUG_CASE}, [first, second]) as written:
        edited = services.cases.edit(record.id, changed)
    assert edited.articles == ("249", "250")
    (entry,) = written.audit
    assert entry.action == "sua"
    assert entry.before == {
        "articles": ["249"],
        "named_subjects": [f"Lò Văn Tĩnh (1990) [mã đối tượng {first}]"],
    }
    assert entry.after == {
        "articles": ["249", "250"],
        "named_subjects": [f"Vi Văn Sáng (1995) [mã đối tượng {second}]"],
    }


def test_saving_an_unchanged_case_leaves_no_audit_row(services: Services) -> None:
    record = services.cases.add(
        criminal(services, subjects=2, named_subjects=(SubjectInput("Hà Thị Mận", 1988),))
    )
    with expect_write(services, {DRUG_CASE}, audit_rows=0):
        services.cases.edit(record.id, record.as_input())


def test_delete_removes_charges_and_subjects_and_keeps_them_in_the_audit(
    services: Services,
) -> None:
    record = services.cases.add(
        criminal(services, subjects=2, named_subjects=(SubjectInput("Hà Thị Mận", 1988),))
    )
    with expect_write(services, {DRUG_CASE}) as written:
        services.cases.delete(record.id)
    tables = dump(services)
    assert tables["drug_case"] == tables["case_charge"] == tables["case_subject"] == []
    (entry,) = written.audit
    assert entry.action == "xoa"
    assert entry.before is not None and entry.before["articles"] == ["249"]
    with pytest.raises(NotFoundError):
        services.cases.get(record.id)
    with pytest.raises(NotFoundError):
        services.cases.delete(record.id)


# --- refusals ----------------------------------------------------------------------------
def test_criminal_case_rules(services: Services) -> None:
    with expect_refusal(services, "Chọn ít nhất một tội danh (điều luật) của vụ án."):
        services.cases.add(criminal(services, articles=()))
    with expect_refusal(services, "Vụ án đã khởi tố phải có ít nhất 1 bị can."):
        services.cases.add(criminal(services, defendants=0))
    with expect_refusal(services, "Số bị can (3) không được nhiều hơn số đối tượng (2)."):
        services.cases.add(criminal(services, subjects=2, defendants=3))
    with expect_refusal(services, "Không có điều luật “999” trong danh mục."):
        services.cases.add(criminal(services, articles=("999",)))


def test_subject_rules(services: Services) -> None:
    named = (SubjectInput("Hà Thị Mận", 1988), SubjectInput("Vi Văn Sáng", 1995))
    with expect_refusal(services, "Số đối tượng phải ít nhất là 1."):
        services.cases.add(criminal(services, subjects=0, defendants=0, prosecuted=False))
    with expect_refusal(services, "Số đối tượng (1) ít hơn số người đã kê tên (2)."):
        services.cases.add(criminal(services, named_subjects=named))
    with expect_refusal(
        services,
        "Người thứ 1 trong danh sách đối tượng: chưa nhập họ tên.",
        "Người thứ 1 trong danh sách đối tượng: năm sinh 1850 không hợp lệ "
        "(phải từ 1900 đến 2026).",
    ):
        services.cases.add(criminal(services, named_subjects=(SubjectInput(" ", 1850),)))
    with expect_refusal(services, "Đối tượng “Bóng Ma” (mã 77) không còn trong sổ."):
        services.cases.add(criminal(services, named_subjects=(SubjectInput("Bóng Ma", None, 77),)))
    linked = person(services, "Lò Văn Tĩnh", 1990)
    twice = (SubjectInput("Lò Văn Tĩnh", 1990, linked), SubjectInput("Lò Văn Tĩnh", 1990, linked))
    with expect_refusal(services, "Một đối tượng được kê hai lần trong danh sách."):
        services.cases.add(criminal(services, subjects=2, named_subjects=twice))


def test_dates_amounts_and_the_administrative_act(services: Services) -> None:
    with expect_refusal(services, "Ngày xảy ra (24/11/2026) ở sau ngày hôm nay (23/11/2026)."):
        services.cases.add(criminal(services, occurred_on=date(2026, 11, 24)))
    with expect_refusal(
        services,
        "Chưa nhập hành vi vi phạm.",
        "Số tiền phạt phải là số đồng không âm.",
    ):
        services.cases.add(violation(services, act="  ", fine_vnd=-5))
    with expect_refusal(
        services,
        "Heroin (gam) phải là một số không âm.",
        "Cần sa (gam) phải là một số không âm.",
        "Điện thoại (chiếc) phải từ 0 đến 100,000.",
        "Tiền mặt thu giữ phải là số đồng không âm.",
    ):
        services.cases.add(
            violation(
                services,
                seized=SeizedItems(
                    heroin_g=-1.0, cannabis_g=float("nan"), phones=-1, cash_vnd=-100
                ),
            )
        )
    with expect_refusal(services, "Địa bàn đã chọn không còn tồn tại."):
        services.cases.add(violation(services, sub_area_id=999))


def test_validate_reports_without_writing(services: Services) -> None:
    problems = services.cases.validate(criminal(services, articles=("999",), subjects=0))
    assert [p.field for p in problems] == ["subjects", "articles"]
    assert dump(services)["drug_case"] == []


# --- the report's figures -----------------------------------------------------------------
def _fill_period(services: Services) -> None:
    """Cases around the period 15/12/2025–31/05/2026 in two sub-areas (A, B)."""
    a, b = area(services, 0), area(services, 1)
    add = services.cases.add
    # Criminal, inside the period.
    add(
        criminal(
            services,
            occurred_on=date(2026, 1, 10),
            subjects=2,
            defendants=2,
            received_from="Bộ đội Biên phòng",
            seized=SeizedItems(
                heroin_g=1.5,
                methamphetamine_g=0.25,
                pills=10,
                vehicles=1,
                phones=2,
                cash_vnd=1_500_000,
            ),
        )
    )
    add(
        criminal(
            services,
            occurred_on=date(2026, 2, 20),
            sub_area_id=b,
            articles=("249", "251"),
            subjects=3,
            defendants=2,
            seized=SeizedItems(heroin_g=4.024, phones=1, cash_vnd=2_010_000),
        )
    )
    add(
        criminal(
            services,
            occurred_on=date(2026, 3, 1),
            articles=("251",),
            prosecuted=False,
            defendants=0,
            seized=SeizedItems(methamphetamine_g=2.468, vehicles=2),
        )
    )
    add(
        criminal(
            services,
            occurred_on=date(2026, 5, 31),  # the last day counts
            sub_area_id=b,
            articles=("256",),
            received_from="Đồn Biên phòng",
        )
    )
    # Criminal, just outside the period on either side.
    add(criminal(services, occurred_on=date(2025, 12, 14), articles=("255",), sub_area_id=a))
    add(criminal(services, occurred_on=date(2026, 6, 1), seized=SeizedItems(heroin_g=100.0)))
    # Administrative.
    add(violation(services, occurred_on=date(2026, 1, 5), fine_vnd=750_000))
    add(violation(services, occurred_on=date(2026, 1, 6), sub_area_id=b, fine_vnd=750_000))
    add(
        violation(
            services,
            occurred_on=date(2026, 2, 7),
            act=POSSESSION,
            subjects=2,
            fine_vnd=7_000_000,
            seized=SeizedItems(cannabis_g=72.85),
        )
    )
    add(violation(services, occurred_on=date(2026, 3, 8), act=KARAOKE, fine_vnd=15_000_000))
    add(violation(services, occurred_on=date(2026, 3, 10), sub_area_id=b, fine_vnd=None))
    add(violation(services, occurred_on=date(2025, 12, 1), fine_vnd=2_000_000))  # outside


def test_summary_counts_as_the_report_does(services: Services) -> None:
    _fill_period(services)
    summary = services.cases.summary(date(2025, 12, 15), date(2026, 5, 31))
    crime = summary.criminal
    # By hand: cases on 10/01, 20/02, 01/03, 31/05; subjects 2+3+1+1; prosecuted all but
    # 01/03 with 2+2+1 defendants; received on 10/01 (2 subjects) and 31/05 (1).
    assert (crime.cases, crime.subjects, crime.prosecuted_cases, crime.defendants) == (4, 7, 3, 5)
    assert (crime.received, crime.received_subjects) == (2, 3)
    assert crime.received_by_source == {
        "Bộ đội Biên phòng": CountFigures(1, 2),
        "Đồn Biên phòng": CountFigures(1, 1),
    }
    # The 20/02 case charges 249 and 251: once under each, so 2 + 2 + 1 = 5 > 4 cases.
    assert crime.by_charge == {
        "249": ChargeFigures(cases=2, subjects=5, prosecuted_cases=2, defendants=4),
        "251": ChargeFigures(cases=2, subjects=4, prosecuted_cases=1, defendants=2),
        "256": ChargeFigures(cases=1, subjects=1, prosecuted_cases=1, defendants=1),
    }
    assert list(crime.by_charge) == ["249", "251", "256"]
    # 1,5 + 4,024 g heroin; 0,25 + 2,468 g methamphetamine; 1 + 2 vehicles; 2 + 1 phones.
    assert crime.seized == SeizedItems(
        heroin_g=5.524,
        methamphetamine_g=2.718,
        pills=10,
        vehicles=3,
        phones=3,
        cash_vnd=3_510_000,
    )
    admin = summary.administrative
    # 05/01, 06/01, 07/02, 08/03, 10/03: subjects 1+1+2+1+1; fines 0,75+0,75+7+15 million.
    assert (admin.cases, admin.subjects, admin.fines_vnd) == (5, 6, 23_500_000)
    assert admin.by_act == {
        USE: ActFigures(cases=3, subjects=3, fines_vnd=1_500_000),
        POSSESSION: ActFigures(cases=1, subjects=2, fines_vnd=7_000_000),
        KARAOKE: ActFigures(cases=1, subjects=1, fines_vnd=15_000_000),
    }
    assert next(iter(admin.by_act)) == USE  # most cases first
    assert admin.seized == SeizedItems(cannabis_g=72.85)


def test_summary_of_one_sub_area_and_of_an_empty_period(services: Services) -> None:
    _fill_period(services)
    only_b = services.cases.summary(
        date(2025, 12, 15), date(2026, 5, 31), sub_area_id=area(services, 1)
    )
    # B: the criminal cases of 20/02 (3 subjects) and 31/05 (1); violations 06/01, 10/03.
    assert (only_b.criminal.cases, only_b.criminal.subjects) == (2, 4)
    assert (only_b.administrative.cases, only_b.administrative.fines_vnd) == (2, 750_000)
    empty = services.cases.summary(date(2020, 1, 1), date(2020, 12, 31))
    assert (empty.criminal.cases, empty.criminal.by_charge) == (0, {})
    assert empty.criminal.seized == SeizedItems()
    assert (empty.administrative.cases, empty.administrative.by_act) == (0, {})


# --- the listing -------------------------------------------------------------------------
def test_listing_filters_and_sorts_in_sql(services: Services) -> None:
    _fill_period(services)
    cases = services.cases
    everything = cases.ordered_ids(CaseFilter())
    assert len(everything) == 12
    dates = [row.occurred_on for row in cases.rows(everything).values()]
    assert sorted(dates, reverse=True) == [cases.rows([i])[i].occurred_on for i in everything]
    criminal_ids = cases.ordered_ids(CaseFilter(kind=CaseKind.CRIMINAL))
    assert len(criminal_ids) == 6
    in_period = CaseFilter(date_from=date(2025, 12, 15), date_to=date(2026, 5, 31))
    assert len(cases.ordered_ids(in_period)) == 9
    assert len(cases.ordered_ids(replace(in_period, sub_area_id=area(services, 1)))) == 4
    assert len(cases.ordered_ids(CaseFilter(article="251"))) == 2
    oldest_first = cases.ordered_ids(CaseFilter(sort=CaseSort.DATE.value, descending=False))
    assert oldest_first == list(reversed(everything))
    by_fine = cases.ordered_ids(
        CaseFilter(kind=CaseKind.ADMINISTRATIVE, sort=CaseSort.FINE.value, descending=True)
    )
    fines = [cases.rows([i])[i].fine_vnd for i in by_fine]
    assert fines == [15_000_000, 7_000_000, 2_000_000, 750_000, 750_000, None]


def test_search_ignores_accents_and_finds_subjects_and_articles(services: Services) -> None:
    cases = services.cases
    first = cases.add(
        criminal(
            services,
            subjects=2,
            summary="Mua bán ma túy tại chợ phiên",
            articles=("251",),
            named_subjects=(SubjectInput("Đặng Thị Lựu", 1979),),
        )
    )
    second = cases.add(violation(services, act=POSSESSION))
    assert cases.ordered_ids(CaseFilter(text="CHO PHIEN")) == [first.id]
    assert cases.ordered_ids(CaseFilter(text="dang luu")) == [first.id]
    assert cases.ordered_ids(CaseFilter(text="tang tru")) == [second.id]
    assert cases.ordered_ids(CaseFilter(text="251")) == [first.id]
    assert cases.ordered_ids(CaseFilter(text="50%")) == []
    row = cases.rows([first.id, second.id, 999])
    assert set(row) == {first.id, second.id}
    assert row[first.id].articles == ("251",)
    assert row[second.id].description == POSSESSION


def test_articles_are_labelled_as_the_code_names_them(services: Services) -> None:
    articles = services.cases.articles()
    labels = {a.article: a.label for a in articles}
    assert labels["249"] == "Điều 249 — Tội tàng trữ trái phép chất ma túy"
    assert [a.article for a in articles][:3] == ["247", "248", "249"]
    assert "256a" in labels
