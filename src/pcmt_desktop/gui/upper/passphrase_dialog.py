"""Asking for the passphrase of received backup files: shown only when asked, never kept."""

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE


class PassphraseDialog(QDialog):
    def __init__(self, prompt: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mật khẩu tệp sao lưu")
        self.setMinimumWidth(460)
        text = QLabel(prompt, self)
        text.setWordWrap(True)
        self.problem_label = QLabel(problem, self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setVisible(bool(problem))
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName("Mật khẩu")
        label = QLabel("&Mật khẩu:", self)
        label.setBuddy(self.edit)
        self.show_box = QCheckBox("&Hiện mật khẩu", self)
        self.show_box.toggled.connect(self._show_typed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Nhận tệp")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Bỏ qua")
        ok.setEnabled(False)
        self.edit.textChanged.connect(lambda typed: ok.setEnabled(bool(typed)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.problem_label)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.show_box)
        layout.addWidget(self.buttons)

    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)

    def passphrase(self) -> str:
        return self.edit.text()


def ask_passphrase(parent: QWidget | None, prompt: str, problem: str = "") -> str | None:
    """The passphrase typed, or None when the officer cancels."""
    dialog = PassphraseDialog(prompt, problem, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()
    finally:
        dialog.deleteLater()
