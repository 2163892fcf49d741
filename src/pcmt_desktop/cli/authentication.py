"""Who runs a command: a login on a database with accounts, else its first administrator.

A command never reads or writes data before this says who acts: a database with accounts
needs --user and its password; a database without any needs --admin-user and
--admin-password-file, which create the first administrator (who then runs the command).
Every attempt is audited by ``LoginService``; no message here repeats a password.
"""

from argon2 import PasswordHasher

from pcmt_desktop.auth.accounts import find_user
from pcmt_desktop.auth.errors import LoginError
from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.auth.passwords import DEFAULT_HASHER
from pcmt_desktop.cli.failure import CommandError
from pcmt_desktop.cli.login_options import Credentials
from pcmt_desktop.cli.secret_input import ask_secret, read_secret_file
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.services.context import Actor, ServiceContext

DEFAULT_ADMIN_NAME = "Quản trị viên"

NO_ACCOUNT = (
    "Cơ sở dữ liệu chưa có tài khoản quản trị; tạo bằng --admin-user TÊN "
    "--admin-password-file TỆP [--admin-name “Họ tên”] (mật khẩu ở dòng đầu của tệp)."
)
NEED_USER = (
    "Cơ sở dữ liệu có tài khoản người dùng: hãy đăng nhập bằng --user TÊN "
    "[--password-file TỆP] (không có tệp thì mật khẩu được hỏi khi chạy)."
)
ADMIN_ONLY_WHEN_NEW = (
    " --admin-user chỉ dùng để tạo tài khoản đầu tiên cho cơ sở dữ liệu chưa có tài khoản."
)
MUST_CHANGE = (
    "Tài khoản “{user}” phải đổi mật khẩu trước khi làm việc: hãy đăng nhập trong cửa sổ "
    "chương trình để đặt mật khẩu mới."
)


def authenticate(
    context: ServiceContext, credentials: Credentials, hasher: PasswordHasher = DEFAULT_HASHER
) -> Actor:
    """The actor the command runs as; ``context``'s actor is not changed.

    Raises:
        CommandError: no credentials, wrong ones, a locked or stopped account, or a first
            administrator refused (weak password…); the message says which and what to do.
    """
    login = LoginService(context, hasher)
    if login.has_users():
        return _log_in(context, login, credentials)
    return _first_administrator(login, credentials)


def _log_in(context: ServiceContext, login: LoginService, credentials: Credentials) -> Actor:
    if credentials.user is None:
        extra = ADMIN_ONLY_WHEN_NEW if credentials.admin_user is not None else ""
        raise CommandError(NEED_USER + extra)
    if credentials.password_file is not None:
        password = read_secret_file(credentials.password_file)
    else:
        password = ask_secret(
            f"Mật khẩu của tài khoản {credentials.user}: ", option="--password-file"
        )
    if not password:
        # Not even tried: an empty file is a slip, not a guess worth a failed attempt.
        raise CommandError("Chưa có mật khẩu đăng nhập (tệp mật khẩu trống).")
    try:
        actor = login.login(credentials.user, password)
    except LoginError as error:
        raise CommandError(error.message) from error
    with context.reading() as session:
        user = find_user(session, actor.user_name)
        must_change = user is not None and user.must_change_password
    if must_change:
        # A password an administrator set is known to them: the officer replaces it first.
        raise CommandError(MUST_CHANGE.format(user=actor.user_name))
    return actor


def _first_administrator(login: LoginService, credentials: Credentials) -> Actor:
    if credentials.admin_user is None:
        raise CommandError(NO_ACCOUNT)
    if credentials.admin_password_file is not None:
        password = read_secret_file(credentials.admin_password_file)
    else:
        option = "--admin-password-file"
        password = ask_secret("Mật khẩu cho tài khoản quản trị mới: ", option=option)
        if ask_secret("Nhập lại mật khẩu: ", option=option) != password:
            raise CommandError("Hai lần nhập mật khẩu không khớp nhau; chưa tạo tài khoản.")
    try:
        return login.first_administrator(
            credentials.admin_user, credentials.admin_name or DEFAULT_ADMIN_NAME, password
        )
    except ValidationError as error:
        problems = " ".join(problem.message for problem in error.problems)
        raise CommandError(f"Chưa tạo được tài khoản quản trị: {problems}") from error
