"""Đổi mật khẩu: the officer replaces their own password.

Also shown right after a login when the administrator gave the account a temporary
password (``must_change_password``): then it is not optional, and leaving it ends the
session instead of opening the window.
"""

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.users import UserService
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.gui.auth.form_parts import (
    add_rows,
    attempt,
    database_failure,
    refusal_label,
    say,
    submit_buttons,
)
from pcmt_desktop.gui.auth.password_fields import NewPassword, password_edit

TITLE = "Đổi mật khẩu"
FORCED_INTRO = (
    "Mật khẩu của tài khoản này do quản trị viên đặt tạm. Trước khi làm việc, hãy chọn "
    "mật khẩu của riêng đồng chí (chỉ mình đồng chí biết)."
)
INTRO = "Nhập mật khẩu đang dùng, rồi mật khẩu mới hai lần."
NO_CURRENT = "Chưa nhập mật khẩu đang dùng."


class ChangePasswordDialog(QDialog):
    """The current password, then the new one twice; accepted once it is changed."""

    def __init__(
        self, users: UserService, user_name: str, parent: QWidget | None = None, *, forced: bool
    ) -> None:
        super().__init__(parent)
        self._users = users
        self.setWindowTitle(TITLE)
        intro = QLabel(FORCED_INTRO if forced else INTRO, self)
        intro.setWordWrap(True)
        self.current_edit = password_edit(self)
        self.password = NewPassword(self, lambda: user_name)
        self.message = refusal_label(self)
        form = QFormLayout()
        rows: tuple[tuple[str, QWidget], ...] = (
            ("Mật khẩu đang &dùng:", self.current_edit),
            ("Mật khẩu &mới:", self.password.first),
            ("Nhập &lại mật khẩu mới:", self.password.second),
            ("", self.password.message),
        )
        add_rows(form, self, rows)
        self.buttons, self.change_button, _ = submit_buttons(
            self, "Đổi mật &khẩu", "Đăng &xuất" if forced else "&Hủy", self.submit
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.current_edit.setFocus()

    def submit(self) -> None:
        problems = [] if self.current_edit.text() else [NO_CURRENT]
        problems += self.password.problems()
        if problems:
            self._refuse("\n".join(problems))
            return
        if attempt(
            lambda: self._users.change_own_password(
                self.current_edit.text(), self.password.first.text()
            ),
            self._refuse,
            (ValidationError,),
            database_failure,
        ):
            self.current_edit.clear()
            self.password.clear()
            self.accept()

    def _refuse(self, text: str) -> None:
        say(self.message, text)
