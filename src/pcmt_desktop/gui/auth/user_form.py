"""One account: added (name, officer's name, role, a first password) or edited.

A new account's password is usually a temporary one the administrator tells the officer,
who must then choose their own at the first login ("Phải đổi mật khẩu khi đăng nhập").
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.accounts import UserInfo, clean_user_name, user_name_problem
from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.auth.roles import RoleInfo, RoleKey
from pcmt_desktop.auth.users import UserService
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.gui.auth.first_admin_dialog import NO_DISPLAY_NAME
from pcmt_desktop.gui.auth.form_parts import (
    add_rows,
    attempt,
    refusal_label,
    say,
    submit_buttons,
)
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, NewPassword

# What the account service may answer instead of saving.
REFUSALS = (ValidationError, NotFoundError, PermissionDeniedError)


def not_saved(error: SQLAlchemyError) -> str:
    return f"Không lưu được vào cơ sở dữ liệu: {error}"


class UserFormDialog(QDialog):
    """Add an account (``user`` None) or edit one; ``saved`` is the account once saved."""

    def __init__(
        self,
        users: UserService,
        roles: list[RoleInfo],
        user: UserInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._user = user
        self.saved: UserInfo | None = None
        adding = user is None
        self.setWindowTitle("Thêm tài khoản" if user is None else f"Sửa tài khoản {user.user_name}")
        self.user_edit = QLineEdit(self)
        self.user_edit.setPlaceholderText("chữ thường không dấu, ví dụ: nguyenvana")
        self.display_edit = QLineEdit(self)
        self.display_edit.setPlaceholderText("ví dụ: Nguyễn Văn An")
        self.role_combo = QComboBox(self)
        for role in roles:
            self.role_combo.addItem(role.name, role.key)
        self.password = NewPassword(self, lambda: clean_user_name(self.user_edit.text()))
        self.must_change_box = QCheckBox("&Phải đổi mật khẩu khi đăng nhập lần đầu", self)
        self.must_change_box.setChecked(True)
        self.message = refusal_label(self)

        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [
            ("&Tên đăng nhập:", self.user_edit),
            ("&Họ tên:", self.display_edit),
            ("&Vai trò:", self.role_combo),
        ]
        if adding:
            rows += [
                ("&Mật khẩu ban đầu:", self.password.first),
                ("Nhập lại mật &khẩu:", self.password.second),
                ("", self.password.message),
                ("", self.must_change_box),
            ]
        add_rows(form, self, rows)
        self._fill(user)
        self.user_edit.textChanged.connect(self.password.check)
        note = QLabel("Quyền của vai trò mới áp dụng từ lần đăng nhập sau của tài khoản.", self)
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        self.buttons, self.save_button, _ = submit_buttons(self, "&Lưu", "Hủ&y", self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        (self.display_edit if user is not None else self.user_edit).setFocus()

    def _fill(self, user: UserInfo | None) -> None:
        """An account's values; a new one starts as "Nhập liệu", the commonest role."""
        if user is None:
            self.role_combo.setCurrentIndex(max(self.role_combo.findData(RoleKey.DATA_ENTRY), 0))
            return
        self.user_edit.setText(user.user_name)
        self.user_edit.setReadOnly(True)
        self.user_edit.setToolTip("Tên đăng nhập không đổi được.")
        self.display_edit.setText(user.display_name)
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(user.role_key), 0))
        for widget in (self.password.first, self.password.second, self.password.message):
            widget.hide()
        self.must_change_box.hide()

    def problems(self) -> list[str]:
        problems = []
        if self._user is None and (
            problem := user_name_problem(clean_user_name(self.user_edit.text()))
        ):
            problems.append(problem)
        if not self.display_edit.text().strip():
            problems.append(NO_DISPLAY_NAME)
        if self._user is None:
            problems += self.password.problems()
        return problems

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self._refuse("\n".join(problems))
            return
        if attempt(self._save, self._refuse, REFUSALS, not_saved):
            self.password.clear()
            self.accept()

    def _save(self) -> None:
        role_key = str(self.role_combo.currentData())
        if self._user is None:
            self.saved = self._users.add_user(
                self.user_edit.text(),
                self.display_edit.text(),
                role_key,
                self.password.first.text(),
                must_change_password=self.must_change_box.isChecked(),
            )
        else:
            self.saved = self._users.update_user(
                self._user.user_name, self.display_edit.text(), role_key
            )

    def _refuse(self, text: str) -> None:
        say(self.message, text)


class ResetPasswordDialog(QDialog):
    """A temporary password for an officer who forgot theirs; they change it at login."""

    def __init__(self, users: UserService, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = users
        self._user = user
        self.setWindowTitle(f"Đặt lại mật khẩu — {user.user_name}")
        intro = QLabel(
            f"Đặt mật khẩu tạm cho <b>{user.display_name}</b> ({user.user_name}). Khi đăng "
            "nhập bằng mật khẩu này, cán bộ phải chọn mật khẩu mới của riêng mình. Việc đặt "
            "lại cũng xóa thời gian chờ do nhập sai nhiều lần.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.password = NewPassword(self, lambda: user.user_name)
        self.message = refusal_label(self)
        form = QFormLayout()
        rows: tuple[tuple[str, QWidget], ...] = (
            ("&Mật khẩu tạm:", self.password.first),
            ("Nhập &lại mật khẩu:", self.password.second),
            ("", self.password.message),
        )
        add_rows(form, self, rows)
        self.buttons, self.save_button, _ = submit_buttons(self, "&Đặt lại", "&Hủy", self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)
        self.password.first.setFocus()

    def submit(self) -> None:
        problems = self.password.problems()
        if problems:
            self._refuse("\n".join(problems))
            return
        if attempt(
            lambda: self._users.reset_password(self._user.user_name, self.password.first.text()),
            self._refuse,
            REFUSALS,
            not_saved,
        ):
            self.password.clear()
            self.accept()

    def _refuse(self, text: str) -> None:
        say(self.message, text)
