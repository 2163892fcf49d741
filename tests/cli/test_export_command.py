"""``pcmt --db PATH export FILE.xlsx`` and ``template``, run as the officer would."""

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pcmt_desktop.cli.export_command import ExportProgress
from pcmt_desktop.cli.main import main
from pcmt_desktop.interchange import spec
from tests.cli.credentials import Logins


@pytest.fixture
def run(logins: Logins) -> Callable[..., int]:
    def run(database: Path, *arguments: str) -> int:
        """Exactly as the officer types it: ``pcmt --db PATH --user … export FILE``."""
        return main(["--db", str(database), *logins.admin, *arguments])

    return run


@pytest.fixture
def demo_database(tmp_path: Path, logins: Logins) -> Path:
    path = tmp_path / "pcmt.sqlite3"
    assert (
        main(["--db", str(path), *logins.new_admin, "demo", "--persons", "20", "--seed", "5"]) == 0
    )
    return path


def test_export_writes_every_sheet_and_says_what(
    run: Callable[..., int], demo_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    target = tmp_path / "ra" / "du-lieu.xlsx"
    target.parent.mkdir()
    assert run(demo_database, "export", str(target)) == 0
    out = capsys.readouterr().out
    assert "Đang xuất dữ liệu: 100%" in out
    assert f"Đã xuất dữ liệu ra tệp {target}." in out
    assert "DoiTuong: 20 dòng" in out
    workbook = load_workbook(target)
    assert workbook.sheetnames == [sheet.name for sheet in spec.SHEETS]
    assert workbook["DoiTuong"].max_row == 21
    assert sorted(path.name for path in target.parent.iterdir()) == ["du-lieu.xlsx"]


def test_template_writes_the_empty_workbook(
    run: Callable[..., int], demo_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mau.xlsx"
    assert run(demo_database, "template", str(target)) == 0
    assert f"Đã ghi tệp mẫu nhập liệu {target}." in capsys.readouterr().out
    workbook = load_workbook(target)
    assert workbook.sheetnames[0] == "HuongDan"
    assert workbook["DoiTuong"].max_row == 1


@pytest.mark.parametrize("command", ["export", "template"])
def test_a_missing_database_is_refused_and_not_created(
    run: Callable[..., int], command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "khong-co.sqlite3"
    assert run(database, command, str(tmp_path / "ra.xlsx")) == 2
    assert capsys.readouterr().err == f"Lỗi: Không tìm thấy cơ sở dữ liệu {database}.\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_a_target_without_xlsx_is_refused(
    run: Callable[..., int], demo_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(demo_database, "export", str(tmp_path / "du-lieu.csv")) == 2
    assert "phải có đuôi .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "du-lieu.csv").exists()


def test_an_unwritable_target_is_a_message_not_a_traceback(
    run: Callable[..., int], demo_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "khong-co" / "du-lieu.xlsx"
    assert run(demo_database, "export", str(target)) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Không ghi được tệp")
    assert "Traceback" not in err


def test_progress_in_a_log_writes_every_tenth(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    with log.open("w", encoding="utf-8") as stream:
        progress = ExportProgress(stream)
        for done in range(0, 1001, 50):
            progress(done, 1000)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Đang xuất dữ liệu: 0%"
    assert lines[-1] == "Đang xuất dữ liệu: 100%"
    assert len(lines) == 11
