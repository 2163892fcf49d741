"""The command-line tests' logins, and an office's database made by the command line."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pcmt_desktop.cli.main import main
from tests.cli.credentials import Logins, write_logins


@pytest.fixture(scope="session")
def logins(tmp_path_factory: pytest.TempPathFactory) -> Logins:
    """Password files in a folder of their own, away from the folders tests look into."""
    return write_logins(tmp_path_factory.mktemp("dang-nhap"))


@pytest.fixture(scope="session")
def office_original(tmp_path_factory: pytest.TempPathFactory, logins: Logins) -> Path:
    """``pcmt demo`` of 12 persons with its first administrator, made once."""
    path = tmp_path_factory.mktemp("don-vi-goc") / "pcmt.sqlite3"
    arguments = ["--db", str(path), "demo", "--persons", "12", "--seed", "4", *logins.new_admin]
    assert main(arguments) == 0
    return path


@pytest.fixture
def office(office_original: Path, tmp_path: Path) -> Path:
    """A copy of that database for one test to change (SQLite's backup: WAL included)."""
    path = tmp_path / "don-vi" / "pcmt.sqlite3"
    path.parent.mkdir()
    with (
        closing(sqlite3.connect(office_original)) as source,
        closing(sqlite3.connect(path)) as target,
    ):
        source.backup(target)
    return path
