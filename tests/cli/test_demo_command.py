"""``pcmt --db PATH demo`` run as the officer would, on real database files."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

# commands is imported first on purpose: it loads every command module itself.
from pcmt_desktop.cli.commands import COMMANDS
from pcmt_desktop.cli.demo_command import COMMAND, ProgressLine
from pcmt_desktop.cli.main import main
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import AuditEntry, Person
from tests.cli.credentials import Logins


def _counts(path: Path) -> tuple[int, int]:
    database = Database.open(path)
    try:
        with database.sessions() as session:
            persons = session.scalar(select(func.count()).select_from(Person)) or 0
            audited = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
            return persons, audited
    finally:
        database.close()


def test_is_registered_as_a_command() -> None:
    assert COMMAND in COMMANDS
    assert COMMAND.name == "demo"


def test_creates_a_demo_database_on_a_new_path(
    tmp_path: Path, logins: Logins, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mau" / "pcmt.sqlite3"
    arguments = ["--db", str(path), "demo", "--persons", "25", "--seed", "3", *logins.new_admin]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "Đang tạo dữ liệu mẫu: 31/31" in out  # 25 persons, then 6 other registries
    assert "Đơn vị: Công an huyện Sơn Hà, 20 xã, thị trấn." in out
    assert "Đối tượng: 25," in out
    assert "Người nghiện ma túy:" in out
    assert "Người bị quản lý sau cai nghiện ma túy:" in out
    assert _counts(path)[0] == 25


def test_a_second_run_is_refused_and_changes_nothing(
    tmp_path: Path, logins: Logins, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pcmt.sqlite3"
    assert main(["--db", str(path), *logins.new_admin, "demo", "--persons", "10"]) == 0
    persons, audited = _counts(path)
    capsys.readouterr()
    assert main(["--db", str(path), *logins.admin, "demo", "--persons", "10"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Lỗi: Cơ sở dữ liệu này đã có dữ liệu")
    assert "Công an huyện Sơn Hà" in captured.err
    assert "Đang tạo" not in captured.out
    assert _counts(path) == (persons, audited + 1)  # the login, and nothing else
    assert path.exists()


@pytest.mark.parametrize("persons", ["0", "100001"])
def test_an_impossible_number_is_refused_before_any_file_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], persons: str
) -> None:
    path = tmp_path / "pcmt.sqlite3"
    assert main(["--db", str(path), "demo", "--persons", persons]) == 2
    assert f"Số đối tượng cần tạo phải từ 1 đến 100.000 (đã nhập: {persons})" in (
        capsys.readouterr().err
    )
    assert list(tmp_path.iterdir()) == []


def test_a_database_open_elsewhere_is_refused(
    tmp_path: Path, logins: Logins, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pcmt.sqlite3"
    held = Database.open(path)
    try:
        assert main(["--db", str(path), *logins.new_admin, "demo", "--persons", "5"]) == 2
    finally:
        held.close()
    assert "đang được mở" in capsys.readouterr().err
    assert _counts(path) == (0, 0)


class _InterruptedTerminal(io.StringIO):
    """A console where the officer presses Ctrl+C while the third count is shown."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes == 3:
            raise KeyboardInterrupt
        return super().write(text)


def test_an_interrupted_run_leaves_no_half_filled_file(
    tmp_path: Path,
    logins: Logins,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "pcmt.sqlite3"
    terminal = _InterruptedTerminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["--db", str(path), *logins.new_admin, "demo", "--persons", "50"]) == 130
    assert "Đã dừng tạo dữ liệu mẫu" in capsys.readouterr().err
    assert "Đang tạo dữ liệu mẫu: 6/56" in terminal.getvalue()  # 50 persons + 6 registries
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_run_on_an_existing_file_keeps_the_file(
    tmp_path: Path, logins: Logins, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pcmt.sqlite3"
    Database.open(path).close()  # an empty database the window made on first start
    monkeypatch.setattr("sys.stdout", _InterruptedTerminal())
    assert main(["--db", str(path), *logins.new_admin, "demo", "--persons", "50"]) == 130
    assert path.exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_rewrites_one_line_on_a_terminal() -> None:
    terminal = _Terminal()
    show = ProgressLine(terminal)
    for done in range(201):
        show(done, 200)
    text = terminal.getvalue()
    assert text.startswith("\rĐang tạo dữ liệu mẫu: 0/200\rĐang tạo dữ liệu mẫu: 2/200")
    assert text.endswith("\rĐang tạo dữ liệu mẫu: 200/200\n")
    assert text.count("\r") == 101


def test_progress_writes_a_line_per_tenth_into_a_file() -> None:
    log = io.StringIO()
    show = ProgressLine(log)
    for done in range(901):
        show(done, 900)
    lines = log.getvalue().splitlines()
    assert lines == [f"Đang tạo dữ liệu mẫu: {done}/900" for done in range(0, 901, 90)]
