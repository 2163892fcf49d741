"""The overview's pictures: a figures-like dict over the last 12 months, for the charts.

``reports.chart_specs.charts_of`` turns any figures object into the four charts; this
module gives it one that is not a báo cáo: the last 12 months up to today, with only the
keys the charts read, each in the figures JSON's own shape (docs/FIGURES.md) and computed
by the report's own functions, so that the overview's chart and the báo cáo's annex chart
of the same days are the same chart.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pcmt_desktop.overview.parts import Part
from pcmt_desktop.overview.period import overview_period
from pcmt_desktop.reports.area_class_figures import classify_areas
from pcmt_desktop.reports.figures import office_json
from pcmt_desktop.reports.hotspot_figures import hotspot_states
from pcmt_desktop.reports.trend_figures import trends_json
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services


def office_figures(context: ServiceContext, today: date) -> dict[str, str]:
    """The "office" key as the báo cáo's figures carry it (empty texts before the set-up)."""
    return office_json(Services.build(context))


def _rate(rate: Decimal | None) -> float:
    return 0.0 if rate is None else float(rate)


def drug_test_rates(context: ServiceContext, today: date) -> dict[str, Any]:
    """Persons tested and positive over the 12 months, in total and by sub-area.

    The báo cáo's "tests" block (``drug_test_figures.test_figures``) without its
    ``by_substance``, which no chart draws: the persons positive per substance are a second
    pass over the year's positive tests (0,12 s on 300 000 persons) that the overview's
    one second cannot spare. The rest is the same service call and the same shape.
    """
    date_from, date_to = overview_period(today)
    rates = Services.build(context).drug_tests.rates_by_sub_area(date_from, date_to)
    total = rates[-1]
    return {
        "tested": total.tested,
        "positive": total.positive,
        "positive_rate": _rate(total.rate),
        "by_sub_area": [
            {
                "sub_area": rate.name,
                "tested": rate.tested,
                "positive": rate.positive,
                "positive_rate": _rate(rate.rate),
            }
            for rate in rates
            if not rate.is_total
        ],
        "compare": None,
    }


def hotspots_figures(context: ServiceContext, today: date) -> dict[str, Any]:
    """Hotspots entered by today, by their state at its end."""
    return {"by_state": hotspot_states(Services.build(context).hotspots, today)}


def area_class_figures(context: ServiceContext, today: date) -> dict[str, Any]:
    """The area classification's proposal with the 12 months as its period."""
    date_from, date_to = overview_period(today)
    with context.reading() as session:
        return classify_areas(session, date_from, date_to)


# Figures key → the part that computes it; each reads on its own connection.
PICTURE_PARTS: Mapping[str, Part[Any]] = {
    "office": Part("pictures.office", office_figures, cost=1),
    "trends": Part("pictures.trends", trends_json, cost=100),
    "tests": Part("pictures.tests", drug_test_rates, cost=350),
    "hotspots": Part("pictures.hotspots", hotspots_figures, cost=10),
    "area_classes": Part("pictures.area_classes", area_class_figures, cost=60),
}


def assemble_figures(today: date, parts: Mapping[str, Any]) -> dict[str, Any]:
    """The figures-like dict from the answers of ``PICTURE_PARTS`` (by the same keys)."""
    date_from, date_to = overview_period(today)
    period = {"from": date_from.isoformat(), "to": date_to.isoformat()}
    return {"period": period, **{key: parts[key] for key in PICTURE_PARTS}}


def overview_figures(context: ServiceContext, today: date) -> dict[str, Any]:
    """The charts' figures, one part after the other (``load_overview`` runs them in parallel)."""
    return assemble_figures(
        today, {key: part.run(context, today) for key, part in PICTURE_PARTS.items()}
    )
