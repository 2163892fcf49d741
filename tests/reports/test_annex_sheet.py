"""draw_sheet's pinned header: frozen and printed on every page, unless the plan says not.

The sheets are written to real .xlsx files and opened back with openpyxl.
"""

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from pcmt_desktop.reports.annex_blocks import ORDINAL
from pcmt_desktop.reports.annex_layout import (
    Block,
    Column,
    Kind,
    SheetPlan,
    TopMatter,
    numbered,
    ungrouped,
)
from pcmt_desktop.reports.annex_sheet import draw_sheet

TOP = TopMatter(
    issuer=("CÔNG AN TỈNH NAM HÒA", "CÔNG AN HUYỆN SƠN HÀ"),
    attached_to="(Kèm theo Báo cáo thử)",
    period="Từ ngày 15/10/2024 đến ngày 12/11/2024",
    made="Ngày lập: 14/11/2024",
)
BLOCK = Block(
    (ungrouped(ORDINAL, Column("Xã, thị trấn", Kind.TEXT), Column("Số người", Kind.COUNT)),),
    numbered([("Xã Đồng Mai", 12), ("Thị trấn Sơn Hà", 7)]),
)


def drawn(tmp_path: Path, plan: SheetPlan) -> Any:
    workbook = Workbook()
    workbook.remove(workbook.active)
    draw_sheet(workbook.create_sheet(plan.name), plan, TOP)
    out = tmp_path / "bang.xlsx"
    workbook.save(out)
    return load_workbook(out)[plan.name]


def test_a_sheet_of_one_table_pins_its_header(tmp_path: Path) -> None:
    ws = drawn(tmp_path, SheetPlan("Bảng", "BẢNG THỬ", (BLOCK,)))
    header = [row for row in range(1, ws.max_row + 1) if ws.cell(row, 1).value == "TT"]
    assert header == [9]
    assert ws.freeze_panes == "C10"
    assert ws.print_title_rows == "$9:$9"


def test_a_plan_that_pins_nothing_freezes_and_repeats_nothing(tmp_path: Path) -> None:
    ws = drawn(tmp_path, SheetPlan("Bảng", "BẢNG THỬ", (BLOCK,), pin_header=False))
    assert ws.freeze_panes is None
    assert ws.print_title_rows is None
    # The rest of the page set-up is the annex's usual one.
    assert (ws.page_setup.orientation, ws.oddFooter.center.text) == ("landscape", "Trang &P")
    assert ws.cell(10, 2).value == "Xã Đồng Mai"
