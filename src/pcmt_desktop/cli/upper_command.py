"""``pcmt upper``: the level above's consolidated store of its offices' backup files.

pcmt upper [--store PATH_OR_URL] add FILE [--passphrase-file P]
pcmt upper [--store PATH_OR_URL] list
pcmt upper [--store PATH_OR_URL] figures --from DD/MM/YYYY --to DD/MM/YYYY [--compare]
                                         --format json
pcmt upper [--store PATH_OR_URL] window     the level above's window on the store

The store is a folder (default: "tong-hop" in the user's data folder) or a PostgreSQL URL
(postgresql://user@host/database). The passphrase is read from the file given, or asked
for on the terminal; it is never printed.

No office login here: these commands open no office's database, only the files offices
send (each guarded by its passphrase) and the level above's own store, whose protection
is that of its folder or of the PostgreSQL account in the URL. The offices' accounts and
password hashes are wiped from what the store receives, so none could be used here.
"""

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path

from pcmt_desktop.backup import REGISTRY_TABLES, BackupError, label_for
from pcmt_desktop.cli.backup_command import PercentProgress, read_passphrase
from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.figures_command import add_period_arguments, read_day
from pcmt_desktop.reports.balance import FiguresUnbalancedError
from pcmt_desktop.reports.figures import PeriodError
from pcmt_desktop.upper.catalog import ReceivedBackup
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.figures import combined_figures
from pcmt_desktop.upper.location import StoreLocation, StoreLocationError, default_store_folder
from pcmt_desktop.upper.store import UpperStore

MOMENT = "%H:%M ngày %d/%m/%Y"
LINE_WIDTH = 100


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="THƯ_MỤC_HOẶC_URL",
        default=None,
        help=(
            f"kho tổng hợp: một thư mục, hoặc postgresql://… (mặc định: {default_store_folder()})"
        ),
    )
    actions = parser.add_subparsers(dest="upper_action", metavar="VIỆC", required=True)
    add = actions.add_parser(
        "add", help="nhận một tệp sao lưu của đơn vị cấp dưới", description="Nhận một tệp sao lưu"
    )
    add.add_argument("file", type=Path, metavar="TỆP_SAO_LƯU")
    add.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="TỆP",
        help="đọc mật khẩu từ dòng đầu của tệp này thay vì hỏi (tệp UTF-8)",
    )
    actions.add_parser(
        "list", help="liệt kê các đơn vị đã nhận", description="Liệt kê các đơn vị đã nhận"
    )
    figures = actions.add_parser(
        "figures",
        help="in số liệu tổng hợp của các đơn vị (JSON)",
        description="In số liệu tổng hợp của các đơn vị (JSON)",
    )
    add_period_arguments(figures)
    figures.add_argument("--format", choices=["json"], default="json", help="định dạng in ra")
    actions.add_parser(
        "window",
        help="mở cửa sổ tổng hợp cấp trên (nhận tệp, xem số liệu, lập báo cáo)",
        description="Mở cửa sổ tổng hợp cấp trên",
    )


def _add(store: UpperStore, arguments: argparse.Namespace) -> int:
    path: Path = arguments.file
    if not path.is_file():
        return fail(f"Không tìm thấy tệp sao lưu {path}.")
    passphrase = read_passphrase(arguments, new=False)
    result = store.add(
        path, passphrase, progress=PercentProgress(sys.stdout, "Đang giải mã tệp sao lưu")
    )
    print(result.message())
    return 0


def _ordered_counts(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """In the registries' order (REGISTRY_TABLES); tables a newer program added last."""
    order = {table: index for index, (table, _label) in enumerate(REGISTRY_TABLES)}
    return sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def describe_backup(backup: ReceivedBackup) -> list[str]:
    """The lines ``list`` prints for one office (times in this computer's time zone)."""
    items = [f"{label_for(table)}: {count}" for table, count in _ordered_counts(backup.counts)]
    made, received = backup.created_at.astimezone(), backup.received_at.astimezone()
    return [
        f"{backup.office_name} — cấp trên: {backup.parent_name or 'chưa khai báo'}",
        f"  sao lưu lúc {made:{MOMENT}}, nhận lúc {received:{MOMENT}}, "
        f"PCMT {backup.program_version}",
        *_packed(items or ["(không có số bản ghi)"]),
    ]


def _packed(items: list[str]) -> list[str]:
    """Items joined by "; " on indented lines of at most LINE_WIDTH, never split inside."""
    lines: list[str] = []
    line = ""
    for item in items:
        if line and len(line) + len(item) + 2 > LINE_WIDTH:
            lines.append(line + ";")
            line = ""
        line = f"{line}; {item}" if line else f"  {item}"
    return [*lines, line]


def _list(store: UpperStore) -> int:
    offices = store.offices()
    print(f"Kho tổng hợp: {store.location.describe()}")
    if not offices:
        print("Chưa nhận tệp sao lưu của đơn vị nào.")
        return 0
    print(f"Dữ liệu của {len(offices)} đơn vị:")
    for number, backup in enumerate(offices, start=1):
        first, *rest = describe_backup(backup)
        print(f"{number}. {first}")
        for line in rest:
            print(line)
    return 0


def _figures(store: UpperStore, arguments: argparse.Namespace) -> int:
    date_from = read_day(arguments.date_from, "Từ ngày (--from)")
    date_to = read_day(arguments.date_to, "Đến ngày (--to)")
    figures = combined_figures(store, date_from, date_to, compare=arguments.compare)
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _window(location: StoreLocation) -> int:
    from pcmt_desktop.gui.upper.start import run_upper_window  # Qt only for the window.

    return run_upper_window(location)


def _run(_database_path: Path, arguments: argparse.Namespace) -> int:
    try:
        location = StoreLocation.parse(arguments.store)
        if arguments.upper_action == "window":
            # The window opens the store itself and says in a box why it cannot.
            return _window(location)
        with UpperStore.open(location) as store:
            if arguments.upper_action == "add":
                return _add(store, arguments)
            if arguments.upper_action == "list":
                return _list(store)
            return _figures(store, arguments)
    except (
        CommandError,
        StoreLocationError,
        UpperStoreError,
        BackupError,
        PeriodError,
        FiguresUnbalancedError,
    ) as error:
        return fail(str(error))


COMMAND = Command(
    name="upper",
    help="Cấp trên: nhận tệp sao lưu của các đơn vị và lập số liệu tổng hợp",
    configure=_configure,
    run=_run,
)
