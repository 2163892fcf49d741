"""``pcmt --db PATH figures --from DD/MM/YYYY --to DD/MM/YYYY [--compare] --format json``.

Prints the figures object of INTERCHANGE.md §2: what the level above reads without
retyping, and what every .docx and .xlsx of a report is rendered from.
"""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import open_services
from pcmt_desktop.interchange.cells import CellError, parse_date
from pcmt_desktop.reports.balance import FiguresUnbalancedError
from pcmt_desktop.reports.figures import PeriodError, compute_figures


def read_day(text: str, label: str) -> date:
    """A dd/mm/yyyy argument; the error names the option."""
    try:
        day = parse_date(text, label)
    except CellError as error:
        raise CommandError(str(error)) from error
    if day is None:
        raise CommandError(f"Chưa nhập {label}.")
    return day


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", required=True, metavar="DD/MM/YYYY")
    parser.add_argument("--to", dest="date_to", required=True, metavar="DD/MM/YYYY")
    parser.add_argument("--compare", action="store_true", help="kèm số liệu cùng kỳ năm trước")


def _configure(parser: argparse.ArgumentParser) -> None:
    add_period_arguments(parser)
    parser.add_argument("--format", choices=["json"], default="json", help="định dạng in ra")
    add_login_options(parser)


def _run(database_path: Path, arguments: argparse.Namespace) -> int:
    if not database_path.exists():
        return fail(f"Không tìm thấy cơ sở dữ liệu {database_path}.")
    try:
        date_from = read_day(arguments.date_from, "Từ ngày (--from)")
        date_to = read_day(arguments.date_to, "Đến ngày (--to)")
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            figures = compute_figures(
                services.context, date_from, date_to, compare=arguments.compare
            )
    except (CommandError, PeriodError, FiguresUnbalancedError) as error:
        return fail(str(error))
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


COMMAND = Command(
    name="figures",
    help="In số liệu báo cáo của một kỳ (JSON)",
    configure=_configure,
    run=_run,
)
