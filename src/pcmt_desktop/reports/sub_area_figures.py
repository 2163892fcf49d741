"""Sub-areas with and without drugs (seed 000: "03/22 xã không có ma túy … 19/22 có").

"Without drugs" is the drug-free test of QĐ 28/2025 (DOMAIN.md "Classifying areas"), the
same one the yearly classification applies first, so the two never disagree.
"""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pcmt_desktop.domain.area_classes import AreaFigures, is_drug_free
from pcmt_desktop.reports.area_class_figures import area_figures


def sub_area_figures(
    session: Session, date_from: date, date_to: date, computed: list[AreaFigures] | None = None
) -> dict[str, Any]:
    if computed is None:
        computed = area_figures(session, date_from, date_to)
    areas = [figures for figures in computed if not figures.is_office]
    free = [figures.name for figures in areas if is_drug_free(figures)]
    with_drugs = [figures.name for figures in areas if not is_drug_free(figures)]
    return {
        "total": len(areas),
        "drug_free": len(free),
        "with_drugs": len(with_drugs),
        "drug_free_names": free,
        "with_drugs_names": with_drugs,
        "compare": None,
    }
