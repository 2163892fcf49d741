"""PCMT at three sizes, each measure beside a plain baseline (a script, never a test).

Sizes (issue 9): a commune (2 000 persons, 20 000 tests), a province (50 000 persons,
500 000 tests) and the national scale (300 000 persons, 3 000 000 tests). For each, the
data comes from ``generate_report_data`` (five years of an invented office, every
registry; invented names) with an administrator added for the login, and an import
workbook from ``import_workbook.write_workbook``. Then each measure runs in a process of
its own (``scale_measures``; ``startup`` for the start-up), so each peak memory is that
measure's own:

- start-up: launch → login dialog painted; login pressed → main window painted
  (baseline: an empty PySide6 window);
- the persons table's first rows and a search keystroke (baseline: ``QSqlTableModel``);
- the figures of a year with the comparison (baseline: the biggest counts in direct SQL);
- the .docx báo cáo (baseline: python-docx opening and saving the template);
- the overview (baseline: one SQL count);
- the import of a workbook (baseline: openpyxl parsing every cell);
- a backup file created and verified (baseline: SQLite's backup API and a SHA-256).

``python -m benchmarks.scale [--sizes commune province national] [--folder F] [--runs 5]
[--write docs/PERFORMANCE.md]``. The data is generated once into ``--folder`` and reused.
Exits with status 1 when a target is missed.
"""

import argparse
import json
import math
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks import startup
from benchmarks.generate_report_data import generate
from benchmarks.import_workbook import write_workbook
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database

ADMIN = "quantri"
PASSWORD = "MatKhau#Scale2026"
# Issue 4's import target: 50 000 persons and 500 000 tests in under 60 s and 1 GB. A
# smaller workbook has the same 60 s; a bigger one the same pace (rows per second). Every
# size has the same memory bound.
IMPORT_TARGET_MS = 60_000
IMPORT_TARGET_ROWS = 550_000
MEMORY_TARGET_MIB = 1024
STARTUP_RUNS = 3


@dataclass(frozen=True)
class Size:
    name: str
    persons: int
    tests: int
    # The import workbook's tests. A workbook is one office's: the national level receives
    # backups. Its limits (WORKBOOK.md: 200 MB unpacked, 600 000 rows a sheet) take all
    # 300 000 persons but not 3 000 000 tests; 400 000 tests fill it to some 190 MB.
    workbook_tests: int


SIZES = {
    size.name: size
    for size in (
        Size("commune", 2_000, 20_000, 20_000),
        Size("province", 50_000, 500_000, 500_000),
        Size("national", 300_000, 3_000_000, 400_000),
    )
}


@dataclass(frozen=True)
class Result:
    size: Size
    rows: list[dict[str, Any]]
    database_mib: float


def prepare(size: Size, folder: Path) -> tuple[Path, Path, Path]:
    """The database, the password file and the workbook of ``size`` (made when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / f"{size.name}.sqlite3"
    password_file = folder / "password.txt"
    password_file.write_text(PASSWORD, encoding="utf-8")
    if not database.exists():
        say(f"{size.name}: generating {size.persons} persons, {size.tests} tests")
        partial = folder / f"{size.name}.partial.sqlite3"
        for leftover in folder.glob(f"{size.name}.partial.sqlite3*"):
            leftover.unlink()
        generate(partial, size.persons, size.tests, quiet=True)
        _add_administrator(partial)
        partial.rename(database)
        for lock in folder.glob(f"{size.name}.partial.sqlite3*"):
            lock.unlink()  # the lock file Database left beside the file's first name
    workbook = folder / f"{size.name}.xlsx"
    if not workbook.exists():
        say(f"{size.name}: writing the import workbook")
        partial_book = folder / f"{size.name}.partial.xlsx"
        write_workbook(partial_book, size.persons, size.workbook_tests)
        partial_book.rename(workbook)
    return database, password_file, workbook


def _add_administrator(path: Path) -> None:
    from pcmt_desktop.auth.login import LoginService

    database = Database.open(path)
    try:
        LoginService(ServiceContext(database.sessions)).first_administrator(
            ADMIN, "Quản trị thử nghiệm", PASSWORD
        )
    finally:
        database.close()


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _child(arguments: list[str]) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale_measures", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"{arguments[0]} failed:\n{completed.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(lines[-1])
    return found


def _startup_rows(database: Path, password_file: Path) -> list[dict[str, Any]]:
    times = startup.measure_startup(database, ADMIN, password_file, STARTUP_RUNS)

    def ms(values: list[float]) -> float:
        return round(statistics.median(values[1:] or values) * 1000, 1)

    baseline = ms(times.baseline)
    common = {"baseline": "empty PySide6 window painted", "baseline_ms": baseline, "rows": 0}
    return [
        common
        | {
            "measure": "Start-up: launch → login dialog painted",
            "first_ms": round(times.login[0] * 1000, 1),
            "median_ms": ms(times.login),
            "target_ms": startup.TARGET_SECONDS * 1000,
        },
        common
        | {
            "measure": "Start-up: login pressed → main window painted",
            "first_ms": round(times.after_login[0] * 1000, 1),
            "median_ms": ms(times.after_login),
            "target_ms": startup.TARGET_SECONDS * 1000,
        },
    ]


def _failed(measure: str, why: str) -> dict[str, Any]:
    reason = why.strip().splitlines()[-1] if why.strip() else "no output"
    return {
        "measure": f"{measure}: FAILED ({reason})",
        "first_ms": float("nan"),
        "median_ms": float("inf"),
        "baseline": "—",
        "baseline_ms": float("nan"),
        "target_ms": 0.0,
        "peak_mib": None,
    }


def run_size(size: Size, folder: Path, runs: int) -> Result:
    database, password_file, workbook = prepare(size, folder)
    rows: list[dict[str, Any]] = []
    say(f"{size.name}: start-up")
    rows += [item | {"peak_mib": None} for item in _startup_rows(database, password_file)]
    import_rows = size.persons + size.workbook_tests
    import_target = IMPORT_TARGET_MS * max(1.0, import_rows / IMPORT_TARGET_ROWS)
    for measure, extra, measure_runs in (
        ("table", [], runs),
        ("figures", [], runs),
        ("docx", [], runs),
        ("overview", [], runs),
        ("backup", [], 2),
        (
            "import",
            [
                "--workbook",
                str(workbook),
                "--target-ms",
                str(import_target),
            ],
            1,
        ),
    ):
        say(f"{size.name}: {measure}")
        try:
            found = _child([measure, "--db", str(database), "--runs", str(measure_runs), *extra])
        except RuntimeError as error:
            say(str(error))  # the other measures still run; the row says it failed
            rows.append(_failed(measure, str(error)))
            continue
        rows += [item | {"peak_mib": found["peak_mib"]} for item in found["rows"]]
    return Result(size, rows, database.stat().st_size / 2**20)


# --- the report -------------------------------------------------------------------------------


def _number(value: float) -> str:
    if not math.isfinite(value):  # a failed row
        return "—"
    return f"{value:,.0f}".replace(",", " ")


def _met(item: dict[str, Any]) -> bool:
    target = item["target_ms"]
    fast = target is None or item["median_ms"] < target
    peak = item["peak_mib"]
    return fast and (peak is None or peak < MEMORY_TARGET_MIB)


def markdown(results: list[Result]) -> str:
    lines: list[str] = []
    for result in results:
        size = result.size
        lines += [
            f"### {size.name.capitalize()}: {_number(size.persons)} persons, "
            f"{_number(size.tests)} tests (database {_number(result.database_mib)} MiB)",
            "",
            "| Measure | First (ms) | Median (ms) | Baseline | Baseline (ms) | Target (ms) "
            "| Peak (MiB) | Met |",
            "|---|---:|---:|---|---:|---:|---:|:---:|",
        ]
        for item in result.rows:
            target = "—" if item["target_ms"] is None else _number(item["target_ms"])
            peak = "—" if item["peak_mib"] is None else _number(item["peak_mib"])
            lines.append(
                f"| {item['measure']} | {_number(item['first_ms'])} | "
                f"{_number(item['median_ms'])} | {item['baseline']} | "
                f"{_number(item['baseline_ms'])} | {target} | {peak} | "
                f"{'yes' if _met(item) else '**NO**'} |"
            )
        lines.append("")
    return "\n".join(lines)


def cpu_reference_seconds() -> float:
    """A fixed piece of pure Python (10 million additions): how fast this machine is today.

    A shared virtual machine's speed varies from day to day; every run prints this, so
    that two runs' tables are compared knowing how fast the machine was each time.
    """
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - started


def machine() -> str:
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB"
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{memory}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


BEGIN = "<!-- benchmarks.scale: begin -->"
END = "<!-- benchmarks.scale: end -->"


def write_results(path: Path, text: str) -> None:
    """Replace what lies between the markers in ``path`` (the prose around stays)."""
    current = path.read_text(encoding="utf-8")
    head, _, rest = current.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "pcmt-scale")
    parser.add_argument("--runs", type=int, default=5, help="runs of each quick measure")
    parser.add_argument("--write", type=Path, help="put the tables into this Markdown file")
    arguments = parser.parse_args(argv)
    results = [run_size(SIZES[name], arguments.folder, arguments.runs) for name in arguments.sizes]
    reference = cpu_reference_seconds()
    text = (
        f"Run of {date.today():%d/%m/%Y} on {machine()}; CPU reference "
        f"(`scale.cpu_reference_seconds`) {reference:.2f} s; load average at the end "
        f"{os.getloadavg()[0]:.1f}. First = the first run; median of the runs after it.\n\n"
        + markdown(results)
    )
    print(text)
    if arguments.write is not None:
        write_results(arguments.write, text)
    return 0 if all(_met(item) for result in results for item in result.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
