"""The value axis: "nice" tick values and the mapping of a value to a height.

Counts of people get whole steps of 1, 2 or 5 times a power of ten (0, 5, 10, 15),
so no tick reads "2,5 người". Pure arithmetic, no Qt: the painter, the tooltip and
the tests use the same mapping.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from pcmt_desktop.domain.number_text import format_decimal, format_whole
from pcmt_desktop.domain.report_text import percent

_STEP_FACTORS = (1.0, 2.0, 5.0, 10.0)


def nice_ticks(maximum: float, *, whole: bool = True, target: int = 5) -> tuple[float, ...]:
    """Ticks from 0 to the first nice value at or above ``maximum``, about ``target`` steps."""
    top = maximum if maximum > 0 and math.isfinite(maximum) else 1.0
    raw = top / max(target, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in _STEP_FACTORS if f * magnitude >= raw * (1 - 1e-9))
    if whole:
        step = float(max(1, math.ceil(step - 1e-9)))
    count = math.ceil(top / step - 1e-9)
    return tuple(round(index * step, 10) for index in range(count + 1))


def all_whole(values: Iterable[float]) -> bool:
    return all(float(value).is_integer() for value in values)


def tick_text(value: float, *, whole: bool = True) -> str:
    """A tick as the báo cáo writes numbers: "1.500", "2,5"."""
    return format_whole(round(value)) if whole else format_decimal(value, 2)


def percent_text(value: float) -> str:
    """15.08 → "15,1%", 3.0 → "3%": as the báo cáo writes a rate."""
    return percent(value)


@dataclass(frozen=True)
class ValueAxis:
    """Values from 0 to ``top`` drawn from ``y_bottom`` up to ``y_top`` (pixels, y down)."""

    top: float
    y_bottom: float
    y_top: float

    def y_of(self, value: float) -> float:
        if self.top <= 0:
            return self.y_bottom
        share = min(max(value / self.top, 0.0), 1.0)
        return self.y_bottom - share * (self.y_bottom - self.y_top)


RATE_TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)
