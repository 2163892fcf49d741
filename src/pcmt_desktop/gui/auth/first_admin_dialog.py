"""A new database's first account: the administrator, who then sets up the office.

Nobody can log in to a database without accounts, so the first start asks for one: the
administrator's user name, their name as documents show it, and a password typed twice,
its problems said as it is typed. The account is made by ``first_administrator``, which
refuses if another window made one meanwhile.
"""

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.accounts import clean_user_name, user_name_problem
from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.gui.auth.form_parts import (
    add_rows,
    attempt,
    database_failure,
    refusal_label,
    say,
    submit_buttons,
)
from pcmt_desktop.gui.auth.login_dialog import heading
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, PROBLEM_STYLE, NewPassword
from pcmt_desktop.services.context import Actor

TITLE = "Tạo tài khoản quản trị"
INTRO = (
    "Cơ sở dữ liệu này chưa có tài khoản nào. Hãy tạo tài khoản quản trị đầu tiên: người "
    "giữ tài khoản này cấp tài khoản cho các cán bộ khác (Tệp → Tài khoản người dùng…) và "
    "thiết lập thông tin đơn vị. Hãy ghi nhớ mật khẩu: không ai xem lại được mật khẩu."
)
NO_DISPLAY_NAME = "Chưa nhập họ tên người dùng."


class FirstAdministratorDialog(QDialog):
    """The first administrator's name and password; ``actor`` is them once accepted."""

    def __init__(self, login: LoginService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._login = login
        self.actor: Actor | None = None
        self.setWindowTitle(TITLE)
        title = heading("Chào mừng đến với PCMT", self)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.user_edit = QLineEdit(self)
        self.user_edit.setPlaceholderText("chữ thường không dấu, ví dụ: quantri")
        self.user_hint = QLabel(self)
        self.user_hint.setWordWrap(True)
        self.display_edit = QLineEdit(self)
        self.display_edit.setPlaceholderText("ví dụ: Nguyễn Văn An")
        self.password = NewPassword(self, lambda: clean_user_name(self.user_edit.text()))
        self.message = refusal_label(self)

        form = QFormLayout()
        rows: tuple[tuple[str, QWidget], ...] = (
            ("&Tên đăng nhập:", self.user_edit),
            ("", self.user_hint),
            ("&Họ tên:", self.display_edit),
            ("&Mật khẩu:", self.password.first),
            ("Nhập &lại mật khẩu:", self.password.second),
            ("", self.password.message),
        )
        add_rows(form, self, rows)
        self.buttons, self.create_button, _ = submit_buttons(
            self, "Tạo tài &khoản", "Th&oát", self.submit
        )
        self.user_edit.textChanged.connect(self._check_user_name)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._check_user_name()
        self.user_edit.setFocus()

    def problems(self) -> list[str]:
        """What keeps the account from being made, in the form's order."""
        problems = []
        name = clean_user_name(self.user_edit.text())
        if problem := user_name_problem(name):
            problems.append(problem)
        if not self.display_edit.text().strip():
            problems.append(NO_DISPLAY_NAME)
        return problems + self.password.problems()

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self._refuse("\n".join(problems))
            return
        if attempt(self._create, self._refuse, (ValidationError,), database_failure):
            self.password.clear()
            self.accept()

    def _create(self) -> None:
        self.actor = self._login.first_administrator(
            self.user_edit.text(), self.display_edit.text(), self.password.first.text()
        )

    def _refuse(self, text: str) -> None:
        say(self.message, text)

    def _check_user_name(self) -> None:
        name = clean_user_name(self.user_edit.text())
        problem = user_name_problem(name) if name else None
        self.user_hint.setText(problem or "Dùng để đăng nhập; không đổi được sau này.")
        self.user_hint.setStyleSheet(PROBLEM_STYLE if problem else HINT_STYLE)
        self.password.check()
