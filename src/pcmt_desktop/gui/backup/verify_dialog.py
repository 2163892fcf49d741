"""Tệp → Kiểm tra tệp sao lưu…: is a file sound, and what is inside.

Used by the office before sending a file and by the level above on receiving one. Nothing
is written anywhere; the answer is the summary or the exact reason (wrong passphrase,
damaged at block N, incomplete, made by a newer program).
"""

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from pcmt_desktop.backup import Manifest, describe, verify_backup
from pcmt_desktop.gui.backup.fields import PathField, passphrase_edit
from pcmt_desktop.gui.backup.job_dialog import JobDialog
from pcmt_desktop.gui.backup.worker import Report

TITLE = "Kiểm tra tệp sao lưu"
CHECKING = "Đang giải mã và kiểm tra tệp sao lưu"
INTRO = (
    "Giải mã và kiểm tra toàn bộ một tệp sao lưu: cho biết bên trong có gì, hoặc chính xác "
    "vì sao không dùng được. Việc kiểm tra không thay đổi dữ liệu nào."
)


class VerifyBackupDialog(JobDialog):
    def __init__(self, parent: QWidget | None = None, *, path: Path | None = None) -> None:
        super().__init__(parent, TITLE)
        self.manifest: Manifest | None = None
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.file = PathField(self, title=TITLE, saving=False, button_text="&Chọn tệp…")
        if path is not None:
            self.file.set_path(path)
        self.passphrase = passphrase_edit(self)
        self.file.changed.connect(self._update_button)
        self.passphrase.textChanged.connect(self._update_button)

        form = QFormLayout()
        file_label = QLabel("&Tệp sao lưu:", self)
        file_label.setBuddy(self.file.edit)
        form.addRow(file_label, self.file)
        passphrase_label = QLabel("&Mật khẩu:", self)
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(passphrase_label, self.passphrase)
        self.summary.setPlaceholderText(
            "Khi kiểm tra xong, nội dung tệp (đơn vị, thời điểm, số bản ghi) hiện ở đây."
        )

        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton(
            "&Kiểm tra", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda _checked=False: self.start())
        self.close_button = self.buttons.addButton("Đó&ng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.buttons)
        self.resize(680, 460)
        self._update_button()

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.file.setEnabled(enabled)
        self.passphrase.setEnabled(enabled)
        self.close_button.setEnabled(enabled)
        self._update_button()

    def _update_button(self) -> None:
        ready = self.file.path() is not None and bool(self.passphrase.text())
        self.start_button.setEnabled(not self.busy and ready)

    def start(self) -> bool:
        path = self.file.path()
        passphrase = self.passphrase.text()
        if self.busy or path is None or not passphrase:
            return False
        self.manifest = None

        def work(report: Report) -> tuple[Manifest, int]:
            manifest = verify_backup(
                path, passphrase, progress=lambda done, total: report(CHECKING, done, total)
            )
            return manifest, path.stat().st_size

        def succeeded(value: tuple[Manifest, int]) -> None:
            manifest, size = value
            self.manifest = manifest
            self.passphrase.clear()
            headline = f"Tệp sao lưu {path} nguyên vẹn, đọc được đầy đủ."
            self.show_summary(headline, describe(manifest, size))

        self.run_job(CHECKING, work, succeeded)
        return True
