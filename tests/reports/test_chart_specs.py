"""The chart descriptions built from figures: categories, series, order, empty and absent parts.

Figures are the real sample (tests/reports/fixtures/figures_sample.json) extended with the
keys the charts read; one test computes real figures on a small database.
"""

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from pcmt_desktop.domain.area_classes import AreaClass
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.chart_specs import charts_of, class_legend, tile_label
from pcmt_desktop.reports.charts import Chart, ChartKind
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

SAMPLE = Path(__file__).parent / "fixtures" / "figures_sample.json"
KEYS = ["list-sizes", "tests-by-sub-area", "hotspots-by-state", "area-classes"]
# Month ends of the twelve months up to the sample's period end (12/11/2024), oldest first.
DAYS = [
    "2023-12-31",
    "2024-01-31",
    "2024-02-29",
    "2024-03-31",
    "2024-04-30",
    "2024-05-31",
    "2024-06-30",
    "2024-07-31",
    "2024-08-31",
    "2024-09-30",
    "2024-10-31",
    "2024-11-12",
]
MONTHS = [f"{day[5:7]}/{day[:4]}" for day in DAYS]
LISTS = list(ManagementList)


def size(day_index: int, list_index: int) -> int:
    """A different number for every (day, list), so a value in the wrong place shows."""
    return 100 * list_index + day_index + 1


def area(name: str, proposed: str | None, label: str, *, office: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "is_office": office,
        "population": 4000,
        "on_key_route": False,
        "proposed": proposed,
        "proposed_label": label,
        "criteria": [],
        "reasons": [],
    }


def full() -> dict[str, Any]:
    """The sample with twelve months of list sizes, hotspot states and a classification."""
    figures: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    figures["trends"] = {
        "list_sizes": {
            day: {item.value: size(d, i) for i, item in enumerate(LISTS)}
            for d, day in enumerate(DAYS)
        }
    }
    figures["hotspots"]["by_state"] = {"dang_dau_tranh": 4, "da_triet_xoa": 9, "tai_hoat_dong": 2}
    figures["area_classes"] = {
        "period": {"from": "2023-11-13", "to": "2024-11-12"},
        "rules_missing": None,
        "areas": [
            area("Xã Đồng Mai", "loai_1", "Loại I"),
            area("Xã Hòa Tiến", "khong_ma_tuy", "Không có tệ nạn ma túy"),
            area("Thị trấn Sơn Hà", None, "Chưa đề xuất"),
            area("Xã Tân Lập", "loai_3", "Loại III"),
            area("Công an huyện Sơn Hà", "loai_2", "Loại II", office=True),
        ],
    }
    return figures


def chart(figures: dict[str, Any], key: str) -> Chart:
    (found,) = [item for item in charts_of(figures) if item.key == key]
    return found


# --- order and absent parts ----------------------------------------------------------------


def test_the_four_charts_come_in_the_reports_order() -> None:
    charts = charts_of(full())
    assert [item.key for item in charts] == KEYS
    assert [item.kind for item in charts] == [
        ChartKind.LINE,
        ChartKind.BAR,
        ChartKind.BAR,
        ChartKind.TILES,
    ]


def test_a_chart_whose_figures_are_absent_is_left_out() -> None:
    for key, drop in zip(KEYS, ("trends", "tests", "hotspots", "area_classes"), strict=True):
        figures = full()
        del figures[drop]
        assert [item.key for item in charts_of(figures)] == [k for k in KEYS if k != key]
    older = full()
    del older["hotspots"]["by_state"], older["trends"]["list_sizes"]
    assert [item.key for item in charts_of(older)] == ["tests-by-sub-area", "area-classes"]
    assert charts_of({}) == []


def test_a_classification_without_thresholds_draws_no_tiles() -> None:
    figures = full()
    figures["area_classes"] = {
        "period": {"from": "2023-11-13", "to": "2024-11-12"},
        "areas": [],
        "rules_missing": "Chưa có quy định phân loại địa bàn có hiệu lực ngày 12/11/2024.",
    }
    assert "area-classes" not in [item.key for item in charts_of(figures)]


# --- list sizes ----------------------------------------------------------------------------


def test_list_sizes_put_every_count_at_its_month_and_list() -> None:
    line = chart(full(), "list-sizes")
    assert line.title == "Số người trong các diện quản lý theo tháng"
    assert line.subtitle == "Số người ở cuối mỗi tháng, tính đến ngày 12/11/2024"
    assert line.categories == tuple(MONTHS)
    assert [series.name for series in line.series] == [
        "Nghi sử dụng",
        "Nghi nghiện",
        "Sử dụng",
        "Nghiện",
        "Sau cai",
    ]
    for i, series in enumerate(line.series):
        assert series.values == tuple(float(size(d, i)) for d in range(len(DAYS)))
    assert line.value_label == "người"
    assert not line.is_empty


def test_list_sizes_are_ordered_by_day_whatever_order_the_object_has() -> None:
    figures = full()
    sizes = figures["trends"]["list_sizes"]
    figures["trends"]["list_sizes"] = dict(reversed(list(sizes.items())))
    line = chart(figures, "list-sizes")
    assert line.categories == tuple(MONTHS)
    assert line.series[0].values[0] == size(0, 0)


def test_a_list_missing_from_a_day_counts_zero_and_all_zeros_is_empty() -> None:
    figures = full()
    del figures["trends"]["list_sizes"][DAYS[3]]["sau_cai"]
    assert chart(figures, "list-sizes").series[4].values[3] == 0.0
    for counts in figures["trends"]["list_sizes"].values():
        for key in counts:
            counts[key] = 0
    line = chart(figures, "list-sizes")
    assert line.is_empty
    assert line.empty_text == "Chưa có ai trong các diện quản lý."
    figures["trends"]["list_sizes"] = {}
    nothing = chart(figures, "list-sizes")
    assert (nothing.categories, nothing.subtitle, nothing.is_empty) == ((), "", True)


# --- tests by sub-area ---------------------------------------------------------------------


def test_tests_chart_has_tested_and_positive_bars_and_the_rate_per_sub_area() -> None:
    bars = chart(full(), "tests-by-sub-area")
    assert bars.title == "Test ma túy và tỷ lệ dương tính theo xã, thị trấn"
    assert bars.subtitle == (
        "Từ 15/10/2024 đến 12/11/2024; tổng số 351 người được test, 53 dương tính (15,1%)"
    )
    assert bars.categories == ("Xã Đồng Mai", "Xã Hòa Tiến", "Thị trấn Sơn Hà")
    assert [(series.name, series.values) for series in bars.series] == [
        ("Số người được test", (200.0, 100.0, 51.0)),
        ("Số người dương tính", (40.0, 12.0, 1.0)),
    ]
    assert bars.rate_line is not None
    assert bars.rate_line.name == "Tỷ lệ dương tính (%)"
    assert bars.rate_line.values == (20.0, 12.0, 2.0)
    assert bars.value_label == "người"


def test_a_sub_area_nobody_was_tested_in_has_no_rate_and_the_title_uses_the_offices_word() -> None:
    figures = full()
    figures["office"]["sub_area_label"] = "thôn, tổ dân phố"
    figures["tests"]["by_sub_area"].append(
        {"sub_area": "Thôn Vắng", "tested": 0, "positive": 0, "positive_rate": 0.0}
    )
    bars = chart(figures, "tests-by-sub-area")
    assert bars.title == "Test ma túy và tỷ lệ dương tính theo thôn, tổ dân phố"
    assert bars.categories[-1] == "Thôn Vắng"
    assert bars.rate_line is not None
    assert bars.rate_line.values[-1] is None
    del figures["office"]
    assert chart(figures, "tests-by-sub-area").title.endswith("theo địa bàn")


def test_a_period_without_tests_is_an_empty_chart_with_its_text() -> None:
    figures = full()
    figures["tests"].update(tested=0, positive=0, positive_rate=0.0)
    for row in figures["tests"]["by_sub_area"]:
        row.update(tested=0, positive=0, positive_rate=0.0)
    bars = chart(figures, "tests-by-sub-area")
    assert bars.is_empty
    assert bars.empty_text == "Chưa có ai được test trong kỳ."
    assert bars.subtitle == "Từ 15/10/2024 đến 12/11/2024"


# --- hotspots and areas --------------------------------------------------------------------


def test_hotspots_by_state_label_each_state_with_its_count() -> None:
    bars = chart(full(), "hotspots-by-state")
    assert bars.title == "Điểm, tụ điểm theo tình trạng"
    assert bars.subtitle == "Tính đến ngày 12/11/2024"
    assert bars.categories == ("Đang đấu tranh", "Đã triệt xóa", "Tái hoạt động")
    assert [(series.name, series.values) for series in bars.series] == [
        ("Số điểm, tụ điểm", (4.0, 9.0, 2.0))
    ]
    assert bars.rate_line is None
    figures = full()
    figures["hotspots"]["by_state"] = {state.value: 0 for state in HotspotState}
    empty = chart(figures, "hotspots-by-state")
    assert empty.is_empty
    assert empty.empty_text == "Chưa có điểm, tụ điểm nào."


def test_tiles_are_the_sub_areas_with_their_class_and_severity_not_the_office() -> None:
    tiles = chart(full(), "area-classes")
    assert tiles.title == "Phân loại địa bàn theo Quyết định 28/2025/QĐ-TTg"
    assert tiles.subtitle == "Từ 13/11/2023 đến 12/11/2024"
    assert [(tile.name, tile.label, tile.severity) for tile in tiles.tiles] == [
        ("Xã Đồng Mai", "Loại I", 3),
        ("Xã Hòa Tiến", "Không ma túy", 0),
        ("Thị trấn Sơn Hà", "Chưa đề xuất", None),
        ("Xã Tân Lập", "Loại III", 1),
    ]


def test_a_tile_says_its_class_short_and_the_legend_says_it_in_full() -> None:
    assert tile_label(AreaClass.DRUG_FREE) == "Không ma túy"
    assert [tile_label(item) for item in (AreaClass.TYPE_I, AreaClass.TYPE_III)] == [
        "Loại I",
        "Loại III",
    ]
    assert class_legend() == (
        ("Loại I", 3),
        ("Loại II", 2),
        ("Loại III", 1),
        ("Không có tệ nạn ma túy", 0),
        ("Chưa đề xuất", None),
    )


def test_an_area_without_a_class_keeps_the_figures_words_for_why() -> None:
    figures = full()
    figures["area_classes"]["areas"][2]["proposed_label"] = "Chưa đủ dữ liệu"
    figures["area_classes"]["areas"][3]["proposed_label"] = ""
    figures["area_classes"]["areas"][3]["proposed"] = None
    tiles = chart(figures, "area-classes").tiles
    assert [(tile.label, tile.severity) for tile in tiles[2:]] == [
        ("Chưa đủ dữ liệu", None),
        ("Chưa đề xuất", None),
    ]


def test_a_classification_of_no_sub_area_is_an_empty_tiles_chart() -> None:
    figures = full()
    figures["area_classes"]["areas"] = [figures["area_classes"]["areas"][-1]]
    tiles = chart(figures, "area-classes")
    assert tiles.is_empty
    assert tiles.empty_text == "Chưa có địa bàn nào."


def test_the_figures_are_read_not_changed() -> None:
    figures = full()
    before = copy.deepcopy(figures)
    charts_of(figures)
    assert figures == before


# --- real figures --------------------------------------------------------------------------


def test_real_figures_of_a_small_registry_give_the_four_charts(services: Services) -> None:
    """compute_figures carries ``trends`` and ``hotspots.by_state`` (issue 8)."""
    areas = services.office.sub_areas()
    person = services.persons.add(
        PersonInput("Hà Văn Thử", birth_year=1991, sub_area_id=areas[1].id)
    ).id
    services.histories.add(
        HistoryKind.LIST,
        person,
        HistoryInput(
            date(2026, 3, 10),
            None,
            {"list_key": ManagementList.ADDICT.value, "start_reason": "Rà soát phát hiện mới"},
        ),
    )
    services.drug_tests.add(DrugTestInput(person, date(2026, 10, 5), substances=frozenset()))
    point = services.hotspots.add(
        HotspotInput(
            kind=HotspotKind.COMPLEX_POINT.value,
            name="Quán Gió Chiều",
            entered_on=date(2026, 6, 1),
            sub_area_id=areas[0].id,
        )
    )
    services.hotspots.add_status(point.id, HotspotState.CLEARED.value, date(2026, 9, 1))
    figures = compute_figures(services.context, date(2025, 11, 24), date(2026, 11, 23))

    charts = {item.key: item for item in charts_of(figures)}
    assert list(charts) == KEYS
    line = charts["list-sizes"]
    assert line.categories[0] == "12/2025"
    assert line.categories[-1] == "11/2026"
    addicts = line.series[LISTS.index(ManagementList.ADDICT)].values
    assert addicts == (0.0,) * 3 + (1.0,) * 9  # December to February: not yet on the list
    tests = charts["tests-by-sub-area"]
    assert tests.title == "Test ma túy và tỷ lệ dương tính theo thôn, tổ dân phố"
    assert tests.categories[:4] == ("Thôn Đông", "Thôn Đoài", "Tổ dân phố Bắc", "Xóm Nam")
    assert tests.series[0].values[:4] == (0.0, 1.0, 0.0, 0.0)
    assert tests.rate_line is not None
    assert tests.rate_line.values[:2] == (None, 0.0)
    hotspots = charts["hotspots-by-state"]
    assert hotspots.series[0].values == (0.0, 1.0, 0.0)
    assert [tile.name for tile in charts["area-classes"].tiles] == [a.name for a in areas]
