"""The options that say who runs a command, and the ``Credentials`` they make.

pcmt [--user TÊN] [--password-file TỆP]
     [--admin-user TÊN --admin-password-file TỆP [--admin-name "Họ tên"]] LỆNH …

They may be typed before the command or after it (``pcmt --db X demo --admin-user …``):
the main parser holds them with their defaults, and every command that opens a database
holds them again with no default, so that a value typed after the command wins and an
absent one does not overwrite the value typed before it.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Credentials:
    """Who asks to run the command; the passwords stay in their files until needed."""

    user: str | None = None
    password_file: Path | None = None
    admin_user: str | None = None
    admin_password_file: Path | None = None
    admin_name: str | None = None

    @classmethod
    def from_arguments(cls, arguments: argparse.Namespace) -> "Credentials":
        # getattr: a command's parser may be built alone, without the main parser's options.
        return cls(
            user=getattr(arguments, "user", None),
            password_file=getattr(arguments, "password_file", None),
            admin_user=getattr(arguments, "admin_user", None),
            admin_password_file=getattr(arguments, "admin_password_file", None),
            admin_name=getattr(arguments, "admin_name", None),
        )


def add_login_options(parser: argparse.ArgumentParser, *, main: bool = False) -> None:
    """Add the options to ``parser``: with defaults on the main parser, without elsewhere."""
    default: Any = None if main else argparse.SUPPRESS
    group = parser.add_argument_group(
        "đăng nhập",
        "Lệnh làm việc trên cơ sở dữ liệu có tài khoản phải đăng nhập trước. Cơ sở dữ liệu "
        "chưa có tài khoản nào: tạo tài khoản quản trị đầu tiên bằng --admin-user và "
        "--admin-password-file.",
    )
    group.add_argument(
        "--user", metavar="TÊN", default=default, help="tên đăng nhập của người chạy lệnh"
    )
    group.add_argument(
        "--password-file",
        type=Path,
        metavar="TỆP",
        default=default,
        help="đọc mật khẩu đăng nhập từ dòng đầu của tệp này (không có: hỏi khi chạy)",
    )
    group.add_argument(
        "--admin-user",
        metavar="TÊN",
        default=default,
        help="tạo tài khoản quản trị đầu tiên với tên này khi cơ sở dữ liệu chưa có tài khoản",
    )
    group.add_argument(
        "--admin-password-file",
        type=Path,
        metavar="TỆP",
        default=default,
        help="mật khẩu của tài khoản quản trị đầu tiên: dòng đầu của tệp này",
    )
    group.add_argument(
        "--admin-name",
        metavar="HỌ_TÊN",
        default=default,
        help="họ tên người quản trị đầu tiên (mặc định: “Quản trị viên”)",
    )
