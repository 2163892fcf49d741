"""``pcmt --db PATH audit verify``: is the audit trail as the program wrote it?

Prints "Nhật ký toàn vẹn: N dòng" and exits 0, or lists what was edited or deleted
outside the program and exits 2, so that a script can act on it. Only an officer whose
role may read the audit trail (lãnh đạo, quản trị) may check it.
"""

import argparse
from pathlib import Path

from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import open_services
from pcmt_desktop.domain.number_text import format_whole
from pcmt_desktop.services.audit_chain import verify_chain

BROKEN = 2


def _configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="audit_action", metavar="VIỆC", required=True)
    verify = actions.add_parser(
        "verify",
        help="kiểm tra nhật ký thao tác có bị sửa, xóa ngoài chương trình hay không",
        description=(
            "Kiểm tra chuỗi mã băm của nhật ký thao tác: phát hiện dòng bị sửa, dòng bị xóa "
            "(kể cả các dòng cuối cùng) ngoài chương trình."
        ),
    )
    add_login_options(verify)


def _run(database_path: Path, arguments: argparse.Namespace) -> int:
    if not database_path.exists():
        return fail(f"Không tìm thấy cơ sở dữ liệu {database_path}.")
    try:
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            report = verify_chain(services.context)
    except (CommandError, PermissionDeniedError) as error:
        return fail(str(error))
    if report.ok:
        print(f"Nhật ký toàn vẹn: {format_whole(report.checked)} dòng")
        return 0
    print(
        f"Nhật ký KHÔNG toàn vẹn: đã kiểm tra {format_whole(report.checked)} dòng, "
        f"phát hiện {format_whole(len(report.problems))} vấn đề:"
    )
    for problem in report.problems:
        print(f"- {problem}")
    return BROKEN


COMMAND = Command(
    name="audit",
    help="Kiểm tra nhật ký thao tác",
    configure=_configure,
    run=_run,
)
