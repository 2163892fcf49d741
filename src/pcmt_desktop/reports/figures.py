"""Every figure of a báo cáo, for a period and, when asked, the same period a year earlier.

One function computes the whole figures JSON of INTERCHANGE.md §2 (plus keys added after
it, see docs/FIGURES.md) straight from the registries' dated histories, in SQL; the Word
document, the Excel annex and ``pcmt figures`` all render this one object. The balance
check runs before it is handed out: figures that do not add up are never returned.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from pcmt_desktop.domain.report_periods import ReportPeriod
from pcmt_desktop.reports.area_class_figures import area_figures, classify_areas
from pcmt_desktop.reports.balance import check_balance
from pcmt_desktop.reports.dossier_figures import dossier_figures, dossier_totals
from pcmt_desktop.reports.drug_test_figures import test_figures, test_totals
from pcmt_desktop.reports.hotspot_figures import hotspot_counts, hotspot_figures
from pcmt_desktop.reports.list_figures import (
    addicts_location,
    list_figures,
    list_totals,
    period_fact_totals,
    period_facts,
)
from pcmt_desktop.reports.seizure_case_figures import (
    administrative_counts,
    case_figures,
    criminal_counts,
    plant_figures,
    plant_totals,
)
from pcmt_desktop.reports.sub_area_figures import sub_area_figures
from pcmt_desktop.reports.sub_area_rows import SubAreaOrder
from pcmt_desktop.reports.surveillance_figures import surveillance_figures
from pcmt_desktop.reports.target_figures import target_figures
from pcmt_desktop.reports.trend_figures import trends_json
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import CustodyStay, SubstitutionTreatment

# Bumped only when a key changes meaning; keys are added without a bump (INTERCHANGE.md).
SCHEMA_VERSION = 1


class PeriodError(ValueError):
    """The period is not a period (from after to); the message is Vietnamese."""


def _period_json(date_from: date, date_to: date) -> dict[str, str]:
    return {"from": date_from.isoformat(), "to": date_to.isoformat()}


def office_json(services: Services) -> dict[str, str]:
    """The "office" key of the figures (empty texts before the office is set up)."""
    office = services.office.office()
    if office is None:
        return {"name": "", "level": "", "parent_name": "", "sub_area_label": "", "place_name": ""}
    return {
        "name": office.name,
        "level": office.level,
        "parent_name": office.parent_name,
        "sub_area_label": office.sub_area_label,
        "place_name": office.place_name,
    }


def compute_figures(
    context: ServiceContext, date_from: date, date_to: date, *, compare: bool = False
) -> dict[str, Any]:
    """The figures JSON of [date_from, date_to] (both inclusive).

    Raises:
        PeriodError: ``date_from`` is after ``date_to``.
        FiguresUnbalancedError: some list does not add up (the data is inconsistent).
    """
    if date_from > date_to:
        raise PeriodError(
            f"Từ ngày {date_from:%d/%m/%Y} ở sau đến ngày {date_to:%d/%m/%Y}: "
            "hãy chọn lại kỳ báo cáo."
        )
    services = Services.build(context)
    earlier = ReportPeriod(date_from, date_to).same_period_year_before() if compare else None
    # The period's tests, the comparison period, the phases' targets and the twelve months'
    # list sizes read the database on their own connections, in worker threads, while this
    # thread counts the rest: SQLite lets the GIL go while a query runs, so they go on side
    # by side on several cores (benchmarks/README.md: a year on 300 000 persons from 1,1 s
    # to 0,75 s).
    with ThreadPoolExecutor(max_workers=4) as pool:
        targets = pool.submit(target_figures, services.targets, date_from, context.today())
        tests = pool.submit(_tests, context, date_from, date_to)
        trends = pool.submit(trends_json, context, date_to)
        earlier_blocks = None if earlier is None else pool.submit(_comparison, context, earlier)
        with context.reading() as session:
            order = SubAreaOrder.read(session)
            areas = area_figures(session, date_from, date_to)
            figures: dict[str, Any] = {
                "schema": SCHEMA_VERSION,
                "office": office_json(services),
                "period": _period_json(date_from, date_to),
                "compare_period": None
                if earlier is None
                else _period_json(earlier.start, earlier.end),
                "lists": list_figures(session, order, date_from, date_to),
                "addicts_location": addicts_location(session, date_from, date_to),
                "substitution_treatment": {
                    **period_facts(session, SubstitutionTreatment, order, date_from, date_to),
                    "compare": None,
                },
                "custody": period_facts(session, CustodyStay, order, date_from, date_to),
                "surveillance": surveillance_figures(session, order, date_from, date_to),
                "tests": None,  # counted in a worker, set below
                "cnbb": dossier_figures(session, order, date_from, date_to),
                "hotspots": hotspot_figures(session, services.hotspots, order, date_from, date_to),
                "plants": plant_figures(
                    session,
                    order,
                    services.plant_seizures.totals(date_from, date_to),
                    date_from,
                    date_to,
                ),
                "cases": case_figures(
                    session, order, services.cases.summary(date_from, date_to), date_from, date_to
                ),
                "sub_areas": sub_area_figures(session, date_from, date_to, areas),
                "area_classes": classify_areas(session, date_from, date_to, areas),
            }
        figures["tests"] = tests.result()
        figures["targets"] = targets.result()
        figures["trends"] = trends.result()
        if earlier_blocks is not None:
            _merge_comparison(figures, earlier_blocks.result())
    check_balance(figures)
    return figures


def _tests(context: ServiceContext, date_from: date, date_to: date) -> dict[str, Any]:
    """The period's tests, on a connection of their own (the heaviest block)."""
    services = Services.build(context)
    with context.reading() as session:
        return test_figures(session, services.drug_tests, date_from, date_to)


def _comparison(context: ServiceContext, earlier: ReportPeriod) -> dict[str, Any]:
    start, end = earlier.start, earlier.end
    services = Services.build(context)
    with context.reading() as session:
        summary = services.cases.summary(start, end)
        earlier_areas = sub_area_figures(session, start, end)
        return {
            "lists": list_totals(session, start, end),
            "substitution_treatment": period_fact_totals(
                session, SubstitutionTreatment, start, end
            ),
            "tests": test_totals(session, start, end),
            "cnbb": dossier_totals(session, start, end),
            "hotspots": hotspot_counts(services.hotspots, start, end),
            "plants": plant_totals(services.plant_seizures.totals(start, end)),
            "criminal": criminal_counts(summary),
            "administrative": administrative_counts(summary),
            "sub_areas": {key: earlier_areas[key] for key in ("total", "drug_free", "with_drugs")},
        }


def _merge_comparison(figures: dict[str, Any], blocks: dict[str, Any]) -> None:
    for key, totals in blocks["lists"].items():
        figures["lists"][key]["compare"] = totals
    for key in ("substitution_treatment", "tests", "cnbb", "hotspots", "plants", "sub_areas"):
        figures[key]["compare"] = blocks[key]
    figures["cases"]["criminal"]["compare"] = blocks["criminal"]
    figures["cases"]["administrative"]["compare"] = blocks["administrative"]
