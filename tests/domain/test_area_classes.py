"""The QĐ 28/2025 classification: every threshold edge, the drug-free test, the reasons.

The thresholds are the decision's (as migration 0003 stores them). Populations of 10 000
make one person 0,01%, so that each edge is a whole number of persons.
"""

import json
from dataclasses import replace
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.area_classes import (
    AreaClass,
    AreaFigures,
    CriterionKey,
    CriterionResult,
    Thresholds,
    classify,
    criteria_of,
    is_drug_free,
    to_json,
)
from pcmt_desktop.services.legal import MissingRuleError, RuleBook, RuleKey, RuleValue

DECISION = Thresholds(
    persons_i_per_10k=50,
    persons_ii_per_10k=10,
    places_i=2,
    places_ii=1,
    arrests_i_per_10k=10,
    arrests_ii_per_10k=5,
    plants_i=3000,
    plants_ii=500,
    plant_m2_i=750,
    plant_m2_ii=125,
    min_criteria_i=3,
    min_criteria_ii=3,
)
TYPE_1, TYPE_2, TYPE_3, FREE = (
    AreaClass.TYPE_I,
    AreaClass.TYPE_II,
    AreaClass.TYPE_III,
    AreaClass.DRUG_FREE,
)


def area(**changes: Any) -> AreaFigures:
    """An area of 10 000 residents, off any key route, with nothing in the registries."""
    return replace(AreaFigures("Thôn Khe Mây", 10_000, False), **changes)


def criterion(figures: AreaFigures, key: CriterionKey) -> CriterionResult:
    return next(c for c in criteria_of(figures, DECISION) if c.key is key)


def level(figures: AreaFigures, key: CriterionKey) -> AreaClass | None:
    return criterion(figures, key).level


# --- each criterion at its edges --------------------------------------------------------------
@pytest.mark.parametrize(
    ("persons", "expected"),
    [(0, None), (1, TYPE_3), (9, TYPE_3), (10, TYPE_2), (49, TYPE_2), (50, TYPE_1), (400, TYPE_1)],
)
def test_persons_rate_edges_at_0_1_and_0_5_percent(persons: int, expected: AreaClass) -> None:
    assert level(area(persons=persons), CriterionKey.PERSONS_RATE) is expected


@pytest.mark.parametrize(
    ("offenders", "expected"),
    [(0, None), (1, TYPE_3), (4, TYPE_3), (5, TYPE_2), (9, TYPE_2), (10, TYPE_1)],
)
def test_arrest_rate_edges_at_0_05_and_0_1_percent(offenders: int, expected: AreaClass) -> None:
    assert level(area(offenders=offenders), CriterionKey.ARRESTS_RATE) is expected


def test_rates_are_compared_exactly_on_populations_that_do_not_divide() -> None:
    # 7 / 7 000 is exactly 0,1%; 6 / 6 001 just under it.
    assert level(area(population=7_000, persons=7), CriterionKey.PERSONS_RATE) is TYPE_2
    assert level(area(population=6_001, persons=6), CriterionKey.PERSONS_RATE) is TYPE_3
    assert level(area(population=3_000, persons=15), CriterionKey.PERSONS_RATE) is TYPE_1


@pytest.mark.parametrize(("places", "expected"), [(0, None), (1, TYPE_2), (2, TYPE_1), (7, TYPE_1)])
def test_places_one_is_type_ii_two_is_type_i(places: int, expected: AreaClass) -> None:
    assert level(area(harbouring_places=places), CriterionKey.PLACES) is expected


@pytest.mark.parametrize(
    ("plants", "m2", "expected"),
    [
        (0, 0.0, None),
        (1, 0.0, TYPE_3),
        (499, 124.9, TYPE_3),
        (500, 0.0, TYPE_2),
        (0, 125.0, TYPE_2),
        (2999, 749.9, TYPE_2),
        (3000, 0.0, TYPE_1),
        (0, 750.0, TYPE_1),
        (10, 750.0, TYPE_1),
        (0, 0.5, TYPE_3),
    ],
)
def test_plants_edges_at_500_3000_plants_or_125_750_m2(
    plants: int, m2: float, expected: AreaClass
) -> None:
    assert level(area(plants=plants, plant_m2=m2), CriterionKey.PLANTS) is expected


# --- classes ----------------------------------------------------------------------------------
def test_three_type_i_criteria_make_type_i_two_do_not() -> None:
    two = area(persons=50, harbouring_places=2)
    assert classify(two, DECISION).proposed is TYPE_3
    three = replace(two, plants=3000)
    proposal = classify(three, DECISION)
    assert proposal.proposed is TYPE_1
    assert proposal.reasons[-1] == (
        "Đạt 3/5 tiêu chí loại I (cần từ 03 tiêu chí): tỷ lệ người nghiện, sử dụng có hồ sơ "
        "0,5% (50 người); điểm tổ chức, chứa chấp 02 điểm; cây có chứa chất ma túy bị triệt "
        "phá 3.000 cây / 0 m²."
    )


def test_type_ii_needs_three_criteria_of_type_ii_or_graver() -> None:
    assert classify(area(persons=10, harbouring_places=1), DECISION).proposed is TYPE_3
    proposal = classify(area(persons=10, harbouring_places=1, offenders=5), DECISION)
    assert proposal.proposed is TYPE_2
    assert proposal.reasons[1:] == [
        "Chưa đạt loại I: đạt 0 tiêu chí, cần từ 03 tiêu chí.",
        "Đạt 3/5 tiêu chí loại II (cần từ 03 tiêu chí): tỷ lệ người nghiện, sử dụng có hồ sơ "
        "0,1% (10 người); điểm tổ chức, chứa chấp 01 điểm; tỷ lệ người phạm tội bị bắt "
        "0,05% (05 đối tượng).",
    ]


def test_a_figure_graver_than_the_band_still_counts_for_the_milder_type() -> None:
    # Two type-I figures and one type-II: not type I, but surely type II (QĐ 28: "trở lên").
    figures = area(persons=60, harbouring_places=2, offenders=5)
    assert classify(figures, DECISION).proposed is TYPE_2


def test_key_route_criterion_of_type_i_needs_the_route_and_two_type_ii_criteria() -> None:
    off_route = area(persons=50, harbouring_places=2, offenders=5)
    on_route = replace(off_route, on_key_route=True)
    assert level(off_route, CriterionKey.KEY_ROUTE) is None
    assert level(on_route, CriterionKey.KEY_ROUTE) is TYPE_1
    assert classify(off_route, DECISION).proposed is TYPE_2
    assert classify(on_route, DECISION).proposed is TYPE_1
    assert criterion(on_route, CriterionKey.KEY_ROUTE).figure_text == (
        "Trên tuyến trọng điểm; 03 tiêu chí loại II trở lên, 03 tiêu chí loại III trở lên"
    )


def test_key_route_criterion_turns_two_type_ii_criteria_into_type_ii() -> None:
    # Rate II, one place (II), arrests III: two type-II criteria; (đ) makes the third.
    off_route = area(persons=10, harbouring_places=1, offenders=1)
    on_route = replace(off_route, on_key_route=True)
    assert classify(off_route, DECISION).proposed is TYPE_3
    assert level(on_route, CriterionKey.KEY_ROUTE) is TYPE_1  # two of type II or graver
    assert classify(on_route, DECISION).proposed is TYPE_2


def test_key_route_criterion_at_type_ii_needs_two_criteria_of_type_iii_or_graver() -> None:
    one_type_ii = area(persons=10, offenders=1, on_key_route=True)
    assert level(one_type_ii, CriterionKey.KEY_ROUTE) is TYPE_2
    assert classify(one_type_ii, DECISION).proposed is TYPE_3  # rate and (đ): two of three
    lone = area(persons=10, on_key_route=True)
    assert level(lone, CriterionKey.KEY_ROUTE) is None


def test_type_iii_needs_a_figure_above_zero() -> None:
    assert classify(area(persons=1), DECISION).proposed is TYPE_3
    assert classify(area(plant_m2=3.5, lawbreakers=1), DECISION).proposed is TYPE_3
    assert classify(area(harbouring_places=1), DECISION).proposed is TYPE_3
    proposal = classify(area(lawbreakers=2), DECISION)
    assert proposal.proposed is None
    assert [c.level for c in proposal.criteria] == [None] * 5
    assert proposal.reasons[0] == (
        "Chưa đủ điều kiện địa bàn không ma túy, còn: 02 người vi phạm pháp luật về ma túy "
        "trong kỳ."
    )
    assert proposal.reasons[-1].startswith("Không đạt tiêu chí nào của loại III")


def test_a_wanted_offender_alone_keeps_the_area_from_drug_free_but_gives_no_type() -> None:
    proposal = classify(area(wanted=1), DECISION)
    assert proposal.proposed is None
    assert "01 đối tượng truy nã về ma túy lẩn trốn" in proposal.reasons[0]


def test_missing_population_gives_no_proposal_and_says_why() -> None:
    for population in (None, 0):
        proposal = classify(area(population=population, persons=3, plants=4000), DECISION)
        assert proposal.proposed is None
        assert proposal.reasons[-1].startswith("Chưa có số nhân khẩu")
        rate = criterion(area(population=population, persons=3), CriterionKey.PERSONS_RATE)
        assert (rate.level, rate.figure_text) == (None, "Chưa có số nhân khẩu (03 người)")


# --- drug-free --------------------------------------------------------------------------------
def test_nothing_in_the_registries_is_drug_free() -> None:
    proposal = classify(area(), DECISION)
    assert proposal.proposed is FREE
    assert proposal.reasons == [
        "Đủ điều kiện địa bàn không ma túy: không có người nghiện, người sử dụng trái phép chất "
        "ma túy có hồ sơ quản lý, không có người vi phạm pháp luật về ma túy, không có đối "
        "tượng truy nã về ma túy lẩn trốn, không có điểm tổ chức, chứa chấp sử dụng trái phép "
        "chất ma túy."
    ]


def test_persons_all_excepted_are_still_drug_free_even_without_population() -> None:
    for population in (10_000, None):
        proposal = classify(area(population=population, persons=3, persons_excepted=3), DECISION)
        assert proposal.proposed is FREE
        assert proposal.reasons[-1] == (
            "03 người nghiện, sử dụng đang điều trị thay thế thuộc trường hợp loại trừ."
        )


def test_one_person_not_excepted_makes_it_type_iii() -> None:
    figures = area(persons=3, persons_excepted=2)
    assert not is_drug_free(figures)
    proposal = classify(figures, DECISION)
    assert proposal.proposed is TYPE_3
    assert proposal.reasons[0] == (
        "Chưa đủ điều kiện địa bàn không ma túy, còn: 01 người nghiện, sử dụng trái phép chất "
        "ma túy có hồ sơ quản lý (không thuộc trường hợp loại trừ)."
    )


def test_plants_found_with_nobody_to_blame_do_not_break_drug_free() -> None:
    # DOMAIN.md lists four obstacles only (persons, lawbreakers, wanted, places).
    assert classify(area(plants=4000, plant_m2=900), DECISION).proposed is FREE


@pytest.mark.parametrize(
    "changes",
    [{"lawbreakers": 1}, {"wanted": 1}, {"harbouring_places": 1}, {"persons": 1}],
)
def test_each_obstacle_alone_breaks_drug_free(changes: dict[str, int]) -> None:
    assert is_drug_free(area())
    assert not is_drug_free(area(**changes))
    assert classify(area(**changes), DECISION).proposed is not FREE


# --- how figures are written ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("people", "population", "text"),
    [
        (42, 10_000, "0,42% (42 người)"),
        (4_999, 1_000_000, "0,49% (4.999 người)"),  # floored: it does not reach 0,5%
        (1, 20_000, "dưới 0,01% (01 người)"),
        (0, 10_000, "0%"),
        (5, 1_000, "0,5% (05 người)"),
    ],
)
def test_rate_text(people: int, population: int, text: str) -> None:
    figures = area(persons=people, population=population)
    assert criterion(figures, CriterionKey.PERSONS_RATE).figure_text == text


def test_places_plants_and_thresholds_text() -> None:
    figures = area(harbouring_places=2, plants=3150, plant_m2=800)
    assert criterion(figures, CriterionKey.PLACES).figure_text == "02 điểm"
    assert criterion(figures, CriterionKey.PLANTS).figure_text == "3.150 cây / 800 m²"
    assert criterion(figures, CriterionKey.PERSONS_RATE).threshold_text == (
        "Loại I: từ 0,5%; loại II: từ 0,1% đến dưới 0,5%; loại III: dưới 0,1%"
    )
    assert criterion(figures, CriterionKey.ARRESTS_RATE).threshold_text == (
        "Loại I: từ 0,1%; loại II: từ 0,05% đến dưới 0,1%; loại III: dưới 0,05%"
    )
    assert criterion(figures, CriterionKey.PLACES).threshold_text == (
        "Loại I: từ 02 điểm; loại II: 01 điểm"
    )
    assert criterion(figures, CriterionKey.KEY_ROUTE).figure_text == (
        "Không nằm trên tuyến trọng điểm"
    )


def test_to_json_has_the_shape_the_templates_read() -> None:
    figures = area(persons=31, harbouring_places=2, offenders=10, plants=3150, plant_m2=800)
    data = to_json(classify(figures, DECISION), figures)
    assert json.loads(json.dumps(data)) == data
    assert {key: data[key] for key in ("name", "is_office", "population", "on_key_route")} == {
        "name": "Thôn Khe Mây",
        "is_office": False,
        "population": 10_000,
        "on_key_route": False,
    }
    assert (data["proposed"], data["proposed_label"]) == ("loai_1", "Loại I")
    assert [c["key"] for c in data["criteria"]] == [
        "persons_rate",
        "places",
        "arrests_rate",
        "plants",
        "key_route",
    ]
    assert data["criteria"][0] == {
        "key": "persons_rate",
        "label": CriterionKey.PERSONS_RATE.label,
        "figure_text": "0,31% (31 người)",
        "threshold_text": "Loại I: từ 0,5%; loại II: từ 0,1% đến dưới 0,5%; loại III: dưới 0,1%",
        "level": "loai_2",
        "level_label": "Loại II",
    }
    assert data["criteria"][4]["level"] is None
    assert data["reasons"][-1].startswith("Đạt 3/5 tiêu chí loại I")
    unproposed = to_json(classify(area(population=None, persons=1), DECISION), area())
    assert (unproposed["proposed"], unproposed["proposed_label"]) == (None, "Chưa đề xuất")


def test_labels_of_the_classes() -> None:
    assert [c.label for c in AreaClass] == [
        "Không có tệ nạn ma túy",
        "Loại I",
        "Loại II",
        "Loại III",
    ]


# --- thresholds from the legal rules ----------------------------------------------------------
IN_FORCE = date(2025, 8, 24)
DECISION_ROWS = {
    RuleKey.AREA_I_PERSONS_PER_10K: 50,
    RuleKey.AREA_II_PERSONS_PER_10K: 10,
    RuleKey.AREA_I_PLACES: 2,
    RuleKey.AREA_II_PLACES: 1,
    RuleKey.AREA_I_ARRESTS_PER_10K: 10,
    RuleKey.AREA_II_ARRESTS_PER_10K: 5,
    RuleKey.AREA_I_PLANTS: 3000,
    RuleKey.AREA_II_PLANTS: 500,
    RuleKey.AREA_I_PLANT_M2: 750,
    RuleKey.AREA_II_PLANT_M2: 125,
    RuleKey.AREA_I_MIN_CRITERIA: 3,
    RuleKey.AREA_II_MIN_CRITERIA: 3,
}


def test_thresholds_are_read_from_the_rules_in_force_on_the_day() -> None:
    rows = [RuleValue(key, IN_FORCE, value, "QĐ 28") for key, value in DECISION_ROWS.items()]
    later = RuleValue(RuleKey.AREA_I_PLANTS, date(2027, 1, 1), 2500, "Một quyết định mới")
    book = RuleBook([*rows, later])
    assert Thresholds.from_rules(book, IN_FORCE) == DECISION
    assert Thresholds.from_rules(book, date(2027, 1, 1)) == replace(DECISION, plants_i=2500)
    with pytest.raises(MissingRuleError):
        Thresholds.from_rules(book, date(2025, 8, 23))


# --- properties -------------------------------------------------------------------------------
def rank(proposed: AreaClass | None) -> int:
    """Drug-free and "no class" (nothing measured) rank lowest; type I highest."""
    return 0 if proposed is None else proposed.severity


@st.composite
def areas(draw: st.DrawFn) -> AreaFigures:
    persons = draw(st.integers(0, 120))
    return AreaFigures(
        name="Thôn Khe Mây",
        population=draw(st.integers(1, 30_000)),
        on_key_route=draw(st.booleans()),
        persons=persons,
        persons_excepted=draw(st.integers(0, persons)),
        harbouring_places=draw(st.integers(0, 3)),
        offenders=draw(st.integers(0, 40)),
        plants=draw(st.integers(0, 4_000)),
        plant_m2=draw(st.sampled_from([0.0, 0.5, 124.9, 125.0, 749.5, 750.0, 1000.0])),
        lawbreakers=draw(st.integers(0, 3)),
        wanted=draw(st.integers(0, 1)),
    )


@st.composite
def graver(draw: st.DrawFn, figures: AreaFigures) -> AreaFigures:
    """The same area with some figures raised (never lowered) and perhaps on a key route."""
    return replace(
        figures,
        persons=figures.persons + draw(st.integers(0, 60)),
        harbouring_places=figures.harbouring_places + draw(st.integers(0, 2)),
        offenders=figures.offenders + draw(st.integers(0, 20)),
        plants=figures.plants + draw(st.integers(0, 3_000)),
        plant_m2=figures.plant_m2 + draw(st.sampled_from([0.0, 1.0, 125.0, 750.0])),
        on_key_route=figures.on_key_route or draw(st.booleans()),
    )


@given(st.data())
def test_raising_any_figure_never_makes_the_class_milder(data: st.DataObject) -> None:
    before = data.draw(areas())
    after = data.draw(graver(before))
    assert rank(classify(after, DECISION).proposed) >= rank(classify(before, DECISION).proposed)


@given(areas(), st.integers(0, 30_000))
def test_more_residents_never_make_the_class_graver(figures: AreaFigures, more: int) -> None:
    bigger = replace(figures, population=(figures.population or 0) + more)
    assert rank(classify(bigger, DECISION).proposed) <= rank(classify(figures, DECISION).proposed)


@given(areas())
def test_zero_counts_never_give_a_type(figures: AreaFigures) -> None:
    nothing = replace(figures, persons=0, persons_excepted=0, harbouring_places=0, offenders=0)
    nothing = replace(nothing, plants=0, plant_m2=0.0)
    assert classify(nothing, DECISION).proposed in (FREE, None)


@given(areas())
def test_drug_free_is_proposed_exactly_when_nothing_stands_in_the_way(
    figures: AreaFigures,
) -> None:
    assert (classify(figures, DECISION).proposed is FREE) == is_drug_free(figures)


@given(areas())
def test_rate_levels_match_exact_fractions(figures: AreaFigures) -> None:
    assert figures.population is not None
    rate = Fraction(figures.persons, figures.population)
    expected = (
        None
        if rate == 0
        else TYPE_1
        if rate >= Fraction(50, 10_000)
        else TYPE_2
        if rate >= Fraction(10, 10_000)
        else TYPE_3
    )
    assert level(figures, CriterionKey.PERSONS_RATE) is expected


@given(areas())
def test_the_written_rate_never_reads_past_a_threshold_it_does_not_reach(
    figures: AreaFigures,
) -> None:
    assert figures.population is not None
    text = criterion(figures, CriterionKey.PERSONS_RATE).figure_text
    if figures.persons == 0 or text.startswith("dưới"):
        return
    shown = Fraction(text.split("%")[0].replace(".", "").replace(",", "."))
    actual = Fraction(figures.persons * 100, figures.population)
    for threshold in (Fraction(1, 10), Fraction(1, 2)):
        assert (shown >= threshold) == (actual >= threshold)


@given(areas())
def test_off_a_key_route_criterion_d_never_counts(figures: AreaFigures) -> None:
    off_route = replace(figures, on_key_route=False)
    assert level(off_route, CriterionKey.KEY_ROUTE) is None


@given(areas())
def test_a_proposed_type_has_its_criteria_and_no_graver_type_has(figures: AreaFigures) -> None:
    proposal = classify(figures, DECISION)
    if proposal.proposed not in (TYPE_1, TYPE_2, TYPE_3):
        return
    assert proposal.proposed is not None

    def met(area_class: AreaClass) -> int:
        return sum(
            c.reaches(area_class)
            for c in proposal.criteria
            if area_class is not TYPE_3 or c.key is not CriterionKey.KEY_ROUTE
        )

    assert met(proposal.proposed) >= DECISION.min_criteria(proposal.proposed)
    for graver_class in (TYPE_1, TYPE_2):
        if graver_class.severity > proposal.proposed.severity:
            assert met(graver_class) < DECISION.min_criteria(graver_class)
