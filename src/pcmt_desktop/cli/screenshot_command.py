"""``pcmt screenshot --out DIR``: every tab and main dialog rendered offscreen to PNG.

The README's pictures come from here, so they always show the program as it is.
"""

import argparse
import os
from pathlib import Path

from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import open_services


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="thư mục lưu các ảnh PNG")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    add_login_options(parser)


def _run(database_path: Path, arguments: argparse.Namespace) -> int:
    # Offscreen unless a screen was asked for explicitly: this must work on CI and servers.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pcmt_desktop.gui.screenshots import render_all  # Qt only when needed.

    out: Path = arguments.out
    try:
        out.mkdir(parents=True, exist_ok=True)
        with open_services(database_path, Credentials.from_arguments(arguments)) as services:
            if not services.office.is_configured():
                raise CommandError(
                    "Cơ sở dữ liệu chưa có đơn vị; hãy chạy “pcmt --db … demo” hoặc mở chương "
                    "trình để thiết lập trước khi chụp ảnh."
                )
            written = render_all(services, database_path, out, (arguments.width, arguments.height))
    except CommandError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"Không ghi được ảnh vào {out}: {error}")
    for path in written:
        print(path)
    return 0


COMMAND = Command(
    name="screenshot",
    help="Chụp ảnh mọi màn hình (không cần màn hình thật) và lưu thành tệp PNG",
    configure=_configure,
    run=_run,
)
