"""The "Phân loại địa bàn" preview as plain rows: each area's figures, proposal and reasons.

Quyết định 28/2025/QĐ-TTg classes each area once a year from its figures; the program
proposes and the officer confirms. The rows say each criterion's figure and the level it
reaches, the proposed class and why, and whether the area lies on a key route (the one
input that is the officer's, ticked in the table itself).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pcmt_desktop.domain.report_periods import ReportPeriod, is_reporting_year
from pcmt_desktop.gui.reports.figure_table import block, date_text, items, written

# Short column headers; the criterion's full wording from the figures goes in the tooltip.
SHORT_CRITERIA = {
    "persons_rate": "Tỷ lệ người nghiện, sử dụng có hồ sơ / dân số",
    "places": "Điểm tổ chức, chứa chấp sử dụng",
    "arrests_rate": "Tỷ lệ người phạm tội bị bắt / dân số",
    "plants": "Cây có chứa chất ma túy bị triệt phá",
    "key_route": "Tuyến trọng điểm + 02 tiêu chí loại dưới",
}
NOT_YEARLY = (
    "Phân loại địa bàn theo Quyết định số 28/2025/QĐ-TTg tính cho năm báo cáo "
    "(từ ngày 15/12 năm trước đến hết ngày 14/12). Chọn kỳ “Năm” rồi bấm “Xem số liệu”."
)


@dataclass(frozen=True)
class Criterion:
    key: str
    header: str
    label: str


@dataclass(frozen=True)
class AreaRow:
    name: str
    is_office: bool
    population: str
    on_key_route: bool
    cells: tuple[str, ...]  # one per criterion, in ``AreaClassTable.criteria`` order
    proposed: str
    reasons: str


@dataclass(frozen=True)
class AreaClassTable:
    criteria: tuple[Criterion, ...]
    rows: tuple[AreaRow, ...]
    note: str


def _criteria(areas: list[Mapping[str, Any]]) -> tuple[Criterion, ...]:
    found: dict[str, Criterion] = {}
    for area in areas:
        for criterion in items(area, "criteria"):
            key = str(criterion.get("key"))
            label = str(criterion.get("label") or key)
            found.setdefault(key, Criterion(key, SHORT_CRITERIA.get(key, label), label))
    return tuple(found.values())


def _cell(criterion: Mapping[str, Any] | None) -> str:
    """ "0,59% (06 người)" and, on the next line, the level it reaches ("Loại I")."""
    if criterion is None:
        return ""
    figure = str(criterion.get("figure_text") or "").strip()
    level = str(criterion.get("level_label") or "").strip()
    return "\n".join(text for text in (figure, level) if text)


def area_class_table(figures: Mapping[str, Any], *, level_above: bool = False) -> AreaClassTable:
    """``level_above``: the rows are the offices of the level above, each one whole area."""
    owner = block(figures, "area_classes")
    if not owner:
        return AreaClassTable((), (), NOT_YEARLY)
    missing = owner.get("rules_missing")
    areas = items(owner, "areas")
    criteria = _criteria(areas)
    rows = []
    for area in areas:
        by_key = {str(c.get("key")): c for c in items(area, "criteria")}
        rows.append(
            AreaRow(
                name=str(area.get("name") or ""),
                is_office=bool(area.get("is_office")),
                population=written(area.get("population")),
                on_key_route=bool(area.get("on_key_route")),
                cells=tuple(_cell(by_key.get(c.key)) for c in criteria),
                proposed=str(area.get("proposed_label") or ""),
                reasons="\n".join(str(reason) for reason in area.get("reasons") or ()),
            )
        )
    if isinstance(missing, str) and missing:
        return AreaClassTable(criteria, tuple(rows), missing)
    return AreaClassTable(criteria, tuple(rows), _note(block(owner, "period"), level_above))


def _note(period: Mapping[str, Any], level_above: bool) -> str:
    start, end = date_text(period.get("from")), date_text(period.get("to"))
    yearly = _is_year(period)
    head = (
        f"Năm phân loại: từ {start} đến {end}."
        if yearly
        else f"Tính theo kỳ đã chọn (từ {start} đến {end}), không phải năm báo cáo: chỉ để "
        "tham khảo — việc phân loại tính cho năm (từ 15/12 năm trước đến hết 14/12)."
    )
    if level_above:
        return (
            f"{head} Mỗi đơn vị được phân loại như một địa bàn, theo số liệu và việc đánh dấu "
            "tuyến trọng điểm của chính đơn vị đó."
        )
    return (
        f"{head} Chương trình đề xuất, đơn vị xem xét và quyết định. Đánh dấu cột "
        "“Tuyến trọng điểm” cho địa bàn nằm trên tuyến trọng điểm phức tạp về ma túy."
    )


def _is_year(period: Mapping[str, Any]) -> bool:
    try:
        start = date.fromisoformat(str(period.get("from")))
        end = date.fromisoformat(str(period.get("to")))
        return is_reporting_year(ReportPeriod(start, end))
    except ValueError:
        return False
