"""Reading a password or a passphrase: from the first line of a file, or typed unseen.

What is read is returned and nothing else is done with it: no message of this module
repeats it, nothing here writes it anywhere.
"""

import getpass
import sys
from pathlib import Path

from pcmt_desktop.cli.failure import CommandError


def read_secret_file(source: Path) -> str:
    """The first line of ``source`` without its line end ("" for an empty file).

    Raises:
        CommandError: the file cannot be read as UTF-8 text (the message names the file).
    """
    try:
        # utf-8-sig: Notepad may start the file with a byte-order mark.
        lines = source.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        # ``from None``: a decoding error quotes the bytes it choked on.
        raise CommandError(f"Không đọc được tệp mật khẩu {source}.") from None
    return lines[0] if lines else ""


def ask_secret(prompt: str, *, option: str) -> str:
    """Typed without echo on the terminal; refused when nobody can type it.

    A command run from a script or a scheduled task has no keyboard: asking would hang or
    read the password from whatever is piped in, so it is refused and ``option`` (the
    file option to use instead) is named.
    """
    if not sys.stdin.isatty():
        raise CommandError(
            "Không hỏi được mật khẩu vì lệnh không chạy trên màn hình dòng lệnh có bàn phím "
            f"(đầu vào không phải terminal): hãy dùng {option} TỆP."
        )
    return getpass.getpass(prompt)
