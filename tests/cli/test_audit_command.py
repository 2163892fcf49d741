"""``pcmt --db PATH audit verify``: the hash chain checked by an officer allowed to."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.cli.main import main
from pcmt_desktop.domain.number_text import format_whole
from tests.cli.audit_rows import audit_rows
from tests.cli.credentials import Logins, add_officer

Capture = pytest.CaptureFixture[str]


def test_the_chain_is_whole_then_broken_by_an_edit_outside_the_program(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    rows = len(audit_rows(office))
    capsys.readouterr()
    # The options may follow the command too.
    assert main(["--db", str(office), "audit", "verify", *logins.admin]) == 0
    # The login is recorded before the check, and checked with the rest.
    assert capsys.readouterr().out == f"Nhật ký toàn vẹn: {format_whole(rows + 1)} dòng\n"

    with closing(sqlite3.connect(office)) as connection, connection:
        connection.execute("DELETE FROM audit_entry WHERE id = 3")
        connection.execute("UPDATE audit_entry SET summary = 'Không có gì' WHERE id = 5")
    assert main(["--db", str(office), *logins.admin, "audit", "verify"]) == 2
    assert capsys.readouterr().out == (
        f"Nhật ký KHÔNG toàn vẹn: đã kiểm tra {format_whole(rows + 1)} dòng, "
        "phát hiện 2 vấn đề:\n"
        "- Thiếu dòng nhật ký giữa số 2 và 4\n"
        "- Dòng nhật ký số 5 đã bị sửa\n"
    )


def test_a_leader_may_check_the_chain_and_data_entry_may_not(
    office: Path, logins: Logins, capsys: Capture
) -> None:
    add_officer(office, RoleKey.LEADER, "lanhdao")
    add_officer(office, RoleKey.DATA_ENTRY, "nhaplieu")
    capsys.readouterr()
    assert main(["--db", str(office), *logins.as_user("lanhdao"), "audit", "verify"]) == 0
    assert capsys.readouterr().out.startswith("Nhật ký toàn vẹn: ")
    assert main(["--db", str(office), *logins.as_user("nhaplieu"), "audit", "verify"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "Lỗi: Tài khoản “nhaplieu” không có quyền xem nhật ký thao tác.\n"


def test_a_missing_database_is_named_and_not_created(tmp_path: Path, capsys: Capture) -> None:
    missing = tmp_path / "khong-co.sqlite3"
    assert main(["--db", str(missing), "audit", "verify"]) == 2
    assert capsys.readouterr().err == f"Lỗi: Không tìm thấy cơ sở dữ liệu {missing}.\n"
    assert not missing.exists()
