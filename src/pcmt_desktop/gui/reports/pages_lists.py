"""Preview pages of the persons under management: the lists, per sub-area, surveillance.

These are the figures of seed 001's part II: each list's before / added / removed / now
with the reasons, where addicts are, and the same four counts per sub-area.
"""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.reports.figure_table import (
    CHANGE_HEADER,
    FigurePage,
    FigureTable,
    Metric,
    block,
    change_text,
    compare_label,
    items,
    sub_area_table,
    written,
)

STAY_METRICS = (
    Metric("Trước kỳ", "before"),
    Metric("Bổ sung", "added"),
    Metric("Thanh loại", "removed"),
    Metric("Hiện tại", "after"),
)
# Registers with the same four counts as the lists, shown under them.
OTHER_REGISTERS = (
    ("substitution_treatment", "Người điều trị bằng thuốc thay thế"),
    ("custody", "Người ở trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng"),
)
SURVEILLANCE_ROWS = (
    *((kind.value, kind.label) for kind in ManagementList),
    ("khac", "Đối tượng khác"),
)


def _registers(figures: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(label, block) of every register with before / added / removed / after."""
    found = [
        (kind.label, owner)
        for kind in ManagementList
        if (owner := block(figures, "lists", kind.value))
    ]
    found += [(label, owner) for key, label in OTHER_REGISTERS if (owner := block(figures, key))]
    return found


def lists_overview(figures: Mapping[str, Any]) -> FigureTable:
    """Rows = lists; columns Trước kỳ / Bổ sung / Thanh loại / Hiện tại (/ cùng kỳ)."""
    label = compare_label(figures)
    headers: tuple[str, ...] = ("Diện quản lý", *(metric.label for metric in STAY_METRICS))
    if label is not None:
        headers += (f"Hiện tại — {label.lower()}", CHANGE_HEADER)
    rows = []
    for name, owner in _registers(figures):
        row: tuple[str, ...] = (name, *(written(owner.get(m.key)) for m in STAY_METRICS))
        if label is not None:
            earlier = block(owner, "compare")
            old = earlier.get("after") if earlier else None
            row += (written(old), change_text(owner.get("after"), old))
        rows.append(row)
    return FigureTable("Số người trong từng diện quản lý", headers, tuple(rows))


def addicts_location_table(figures: Mapping[str, Any]) -> FigureTable:
    location = block(figures, "addicts_location")
    rows = tuple(
        (
            place,
            written(block(location, "before").get(key)),
            written(block(location, "after").get(key)),
        )
        for key, place in (("community", "Ngoài cộng đồng"), ("facility", "Trong cơ sở CNBB"))
    )
    return FigureTable(
        "Người nghiện: ngoài cộng đồng và trong cơ sở cai nghiện bắt buộc",
        ("Nơi ở", "Trước kỳ", "Hiện tại"),
        rows if location else (),
    )


def reasons_table(figures: Mapping[str, Any]) -> FigureTable:
    """Each list's additions and removals by the reason recorded, as the seed tells them."""
    rows = []
    for kind in ManagementList:
        owner = block(figures, "lists", kind.value)
        for what, reasons, moves, way in (
            ("Bổ sung", "added_by_reason", "added_from_list", "từ diện"),
            ("Thanh loại", "removed_by_reason", "removed_to_list", "sang diện"),
        ):
            for reason, count in block(owner, reasons).items():
                rows.append((kind.short_label, what, str(reason), written(count)))
            # The moves between lists, by the list moved from or to ("trong đó" lines).
            for other, count in block(owner, moves).items():
                moved = f"trong đó chuyển {way} {_short_label(str(other))}"
                rows.append((kind.short_label, what, moved, written(count)))
    return FigureTable(
        "Bổ sung, thanh loại theo lý do",
        ("Diện", "Bổ sung / thanh loại", "Lý do", "Số người"),
        tuple(rows),
        text_columns=3,
        empty_note="Không có người nào được bổ sung hoặc thanh loại trong kỳ.",
    )


def _short_label(key: str) -> str:
    try:
        return ManagementList(key).short_label.lower()
    except ValueError:
        return key


def lists_page(figures: Mapping[str, Any]) -> FigurePage:
    return FigurePage(
        "lists",
        "Danh sách quản lý",
        (lists_overview(figures), addicts_location_table(figures), reasons_table(figures)),
    )


def by_sub_area_page(figures: Mapping[str, Any]) -> FigurePage:
    """The same four counts per sub-area, one table per register (the annex's first sheets)."""
    tables = tuple(
        sub_area_table(name, figures, owner, STAY_METRICS) for name, owner in _registers(figures)
    )
    return FigurePage("sub_areas", "Theo địa bàn", tables)


def surveillance_page(figures: Mapping[str, Any]) -> FigurePage:
    owner = block(figures, "surveillance")
    headers = ("Diện", "Tổng số", "DM1", "DM2", "DM3", "Loại A", "Loại B")

    def row(label: str, group: Mapping[str, Any]) -> tuple[str, ...]:
        categories = block(group, "categories")
        classes = block(group, "classes")
        return (
            label,
            written(group.get("total")),
            *(written(categories.get(key)) for key in ("DM1", "DM2", "DM3")),
            *(written(classes.get(key)) for key in ("A", "B")),
        )

    rows = [
        row(label, group)
        for key, label in SURVEILLANCE_ROWS
        if (group := block(owner, "by_list", key))
    ]
    if rows:
        rows.append(("Tổng cộng", written(owner.get("total")), *([""] * 5)))
    opened = block(owner, "opened")
    opened_rows = (row("Đưa vào sưu tra, hiềm nghi trong kỳ", opened),) if opened else ()
    per_area = tuple(
        (str(item.get("sub_area") or ""), written(item.get("count"))) for item in items(opened)
    )
    return FigurePage(
        "surveillance",
        "Sưu tra",
        (
            FigureTable(
                "Đối tượng sưu tra, hiềm nghi đang quản lý (cuối kỳ)",
                headers,
                tuple(rows),
                summary_rows=1 if rows else 0,
            ),
            FigureTable("Đưa vào sưu tra, hiềm nghi trong kỳ", headers, opened_rows),
            FigureTable("Đưa vào sưu tra trong kỳ theo địa bàn", ("Địa bàn", "Số người"), per_area),
        ),
    )
