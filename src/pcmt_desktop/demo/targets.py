"""The demo's campaign: two phases with targets for some sub-areas, the last one running.

The phases follow the seed's campaign (001): a first phase that has ended and a second
that began a few weeks ago and runs past today, each with per-sub-area targets for
tests per day, CNBB dossiers, surveillance openings and cases. Targets are set near each
sub-area's actual pace, so run this part last, after the tests, dossiers and cases. Written through
``services.targets`` with the one ``rng``, so the same seed gives the same targets.
"""

import random
from datetime import date, timedelta

from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.target_progress import Measure, PhaseClock
from pcmt_desktop.services.targets import PhaseInput, PhaseRecord, TargetKey

TARGETED_SHARE = 0.4
# A target is what the sub-area is on course for, times this: some reach it, some not.
AMBITION = (0.7, 1.5)
# Where nothing has been done yet, the share of measures still given a small target.
FRESH_TARGET_SHARE = 0.3


def _grid(
    services: Services, rng: random.Random, phase: PhaseRecord, today: date
) -> dict[TargetKey, float | None]:
    """Targets near each sub-area's pace so far, so that the grid shows every colour."""
    clock = PhaseClock(phase.start, phase.end, today)
    done = services.targets.actuals(phase.id, today)
    areas = services.office.sub_areas()
    count = max(1, round(len(areas) * TARGETED_SHARE))
    grid: dict[TargetKey, float | None] = {}
    for area in rng.sample(areas, count):
        for measure in Measure:
            actual = done.get((area.id, measure), 0.0)
            ambition = rng.uniform(*AMBITION)
            if measure.is_rate:
                value = round(max(actual, 0.1) * ambition, 1)
            elif actual:
                pace = actual * clock.total_days / max(clock.elapsed_days, 1)
                value = max(1, round(pace * ambition))
            elif rng.random() < FRESH_TARGET_SHARE:
                value = 1
            else:
                continue
            grid[(area.id, measure)] = value
    return grid


def fill_targets(services: Services, rng: random.Random, today: date) -> int:
    """Write the two phases and their targets; returns how many records were written."""
    second_start = today - timedelta(days=rng.randint(18, 28))
    first_start = second_start - timedelta(days=rng.randint(25, 35))
    phases = (
        PhaseInput(
            "Giai đoạn 1 đợt cao điểm tấn công, trấn áp tội phạm ma túy",
            first_start,
            second_start - timedelta(days=1),
            "Rà soát, lập danh sách, triệu tập test số đối tượng chưa test.",
        ),
        PhaseInput(
            "Giai đoạn 2 đợt cao điểm tấn công, trấn áp tội phạm ma túy",
            second_start,
            second_start + timedelta(days=rng.randint(40, 55)),
            "Lộ trình theo từng xã, thị trấn.",
        ),
    )
    written = 0
    for data in phases:
        phase = services.targets.add_phase(data)
        grid = _grid(services, rng, phase, today)
        services.targets.set_targets(phase.id, grid)
        written += 1 + sum(1 for value in grid.values() if value is not None)
    return written
