"""How fast a báo cáo comes out of a big database (a script, never a test).

Opens the database as the program does (``Database.open``) and times, on the data of
``generate_report_data`` (300 000 persons, 3 000 000 tests):

- ``compute_figures`` with the comparison period, for a month, a 6-month period and a
  year (the reporting presets, 15th to 14th): the first run of each, then the median;
- rendering the ``so-ket`` and ``cao-diem`` Word documents from figures already computed
  (``build_context`` + ``render_docx`` on the bundled template), and the .xlsx annex;
- the whole báo cáo as the wizard makes it: figures, then the .docx and the annex.

Targets (issue 5): figures under 1 s, the .docx under 2 s. The peak resident memory of
the process is printed with the table. Exits with status 1 when a target is missed.

Run: ``python -m benchmarks.report_figures --db /tmp/bench_report.sqlite3`` (generate the
database first, see benchmarks/README.md).
"""

import argparse
import os
import platform
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from benchmarks.generate_report_data import TODAY
from pcmt_desktop.domain.report_periods import PresetKind, ReportPeriod, period_title, preset
from pcmt_desktop.reports.annex import write_annex
from pcmt_desktop.reports.docx_context import build_context
from pcmt_desktop.reports.docx_render import render_docx
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.reports.report_service import office_defaults
from pcmt_desktop.reports.template_catalog import builtin_template, template_path
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeService
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import DrugTest, Person

FIGURES_TARGET = 1.0
DOCX_TARGET = 2.0


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: list[float]  # wall clock: the first run, then the others
    cpu: list[float]  # the process's CPU time (all threads) of the same runs
    target: float | None

    @property
    def first(self) -> float:
        return self.seconds[0]

    @property
    def median(self) -> float:
        # The first run pays for the cold page cache: the median is of the others.
        return statistics.median(self.seconds[1:] or self.seconds)

    @property
    def cpu_median(self) -> float:
        # Far below the wall clock: the run waited for a CPU another program held.
        return statistics.median(self.cpu[1:] or self.cpu)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "—"
        return "PASS" if self.median < self.target else "FAIL"


def _timed(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of the first run, then of ``runs`` more."""
    seconds, cpu = [], []
    for _ in range(runs + 1):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return seconds, cpu


def _peak_mib() -> float:
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _periods(today: date) -> list[tuple[str, PresetKind, ReportPeriod]]:
    """A month, 6 months and a year that the data covers, with their comparison years."""
    year = today.year
    month = preset(PresetKind.MONTH, year, 11)
    if month.end > today:
        month = preset(PresetKind.MONTH, year, 10)
    return [
        ("month", PresetKind.MONTH, month),
        ("6 months", PresetKind.HALF_YEAR, preset(PresetKind.HALF_YEAR, year)),
        ("year", PresetKind.YEAR, preset(PresetKind.YEAR, year - 1)),
    ]


def _narrative(context: ServiceContext, template: str) -> dict[str, str]:
    """What a first report of the office starts from: the header from its settings."""
    defaults = office_defaults(OfficeService(context))
    return {key: defaults.get(key, "") for key in builtin_template(template).keys}


class _Bench:
    def __init__(self, context: ServiceContext, runs: int, folder: Path) -> None:
        self.context = context
        self.runs = runs
        self.folder = folder
        self.measures: list[Measure] = []
        self.notes: list[str] = []

    def record(
        self, name: str, timings: tuple[list[float], list[float]], target: float | None
    ) -> None:
        measure = Measure(name, *timings, target)
        self.measures.append(measure)
        print(
            f"  {name}: first {measure.first * 1000:.0f} ms, median "
            f"{measure.median * 1000:.0f} ms  (peak {_peak_mib():.0f} MiB)",
            file=sys.stderr,
            flush=True,
        )

    def figures(self, label: str, period: ReportPeriod) -> dict[str, Any]:
        found: dict[str, Any] = {}

        def compute() -> None:
            found.update(compute_figures(self.context, period.start, period.end, compare=True))

        self.record(
            f"Figures + comparison, {label} ({period.start:%d/%m/%Y}–{period.end:%d/%m/%Y})",
            _timed(compute, self.runs),
            FIGURES_TARGET,
        )
        return found

    def docx(self, template: str, label: str, figures: Mapping[str, Any]) -> None:
        source = template_path(template)
        if not source.exists():
            self.notes.append(f"{template}: no bundled template at {source}; not timed.")
            return
        spec = builtin_template(template)
        narrative = _narrative(self.context, template)
        out = self.folder / f"{template}.docx"

        def render() -> None:
            render_docx(source, build_context(figures, narrative, spec), out)

        self.record(f".docx “{template}”, {label}", _timed(render, self.runs), DOCX_TARGET)

    def annex(self, label: str, figures: Mapping[str, Any], title: str) -> None:
        out = self.folder / "annex.xlsx"
        self.record(
            f".xlsx annex, {label}",
            _timed(lambda: write_annex(figures, out, title=title), self.runs),
            None,
        )

    def whole(self, template: str, label: str, period: ReportPeriod, title: str) -> None:
        """Figures, .docx and annex in a row: what the officer waits for."""
        source = template_path(template)
        if not source.exists():
            return
        spec = builtin_template(template)
        narrative = _narrative(self.context, template)

        def report() -> None:
            figures = compute_figures(self.context, period.start, period.end, compare=True)
            render_docx(source, build_context(figures, narrative, spec), self.folder / "w.docx")
            write_annex(figures, self.folder / "w.xlsx", title=title)

        self.record(f"Whole báo cáo “{template}”, {label}", _timed(report, self.runs), None)


def _sizes(context: ServiceContext) -> tuple[int, int]:
    with context.reading() as session:
        persons = session.scalar(select(func.count()).select_from(Person)) or 0
        tests = session.scalar(select(func.count()).select_from(DrugTest)) or 0
    return persons, tests


def _table(measures: list[Measure]) -> list[str]:
    lines = [
        "| Measure | First run (ms) | Median (ms) | CPU, median (ms) | Target (ms) | Result |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for measure in measures:
        target = "—" if measure.target is None else f"{measure.target * 1000:.0f}"
        lines.append(
            f"| {measure.name} | {measure.first * 1000:.0f} | {measure.median * 1000:.0f} "
            f"| {measure.cpu_median * 1000:.0f} | {target} | {measure.verdict} |"
        )
    return lines


def _machine(path: Path, persons: int, tests: int) -> str:
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {total / 2**30:.0f} GiB RAM"
    return (
        f"{_spaced(persons)} persons, {_spaced(tests)} tests, database "
        f"{path.stat().st_size / 2**20:.0f} MiB; {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs{memory}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def _load() -> str:
    """The 1-minute load average: other programs' work slows every measure."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def run(path: Path, runs: int, today: date, *, figures_only: bool = False) -> list[Measure]:
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: today)
        persons, tests = _sizes(context)
        print(_machine(path, persons, tests), file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="pcmt-bench-report-") as folder:
            bench = _Bench(context, runs, Path(folder))
            computed = {
                label: (kind, period, bench.figures(label, period))
                for label, kind, period in _periods(today)
            }
            if not figures_only:
                for template, label in (("cao-diem", "month"), ("so-ket", "6 months")):
                    kind, period, figures = computed[label]
                    bench.docx(template, label, figures)
                kind, period, figures = computed["year"]
                bench.annex("year", figures, f"Báo cáo tổng kết {period_title(kind, period)}")
                kind, period, _figures = computed["6 months"]
                title = f"Báo cáo sơ kết {period_title(kind, period)}"
                bench.whole("so-ket", "6 months", period, title)
            print(
                f"\n{_machine(path, persons, tests)}; median of {runs} runs after the first; "
                f"load average at the end {_load()}.\n"
            )
            print("\n".join(_table(bench.measures)))
            print(f"\nPeak resident memory: {_peak_mib():.0f} MiB.")
            for note in bench.notes:
                print(f"Note: {note}")
            return bench.measures
    finally:
        database.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, required=True, help="made by generate_report_data")
    parser.add_argument("--runs", type=int, default=5, help="timed runs after the first")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=TODAY,
        help="the program's today (the generated data ends on 2026-11-23)",
    )
    parser.add_argument(
        "--figures-only", action="store_true", help="time the figures alone (no .docx, .xlsx)"
    )
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"{args.db} does not exist: run benchmarks.generate_report_data first")
    measures = run(args.db, args.runs, args.today, figures_only=args.figures_only)
    return 0 if all(measure.verdict != "FAIL" for measure in measures) else 1


if __name__ == "__main__":
    sys.exit(main())
