"""Before / added / removed / after of dated stays over a period, counted in SQL.

DOMAIN.md and INTERCHANGE.md §2: a stay covers the end of day D when it started on or
before D and has no end or ends after D. ``before`` is taken at the end of the day before
*from*, ``after`` at the end of *to*; ``added`` counts stays that started within the
period, ``removed`` stays that ended within it. Per stay, before + added − removed = after
holds by construction; the report still checks the sums (balance.py) because a database
with overlapping stays (made outside the program) would break them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.store.models import Person

MOVEMENT_KEYS = ("before", "added", "removed", "after")


@dataclass(frozen=True)
class Movement:
    before: int = 0
    added: int = 0
    removed: int = 0
    after: int = 0

    def as_json(self) -> dict[str, int]:
        return {
            "before": self.before,
            "added": self.added,
            "removed": self.removed,
            "after": self.after,
        }

    def __add__(self, other: "Movement") -> "Movement":
        return Movement(
            self.before + other.before,
            self.added + other.added,
            self.removed + other.removed,
            self.after + other.after,
        )


def covers_end_of(model: Any, day: date) -> ColumnElement[bool]:
    """The stay covers the end of ``day`` (the half-open rule of domain/periods.py)."""
    return and_(model.start_date <= day, or_(model.end_date.is_(None), model.end_date > day))


def _flag(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def movement_columns(model: Any, date_from: date, date_to: date) -> list[Any]:
    day_before = date_from - timedelta(days=1)
    return [
        _flag(covers_end_of(model, day_before)),
        _flag(and_(model.start_date >= date_from, model.start_date <= date_to)),
        _flag(and_(model.end_date >= date_from, model.end_date <= date_to)),
        _flag(covers_end_of(model, date_to)),
    ]


def touches_period(model: Any, date_from: date, date_to: date) -> ColumnElement[bool]:
    """Stays that can count at all: started by *to* and not ended before the day before *from*."""
    day_before = date_from - timedelta(days=1)
    return and_(
        model.start_date <= date_to,
        or_(model.end_date.is_(None), model.end_date >= day_before),
    )


def movements_by(
    session: Session,
    model: Any,
    date_from: date,
    date_to: date,
    groups: Sequence[Any] = (),
    *,
    by_sub_area: bool = True,
) -> dict[tuple[Any, ...], Movement]:
    """Movements keyed by (*groups, sub_area_id) — or by (*groups,) without sub-areas."""
    keys = [*groups, Person.sub_area_id] if by_sub_area else list(groups)
    query = select(*keys, *movement_columns(model, date_from, date_to)).where(
        touches_period(model, date_from, date_to)
    )
    if by_sub_area:
        query = query.join(Person, Person.id == model.person_id)
    if keys:
        query = query.group_by(*keys)
    result: dict[tuple[Any, ...], Movement] = {}
    for row in session.execute(query):
        values = tuple(row)
        width = len(keys)
        result[values[:width]] = Movement(*(int(value) for value in values[width:]))
    return result


def total(movements: dict[tuple[Any, ...], Movement]) -> Movement:
    summed = Movement()
    for movement in movements.values():
        summed = summed + movement
    return summed
