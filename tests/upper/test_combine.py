"""combine_figures is pure: counts add up, rates are recomputed, the balance still holds.

Hypothesis draws offices whose figures have the real object's shape and obey its rules
(before + added − removed = after per sub-area, totals the sums of their sub-areas, at most
as many positives as persons tested); whatever it draws, the combined object must pass
the same balance check the báo cáo renderers rely on, and its counts must be the sums.
"""

import copy
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.balance import FiguresUnbalancedError, check_balance
from pcmt_desktop.upper.combine import OfficesDisagreeError, combine_figures

Json = dict[str, Any]
FOUR = ("before", "added", "removed", "after")
LISTS = [item.value for item in ManagementList]
REASONS = ("Rà soát phát hiện mới", "Test dương tính", "Đi khỏi địa phương")
SAMPLE = Path(__file__).parents[1] / "reports" / "fixtures" / "figures_sample.json"
PERIOD = {"from": "2026-05-15", "to": "2026-11-14"}
COMPARE_PERIOD = {"from": "2025-05-15", "to": "2025-11-14"}

counts = st.integers(min_value=0, max_value=500)


@st.composite
def four_row(draw: st.DrawFn, sub_area: str) -> Json:
    before, added = draw(counts), draw(counts)
    removed = draw(st.integers(min_value=0, max_value=before + added))
    return {
        "sub_area": sub_area,
        "before": before,
        "added": added,
        "removed": removed,
        "after": before + added - removed,
    }


def split(draw: st.DrawFn, total: int, keys: tuple[str, ...]) -> dict[str, int]:
    """``total`` shared among ``keys`` (some may get nothing and be left out)."""
    result: dict[str, int] = {}
    left = total
    for key in keys[:-1]:
        part = draw(st.integers(min_value=0, max_value=left))
        if part:
            result[key] = part
        left -= part
    if left:
        result[keys[-1]] = left
    return result


@st.composite
def four_block(draw: st.DrawFn, sub_areas: list[str], compare: bool) -> Json:
    rows = [draw(four_row(name)) for name in sub_areas]
    block: Json = {key: sum(row[key] for row in rows) for key in FOUR}
    block["added_by_reason"] = split(draw, block["added"], REASONS)
    block["removed_by_reason"] = split(draw, block["removed"], REASONS)
    block["added_from_list"] = {}
    block["removed_to_list"] = {}
    block["by_sub_area"] = rows
    block["compare"] = (
        {key: value for key, value in draw(four_row("")).items() if key != "sub_area"}
        if compare
        else None
    )
    return block


def rate(positive: int, tested: int) -> float:
    if tested == 0:
        return 0.0
    exact = Decimal(positive * 100) / Decimal(tested)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@st.composite
def drug_tests_block(draw: st.DrawFn, sub_areas: list[str], compare: bool) -> Json:
    rows: list[Json] = []
    for name in sub_areas:
        tested = draw(counts)
        positive = draw(st.integers(min_value=0, max_value=tested))
        rows.append(
            {
                "sub_area": name,
                "tested": tested,
                "positive": positive,
                "positive_rate": rate(positive, tested),
            }
        )
    tested = sum(row["tested"] for row in rows)
    positive = sum(row["positive"] for row in rows)
    compare_tested = draw(counts)
    compare_positive = draw(st.integers(min_value=0, max_value=compare_tested))
    return {
        "tested": tested,
        "positive": positive,
        "positive_rate": rate(positive, tested),
        "by_substance": {
            key: draw(st.integers(min_value=0, max_value=positive))
            for key in ("heroin", "methamphetamine", "can_sa")
        },
        "by_sub_area": rows,
        "compare": {
            "tested": compare_tested,
            "positive": compare_positive,
            "positive_rate": rate(compare_positive, compare_tested),
        }
        if compare
        else None,
    }


@st.composite
def plants_block(draw: st.DrawFn, sub_areas: list[str]) -> Json:
    rows: list[Json] = [
        {
            "sub_area": name,
            "cases": draw(counts),
            "opium_plants": draw(counts),
            "area_m2": draw(st.integers(min_value=0, max_value=100_000)) / 100,
        }
        for name in sub_areas
    ]
    return {
        "cases": sum(row["cases"] for row in rows),
        "opium_plants": sum(row["opium_plants"] for row in rows),
        "area_m2": round(sum(row["area_m2"] for row in rows), 2),
        "by_sub_area": rows,
        "compare": None,
    }


@st.composite
def cases_block(draw: st.DrawFn, sub_areas: list[str]) -> Json:
    articles = draw(st.lists(st.sampled_from(["249", "251", "255", "256a"]), unique=True))
    by_charge = {
        article: {"cases": draw(counts), "subjects": draw(counts), "title": f"Điều {article}"}
        for article in articles
    }
    return {
        "criminal": {
            "cases": sum(block["cases"] for block in by_charge.values()),
            "subjects": sum(block["subjects"] for block in by_charge.values()),
            "by_charge": by_charge,
            "seized": {"heroin_g": draw(counts) / 1000, "pills": draw(counts)},
            "compare": None,
        },
        "administrative": {
            "cases": draw(counts),
            "by_act": {"Sử dụng trái phép chất ma túy": {"cases": draw(counts)}},
        },
        "by_sub_area": [
            {"sub_area": name, "criminal_cases": draw(counts), "administrative_cases": 0}
            for name in sub_areas
        ],
    }


@st.composite
def office_figures(draw: st.DrawFn, name: str, compare: bool) -> Json:
    sub_areas = draw(
        st.lists(st.sampled_from(["Thôn Đông", "Thôn Đoài", "Xóm Bãi"]), unique=True, max_size=3)
    )
    return {
        "schema": 1,
        "office": {"name": name, "parent_name": "Công an tỉnh Nam Hòa", "sub_area_label": "thôn"},
        "period": PERIOD,
        "compare_period": COMPARE_PERIOD if compare else None,
        "lists": {key: draw(four_block(sub_areas, compare)) for key in LISTS},
        "substitution_treatment": draw(four_block(sub_areas, compare)),
        "custody": draw(four_block(sub_areas, False)),
        "tests": draw(drug_tests_block(sub_areas, compare)),
        "plants": draw(plants_block(sub_areas)),
        "cases": draw(cases_block(sub_areas)),
        "sub_areas": {
            "total": len(sub_areas),
            "drug_free": 0,
            "with_drugs": len(sub_areas),
            "drug_free_names": [],
            "with_drugs_names": sub_areas,
        },
    }


@st.composite
def several_offices(draw: st.DrawFn) -> dict[str, Json]:
    compare = draw(st.booleans())
    names = draw(
        st.lists(
            st.sampled_from(["Công an xã Hòa An", "Công an xã Bình Minh", "Công an phường Tây"]),
            unique=True,
            min_size=1,
        )
    )
    return {name: draw(office_figures(name, compare)) for name in names}


@settings(max_examples=150, deadline=None)
@given(several_offices())
def test_counts_add_up_and_the_balance_still_holds(per_office: dict[str, Json]) -> None:
    before = copy.deepcopy(per_office)

    combined = combine_figures(per_office)

    check_balance(combined)
    assert per_office == before  # pure: the offices' objects are not touched
    offices = list(per_office.values())
    for key in LISTS:
        block = combined["lists"][key]
        for column in FOUR:
            assert block[column] == sum(f["lists"][key][column] for f in offices)
        assert Counter(block["added_by_reason"]) == sum(
            (Counter(f["lists"][key]["added_by_reason"]) for f in offices), Counter()
        )
        assert [row["sub_area"] for row in block["by_sub_area"]] == list(per_office)
        if block["compare"] is not None:
            assert block["compare"]["after"] == sum(
                f["lists"][key]["compare"]["after"] for f in offices
            )
    tested = sum(f["tests"]["tested"] for f in offices)
    positive = sum(f["tests"]["positive"] for f in offices)
    assert combined["tests"]["tested"] == tested
    assert combined["tests"]["positive_rate"] == rate(positive, tested)
    assert combined["plants"]["area_m2"] == pytest.approx(
        sum(f["plants"]["area_m2"] for f in offices)
    )
    for article, block in combined["cases"]["criminal"]["by_charge"].items():
        assert block["cases"] == sum(
            f["cases"]["criminal"]["by_charge"].get(article, {}).get("cases", 0) for f in offices
        )
        assert block["title"] == f"Điều {article}"
    assert combined["cases"]["criminal"]["cases"] == sum(
        f["cases"]["criminal"]["cases"] for f in offices
    )
    assert [row["office"] for row in combined["by_office"]] == list(per_office)
    assert combined["sub_areas"]["with_drugs"] == len(combined["sub_areas"]["with_drugs_names"])


@settings(max_examples=60, deadline=None)
@given(several_offices())
def test_the_order_of_the_offices_changes_no_total(per_office: dict[str, Json]) -> None:
    forward = combine_figures(per_office)
    backward = combine_figures(dict(reversed(per_office.items())))

    for key in LISTS:
        for column in FOUR:
            assert forward["lists"][key][column] == backward["lists"][key][column]
    assert forward["tests"] == {
        **backward["tests"],
        "by_sub_area": forward["tests"]["by_sub_area"],
    }
    assert forward["cases"]["criminal"]["by_charge"] == backward["cases"]["criminal"]["by_charge"]
    assert list(forward["cases"]["criminal"]["by_charge"]) == sorted(
        forward["cases"]["criminal"]["by_charge"], key=lambda a: (int(a.rstrip("a")), a)
    )


def sample() -> Json:
    figures: Json = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return figures


def test_two_copies_of_the_sample_double_every_count() -> None:
    first, second = sample(), sample()
    second["office"]["name"] = "Công an huyện Tân Lập"

    combined = combine_figures(
        {"Công an huyện Sơn Hà": first, "Công an huyện Tân Lập": second},
        created_at={"Công an huyện Sơn Hà": "2026-11-20T08:00:00+07:00"},
    )

    check_balance(combined)
    assert combined["lists"]["nghi_su_dung"]["after"] == 2 * 565
    assert combined["lists"]["nghi_su_dung"]["removed_by_reason"] == {
        "Đi khỏi địa phương": 2 * 238,
        "Chuyển sang danh sách khác": 2 * 41,
    }
    assert combined["lists"]["nghi_su_dung"]["by_sub_area"] == [
        {
            "sub_area": "Công an huyện Sơn Hà",
            "before": 450,
            "added": 394,
            "removed": 279,
            "after": 565,
        },
        {
            "sub_area": "Công an huyện Tân Lập",
            "before": 450,
            "added": 394,
            "removed": 279,
            "after": 565,
        },
    ]
    assert combined["tests"]["positive_rate"] == 15.1
    assert combined["tests"]["compare"]["positive_rate"] == 8.3
    assert combined["cases"]["criminal"]["seized"]["heroin_g"] == 11.048
    assert combined["plants"]["area_m2"] == 241.0
    assert combined["cases"]["criminal"]["received_by_source"]["Đồn Biên phòng Cửa Ngàn"] == {
        "cases": 2,
        "subjects": 2,
    }
    assert combined["hotspots"]["by_sub_area"] == [
        {"sub_area": name, "complex": 2, "risk": 13, "retail_sellers": 9}
        for name in ("Công an huyện Sơn Hà", "Công an huyện Tân Lập")
    ]
    assert [point["office"] for point in combined["hotspots"]["complex_points"]] == [
        "Công an huyện Sơn Hà",
        "Công an huyện Sơn Hà",
        "Công an huyện Tân Lập",
        "Công an huyện Tân Lập",
    ]
    assert combined["sub_areas"]["drug_free_names"] == [
        "Thị trấn Sơn Hà (Công an huyện Sơn Hà)",
        "Thị trấn Sơn Hà (Công an huyện Tân Lập)",
    ]
    assert combined["office"]["name"] == "Công an tỉnh Nam Hòa"
    assert combined["office"]["sub_area_label"] == "đơn vị"
    assert combined["by_office"][0]["created_at"] == "2026-11-20T08:00:00+07:00"
    assert combined["by_office"][1]["created_at"] is None
    assert combined["by_office"][0]["lists"]["nghien"] == 114
    phases = combined["targets"]["phases"]
    assert len(phases) == 1
    assert {(row["sub_area"], row["measure"], row["target"]) for row in phases[0]["rows"]} == {
        ("Công an huyện Sơn Hà", "tests_per_day", 6),
        ("Công an huyện Sơn Hà", "dossiers", 1),
        ("Công an huyện Sơn Hà", "cases", 1),
        ("Công an huyện Tân Lập", "tests_per_day", 6),
        ("Công an huyện Tân Lập", "dossiers", 1),
        ("Công an huyện Tân Lập", "cases", 1),
    }


def test_an_unbalanced_office_makes_an_unbalanced_whole() -> None:
    broken = sample()
    broken["lists"]["su_dung"]["after"] += 1

    combined = combine_figures({"Công an huyện Sơn Hà": sample(), "Công an huyện Tân Lập": broken})

    with pytest.raises(FiguresUnbalancedError):
        check_balance(combined)


def test_offices_of_different_periods_are_refused() -> None:
    other = sample()
    other["period"] = {"from": "2024-10-16", "to": "2024-11-12"}

    with pytest.raises(OfficesDisagreeError):
        combine_figures({"Công an huyện Sơn Hà": sample(), "Công an huyện Tân Lập": other})
