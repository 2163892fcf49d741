"""Logging in from command-line tests: passwords in files, and the arguments to use them.

The first administrator is the one of ``tests.auth.support`` (same name and password),
so that its helpers (``officer`` …) work on a database the command line created.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from tests.auth.support import ADMIN, ADMIN_NAME, ADMIN_PASSWORD, PASSWORD, officer


@dataclass(frozen=True)
class Logins:
    """Password files in ``folder`` and the options that name them."""

    folder: Path

    def password_file(self, user_name: str, password: str) -> Path:
        """A file per name and password, so that no test overwrites another's file."""
        digest = hashlib.sha256(password.encode()).hexdigest()[:12]
        path = self.folder / f"{user_name}-{digest}.txt"
        path.write_text(password + "\n", encoding="utf-8")
        return path

    def creating(
        self, user_name: str = ADMIN, password: str = ADMIN_PASSWORD, name: str = ADMIN_NAME
    ) -> list[str]:
        """For a command on a database without accounts: creates its first administrator."""
        file = self.password_file(user_name, password)
        return ["--admin-user", user_name, "--admin-password-file", str(file), "--admin-name", name]

    @property
    def new_admin(self) -> list[str]:
        return self.creating()

    @property
    def admin(self) -> list[str]:
        """Logs in as the first administrator."""
        return self.as_user(ADMIN, ADMIN_PASSWORD)

    def as_user(self, user_name: str, password: str = PASSWORD) -> list[str]:
        file = self.password_file(user_name, password)
        return ["--user", user_name, "--password-file", str(file)]


def write_logins(folder: Path) -> Logins:
    folder.mkdir(parents=True, exist_ok=True)
    return Logins(folder)


def add_officer(database_path: Path, role_key: str, user_name: str) -> None:
    """An account of ``role_key`` (password ``PASSWORD``) added by the administrator."""
    database = Database.open(database_path)
    try:
        officer(ServiceContext(database.sessions), role_key, user_name)
    finally:
        database.close()
