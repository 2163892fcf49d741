"""``pcmt --db PATH import FILE.xlsx [--dry-run]``: bring a data workbook into the database.

All or nothing: every problem is printed on its own line ("Sheet Test, dòng 12, cột Ngày
test: …") and the command exits 1 without writing anything; otherwise it writes every row
in one transaction and prints what it added per sheet. ``--dry-run`` only checks and
counts. A missing database is created (office and sub-areas from DonVi and DiaBan).

Before writing into a database that already holds an office, an automatic backup
("truoc-nhap") is taken and verified, and the command says where it is; if it cannot be
made, nothing is imported (an import is undone only by restoring that backup). A new or
empty database has nothing to lose, and an import adding nothing changes nothing: neither
is backed up.

The command logs in first (a new database gets its first administrator from --admin-user
and --admin-password-file); a role without the right to import may still --dry-run.
"""

import argparse
from pathlib import Path

from pcmt_desktop.auth.permissions import Permission, PermissionDeniedError
from pcmt_desktop.autobackup import AutoBackup, AutoBackupError, BackupReason
from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import open_services
from pcmt_desktop.interchange.importer import ImportRefused, apply_import, plan_import
from pcmt_desktop.services.registry import Services


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="TỆP.xlsx", help="tệp Excel cần nhập")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="chỉ kiểm tra tệp và cho biết sẽ thêm bao nhiêu dòng, không ghi gì",
    )
    add_login_options(parser)


def _print_problems(problems: list[str]) -> int:
    for line in problems:
        print(line)
    print(f"Tệp có {len(problems)} lỗi: chưa nhập gì vào cơ sở dữ liệu.")
    return 1


def _back_up_before_import(database_path: Path, services: Services, adding: int) -> None:
    """Raises CommandError (nothing imported) when the backup cannot be made."""
    if adding == 0 or not services.office.is_configured():
        return
    try:
        result = AutoBackup(database_path).run(BackupReason.BEFORE_IMPORT)
    except AutoBackupError as error:
        raise CommandError(f"{error} Chưa nhập gì vào cơ sở dữ liệu.") from error
    for notice in result.notices:
        print(f"Lưu ý: {notice}")
    print(f"Đã sao lưu cơ sở dữ liệu trước khi nhập: {result.entry.file}")


def _run_import(database_path: Path, arguments: argparse.Namespace) -> int:
    source: Path = arguments.file
    if not source.is_file():
        return fail(f"Không tìm thấy tệp {source}.")
    try:
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            if not arguments.dry_run:
                # Before reading the workbook and before the automatic backup.
                services.context.require(Permission.IMPORT)
            plan = plan_import(services, source)
            for notice in plan.notices:
                print(f"Lưu ý: {notice}")
            if plan.problems:
                return _print_problems([problem.describe() for problem in plan.problems])
            if arguments.dry_run:
                print(f"Kiểm tra tệp {source.name}: không có lỗi. Nếu nhập sẽ:")
                for line in plan.describe():
                    print(line)
                print(f"Tổng cộng thêm {plan.total_added:,} dòng.".replace(",", "."))
                return 0
            _back_up_before_import(database_path, services, plan.total_added)
            try:
                summary = apply_import(services, plan)
            except ImportRefused as error:
                return _print_problems([problem.describe() for problem in error.problems])
    except (CommandError, PermissionDeniedError) as error:
        return fail(str(error))
    for line in summary.describe():
        print(line)
    return 0


IMPORT_COMMAND = Command(
    name="import",
    help="Nhập dữ liệu từ tệp Excel theo mẫu trao đổi dữ liệu (tất cả hoặc không gì cả)",
    configure=_configure,
    run=_run_import,
)
