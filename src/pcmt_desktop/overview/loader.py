"""Everything the overview tab shows, read at once: today's work, data quality, pictures.

The parts are independent questions; each opens its own session (its own SQLite
connection, a WAL reader) and they run side by side in worker threads: SQLite lets the
GIL go while a query runs, so the slow ones (the year's tests, the duplicates' grouping)
overlap instead of queuing. No session or ORM object crosses a thread: each part returns
plain values. A write made meanwhile may land between two parts' reads; the tab reloads
on the change bus's next announcement, as every view does.
"""

import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from pcmt_desktop.overview.parts import Part
from pcmt_desktop.overview.pictures import PICTURE_PARTS, assemble_figures
from pcmt_desktop.overview.quality import QUALITY_PARTS, QualityCheck, assemble_quality
from pcmt_desktop.overview.work import WORK_PARTS, TodayWork, assemble_work
from pcmt_desktop.services.context import ServiceContext

T = TypeVar("T")
# Enough threads for the slow parts to overlap; on the benchmark's two cores 4 beat 2, 3
# and 6 (more only queue for the CPU).
DEFAULT_WORKERS = 4


@dataclass(frozen=True)
class Overview:
    """What the tab draws. ``figures`` is figures-like (``reports.chart_specs.charts_of``).

    ``seconds`` holds how long each part took, by ``Part.name``, as it ran (the benchmark
    prints them; parts in parallel each take longer than alone).
    """

    today: date
    work: TodayWork
    quality: list[QualityCheck]
    figures: dict[str, Any]
    seconds: Mapping[str, float] = field(default_factory=dict)


def _timed(
    part: Part[T], context: ServiceContext, today: date, seconds: dict[str, float]
) -> Callable[[], T]:
    def run() -> T:
        started = time.perf_counter()
        try:
            return part.run(context, today)
        finally:
            # Each key is written by one thread only: no lock needed for a dict item.
            seconds[part.name] = time.perf_counter() - started

    return run


def load_overview(
    context: ServiceContext, today: date, *, workers: int = DEFAULT_WORKERS
) -> Overview:
    """Read every part of the overview for ``today``; raises what a part raised."""
    seconds: dict[str, float] = {}
    every: list[Part[Any]] = [*WORK_PARTS, *QUALITY_PARTS, *PICTURE_PARTS.values()]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="overview") as pool:
        futures: dict[str, Future[Any]] = {
            part.name: pool.submit(_timed(part, context, today, seconds))
            for part in sorted(every, key=lambda part: -part.cost)
        }

        def result(part: Part[T]) -> T:
            value: T = futures[part.name].result()
            return value

        return Overview(
            today=today,
            work=assemble_work(today, [result(part) for part in WORK_PARTS]),
            quality=assemble_quality([result(part) for part in QUALITY_PARTS]),
            figures=assemble_figures(
                today, {key: result(part) for key, part in PICTURE_PARTS.items()}
            ),
            seconds=seconds,
        )
