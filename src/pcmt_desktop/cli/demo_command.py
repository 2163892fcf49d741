"""``pcmt --db PATH demo``: a new database filled with invented data, to try the program.

Refused on a database that already holds an office, so that invented persons never mix
with real ones. A new database gets its first administrator from --admin-user and
--admin-password-file, and the invented data is entered in their name. If the run fails
or is interrupted on a file it created itself, the half-filled file is removed: a demo
database is either complete or absent.
"""

import argparse
import sys
from pathlib import Path
from typing import TextIO

from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import database_files, open_services
from pcmt_desktop.demo.generator import (
    DEFAULT_PERSONS,
    DEFAULT_SEED,
    MAX_PERSONS,
    describe,
    generate_demo,
)
from pcmt_desktop.domain.errors import ValidationError


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"hạt giống ngẫu nhiên: cùng số cho cùng dữ liệu (mặc định: {DEFAULT_SEED})",
    )
    parser.add_argument(
        "--persons",
        type=int,
        default=DEFAULT_PERSONS,
        help=f"số đối tượng cần tạo (mặc định: {DEFAULT_PERSONS})",
    )
    add_login_options(parser)


class ProgressLine:
    """ "Đang tạo dữ liệu mẫu: 450/900", rewritten in place on a terminal.

    Redirected to a file, it writes a line at every tenth of the way instead, so that a
    log is not flooded with 900 carriage returns.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._in_place = stream.isatty()
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        steps = 100 if self._in_place else 10
        step = done * steps // max(total, 1)
        if step == self._shown and done != total:
            return
        self._shown = step
        text = f"Đang tạo dữ liệu mẫu: {done}/{total}"
        if self._in_place:
            self._stream.write("\r" + text + ("\n" if done == total else ""))
        else:
            self._stream.write(text + "\n")
        self._stream.flush()


def _run(database_path: Path, arguments: argparse.Namespace) -> int:
    persons: int = arguments.persons
    if not 1 <= persons <= MAX_PERSONS:
        limit = f"{MAX_PERSONS:,}".replace(",", ".")
        return fail(f"Số đối tượng cần tạo phải từ 1 đến {limit} (đã nhập: {persons}).")
    # Files to remove if the run does not finish: only when the database itself is new
    # (an existing file's -wal may hold committed data and is never touched).
    new_files = (
        []
        if database_path.exists()
        else [path for path in database_files(database_path) if not path.exists()]
    )
    finished = False
    try:
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            summary = generate_demo(
                services,
                seed=arguments.seed,
                persons=persons,
                progress=ProgressLine(sys.stdout),
            )
        finished = True
    except (CommandError, PermissionDeniedError) as error:
        return fail(str(error))
    except ValidationError as error:
        return fail(error.message)
    except KeyboardInterrupt:
        print(file=sys.stdout)
        removed = " Tệp cơ sở dữ liệu dở dang đã được xóa." if new_files else ""
        fail(f"Đã dừng tạo dữ liệu mẫu theo yêu cầu.{removed}")
        return 130
    finally:
        if not finished:
            for path in new_files:
                path.unlink(missing_ok=True)
    print(f"Cơ sở dữ liệu mẫu: {database_path}")
    for line in describe(summary):
        print(line)
    return 0


COMMAND = Command(
    name="demo",
    help="Tạo cơ sở dữ liệu mẫu với dữ liệu giả lập (để xem thử chương trình)",
    configure=_configure,
    run=_run,
)
