"""No login password leaves its file: not in the output, a log, the database or a temp file."""

import logging
import tempfile
import unicodedata
from pathlib import Path

import pytest

from pcmt_desktop.cli.main import main
from tests.cli.audit_rows import audit_rows
from tests.cli.credentials import Logins

ADMIN = "quantri7"
FIRST = "Bí-mật-Sơn-Hà-9481"
WRONG = "Đoán-thử-5150-sai"
WEAK = "ngắnquá"
SECRETS = (FIRST, WRONG, WEAK)


def _forms(secret: str) -> list[bytes]:
    return [unicodedata.normalize(form, secret).encode("utf-8") for form in ("NFC", "NFD")]


def _files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def _contents(paths: set[Path]) -> bytes:
    """The files' bytes; one another program removed meanwhile (a shared temp) is skipped."""
    contents = []
    for path in paths:
        try:
            if path.stat().st_size < 10**7:
                contents.append(path.read_bytes())
        except FileNotFoundError:
            continue
    return b"".join(contents)


def test_no_password_appears_anywhere_but_in_its_file(
    tmp_path: Path,
    logins: Logins,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    # The engine's log prints every statement with its parameters: hashes go through it.
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    temp = Path(tempfile.gettempdir())
    temp_before = _files(temp)
    office = tmp_path / "don-vi" / "pcmt.sqlite3"
    wrong = logins.as_user(ADMIN, WRONG)
    right = logins.as_user(ADMIN, FIRST)
    runs = [
        ["--db", str(office), "demo", "--persons", "5", *logins.creating(ADMIN, FIRST)],
        ["--db", str(office), *wrong, "export", str(tmp_path / "x.xlsx")],
        ["--db", str(office), *logins.as_user(WRONG, WRONG), "audit", "verify"],  # name box
        ["--db", str(office), *right, "export", str(tmp_path / "du-lieu.xlsx")],
        ["--db", str(office), *right, "audit", "verify"],
        ["--db", str(tmp_path / "khac.sqlite3"), "demo", *logins.creating(ADMIN, WEAK)],
    ]
    codes = [main(arguments) for arguments in runs]
    captured = capsys.readouterr()

    assert codes == [0, 2, 2, 0, 0, 2]
    assert "INSERT INTO app_user" in caplog.text  # the engine's log was captured
    audit_text = repr(audit_rows(office))
    stored = _contents(_files(tmp_path))
    # The password files themselves are the one place the passwords are meant to be.
    temp_after = _files(temp) - temp_before - _files(logins.folder)
    temp_bytes = _contents(temp_after)
    for secret in SECRETS:
        for text in (captured.out, captured.err, caplog.text, audit_text):
            assert secret not in text
        for form in _forms(secret):
            assert form not in stored
            assert form not in temp_bytes
