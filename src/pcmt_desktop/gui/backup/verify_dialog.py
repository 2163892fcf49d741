"""Tệp → Kiểm tra tệp sao lưu…: is a file sound, and what is inside.

Used by the office before sending a file and by the level above on receiving one. Nothing
is written anywhere; the answer is the summary or the exact reason (wrong passphrase,
damaged at block N, incomplete, made by a newer program).
"""

from pathlib import Path

from PySide6.QtWidgets import QWidget

from pcmt_desktop.backup import Manifest, describe
from pcmt_desktop.gui.background import Report
from pcmt_desktop.gui.backup.read_dialog import CHECKING, ReadBackupDialog, read_through

TITLE = "Kiểm tra tệp sao lưu"
INTRO = (
    "Giải mã và kiểm tra toàn bộ một tệp sao lưu: cho biết bên trong có gì, hoặc chính xác "
    "vì sao không dùng được. Việc kiểm tra không thay đổi dữ liệu nào."
)


class VerifyBackupDialog(ReadBackupDialog):
    def __init__(self, parent: QWidget | None = None, *, path: Path | None = None) -> None:
        super().__init__(parent, TITLE, INTRO, path)
        self.manifest: Manifest | None = None
        self.summary.setPlaceholderText(
            "Khi kiểm tra xong, nội dung tệp (đơn vị, thời điểm, số bản ghi) hiện ở đây."
        )
        [self.start_button] = self.add_buttons(("&Kiểm tra", self.start))
        self.start_button.setDefault(True)
        self.lay_out(self.form, self.summary, (680, 460))
        self.update_buttons()

    def update_buttons(self) -> None:
        self.start_button.setEnabled(not self.busy and self.ready())

    def start(self) -> bool:
        chosen = self.chosen()
        if chosen is None:
            return False
        path, passphrase = chosen
        self.manifest = None

        def work(report: Report) -> tuple[Manifest, int]:
            return read_through(path, passphrase, report), path.stat().st_size

        def succeeded(value: tuple[Manifest, int]) -> None:
            manifest, size = value
            self.manifest = manifest
            self.passphrase.clear()
            headline = f"Tệp sao lưu {path} nguyên vẹn, đọc được đầy đủ."
            self.show_summary(headline, describe(manifest, size))

        self.run_job(CHECKING, work, succeeded)
        return True
