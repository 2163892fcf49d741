"""The value axis: nice whole ticks for counts, and the value → height mapping."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.gui.charts.ticks import ValueAxis, nice_ticks, percent_text, tick_text


def test_counts_get_steps_of_one_two_or_five() -> None:
    assert nice_ticks(13) == (0, 5, 10, 15)
    assert nice_ticks(3) == (0, 1, 2, 3)
    assert nice_ticks(1234) == (0, 500, 1000, 1500)
    assert nice_ticks(40) == (0, 10, 20, 30, 40)


def test_nothing_to_show_still_gives_an_axis() -> None:
    assert nice_ticks(0) == (0, 1)


def test_fractions_get_fractional_steps_only_when_asked() -> None:
    assert nice_ticks(0.8, whole=False) == (0, 0.2, 0.4, 0.6, 0.8)
    assert nice_ticks(0.8) == (0, 1)


@given(st.integers(min_value=1, max_value=10_000_000))
def test_ticks_are_whole_even_and_cover_the_largest_value(maximum: int) -> None:
    ticks = nice_ticks(maximum)
    steps = {b - a for a, b in pairwise(ticks)}
    assert len(steps) == 1
    step = steps.pop()
    assert step >= 1 and float(step).is_integer()
    assert ticks[0] == 0 and ticks[-1] >= maximum > ticks[-2]
    assert 2 <= len(ticks) <= 7


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert tick_text(1500) == "1.500"
    assert tick_text(2.5, whole=False) == "2,5"
    assert percent_text(15.08) == "15,1%"
    assert percent_text(3.0) == "3%"


def test_the_axis_maps_zero_to_the_bottom_and_the_top_to_the_top() -> None:
    axis = ValueAxis(top=40, y_bottom=500, y_top=100)
    assert axis.y_of(0) == 500
    assert axis.y_of(40) == 100
    assert axis.y_of(10) == 400
    assert axis.y_of(80) == 100  # clamped: nothing is drawn above the plot
