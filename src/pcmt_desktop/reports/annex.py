"""The Excel annex (.xlsx) of a báo cáo: one sheet per table of the figures.

The annex is rendered from the same figures object as the Word báo cáo (INTERCHANGE.md
§2), so the two can never disagree. A sheet whose figures are absent (custody or
targets from an older figures object, area classes outside a yearly report) is left
out rather than shown as zeros that were never counted. The charts of the figures come
last, on a sheet of their own ("Biểu đồ", ``annex_charts``), when the figures hold any.
"""

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pcmt_desktop.interchange.export import ExportError, save_atomically
from pcmt_desktop.reports.annex_areas import areas_sheet
from pcmt_desktop.reports.annex_charts import add_charts_sheet
from pcmt_desktop.reports.annex_figures import section, top_matter
from pcmt_desktop.reports.annex_hotspots import hotspots_sheet
from pcmt_desktop.reports.annex_layout import SheetPlan
from pcmt_desktop.reports.annex_sheet import clean_text, draw_sheet
from pcmt_desktop.reports.annex_tables import (
    cases_sheet,
    custody_sheet,
    dossiers_sheet,
    lists_sheet,
    plants_sheet,
    substitution_sheet,
    tests_sheet,
)
from pcmt_desktop.reports.annex_targets import targets_sheet

__all__ = ["ExportError", "plan_annex", "write_annex"]

# In the order the báo cáo tells them (seed 001, part 2).
SHEETS: tuple[Callable[[Mapping[str, Any]], SheetPlan | None], ...] = (
    lists_sheet,
    substitution_sheet,
    custody_sheet,
    tests_sheet,
    dossiers_sheet,
    hotspots_sheet,
    plants_sheet,
    cases_sheet,
    targets_sheet,
    areas_sheet,
)


def plan_annex(figures: Mapping[str, Any]) -> list[SheetPlan]:
    """Every sheet the figures have data for, in the annex's order."""
    return [plan for build in SHEETS if (plan := build(figures)) is not None]


def write_annex(
    figures: Mapping[str, Any], out: Path, *, title: str, made_on: date | None = None
) -> None:
    """Write the annex of ``figures`` to ``out`` (.xlsx), replacing it only when complete.

    ``title`` names the báo cáo the annex goes with ("Báo cáo sơ kết 6 tháng …");
    ``made_on`` is the date shown as made (today when not given).

    Raises:
        ExportError: the file cannot be written (the message says why, in Vietnamese);
            no file, whole or partial, is left at ``out``.
    """
    from openpyxl import Workbook

    day = made_on or date.today()

    def write(target: Path) -> None:
        # Reading the figures happens here too: whatever fails, fails inside the
        # temporary file's life, so it is removed and ``out`` is left as it was.
        plans = plan_annex(figures)
        if not plans:
            raise ValueError("figures hold none of the annex's tables")
        top = top_matter(figures, title, day)
        workbook = Workbook()
        workbook.remove(workbook.active)
        for plan in plans:
            draw_sheet(workbook.create_sheet(plan.name), plan, top)
        add_charts_sheet(workbook, figures, top)
        workbook.properties.title = clean_text(title)
        office = section(figures, "office") or {}
        workbook.properties.creator = clean_text(str(office.get("name") or ""))
        workbook.save(target)

    save_atomically(Path(out), write)
