"""What the verify and restore dialogs share: an existing backup file and the passphrase
that opens it, then the file read through in full.

The passphrase is typed once (it was chosen when the file was made); a wrong one is told
by the reading itself, as "Sai mật khẩu".
"""

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QWidget

from pcmt_desktop.backup import Manifest, verify_backup
from pcmt_desktop.gui.background import Report
from pcmt_desktop.gui.backup.fields import PathField, passphrase_edit
from pcmt_desktop.gui.backup.job_dialog import JobDialog

CHECKING = "Đang giải mã và kiểm tra tệp sao lưu"


class ReadBackupDialog(JobDialog):
    """Base of the verify and restore dialogs: ``file``, ``passphrase`` and their ``form``."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, path: Path | None) -> None:
        super().__init__(parent, title, intro)
        self.file = PathField(self, title=title, saving=False, button_text="&Chọn tệp…")
        if path is not None:
            self.file.set_path(path)
        self.passphrase = passphrase_edit(self)
        self.file.changed.connect(self.fields_changed)
        self.passphrase.textChanged.connect(self.fields_changed)
        self.form = QFormLayout()
        self.add_row(self.form, "&Tệp sao lưu:", self.file, self.file.edit)
        self.add_row(self.form, "&Mật khẩu:", self.passphrase)

    # --- for subclasses -------------------------------------------------------------------
    def update_buttons(self) -> None:
        """Enable the buttons that the fields and the state allow now."""

    def fields_changed(self) -> None:
        """Another file or passphrase was given."""
        self.update_buttons()

    def ready(self) -> bool:
        """Whether a file and a passphrase are given (not whether they are right)."""
        return self.file.path() is not None and bool(self.passphrase.text())

    def chosen(self) -> tuple[Path, str] | None:
        """The file and passphrase to read; None while a job runs or one is missing."""
        path = self.file.path()
        passphrase = self.passphrase.text()
        if self.busy or path is None or not passphrase:
            return None
        return path, passphrase

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.file.setEnabled(enabled)
        self.passphrase.setEnabled(enabled)
        self.close_button.setEnabled(enabled)
        self.update_buttons()


def read_through(path: Path, passphrase: str, report: Report) -> Manifest:
    """Decrypt and check the whole file (``verify_backup``), reporting as CHECKING."""
    return verify_backup(
        path, passphrase, progress=lambda done, total: report(CHECKING, done, total)
    )
