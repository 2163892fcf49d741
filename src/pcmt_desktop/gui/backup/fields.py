"""The fields the backup dialogs share: a file with its "Chọn…" button, and passphrases.

A passphrase lives only in its QLineEdit (echo mode Password) and in the call that uses
it: never in a setting, a log line or a message, and the dialogs clear it once done.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pcmt_desktop.backup import BACKUP_SUFFIX, passphrase_problem

FILE_FILTER = f"Tệp sao lưu PCMT (*{BACKUP_SUFFIX});;Mọi tệp (*)"
PROBLEM_STYLE = "color: #b00020;"
GOOD_STYLE = "color: #1b5e20;"
MISMATCH = "Hai lần nhập mật khẩu chưa khớp nhau."
GOOD = "Mật khẩu đạt yêu cầu."


def passphrase_edit(parent: QWidget, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class PathField(QWidget):
    """A file path typed or chosen with a file dialog ("Chọn…")."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        saving: bool,
        button_text: str = "&Chọn…",
        adjust: Callable[[str], Path] = Path,
    ) -> None:
        super().__init__(parent)
        self._title = title
        self._saving = saving
        self._adjust = adjust
        self.edit = QLineEdit(self)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.button = QPushButton(button_text, self)
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return self._adjust(text) if text else None

    def set_path(self, path: Path) -> None:
        self.edit.setText(str(path))

    def choose(self) -> None:
        start = self.edit.text().strip()
        if self._saving:
            chosen, _filter = QFileDialog.getSaveFileName(self, self._title, start, FILE_FILTER)
        else:
            chosen, _filter = QFileDialog.getOpenFileName(self, self._title, start, FILE_FILTER)
        if chosen:
            self.set_path(self._adjust(chosen))


class NewPassphrase(QObject):
    """A new passphrase typed twice, with what is wrong with it said at once.

    The two fields and the message are placed by the dialog, each row with its label.
    """

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.first = passphrase_edit(parent, "ít nhất 8 ký tự")
        self.second = passphrase_edit(parent, "nhập lại đúng như trên")
        self.message = QLabel(parent)
        self.message.setWordWrap(True)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._check)
        self._check()

    def problem(self) -> str | None:
        """Why the passphrase cannot be used yet, or None; never repeats it."""
        typed = self.first.text()
        if problem := passphrase_problem(typed):
            return problem
        if self.second.text() != typed:
            return MISMATCH
        return None

    def passphrase(self) -> str | None:
        return None if self.problem() is not None else self.first.text()

    def set_enabled(self, enabled: bool) -> None:
        self.first.setEnabled(enabled)
        self.second.setEnabled(enabled)

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _check(self) -> None:
        problem = self.problem()
        untouched = not self.first.text() and not self.second.text()
        self.message.setText("" if untouched else problem or GOOD)
        self.message.setStyleSheet(PROBLEM_STYLE if problem else GOOD_STYLE)
        self.changed.emit()
