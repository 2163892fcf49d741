"""The "Theo đơn vị" page of the combined figures: each office's headline counts.

The rows are the combined figures' ``by_office`` (one per office, with when its backup
was made); the "Tổng cộng" row is the combined figures' own totals read the same way
(``headline`` of the combined object), not a sum of what is shown, as everywhere else
in the preview.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.reports.figure_table import (
    MISSING,
    TOTAL_LABEL,
    FigurePage,
    FigureTable,
    Kind,
    Metric,
    items,
    written,
)
from pcmt_desktop.gui.upper.moments import moment_text
from pcmt_desktop.upper.combine import headline

OFFICE_HEADER = "Đơn vị"
BACKUP_HEADER = "Dữ liệu sao lưu lúc"
PAGE_NOTE = (
    "Số liệu của từng đơn vị tính trên dữ liệu trong tệp sao lưu đơn vị đã gửi: việc đơn vị "
    "cập nhật sau thời điểm sao lưu chưa có ở đây."
)

# (title, part of a headline, its figures): the parts of ``combine.headline``.
Section = tuple[str, tuple[str, ...], tuple[Metric, ...]]
SECTIONS: tuple[Section, ...] = (
    (
        "Người trong diện quản lý (cuối kỳ)",
        ("lists",),
        tuple(Metric(kind.short_label, kind.value) for kind in ManagementList),
    ),
    (
        "Test ma túy",
        ("tests",),
        (
            Metric("Số người được test", "tested"),
            Metric("Số người dương tính", "positive"),
            Metric("Tỷ lệ dương tính", "positive_rate", Kind.RATE),
        ),
    ),
    (
        "Hồ sơ đưa vào cơ sở cai nghiện bắt buộc",
        ("cnbb",),
        (
            Metric("Lập hồ sơ", "created"),
            Metric("Chuyển Tòa án", "sent_to_court"),
            Metric("Tòa án quyết định", "decided"),
            Metric("Đưa đi cai nghiện", "executed"),
        ),
    ),
    (
        "Điểm, tụ điểm và đối tượng bán lẻ (cuối kỳ)",
        ("hotspots",),
        (
            Metric("Điểm, tụ điểm phức tạp", "complex"),
            Metric("Điểm có nguy cơ phức tạp", "risk"),
            Metric("Đối tượng bán lẻ", "retail_sellers"),
        ),
    ),
    (
        "Phá nhổ cây có chứa chất ma túy",
        ("plants",),
        (
            Metric("Số vụ", "cases"),
            Metric("Cây thuốc phiện", "opium_plants"),
            Metric("Cây cần sa", "cannabis_plants"),
            Metric("Cây khác", "other_plants"),
            Metric("Diện tích (m²)", "area_m2", Kind.AREA),
        ),
    ),
    (
        "Vụ án hình sự về ma túy",
        ("criminal",),
        (Metric("Số vụ", "cases"), Metric("Số đối tượng", "subjects")),
    ),
    (
        "Vi phạm hành chính về ma túy",
        ("administrative",),
        (
            Metric("Số vụ", "cases"),
            Metric("Số đối tượng", "subjects"),
            Metric("Tiền phạt (đồng)", "fines_vnd", Kind.MONEY),
        ),
    ),
)


def backup_moment(value: Any) -> str:
    """ "09:30 20/11/2026" from the ISO text ``by_office`` carries; "—" when absent."""
    if not isinstance(value, str) or not value:
        return MISSING
    try:
        return moment_text(datetime.fromisoformat(value))
    except ValueError:
        return MISSING


def _part(owner: Mapping[str, Any], path: Sequence[str]) -> Mapping[str, Any]:
    value: Any = owner
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def section_table(
    title: str,
    path: Sequence[str],
    metrics: Sequence[Metric],
    rows: Sequence[Mapping[str, Any]],
    totals: Mapping[str, Any],
    *,
    with_moment: bool = False,
) -> FigureTable:
    """Rows = offices, then the combined total; ``with_moment`` adds when each backed up."""
    headers: tuple[str, ...] = (OFFICE_HEADER,)
    if with_moment:
        headers += (BACKUP_HEADER,)
    headers += tuple(metric.label for metric in metrics)
    body = []
    for row in rows:
        lead: tuple[str, ...] = (str(row.get("office") or ""),)
        if with_moment:
            lead += (backup_moment(row.get("created_at")),)
        part = _part(row, path)
        body.append((*lead, *(written(part.get(m.key), m.kind) for m in metrics)))
    summary = []
    if body:
        part = _part(totals, path)
        lead = (TOTAL_LABEL, "") if with_moment else (TOTAL_LABEL,)
        summary.append((*lead, *(written(part.get(m.key), m.kind) for m in metrics)))
    return FigureTable(
        title,
        headers,
        (*body, *summary),
        text_columns=2 if with_moment else 1,
        summary_rows=len(summary),
    )


def by_office_page(figures: Mapping[str, Any]) -> FigurePage:
    """One table per area of work; the first also says when each office's data was made."""
    rows = items(figures, "by_office")
    totals = headline(figures)
    tables = tuple(
        section_table(title, path, metrics, rows, totals, with_moment=index == 0)
        for index, (title, path, metrics) in enumerate(SECTIONS)
    )
    return FigurePage("by_office", "Theo đơn vị", tables, note=PAGE_NOTE)
