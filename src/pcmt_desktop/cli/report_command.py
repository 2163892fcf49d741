"""``pcmt --db PATH report --template NAME --from … --to … [--compare] --out F.docx
[--annex F.xlsx] [--narrative F.json]``: the wizard's báo cáo without a window.

The narrative parts start from the last report of the same template (as in the wizard);
``--narrative`` gives them from a JSON object {field key: text} instead. Only a role that
may make reports (lãnh đạo, quản trị) gets past ``ReportService.render``'s check, which
comes before any file is written.
"""

import argparse
import json
from pathlib import Path

from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.figures_command import add_period_arguments, read_day
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import open_services
from pcmt_desktop.domain.errors import ValidationError


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", required=True, metavar="TÊN", help="so-ket, cao-diem, …")
    add_period_arguments(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="TỆP.docx")
    parser.add_argument("--annex", type=Path, metavar="TỆP.xlsx", help="phụ lục Excel")
    parser.add_argument(
        "--narrative", type=Path, metavar="TỆP.json", help="phần lời văn: {tên trường: nội dung}"
    )
    add_login_options(parser)


def _narrative(path: Path | None, starting: dict[str, str]) -> dict[str, str]:
    if path is None:
        return starting
    try:
        given = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"Không đọc được tệp lời văn {path}: {error}") from error
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        raise CommandError(f"Tệp lời văn {path} phải là một đối tượng JSON {{tên trường: chữ}}.")
    unknown = sorted(set(given) - set(starting))
    if unknown:
        raise CommandError(
            f"Tệp lời văn {path} có trường mẫu báo cáo không dùng: {', '.join(unknown)}."
        )
    return {**starting, **given}


def _check_outputs(out: Path, annex: Path | None) -> None:
    if out.suffix.lower() != ".docx":
        raise CommandError(f"Tệp báo cáo phải có đuôi .docx (đã nhập: {out.name}).")
    if annex is not None and annex.suffix.lower() != ".xlsx":
        raise CommandError(f"Tệp phụ lục phải có đuôi .xlsx (đã nhập: {annex.name}).")
    for target in (out, annex):
        if target is not None and not target.parent.is_dir():
            raise CommandError(f"Không có thư mục {target.parent} để ghi {target.name}.")


def _run(database_path: Path, arguments: argparse.Namespace) -> int:
    # Word and Excel libraries load only when a report is made: `pcmt --help` stays quick.
    from pcmt_desktop.reports.balance import FiguresUnbalancedError
    from pcmt_desktop.reports.docx_render import ReportTemplateError
    from pcmt_desktop.reports.figures import PeriodError
    from pcmt_desktop.reports.report_service import ReportRequest, ReportService

    if not database_path.exists():
        return fail(f"Không tìm thấy cơ sở dữ liệu {database_path}.")
    try:
        _check_outputs(arguments.out, arguments.annex)
        date_from = read_day(arguments.date_from, "Từ ngày (--from)")
        date_to = read_day(arguments.date_to, "Đến ngày (--to)")
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            reports = ReportService(services.context)
            narrative = _narrative(
                arguments.narrative, reports.starting_narrative(arguments.template)
            )
            kept = reports.render(
                ReportRequest(arguments.template, date_from, date_to, arguments.compare, narrative),
                arguments.out,
                arguments.annex,
            )
    except ValidationError as error:
        return fail(" ".join(problem.message for problem in error.problems))
    except (
        CommandError,
        PermissionDeniedError,
        PeriodError,
        FiguresUnbalancedError,
        ReportTemplateError,
    ) as error:
        return fail(str(error))
    print(f"Đã lập báo cáo “{kept.title}”: {arguments.out}")
    if arguments.annex is not None:
        print(f"Phụ lục: {arguments.annex}")
    return 0


COMMAND = Command(
    name="report",
    help="Lập báo cáo Word (và phụ lục Excel) của một kỳ",
    configure=_configure,
    run=_run,
)
