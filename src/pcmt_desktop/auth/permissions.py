"""What an officer may do, named once; a role is a set of these, kept as data.

Reading is open to anyone logged in: the permissions name the writes (and the few reads,
like the audit trail, that are themselves sensitive). The values are stored in
``role_permission`` rows, so they never change once released.
"""

from collections.abc import Iterable
from enum import StrEnum


class Permission(StrEnum):
    RECORDS_EDIT = "records_edit"
    MERGE = "merge"
    IMPORT = "import"
    EXPORT = "export"
    REPORTS = "reports"
    BACKUP_CREATE = "backup_create"
    RESTORE = "restore"
    AUDIT_READ = "audit_read"
    USERS = "users"
    SETTINGS = "settings"
    LEGAL_RULES = "legal_rules"

    @property
    def label(self) -> str:
        """A verb phrase that reads after “có quyền …” / “không có quyền …”."""
        return _LABELS[self]


_LABELS = {
    Permission.RECORDS_EDIT: "thêm, sửa, xóa hồ sơ đối tượng và các sổ theo dõi",
    Permission.MERGE: "gộp hồ sơ đối tượng trùng nhau",
    Permission.IMPORT: "nhập dữ liệu từ tệp Excel",
    Permission.EXPORT: "xuất dữ liệu ra tệp Excel",
    Permission.REPORTS: "lập, lưu, xóa báo cáo và đăng ký mẫu báo cáo riêng",
    Permission.BACKUP_CREATE: "tạo tệp sao lưu",
    Permission.RESTORE: "khôi phục dữ liệu từ tệp sao lưu",
    Permission.AUDIT_READ: "xem nhật ký thao tác",
    Permission.USERS: "quản lý tài khoản người dùng và vai trò",
    Permission.SETTINGS: "thay đổi thông tin đơn vị, địa bàn và cài đặt",
    Permission.LEGAL_RULES: "sửa các quy định pháp luật (thời hạn, mức phạt)",
}

ALL_PERMISSIONS: frozenset[Permission] = frozenset(Permission)


def known_permissions(values: Iterable[str]) -> frozenset[Permission]:
    """The permissions among stored values; one a newer program added is left out."""
    known = {permission.value for permission in Permission}
    return frozenset(Permission(value) for value in values if value in known)


class PermissionDeniedError(Exception):
    """The actor's role does not allow this; nothing was written."""

    def __init__(self, user_name: str, permission: Permission) -> None:
        who = f"Tài khoản “{user_name}”" if user_name else "Chưa đăng nhập nên"
        super().__init__(f"{who} không có quyền {permission.label}.")
        self.user_name = user_name
        self.permission = permission
