"""How long an account waits after failed logins in a row.

The first three mistakes cost nothing (a typo, the Caps Lock key); from the fourth on,
each doubles the wait, up to five minutes: a person is hardly slowed, a guesser is.
"""

import math
from datetime import timedelta

FREE_ATTEMPTS = 3
MAX_DELAY = timedelta(minutes=5)


def delay_after(failures: int) -> timedelta | None:
    """The wait after ``failures`` failed logins in a row; None when there is none."""
    if failures <= FREE_ATTEMPTS:
        return None
    seconds = 2 ** min(failures - FREE_ATTEMPTS, 20)
    return min(timedelta(seconds=seconds), MAX_DELAY)


def wait_text(wait: timedelta) -> str:
    """“4 giây”, “2 phút 8 giây”: a wait as an officer reads it (rounded up to a second)."""
    total = max(1, math.ceil(wait.total_seconds()))
    minutes, seconds = divmod(total, 60)
    if not minutes:
        return f"{seconds} giây"
    return f"{minutes} phút" if not seconds else f"{minutes} phút {seconds} giây"
