"""Plant seizures: the rules and refusals, the fine warning, totals and the listing."""

from dataclasses import replace
from datetime import date

import pytest

from pcmt_desktop.domain.number_text import (
    NumberTextError,
    format_count,
    format_decimal,
    parse_decimal,
    parse_money,
)
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.plant_seizure_listing import PlantSeizureCriteria, SeizureSort
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from pcmt_desktop.services.registry import Services
from tests.services.support import expect_refusal, expect_write

FEB_3 = date(2026, 2, 3)


def area_ids(services: Services) -> list[int]:
    return [area.id for area in services.office.sub_areas()]


@pytest.fixture
def grower(services: Services) -> int:
    return services.persons.add(PersonInput("Sùng A Chứ", birth_year=1969)).id


def fined(services: Services, grower: int, **changes: object) -> PlantSeizureInput:
    data = PlantSeizureInput(
        seized_on=FEB_3,
        sub_area_id=area_ids(services)[0],
        handling=PlantHandling.FINED.value,
        place="Nương ngô khu Khe Đá",
        person_id=grower,
        opium_plants=320,
        fine_vnd=7_500_000,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def ownerless(services: Services, **changes: object) -> PlantSeizureInput:
    data = PlantSeizureInput(
        seized_on=date(2026, 3, 10),
        sub_area_id=area_ids(services)[1],
        handling=PlantHandling.NOT_YET.value,
        place="Sườn đồi Phìn Hồ",
        ownerless=True,
        opium_plants=202,
        area_m2=120.5,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_add_edit_delete_are_audited_with_the_person(services: Services, grower: int) -> None:
    seizures = services.plant_seizures
    with expect_write(services, {"plant_seizure"}, [grower]) as written:
        record = seizures.add(fined(services, grower))
    assert (record.person_name, record.responsible, record.fine_vnd) == (
        "Sùng A Chứ",
        "Sùng A Chứ",
        7_500_000,
    )
    (row,) = written.audit
    assert (row.entity, row.entity_id, row.action) == ("plant_seizure", record.id, "tao")
    with expect_write(services, {"plant_seizure"}, [grower]) as written:
        seizures.edit(record.id, fined(services, grower, opium_plants=330))
    assert written.audit[0].before == {"opium_plants": 320}
    # Turned ownerless: both the old person and no new one are announced.
    with expect_write(services, {"plant_seizure"}, [grower]):
        edited = seizures.edit(record.id, ownerless(services))
    assert edited.responsible == "Vô chủ"
    with expect_write(services, {"plant_seizure"}):
        seizures.delete(record.id)
    assert seizures.count() == 0
    assert [entry.action for entry in seizures.history(record.id)] == ["xoa", "sua", "sua", "tao"]


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"person_id": None},
            ["Chưa chọn người chịu trách nhiệm; nếu không tìm được chủ, đánh dấu “Vô chủ”."],
        ),
        (
            {"ownerless": True},
            [
                "Đã đánh dấu vô chủ thì không chọn người chịu trách nhiệm.",
                "Vụ vô chủ không có người để xử phạt hành chính; hãy chọn cách xử lý khác.",
            ],
        ),
        (
            {"opium_plants": 0},
            ["Chưa nhập số cây hoặc diện tích: cần ít nhất một cây hoặc một diện tích."],
        ),
        ({"opium_plants": -1}, ["Số cây thuốc phiện phải từ 0 đến 10.000.000 (đã nhập: -1)."]),
        ({"other_plants": 4}, ["Chưa ghi loại cây khác là cây gì."]),
        ({"other_plant_kind": "côca"}, ["Đã ghi loại cây “côca” nhưng số cây là 0."]),
        ({"area_m2": float("nan")}, ["Diện tích phải từ 0 đến 10.000.000 m²."]),
        ({"fine_vnd": None}, ["Chưa nhập số tiền phạt (đồng)."]),
        ({"fine_vnd": 0}, ["Số tiền phạt phải lớn hơn 0 đồng."]),
        (
            {"handling": PlantHandling.PROSECUTED.value},
            ["Chỉ ghi số tiền phạt khi xử phạt hành chính (đang chọn: Khởi tố)."],
        ),
        (
            {"handling": "tha"},
            ["Hình thức xử lý không hợp lệ (Xử phạt hành chính, Khởi tố, Chưa xử lý)."],
        ),
        ({"sub_area_id": None}, ["Chưa chọn địa bàn nơi phát hiện."]),
        ({"person_id": 999}, ["Đối tượng đã chọn không còn trong sổ."]),
        (
            {"seized_on": date(2026, 11, 24)},
            ["Ngày phát hiện (24/11/2026) ở sau ngày hôm nay (23/11/2026)."],
        ),
    ],
)
def test_refusals_write_nothing(
    services: Services, grower: int, changes: dict[str, object], messages: list[str]
) -> None:
    with expect_refusal(services, *messages):
        services.plant_seizures.add(fined(services, grower, **changes))


def test_an_area_alone_is_enough(services: Services) -> None:
    record = services.plant_seizures.add(ownerless(services, opium_plants=0, area_m2=35.5))
    assert (record.area_m2, record.opium_plants) == (35.5, 0)


def test_a_fine_outside_the_decree_range_is_a_warning_not_a_refusal(
    services: Services, grower: int
) -> None:
    seizures = services.plant_seizures
    assert seizures.fine_warnings(fined(services, grower)) == []
    high = fined(services, grower, fine_vnd=15_000_000)
    (warning,) = seizures.fine_warnings(high)
    assert warning.field == "fine_vnd"
    assert warning.message.startswith(
        "Số tiền phạt 15.000.000 đồng nằm ngoài khung phạt trồng cây có chứa chất ma túy áp "
        "dụng ngày 03/02/2026 (5.000.000–10.000.000 đồng)."
    )
    assert seizures.add(high).fine_vnd == 15_000_000
    # A newer decree in force from 01/07/2026 moves the range for later seizures only.
    services.legal.add_rule(RuleKey.FINE_PLANTS_MAX_VND, date(2026, 7, 1), 20_000_000, "NĐ mới")
    assert seizures.fine_warnings(replace(high, seized_on=date(2026, 7, 1))) == []
    assert seizures.fine_warnings(high) != []


def test_totals_of_a_period(services: Services, grower: int) -> None:
    seizures = services.plant_seizures
    other = services.persons.add(PersonInput("Vàng Thị Dợ", birth_year=1975)).id
    areas = area_ids(services)
    seizures.add(fined(services, grower))  # 03/02, area 0
    seizures.add(fined(services, grower, seized_on=date(2026, 2, 20), fine_vnd=6_000_000))
    seizures.add(
        fined(
            services,
            other,
            seized_on=date(2026, 3, 1),
            sub_area_id=areas[2],
            handling=PlantHandling.PROSECUTED.value,
            fine_vnd=None,
            opium_plants=760,
            cannabis_plants=2,
            expert_exam=True,
        )
    )
    seizures.add(ownerless(services))  # 10/03, area 1: 202 plants, 120,5 m²
    seizures.add(ownerless(services, seized_on=date(2026, 3, 12), area_m2=0.25))
    seizures.add(fined(services, grower, seized_on=date(2025, 12, 1)))  # before the period

    totals = seizures.totals(date(2025, 12, 15), date(2026, 5, 31))
    assert (totals.cases, totals.subjects, totals.ownerless_cases) == (5, 2, 2)
    assert (totals.opium_plants, totals.cannabis_plants, totals.other_plants) == (
        320 + 320 + 760 + 202 + 202,
        2,
        0,
    )
    assert totals.plants == 1806
    assert totals.area_m2 == 120.75
    assert (totals.fined_cases, totals.fines_vnd) == (2, 13_500_000)
    assert (totals.prosecuted_cases, totals.expert_exams) == (1, 1)
    assert (totals.sub_areas_with_seizures, totals.sub_areas_total) == (3, 4)
    everything = seizures.totals(None, None)
    assert (everything.cases, everything.fines_vnd) == (6, 21_000_000)
    empty = seizures.totals(date(2020, 1, 1), date(2020, 12, 31))
    assert (empty.cases, empty.subjects, empty.area_m2, empty.sub_areas_with_seizures) == (
        0,
        0,
        0.0,
        0,
    )


def test_listing_filters_sorts_and_totals_what_it_shows(services: Services, grower: int) -> None:
    seizures = services.plant_seizures
    first = seizures.add(fined(services, grower))
    second = seizures.add(ownerless(services))
    third = seizures.add(
        fined(
            services, grower, seized_on=date(2026, 4, 2), place="Vườn sau nhà", fine_vnd=9_000_000
        )
    )

    def ids(**criteria: object) -> list[int]:
        return seizures.ordered_ids(PlantSeizureCriteria(**criteria))  # type: ignore[arg-type]

    assert ids() == [third.id, second.id, first.id]  # newest first
    assert ids(text="phin ho") == [second.id]  # the place, without accents
    assert ids(text="sung chu") == [third.id, first.id]  # the person's name
    assert ids(text="vuon sung") == [third.id]
    assert ids(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)) == [second.id]
    assert ids(handling=PlantHandling.FINED.value) == [third.id, first.id]
    assert ids(sub_area_id=area_ids(services)[1]) == [second.id]
    assert ids(sort=SeizureSort.FINE.value, descending=False) == [first.id, third.id, second.id]
    assert ids(sort=SeizureSort.PERSON.value, descending=False) == [
        first.id,
        third.id,
        second.id,
    ]
    rows = seizures.rows([second.id], PlantSeizureCriteria())
    assert rows[second.id].ownerless and rows[second.id].person_name == ""
    totals = seizures.totals_for(PlantSeizureCriteria(text="sung"))
    assert (totals.cases, totals.fines_vnd) == (2, 16_500_000)


@pytest.mark.parametrize(
    ("text", "value"),
    [("120,5", 120.5), ("120.5", 120.5), ("1.250,75", 1250.75), ("", 0.0), (" 7 ", 7.0)],
)
def test_area_is_read_with_a_comma_or_a_point(text: str, value: float) -> None:
    assert parse_decimal(text, "Diện tích") == value


@pytest.mark.parametrize(("text", "value"), [("5.000.000", 5_000_000), ("7500000", 7_500_000)])
def test_money_is_read_with_or_without_thousands(text: str, value: int) -> None:
    assert parse_money(text, "Tiền phạt") == value


def test_bad_numbers_are_explained() -> None:
    with pytest.raises(NumberTextError, match="Diện tích “12a” không phải là số"):
        parse_decimal("12a", "Diện tích")
    with pytest.raises(NumberTextError, match="phải là số tiền nguyên"):
        parse_money("7,5 triệu", "Tiền phạt")


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert (format_count(7), format_count(1402), format_decimal(120.5)) == ("07", "1.402", "120,5")
