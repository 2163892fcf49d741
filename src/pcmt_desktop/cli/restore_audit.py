"""The audit row a restore leaves, in the database it restored.

That database holds the backup's accounts, not those of the database it replaced: the
row names the officer who logged in on the replaced one all the same, and says so when
that account is not among the restored ones. A restore onto a path that had no database
was made without a login; its row says that too.
"""

from pathlib import Path

from pcmt_desktop.auth.accounts import find_user
from pcmt_desktop.backup import RestoreResult
from pcmt_desktop.cli.opening import open_database
from pcmt_desktop.services import audit
from pcmt_desktop.services.context import Actor, ServiceContext


def _restore_summary(path: Path, actor: Actor | None, known: bool) -> str:
    summary = f"Khôi phục dữ liệu từ tệp sao lưu {path.resolve()}"
    if actor is None:
        return f"{summary}, vào nơi trước đó chưa có cơ sở dữ liệu (không cần đăng nhập)"
    if not known:
        return (
            f"{summary}, do tài khoản {actor.user_name} ({actor.display_name}) đăng nhập trên "
            "dữ liệu trước khi khôi phục; tài khoản này không có trong dữ liệu đã khôi phục"
        )
    return summary


def record_restore(
    database_path: Path, path: Path, actor: Actor | None, result: RestoreResult
) -> None:
    """The RESTORE row, in the restored database, under the name of who restored."""
    database = open_database(database_path)
    try:
        context = ServiceContext(database.sessions)
        user_name = "" if actor is None else actor.user_name
        with context.reading() as session:
            known = bool(user_name) and find_user(session, user_name) is not None
        audit.record_event(
            context,
            audit.Action.RESTORE,
            _restore_summary(path, actor, known),
            details={
                "file": str(path.resolve()),
                "office": result.manifest.office_name,
                "backup_created_at": result.manifest.created_at.isoformat(),
                "kept_copy": None if result.kept_copy is None else str(result.kept_copy),
            },
            user_name=user_name,
        )
    finally:
        database.close()
