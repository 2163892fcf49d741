"""``pcmt --db PATH import FILE.xlsx [--dry-run]``, parsed and run as the officer types it."""

import argparse
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from pcmt_desktop.cli.import_command import IMPORT_COMMAND
from pcmt_desktop.cli.main import main
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store import models
from pcmt_desktop.store.database import Database


def _run(database: Path, *arguments: str) -> int:
    """The lead registers the command in cli/commands.py; here it is registered alone."""
    parser = argparse.ArgumentParser(prog="pcmt")
    IMPORT_COMMAND.register(parser.add_subparsers(dest="command"))
    parsed = parser.parse_args(["import", *arguments])
    return IMPORT_COMMAND.run(database, parsed)


def _persons(path: Path) -> int:
    database = Database.open(path)
    try:
        services = Services.build(ServiceContext(database.sessions))
        with services.context.reading() as session:
            return session.scalar(select(func.count()).select_from(models.Person)) or 0
    finally:
        database.close()


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    source = tmp_path / "nguon.sqlite3"
    assert main(["--db", str(source), "demo", "--persons", "20", "--seed", "5"]) == 0
    path = tmp_path / "du-lieu.xlsx"
    assert main(["--db", str(source), "export", str(path)]) == 0
    return path


def test_import_into_a_new_database_then_again(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "moi.sqlite3"
    capsys.readouterr()
    assert _run(target, str(workbook)) == 0
    out = capsys.readouterr().out
    assert f"Đã nhập dữ liệu từ tệp {workbook.name}." in out
    assert "DoiTuong: thêm 20 dòng, đã có 0 dòng" in out
    assert _persons(target) == 20

    assert _run(target, str(workbook)) == 0
    out = capsys.readouterr().out
    assert "DoiTuong: thêm 0 dòng, đã có 20 dòng" in out
    assert "Tổng cộng thêm 0 dòng" in out
    assert _persons(target) == 20


def test_dry_run_counts_and_writes_nothing(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "moi.sqlite3"
    capsys.readouterr()
    assert _run(target, str(workbook), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "không có lỗi" in out
    assert "DoiTuong: thêm 20 dòng, đã có 0 dòng" in out
    assert _persons(target) == 0


def test_every_problem_on_its_own_line_and_exit_1(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(workbook)
    tests = book["Test"]
    tests["B2"] = "31/02/2024"
    tests["A3"] = "DT999999"
    book.save(workbook)
    target = tmp_path / "moi.sqlite3"
    capsys.readouterr()

    assert _run(target, str(workbook)) == 1

    lines = capsys.readouterr().out.splitlines()
    assert (
        "Sheet Test, dòng 2, cột Ngày test: Ngày test “31/02/2024” không phải là ngày hợp lệ "
        "(dd/mm/yyyy)." in lines
    )
    assert (
        "Sheet Test, dòng 3, cột Mã đối tượng: Mã đối tượng “DT999999” không có trong sheet "
        "DoiTuong." in lines
    )
    assert lines[-1] == "Tệp có 2 lỗi: chưa nhập gì vào cơ sở dữ liệu."
    assert _persons(target) == 0


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path / "db.sqlite3", str(tmp_path / "khong-co.xlsx")) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
