"""The area-classification sheet (Quyết định 28/2025/QĐ-TTg): each area's figures and class.

Only yearly figures carry "area_classes". Every criterion is a column, keyed by the
criterion's key so that areas listing criteria in another order still line up, under
the first area's label; its cell holds the figure as the classification wrote it and
the level it reaches. The office as a whole comes last, as the summary row. The long
reasons stay in the báo cáo: the columns already show each criterion's figure.
"""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.reports.annex_blocks import ORDINAL, number
from pcmt_desktop.reports.annex_figures import entries, period_line, section
from pcmt_desktop.reports.annex_layout import (
    Block,
    Column,
    Kind,
    SheetPlan,
    Value,
    numbered,
    ungrouped,
)

NO_AREA = "Chưa có địa bàn nào."


def criteria_labels(areas: list[Mapping[str, Any]]) -> dict[str, str]:
    """Criterion key → label, in the order first met, each label as the first area says it."""
    labels: dict[str, str] = {}
    for area in areas:
        for criterion in entries(area, "criteria"):
            key = str(criterion.get("key"))
            labels.setdefault(key, str(criterion.get("label") or key))
    return labels


def criterion_text(criterion: Mapping[str, Any] | None) -> str | None:
    """ "0,59%" and, under it, the level it reaches ("Loại I"); None when not assessed."""
    if criterion is None:
        return None
    level = str(criterion.get("level_label") or criterion.get("level") or "").strip()
    figure = str(criterion.get("figure_text") or "").strip()
    return "\n".join(text for text in (figure, f"({level})" if level else "") if text)


def _row(area: Mapping[str, Any], keys: list[str]) -> tuple[Value, ...]:
    criteria = {str(c.get("key")): c for c in entries(area, "criteria")}
    return (
        str(area.get("name") or ""),
        number(area.get("population")),
        "Có" if area.get("on_key_route") else "Không",
        *(criterion_text(criteria.get(key)) for key in keys),
        str(area.get("proposed_label") or ""),
    )


def areas_sheet(figures: Mapping[str, Any]) -> SheetPlan | None:
    owner = section(figures, "area_classes")
    if owner is None:
        return None
    areas = entries(owner, "areas")
    labels = criteria_labels(areas)
    keys = list(labels)
    columns = ungrouped(
        ORDINAL,
        Column("Địa bàn", Kind.TEXT),
        Column("Dân số (người)", Kind.COUNT, 11),
        Column("Trên tuyến trọng điểm", Kind.TEXT, 11),
        *(Column(labels[key], Kind.TEXT, 18) for key in keys),
        Column("Đề xuất phân loại", Kind.TEXT, 16),
    )
    sub_areas = [_row(area, keys) for area in areas if not area.get("is_office")]
    office = tuple((None, *_row(area, keys)) for area in areas if area.get("is_office"))
    block = Block((columns,), numbered(sub_areas), office, empty_note=NO_AREA)
    return SheetPlan(
        "Phân loại địa bàn",
        "ĐỀ XUẤT PHÂN LOẠI ĐỊA BÀN VỀ MA TÚY (QUYẾT ĐỊNH SỐ 28/2025/QĐ-TTg)",
        (block,),
        period_line(section(owner, "period")) or None,
    )
