"""The annex's "Biểu đồ" sheet: native charts fed by tables on the sheet, and the tiles grid.

Every test writes a real .xlsx with ``write_annex`` and opens it back with openpyxl; the
charts' series are followed to the cells they point at.
"""

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from pcmt_desktop.domain.hotspots import HotspotState
from pcmt_desktop.reports.annex import write_annex
from pcmt_desktop.reports.annex_charts import SHEET_NAME
from pcmt_desktop.reports.charts import RATE_COLOUR, series_colour, severity_fill
from tests.reports.test_chart_specs import DAYS, LISTS, MONTHS, full, size

TITLE = "Báo cáo kết quả giai đoạn cao điểm"
MADE = date(2024, 11, 14)


def write(tmp_path: Path, figures: dict[str, Any]) -> Any:
    out = tmp_path / "phu-luc.xlsx"
    write_annex(figures, out, title=TITLE, made_on=MADE)
    return load_workbook(out)


def cells(ws: Any, reference: str) -> list[Any]:
    """The values of the cells a chart reference ("'Biểu đồ'!$C$11:$C$22") points at."""
    sheet, _, area = reference.rpartition("!")
    assert sheet.strip("'") == ws.title
    min_col, min_row, max_col, max_row = range_boundaries(area.replace("$", ""))
    return [
        ws.cell(row=row, column=col).value
        for row in range(min_row, max_row + 1)
        for col in range(min_col, max_col + 1)
    ]


def title_lines(chart: Any) -> list[str]:
    return ["".join(run.t for run in paragraph.r) for paragraph in chart.title.tx.rich.p]


def series_of(ws: Any, chart: Any) -> list[tuple[str, list[Any], list[Any]]]:
    """Each series as (name, categories, values), read from the cells it refers to."""
    return [
        (
            cells(ws, series.tx.strRef.f)[0],
            cells(ws, series.cat.numRef.f),
            cells(ws, series.val.numRef.f),
        )
        for series in chart.series
    ]


def fill(severity: int | None) -> str:
    """The shared palette's tile fill as openpyxl reads a cell's colour back."""
    return severity_fill(severity).removeprefix("#")


def colour(choice: Any) -> str:
    """An Excel chart colour read back ("0072B2") in the shared palette's form ("#0072B2")."""
    return f"#{choice.srgbClr}"


def column_a(ws: Any) -> list[Any]:
    return [ws.cell(row=row, column=1).value for row in range(1, ws.max_row + 1)]


def test_the_charts_sheet_comes_last_with_the_annexs_lines_on_top(tmp_path: Path) -> None:
    workbook = write(tmp_path, full())
    assert workbook.sheetnames[-1] == SHEET_NAME
    assert workbook.sheetnames[-2] == "Phân loại địa bàn"
    ws = workbook[SHEET_NAME]
    assert column_a(ws)[:7] == [
        "CÔNG AN TỈNH NAM HÒA",
        "CÔNG AN HUYỆN SƠN HÀ",
        "(Kèm theo Báo cáo kết quả giai đoạn cao điểm)",
        None,
        "BIỂU ĐỒ TÌNH HÌNH, KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MA TÚY",
        "Từ ngày 15/10/2024 đến ngày 12/11/2024",
        "Ngày lập: 14/11/2024",
    ]
    setup = ws.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # A page of pictures: nothing frozen, no table header repeated over the charts.
    assert ws.freeze_panes is None
    assert ws.print_title_rows is None


def test_each_chart_is_a_native_chart_with_its_title_and_subtitle(tmp_path: Path) -> None:
    ws = write(tmp_path, full())[SHEET_NAME]
    charts = ws._charts
    assert [type(chart).__name__ for chart in charts] == ["LineChart", "BarChart", "BarChart"]
    assert [title_lines(chart) for chart in charts] == [
        [
            "Số người trong các diện quản lý theo tháng",
            "Số người ở cuối mỗi tháng, tính đến ngày 12/11/2024",
        ],
        [
            "Test ma túy và tỷ lệ dương tính theo xã, thị trấn",
            "Từ 15/10/2024 đến 12/11/2024; tổng số 351 người được test, 53 dương tính (15,1%)",
        ],
        ["Điểm, tụ điểm theo tình trạng", "Tính đến ngày 12/11/2024"],
    ]
    runs = [run for chart in charts for paragraph in chart.title.tx.rich.p for run in paragraph.r]
    assert {run.rPr.latin.typeface for run in runs} == {"Times New Roman"}
    # Each on a printed page of its own, from its second row, over columns A to G
    # (a break's id is the last row before it; an anchor's row counts from 0).
    breaks = {brk.id for brk in ws.row_breaks.brk}
    for chart in charts:
        assert chart.anchor._from.row - 1 in breaks
        assert (chart.anchor._from.col, chart.anchor.to.col) == (0, 7)


def test_the_list_sizes_line_reads_every_count_from_the_table_beside_it(tmp_path: Path) -> None:
    ws = write(tmp_path, full())[SHEET_NAME]
    line = ws._charts[0]
    read = series_of(ws, line)
    assert [name for name, _, _ in read] == [item.short_label for item in LISTS]
    for index, (_, categories, values) in enumerate(read):
        assert categories == MONTHS
        assert values == [size(day, index) for day in range(len(DAYS))]


def test_the_tests_chart_has_bars_and_the_rate_on_a_right_hand_axis(tmp_path: Path) -> None:
    ws = write(tmp_path, full())[SHEET_NAME]
    bars = ws._charts[1]
    sub_areas = ["Xã Đồng Mai", "Xã Hòa Tiến", "Thị trấn Sơn Hà"]
    assert series_of(ws, bars) == [
        ("Số người được test", sub_areas, [200, 100, 51]),
        ("Số người dương tính", sub_areas, [40, 12, 1]),
    ]
    bar_part, rate_part = bars._charts
    assert type(rate_part).__name__ == "LineChart"
    (rate,) = rate_part.series
    assert cells(ws, rate.tx.strRef.f) == ["Tỷ lệ dương tính (%)"]
    assert cells(ws, rate.val.numRef.f) == [20.0, 12.0, 2.0]
    assert rate_part.y_axis.axId != bar_part.y_axis.axId
    assert rate_part.y_axis.crosses == "max"
    assert (rate_part.y_axis.scaling.min, rate_part.y_axis.scaling.max) == (0, 100)


def test_the_excel_series_have_the_colours_of_the_pictures(tmp_path: Path) -> None:
    lines, tests, hotspots = write(tmp_path, full())[SHEET_NAME]._charts
    assert [colour(series.graphicalProperties.line.solidFill) for series in lines.series] == [
        series_colour(index, len(LISTS)) for index in range(len(LISTS))
    ]
    assert [colour(series.marker.graphicalProperties.solidFill) for series in lines.series] == [
        series_colour(index, len(LISTS)) for index in range(len(LISTS))
    ]
    # Two bars read as the pair (sky blue, vermillion); a single series takes the first colour.
    assert [colour(series.graphicalProperties.solidFill) for series in tests.series] == [
        series_colour(0, 2),
        series_colour(1, 2),
    ]
    assert colour(hotspots.series[0].graphicalProperties.solidFill) == series_colour(0, 1)
    (rate,) = tests._charts[1].series
    assert colour(rate.graphicalProperties.line.solidFill) == RATE_COLOUR
    assert rate.graphicalProperties.line.prstDash == "dash"


def test_a_sheet_of_one_table_still_pins_no_header(tmp_path: Path) -> None:
    """One table would otherwise have its header frozen and printed over every chart page."""
    figures = full()
    for key in ("trends", "tests", "area_classes"):
        del figures[key]
    ws = write(tmp_path, figures)[SHEET_NAME]
    assert [type(chart).__name__ for chart in ws._charts] == ["BarChart"]
    assert ws.freeze_panes is None
    assert ws.print_title_rows is None


def test_a_sub_area_nobody_was_tested_in_leaves_its_rate_cell_empty(tmp_path: Path) -> None:
    figures = full()
    figures["tests"]["by_sub_area"].append(
        {"sub_area": "Xã Vắng", "tested": 0, "positive": 0, "positive_rate": 0.0}
    )
    ws = write(tmp_path, figures)[SHEET_NAME]
    (rate,) = ws._charts[1]._charts[1].series
    assert cells(ws, rate.val.numRef.f) == [20.0, 12.0, 2.0, None]


def test_the_hotspots_chart_shows_its_three_states_with_their_numbers(tmp_path: Path) -> None:
    ws = write(tmp_path, full())[SHEET_NAME]
    bars = ws._charts[2]
    assert series_of(ws, bars) == [
        ("Số điểm, tụ điểm", [state.label for state in HotspotState], [4, 9, 2])
    ]
    labels = bars.dataLabels
    assert labels.showVal
    assert not (labels.showSerName or labels.showCatName or labels.showLegendKey)


def test_tiles_are_coloured_cells_with_name_and_class_and_a_legend(tmp_path: Path) -> None:
    ws = write(tmp_path, full())[SHEET_NAME]
    found = {
        cell.value: cell.fill.fgColor.rgb[-6:]
        for row in ws.iter_rows(min_col=2, max_col=7)
        for cell in row
        if isinstance(cell.value, str)
        and cell.fill.fill_type == "solid"
        and cell.fill.fgColor.rgb[-6:] != "D9E2F3"  # the tables' header fill
    }
    # The screen's fills; a tile says its class short, the legend in full.
    assert found == {
        "Xã Đồng Mai\nLoại I": fill(3),
        "Xã Hòa Tiến\nKhông ma túy": fill(0),
        "Thị trấn Sơn Hà\nChưa đề xuất": fill(None),
        "Xã Tân Lập\nLoại III": fill(1),
        # The legend, gravest first.
        "Loại I": fill(3),
        "Loại II": fill(2),
        "Loại III": fill(1),
        "Không có tệ nạn ma túy": fill(0),
        "Chưa đề xuất": fill(None),
    }
    texts = column_a(ws)
    assert "Phân loại địa bàn theo Quyết định 28/2025/QĐ-TTg" in texts
    assert "Từ 13/11/2023 đến 12/11/2024" in texts
    assert "Chú thích:" in texts
    # The office as a whole is the classification sheet's total row, not a tile.
    assert not any("Công an huyện" in str(value) for value in found)


def test_an_empty_chart_is_a_line_under_the_tables_not_a_page(tmp_path: Path) -> None:
    figures = full()
    figures["hotspots"]["by_state"] = {state.value: 0 for state in HotspotState}
    figures["area_classes"]["areas"] = []
    ws = write(tmp_path, figures)[SHEET_NAME]
    assert [type(chart).__name__ for chart in ws._charts] == ["LineChart", "BarChart"]
    texts = column_a(ws)
    hotspots = texts.index("Điểm, tụ điểm theo tình trạng: chưa có điểm, tụ điểm nào.")
    areas = texts.index("Phân loại địa bàn theo Quyết định 28/2025/QĐ-TTg: chưa có địa bàn nào.")
    assert ws.cell(row=hotspots + 1, column=1).font.i
    # Both come before the first chart's page, which starts right under them.
    assert areas == hotspots + 1
    assert min(brk.id for brk in ws.row_breaks.brk) == areas + 1
    assert len(ws.row_breaks.brk) == 2
    assert "Chú thích:" not in texts
    # Its numbers are still in the sheet's tables, zeros and all.
    caption = "3. Số liệu của biểu đồ: Điểm, tụ điểm theo tình trạng"
    caption_row = texts.index(caption) + 1  # rows count from 1; the header is under it
    assert [ws.cell(row=caption_row + n, column=3).value for n in range(2, 5)] == [0, 0, 0]


def test_no_chart_in_the_figures_means_no_charts_sheet(tmp_path: Path) -> None:
    figures = full()
    for key in ("trends", "tests", "area_classes"):
        del figures[key]
    del figures["hotspots"]["by_state"]
    assert SHEET_NAME not in write(tmp_path, figures).sheetnames


def test_only_the_tiles_still_make_a_sheet(tmp_path: Path) -> None:
    figures = full()
    for key in ("trends", "tests"):
        del figures[key]
    del figures["hotspots"]["by_state"]
    ws = write(tmp_path, figures)[SHEET_NAME]
    assert ws._charts == []
    assert "Chú thích:" in column_a(ws)
