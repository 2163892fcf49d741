"""The annex's tables, opened back: every sub-area row, totals equal to the figures' own,
numbers stored as numbers with Vietnamese-friendly formats, and the variants (no
comparison, empty lists) that the figures of a quiet period give."""

import copy
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.annex_figures import TOTAL_LABEL
from tests.reports.test_annex import sample, with_area_classes, write

SUB_AREAS = ["Xã Đồng Mai", "Xã Hòa Tiến", "Thị trấn Sơn Hà"]
COMPARE = "Cùng kỳ năm 2023"
STAY = ["before", "added", "removed", "after"]


def find_row(ws: Any, column: int, value: Any, start: int = 1) -> int:
    for row in range(start, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(f"{value!r} not in column {column} of {ws.title}")


def block(ws: Any, width: int, start: int = 1) -> dict[str, list[Any]]:
    """The table whose header begins at the first "TT" from ``start``: its rows by name."""
    header = find_row(ws, 1, "TT", start)
    rows: dict[str, list[Any]] = {}
    for row in range(header + 1, ws.max_row + 2):
        first, name = ws.cell(row=row, column=1).value, ws.cell(row=row, column=2).value
        if first is None and name is None:
            if rows:
                break
            continue  # the second header row (its first two cells are merged above)
        if isinstance(name, str):
            rows[name] = [ws.cell(row=row, column=c).value for c in range(3, 3 + width)]
    return rows


def header_texts(ws: Any, row: int) -> list[Any]:
    return [ws.cell(row=row, column=c).value for c in range(1, ws.max_column + 1)]


def cells_of(ws: Any, name: str, width: int, start: int = 1) -> list[Any]:
    row = find_row(ws, 2, name, find_row(ws, 1, "TT", start))
    return [ws.cell(row=row, column=c) for c in range(3, 3 + width)]


@pytest.fixture
def workbook(tmp_path: Path) -> Any:
    return write(tmp_path, with_area_classes(sample()))


def test_lists_sheet_groups_four_counts_under_each_lists_name(workbook: Any) -> None:
    ws = workbook["Danh sách quản lý"]
    header = find_row(ws, 1, "TT")
    assert ws.cell(row=header, column=2).value == "Xã, thị trấn"
    merged = {str(r) for r in ws.merged_cells.ranges}
    labels = ["Nghi sử dụng", "Nghi nghiện", "Sử dụng", "Nghiện", "Sau cai"]
    for index, label in enumerate(labels):
        column = 3 + 4 * index
        assert ws.cell(row=header, column=column).value == label
        first, last = (ws.cell(row=header, column=c).coordinate for c in (column, column + 3))
        assert f"{first}:{last}" in merged
        assert header_texts(ws, header + 1)[column - 1 : column + 3] == [
            "Đầu kỳ",
            "Bổ sung",
            "Thanh loại",
            "Cuối kỳ",
        ]
    assert f"A{header}:A{header + 1}" in merged


def test_lists_sheet_has_every_sub_area_and_the_figures_totals(workbook: Any) -> None:
    figures = sample()
    rows = block(workbook["Danh sách quản lý"], 20)
    assert list(rows) == [*SUB_AREAS, TOTAL_LABEL, COMPARE]
    for index, kind in enumerate(ManagementList):
        owner = figures["lists"][kind.value]
        span = slice(4 * index, 4 * index + 4)
        for entry in owner["by_sub_area"]:
            assert rows[entry["sub_area"]][span] == [entry[key] for key in STAY]
        assert rows[TOTAL_LABEL][span] == [owner[key] for key in STAY]
        compare = owner["compare"]
        expected = [None] * 4 if compare is None else [compare[key] for key in STAY]
        assert rows[COMPARE][span] == expected
    # The sample's totals are the sums of its rows: the sheet must say the same.
    for column in range(20):
        assert rows[TOTAL_LABEL][column] == sum(rows[name][column] for name in SUB_AREAS)


def test_sub_area_rows_are_numbered_and_the_total_row_is_bold(workbook: Any) -> None:
    ws = workbook["Danh sách quản lý"]
    first = find_row(ws, 2, SUB_AREAS[0])
    assert [ws.cell(row=first + i, column=1).value for i in range(3)] == [1, 2, 3]
    total = find_row(ws, 2, TOTAL_LABEL)
    assert ws.cell(row=total, column=1).value is None
    assert ws.cell(row=total, column=3).font.b
    assert ws.cell(row=total + 1, column=3).font.i


# sheet, figures path of the totals, (row key, total key) per column, number format
PER_SUB_AREA = [
    (
        "Điều trị thay thế",
        ("substitution_treatment",),
        [(key, key) for key in STAY],
        ["#,##0"] * 4,
    ),
    ("Cơ sở giam giữ", ("custody",), [(key, key) for key in STAY], ["#,##0"] * 4),
    (
        "Test ma túy",
        ("tests",),
        [(key, key) for key in ("tested", "positive", "positive_rate")],
        ["#,##0", "#,##0", "0.0"],
    ),
    (
        "Hồ sơ CNBB",
        ("cnbb",),
        [(key, key) for key in ("created", "sent_to_court", "decided", "executed")],
        ["#,##0"] * 4,
    ),
    (
        "Phá nhổ cây",
        ("plants",),
        [
            (key, key)
            for key in (
                "cases",
                "subjects",
                "opium_plants",
                "cannabis_plants",
                "area_m2",
                "fines_vnd",
            )
        ],
        ["#,##0", "#,##0", "#,##0", "#,##0", "#,##0.0", "#,##0"],
    ),
]


@pytest.mark.parametrize(("sheet", "path", "keys", "formats"), PER_SUB_AREA)
def test_each_sub_area_table_matches_the_figures_with_numeric_cells(
    workbook: Any,
    sheet: str,
    path: tuple[str, ...],
    keys: list[tuple[str, str]],
    formats: list[str],
) -> None:
    owner: Any = sample()
    for step in path:
        owner = owner[step]
    ws = workbook[sheet]
    rows = block(ws, len(keys))
    names = [name for name in rows if name not in (TOTAL_LABEL, COMPARE)]
    assert names == [entry["sub_area"] for entry in owner["by_sub_area"]] == SUB_AREAS
    for entry in owner["by_sub_area"]:
        assert rows[entry["sub_area"]] == [entry[row_key] for row_key, _ in keys]
        cells = cells_of(ws, entry["sub_area"], len(keys))
        for cell, number_format in zip(cells, formats, strict=True):
            assert cell.data_type == "n"
            assert cell.number_format == number_format
    assert rows[TOTAL_LABEL] == [owner[total_key] for _, total_key in keys]
    compare = owner.get("compare")
    if compare is None:
        assert COMPARE not in rows
    else:
        assert rows[COMPARE] == [compare.get(total_key) for _, total_key in keys]


def test_tests_sheet_says_the_rate_is_a_percentage(workbook: Any) -> None:
    ws = workbook["Test ma túy"]
    header = header_texts(ws, find_row(ws, 1, "TT"))
    assert header == [
        "TT",
        "Xã, thị trấn",
        "Số người được test",
        "Số người dương tính",
        "Tỷ lệ dương tính (%)",
    ]
    assert block(ws, 3)[TOTAL_LABEL] == [351, 53, 15.1]


def test_cases_sheet_splits_criminal_and_administrative(workbook: Any) -> None:
    ws = workbook["Vụ việc"]
    header = find_row(ws, 1, "TT")
    assert header_texts(ws, header) == [
        "TT",
        "Xã, thị trấn",
        "Hình sự",
        None,
        "Vi phạm hành chính",
        None,
    ]
    assert header_texts(ws, header + 1)[2:] == ["Số vụ", "Số đối tượng"] * 2
    rows = block(ws, 4)
    assert rows["Xã Đồng Mai"] == [8, 9, 5, 6]
    assert rows[TOTAL_LABEL] == [14, 16, 8, 9]
    assert rows[COMPARE] == [20, 25, 10, 10]


def test_hotspots_sheet_counts_kinds_then_lists_every_point(workbook: Any) -> None:
    ws = workbook["Điểm phức tạp"]
    counts = block(ws, 3)
    assert counts["Xã Đồng Mai"] == [1, 7, 5]
    # complex 1 + 1 (business and not), risk 13 + 0, sellers 9
    assert counts[TOTAL_LABEL] == [2, 13, 9]
    assert COMPARE not in counts
    caption = find_row(
        ws, 1, "Danh sách điểm, tụ điểm phức tạp và điểm có nguy cơ phức tạp về ma túy"
    )
    assert header_texts(ws, caption + 1) == [
        "TT",
        "Tên điểm",
        "Loại",
        "Kinh doanh có điều kiện về ANTT",
        "Xã, thị trấn",
        "Địa chỉ",
        "Ngày đưa vào",
        "Đấu tranh đến ngày",
    ]
    points = [
        [ws.cell(row=row, column=c).value for c in range(1, 9)]
        for row in range(caption + 2, caption + 5)
    ]
    assert points == [
        [1, "Karaoke Ánh Sao", "Điểm phức tạp", "Có", "Xã Đồng Mai", "Thôn Đông",
         datetime(2024, 11, 8), datetime(2025, 2, 8)],
        [2, "Nhà ông Phạm Văn Lực", "Điểm phức tạp", "Không", "Thị trấn Sơn Hà", "Tổ dân phố 2",
         datetime(2024, 11, 8), datetime(2025, 2, 8)],
        [3, "Quán Bến Sông", "Điểm có nguy cơ phức tạp", "Có", "Xã Hòa Tiến", "Thôn Đoài",
         datetime(2024, 10, 20), datetime(2025, 1, 20)],
    ]  # fmt: skip
    assert ws.cell(row=caption + 2, column=7).number_format == "dd/mm/yyyy"
    assert ws.cell(row=caption + 5, column=1).value is None


def test_targets_sheet_pairs_target_and_actual_per_measure_for_each_phase(
    workbook: Any,
) -> None:
    ws = workbook["Chỉ tiêu"]
    caption = find_row(ws, 1, "Giai đoạn 2 (tuần 1): từ ngày 15/11/2024 đến ngày 21/11/2024")
    assert header_texts(ws, caption + 1) == [
        "TT",
        "Xã, thị trấn",
        "Số đối tượng test/ngày",
        None,
        "Số hồ sơ CNBB",
        None,
        "Số án ma túy phát hiện, đấu tranh",
        None,
    ]
    assert header_texts(ws, caption + 2)[2:] == ["Chỉ tiêu", "Thực hiện"] * 3
    rows = block(ws, 6)
    # A measure with no target for a sub-area stays empty, not zero.
    assert rows == {
        "Xã Đồng Mai": [6, 0, 1, 0, None, None],
        "Xã Hòa Tiến": [None, None, None, None, 1, 0],
        TOTAL_LABEL: [6, 0, 1, 0, 1, 0],
    }


def test_targets_sheet_has_one_table_per_phase(tmp_path: Path) -> None:
    figures = sample()
    second = copy.deepcopy(figures["targets"]["phases"][0])
    second.update(name="Giai đoạn 3", rows=[second["rows"][0] | {"target": 2.5, "actual": 3}])
    figures["targets"]["phases"].append(second)
    ws = write(tmp_path, figures)["Chỉ tiêu"]
    start = find_row(ws, 1, "Giai đoạn 3: từ ngày 15/11/2024 đến ngày 21/11/2024")
    assert block(ws, 2, start) == {"Xã Đồng Mai": [2.5, 3], TOTAL_LABEL: [2.5, 3]}
    target = cells_of(ws, "Xã Đồng Mai", 1, start)[0]
    assert target.number_format == "#,##0.0#"  # a fraction keeps its decimals


def test_classification_sheet_has_a_column_per_criterion_and_the_office_last(
    workbook: Any,
) -> None:
    ws = workbook["Phân loại địa bàn"]
    header = find_row(ws, 1, "TT")
    assert header_texts(ws, header) == [
        "TT",
        "Địa bàn",
        "Dân số (người)",
        "Trên tuyến trọng điểm",
        "Tỷ lệ người nghiện, sử dụng có hồ sơ trên số dân",
        "Số điểm tổ chức, chứa chấp",
        "Đề xuất phân loại",
    ]
    rows = block(ws, 5)
    assert rows == {
        "Xã Đồng Mai": [5400, "Có", "0,59%\n(Loại I)", "02 điểm", "Loại I"],
        "Thị trấn Sơn Hà": [None, "Không", None, None, "Chưa đề xuất"],
        "Công an huyện Sơn Hà": [21000, "Có", "0,30%\n(Loại II)", "03 điểm\n(loai_2)", "Loại II"],
    }
    office = find_row(ws, 2, "Công an huyện Sơn Hà")
    assert ws.cell(row=office, column=1).value is None
    assert ws.cell(row=office, column=2).font.b
    assert ws.cell(row=office, column=3).number_format == "#,##0"


def quiet_period() -> dict[str, Any]:
    """No comparison, nothing in any per-sub-area list, no point, no phase."""
    figures = with_area_classes(sample())
    figures["compare_period"] = None
    for owner in figures["lists"].values():
        owner["compare"] = None
        owner["by_sub_area"] = []
    for key in ("substitution_treatment", "custody", "tests", "cnbb", "hotspots", "plants"):
        figures[key]["by_sub_area"] = []
        figures[key].pop("compare", None)
    figures["cases"]["by_sub_area"] = []
    figures["hotspots"]["complex_points"] = []
    figures["hotspots"]["risk_points"] = []
    figures["targets"]["phases"] = []
    figures["area_classes"]["areas"] = []
    return figures


def test_a_quiet_period_keeps_every_sheet_with_headers_and_totals_only(tmp_path: Path) -> None:
    figures = quiet_period()
    workbook = write(tmp_path, figures)
    assert len(workbook.sheetnames) == 11  # ten tables and the charts
    lists = block(workbook["Danh sách quản lý"], 20)
    assert list(lists) == [TOTAL_LABEL]
    assert lists[TOTAL_LABEL][:4] == [450, 394, 279, 565]
    assert list(block(workbook["Test ma túy"], 3)) == [TOTAL_LABEL]
    for ws in workbook.worksheets:
        texts = {cell.value for row in ws.iter_rows() for cell in row}
        assert COMPARE not in texts, ws.title
    hotspots = workbook["Điểm phức tạp"]
    assert find_row(hotspots, 1, "Không có điểm nào.")
    assert find_row(workbook["Chỉ tiêu"], 1, "Chưa có chỉ tiêu nào được giao.")
    assert find_row(workbook["Phân loại địa bàn"], 1, "Chưa có địa bàn nào.")


def test_a_sub_area_missing_from_one_list_gets_zeros_there(tmp_path: Path) -> None:
    figures = sample()
    sau_cai = figures["lists"]["sau_cai"]
    sau_cai["by_sub_area"] = [e for e in sau_cai["by_sub_area"] if e["sub_area"] != "Xã Hòa Tiến"]
    rows = block(write(tmp_path, figures)["Danh sách quản lý"], 20)
    assert list(rows)[:3] == SUB_AREAS
    assert rows["Xã Hòa Tiến"][16:] == [0, 0, 0, 0]


def test_the_total_row_is_the_figures_total_even_when_rows_fall_short(tmp_path: Path) -> None:
    # A person tested with no sub-area recorded counts in the total and in no row: the
    # annex must print the program's total, as the báo cáo does, not re-add the rows.
    figures = sample()
    figures["tests"]["tested"] = 352
    rows = block(write(tmp_path, figures)["Test ma túy"], 3)
    assert sum(rows[name][0] for name in SUB_AREAS) == 351
    assert rows[TOTAL_LABEL][0] == 352
