"""``pcmt backup create | verify | restore``: the encrypted file sent upward.

pcmt --db PATH backup create --out FILE [--passphrase-file P]
pcmt backup verify FILE [--passphrase-file P]            (no database involved)
pcmt --db PATH backup restore FILE [--passphrase-file P]

Without --passphrase-file the passphrase is asked without echo (twice when creating). It
is never printed, logged, or put in a message.

``create`` and ``restore`` log in on the database first (--user …) and need the role's
right to make a backup, or to restore; both are recorded in the audit trail. ``verify``
opens no database and needs no login: the passphrase is what guards the file. ``create``
works beside a window that has the database open, as the window's own backups do.

A restore onto a path without a database needs no login (there is nothing there to
protect, and the file's passphrase guards what it brings); cli.restore_audit says which
row a restore leaves. After the login, a restore verifies the whole file, then takes an
automatic "truoc-khoi-phuc" backup of the database it replaces (under its recovery key,
in its automatic backup folder). If that backup cannot be made the restore still goes on,
saying so: restore_backup keeps its own copy of the replaced database beside it, and a
restore is often what one does when the current database is too damaged to back up.
"""

import argparse
import getpass
import sys
from pathlib import Path

from pcmt_desktop.auth.permissions import Permission, PermissionDeniedError
from pcmt_desktop.autobackup import AutoBackup, AutoBackupError, BackupReason
from pcmt_desktop.backup import (
    BackupError,
    KdfParams,
    RestoreTargetInUseError,
    create_backup,
    describe,
    passphrase_problem,
    restore_backup,
    verify_backup,
)
from pcmt_desktop.cli.command import Command
from pcmt_desktop.cli.failure import CommandError, fail
from pcmt_desktop.cli.login_options import Credentials, add_login_options
from pcmt_desktop.cli.opening import open_services
from pcmt_desktop.cli.percent_progress import PercentProgress
from pcmt_desktop.cli.restore_audit import record_restore
from pcmt_desktop.cli.secret_input import read_secret_file
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import Actor
from pcmt_desktop.store.lock import DatabaseInUseError, DatabaseLock

# PercentProgress lives in cli.percent_progress; it stays importable from here, where the
# upper command has always taken it.
__all__ = ["ASK", "ASK_AGAIN", "COMMAND", "PercentProgress", "read_passphrase"]

ASK = "Mật khẩu tệp sao lưu: "
ASK_AGAIN = "Nhập lại mật khẩu: "


def _passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="TỆP",
        help="đọc mật khẩu từ dòng đầu của tệp này thay vì hỏi (tệp UTF-8)",
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="backup_action", metavar="VIỆC", required=True)
    create = actions.add_parser(
        "create",
        help="tạo tệp sao lưu mã hóa của cơ sở dữ liệu (--db)",
        description="Tạo tệp sao lưu mã hóa của cơ sở dữ liệu, kể cả khi chương trình đang mở.",
    )
    create.add_argument("--out", type=Path, required=True, metavar="TỆP", help="tệp cần ghi")
    _passphrase_option(create)
    add_login_options(create)
    # Tests must not spend a second per key derivation; officers never need this.
    create.add_argument("--kdf-fast-for-tests", action="store_true", help=argparse.SUPPRESS)
    verify = actions.add_parser(
        "verify",
        help="kiểm tra tệp sao lưu và cho biết bên trong có gì",
        description="Giải mã và kiểm tra toàn bộ tệp sao lưu; không cần cơ sở dữ liệu.",
    )
    verify.add_argument("file", type=Path, metavar="TỆP")
    _passphrase_option(verify)
    restore = actions.add_parser(
        "restore",
        help="khôi phục cơ sở dữ liệu (--db) từ tệp sao lưu (giữ lại bản sao dữ liệu cũ)",
        description=(
            "Thay toàn bộ cơ sở dữ liệu (--db) bằng dữ liệu trong tệp sao lưu, sau khi đã "
            "kiểm tra tệp và giữ lại một bản sao dữ liệu cũ bên cạnh. Không gộp dữ liệu."
        ),
    )
    restore.add_argument("file", type=Path, metavar="TỆP")
    _passphrase_option(restore)
    add_login_options(restore)


def read_passphrase(arguments: argparse.Namespace, *, new: bool) -> str:
    """From --passphrase-file, or asked without echo; a new one is asked twice and checked."""
    source: Path | None = arguments.passphrase_file
    if source is not None:
        passphrase = read_secret_file(source)
    else:
        passphrase = getpass.getpass(ASK)
        if new and getpass.getpass(ASK_AGAIN) != passphrase:
            raise CommandError("Hai lần nhập mật khẩu không khớp nhau; chưa tạo tệp sao lưu.")
    if not passphrase:
        raise CommandError("Chưa nhập mật khẩu.")
    if new and (problem := passphrase_problem(passphrase)):
        raise CommandError(problem)
    return passphrase


def _create(database_path: Path, arguments: argparse.Namespace) -> int:
    out: Path = arguments.out
    if not database_path.exists():
        return fail(f"Không tìm thấy cơ sở dữ liệu {database_path}.")
    credentials = Credentials.from_arguments(arguments)
    with open_services(database_path, credentials, shared=True) as services:
        services.context.require(Permission.BACKUP_CREATE)
        passphrase = read_passphrase(arguments, new=True)
        kdf = KdfParams.fast_for_tests() if arguments.kdf_fast_for_tests else None
        progress = PercentProgress(sys.stdout, "Đang mã hóa và ghi tệp sao lưu")
        manifest = create_backup(database_path, out, passphrase, progress=progress, kdf=kdf)
        # Read the file back as the receiver will: a bad USB stick shows up now, not upstairs.
        verify_backup(
            out, passphrase, progress=PercentProgress(sys.stdout, "Đang kiểm tra lại tệp")
        )
        audit.record_event(
            services.context,
            audit.Action.BACKUP,
            f"Tạo tệp sao lưu {out.resolve()}",
            details={"file": str(out.resolve()), "counts": manifest.counts},
        )
    print(f"Đã tạo tệp sao lưu {out} và đã kiểm tra lại: đọc được đầy đủ.")
    for line in describe(manifest, out.stat().st_size):
        print(line)
    print(
        "Hãy giữ mật khẩu ở nơi an toàn và gửi nó theo đường khác với tệp: "
        "không có mật khẩu thì không ai mở được tệp."
    )
    return 0


def _verify(arguments: argparse.Namespace) -> int:
    path: Path = arguments.file
    passphrase = read_passphrase(arguments, new=False)
    progress = PercentProgress(sys.stdout, "Đang kiểm tra tệp sao lưu")
    manifest = verify_backup(path, passphrase, progress=progress)
    print(f"Tệp sao lưu {path} nguyên vẹn, đọc được đầy đủ.")
    for line in describe(manifest, path.stat().st_size):
        print(line)
    return 0


def _refuse_if_in_use(database_path: Path) -> None:
    """Before the automatic backup: a database another window holds cannot be restored."""
    lock = DatabaseLock(database_path.resolve())
    try:
        lock.acquire()
    except DatabaseInUseError as error:
        raise RestoreTargetInUseError(database_path) from error
    lock.release()


def _back_up_before_restore(database_path: Path) -> None:
    if not database_path.is_file():
        return  # nothing there yet: nothing to lose
    _refuse_if_in_use(database_path)
    try:
        result = AutoBackup(database_path).run(BackupReason.BEFORE_RESTORE)
    except AutoBackupError as error:
        print(
            f"Lưu ý: {error} Việc khôi phục vẫn giữ một bản sao của dữ liệu hiện tại "
            "bên cạnh tệp dữ liệu."
        )
        return
    for notice in result.notices:
        print(f"Lưu ý: {notice}")
    print(f"Đã sao lưu tự động dữ liệu hiện tại trước khi khôi phục: {result.entry.file}")


def _restorer(database_path: Path, arguments: argparse.Namespace) -> Actor | None:
    """Who restores: logged in on the database replaced, with the right to restore.

    None when there is no database yet (nothing to log in to).
    """
    if not database_path.is_file():
        return None
    with open_services(database_path, Credentials.from_arguments(arguments)) as services:
        services.context.require(Permission.RESTORE)
        return services.context.actor


def _restore(database_path: Path, arguments: argparse.Namespace) -> int:
    path: Path = arguments.file
    # Who restores, before the long work: an officer without the right learns it at once.
    actor = _restorer(database_path, arguments)
    passphrase = read_passphrase(arguments, new=False)
    # Verified before anything is written, the automatic backup included: a wrong
    # passphrase or a damaged file changes no data (the login is in the audit trail).
    verify_backup(
        path, passphrase, progress=PercentProgress(sys.stdout, "Đang kiểm tra tệp sao lưu")
    )
    _back_up_before_restore(database_path)
    progress = PercentProgress(sys.stdout, "Đang khôi phục dữ liệu")
    result = restore_backup(path, passphrase, database_path, progress=progress)
    print(f"Đã khôi phục cơ sở dữ liệu {database_path} từ tệp {path}.")
    try:
        record_restore(database_path, path, actor, result)
    except CommandError as error:
        print(f"Lưu ý: chưa ghi được việc khôi phục vào nhật ký thao tác: {error}")
    if result.kept_copy is not None:
        print(f"Dữ liệu có trước đó được giữ lại tại {result.kept_copy}.")
    else:
        print("Trước đó chưa có cơ sở dữ liệu ở đây.")
    for line in describe(result.manifest):
        print(line)
    return 0


def _run(database_path: Path, arguments: argparse.Namespace) -> int:
    try:
        if arguments.backup_action == "create":
            return _create(database_path, arguments)
        if arguments.backup_action == "verify":
            return _verify(arguments)
        return _restore(database_path, arguments)
    except (CommandError, BackupError, PermissionDeniedError) as error:
        return fail(str(error))
    except KeyboardInterrupt:
        print(file=sys.stdout)
        fail("Đã dừng theo yêu cầu; không có tệp nào bị ghi dở.")
        return 130


COMMAND = Command(
    name="backup",
    help="Tạo, kiểm tra hoặc khôi phục tệp sao lưu mã hóa (gửi lên cấp trên)",
    configure=_configure,
    run=_run,
)
