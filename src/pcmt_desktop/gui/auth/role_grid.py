"""What each role may do, as a grid of check boxes: a row per right, a column per role.

Roles are data: the administrator may give the "Lãnh đạo" role the restore, or take the
export from it. Saving writes only the roles whose boxes changed; the services refuse a
change that would leave no active account able to manage accounts.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission, PermissionDeniedError
from pcmt_desktop.auth.roles import RoleInfo
from pcmt_desktop.auth.users import UserService
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, PROBLEM_STYLE

TITLE = "Quyền của các vai trò"


def permission_caption(permission: Permission) -> str:
    """“Xuất dữ liệu ra tệp Excel”: the label as a row heading."""
    label = permission.label
    return label[:1].upper() + label[1:]


class RolePermissionsDialog(QDialog):
    """Check boxes of every role's rights; ``saved`` lists the roles changed."""

    def __init__(self, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self.roles: list[RoleInfo] = users.roles()
        self.permissions = list(Permission)
        self.saved: list[RoleInfo] = []
        self.setWindowTitle(TITLE)
        intro = QLabel(
            "Đánh dấu việc mỗi vai trò được làm. Thay đổi áp dụng từ lần đăng nhập sau của "
            "từng tài khoản. Phải luôn còn ít nhất một tài khoản đang hoạt động có quyền quản "
            "lý tài khoản.",
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        self.table = QTableWidget(len(self.permissions), len(self.roles), self)
        self.table.setHorizontalHeaderLabels([role.name for role in self.roles])
        self.table.setVerticalHeaderLabels(
            [permission_caption(permission) for permission in self.permissions]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, role in enumerate(self.roles):
            for row, permission in enumerate(self.permissions):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if role.allows(permission) else Qt.CheckState.Unchecked
                )
                item.setToolTip(f"{role.name}: {permission.label}")
                self.table.setItem(row, column, item)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("&Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("&Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(820, 520)

    def item(self, role_key: str, permission: Permission) -> QTableWidgetItem:
        column = next(i for i, role in enumerate(self.roles) if role.key == role_key)
        found = self.table.item(self.permissions.index(permission), column)
        assert found is not None
        return found

    def chosen(self, column: int) -> frozenset[Permission]:
        return frozenset(
            permission
            for row, permission in enumerate(self.permissions)
            if (item := self.table.item(row, column)) is not None
            and item.checkState() == Qt.CheckState.Checked
        )

    def submit(self) -> None:
        changed = [
            (column, self.chosen(column))
            for column, role in enumerate(self.roles)
            if self.chosen(column) != role.permissions
        ]
        self.saved = []
        try:
            for column, permissions in changed:
                info = self._users.set_role_permissions(self.roles[column].key, permissions)
                self.roles[column] = info  # saved: not written again by a second "Lưu"
                self.saved.append(info)
        except (ValidationError, PermissionDeniedError) as error:
            self._refuse(str(error))
            return
        except SQLAlchemyError as error:
            self._refuse(f"Không lưu được vào cơ sở dữ liệu: {error}")
            return
        self.accept()

    def _refuse(self, text: str) -> None:
        saved = ", ".join(role.name for role in self.saved)
        if saved:
            text += f"\n(Đã lưu quyền của: {saved}.)"
        self.message.setText(text)
        self.message.show()
