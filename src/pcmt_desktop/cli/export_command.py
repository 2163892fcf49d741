"""``pcmt --db PATH export FILE.xlsx`` and ``pcmt --db PATH template FILE.xlsx``.

Both read a database that must already exist: opening a missing path would create an
empty database beside the officer's real one, and export nothing from it. Both log in
first; only a role that may export (lãnh đạo, quản trị) gets the data workbook, and the
export is recorded in the audit trail.
"""

import argparse
import sys
from pathlib import Path
from typing import TextIO

from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import open_services
from pcmt_desktop.cli.percent_progress import PercentProgress
from pcmt_desktop.interchange.export import ExportError, export_workbook
from pcmt_desktop.interchange.template import write_template


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="TỆP.xlsx", help="tệp Excel cần ghi")
    add_login_options(parser)


class ExportProgress(PercentProgress):
    """ "Đang xuất dữ liệu: 40%", in place on a terminal, every tenth in a log file."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream, "Đang xuất dữ liệu")


def _check_paths(database_path: Path, target: Path) -> str | None:
    if not database_path.exists():
        return f"Không tìm thấy cơ sở dữ liệu {database_path}."
    if target.suffix.lower() != ".xlsx":
        return f"Tệp cần ghi phải có đuôi .xlsx (đã nhập: {target.name})."
    return None


def _run_export(database_path: Path, arguments: argparse.Namespace) -> int:
    target: Path = arguments.file
    if problem := _check_paths(database_path, target):
        return fail(problem)
    try:
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            summary = export_workbook(services, target, ExportProgress(sys.stdout))
    except (CommandError, ExportError, PermissionDeniedError) as error:
        return fail(str(error))
    for line in summary.describe():
        print(line)
    return 0


def _run_template(database_path: Path, arguments: argparse.Namespace) -> int:
    target: Path = arguments.file
    if problem := _check_paths(database_path, target):
        return fail(problem)
    try:
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            write_template(services, target)
    except (CommandError, ExportError) as error:
        return fail(str(error))
    print(f"Đã ghi tệp mẫu nhập liệu {target}.")
    return 0


EXPORT_COMMAND = Command(
    name="export",
    help="Xuất toàn bộ dữ liệu ra tệp Excel theo mẫu trao đổi dữ liệu",
    configure=_configure,
    run=_run_export,
)

TEMPLATE_COMMAND = Command(
    name="template",
    help="Ghi tệp Excel mẫu để trống (có hướng dẫn và danh sách chọn) để nhập liệu",
    configure=_configure,
    run=_run_template,
)
