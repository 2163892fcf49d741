"""The ``pcmt`` command: the window by default, and the same services without a window.

pcmt [--db PATH]                      open the window (it asks who logs in itself)
pcmt --db PATH [--user NAME] [--password-file P] COMMAND …
pcmt --db NEW demo --admin-user NAME --admin-password-file P
                                      a demo database and its first administrator
pcmt --smoke                          self-check of an installed copy (gui.smoke)

Every command that opens a database logs in first (cli.authentication); ``backup
verify`` and ``upper`` open no office database and need no login.
"""

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pcmt_desktop import __version__
from pcmt_desktop.cli.login_options import add_login_options
from pcmt_desktop.store.paths import default_database_path

HELP_OR_VERSION = frozenset({"-h", "--help", "--version"})


def _main_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"tệp cơ sở dữ liệu (mặc định: {default_database_path()})",
    )
    parser.add_argument("--version", action="version", version=f"PCMT {__version__}")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tự kiểm tra bản cài đặt: tạo CSDL tạm, nâng cấp, mở cửa sổ chính rồi thoát",
    )
    add_login_options(parser, main=True)


def _new_parser(*, add_help: bool = True) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="pcmt",
        description="PCMT desktop — quản lý đối tượng và báo cáo phòng, chống ma túy.",
        add_help=add_help,
    )


def build_parser() -> argparse.ArgumentParser:
    """Every option and sub-command (importing the commands' modules)."""
    from pcmt_desktop.cli.commands import COMMANDS

    parser = _new_parser()
    _main_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when ``argv`` asks for the window (or ``--smoke``); None for a command.

    The window is what a double-click starts: the commands' modules (reports, import,
    export, the demo, the level above…) are not imported for it, which is a good part of
    the start-up time. Anything that is not a main option (a command, a typo, ``--help``)
    goes to the whole parser, which says what is wrong as before.
    """
    if HELP_OR_VERSION.intersection(argv):
        return None
    parser = _new_parser(add_help=False)
    _main_options(parser)
    parser.exit_on_error = False
    try:
        arguments, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    arguments.command = None
    return arguments


def _speak_utf8() -> None:
    # A Windows console or a redirected stream may default to a legacy code page, on which
    # Vietnamese letters raise UnicodeEncodeError instead of printing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _speak_utf8()
    given = list(sys.argv[1:] if argv is None else argv)
    window = window_arguments(given)
    arguments = build_parser().parse_args(given) if window is None else window
    if arguments.smoke:
        from pcmt_desktop.gui.smoke import run_smoke  # touches no office database

        return run_smoke()
    database_path: Path = arguments.db or default_database_path()
    if arguments.command is None:
        from pcmt_desktop.gui.app import run_window  # Qt is loaded only for the window.

        return run_window(database_path)
    return _run_command(database_path, arguments)


def _run_command(database_path: Path, arguments: argparse.Namespace) -> int:
    from pcmt_desktop.auth.permissions import PermissionDeniedError
    from pcmt_desktop.cli.commands import COMMANDS
    from pcmt_desktop.cli.failure import CommandError, fail

    handler = next(command for command in COMMANDS if command.name == arguments.command)
    try:
        return handler.run(database_path, arguments)
    except (CommandError, PermissionDeniedError) as error:
        # The commands catch these themselves; this is the net under a path they missed,
        # so that a refusal is never a traceback.
        return fail(str(error))
    except BrokenPipeError:
        # The reader stopped early (`pcmt figures … | head`): not an error of ours. Point
        # stdout at nothing so that Python's flush at exit does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
