"""``pcmt --db PATH figures …`` prints the figures JSON that the reports are rendered from."""

import json
from datetime import date
from pathlib import Path

import pytest

from pcmt_desktop.cli.main import main
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from tests.cli.credentials import Logins

FROM, TO = "15/12/2025", "14/11/2026"


@pytest.fixture
def demo_database(tmp_path: Path, logins: Logins) -> Path:
    path = tmp_path / "pcmt.sqlite3"
    assert (
        main(["--db", str(path), *logins.new_admin, "demo", "--persons", "60", "--seed", "7"]) == 0
    )
    return path


def test_figures_print_the_same_object_the_reports_use(
    demo_database: Path, logins: Logins, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code = main(
        ["--db", str(demo_database), *logins.admin, "figures", "--from", FROM, "--to", TO,
         "--compare", "--format", "json"]
    )  # fmt: skip
    assert code == 0
    printed = json.loads(capsys.readouterr().out)

    assert printed["period"] == {"from": "2025-12-15", "to": "2026-11-14"}
    assert printed["compare_period"] == {"from": "2024-12-15", "to": "2025-11-14"}
    for key in ("lists", "addicts_location", "substitution_treatment", "tests", "cnbb",
                "hotspots", "plants", "cases", "sub_areas"):  # fmt: skip
        assert key in printed
    for block in printed["lists"].values():
        assert block["before"] + block["added"] - block["removed"] == block["after"]
        assert block["compare"] is not None
    database = Database.open(demo_database)
    try:
        direct = compute_figures(
            ServiceContext(database.sessions), date(2025, 12, 15), date(2026, 11, 14), compare=True
        )
    finally:
        database.close()
    assert json.loads(json.dumps(direct, ensure_ascii=False)) == printed


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "14/11/2026", "--to", "15/12/2025"], "ở sau đến ngày"),
        (["--from", "31/02/2026", "--to", "15/12/2026"], "Từ ngày (--from) “31/02/2026”"),
    ],
)
def test_a_bad_period_is_refused_in_vietnamese(
    demo_database: Path,
    logins: Logins,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    capsys.readouterr()
    assert main(["--db", str(demo_database), *logins.admin, "figures", *arguments]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_a_missing_database_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "khong-co.sqlite3"
    assert main(["--db", str(missing), "figures", "--from", FROM, "--to", TO]) == 2
    assert "Không tìm thấy cơ sở dữ liệu" in capsys.readouterr().err
    assert not missing.exists()


def test_a_reader_that_stops_early_is_not_an_error(demo_database: Path, logins: Logins) -> None:
    """``pcmt figures … | head``: the closed pipe ends the command quietly, exit 0."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "pcmt_desktop", "--db", str(demo_database), *logins.admin,
               "figures", "--from", FROM, "--to", TO]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.readline().strip() == b"{"
        child.stdout.close()  # the reader goes away after one line
        errors = child.stderr.read()
        code = child.wait(timeout=60)
    assert code == 0
    assert b"Traceback" not in errors and b"BrokenPipe" not in errors
