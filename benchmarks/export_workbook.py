"""Time the data-workbook export on a big invented database, and its peak memory.

The database: ``generate_persons`` (persons, list stays) plus drug tests bulk-inserted
here (positive ones with a substance each), so that the two biggest sheets are as large
as the brief asks: 50 000 persons and 500 000 tests by default.

Run: ``python -m benchmarks.export_workbook [--persons 50000] [--tests 500000]``
"""

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from benchmarks.generate_persons import generate
from pcmt_desktop.interchange.export import export_workbook
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import DrugTest, Person

TODAY = date(2026, 11, 23)
SUBSTANCES = ("heroin", "methamphetamine", "mdma", "ketamine", "cannabis")


def _add_tests(database: Database, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with database.sessions.begin() as session:
        person_ids = list(session.scalars(select(Person.id)))
        batch = []
        for _ in range(count):
            positive = rng.random() < 0.15
            row = {
                "person_id": rng.choice(person_ids),
                "test_date": TODAY - timedelta(days=rng.randrange(730)),
                "summoned_by": "Trung úy Đinh Văn Khoa",
                "method": "Test nhanh nước tiểu",
                "positive": positive,
                "follow_up": "",
                "note": "",
                "other_substance": "",
                **dict.fromkeys(SUBSTANCES, False),
                "other": False,
            }
            if positive:
                row[rng.choice(SUBSTANCES)] = True
            batch.append(row)
            if len(batch) == 20_000:
                session.execute(insert(DrugTest), batch)
                batch = []
        if batch:
            session.execute(insert(DrugTest), batch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--tests", type=int, default=500_000)
    parser.add_argument("--db", type=Path, default=None)
    arguments = parser.parse_args()
    folder = Path(tempfile.gettempdir())
    path = arguments.db or folder / f"pcmt-export-{arguments.persons}-{arguments.tests}.sqlite3"
    if not path.exists():
        started = time.monotonic()
        generate(path, arguments.persons, today=TODAY)
        database = Database.open(path)
        _add_tests(database, arguments.tests)
        database.close()
        print(f"generated {path} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    database = Database.open(path)
    try:
        services = Services.build(ServiceContext(database.sessions, today=lambda: TODAY))
        with database.sessions() as session:
            tests = session.scalar(select(func.count()).select_from(DrugTest))
        target = folder / "pcmt-export-benchmark.xlsx"
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        summary = export_workbook(services, target)
        seconds = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    finally:
        database.close()
    size = target.stat().st_size / 1_000_000
    print("| Persons | Tests | Rows written | Time (s) | Peak RSS (MB) | Before (MB) | File (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {summary.rows['DoiTuong']} | {tests} | {summary.total} | {seconds:.1f} "
        f"| {peak / 1024:.0f} | {before / 1024:.0f} | {size:.1f} |"
    )
    target.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
