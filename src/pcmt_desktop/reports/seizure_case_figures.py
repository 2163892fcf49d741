"""Plant seizures and cases over a period: the registries' own summaries, shaped as the
figures JSON (INTERCHANGE.md §2 "plants" and "cases"), plus their per-sub-area rows."""

from collections import defaultdict
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcmt_desktop.reports.sub_area_rows import SubAreaOrder
from pcmt_desktop.services.case_summary import CaseSummary
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.plant_seizure_listing import SeizureTotals
from pcmt_desktop.store.models import ChargeArticle, DrugCase, PlantSeizure

GRAM_DECIMALS = 3


def plant_totals(totals: SeizureTotals) -> dict[str, Any]:
    return {
        "cases": totals.cases,
        "subjects": totals.subjects,
        "opium_plants": totals.opium_plants,
        "cannabis_plants": totals.cannabis_plants,
        "other_plants": totals.other_plants,
        "area_m2": round(totals.area_m2, 2),
        "fines_vnd": totals.fines_vnd,
        "administrative_cases": totals.fined_cases,
        "prosecuted_cases": totals.prosecuted_cases,
        "ownerless_cases": totals.ownerless_cases,
        "sub_areas_with_plants": totals.sub_areas_with_seizures,
    }


def _plant_row() -> dict[str, Any]:
    return {
        "cases": 0,
        "subjects": 0,
        "opium_plants": 0,
        "cannabis_plants": 0,
        "area_m2": 0.0,
        "fines_vnd": 0,
    }


def plant_figures(
    session: Session, order: SubAreaOrder, totals: SeizureTotals, date_from: date, date_to: date
) -> dict[str, Any]:
    rows = session.execute(
        select(
            PlantSeizure.sub_area_id,
            func.count(),
            func.count(func.distinct(PlantSeizure.person_id)),
            func.coalesce(func.sum(PlantSeizure.opium_plants), 0),
            func.coalesce(func.sum(PlantSeizure.cannabis_plants), 0),
            func.coalesce(func.sum(PlantSeizure.area_m2), 0.0),
            func.coalesce(func.sum(PlantSeizure.fine_vnd), 0),
        )
        .where(PlantSeizure.seized_on >= date_from, PlantSeizure.seized_on <= date_to)
        .group_by(PlantSeizure.sub_area_id)
    )
    per_area = {
        area: {
            "cases": int(cases),
            "subjects": int(subjects),
            "opium_plants": int(opium),
            "cannabis_plants": int(cannabis),
            "area_m2": round(float(area_m2), 2),
            "fines_vnd": int(fines or 0),
        }
        for area, cases, subjects, opium, cannabis, area_m2, fines in rows
    }
    return {
        **plant_totals(totals),
        "by_sub_area": order.rows(per_area, _plant_row),
        "compare": None,
    }


def _seized(summary_seized: Any) -> dict[str, Any]:
    return {
        key: round(value, GRAM_DECIMALS) if isinstance(value, float) else value
        for key, value in asdict(summary_seized).items()
    }


def criminal_counts(summary: CaseSummary) -> dict[str, int]:
    criminal = summary.criminal
    return {
        "cases": criminal.cases,
        "subjects": criminal.subjects,
        "prosecuted_cases": criminal.prosecuted_cases,
        "defendants": criminal.defendants,
        "received_cases": criminal.received,
        "received_subjects": criminal.received_subjects,
    }


def administrative_counts(summary: CaseSummary) -> dict[str, int]:
    administrative = summary.administrative
    return {
        "cases": administrative.cases,
        "subjects": administrative.subjects,
        "fines_vnd": administrative.fines_vnd,
    }


def _case_row() -> dict[str, int]:
    return {
        "criminal_cases": 0,
        "criminal_subjects": 0,
        "administrative_cases": 0,
        "administrative_subjects": 0,
    }


def case_figures(
    session: Session, order: SubAreaOrder, summary: CaseSummary, date_from: date, date_to: date
) -> dict[str, Any]:
    criminal = summary.criminal
    administrative = summary.administrative
    rows = session.execute(
        select(
            DrugCase.sub_area_id,
            DrugCase.kind,
            func.count(),
            func.coalesce(func.sum(DrugCase.subjects), 0),
        )
        .where(DrugCase.occurred_on >= date_from, DrugCase.occurred_on <= date_to)
        .group_by(DrugCase.sub_area_id, DrugCase.kind)
    )
    titles = {
        row.article: row.title
        for row in session.execute(select(ChargeArticle.article, ChargeArticle.title))
    }
    per_area: dict[int | None, dict[str, int]] = defaultdict(_case_row)
    for area, kind, cases, subjects in rows:
        prefix = "criminal" if kind == CaseKind.CRIMINAL.value else "administrative"
        per_area[area][f"{prefix}_cases"] += int(cases)
        per_area[area][f"{prefix}_subjects"] += int(subjects)
    return {
        "criminal": {
            **criminal_counts(summary),
            "received_by_source": {
                source: asdict(figures) for source, figures in criminal.received_by_source.items()
            },
            "by_charge": {
                article: {**asdict(figures), "title": titles.get(article, "")}
                for article, figures in criminal.by_charge.items()
            },
            "seized": _seized(criminal.seized),
            "compare": None,
        },
        "administrative": {
            **administrative_counts(summary),
            "by_act": {act: asdict(figures) for act, figures in administrative.by_act.items()},
            "seized": _seized(administrative.seized),
            "compare": None,
        },
        "by_sub_area": order.rows(per_area, _case_row),
    }
