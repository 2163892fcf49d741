"""A new account password typed twice, with the strength rule's verdict shown as it is typed.

The password lives only in its two QLineEdits (echo mode Password) and in the service call
that hashes it; the messages come from ``password_problems`` and never repeat it.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from pcmt_desktop.auth.passwords import MIN_LENGTH, password_problems

PROBLEM_STYLE = "color: #b00020;"
GOOD_STYLE = "color: #1b5e20;"
HINT_STYLE = "color: #555;"
MISMATCH = "Hai lần nhập mật khẩu chưa khớp nhau."
GOOD = "Mật khẩu đạt yêu cầu."
RULE = (
    f"Ít nhất {MIN_LENGTH} ký tự, kết hợp chữ với số hoặc ký hiệu, không chứa tên đăng nhập "
    "(ví dụ một câu ngắn dễ nhớ: “Sơn Hà mùa lúa 2026”)."
)


def password_edit(parent: QWidget, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class NewPassword(QObject):
    """Two password fields and the message saying what is still wrong.

    ``user_name`` gives the account's name (the rule refuses a password containing it);
    the dialog places the fields and ``message`` in its own form, each with its label.
    """

    changed = Signal()

    def __init__(self, parent: QWidget, user_name: Callable[[], str]) -> None:
        super().__init__(parent)
        self._user_name = user_name
        self.first = password_edit(parent, f"ít nhất {MIN_LENGTH} ký tự")
        self.second = password_edit(parent, "nhập lại đúng như trên")
        self.message = QLabel(parent)
        self.message.setWordWrap(True)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self.check)
        self.check()

    def problems(self) -> list[str]:
        """Why the password cannot be used yet; empty when it can."""
        typed = self.first.text()
        problems = password_problems(typed, self._user_name())
        if not problems and self.second.text() != typed:
            problems.append(MISMATCH)
        return problems

    def password(self) -> str | None:
        return None if self.problems() else self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def check(self) -> None:
        """Say the verdict again (also when the user name it depends on changed)."""
        if not self.first.text() and not self.second.text():
            self.message.setText(RULE)
            self.message.setStyleSheet(HINT_STYLE)
        else:
            problems = self.problems()
            self.message.setText("\n".join(problems) if problems else GOOD)
            self.message.setStyleSheet(PROBLEM_STYLE if problems else GOOD_STYLE)
        self.changed.emit()
