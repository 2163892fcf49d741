"""Tệp → Thời gian tự khóa màn hình…: after how many minutes without use the window locks."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.gui.auth.idle_settings import MAX_MINUTES, MIN_MINUTES
from pcmt_desktop.gui.auth.password_fields import HINT_STYLE, PROBLEM_STYLE

TITLE = "Thời gian tự khóa màn hình"


class IdleLockDialog(QDialog):
    """One number of minutes; ``save`` keeps it (and applies it) when accepted."""

    def __init__(
        self,
        minutes: int,
        save: Callable[[int], None],
        parent: QWidget | None = None,
        *,
        warning: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(TITLE)
        intro = QLabel(
            "Khi không có ai dùng bàn phím, chuột trong khoảng thời gian này, chương trình che "
            "mọi cửa sổ và hỏi lại mật khẩu. Dữ liệu đang nhập dở vẫn được giữ nguyên.",
            self,
        )
        intro.setWordWrap(True)
        self.minutes_box = QSpinBox(self)
        self.minutes_box.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes_box.setValue(minutes)
        self.minutes_box.setSuffix(" phút")
        note = QLabel(
            "Cài đặt lưu trong tệp cài đặt cạnh tệp dữ liệu, áp dụng cho mọi tài khoản.", self
        )
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        self.message = QLabel(warning or "", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.setVisible(bool(warning))
        form = QFormLayout()
        label = QLabel("&Tự khóa sau:", self)
        label.setBuddy(self.minutes_box)
        form.addRow(label, self.minutes_box)
        buttons = QDialogButtonBox(self)
        buttons.addButton("&Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        try:
            self._save(self.minutes_box.value())
        except OSError as error:
            self.message.setText(f"Không ghi được tệp cài đặt: {error}")
            self.message.show()
            return
        self.accept()
