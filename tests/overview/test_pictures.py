"""The pictures' figures: the last 12 months, in the báo cáo's shapes, drawn as four charts."""

from datetime import date

import pytest

from pcmt_desktop.domain.hotspots import HotspotState
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.overview.period import overview_period
from pcmt_desktop.overview.pictures import PICTURE_PARTS, drug_test_rates, overview_figures
from pcmt_desktop.reports import drug_test_figures
from pcmt_desktop.reports.area_class_figures import classify_areas
from pcmt_desktop.reports.chart_specs import charts_of
from pcmt_desktop.reports.trend_figures import list_sizes_by_month
from pcmt_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.overview.builders import drug_test, hotspot, person, stay

YEAR_FROM = date(2025, 11, 24)


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (TODAY, YEAR_FROM),
        (date(2026, 1, 1), date(2025, 1, 2)),
        (date(2026, 12, 31), date(2026, 1, 1)),
        (date(2028, 2, 29), date(2027, 3, 1)),
        (date(2027, 3, 1), date(2026, 3, 2)),
    ],
)
def test_the_twelve_months_end_today_and_start_the_day_after_a_year_before(
    today: date, start: date
) -> None:
    assert overview_period(today) == (start, today)


def _registry(services: Services) -> None:
    """Tests around the window's edges, persons with and without a sub-area, lists, hotspots."""
    east = [person(services, f"Đông Văn {index}", area=0) for index in range(3)]
    west = person(services, "Tây Thị Một", area=1)
    nowhere = person(services, "Vô Văn Định", area=None)
    drug_test(services, east[0], YEAR_FROM, positive=True)
    drug_test(services, east[0], date(2026, 3, 1), positive=False)
    drug_test(services, east[1], TODAY, positive=False)
    drug_test(services, east[2], date(2025, 11, 23), positive=True)  # a day too early
    drug_test(services, west, date(2026, 6, 1), positive=False)
    drug_test(services, nowhere, date(2026, 7, 1), positive=True)
    stay(services, east[0], ManagementList.USER, YEAR_FROM)
    stay(services, west, ManagementList.ADDICT, date(2024, 5, 1))
    stay(services, nowhere, ManagementList.SUSPECTED_USER, date(2026, 2, 1), date(2026, 9, 1))
    hotspot(services, "Quán nước ven đê", date(2026, 6, 1))
    cleared = hotspot(services, "Bãi đất trống", date(2026, 1, 5), area=1)
    services.hotspots.add_status(cleared, HotspotState.CLEARED.value, date(2026, 4, 1))
    again = hotspot(services, "Nhà trọ bến xe", date(2025, 12, 1), area=2)
    services.hotspots.add_status(again, HotspotState.CLEARED.value, date(2026, 2, 1))
    services.hotspots.add_status(again, HotspotState.REACTIVATED.value, date(2026, 10, 1))


def test_the_figures_hold_the_keys_the_charts_read(services: Services) -> None:
    _registry(services)
    figures = overview_figures(services.context, TODAY)
    assert list(figures) == ["period", "office", "trends", "tests", "hotspots", "area_classes"]
    assert figures["period"] == {"from": "2025-11-24", "to": "2026-11-23"}
    assert figures["office"] == {
        "name": "Công an xã Thử Nghiệm",
        "level": "Xã",
        "parent_name": "Công an tỉnh Mẫu",
        "sub_area_label": "thôn, tổ dân phố",
        "place_name": "Thử Nghiệm",
    }
    assert figures["hotspots"] == {
        "by_state": {"dang_dau_tranh": 1, "da_triet_xoa": 1, "tai_hoat_dong": 1}
    }
    with services.context.reading() as session:
        assert figures["trends"] == {"list_sizes": list_sizes_by_month(session, TODAY)}
        assert figures["area_classes"] == classify_areas(session, YEAR_FROM, TODAY)
    sizes = figures["trends"]["list_sizes"]
    assert len(sizes) == 12
    assert sizes["2026-11-23"] == {
        "nghi_su_dung": 0,
        "nghi_nghien": 0,
        "su_dung": 1,
        "nghien": 1,
        "sau_cai": 0,
    }
    assert figures["area_classes"]["period"] == figures["period"]


def test_tests_count_persons_of_the_twelve_months_by_sub_area(services: Services) -> None:
    _registry(services)
    tests = overview_figures(services.context, TODAY)["tests"]
    assert (tests["tested"], tests["positive"], tests["positive_rate"]) == (4, 2, 50.0)
    assert tests["by_sub_area"] == [
        {"sub_area": "Thôn Đông", "tested": 2, "positive": 1, "positive_rate": 50.0},
        {"sub_area": "Thôn Đoài", "tested": 1, "positive": 0, "positive_rate": 0.0},
        {"sub_area": "Tổ dân phố Bắc", "tested": 0, "positive": 0, "positive_rate": 0.0},
        {"sub_area": "Xóm Nam", "tested": 0, "positive": 0, "positive_rate": 0.0},
        {"sub_area": "Chưa rõ địa bàn", "tested": 1, "positive": 1, "positive_rate": 100.0},
    ]


@pytest.mark.parametrize("today", [TODAY, date(2026, 6, 30), date(2026, 3, 1)])
def test_the_lean_tests_block_is_the_reports_without_the_substances(
    services: Services, today: date
) -> None:
    _registry(services)
    date_from, date_to = overview_period(today)
    with services.context.reading() as session:
        full = drug_test_figures.test_figures(session, services.drug_tests, date_from, date_to)
    lean = drug_test_rates(services.context, today)
    assert full.pop("by_substance")
    assert lean == full


def test_an_empty_office_gives_figures_too(services: Services) -> None:
    figures = overview_figures(services.context, TODAY)
    assert figures["tests"]["tested"] == 0
    assert figures["hotspots"]["by_state"] == {
        "dang_dau_tranh": 0,
        "da_triet_xoa": 0,
        "tai_hoat_dong": 0,
    }
    assert all(sum(day.values()) == 0 for day in figures["trends"]["list_sizes"].values())


def test_the_figures_make_the_four_charts(services: Services) -> None:
    _registry(services)
    charts = charts_of(overview_figures(services.context, TODAY))
    assert [chart.key for chart in charts] == [
        "list-sizes",
        "tests-by-sub-area",
        "hotspots-by-state",
        "area-classes",
    ]
    assert not any(chart.is_empty for chart in charts)


def test_every_part_is_named_after_its_key() -> None:
    assert {key: part.name for key, part in PICTURE_PARTS.items()} == {
        key: f"pictures.{key}" for key in ("office", "trends", "tests", "hotspots", "area_classes")
    }
