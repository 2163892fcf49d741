"""Every command on a database logs in first: who may, who may not, and what is recorded."""

import getpass
import io
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pcmt_desktop.auth.errors import LoginError
from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.cli.main import main
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from tests.auth.support import (
    ADMIN,
    ADMIN_NAME,
    HASHER,
    PASSWORD,
    Clock,
    ensure_administrator,
    user_service,
)
from tests.cli.audit_rows import accounts, audit_rows
from tests.cli.credentials import Logins, add_officer

Capture = pytest.CaptureFixture[str]

PERIOD = ["--from", "01/01/2026", "--to", "31/10/2026"]
WRONG = "Lỗi: Tên đăng nhập hoặc mật khẩu không đúng.\n"
NEED_USER = (
    "Lỗi: Cơ sở dữ liệu có tài khoản người dùng: hãy đăng nhập bằng --user TÊN "
    "[--password-file TỆP] (không có tệp thì mật khẩu được hỏi khi chạy).\n"
)
NO_ACCOUNT = (
    "Lỗi: Cơ sở dữ liệu chưa có tài khoản quản trị; tạo bằng --admin-user TÊN "
    "--admin-password-file TỆP [--admin-name “Họ tên”] (mật khẩu ở dòng đầu của tệp).\n"
)


def _commands(folder: Path, passphrase: Path, workbook: Path) -> dict[str, list[str]]:
    """Every command that opens the office's database, writing (if at all) into ``folder``."""
    return {
        "figures": ["figures", *PERIOD],
        "export": ["export", str(folder / "du-lieu.xlsx")],
        "template": ["template", str(folder / "mau.xlsx")],
        "import": ["import", str(workbook), "--dry-run"],
        "report": ["report", "--template", "so-ket", *PERIOD, "--out", str(folder / "bc.docx")],
        "audit": ["audit", "verify"],
        "backup-create": [
            "backup", "create", "--out", str(folder / "sao-luu.pcmtbk"),
            "--passphrase-file", str(passphrase), "--kdf-fast-for-tests",
        ],
        "backup-restore": [
            "backup", "restore", str(folder / "khong-co.pcmtbk"), "--passphrase-file",
            str(passphrase),
        ],
    }  # fmt: skip


@pytest.mark.parametrize(
    "command",
    ["figures", "export", "template", "import", "report", "audit", "backup-create",
     "backup-restore"],
)  # fmt: skip
def test_without_credentials_nothing_is_read_or_written(
    office: Path, tmp_path: Path, capsys: Capture, command: str
) -> None:
    folder = tmp_path / "ra"
    folder.mkdir()
    passphrase = tmp_path / "mat-khau-sao-luu.txt"
    passphrase.write_text("Mật khẩu sao lưu 2026\n", encoding="utf-8")
    workbook = tmp_path / "du-lieu.xlsx"
    workbook.write_bytes(b"")
    before = audit_rows(office)
    capsys.readouterr()

    code = main(["--db", str(office), *_commands(folder, passphrase, workbook)[command]])

    captured = capsys.readouterr()
    assert (code, captured.err, captured.out) == (2, NEED_USER, "")
    assert list(folder.iterdir()) == []
    assert audit_rows(office) == before  # not even a failed attempt: none was made


def test_a_wrong_password_is_refused_and_the_attempt_audited(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    capsys.readouterr()
    code = main(["--db", str(office), *logins.as_user(ADMIN, "Đoán thử 5150"), "figures", *PERIOD])
    captured = capsys.readouterr()
    assert (code, captured.err, captured.out) == (2, WRONG, "")
    last = audit_rows(office)[-1]
    assert (last.user_name, last.action, last.summary) == (
        ADMIN,
        "dang_nhap_loi",
        "Đăng nhập không thành công: sai mật khẩu (lần 1 liên tiếp)",
    )


def test_an_unknown_name_is_refused_like_a_wrong_password(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    capsys.readouterr()
    assert main(["--db", str(office), *logins.as_user("khongai"), "audit", "verify"]) == 2
    assert capsys.readouterr().err == WRONG
    last = audit_rows(office)[-1]
    assert (last.user_name, last.action) == ("", "dang_nhap_loi")


def test_the_fourth_failure_in_a_row_says_how_long_to_wait(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    wrong = logins.as_user(ADMIN, "Đoán thử 5150")
    capsys.readouterr()
    errors = []
    for _ in range(4):
        assert main(["--db", str(office), *wrong, "audit", "verify"]) == 2
        errors.append(capsys.readouterr().err)
    assert errors == [WRONG] * 3 + [
        "Lỗi: Tên đăng nhập hoặc mật khẩu không đúng. Hãy chờ 2 giây rồi thử lại.\n"
    ]
    failed = [row for row in audit_rows(office) if row.action == "dang_nhap_loi"]
    assert len(failed) == 4


def test_a_locked_account_is_refused_even_with_its_password_and_says_how_long(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    add_officer(office, RoleKey.DATA_ENTRY, "nhaplieu")
    # Four failures ten minutes from now: the wait they earn is still ahead when the
    # command runs, however slow the machine.
    clock = Clock(datetime.now().replace(microsecond=0) + timedelta(minutes=10))
    database = Database.open(office)
    try:
        login = LoginService(ServiceContext(database.sessions, now=clock), HASHER)
        for _ in range(4):
            with pytest.raises(LoginError):
                login.login("nhaplieu", "Đoán thử 5150")
    finally:
        database.close()
    capsys.readouterr()

    code = main(["--db", str(office), *logins.as_user("nhaplieu"), "figures", *PERIOD])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert re.fullmatch(
        r"Lỗi: Đã nhập sai mật khẩu 4 lần liên tiếp: hãy chờ "
        r"(10 phút( [12] giây)?|9 phút \d+ giây) rồi thử lại\.\n",
        captured.err,
    ), captured.err
    last = audit_rows(office)[-1]
    assert (last.user_name, last.summary) == (
        "nhaplieu",
        "Đăng nhập không thành công: tài khoản đang tạm khóa",
    )


class _Keyboard(io.StringIO):
    """Standard input that is a terminal."""

    def isatty(self) -> bool:
        return True


def test_without_a_file_the_password_is_asked_on_the_terminal(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    prompts: list[str] = []

    def answer(prompt: str = "") -> str:
        prompts.append(prompt)
        return "Sơn Hà quản trị 2026"

    monkeypatch.setattr(sys, "stdin", _Keyboard())
    monkeypatch.setattr(getpass, "getpass", answer)
    capsys.readouterr()
    assert main(["--db", str(office), "--user", ADMIN, "audit", "verify"]) == 0
    assert prompts == [f"Mật khẩu của tài khoản {ADMIN}: "]
    assert capsys.readouterr().out.startswith("Nhật ký toàn vẹn: ")


def test_without_a_terminal_a_password_file_is_required(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Sơn Hà quản trị 2026\n"))
    before = audit_rows(office)
    capsys.readouterr()
    assert main(["--db", str(office), "--user", ADMIN, "audit", "verify"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "Lỗi: Không hỏi được mật khẩu vì lệnh không chạy trên màn hình dòng lệnh có bàn phím "
        "(đầu vào không phải terminal): hãy dùng --password-file TỆP.\n"
    )
    assert audit_rows(office) == before


def test_an_empty_password_file_is_not_counted_as_an_attempt(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    before = audit_rows(office)
    capsys.readouterr()
    assert main(["--db", str(office), *logins.as_user(ADMIN, ""), "audit", "verify"]) == 2
    assert capsys.readouterr().err == "Lỗi: Chưa có mật khẩu đăng nhập (tệp mật khẩu trống).\n"
    assert audit_rows(office) == before


def test_an_unreadable_password_file_is_named(
    office: Path, tmp_path: Path, capsys: Capture
) -> None:
    missing = tmp_path / "khong-co.txt"
    capsys.readouterr()
    arguments = ["--user", ADMIN, "--password-file", str(missing)]
    assert main(["--db", str(office), *arguments, "audit", "verify"]) == 2
    assert capsys.readouterr().err == f"Lỗi: Không đọc được tệp mật khẩu {missing}.\n"


def test_a_password_set_by_the_administrator_must_be_changed_in_the_window_first(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    database = Database.open(office)
    try:
        context = ServiceContext(database.sessions)
        context.actor = ensure_administrator(context)
        user_service(context).add_user("canbo2", "Lò Văn Hai", RoleKey.DATA_ENTRY, PASSWORD)
    finally:
        database.close()
    capsys.readouterr()
    assert main(["--db", str(office), *logins.as_user("canbo2"), "figures", *PERIOD]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "Lỗi: Tài khoản “canbo2” phải đổi mật khẩu trước khi làm việc: hãy đăng nhập trong "
        "cửa sổ chương trình để đặt mật khẩu mới.\n"
    )


def test_first_administrator_options_on_a_database_with_accounts_say_to_log_in(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    capsys.readouterr()
    assert main(["--db", str(office), *logins.new_admin, "audit", "verify"]) == 2
    assert capsys.readouterr().err == NEED_USER.replace(
        ".\n",
        ". --admin-user chỉ dùng để tạo tài khoản đầu tiên cho cơ sở dữ liệu chưa có tài khoản.\n",
    )
    assert accounts(office) == [(ADMIN, ADMIN_NAME, RoleKey.ADMINISTRATOR)]


def test_a_database_without_accounts_needs_its_first_administrator(
    tmp_path: Path, logins: Logins, capsys: Capture
) -> None:
    path = tmp_path / "pcmt.sqlite3"
    Database.open(path).close()  # the window was opened once and closed at its login
    assert main(["--db", str(path), *logins.as_user(ADMIN), "audit", "verify"]) == 2
    assert capsys.readouterr().err == NO_ACCOUNT
    assert accounts(path) == []

    arguments = [*logins.creating(ADMIN, "Sơn Hà quản trị 2026", "Trần Quang Trị")]
    assert main(["--db", str(path), "audit", "verify", *arguments]) == 0
    assert capsys.readouterr().out == "Nhật ký toàn vẹn: 2 dòng\n"
    assert accounts(path) == [(ADMIN, "Trần Quang Trị", RoleKey.ADMINISTRATOR)]
    assert [(row.user_name, row.action) for row in audit_rows(path)] == [
        (ADMIN, "tao"),
        (ADMIN, "dang_nhap"),
    ]


def test_demo_with_its_first_administrator_enters_everything_in_their_name(
    office_original: Path,
) -> None:
    assert accounts(office_original) == [(ADMIN, ADMIN_NAME, RoleKey.ADMINISTRATOR)]
    rows = audit_rows(office_original)
    assert [(row.action, row.entity) for row in rows[:2]] == [
        ("tao", "app_user"),
        ("dang_nhap", "app_user"),
    ]
    assert len(rows) > 20
    assert {row.user_name for row in rows} == {ADMIN}


def test_a_weak_first_password_is_refused_and_no_database_is_left(
    tmp_path: Path, logins: Logins, capsys: Capture
) -> None:
    path = tmp_path / "moi" / "pcmt.sqlite3"
    path.parent.mkdir()
    weak = logins.creating(ADMIN, "ngắnquá")
    assert main(["--db", str(path), "demo", "--persons", "5", *weak]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "Lỗi: Chưa tạo được tài khoản quản trị: Mật khẩu quá ngắn (7 ký tự): cần ít nhất 10 "
        "ký tự. Mật khẩu không được chỉ gồm một loại ký tự (chỉ toàn chữ số, toàn chữ thường "
        "hoặc toàn chữ hoa): hãy kết hợp chữ với số hoặc ký hiệu.\n"
    )
    assert "Đang tạo" not in captured.out
    assert list(path.parent.iterdir()) == []


def test_a_refused_command_leaves_no_new_database_behind(
    tmp_path: Path, logins: Logins, capsys: Capture
) -> None:
    workbook = tmp_path / "du-lieu.xlsx"
    workbook.write_bytes(b"")
    target = tmp_path / "moi" / "pcmt.sqlite3"
    assert main(["--db", str(target), *logins.admin, "import", str(workbook)]) == 2
    assert capsys.readouterr().err == NO_ACCOUNT
    assert list(target.parent.iterdir()) == []


def test_the_first_administrators_password_is_asked_twice_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    typed = ["Sơn Hà quản trị 2026", "Sơn Hà quản trị 2026"]
    prompts: list[str] = []

    def answer(prompt: str = "") -> str:
        prompts.append(prompt)
        return typed.pop(0)

    monkeypatch.setattr(sys, "stdin", _Keyboard())
    monkeypatch.setattr(getpass, "getpass", answer)
    path, other = tmp_path / "pcmt.sqlite3", tmp_path / "khac.sqlite3"
    for empty in (path, other):
        Database.open(empty).close()
    first = ["--admin-user", ADMIN]
    assert main(["--db", str(path), *first, "audit", "verify"]) == 0
    assert prompts == ["Mật khẩu cho tài khoản quản trị mới: ", "Nhập lại mật khẩu: "]
    assert accounts(path) == [(ADMIN, "Quản trị viên", RoleKey.ADMINISTRATOR)]

    typed[:] = ["Sơn Hà quản trị 2026", "Sơn Hà quản trị 2027"]
    capsys.readouterr()
    assert main(["--db", str(other), *first, "audit", "verify"]) == 2
    assert capsys.readouterr().err == (
        "Lỗi: Hai lần nhập mật khẩu không khớp nhau; chưa tạo tài khoản.\n"
    )
    assert accounts(other) == []
