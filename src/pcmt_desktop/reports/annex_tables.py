"""The per-sub-area sheets of the annex: lists, treatment, custody, tests, dossiers,
plants and cases — which figure goes in which column, in the order the báo cáo tells them.
"""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports.annex_blocks import Part, measures, sub_area_block
from pcmt_desktop.reports.annex_figures import (
    compare_label,
    entries,
    section,
    sub_area_header,
)
from pcmt_desktop.reports.annex_layout import Column, Kind, SheetPlan

STAY_COLUMNS = (
    ("before", Column("Đầu kỳ", Kind.COUNT, 7.5)),
    ("added", Column("Bổ sung", Kind.COUNT, 7.5)),
    ("removed", Column("Thanh loại", Kind.COUNT, 7.5)),
    ("after", Column("Cuối kỳ", Kind.COUNT, 7.5)),
)


def _stay_sheet(figures: Mapping[str, Any], key: str, name: str, title: str) -> SheetPlan | None:
    """A register with before / added / removed / after per sub-area (one column group)."""
    owner = section(figures, key)
    if owner is None:
        return None
    part = Part(entries(owner), measures(owner, section(owner, "compare"), STAY_COLUMNS))
    block = sub_area_block([part], sub_area_header(figures), compare_label(figures))
    return SheetPlan(name, title, (block,))


def lists_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    """The five management lists side by side, each under a merged header with its name."""
    owners = section(figures, "lists")
    if owners is None:
        return None
    parts = []
    for kind in ManagementList:
        owner = section(owners, kind.value)
        parts.append(
            Part(
                entries(owner),
                measures(owner, section(owner, "compare") if owner else None, STAY_COLUMNS),
                kind.short_label,
            )
        )
    block = sub_area_block(parts, sub_area_header(figures), compare_label(figures))
    return SheetPlan(
        "Danh sách quản lý", "SỐ NGƯỜI TRONG DANH SÁCH QUẢN LÝ THEO TỪNG DIỆN", (block,)
    )


def substitution_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    return _stay_sheet(
        figures,
        "substitution_treatment",
        "Điều trị thay thế",
        "NGƯỜI NGHIỆN ĐIỀU TRỊ BẰNG THUỐC THAY THẾ",
    )


def custody_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    return _stay_sheet(
        figures,
        "custody",
        "Cơ sở giam giữ",
        "NGƯỜI Ở TRẠI GIAM, CƠ SỞ GIÁO DỤC BẮT BUỘC, TRƯỜNG GIÁO DƯỠNG",
    )


def tests_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    owner = section(figures, "tests")
    if owner is None:
        return None
    columns = (
        ("tested", Column("Số người được test", Kind.COUNT, 12)),
        ("positive", Column("Số người dương tính", Kind.COUNT, 12)),
        ("positive_rate", Column("Tỷ lệ dương tính (%)", Kind.RATE, 12)),
    )
    part = Part(entries(owner), measures(owner, section(owner, "compare"), columns))
    block = sub_area_block([part], sub_area_header(figures), compare_label(figures))
    return SheetPlan("Test ma túy", "KẾT QUẢ TEST MA TÚY", (block,))


def dossiers_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    owner = section(figures, "cnbb")
    if owner is None:
        return None
    columns = (
        ("created", Column("Lập hồ sơ", Kind.COUNT, 11)),
        ("sent_to_court", Column("Chuyển Tòa án", Kind.COUNT, 11)),
        ("decided", Column("Tòa án quyết định", Kind.COUNT, 11)),
        ("executed", Column("Đưa đi cai nghiện", Kind.COUNT, 11)),
    )
    part = Part(entries(owner), measures(owner, section(owner, "compare"), columns))
    block = sub_area_block([part], sub_area_header(figures), compare_label(figures))
    return SheetPlan(
        "Hồ sơ CNBB", "HỒ SƠ ĐỀ NGHỊ ĐƯA VÀO CƠ SỞ CAI NGHIỆN BẮT BUỘC (CNBB)", (block,)
    )


def plants_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    owner = section(figures, "plants")
    if owner is None:
        return None
    columns = (
        ("cases", Column("Số vụ", Kind.COUNT, 9)),
        ("subjects", Column("Số đối tượng", Kind.COUNT, 10)),
        ("opium_plants", Column("Cây thuốc phiện", Kind.COUNT, 11)),
        ("cannabis_plants", Column("Cây cần sa", Kind.COUNT, 11)),
        ("area_m2", Column("Diện tích (m²)", Kind.DECIMAL, 11)),
        ("fines_vnd", Column("Tiền phạt (đồng)", Kind.MONEY, 14)),
    )
    part = Part(entries(owner), measures(owner, section(owner, "compare"), columns))
    block = sub_area_block([part], sub_area_header(figures), compare_label(figures))
    return SheetPlan("Phá nhổ cây", "PHÁT HIỆN, PHÁ NHỔ CÂY CÓ CHỨA CHẤT MA TÚY", (block,))


def cases_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    owner = section(figures, "cases")
    if owner is None:
        return None
    rows = entries(owner)
    parts = []
    for kind, title in (("criminal", "Hình sự"), ("administrative", "Vi phạm hành chính")):
        totals = section(owner, kind)
        compare = section(totals, "compare") if totals else None
        columns = (
            ("cases", Column("Số vụ", Kind.COUNT, 9)),
            ("subjects", Column("Số đối tượng", Kind.COUNT, 10)),
        )
        parts.append(Part(rows, measures(totals, compare, columns, f"{kind}_"), title))
    block = sub_area_block(parts, sub_area_header(figures), compare_label(figures))
    return SheetPlan("Vụ việc", "PHÁT HIỆN, XỬ LÝ VI PHẠM PHÁP LUẬT VỀ MA TÚY", (block,))
