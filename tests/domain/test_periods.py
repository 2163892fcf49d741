"""Span against a brute-force model: a span is the set of days whose end it covers."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.periods import Span, first_overlap

ORIGIN = date(2026, 1, 1)
WINDOW = 40  # days the generated spans live in
HORIZON = WINDOW + 5  # a running span is modelled as covering every day up to here


def day(offset: int) -> date:
    return ORIGIN + timedelta(days=offset)


@st.composite
def spans(draw: st.DrawFn) -> Span:
    start = draw(st.integers(0, WINDOW))
    end = draw(st.none() | st.integers(start, WINDOW))
    return Span(day(start), None if end is None else day(end))


def covered_days(span: Span) -> set[date]:
    """The brute-force model: every day D with start <= D < end (or up to the horizon)."""
    last = HORIZON if span.end is None else (span.end - ORIGIN).days - 1
    first = (span.start - ORIGIN).days
    return {day(offset) for offset in range(first, last + 1)}


@given(spans(), st.integers(-3, HORIZON))
def test_covers_end_of_matches_the_model(span: Span, offset: int) -> None:
    assert span.covers_end_of(day(offset)) == (day(offset) in covered_days(span))


@given(spans(), spans())
def test_overlaps_matches_the_model(first: Span, second: Span) -> None:
    assert first.overlaps(second) == bool(covered_days(first) & covered_days(second))


@given(spans(), spans())
def test_overlaps_is_symmetric(first: Span, second: Span) -> None:
    assert first.overlaps(second) == second.overlaps(first)


@given(spans(), st.lists(spans(), max_size=6))
def test_first_overlap_is_the_first_sharing_a_day(candidate: Span, others: list[Span]) -> None:
    expected = next(
        (other for other in others if covered_days(candidate) & covered_days(other)), None
    )
    assert first_overlap(candidate, others) == expected


def test_a_move_day_ends_one_stay_and_starts_the_next_without_overlap() -> None:
    old = Span(date(2026, 3, 1), date(2026, 6, 15))
    new = Span(date(2026, 6, 15), None)
    assert not old.overlaps(new)
    assert old.covers_end_of(date(2026, 6, 14))
    assert not old.covers_end_of(date(2026, 6, 15))
    assert new.covers_end_of(date(2026, 6, 15))


def test_an_empty_span_covers_nothing_and_overlaps_nothing() -> None:
    empty = Span(date(2026, 5, 5), date(2026, 5, 5))
    assert not empty.covers_end_of(date(2026, 5, 5))
    assert not empty.overlaps(Span(date(2026, 1, 1), None))


def test_two_running_spans_overlap() -> None:
    assert Span(date(2026, 1, 1), None).overlaps(Span(date(2026, 9, 1), None))
