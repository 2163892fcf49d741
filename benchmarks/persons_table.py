"""How fast the persons table answers on a big registry (a script, never a test).

Generates (or reuses) a database of invented persons, then times what an officer does
most: open the table, type in the search box, click a header, filter by list on a date.
Each measure is the median of several runs and includes the first 50 rows' ``data()``,
i.e. what the view asks for to draw the first screen.

Run: ``python -m benchmarks.persons_table --persons 100000`` (see benchmarks/README.md).
"""

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

# Before any Qt import: no screen needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from benchmarks.generate_persons import generate, person_count
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.persons.tab import PersonsTab
from pcmt_desktop.gui.registries.persons.table_model import (
    Column,
    PersonsTableModel,
)
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.person_listing import (
    NOT_ON_ANY_LIST,
    ON_ANY_LIST,
    PersonFilter,
)
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

FIRST_SCREEN = 50
SEARCH_PREFIXES = ("n", "ng", "ngu", "nguyen", "nguyen v", "tran thi h", "037", "1985")
OPEN_TARGET = 0.3
KEYSTROKE_TARGET = 0.1
# The brief sets no target for a header click or a filter change; a third of a second is
# where a click starts to feel slow, so the same bound as opening the table.
CLICK_TARGET = 0.3


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: list[float]
    target: float
    rows: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def met(self) -> bool:
        return self.median < self.target


def draw_first_screen(model: PersonsTableModel) -> None:
    """What the view asks for to paint the first rows: every cell's text."""
    for row in range(min(FIRST_SCREEN, model.rowCount())):
        for column in range(model.columnCount()):
            model.index(row, column).data(Qt.ItemDataRole.DisplayRole)


def timed(
    runs: int, prepare: Callable[[], None], action: Callable[[], int]
) -> tuple[list[float], int]:
    """Seconds for ``action`` over ``runs`` runs, each after an untimed ``prepare``."""
    seconds: list[float] = []
    rows = 0
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        rows = action()
        seconds.append(time.perf_counter() - started)
    return seconds, rows


def measure_all(services: Services, runs: int) -> list[Measure]:
    today = services.context.today()
    base = PersonFilter(as_of=today)
    measures: list[Measure] = []

    def nothing() -> None:
        pass

    def open_table() -> int:
        model = PersonsTableModel(services.listing, criteria=base)
        draw_first_screen(model)
        return model.total()

    seconds, rows = timed(runs, nothing, open_table)
    measures.append(Measure("Open: build the model + first 50 rows", seconds, OPEN_TARGET, rows))

    model = PersonsTableModel(services.listing, criteria=base)

    def query(criteria: PersonFilter) -> Callable[[], int]:
        def run() -> int:
            model.set_filter(criteria)
            draw_first_screen(model)
            return model.total()

        return run

    def reset() -> None:
        model.set_filter(base)

    for prefix in SEARCH_PREFIXES:
        seconds, rows = timed(runs, reset, query(replace(base, text=prefix)))
        measures.append(Measure(f"Keystroke: search “{prefix}”", seconds, KEYSTROKE_TARGET, rows))

    def header_click(column: Column, order: Qt.SortOrder) -> Callable[[], int]:
        def run() -> int:
            model.sort(column, order)
            draw_first_screen(model)
            return model.total()

        return run

    ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    for label, column, order in (
        ("list", Column.LIST, ascending),
        ("list, descending", Column.LIST, descending),
        ("list since", Column.LIST_SINCE, ascending),
        ("sub-area", Column.SUB_AREA, ascending),
        ("birth year", Column.BIRTH_YEAR, ascending),
        ("name, descending", Column.NAME, descending),
    ):
        seconds, rows = timed(runs, reset, header_click(column, order))
        measures.append(Measure(f"Header click: sort by {label}", seconds, CLICK_TARGET, rows))

    year_ago = today - timedelta(days=365)
    for label, criteria in (
        (f"addicts as of {year_ago:%d/%m/%Y}", replace(base, list_key="nghien", as_of=year_ago)),
        ("addicts today", replace(base, list_key=ManagementList.ADDICT.value)),
        ("on any list today", replace(base, list_key=ON_ANY_LIST)),
        ("on no list today", replace(base, list_key=NOT_ON_ANY_LIST)),
        ("sub-area 3 + search “ng”", replace(base, sub_area_id=3, text="ng")),
        ("users + search “thi”", replace(base, list_key="su_dung", text="thi")),
    ):
        seconds, rows = timed(runs, reset, query(criteria))
        measures.append(Measure(f"Filter: {label}", seconds, CLICK_TARGET, rows))

    def scroll_to_middle() -> int:
        middle = model.total() // 2
        for row in range(middle, middle + FIRST_SCREEN):
            for column in range(model.columnCount()):
                model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
        return FIRST_SCREEN

    seconds, rows = timed(runs, reset, scroll_to_middle)
    measures.append(Measure("Scroll: 50 rows in the middle", seconds, KEYSTROKE_TARGET, rows))

    def open_tab() -> int:
        signals = ChangeSignals(services.context.bus)
        tab = PersonsTab(services, signals)
        tab.resize(1280, 720)
        tab.show()
        QApplication.processEvents()
        total = tab.model.total()
        tab.close()
        tab.deleteLater()
        signals.detach()
        QApplication.processEvents()
        return total

    seconds, rows = timed(runs, nothing, open_tab)
    measures.append(Measure("Open: the whole tab, shown and painted", seconds, CLICK_TARGET, rows))
    return measures


def report(measures: list[Measure], persons: int, path: Path) -> str:
    lines = [
        f"Persons table on {persons:,} invented persons ({path})".replace(",", " "),
        "",
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PySide6 {PySide6.__version__}, {platform.system()} {platform.machine()}",
        "",
        "| Measure | Rows | Median (ms) | Min–max (ms) | Target (ms) | Met? |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for item in measures:
        lines.append(
            f"| {item.name} | {item.rows:,} | {item.median * 1000:.1f} | "
            f"{min(item.seconds) * 1000:.0f}–{max(item.seconds) * 1000:.0f} | "
            f"{item.target * 1000:.0f} | {'yes' if item.met else '**NO**'} |"
        )
    return "\n".join(lines)


def ensure_database(path: Path, persons: int) -> None:
    if path.exists():
        found = person_count(path)
        if found != persons:
            sys.exit(
                f"{path} holds {found} persons, not {persons}: remove it or pass another --db."
            )
        print(f"Reusing {path} ({found} persons).", file=sys.stderr)
        return
    print(f"Generating {persons} persons into {path} …", file=sys.stderr)
    started = time.perf_counter()
    generate(path, persons)
    print(f"… done in {time.perf_counter() - started:.1f} s.", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time the persons table on a big registry.")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument(
        "--db",
        type=Path,
        help="database to use or create (default: pcmt-bench-<N>.sqlite3 in the temp folder)",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median)")
    args = parser.parse_args(argv)
    path: Path = args.db or Path(tempfile.gettempdir()) / f"pcmt-bench-{args.persons}.sqlite3"
    ensure_database(path, args.persons)

    application = QApplication.instance() or QApplication([])
    database = Database.open(path)
    try:
        services = Services.build(ServiceContext(database.sessions, today=date.today))
        measures = measure_all(services, args.runs)
    finally:
        database.close()
    print(report(measures, args.persons, path))
    del application
    if not all(item.met for item in measures):
        sys.exit(1)


if __name__ == "__main__":
    main()
