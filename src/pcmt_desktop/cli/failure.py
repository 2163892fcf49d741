"""How a command gives up: a message for the officer on stderr and exit status 2."""

import sys

REFUSED = 2


class CommandError(Exception):
    """A command could not do its work; the message is for the officer."""


def fail(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return REFUSED
