"""Random sequences of list operations against a brute-force model of one person's stays.

Whatever is attempted, refused or not: the service accepts exactly what the model says is
valid, the stored stays never overlap, at the end of every day the person is on at most
one list, and a refused operation changes nothing and announces nothing.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.conftest import TODAY

FIRST_DAY = TODAY - timedelta(days=30)
WINDOW = 36  # a few days past today, so some dates are in the future
LIST = HistoryKind.LIST

days = st.integers(0, WINDOW).map(lambda offset: FIRST_DAY + timedelta(days=offset))
lists = st.sampled_from(list(ManagementList))
# Mostly a reason: an empty one is refused whenever an end is given.
reasons = st.sampled_from(["Hết thời gian quản lý", "Đi khỏi địa phương", ""])
# Mostly running stays, so that moves and ends find something to act on.
ends = st.one_of(st.none(), st.none(), days)
picks = st.integers(0, 7)  # which existing stay an operation aims at


@dataclass(frozen=True)
class Stay:
    id: int
    key: str
    start: date
    end: date | None


@dataclass(frozen=True)
class Add:
    key: ManagementList
    start: date
    end: date | None
    reason: str


@dataclass(frozen=True)
class Correct:
    pick: int
    key: ManagementList
    start: date
    end: date | None
    reason: str


@dataclass(frozen=True)
class End:
    pick: int
    day: date
    reason: str


@dataclass(frozen=True)
class Move:
    key: ManagementList
    day: date


@dataclass(frozen=True)
class Delete:
    pick: int


Operation = Add | Correct | End | Move | Delete

adds = st.builds(Add, lists, days, ends, reasons)
moves = st.builds(Move, lists, days)
# Adds and moves twice as often: ends and deletes otherwise leave little to move.
operations = st.one_of(
    adds,
    moves,
    st.builds(Correct, picks, lists, days, ends, reasons),
    adds,
    moves,
    st.builds(End, picks, days, reasons),
    st.builds(Delete, picks),
)


# --- the brute-force model ---------------------------------------------------------------------
def covered(start: date, end: date | None) -> set[date]:
    """The days whose end the stay covers; a running stay is cut at today (no later start)."""
    last = TODAY if end is None else end - timedelta(days=1)
    return {start + timedelta(days=n) for n in range((last - start).days + 1)}


def fits(start: date, end: date | None, reason: str, others: list[Stay]) -> bool:
    if start > TODAY or (end is not None and (end > TODAY or end < start)):
        return False
    if end is not None and not reason:
        return False
    days_taken = covered(start, end)
    return not any(days_taken & covered(other.start, other.end) for other in others)


def values(key: str, reason: str) -> dict[str, str]:
    return {"list_key": key, "start_reason": "Nhập mới", "end_reason": reason}


def apply(services: Services, person_id: int, model: list[Stay], op: Operation) -> list[Stay]:
    """Run ``op``; return the model's new state, asserting the service agreed to it.

    Raises ValidationError when the service refuses; the caller checks the model refused.
    """
    histories = services.histories
    chosen = model[op.pick % len(model)] if isinstance(op, Correct | End | Delete) else None
    others = [stay for stay in model if stay is not chosen]
    match op:
        case Add(key, start, end, reason):
            expected = fits(start, end, reason, model)
            entry = _attempt(
                expected,
                lambda: histories.add(
                    LIST, person_id, HistoryInput(start, end, values(key, reason))
                ),
            )
            return [*model, Stay(entry.id, key, start, end)]
        case Correct(_, key, start, end, reason):
            assert chosen is not None
            expected = fits(start, end, reason, others)
            _attempt(
                expected,
                lambda: histories.correct(
                    LIST, chosen.id, HistoryInput(start, end, values(key, reason))
                ),
            )
            return [*others, Stay(chosen.id, key, start, end)]
        case End(_, day, reason):
            assert chosen is not None
            expected = chosen.end is None and fits(chosen.start, day, reason, others)
            _attempt(expected, lambda: histories.end(LIST, chosen.id, day, reason))
            return [*others, replace(chosen, end=day)]
        case Move(key, day):
            running = [stay for stay in model if stay.end is None]
            assert len(running) <= 1
            expected = bool(running) and running[0].key != key
            if expected:
                closed = replace(running[0], end=day)
                rest = [stay for stay in model if stay is not running[0]]
                expected = fits(closed.start, day, "x", rest) and fits(
                    day, None, "", [*rest, closed]
                )
            entry = _attempt(expected, lambda: histories.move(person_id, key, day))
            rest = [stay for stay in model if stay is not running[0]]
            return [*rest, replace(running[0], end=day), Stay(entry.id, key, day, None)]
        case Delete():
            assert chosen is not None
            histories.delete(LIST, chosen.id)
            return others
    raise AssertionError(op)


T = TypeVar("T")


def _attempt(expected: bool, call: Callable[[], T]) -> T:
    try:
        result = call()
    except ValidationError:
        assert not expected, "the service refused what the model accepts"
        raise
    assert expected, "the service accepted what the model refuses"
    return result


def stored(services: Services, person_id: int) -> list[Stay]:
    return sorted(
        (
            Stay(entry.id, entry.values["list_key"], entry.start, entry.end)
            for entry in services.histories.entries(person_id, LIST)
        ),
        key=lambda stay: stay.id,
    )


def assert_at_most_one_list_each_day(stays: list[Stay]) -> None:
    day = FIRST_DAY - timedelta(days=1)
    while day <= TODAY:
        holding = [s for s in stays if s.start <= day and (s.end is None or day < s.end)]
        assert len(holding) <= 1, (day, holding)
        day += timedelta(days=1)
    for first, second in itertools.combinations(stays, 2):
        assert not covered(first.start, first.end) & covered(second.start, second.end)


names = itertools.count(1)


@settings(
    max_examples=100,  # about 3 s; the brief allows up to ~20 s
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(operations, min_size=3, max_size=20))
def test_any_sequence_of_list_operations_keeps_the_rules(
    services: Services, sequence: list[Operation]
) -> None:
    # One fresh person per example: examples share the database but never a person.
    person_id = services.persons.add(PersonInput(f"Người Thử Số {next(names)}")).id
    published: list[Changes] = []
    services.context.bus.subscribe(published.append)
    try:
        model: list[Stay] = []
        for op in sequence:
            if isinstance(op, Correct | End | Delete) and not model:
                continue
            before = services.histories.entries(person_id, LIST)
            published.clear()
            try:
                model = apply(services, person_id, model, op)
            except ValidationError:
                event(f"{type(op).__name__} refused")
                assert services.histories.entries(person_id, LIST) == before
                assert published == []
            else:
                event(f"{type(op).__name__} accepted")
                assert len(published) == 1
                assert published[0].person_ids == frozenset({person_id})
            assert stored(services, person_id) == sorted(model, key=lambda stay: stay.id)
            assert_at_most_one_list_each_day(model)
    finally:
        services.context.bus.unsubscribe(published.append)
