"""How fast the overview tab (Tổng quan) reads a big database (a script, never a test).

Opens the database as the program does (``Database.open``) and times, on the data of
``generate_report_data`` (300 000 persons, 3 000 000 tests):

- ``load_overview`` as the tab calls it (every part in worker threads): the first run,
  then the median of the others, against the target of issue 8 (under 1 s);
- each part as it ran inside those loads (median), and each part alone, one after the
  other (median): the difference is what the parts cost each other on a few cores;
- the tab itself (offscreen): from showing the "Tổng quan" tab to its tree, checks and four
  charts filled and painted — what the officer waits for — the first time and the median;
- the peak resident memory of the process.

Exits with status 1 when the target is missed.

Run: ``python -m benchmarks.overview --db /tmp/bench_report.sqlite3`` (generate the
database first, see benchmarks/README.md).
"""

import argparse
import os
import platform
import resource
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from benchmarks.generate_report_data import TODAY
from pcmt_desktop.overview.loader import DEFAULT_WORKERS, Overview, load_overview
from pcmt_desktop.overview.parts import Part
from pcmt_desktop.overview.pictures import PICTURE_PARTS
from pcmt_desktop.overview.quality import QUALITY_PARTS
from pcmt_desktop.overview.work import WORK_PARTS
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import DrugTest, Person

TARGET = 1.0
PARTS: list[Part[Any]] = [*WORK_PARTS, *QUALITY_PARTS, *PICTURE_PARTS.values()]


def _peak_mib() -> float:
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _machine(context: ServiceContext, path: Path) -> str:
    with context.reading() as session:
        persons = session.scalar(select(func.count()).select_from(Person)) or 0
        tests = session.scalar(select(func.count()).select_from(DrugTest)) or 0
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB"
    load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"
    return (
        f"{_spaced(persons)} persons, {_spaced(tests)} tests, database "
        f"{path.stat().st_size / 2**20:.0f} MiB; "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{memory}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"load average {load}"
    )


def _summary(overview: Overview) -> str:
    quality = ", ".join(f"{check.key} {check.count}" for check in overview.quality)
    work = ", ".join(f"{group.key.value} {group.count}" for group in overview.work.groups)
    return f"Today's work: {work}.\nData quality: {quality}."


def _tab_times(context: ServiceContext, runs: int) -> list[float]:
    """Seconds from showing the overview tab to its page filled and painted, per run."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from pcmt_desktop.gui.change_signals import ChangeSignals
    from pcmt_desktop.gui.overview.tab import OverviewTab
    from pcmt_desktop.services.registry import Services

    app = QApplication.instance() or QApplication([])
    services = Services.build(context)
    tab = OverviewTab(services, ChangeSignals(context.bus))
    tab.resize(1280, 760)
    times: list[float] = []
    for run_index in range(runs + 1):
        loop = QEventLoop()
        tab.loaded.connect(loop.quit)
        started = time.perf_counter()
        if run_index == 0:
            tab.show()  # the first show starts the reading
        else:
            tab.refresh()
        loop.exec()
        tab.repaint()  # the page as drawn, charts included
        app.processEvents()
        times.append(time.perf_counter() - started)
        tab.loaded.disconnect(loop.quit)
        print(f"  overview tab: {_ms(times[-1])} ms", file=sys.stderr, flush=True)
    tab.close()
    return times


def run(path: Path, runs: int, today: date, workers: int) -> bool:
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: today)
        print(_machine(context, path), file=sys.stderr, flush=True)
        loads: list[float] = []
        inside: dict[str, list[float]] = defaultdict(list)
        overview: Overview | None = None
        for _ in range(runs + 1):
            started = time.perf_counter()
            overview = load_overview(context, today, workers=workers)
            loads.append(time.perf_counter() - started)
            for name, seconds in overview.seconds.items():
                inside[name].append(seconds)
            print(f"  load_overview: {_ms(loads[-1])} ms", file=sys.stderr, flush=True)
        alone: dict[str, list[float]] = defaultdict(list)
        for _ in range(runs):
            for part in PARTS:
                started = time.perf_counter()
                part.run(context, today)
                alone[part.name].append(time.perf_counter() - started)
        median = statistics.median(loads[1:] or loads)
        tab = _tab_times(context, runs)
        tab_median = statistics.median(tab[1:] or tab)
        verdict = "PASS" if median < TARGET else "FAIL"
        tab_verdict = "PASS" if tab_median < TARGET else "FAIL"
        print(f"\n{_machine(context, path)}; {workers} worker threads.\n")
        print("| Measure | First run (ms) | Median (ms) | Target (ms) | Result |")
        print("|---|---:|---:|---:|:---:|")
        print(f"| load_overview | {_ms(loads[0])} | {_ms(median)} | {_ms(TARGET)} | {verdict} |")
        print(
            f"| tab shown → filled and painted | {_ms(tab[0])} | {_ms(tab_median)} | "
            f"{_ms(TARGET)} | {tab_verdict} |"
        )
        print(f"\nEach part, median of {runs} runs after the first (ms):\n")
        print("| Part | In load_overview | Alone |")
        print("|---|---:|---:|")
        for part in sorted(PARTS, key=lambda part: -statistics.median(alone[part.name])):
            within = statistics.median(inside[part.name][1:] or inside[part.name])
            print(f"| {part.name} | {_ms(within)} | {_ms(statistics.median(alone[part.name]))} |")
        total = sum(statistics.median(alone[part.name]) for part in PARTS)
        print(f"| (sum of the parts alone) | | {_ms(total)} |")
        print(f"\nPeak resident memory: {_peak_mib():.0f} MiB.")
        if overview is not None:
            print(_summary(overview))
        return median < TARGET and tab_median < TARGET
    finally:
        database.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, required=True, help="made by generate_report_data")
    parser.add_argument("--runs", type=int, default=3, help="timed runs after the first")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="worker threads")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=TODAY,
        help="the program's today (the generated data ends on 2026-11-23)",
    )
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"{args.db} does not exist: run benchmarks.generate_report_data first")
    return 0 if run(args.db, args.runs, args.today, args.workers) else 1


if __name__ == "__main__":
    sys.exit(main())
