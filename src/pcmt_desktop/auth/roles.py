"""The roles every new database starts with; an administrator may change them later.

Migration 0004 seeds exactly these rows (a test compares them), so a database made by
any version starts from the same roles.
"""

from dataclasses import dataclass

from pcmt_desktop.auth.permissions import ALL_PERMISSIONS, Permission


class RoleKey:
    DATA_ENTRY = "nhap_lieu"
    LEADER = "lanh_dao"
    ADMINISTRATOR = "quan_tri"


@dataclass(frozen=True)
class RoleInfo:
    key: str
    name: str
    permissions: frozenset[Permission]

    def allows(self, permission: Permission) -> bool:
        return permission in self.permissions


_DATA_ENTRY = frozenset({Permission.RECORDS_EDIT, Permission.MERGE, Permission.IMPORT})
_LEADER = _DATA_ENTRY | {
    Permission.REPORTS,
    Permission.EXPORT,
    Permission.BACKUP_CREATE,
    Permission.AUDIT_READ,
}

DEFAULT_ROLES: tuple[RoleInfo, ...] = (
    RoleInfo(RoleKey.DATA_ENTRY, "Nhập liệu", _DATA_ENTRY),
    RoleInfo(RoleKey.LEADER, "Lãnh đạo", _LEADER),
    RoleInfo(RoleKey.ADMINISTRATOR, "Quản trị", ALL_PERMISSIONS),
)
