"""What each role may do from the command line, and the audit rows its commands leave."""

import getpass
from pathlib import Path

import pytest
from docx import Document

from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.cli.main import main
from tests.cli.audit_rows import audit_rows
from tests.cli.credentials import Logins, add_officer

Capture = pytest.CaptureFixture[str]
PERIOD = ["--from", "15/12/2025", "--to", "14/11/2026"]


def _never_asked(prompt: str = "") -> str:
    raise AssertionError(f"asked “{prompt}” although the command was refused")


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "mat-khau-sao-luu.txt"
    path.write_text("Mật khẩu sao lưu 2026\n", encoding="utf-8")
    return path


def test_data_entry_imports_but_may_not_export_back_up_report_restore_or_read_the_audit(
    office: Path,
    logins: Logins,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Capture,
) -> None:
    add_officer(office, RoleKey.DATA_ENTRY, "nhaplieu")
    workbook = tmp_path / "du-lieu.xlsx"
    assert main(["--db", str(office), *logins.admin, "export", str(workbook)]) == 0
    folder = tmp_path / "ra"
    folder.mkdir()
    monkeypatch.setattr(getpass, "getpass", _never_asked)
    as_officer = ["--db", str(office), *logins.as_user("nhaplieu")]
    refusals = {
        "xuất dữ liệu ra tệp Excel": ["export", str(folder / "x.xlsx")],
        "tạo tệp sao lưu": ["backup", "create", "--out", str(folder / "x.pcmtbk")],
        "lập, lưu, xóa báo cáo và đăng ký mẫu báo cáo riêng": [
            "report", "--template", "so-ket", *PERIOD, "--out", str(folder / "x.docx"),
        ],
        "khôi phục dữ liệu từ tệp sao lưu": ["backup", "restore", str(folder / "x.pcmtbk")],
        "xem nhật ký thao tác": ["audit", "verify"],
    }  # fmt: skip
    for label, command in refusals.items():
        capsys.readouterr()
        assert main([*as_officer, *command]) == 2, label
        captured = capsys.readouterr()
        assert captured.err == f"Lỗi: Tài khoản “nhaplieu” không có quyền {label}.\n"
        assert captured.out == ""
    assert list(folder.iterdir()) == []

    assert main([*as_officer, "import", str(workbook)]) == 0
    assert "Đã nhập dữ liệu từ tệp du-lieu.xlsx." in capsys.readouterr().out
    [last] = [row for row in audit_rows(office) if row.action == "nhap_du_lieu"]
    assert (last.user_name, last.entity) == ("nhaplieu", "su_kien")
    assert last.summary == f"Nhập dữ liệu từ tệp {workbook.resolve()}: thêm 0 dòng"
    assert last.after["file"] == str(workbook.resolve())


def test_a_leader_exports_backs_up_and_reports_each_recorded_but_may_not_restore(
    office: Path,
    logins: Logins,
    tmp_path: Path,
    passphrase_file: Path,
    *,
    monkeypatch: pytest.MonkeyPatch,
    capsys: Capture,
) -> None:
    add_officer(office, RoleKey.LEADER, "lanhdao")
    as_leader = ["--db", str(office), *logins.as_user("lanhdao")]
    workbook = tmp_path / "du-lieu.xlsx"
    backup = tmp_path / "sao-luu.pcmtbk"
    docx, annex = tmp_path / "bao-cao.docx", tmp_path / "phu-luc.xlsx"
    passphrase = ["--passphrase-file", str(passphrase_file)]
    before = len(audit_rows(office))

    assert main([*as_leader, "export", str(workbook)]) == 0
    assert main([*as_leader, "backup", "create", "--out", str(backup), *passphrase,
                 "--kdf-fast-for-tests"]) == 0  # fmt: skip
    assert main([*as_leader, "report", "--template", "so-ket", *PERIOD, "--out", str(docx),
                 "--annex", str(annex)]) == 0  # fmt: skip
    assert main([*as_leader, "audit", "verify"]) == 0
    assert Document(str(docx)).paragraphs

    events = [row for row in audit_rows(office)[before:] if row.action != "dang_nhap"]
    assert [(row.user_name, row.action) for row in events] == [
        ("lanhdao", "xuat_du_lieu"),
        ("lanhdao", "sao_luu"),
        ("lanhdao", "tao"),  # the report kept in the list of reports
        ("lanhdao", "lap_bao_cao"),
    ]
    exported, backed_up, _kept, rendered = events
    assert exported.summary.startswith(f"Xuất dữ liệu ra tệp {workbook.resolve()} (")
    assert exported.after["rows"]["DoiTuong"] == 12
    assert backed_up.summary == f"Tạo tệp sao lưu {backup.resolve()}"
    assert backed_up.after["counts"]["person"] == 12
    assert rendered.entity == "report"
    assert rendered.after["files"] == [str(docx.resolve()), str(annex.resolve())]
    assert str(docx.resolve()) in rendered.summary

    monkeypatch.setattr(getpass, "getpass", _never_asked)
    capsys.readouterr()
    assert main([*as_leader, "backup", "restore", str(backup)]) == 2
    assert capsys.readouterr().err == (
        "Lỗi: Tài khoản “lanhdao” không có quyền khôi phục dữ liệu từ tệp sao lưu.\n"
    )
