"""Why a login was refused, in Vietnamese; no message names the password."""

from datetime import timedelta


class LoginError(Exception):
    """The login was refused; ``retry_after`` is the wait before the next try, if any."""

    def __init__(self, message: str, retry_after: timedelta | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class WrongCredentialsError(LoginError):
    """Unknown user name or wrong password (which one is not said, on purpose)."""


class AccountLockedError(LoginError):
    """Too many failed logins: the account waits ``retry_after`` before the next try."""


class AccountInactiveError(LoginError):
    """The administrator stopped this account."""
