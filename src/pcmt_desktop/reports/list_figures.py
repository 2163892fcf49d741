"""The management lists' figures (INTERCHANGE.md §2 "lists"), and the other dated facts
counted the same way: where addicts are, substitution treatment, custody."""

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from pcmt_desktop.domain.vocabulary import AddictLocation, ManagementList
from pcmt_desktop.reports.movements import Movement, covers_end_of, movements_by, total
from pcmt_desktop.reports.sub_area_rows import SubAreaOrder
from pcmt_desktop.store.models import AddictLocationStay, ListStay

# What the report prints for a stay entered without a reason.
NO_REASON = "Không ghi lý do"


def _reasons(
    session: Session, column: Any, date_column: Any, date_from: date, date_to: date
) -> dict[str, dict[str, int]]:
    rows = session.execute(
        select(ListStay.list_key, column, func.count())
        .where(date_column >= date_from, date_column <= date_to)
        .group_by(ListStay.list_key, column)
        .order_by(func.count().desc(), column)
    )
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for list_key, reason, count in rows:
        text = (reason or "").strip() or NO_REASON
        found[list_key][text] = found[list_key].get(text, 0) + int(count)
    return found


def _moves(session: Session, date_from: date, date_to: date) -> list[tuple[str, str, int]]:
    """(from list, to list, count) of moves made within the period: one stay ends on the
    day the same person's next stay starts."""
    ended = aliased(ListStay)
    started = aliased(ListStay)
    rows = session.execute(
        select(ended.list_key, started.list_key, func.count())
        .join(
            started,
            and_(
                started.person_id == ended.person_id,
                started.start_date == ended.end_date,
                started.id != ended.id,
            ),
        )
        .where(ended.end_date >= date_from, ended.end_date <= date_to)
        .group_by(ended.list_key, started.list_key)
    )
    return [(source, target, int(count)) for source, target, count in rows]


def list_figures(
    session: Session, order: SubAreaOrder, date_from: date, date_to: date
) -> dict[str, dict[str, Any]]:
    per_area = movements_by(session, ListStay, date_from, date_to, [ListStay.list_key])
    added_reasons = _reasons(
        session, ListStay.start_reason, ListStay.start_date, date_from, date_to
    )
    removed_reasons = _reasons(session, ListStay.end_reason, ListStay.end_date, date_from, date_to)
    moves = _moves(session, date_from, date_to)
    result: dict[str, dict[str, Any]] = {}
    for management_list in ManagementList:
        key = management_list.value
        mine = {
            area: movement for (list_key, area), movement in per_area.items() if list_key == key
        }
        summed = total({(area,): movement for area, movement in mine.items()})
        result[key] = {
            **summed.as_json(),
            "added_by_reason": added_reasons.get(key, {}),
            "removed_by_reason": removed_reasons.get(key, {}),
            "added_from_list": {source: n for source, target, n in moves if target == key},
            "removed_to_list": {target: n for source, target, n in moves if source == key},
            "by_sub_area": order.rows(
                {area: movement.as_json() for area, movement in mine.items()},
                Movement().as_json,
            ),
            "compare": None,
        }
    return result


def list_totals(session: Session, date_from: date, date_to: date) -> dict[str, dict[str, int]]:
    """The four figures per list without sub-areas (the comparison period's)."""
    found = movements_by(
        session, ListStay, date_from, date_to, [ListStay.list_key], by_sub_area=False
    )
    return {
        management_list.value: found.get((management_list.value,), Movement()).as_json()
        for management_list in ManagementList
    }


def _addicts_on(session: Session, day: date) -> dict[str, int]:
    """Addicts (on the nghiện list) at the end of ``day`` by where they are; without a
    location entry an addict is in the community (INTERCHANGE.md §1: empty = Cộng đồng)."""
    location = aliased(AddictLocationStay)
    rows = session.execute(
        select(location.location, func.count())
        .select_from(ListStay)
        .outerjoin(
            location,
            and_(location.person_id == ListStay.person_id, covers_end_of(location, day)),
        )
        .where(ListStay.list_key == ManagementList.ADDICT.value, covers_end_of(ListStay, day))
        .group_by(location.location)
    )
    counts: Counter[str] = Counter()
    for place, count in rows:
        side = "facility" if place == AddictLocation.FACILITY.value else "community"
        counts[side] += int(count)
    return {"community": counts["community"], "facility": counts["facility"]}


def addicts_location(session: Session, date_from: date, date_to: date) -> dict[str, Any]:
    return {
        "before": _addicts_on(session, date_from - timedelta(days=1)),
        "after": _addicts_on(session, date_to),
    }


def period_facts(
    session: Session, model: Any, order: SubAreaOrder, date_from: date, date_to: date
) -> dict[str, Any]:
    """Substitution treatment or custody: the four figures, in total and per sub-area."""
    per_area = movements_by(session, model, date_from, date_to)
    return {
        **total(per_area).as_json(),
        "by_sub_area": order.rows(
            {area: movement.as_json() for (area,), movement in per_area.items()},
            Movement().as_json,
        ),
    }


def period_fact_totals(
    session: Session, model: Any, date_from: date, date_to: date
) -> dict[str, int]:
    return total(movements_by(session, model, date_from, date_to, by_sub_area=False)).as_json()
