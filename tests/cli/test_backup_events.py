"""Backups and restores from the command line: who may, and what the audit trail keeps.

A restore brings the backup's accounts: its audit row is written in the restored
database, under the name of the officer who logged in on the database it replaced.
"""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.cli.main import main
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import Person
from tests.auth.support import ADMIN, ADMIN_NAME
from tests.cli.audit_rows import accounts, audit_rows
from tests.cli.credentials import Logins, add_officer

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def passphrase(tmp_path: Path) -> list[str]:
    path = tmp_path / "mat-khau-sao-luu.txt"
    path.write_text("Mật khẩu sao lưu 2026\n", encoding="utf-8")
    return ["--passphrase-file", str(path)]


def _back_up(office: Path, logins: Logins, out: Path, passphrase: list[str]) -> int:
    arguments = ["--db", str(office), *logins.admin, "backup", "create", "--out", str(out)]
    return main([*arguments, *passphrase, "--kdf-fast-for-tests"])


def test_a_restore_is_recorded_in_the_restored_database_under_who_restored(
    office: Path, logins: Logins, tmp_path: Path, passphrase: list[str]
) -> None:
    backup = tmp_path / "sao-luu.pcmtbk"
    assert _back_up(office, logins, backup, passphrase) == 0
    # An administrator added after the backup: the restored accounts do not have them.
    add_officer(office, RoleKey.ADMINISTRATOR, "quantri2")
    restore = ["backup", "restore", str(backup), *passphrase]

    assert main(["--db", str(office), *logins.as_user("quantri2"), *restore]) == 0

    assert accounts(office) == [(ADMIN, ADMIN_NAME, RoleKey.ADMINISTRATOR)]
    restored = audit_rows(office)[-1]
    assert (restored.user_name, restored.action) == ("quantri2", "khoi_phuc")
    assert restored.summary == (
        f"Khôi phục dữ liệu từ tệp sao lưu {backup.resolve()}, do tài khoản quantri2 "
        "(Vi Đức Quản) đăng nhập trên dữ liệu trước khi khôi phục; tài khoản này không có "
        "trong dữ liệu đã khôi phục"
    )
    assert restored.after["office"] == "Công an huyện Sơn Hà"
    assert restored.after["kept_copy"].endswith(".sqlite3")

    # The first administrator is among the restored accounts: a plain row.
    assert main(["--db", str(office), *logins.admin, *restore]) == 0
    again = audit_rows(office)[-1]
    assert (again.user_name, again.summary) == (
        ADMIN,
        f"Khôi phục dữ liệu từ tệp sao lưu {backup.resolve()}",
    )
    assert main(["--db", str(office), *logins.admin, "audit", "verify"]) == 0


def test_a_restore_where_there_is_no_database_needs_no_login(
    office: Path, logins: Logins, tmp_path: Path, passphrase: list[str], capsys: Capture
) -> None:
    backup = tmp_path / "sao-luu.pcmtbk"
    assert _back_up(office, logins, backup, passphrase) == 0
    target = tmp_path / "may-moi" / "pcmt.sqlite3"

    assert main(["--db", str(target), "backup", "restore", str(backup), *passphrase]) == 0

    restored = audit_rows(target)[-1]
    assert (restored.user_name, restored.action) == ("", "khoi_phuc")
    assert restored.summary == (
        f"Khôi phục dữ liệu từ tệp sao lưu {backup.resolve()}, vào nơi trước đó chưa có cơ sở "
        "dữ liệu (không cần đăng nhập)"
    )
    # The restored database is guarded by the accounts it came with.
    assert accounts(target) == [(ADMIN, ADMIN_NAME, RoleKey.ADMINISTRATOR)]
    capsys.readouterr()
    assert main(["--db", str(target), "figures", "--from", "01/01/2026", "--to", "31/10/2026"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Lỗi: Cơ sở dữ liệu có tài khoản người dùng")
    assert captured.out == ""


def test_a_backup_is_made_beside_a_window_that_has_the_database_open(
    office: Path, logins: Logins, tmp_path: Path, passphrase: list[str]
) -> None:
    backup = tmp_path / "sao-luu.pcmtbk"
    window = Database.open(office)
    try:
        code = _back_up(office, logins, backup, passphrase)
        with window.sessions() as session:  # the window goes on working
            persons = session.scalar(select(func.count()).select_from(Person))
    finally:
        window.close()
    assert (code, persons) == (0, 12)
    last = audit_rows(office)[-1]
    assert (last.user_name, last.action) == (ADMIN, "sao_luu")


def test_a_restore_beside_a_window_is_refused_before_the_login(
    office: Path, logins: Logins, tmp_path: Path, passphrase: list[str], capsys: Capture
) -> None:
    backup = tmp_path / "sao-luu.pcmtbk"
    assert _back_up(office, logins, backup, passphrase) == 0
    before = audit_rows(office)
    capsys.readouterr()
    window = Database.open(office)
    try:
        restore = ["backup", "restore", str(backup), *passphrase]
        assert main(["--db", str(office), *logins.admin, *restore]) == 2
    finally:
        window.close()
    assert "đang được mở bởi một cửa sổ PCMT khác" in capsys.readouterr().err
    assert audit_rows(office) == before
