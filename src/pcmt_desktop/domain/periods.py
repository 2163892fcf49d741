"""Dated stays as half-open day ranges.

A stay that starts on S and ends on E covers the ends of days S .. E-1: the person is
on the list "at the end of day D" when S <= D and (no end or D < E). A move on day E
ends one stay on E and starts the next on E, so the two never overlap and the person
is on the new list at the end of E — exactly the rule of shared/INTERCHANGE.md §2.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Span:
    """A half-open range of days; ``end`` None means still running."""

    start: date
    end: date | None

    def covers_end_of(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: "Span") -> bool:
        latest_start = max(self.start, other.start)
        ends = [end for end in (self.end, other.end) if end is not None]
        return not ends or latest_start < min(ends)


def first_overlap(candidate: Span, others: Iterable[Span]) -> Span | None:
    """Return the first of ``others`` that shares a day's end with ``candidate``."""
    for other in others:
        if candidate.overlaps(other):
            return other
    return None
