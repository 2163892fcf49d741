"""``pcmt --db PATH import FILE.xlsx [--dry-run]``, parsed and run as the officer types it."""

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from pcmt_desktop.autobackup import AutoBackupSettings, recovery_key, save_settings
from pcmt_desktop.backup import verify_backup
from pcmt_desktop.cli.import_command import IMPORT_COMMAND
from pcmt_desktop.cli.main import main
from pcmt_desktop.interchange import spec
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store import models
from pcmt_desktop.store.database import Database
from tests.cli.credentials import Logins

Run = Callable[..., int]


@pytest.fixture
def run(logins: Logins) -> Run:
    def run(database: Path, *arguments: str) -> int:
        """The command registered alone, with its options after it (as an officer may type).

        Both the first administrator's options and the login are given: the first create
        the account on a new database, the second log in on one that has accounts.
        """
        parser = argparse.ArgumentParser(prog="pcmt")
        IMPORT_COMMAND.register(parser.add_subparsers(dest="command"))
        parsed = parser.parse_args(["import", *arguments, *logins.new_admin, *logins.admin])
        return IMPORT_COMMAND.run(database, parsed)

    return run


def _persons(path: Path) -> int:
    database = Database.open(path)
    try:
        services = Services.build(ServiceContext(database.sessions))
        with services.context.reading() as session:
            return session.scalar(select(func.count()).select_from(models.Person)) or 0
    finally:
        database.close()


@pytest.fixture
def workbook(tmp_path: Path, logins: Logins) -> Path:
    source = tmp_path / "nguon.sqlite3"
    assert (
        main(["--db", str(source), *logins.new_admin, "demo", "--persons", "20", "--seed", "5"])
        == 0
    )
    path = tmp_path / "du-lieu.xlsx"
    assert main(["--db", str(source), *logins.admin, "export", str(path)]) == 0
    return path


def test_import_into_a_new_database_then_again(
    run: Run, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "moi.sqlite3"
    capsys.readouterr()
    assert run(target, str(workbook)) == 0
    out = capsys.readouterr().out
    assert f"Đã nhập dữ liệu từ tệp {workbook.name}." in out
    assert "DoiTuong: thêm 20 dòng, đã có 0 dòng" in out
    assert _persons(target) == 20

    assert run(target, str(workbook)) == 0
    out = capsys.readouterr().out
    assert "DoiTuong: thêm 0 dòng, đã có 20 dòng" in out
    assert "Tổng cộng thêm 0 dòng" in out
    assert _persons(target) == 20


def test_dry_run_counts_and_writes_nothing(
    run: Run, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "moi.sqlite3"
    capsys.readouterr()
    assert run(target, str(workbook), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "không có lỗi" in out
    assert "DoiTuong: thêm 20 dòng, đã có 0 dòng" in out
    assert _persons(target) == 0


def test_every_problem_on_its_own_line_and_exit_1(
    run: Run, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = load_workbook(workbook)
    tests = book["Test"]
    tests["B2"] = "31/02/2024"
    tests["A3"] = "DT999999"
    book.save(workbook)
    target = tmp_path / "moi.sqlite3"
    capsys.readouterr()

    assert run(target, str(workbook)) == 1

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


def test_a_missing_file_is_refused(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "db.sqlite3", str(tmp_path / "khong-co.xlsx")) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err


# --- the automatic backup taken before an import writes ----------------------------------
def _office_only(workbook: Path, tmp_path: Path) -> Path:
    """The workbook with its office and sub-areas only: a database that knows its office."""
    book = load_workbook(workbook)
    for sheet in list(book.worksheets):
        if sheet.title not in (spec.OFFICE.name, spec.SUB_AREAS.name):
            book.remove(sheet)
    path = tmp_path / "don-vi.xlsx"
    book.save(path)
    return path


@pytest.fixture
def office_database(run: Run, workbook: Path, tmp_path: Path) -> Path:
    target = tmp_path / "don-vi" / "pcmt.sqlite3"
    assert run(target, str(_office_only(workbook, tmp_path))) == 0
    assert _persons(target) == 0
    return target


def _backups(database: Path) -> list[Path]:
    folder = database.parent / "sao-luu"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_new_database_is_not_backed_up(
    run: Run, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "moi" / "pcmt.sqlite3"
    capsys.readouterr()
    assert run(target, str(workbook)) == 0
    assert "sao lưu" not in capsys.readouterr().out
    assert _backups(target) == []
    # Again: nothing to add, so nothing changes and nothing is backed up either.
    assert run(target, str(workbook)) == 0
    assert _backups(target) == []


def test_a_backup_is_taken_before_writing_and_the_command_says_where(
    run: Run, workbook: Path, office_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(office_database, str(workbook)) == 0
    out = capsys.readouterr().out
    [backup] = _backups(office_database)
    assert backup.name.endswith("-truoc-nhap.pcmtbk")
    assert f"Đã sao lưu cơ sở dữ liệu trước khi nhập: {backup}" in out
    assert out.index("Đã sao lưu") < out.index(f"Đã nhập dữ liệu từ tệp {workbook.name}.")
    assert _persons(office_database) == 20
    # The backup holds the database as it was before the import.
    manifest = verify_backup(backup, recovery_key(office_database))
    assert manifest.counts["person"] == 0
    assert manifest.counts["sub_area"] > 0


def test_a_dry_run_is_not_backed_up(
    run: Run, workbook: Path, office_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(office_database, str(workbook), "--dry-run") == 0
    assert _backups(office_database) == []


def test_an_import_is_refused_when_its_backup_cannot_be_made(
    run: Run, workbook: Path, office_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = office_database.parent / "usb"
    save_settings(office_database, AutoBackupSettings(folder=usb))
    capsys.readouterr()
    assert run(office_database, str(workbook)) == 2
    captured = capsys.readouterr()
    assert f"Không tìm thấy thư mục sao lưu {usb}" in captured.err
    assert captured.err.rstrip().endswith("Chưa nhập gì vào cơ sở dữ liệu.")
    assert "Đã nhập" not in captured.out
    assert _persons(office_database) == 0
    assert not usb.exists()
