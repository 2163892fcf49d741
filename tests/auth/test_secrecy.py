"""No password ever appears in a log, an error message, the database file or a temp file."""

import logging
import tempfile
import unicodedata
from pathlib import Path

import pytest

from pcmt_desktop.auth.errors import LoginError
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.services.audit import all_entries
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from tests.auth.support import Clock, login_service, user_service
from tests.conftest import NOW, TODAY

FIRST = "Bí-mật-Sơn-Hà-9481"
SECOND = "Ngõ Trúc 7733 kín"
WRONG = "Đoán-thử-5150-sai"
WEAK = "ngắnquá"
RESET = "Cấp-lại-2468-tạm"
SECRETS = (FIRST, SECOND, WRONG, WEAK, RESET)


def _forms(secret: str) -> list[bytes]:
    return [unicodedata.normalize(form, secret).encode("utf-8") for form in ("NFC", "NFD")]


def _files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def _read_if_still_there(path: Path) -> bytes:
    """Other programs share the temporary folder and may delete their files meanwhile."""
    try:
        return path.read_bytes() if path.stat().st_size < 10**7 else b""
    except FileNotFoundError:
        return b""


def test_no_password_leaves_memory(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    # The engine's own log prints every statement with its parameters: the hashes go
    # through it, the passwords must not.
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    temp = Path(tempfile.gettempdir())
    temp_before = _files(temp) if temp != tmp_path else set()
    messages: list[str] = []
    clock = Clock(NOW)
    path = tmp_path / "pcmt.sqlite3"
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: TODAY, now=clock)
        login = login_service(context)
        users = user_service(context)
        context.actor = login.first_administrator("quantri1", "Trần Quang Trị", FIRST)
        for weak in (WEAK, "Canbo1-ngay-9999"):
            with pytest.raises(ValidationError) as refused:
                users.add_user("canbo1", "Lò Văn Nhập", RoleKey.DATA_ENTRY, weak)
            messages.append(str(refused.value))
        users.add_user("canbo1", "Lò Văn Nhập", RoleKey.DATA_ENTRY, SECOND)
        for _ in range(6):
            with pytest.raises(LoginError) as failed:
                login.login("canbo1", WRONG)
            messages.append(str(failed.value))
        with pytest.raises(LoginError) as unknown:
            login.login(WRONG, WRONG)  # a password typed in the name box too
        messages.append(str(unknown.value))
        users.reset_password("canbo1", RESET)
        context.actor = login.login("canbo1", RESET)
        with pytest.raises(ValidationError) as same:
            users.change_own_password(RESET, RESET)
        messages.append(str(same.value))
        users.change_own_password(RESET, SECOND + "!")
        audit_text = repr(all_entries(context))
    finally:
        database.close()

    assert "INSERT INTO app_user" in caplog.text  # the engine's log was captured
    stored = b"".join(path.read_bytes() for path in _files(tmp_path))
    temp_after = _files(temp) - temp_before if temp != tmp_path else set()
    temp_bytes = b"".join(_read_if_still_there(path) for path in temp_after)
    for secret in SECRETS:
        for text in (caplog.text, audit_text, *messages):
            assert secret not in text
        for form in _forms(secret):
            assert form not in stored
            assert form not in temp_bytes
    assert len(messages) == 10
    assert "Lò Văn Nhập".encode() in stored  # the scan does see what the file holds
