"""The "Theo đơn vị" page from real combined figures: each office, then the combined total."""

import json
from pathlib import Path
from typing import Any

import pytest

from pcmt_desktop.gui.reports.figure_table import (
    MISSING,
    TOTAL_LABEL,
    FigureTable,
    Kind,
    written,
)
from pcmt_desktop.gui.upper.by_office_page import BACKUP_HEADER, backup_moment, by_office_page
from pcmt_desktop.upper.combine import combine_figures

SAMPLE = Path(__file__).parents[2] / "reports" / "fixtures" / "figures_sample.json"
MADE = "2026-11-20T16:45:00+07:00"


@pytest.fixture
def combined() -> dict[str, Any]:
    first: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    second: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    second["tests"]["tested"] += 10
    second["tests"]["positive"] += 1
    return combine_figures(
        {"Công an xã Hòa An": first, "Công an xã Bình Minh": second},
        created_at={"Công an xã Hòa An": MADE},
    )


def table(figures: dict[str, Any], title: str) -> FigureTable:
    return next(t for t in by_office_page(figures).tables if t.title == title)


def test_the_first_table_says_when_each_office_backed_up(combined: dict[str, Any]) -> None:
    lists = table(combined, "Người trong diện quản lý (cuối kỳ)")

    assert lists.headers[:2] == ("Đơn vị", BACKUP_HEADER)
    assert lists.headers[2:] == ("Nghi sử dụng", "Nghi nghiện", "Sử dụng", "Nghiện", "Sau cai")
    assert [row[:2] for row in lists.rows[:2]] == [
        ("Công an xã Hòa An", backup_moment(MADE)),
        ("Công an xã Bình Minh", MISSING),
    ]
    assert lists.rows[2][0] == TOTAL_LABEL
    assert lists.rows[2][5] == written(combined["lists"]["nghien"]["after"])


def test_each_office_row_and_the_total_come_from_the_figures(combined: dict[str, Any]) -> None:
    tests = table(combined, "Test ma túy")

    first, second = combined["by_office"]
    assert tests.rows[0][1] == written(first["tests"]["tested"])
    assert tests.rows[1][1] == written(second["tests"]["tested"])
    # The total is the combined figures' own, its rate recomputed from the added counts.
    rate = written(combined["tests"]["positive_rate"], Kind.RATE)
    assert tests.rows[2] == (
        TOTAL_LABEL,
        written(combined["tests"]["tested"]),
        written(combined["tests"]["positive"]),
        rate,
    )
    assert tests.summary_rows == 1


def test_every_area_of_work_has_its_table(combined: dict[str, Any]) -> None:
    page = by_office_page(combined)

    assert page.title == "Theo đơn vị"
    assert [t.title for t in page.tables] == [
        "Người trong diện quản lý (cuối kỳ)",
        "Test ma túy",
        "Hồ sơ đưa vào cơ sở cai nghiện bắt buộc",
        "Điểm, tụ điểm và đối tượng bán lẻ (cuối kỳ)",
        "Phá nhổ cây có chứa chất ma túy",
        "Vụ án hình sự về ma túy",
        "Vi phạm hành chính về ma túy",
    ]
    assert all(len(t.rows) == 3 for t in page.tables)


def test_figures_without_offices_give_empty_tables() -> None:
    page = by_office_page({})

    assert all(t.rows == () for t in page.tables)
