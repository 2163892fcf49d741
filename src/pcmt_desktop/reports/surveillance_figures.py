"""Surveillance (sưu tra, hiềm nghi) as seed 001 reports it: the files open at the end of
the period per management list, with DM categories, A/B classes and sub-areas, and the
files opened within the period."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from pcmt_desktop.domain.vocabulary import (
    ManagementList,
    SurveillanceCategory,
    SurveillanceClass,
)
from pcmt_desktop.reports.movements import covers_end_of
from pcmt_desktop.reports.sub_area_rows import SubAreaOrder
from pcmt_desktop.store.models import ListStay, Person, Surveillance

# Persons under surveillance who are on no management list at the end of the period.
NO_LIST = "khac"


def _empty() -> dict[str, Any]:
    return {
        "total": 0,
        "categories": {category.value: 0 for category in SurveillanceCategory},
        "classes": {klass.value: 0 for klass in SurveillanceClass},
        "by_sub_area": [],
    }


def _breakdown(order: SubAreaOrder, rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """rows: (category, class, sub_area_id, count)."""
    figures = _empty()
    per_area: dict[int | None, int] = defaultdict(int)
    for category, klass, sub_area_id, count in rows:
        figures["total"] += count
        if category in figures["categories"]:
            figures["categories"][category] += count
        if klass in figures["classes"]:
            figures["classes"][klass] += count
        per_area[sub_area_id] += count
    figures["by_sub_area"] = [
        {"sub_area": row["sub_area"], "count": row["count"]}
        for row in order.rows({key: {"count": n} for key, n in per_area.items()}, dict)
        if row.get("count")
    ]
    return figures


def surveillance_figures(
    session: Session, order: SubAreaOrder, date_from: date, date_to: date
) -> dict[str, Any]:
    stay = aliased(ListStay)
    open_rows = session.execute(
        select(
            stay.list_key,
            Surveillance.category,
            Surveillance.surveillance_class,
            Person.sub_area_id,
            func.count(),
        )
        .join(Person, Person.id == Surveillance.person_id)
        .outerjoin(
            stay, and_(stay.person_id == Surveillance.person_id, covers_end_of(stay, date_to))
        )
        .where(covers_end_of(Surveillance, date_to))
        .group_by(
            stay.list_key,
            Surveillance.category,
            Surveillance.surveillance_class,
            Person.sub_area_id,
        )
    ).all()
    grouped: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for list_key, category, klass, sub_area_id, count in open_rows:
        grouped[list_key or NO_LIST].append((category, klass, sub_area_id, int(count)))
    by_list = {
        key: _breakdown(order, grouped.get(key, []))
        for key in [*(item.value for item in ManagementList), NO_LIST]
    }
    opened_rows = session.execute(
        select(
            Surveillance.category,
            Surveillance.surveillance_class,
            Person.sub_area_id,
            func.count(),
        )
        .join(Person, Person.id == Surveillance.person_id)
        .where(Surveillance.start_date >= date_from, Surveillance.start_date <= date_to)
        .group_by(Surveillance.category, Surveillance.surveillance_class, Person.sub_area_id)
    ).all()
    return {
        "total": sum(figures["total"] for figures in by_list.values()),
        "by_list": by_list,
        "opened": _breakdown(
            order, [(category, klass, area, int(n)) for category, klass, area, n in opened_rows]
        ),
    }
