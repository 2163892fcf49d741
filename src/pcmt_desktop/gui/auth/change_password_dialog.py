"""Đổi mật khẩu: the officer replaces their own password.

Also shown right after a login when the administrator gave the account a temporary
password (``must_change_password``): then it is not optional, and leaving it ends the
session instead of opening the window.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.users import UserService
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.gui.auth.login_dialog import database_failure
from pcmt_desktop.gui.auth.password_fields import PROBLEM_STYLE, NewPassword, password_edit

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
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.hide()
        form = QFormLayout()
        rows: tuple[tuple[str, QWidget], ...] = (
            ("Mật khẩu đang &dùng:", self.current_edit),
            ("Mật khẩu &mới:", self.password.first),
            ("Nhập &lại mật khẩu mới:", self.password.second),
            ("", self.password.message),
        )
        for text, field in rows:
            label = QLabel(text, self)
            if text:
                label.setBuddy(field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(self)
        self.change_button = self.buttons.addButton(
            "Đổi mật &khẩu", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(
            "Đăng &xuất" if forced else "&Hủy", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.change_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
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
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._users.change_own_password(self.current_edit.text(), self.password.first.text())
        except ValidationError as error:
            self._refuse(str(error))
            return
        except SQLAlchemyError as error:
            self._refuse(database_failure(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.current_edit.clear()
        self.password.clear()
        self.accept()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
