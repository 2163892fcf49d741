"""The database the backup tests read: made once per session, never written by a test."""

from pathlib import Path

import pytest

from pcmt_desktop.cli.main import main
from tests.cli.credentials import write_logins


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office's database with 50 invented persons and every registry filled."""
    path = tmp_path_factory.mktemp("don-vi") / "pcmt.sqlite3"
    logins = write_logins(tmp_path_factory.mktemp("dang-nhap"))
    assert (
        main(["--db", str(path), *logins.new_admin, "demo", "--persons", "50", "--seed", "3"]) == 0
    )
    return path
