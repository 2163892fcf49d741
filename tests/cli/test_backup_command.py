"""``pcmt backup create | verify | restore``, run as the officer types them."""

import getpass
from collections.abc import Callable
from pathlib import Path

import pytest

from pcmt_desktop.autobackup import (
    AutoBackup,
    AutoBackupSettings,
    BackupReason,
    recovery_key,
    save_settings,
)
from pcmt_desktop.backup import read_header, verify_backup
from pcmt_desktop.cli.backup_command import PercentProgress
from pcmt_desktop.cli.main import main
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.migrate import head_revision
from tests.backup.helpers import folder_state, table_rows
from tests.cli.credentials import Logins

PASSPHRASE = "Mật khẩu Sơn Hà 2026"


AUDIT_TABLES = ("audit_entry", "audit_chain_head")
Create = Callable[..., int]
Restore = Callable[[Path, Path], int]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory, logins: Logins) -> Path:
    path = tmp_path_factory.mktemp("don-vi") / "pcmt.sqlite3"
    assert (
        main(["--db", str(path), *logins.new_admin, "demo", "--persons", "30", "--seed", "9"]) == 0
    )
    return path


def _demo(path: Path, logins: Logins) -> None:
    """A small other office's database, with the same first administrator."""
    assert (
        main(["--db", str(path), *logins.new_admin, "demo", "--persons", "5", "--seed", "1"]) == 0
    )


def _names(folder: Path) -> set[str]:
    """The files in ``folder`` but SQLite's journal files, which come and go."""
    return {name for name in folder_state(folder) if not name.endswith(("-wal", "-shm"))}


def _data(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table but the audit trail and the accounts (which a login updates)."""
    rows = table_rows(database)
    for table in (*AUDIT_TABLES, "app_user"):
        rows.pop(table)
    return rows


def _same_data(restored: Path, source: Path) -> None:
    """Every table equal, but the audit trail: the source recorded the backup after its
    snapshot, the restored database recorded the restore after it."""
    restored_rows, source_rows = table_rows(restored), table_rows(source)
    for table in AUDIT_TABLES:
        restored_rows.pop(table), source_rows.pop(table)
    assert restored_rows == source_rows
    assert table_rows(restored)["audit_entry"][:-1] == table_rows(source)["audit_entry"][:-1]


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "mat-khau.txt"
    # As Notepad saves it: a byte-order mark and a Windows line end.
    path.write_bytes(b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n")
    return path


@pytest.fixture
def create(logins: Logins) -> Create:
    def create(database: Path, out: Path, passphrase_file: Path | None = None) -> int:
        arguments = ["--db", str(database), *logins.admin, "backup", "create", "--out", str(out)]
        if passphrase_file is not None:
            arguments += ["--passphrase-file", str(passphrase_file)]
        return main([*arguments, "--kdf-fast-for-tests"])

    return create


@pytest.fixture
def restore(logins: Logins, passphrase_file: Path) -> Restore:
    """``pcmt --db TARGET backup restore BACKUP`` by the administrator, passphrase from file."""

    def restore(target: Path, backup: Path) -> int:
        arguments = ["--db", str(target), *logins.admin, "backup", "restore", str(backup)]
        return main([*arguments, "--passphrase-file", str(passphrase_file)])

    return restore


@pytest.fixture
def backup(create: Create, demo_database: Path, tmp_path: Path, passphrase_file: Path) -> Path:
    """A backup of the demo office, made with the passphrase file."""
    out = tmp_path / "son-ha.pcmtbk"
    assert create(demo_database, out, passphrase_file) == 0
    return out


@pytest.fixture
def other_office(logins: Logins, tmp_path: Path) -> Path:
    """Another office's database (5 persons), the one a restore replaces."""
    target = tmp_path / "van-phong" / "pcmt.sqlite3"
    _demo(target, logins)
    return target


def _answers(monkeypatch: pytest.MonkeyPatch, *typed: str) -> list[str]:
    """Answer getpass's prompts in order; returns the prompts asked."""
    prompts: list[str] = []
    queue = list(typed)

    def answer(prompt: str = "") -> str:
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(getpass, "getpass", answer)
    return prompts


def test_create_then_verify_says_what_is_inside(
    create: Create,
    demo_database: Path,
    tmp_path: Path,
    passphrase_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    capsys.readouterr()
    out = tmp_path / "son-ha.pcmtbk"
    assert create(demo_database, out, passphrase_file) == 0
    created = capsys.readouterr().out
    assert "Đang mã hóa và ghi tệp sao lưu: 100%" in created
    assert f"Đã tạo tệp sao lưu {out} và đã kiểm tra lại: đọc được đầy đủ." in created
    assert "Đơn vị: Công an huyện Sơn Hà — cấp Huyện" in created
    assert "  Đối tượng: 30" in created
    assert PASSPHRASE not in created
    assert read_header(out).kdf.iterations == 1

    assert main(["backup", "verify", str(out), "--passphrase-file", str(passphrase_file)]) == 0
    verified = capsys.readouterr().out
    assert f"Tệp sao lưu {out} nguyên vẹn, đọc được đầy đủ." in verified
    assert "Đơn vị cấp trên: Công an tỉnh Nam Hòa" in verified
    assert f"Phiên bản dữ liệu: {head_revision()}" in verified
    assert "  Lượt test ma túy: " in verified
    assert "Dung lượng tệp sao lưu: " in verified


def test_restore_replaces_the_database_and_says_where_the_old_one_is(
    backup: Path,
    other_office: Path,
    restore: Restore,
    demo_database: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, target = backup, other_office
    capsys.readouterr()
    assert restore(target, out) == 0
    said = capsys.readouterr().out
    assert f"Đã khôi phục cơ sở dữ liệu {target} từ tệp {out}." in said
    kept = next(target.parent.glob("pcmt.truoc-khoi-phuc-*.sqlite3"))
    assert f"Dữ liệu có trước đó được giữ lại tại {kept}." in said
    assert len(table_rows(kept)["person"]) == 5
    _same_data(target, demo_database)


def test_the_passphrase_is_asked_twice_when_creating(
    create: Create, demo_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = _answers(monkeypatch, PASSPHRASE, PASSPHRASE, PASSPHRASE)
    out = tmp_path / "son-ha.pcmtbk"
    assert create(demo_database, out) == 0
    assert main(["backup", "verify", str(out)]) == 0
    assert prompts == ["Mật khẩu tệp sao lưu: ", "Nhập lại mật khẩu: ", "Mật khẩu tệp sao lưu: "]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("ngan", "ngan"), "Lỗi: Mật khẩu quá ngắn (4 ký tự): cần ít nhất 8 ký tự"),
        ((PASSPHRASE, PASSPHRASE + "x"), "Lỗi: Hai lần nhập mật khẩu không khớp nhau"),
        (("", ""), "Lỗi: Chưa nhập mật khẩu."),
    ],
    ids=["short", "mismatch", "empty"],
)
def test_a_bad_new_passphrase_is_refused_and_nothing_is_written(
    create: Create,
    demo_database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    typed: tuple[str, str],
    message: str,
) -> None:
    _answers(monkeypatch, *typed)
    folder = tmp_path / "ra"
    folder.mkdir()
    assert create(demo_database, folder / "son-ha.pcmtbk") == 2
    assert capsys.readouterr().err.startswith(message)
    assert list(folder.iterdir()) == []


def test_a_wrong_passphrase_is_refused_and_the_database_is_untouched(
    backup: Path,
    other_office: Path,
    logins: Logins,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, target = backup, other_office
    names, data = _names(target.parent), _data(target)
    capsys.readouterr()
    _answers(monkeypatch, "mật khẩu sai rồi", "mật khẩu sai rồi")
    assert main(["backup", "verify", str(out)]) == 2
    assert capsys.readouterr().err.startswith("Lỗi: Mật khẩu không đúng với tệp sao lưu")
    assert main(["--db", str(target), *logins.admin, "backup", "restore", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Mật khẩu không đúng")
    assert "mật khẩu sai rồi" not in err
    # No file made (no automatic backup, no kept copy) and no data changed: only the
    # login is in the audit trail.
    assert _names(target.parent) == names
    assert _data(target) == data


def test_a_damaged_file_says_which_block(
    backup: Path, passphrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = backup
    data = bytearray(out.read_bytes())
    data[-100] ^= 0x40
    out.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["backup", "verify", str(out), "--passphrase-file", str(passphrase_file)]) == 2
    assert "bị hỏng ở khối 1: dữ liệu không khớp mã xác thực" in capsys.readouterr().err


def test_a_missing_database_is_refused_before_asking_anything(
    create: Create, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "khong-co.sqlite3"
    assert create(database, tmp_path / "ra.pcmtbk") == 2
    assert capsys.readouterr().err == f"Lỗi: Không tìm thấy cơ sở dữ liệu {database}.\n"
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_passphrase_file_is_a_message(
    create: Create, demo_database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "khong-co.txt"
    assert create(demo_database, tmp_path / "ra.pcmtbk", missing) == 2
    assert capsys.readouterr().err == f"Lỗi: Không đọc được tệp mật khẩu {missing}.\n"


def test_a_missing_output_folder_is_a_message(
    create: Create,
    demo_database: Path,
    tmp_path: Path,
    passphrase_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "usb-da-rut" / "son-ha.pcmtbk"
    assert create(demo_database, out, passphrase_file) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Lỗi: Không ghi được tệp {out}: thư mục {out.parent} không tồn tại")
    assert "Traceback" not in err


def test_progress_in_a_log_writes_every_tenth(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    with log.open("w", encoding="utf-8") as stream:
        progress = PercentProgress(stream, "Đang kiểm tra tệp sao lưu")
        for done in range(0, 1001, 50):
            progress(done, 1000)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Đang kiểm tra tệp sao lưu: 0%"
    assert lines[-1] == "Đang kiểm tra tệp sao lưu: 100%"
    assert len(lines) == 11


def test_restore_takes_an_automatic_backup_of_what_it_replaces(
    backup: Path,
    other_office: Path,
    restore: Restore,
    demo_database: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, target = backup, other_office
    capsys.readouterr()

    assert restore(target, out) == 0

    said = capsys.readouterr().out
    (entry,) = AutoBackup(target).history()
    assert entry.reason is BackupReason.BEFORE_RESTORE
    assert f"Đã sao lưu tự động dữ liệu hiện tại trước khi khôi phục: {entry.file}" in said
    assert verify_backup(entry.file, recovery_key(target)).counts["person"] == 5
    _same_data(target, demo_database)


def test_restore_goes_on_when_its_automatic_backup_cannot_be_made(
    backup: Path,
    other_office: Path,
    restore: Restore,
    demo_database: Path,
    *,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, target = backup, other_office
    save_settings(target, AutoBackupSettings(folder=tmp_path / "usb-da-rut"))
    capsys.readouterr()

    assert restore(target, out) == 0

    said = capsys.readouterr().out
    assert "Lưu ý: Không tìm thấy thư mục sao lưu" in said
    assert "vẫn giữ một bản sao của dữ liệu hiện tại" in said
    kept = next(target.parent.glob("pcmt.truoc-khoi-phuc-*.sqlite3"))
    assert len(table_rows(kept)["person"]) == 5
    _same_data(target, demo_database)


def test_restore_over_a_database_open_in_a_window_is_refused_before_any_backup(
    backup: Path,
    other_office: Path,
    restore: Restore,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, target = backup, other_office
    before = folder_state(target.parent)
    capsys.readouterr()
    window = Database.open(target)
    try:
        assert restore(target, out) == 2
    finally:
        window.close()

    assert "đang được mở bởi một cửa sổ PCMT khác" in capsys.readouterr().err
    assert not (target.parent / "sao-luu").exists()
    after = folder_state(target.parent)
    assert {name: after[name] for name in before} == before
