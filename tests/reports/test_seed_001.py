"""Seed 001 (a campaign phase, 15/10 – 12/11/2024): the figures equal the seed's numbers.

The scenario (seed_scenarios/seed_001.py) puts the phase's situation into a real database
through the services; compute_figures must give back every count the seed's officers
counted by hand. Where the seed contradicts itself, the test says which reading the
program follows and shows it with an assertion.
"""

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from pcmt_desktop.domain.vocabulary import MOVE_END_REASON, ManagementList
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.services.drug_tests import POSITIVE_START_REASON
from tests.reports.seed_scenarios import seed_001
from tests.reports.seed_scenarios.builder import Scenario, scenario_database
from tests.reports.seed_scenarios.documents import docx_text
from tests.reports.seed_scenarios.seed_001 import (
    DATE_FROM,
    DATE_TO,
    DUPLICATE,
    FOUND_ADDICTED,
    FOUND_BY_REVIEW,
    FROM_SUSPECTED_USERS,
    LEFT,
    ON_METHADONE,
    TERM_OVER,
)

Figures = dict[str, Any]
Counts = tuple[int, int, int, int]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Scenario, seed_001.Built]]:
    path = tmp_path_factory.mktemp("seed_001") / "pcmt.sqlite3"
    areas = [(name, seed_001.POPULATION) for name in seed_001.SUB_AREAS]
    with scenario_database(path, areas) as scenario:
        yield scenario, seed_001.build(scenario)


@pytest.fixture(scope="module")
def figures(seeded: tuple[Scenario, seed_001.Built]) -> Figures:
    scenario, _ = seeded
    return compute_figures(scenario.services.context, DATE_FROM, DATE_TO)


def four(block: Mapping[str, Any]) -> Counts:
    return block["before"], block["added"], block["removed"], block["after"]


def by_sub_area(block: Mapping[str, Any]) -> dict[str, Counts]:
    """Per sub-area (before, added, removed, after), leaving out sub-areas with nothing."""
    return {row["sub_area"]: four(row) for row in block["by_sub_area"] if any(four(row))}


def counts_by_sub_area(rows: list[Mapping[str, Any]], key: str = "count") -> dict[str, int]:
    return {row["sub_area"]: row[key] for row in rows if row[key]}


# --- II.1 – II.6: the lists ----------------------------------------------------------------
def test_suspected_users_450_before_394_added_279_removed_565_now(figures: Figures) -> None:
    block = figures["lists"][ManagementList.SUSPECTED_USER]
    assert four(block) == (450, 394, 279, 565)
    assert block["added_by_reason"] == {FOUND_BY_REVIEW: 394}
    # "Thanh loại 279 (trong đó có 41 chuyển sang người sử dụng, 238 đi khỏi địa phương)".
    assert block["removed_by_reason"] == {MOVE_END_REASON: 41, LEFT: 238}
    assert block["removed_to_list"] == {ManagementList.USER.value: 41}
    expected = {
        name: (before, added, moved + left, before + added - moved - left)
        for name, (before, added, moved, left) in seed_001.SUSPECTED_USERS.items()
    }
    assert by_sub_area(block) == expected


def test_users_17_before_41_moved_in_13_term_over_45_now(figures: Figures) -> None:
    block = figures["lists"][ManagementList.USER]
    assert four(block) == (17, 41, 13, 45)
    # "Bổ sung 41 người (test dương tính với ma túy, chuyển từ danh sách nghi sử dụng…)":
    # each was moved by the positive test itself.
    assert block["added_by_reason"] == {POSITIVE_START_REASON: 41}
    assert block["added_from_list"] == {ManagementList.SUSPECTED_USER.value: 41}
    assert block["removed_by_reason"] == {TERM_OVER: 13}
    moved = {name: row[2] for name, row in seed_001.SUSPECTED_USERS.items()}
    users = dict(seed_001.USERS)
    for name, (before, over) in users.items():
        assert by_sub_area(block)[name] == (
            before,
            moved[name],
            over,
            before + moved[name] - over,
        )


def test_suspected_addicts_7_before_6_added_7_duplicates_removed_6_now(figures: Figures) -> None:
    block = figures["lists"][ManagementList.SUSPECTED_ADDICT]
    assert four(block) == (7, 6, 7, 6)
    assert block["removed_by_reason"] == {DUPLICATE: 7}
    # The seed contradicts itself: the six added are "chuyển từ danh sách nghi sử dụng
    # sang", yet the suspected users' 279 removals are 41 moved to users + 238 gone, with
    # none to suspected addicts. Both lists' own sums hold only if the six did NOT leave
    # the suspected-user list, so we follow the lists' sums: the six carry the seed's
    # reason as recorded text, and no move between the two lists exists.
    suspected_users = figures["lists"][ManagementList.SUSPECTED_USER]
    assert block["added_by_reason"] == {FROM_SUSPECTED_USERS: 6}
    assert block["added_from_list"] == {}
    assert ManagementList.SUSPECTED_ADDICT.value not in suspected_users["removed_to_list"]
    assert 450 + 394 - (279 + 6) != 565  # the other reading breaks the suspected users' sum


def test_the_seven_duplicates_are_found_by_the_duplicate_check(
    seeded: tuple[Scenario, seed_001.Built],
) -> None:
    # "Thanh loại 07 (do trùng với danh sách người sử dụng)": each removed suspected addict
    # is a user typed in again; the program's duplicate check finds all seven pairs.
    scenario, _ = seeded
    groups = scenario.services.duplicates.groups()
    assert len(groups) == 7
    assert all(len(group.members) == 2 for group in groups)


def test_addicts_91_before_23_added_114_now_with_community_and_facility(
    figures: Figures,
) -> None:
    block = figures["lists"][ManagementList.ADDICT]
    assert four(block) == (91, 23, 0, 114)
    # "Bổ sung 23 người (trong đó 01 xác định tình trạng nghiện, 22 trường hợp uống methadone)".
    assert block["added_by_reason"] == {FOUND_ADDICTED: 1, ON_METHADONE: 22}
    assert figures["addicts_location"] == {
        "before": {"community": 56, "facility": 35},
        "after": {"community": 79, "facility": 35},
    }


def test_post_rehab_12_before_4_term_over_8_now(figures: Figures) -> None:
    block = figures["lists"][ManagementList.POST_REHAB]
    assert four(block) == (12, 0, 4, 8)
    assert block["removed_by_reason"] == {TERM_OVER: 4}


def test_substitution_treatment_52_before_23_new_75_now(figures: Figures) -> None:
    assert four(figures["substitution_treatment"]) == (52, 23, 0, 75)


def test_every_list_adds_up_in_total_and_per_sub_area(figures: Figures) -> None:
    for block in figures["lists"].values():
        before, added, removed, after = four(block)
        assert before + added - removed == after
        for row in block["by_sub_area"]:
            assert row["before"] + row["added"] - row["removed"] == row["after"]


def test_custody_counts_08_as_the_seed_totals_it(figures: Figures) -> None:
    # The seed says "08 (… 01, … 07, … 5 nhưng không báo cáo ngày)" and, just below, three
    # communes with 12, 02 and 08 persons "trước thời điểm rà soát". Those lines add to 22,
    # not 08; we follow the stated total: 01 in one sub-area, 07 in another.
    custody = figures["custody"]
    assert four(custody) == (8, 0, 0, 8)
    assert counts_by_sub_area(custody["by_sub_area"], "after") == seed_001.CUSTODY
    assert custody["after"] != 12 + 2 + 8


# --- II.9: CNBB dossiers ---------------------------------------------------------------------
def test_five_cnbb_dossiers_made_in_the_phase_with_their_persons(
    figures: Figures, seeded: tuple[Scenario, seed_001.Built]
) -> None:
    _, built = seeded
    cnbb = figures["cnbb"]
    assert cnbb["created"] == 5
    assert sorted(person["full_name"] for person in cnbb["created_persons"]) == sorted(
        built.dossier_persons
    )
    assert all(person["birth_year"] for person in cnbb["created_persons"])


# --- II.10: surveillance -------------------------------------------------------------------
def test_surveillance_per_list_with_categories_and_classes(figures: Figures) -> None:
    by_list = figures["surveillance"]["by_list"]

    def summary(key: ManagementList) -> tuple[int, dict[str, int], dict[str, int]]:
        block = by_list[key.value]
        return block["total"], block["categories"], block["classes"]

    assert summary(ManagementList.ADDICT) == (14, {"DM1": 10, "DM2": 0, "DM3": 4}, {"A": 8, "B": 6})
    assert summary(ManagementList.USER) == (9, {"DM1": 3, "DM2": 1, "DM3": 5}, {"A": 2, "B": 7})
    assert summary(ManagementList.POST_REHAB) == (
        2,
        {"DM1": 1, "DM2": 1, "DM3": 0},
        {"A": 2, "B": 0},
    )
    assert summary(ManagementList.SUSPECTED_ADDICT) == (
        3,
        {"DM1": 1, "DM2": 0, "DM3": 2},
        {"A": 0, "B": 3},
    )
    assert summary(ManagementList.SUSPECTED_USER) == (
        54,
        {"DM1": 28, "DM2": 3, "DM3": 23},
        {"A": 26, "B": 28},
    )
    assert by_list["khac"]["total"] == 0


def test_surveillance_total_is_82_where_the_seed_says_79(figures: Figures) -> None:
    # The seed's headline: "tổng số 79 đối tượng thuộc diện ST"; its per-list lines give
    # 14 + 09 + 02 + 03 + 54 = 82, each internally consistent (categories and classes add
    # up). We follow the lines: the registry holds 82 open files. The seed's 79 is the
    # total without the suspected addicts' 03 files.
    surveillance = figures["surveillance"]
    assert surveillance["total"] == 82
    without_suspected_addicts = (
        surveillance["total"] - surveillance["by_list"][ManagementList.SUSPECTED_ADDICT]["total"]
    )
    assert without_suspected_addicts == 79


def test_surveillance_per_sub_area_as_the_seed_lists_them(figures: Figures) -> None:
    by_list = figures["surveillance"]["by_list"]
    openings = seed_001.SURVEILLANCE_OPENINGS
    for key, (table, _) in seed_001.SURVEILLANCE.items():
        expected = dict(table)
        if key is ManagementList.SUSPECTED_USER:  # the older files and the phase's openings
            both = {k: table.get(k, 0) + openings.get(k, 0) for k in seed_001.SUB_AREAS}
            expected = {k: v for k, v in both.items() if v}
        assert counts_by_sub_area(by_list[key.value]["by_sub_area"]) == expected
    # The seed's per-commune counts, as numbers (the names are the seed's, not ours).
    shapes = {
        ManagementList.ADDICT: [2, 4, 1, 1, 1, 1, 1, 1, 2],
        ManagementList.USER: [1, 2, 1, 1, 1, 1, 1, 1],
        ManagementList.POST_REHAB: [1, 1],
    }
    for key, counts in shapes.items():
        per_area = counts_by_sub_area(by_list[key.value]["by_sub_area"])
        assert sorted(per_area.values()) == sorted(counts)
    # Suspected addicts: "03 sưu tra" but four communes with 01 each. We follow the 03.
    suspected = counts_by_sub_area(by_list[ManagementList.SUSPECTED_ADDICT]["by_sub_area"])
    communes_the_seed_lists = 4
    assert sum(suspected.values()) == 3
    assert len(suspected) != communes_the_seed_lists


def test_seven_surveillance_files_opened_in_the_phase(figures: Figures) -> None:
    opened = figures["surveillance"]["opened"]
    assert opened["total"] == 7
    assert opened["categories"] == {"DM1": 0, "DM2": 0, "DM3": 7}
    assert opened["classes"] == {"A": 0, "B": 7}
    assert counts_by_sub_area(opened["by_sub_area"]) == seed_001.SURVEILLANCE_OPENINGS
    assert sorted(seed_001.SURVEILLANCE_OPENINGS.values()) == sorted([1, 2, 1, 1, 2])


# --- II.11: hotspots and retail sellers ------------------------------------------------------
def test_hotspots_and_sellers_at_the_end_of_the_phase(
    figures: Figures, seeded: tuple[Scenario, seed_001.Built]
) -> None:
    _, built = seeded
    hotspots = figures["hotspots"]
    assert (
        hotspots["complex_business"],
        hotspots["complex_other"],
        hotspots["risk_business"],
        hotspots["risk_other"],
        hotspots["retail_sellers"],
    ) == (1, 1, 13, 0, 9)
    points = {point["name"]: point for point in hotspots["complex_points"]}
    assert set(points) == set(built.complex_points)
    assert points[seed_001.COMPLEX_IN_BUSINESS[0]]["in_business"] is True
    assert points[seed_001.COMPLEX_OUTSIDE[0]]["in_business"] is False
    # "Thời gian đấu tranh là 3 tháng (Kể từ ngày đưa vào là 08/11/2024)".
    for point in points.values():
        assert (point["entered_on"], point["fight_months"], point["fight_until"]) == (
            "2024-11-08",
            3,
            "2025-02-08",
        )
    assert hotspots["entered"] == 2  # the two complex points; the risk points are older
    assert sorted(seller["full_name"] for seller in hotspots["sellers"]) == sorted(built.sellers)
    years = [seller["birth_year"] for seller in hotspots["sellers"]]
    assert sum(year is not None for year in years) == 4  # the seed gives four birth years


# --- IV: tests --------------------------------------------------------------------------------
def test_351_persons_tested_53_positive_15_1_percent(figures: Figures) -> None:
    tests = figures["tests"]
    assert (tests["tested"], tests["positive"], tests["positive_rate"]) == (351, 53, 15.1)
    assert tests["by_substance"]["methamphetamine"] == 41
    assert tests["by_substance"]["heroin"] == 12


def test_the_seven_lowest_rates_by_sub_area(figures: Figures) -> None:
    # "tỉ lệ phát hiện … còn thấp …: (0%), (0%), (3%), (4,2%), (5,6%), (5,9%), (9,1%)".
    rates = {row["sub_area"]: row for row in figures["tests"]["by_sub_area"]}
    for name, rate in seed_001.LOW_RATES.items():
        assert rates[name]["positive_rate"] == rate
        assert (rates[name]["tested"], rates[name]["positive"]) == seed_001.TESTS[name]
    lowest = sorted(rates.values(), key=lambda row: row["positive_rate"])[:7]
    assert {row["sub_area"] for row in lowest} == set(seed_001.LOW_RATES)


# --- Part 4: the targets of the next phase ---------------------------------------------------
def test_phase_two_targets_per_sub_area(figures: Figures) -> None:
    phases = {phase["name"]: phase for phase in figures["targets"]["phases"]}
    for phase in seed_001.TARGET_PHASES:
        listed = phases[phase.name]
        assert (listed["from"], listed["to"]) == (phase.start.isoformat(), phase.end.isoformat())
        targets = {(row["sub_area"], row["measure"]): row["target"] for row in listed["rows"]}
        assert targets == seed_001.all_target_values(phase)
    first = phases[seed_001.TARGET_PHASES[0].name]["rows"]
    totals: dict[str, float] = {}
    for row in first:
        totals[row["measure"]] = totals.get(row["measure"], 0) + row["target"]
    # Week one: CNBB 05, surveillance 04, cases 04 (seed part 4, 2.2).
    assert (totals["dossiers"], totals["surveillance_openings"], totals["cases"]) == (5, 4, 4)


# --- the rendered báo cáo ----------------------------------------------------------------------
def test_the_rendered_cao_diem_report_writes_the_seed_numbers(
    figures: Figures, tmp_path: Path
) -> None:
    from pcmt_desktop.reports.docx_context import build_context
    from pcmt_desktop.reports.docx_render import render_docx
    from pcmt_desktop.reports.template_catalog import builtin_template, template_path

    spec = builtin_template("cao-diem")
    out = tmp_path / "cao-diem.docx"
    render_docx(template_path("cao-diem"), build_context(figures, {}, spec), out)
    text = docx_text(out)
    for phrase in (
        # II.1 – II.6: each list before, now, added and removed.
        "91 người (ngoài cộng đồng 56, trong cơ sở cai nghiện bắt buộc 35)",
        "114 người (ngoài cộng đồng 79, trong cơ sở cai nghiện bắt buộc 35)",
        "17 người",
        "45 người",
        "Bổ sung 41 người",
        "thanh loại 13 người",
        "07 người",
        "06 người",
        "450 người",
        "565 người",
        "394 người",
        "279 người",
        "238 đi khỏi địa phương",
        "12 người",
        "08 người",
        "52 người",
        "75 người",
        # II.9, II.10, II.11, IV.
        "05 trường hợp",
        "54 đối tượng",
        "28 DM1, 03 DM2, 23 DM3",
        "10 DM1, 04 DM3",
        "07 DM3",
        "Karaoke Ánh Sao",
        "3 tháng kể từ ngày 08/11/2024",
        "351 đối tượng",
        "53 trường hợp",
        "15,1%",
        "(0%)",
        "(3%)",
        "(4,2%)",
    ):
        assert phrase in text, phrase
    assert "None" not in text
    assert "{{" not in text
