"""Preview pages of the fight against drug crime: plant seizures, cases, targets.

Seed 000's part II.3 and II.5: cases and subjects against the same period, the
structure by charge with shares in %, administrative violations by act with fines,
what was seized, plants destroyed; seed 001's part 4: targets against what was done.
"""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.domain.report_text import share
from pcmt_desktop.gui.reports.figure_table import (
    FigurePage,
    FigureTable,
    Kind,
    Metric,
    block,
    compare_label,
    date_text,
    items,
    metric_table,
    sub_area_table,
    written,
)
from pcmt_desktop.services.case_types import GRAM_FIELDS, SEIZED_LABELS

PLANT_METRICS = (
    Metric("Số vụ", "cases"),
    Metric("Số đối tượng", "subjects"),
    Metric("Cây thuốc phiện (cây)", "opium_plants"),
    Metric("Cây cần sa (cây)", "cannabis_plants"),
    Metric("Cây khác (cây)", "other_plants"),
    Metric("Diện tích (m²)", "area_m2", Kind.AREA),
    Metric("Tiền phạt (đồng)", "fines_vnd", Kind.MONEY),
)
CRIMINAL_METRICS = (
    Metric("Số vụ bắt giữ", "cases"),
    Metric("Số đối tượng", "subjects"),
    Metric("Số vụ khởi tố", "prosecuted_cases"),
    Metric("Số bị can", "defendants"),
    Metric("Tiếp nhận từ lực lượng khác: số vụ", "received_cases"),
    Metric("Tiếp nhận từ lực lượng khác: số đối tượng", "received_subjects"),
)
ADMINISTRATIVE_METRICS = (
    Metric("Số vụ", "cases"),
    Metric("Số đối tượng", "subjects"),
    Metric("Tiền phạt (đồng)", "fines_vnd", Kind.MONEY),
)
CASE_AREA_METRICS = (
    Metric("Hình sự: số vụ", "criminal_cases"),
    Metric("Hình sự: số đối tượng", "criminal_subjects"),
    Metric("Hành chính: số vụ", "administrative_cases"),
    Metric("Hành chính: số đối tượng", "administrative_subjects"),
)
# Bộ luật Hình sự 2015, chương XX: the charges the seeds' structure tables name.
CHARGE_NAMES = {
    "247": "Trồng cây thuốc phiện, cây côca, cây cần sa hoặc các loại cây khác có chứa chất ma túy",
    "248": "Sản xuất trái phép chất ma túy",
    "249": "Tàng trữ trái phép chất ma túy",
    "250": "Vận chuyển trái phép chất ma túy",
    "251": "Mua bán trái phép chất ma túy",
    "252": "Chiếm đoạt chất ma túy",
    "255": "Tổ chức sử dụng trái phép chất ma túy",
    "256": "Chứa chấp việc sử dụng trái phép chất ma túy",
    "257": "Cưỡng bức người khác sử dụng trái phép chất ma túy",
    "258": "Lôi kéo người khác sử dụng trái phép chất ma túy",
}


def charge_label(article: str) -> str:
    """ "Điều 249 — Tàng trữ trái phép chất ma túy"; an unknown article by its number."""
    name = CHARGE_NAMES.get(article.rstrip("abcdefghijklmnopqrstuvwxyz"))
    return f"Điều {article} — {name}" if name else f"Điều {article}"


def plants_page(figures: Mapping[str, Any]) -> FigurePage:
    owner = block(figures, "plants")
    return FigurePage(
        "plants",
        "Phá nhổ cây",
        (
            metric_table(
                "Phát hiện, phá nhổ cây có chứa chất ma túy",
                PLANT_METRICS,
                owner,
                block(owner, "compare"),
                compare_label(figures),
            ),
            sub_area_table(
                "Theo địa bàn",
                figures,
                owner,
                tuple(m for m in PLANT_METRICS if m.key != "other_plants"),
            ),
        ),
    )


def by_charge_table(criminal: Mapping[str, Any]) -> FigureTable:
    """The structure by charge with shares of all cases and subjects (seed 000)."""
    total_cases = criminal.get("cases")
    total_subjects = criminal.get("subjects")
    rows = []
    for article, counts in block(criminal, "by_charge").items():
        cases = counts.get("cases") if isinstance(counts, Mapping) else None
        subjects = counts.get("subjects") if isinstance(counts, Mapping) else None
        rows.append(
            (
                charge_label(str(article)),
                written(cases),
                _share(cases, total_cases),
                written(subjects),
                _share(subjects, total_subjects),
            )
        )
    return FigureTable(
        "Cơ cấu tội phạm theo tội danh",
        ("Tội danh", "Số vụ", "Tỷ lệ vụ", "Số đối tượng", "Tỷ lệ đối tượng"),
        tuple(rows),
    )


def _share(part: Any, whole: Any) -> str:
    if isinstance(part, int) and isinstance(whole, int) and whole > 0:
        return share(part, whole)
    return "—"


def by_act_table(administrative: Mapping[str, Any]) -> FigureTable:
    rows = tuple(
        (
            str(act),
            written(counts.get("cases")),
            written(counts.get("subjects")),
            written(counts.get("fines_vnd"), Kind.MONEY),
        )
        for act, counts in block(administrative, "by_act").items()
        if isinstance(counts, Mapping)
    )
    return FigureTable(
        "Vi phạm hành chính theo hành vi",
        ("Hành vi vi phạm", "Số vụ", "Số đối tượng", "Tiền phạt (đồng)"),
        rows,
    )


def seized_kind(key: str) -> Kind:
    if key in GRAM_FIELDS:
        return Kind.GRAMS
    return Kind.MONEY if key == "cash_vnd" else Kind.COUNT


def seized_table(cases: Mapping[str, Any]) -> FigureTable:
    criminal = block(cases, "criminal", "seized")
    administrative = block(cases, "administrative", "seized")
    rows = []
    for key, label in SEIZED_LABELS.items():
        kind = seized_kind(key)
        rows.append(
            (label, written(criminal.get(key), kind), written(administrative.get(key), kind))
        )
    return FigureTable(
        "Tang vật thu giữ",
        ("Tang vật", "Vụ án hình sự", "Vi phạm hành chính"),
        tuple(rows) if criminal or administrative else (),
    )


def received_table(criminal: Mapping[str, Any]) -> FigureTable:
    rows = tuple(
        (str(source), written(counts.get("cases")), written(counts.get("subjects")))
        for source, counts in block(criminal, "received_by_source").items()
        if isinstance(counts, Mapping)
    )
    return FigureTable(
        "Tiếp nhận từ lực lượng khác",
        ("Đơn vị chuyển đến", "Số vụ", "Số đối tượng"),
        rows,
        empty_note="Không tiếp nhận vụ nào trong kỳ.",
    )


def cases_page(figures: Mapping[str, Any]) -> FigurePage:
    cases = block(figures, "cases")
    criminal = block(cases, "criminal")
    administrative = block(cases, "administrative")
    label = compare_label(figures)
    return FigurePage(
        "cases",
        "Vụ việc",
        (
            metric_table(
                "Tội phạm về ma túy", CRIMINAL_METRICS, criminal, block(criminal, "compare"), label
            ),
            by_charge_table(criminal),
            received_table(criminal),
            metric_table(
                "Vi phạm hành chính về ma túy",
                ADMINISTRATIVE_METRICS,
                administrative,
                block(administrative, "compare"),
                label,
            ),
            by_act_table(administrative),
            seized_table(cases),
            sub_area_table("Theo địa bàn", figures, cases, CASE_AREA_METRICS, with_total=False),
        ),
    )


def _phase_table(phase: Mapping[str, Any]) -> FigureTable:
    """A phase as the "Chỉ tiêu" tab shows it: sub-areas × measures, "thực hiện / giao"."""
    measures: dict[str, str] = {}
    cells: dict[str, dict[str, str]] = {}
    for row in items(phase, "rows"):
        measure = str(row.get("measure") or "")
        measures.setdefault(measure, str(row.get("measure_label") or measure))
        done = written(row.get("actual"), Kind.DECIMAL)
        target = written(row.get("target"), Kind.DECIMAL)
        cells.setdefault(str(row.get("sub_area") or ""), {})[measure] = f"{done} / {target}"
    rows = tuple(
        (name, *(by_measure.get(key, "") for key in measures)) for name, by_measure in cells.items()
    )
    title = (
        f"{phase.get('name') or 'Giai đoạn'} "
        f"({date_text(phase.get('from'))} – {date_text(phase.get('to'))})"
    )
    return FigureTable(
        title,
        ("Địa bàn", *measures.values()),
        rows,
        empty_note="Giai đoạn này chưa giao chỉ tiêu.",
    )


def targets_page(figures: Mapping[str, Any]) -> FigurePage:
    """One table per campaign phase: each sub-area's target against what was done."""
    tables = tuple(_phase_table(phase) for phase in items(block(figures, "targets"), "phases"))
    note = (
        "Mỗi ô: thực hiện / chỉ tiêu được giao."
        if tables
        else "Chưa có giai đoạn nào kết thúc sau ngày bắt đầu kỳ báo cáo (tab “Chỉ tiêu”)."
    )
    return FigurePage("targets", "Chỉ tiêu", tables, note)
