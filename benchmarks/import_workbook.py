"""Time the data-workbook import of a big invented workbook into an empty database.

The workbook (openpyxl write-only, so writing it costs little memory): an office, 20
sub-areas, ``--persons`` persons (50 000) and ``--tests`` drug tests (500 000), dates as
real Excel dates. It is planned (every cell parsed and checked) and applied (bulk inserts
in one transaction) into a new database; the script prints the time of each half and the
peak memory of the process (ru_maxrss). Targets: under 60 s and under 1 GB.

Run: ``python -m benchmarks.import_workbook [--persons 50000] [--tests 500000]``
"""

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from pcmt_desktop.interchange import spec
from pcmt_desktop.interchange.importer import apply_import, plan_import
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

TODAY = date(2026, 11, 23)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Khánh", "Lan", "Sơn", "Tú", "Vinh")
SUBSTANCES = ("Heroin", "Methamphetamine", "MDMA", "Ketamine", "Cần sa")


def write_workbook(path: Path, persons: int, tests: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    office = book.create_sheet(spec.OFFICE.name)
    office.append(list(spec.OFFICE.headers[:4]))
    office.append(["Công an huyện Thử Nghiệm", "Huyện", "Công an tỉnh Mẫu", "xã, thị trấn"])
    areas = [f"Xã Số {number}" for number in range(1, 21)]
    sub_areas = book.create_sheet(spec.SUB_AREAS.name)
    sub_areas.append(list(spec.SUB_AREAS.headers))
    for name in areas:
        sub_areas.append([name, rng.randrange(2000, 12000)])
    people = book.create_sheet(spec.PERSONS.name)
    people.append(list(spec.PERSONS.headers[:6]))
    for number in range(1, persons + 1):
        people.append(
            [
                spec.record_key(spec.PERSON_KEY, number),
                f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                rng.choice(("Nam", "Nữ")),
                rng.randrange(1960, 2006),
                f"{number:012d}",
                rng.choice(areas),
            ]
        )
    sheet = book.create_sheet(spec.DRUG_TESTS.name)
    sheet.append(list(spec.DRUG_TESTS.headers[:4]))
    start = datetime(TODAY.year, TODAY.month, TODAY.day)
    for _ in range(tests):
        positive = rng.random() < 0.15
        sheet.append(
            [
                spec.record_key(spec.PERSON_KEY, rng.randrange(1, persons + 1)),
                start - timedelta(days=rng.randrange(730)),
                spec.POSITIVE_WORD if positive else spec.NEGATIVE_WORD,
                rng.choice(SUBSTANCES) if positive else None,
            ]
        )
    book.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--tests", type=int, default=500_000)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lon.xlsx"
        started = time.monotonic()
        write_workbook(path, arguments.persons, arguments.tests)
        print(
            f"Workbook written: {path.stat().st_size / 1e6:.1f} MB in "
            f"{time.monotonic() - started:.1f} s"
        )
        database = Database.open(Path(folder) / "bench.sqlite3")
        try:
            services = Services.build(ServiceContext(database.sessions, today=lambda: TODAY))
            started = time.monotonic()
            plan = plan_import(services, path)
            planned = time.monotonic() - started
            if plan.problems:
                for problem in plan.problems[:20]:
                    print(problem.describe())
                return 1
            started = time.monotonic()
            summary = apply_import(services, plan)
            applied = time.monotonic() - started
        finally:
            database.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Plan (read + check): {planned:.1f} s; apply (one transaction): {applied:.1f} s; "
        f"total {planned + applied:.1f} s"
    )
    print(f"Rows added: {summary.total_added:,}; peak memory (ru_maxrss) {peak_mb:.0f} MB")
    return 0 if planned + applied < 60 and peak_mb < 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
