"""Tệp → Tài khoản người dùng…: the administrator's list of accounts and what to do to them.

Add an account, change an officer's name or role, stop an account (kept, for the audit
trail names it) or start it again, give a temporary password to an officer who forgot
theirs, lift the wait that wrong passwords earned, and edit what each role may do. Every
change goes through ``UserService``, which audits it and refuses what would leave nobody
able to manage accounts.
"""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.accounts import UserInfo
from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.auth.users import UserService
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.gui.auth.password_fields import GOOD_STYLE, PROBLEM_STYLE
from pcmt_desktop.gui.auth.role_grid import RolePermissionsDialog
from pcmt_desktop.gui.auth.user_form import ResetPasswordDialog, UserFormDialog
from pcmt_desktop.gui.messages import confirm
from pcmt_desktop.services.context import Actor

TITLE = "Tài khoản người dùng"
HEADERS = (
    "Tên đăng nhập",
    "Họ tên",
    "Vai trò",
    "Trạng thái",
    "Đăng nhập lần cuối",
    "Ngày tạo",
)
EMPTY = "—"


def _moment(value: datetime | None) -> str:
    return EMPTY if value is None else value.strftime("%d/%m/%Y %H:%M")


def state_text(user: UserInfo, now: datetime) -> str:
    """“Đang dùng”, “Ngừng sử dụng”, “Tạm khóa đến 09:45”, “… phải đổi mật khẩu”."""
    if not user.active:
        return "Ngừng sử dụng"
    parts = ["Đang dùng"]
    if user.locked_until is not None and user.locked_until > now:
        parts.append(f"tạm khóa đến {user.locked_until:%H:%M:%S}")
    elif user.failed_attempts:
        parts.append(f"sai mật khẩu {user.failed_attempts} lần")
    if user.must_change_password:
        parts.append("phải đổi mật khẩu")
    return ", ".join(parts)


class UsersDialog(QDialog):
    """Every account, newest changes shown at once; the chosen one's actions below."""

    def __init__(
        self,
        users: UserService,
        actor: Actor,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._actor = actor
        self._now = now
        self.accounts: list[UserInfo] = []
        self.setWindowTitle(TITLE)
        intro = QLabel(
            "Mỗi cán bộ dùng tài khoản riêng: nhật ký ghi lại ai đã làm gì. Tài khoản không "
            "xóa được, chỉ ngừng sử dụng (nhật ký vẫn giữ tên).",
            self,
        )
        intro.setWordWrap(True)
        self._build_table()
        self.add_button = QPushButton("&Thêm tài khoản…", self)
        self.edit_button = QPushButton("&Sửa…", self)
        self.active_button = QPushButton("&Ngừng sử dụng", self)
        self.reset_button = QPushButton("Đặt lại &mật khẩu…", self)
        self.unlock_button = QPushButton("Mở &khóa đăng nhập", self)
        self.unlock_button.setToolTip("Xóa thời gian chờ do nhập sai mật khẩu nhiều lần")
        self.roles_button = QPushButton("&Quyền của các vai trò…", self)
        self.add_button.clicked.connect(lambda _checked=False: self.add_user())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_selected())
        self.active_button.clicked.connect(lambda _checked=False: self.toggle_active())
        self.reset_button.clicked.connect(lambda _checked=False: self.reset_password())
        self.unlock_button.clicked.connect(lambda _checked=False: self.unlock())
        self.roles_button.clicked.connect(lambda _checked=False: self.edit_roles())
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.active_button,
            self.reset_button,
            self.unlock_button,
        ):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        self.roles_button.setAutoDefault(False)
        actions.addWidget(self.roles_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        close_box = QDialogButtonBox(self)
        close_box.addButton("Đón&g", QDialogButtonBox.ButtonRole.RejectRole)
        close_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(close_box)
        self.resize(980, 520)
        self.reload()

    def _build_table(self) -> None:
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

    # --- the list ------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        current = self.selected()
        chosen = select or (None if current is None else current.user_name)
        self.accounts = self._users.users()
        now = self._now()
        self.table.setRowCount(len(self.accounts))
        for row, user in enumerate(self.accounts):
            cells = (
                user.user_name,
                user.display_name,
                user.role_name,
                state_text(user, now),
                _moment(user.last_login_at),
                _moment(user.created_at),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not user.active:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        self.table.clearSelection()
        names = [user.user_name for user in self.accounts]
        if chosen in names:
            self.table.selectRow(names.index(chosen))
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.accounts[rows.pop()] if len(rows) == 1 else None

    def select(self, user_name: str) -> bool:
        names = [user.user_name for user in self.accounts]
        if user_name not in names:
            return False
        self.table.selectRow(names.index(user_name))
        return True

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.edit_button, self.reset_button, self.active_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.failed_attempts > 0)
        active = user is None or user.active
        self.active_button.setText("&Ngừng sử dụng" if active else "Mở &lại tài khoản")
        if user is not None and user.user_name == self._actor.user_name and user.active:
            self.active_button.setEnabled(False)
            self.active_button.setToolTip("Không thể tự ngừng tài khoản mình đang dùng.")
        else:
            self.active_button.setToolTip("")

    # --- actions -----------------------------------------------------------------------
    def add_user(self) -> UserFormDialog:
        dialog = UserFormDialog(self._users, self._users.roles(), None, self)
        self._run(dialog, lambda: dialog.saved, "Đã thêm tài khoản {name}.")
        return dialog

    def edit_selected(self) -> UserFormDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = UserFormDialog(self._users, self._users.roles(), user, self)
        self._run(dialog, lambda: dialog.saved, "Đã lưu tài khoản {name}.")
        return dialog

    def reset_password(self) -> ResetPasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = ResetPasswordDialog(self._users, user, self)
        self._run(dialog, lambda: user, "Đã đặt lại mật khẩu của {name}.")
        return dialog

    def edit_roles(self) -> RolePermissionsDialog:
        dialog = RolePermissionsDialog(self._users, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            if dialog.saved:
                names = ", ".join(role.name for role in dialog.saved)
                self._tell(f"Đã lưu quyền của vai trò: {names}.")
        dialog.deleteLater()
        return dialog

    def toggle_active(self, *, ask: bool = True) -> bool:
        user = self.selected()
        if user is None:
            return False
        if user.active:
            question = (
                f"Ngừng sử dụng tài khoản {user.user_name} ({user.display_name})? Tài khoản "
                "sẽ không đăng nhập được nữa; nhật ký vẫn giữ những việc đã làm."
            )
            if ask and not confirm(self, "Ngừng sử dụng tài khoản", question):
                return False
        return self._write(
            lambda: self._users.set_active(user.user_name, not user.active),
            user.user_name,
            ("Đã mở lại tài khoản {name}." if not user.active else "Đã ngừng tài khoản {name}."),
        )

    def unlock(self) -> bool:
        user = self.selected()
        if user is None:
            return False
        return self._write(
            lambda: self._users.unlock(user.user_name),
            user.user_name,
            "Đã mở khóa đăng nhập cho {name}.",
        )

    # --- helpers -----------------------------------------------------------------------
    def _run(self, dialog: QDialog, saved: Callable[[], UserInfo | None], done: str) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            info = saved()
            if info is not None:
                self.reload(select=info.user_name)
                self._tell(done.format(name=info.user_name))
        dialog.deleteLater()

    def _write(self, write: Callable[[], UserInfo], user_name: str, done: str) -> bool:
        try:
            write()
        except (ValidationError, NotFoundError, PermissionDeniedError, SQLAlchemyError) as error:
            self._tell(str(error), problem=True)
            return False
        self.reload(select=user_name)
        self._tell(done.format(name=user_name))
        return True

    def _tell(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(PROBLEM_STYLE if problem else GOOD_STYLE)
        self.message.show()
