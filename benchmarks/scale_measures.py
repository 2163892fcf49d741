"""The measures of ``benchmarks.scale``, each beside a plain baseline (a script, never a test).

``python -m benchmarks.scale_measures NAME --db FILE [--runs N] [--workbook FILE]`` runs one
measure in this process and prints one JSON line: its rows and the process's peak memory.
``benchmarks.scale`` starts a process per measure, so that each peak is that measure's own.

Every row has the program's time (first run and median of the runs) and, measured in the
same process on the same file, a baseline: what the simplest tool would take for the same
answer, so that a figure reads as "how far above the floor" and not only "under target".
"""

import argparse
import hashlib
import json
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.generate_report_data import TODAY
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database

FIRST_SCREEN = 50
SEARCH_KEY = "n"  # one letter: nearly every name has it, the heaviest keystroke


@dataclass(frozen=True)
class Row:
    measure: str
    first_ms: float
    median_ms: float
    baseline: str
    baseline_ms: float
    target_ms: float | None
    rows: int = 0


def timed(
    action: Callable[[], int], runs: int, prepare: Callable[[], object] | None = None
) -> tuple[list[float], int]:
    """Milliseconds of ``runs`` calls (the first one included) and the last call's count.

    ``prepare`` runs before each call, untimed (e.g. clearing the search box).
    """
    seconds: list[float] = []
    count = 0
    for _ in range(runs):
        if prepare is not None:
            prepare()
        started = time.perf_counter()
        count = action()
        seconds.append((time.perf_counter() - started) * 1000)
    return seconds, count


def row(
    measure: str,
    ours: tuple[list[float], int],
    baseline: str,
    floor: tuple[list[float], int],
    target_ms: float | None,
) -> Row:
    times, count = ours
    later = times[1:] or times
    return Row(
        measure,
        round(times[0], 1),
        round(statistics.median(later), 1),
        baseline,
        round(statistics.median(floor[0][1:] or floor[0]), 1),
        target_ms,
        count,
    )


def peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _context(database: Database) -> ServiceContext:
    return ServiceContext(database.sessions, today=lambda: TODAY)


# --- the persons table and a keystroke -------------------------------------------------------


def measure_table(path: Path, runs: int) -> list[Row]:
    from PySide6.QtCore import Qt
    from PySide6.QtSql import QSqlDatabase, QSqlTableModel
    from PySide6.QtWidgets import QApplication

    from pcmt_desktop.gui.registries.persons.table_model import PersonsTableModel
    from pcmt_desktop.services.person_listing import PersonFilter
    from pcmt_desktop.services.registry import Services

    app = QApplication.instance() or QApplication(["bench"])
    database = Database.open(path)
    qt_database = QSqlDatabase.addDatabase("QSQLITE", "baseline")
    qt_database.setDatabaseName(str(path))
    qt_database.open()
    try:
        services = Services.build(_context(database))
        base = PersonFilter(as_of=TODAY)

        def first_screen(model: Any) -> int:
            for line in range(min(FIRST_SCREEN, model.rowCount())):
                for column in range(model.columnCount()):
                    model.index(line, column).data(Qt.ItemDataRole.DisplayRole)
            return int(model.rowCount())

        def ours_open() -> int:
            model = PersonsTableModel(services.listing, criteria=base)
            first_screen(model)
            return model.total()

        def qt_open() -> int:
            # Qt's own model on the same table, in the same order, first screen drawn: no
            # list or sub-area joined in, so a floor rather than the same work.
            model = QSqlTableModel(None, qt_database)
            model.setTable("person")
            model.setSort(model.fieldIndex("name_folded"), Qt.SortOrder.AscendingOrder)
            model.select()
            return first_screen(model)

        model = PersonsTableModel(services.listing, criteria=base)
        qt_model = QSqlTableModel(None, qt_database)
        qt_model.setTable("person")
        qt_model.setSort(qt_model.fieldIndex("name_folded"), Qt.SortOrder.AscendingOrder)

        def clear_search() -> None:
            model.set_filter(base)
            first_screen(model)

        def ours_key() -> int:
            model.set_filter(PersonFilter(as_of=TODAY, text=SEARCH_KEY))
            first_screen(model)
            return model.total()

        def qt_key() -> int:
            qt_model.setFilter(f"search_text LIKE '%{SEARCH_KEY}%'")
            qt_model.select()
            return first_screen(qt_model)

        rows = [
            row(
                "Persons table: open, first 50 rows drawn",
                timed(ours_open, runs),
                "QSqlTableModel on `person`",
                timed(qt_open, runs),
                300,
            ),
            row(
                f"Search keystroke “{SEARCH_KEY}”, first 50 rows drawn",
                timed(ours_key, runs, clear_search),
                "QSqlTableModel, `LIKE` filter",
                timed(qt_key, runs),
                100,
            ),
        ]
    finally:
        qt_database.close()
        database.close()
    del app
    return rows


# --- figures, the .docx, the overview --------------------------------------------------------


def _year() -> tuple[date, date]:
    from pcmt_desktop.domain.report_periods import PresetKind, preset

    period = preset(PresetKind.YEAR, TODAY.year - 1)
    return period.start, period.end


def measure_figures(path: Path, runs: int) -> list[Row]:
    from pcmt_desktop.reports.figures import compute_figures

    start, end = _year()
    database = Database.open(path)
    try:
        context = _context(database)

        def ours() -> int:
            return len(compute_figures(context, start, end, compare=True))

        def direct() -> int:
            # The report's two biggest counts by hand: tests and positives of the year and a
            # year before, and the persons on each list at the year's end.
            with sqlite3.connect(path) as connection:
                found: int = 0
                for first, last in ((start, end), (_a_year_before(start), _a_year_before(end))):
                    found += connection.execute(
                        "SELECT COUNT(*), SUM(positive), COUNT(DISTINCT person_id) FROM drug_test "
                        "WHERE test_date BETWEEN ? AND ?",
                        (first.isoformat(), last.isoformat()),
                    ).fetchone()[0]
                found += sum(
                    count
                    for _key, count in connection.execute(
                        "SELECT list_key, COUNT(*) FROM list_stay WHERE start_date <= ? "
                        "AND (end_date IS NULL OR end_date > ?) GROUP BY list_key",
                        (end.isoformat(), end.isoformat()),
                    )
                )
            return int(found)

        return [
            row(
                "Figures with comparison, a year",
                timed(ours, runs),
                "direct SQL counts (tests, positives, lists)",
                timed(direct, runs),
                1000,
            )
        ]
    finally:
        database.close()


def _a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def measure_docx(path: Path, runs: int) -> list[Row]:
    from docx import Document

    from pcmt_desktop.domain.report_periods import PresetKind, preset
    from pcmt_desktop.reports.docx_context import build_context
    from pcmt_desktop.reports.docx_render import render_docx
    from pcmt_desktop.reports.figures import compute_figures
    from pcmt_desktop.reports.report_service import office_defaults
    from pcmt_desktop.reports.template_catalog import builtin_template, template_path
    from pcmt_desktop.services.office import OfficeService

    period = preset(PresetKind.HALF_YEAR, TODAY.year)
    database = Database.open(path)
    try:
        context = _context(database)
        figures = compute_figures(context, period.start, period.end, compare=True)
        spec = builtin_template("so-ket")
        defaults = office_defaults(OfficeService(context))
        narrative = {key: defaults.get(key, "") for key in spec.keys}
        source = template_path("so-ket")
        with tempfile.TemporaryDirectory(prefix="pcmt-scale-docx-") as folder:
            out = Path(folder) / "so-ket.docx"
            plain = Path(folder) / "plain.docx"

            def ours() -> int:
                render_docx(source, build_context(figures, narrative, spec), out)
                return out.stat().st_size

            def copy() -> int:
                Document(str(source)).save(str(plain))  # python-docx: open and save, no filling
                return plain.stat().st_size

            return [
                row(
                    "Báo cáo .docx “so-ket” rendered",
                    timed(ours, runs),
                    "python-docx: open + save the template",
                    timed(copy, runs),
                    2000,
                )
            ]
    finally:
        database.close()


def measure_overview(path: Path, runs: int) -> list[Row]:
    from pcmt_desktop.overview.loader import load_overview

    database = Database.open(path)
    try:
        context = _context(database)

        def ours() -> int:
            load_overview(context, TODAY)
            return 1

        def direct() -> int:
            with sqlite3.connect(path) as connection:
                count: int = connection.execute(
                    "SELECT COUNT(*) FROM list_stay WHERE end_date IS NULL"
                ).fetchone()[0]
            return count

        return [
            row(
                "Overview (Tổng quan) read",
                timed(ours, runs),
                "direct SQL: persons on a list",
                timed(direct, runs),
                1000,
            )
        ]
    finally:
        database.close()


# --- import and backup -----------------------------------------------------------------------


def measure_import(workbook: Path, runs: int, target_ms: float) -> list[Row]:
    from openpyxl import load_workbook

    from pcmt_desktop.interchange.importer import apply_import, plan_import
    from pcmt_desktop.services.registry import Services

    with tempfile.TemporaryDirectory(prefix="pcmt-scale-import-") as folder:
        # Empty databases made beforehand: creating one (alembic's migrations) is not the
        # import's time.
        empty = [Database.open(Path(folder) / f"import-{run}.sqlite3") for run in range(runs)]
        for database in empty:
            database.close()

        def ours() -> int:
            database = Database.open(empty.pop(0).path)
            try:
                services = Services.build(_context(database))
                plan = plan_import(services, workbook)
                if plan.problems:
                    raise SystemExit(plan.problems[0].describe())
                return apply_import(services, plan).total_added
            finally:
                database.close()

        def parse_only() -> int:
            book = load_workbook(workbook, read_only=True, data_only=True)
            cells = sum(len(line) for sheet in book.worksheets for line in sheet.iter_rows())
            book.close()
            return cells

        return [
            row(
                f"Import of the workbook ({workbook.stat().st_size / 2**20:.1f} MiB)",
                timed(ours, runs),
                "openpyxl read-only: every cell parsed",
                timed(parse_only, runs),
                target_ms,
            )
        ]


def measure_backup(path: Path, runs: int) -> list[Row]:
    from pcmt_desktop.backup import create_backup, verify_backup

    passphrase = "Sao lưu thử nghiệm 2026"
    with tempfile.TemporaryDirectory(prefix="pcmt-scale-backup-") as folder:
        out = Path(folder) / "office.pcmtbak"
        copy = Path(folder) / "copy.sqlite3"

        def create() -> int:
            out.unlink(missing_ok=True)
            create_backup(path, out, passphrase)
            return out.stat().st_size

        def verify() -> int:
            return sum(verify_backup(out, passphrase).counts.values())

        def plain_copy() -> int:
            # The floor: SQLite's backup API to a file and a SHA-256 of it (no key
            # derivation, no encryption, no integrity check).
            copy.unlink(missing_ok=True)
            with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
                source.backup(target)
            digest = hashlib.sha256()
            with copy.open("rb") as handle:
                while block := handle.read(1 << 20):
                    digest.update(block)
            return copy.stat().st_size

        def plain_read() -> int:
            digest = hashlib.sha256()
            with copy.open("rb") as handle:
                while block := handle.read(1 << 20):
                    digest.update(block)
            return len(digest.digest())

        created = timed(create, runs)
        return [
            row(
                "Backup file created (Argon2id + AES-GCM)",
                created,
                "SQLite backup API + SHA-256",
                timed(plain_copy, runs),
                None,
            ),
            row(
                "Backup file verified",
                timed(verify, runs),
                "SHA-256 of the plain copy",
                timed(plain_read, runs),
                None,
            ),
        ]


MEASURES: dict[str, Callable[[argparse.Namespace], list[Row]]] = {
    "table": lambda a: measure_table(a.db, a.runs),
    "figures": lambda a: measure_figures(a.db, a.runs),
    "docx": lambda a: measure_docx(a.db, a.runs),
    "overview": lambda a: measure_overview(a.db, a.runs),
    "import": lambda a: measure_import(a.workbook, a.runs, a.target_ms),
    "backup": lambda a: measure_backup(a.db, a.runs),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("measure", choices=sorted(MEASURES))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workbook", type=Path)
    parser.add_argument("--target-ms", type=float)
    arguments = parser.parse_args(argv)
    rows = MEASURES[arguments.measure](arguments)
    print(json.dumps({"rows": [asdict(item) for item in rows], "peak_mib": round(peak_mib())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
