"""Tệp → Sao lưu ra tệp…: the encrypted file an office sends upward or keeps.

The file is written (``create_backup``) and then read back in full (``verify_backup``), as
the command line does: a bad USB stick shows up now, not at the level above.
"""

import contextlib
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QWidget
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.backup import (
    KdfParams,
    Manifest,
    create_backup,
    describe,
    verify_backup,
)
from pcmt_desktop.gui.background import Report
from pcmt_desktop.gui.backup.fields import NewPassphrase, PathField
from pcmt_desktop.gui.backup.job_dialog import JobDialog
from pcmt_desktop.gui.backup.names import default_backup_name, documents_folder, with_backup_suffix
from pcmt_desktop.gui.messages import confirm
from pcmt_desktop.services import audit
from pcmt_desktop.services.registry import Services

TITLE = "Sao lưu ra tệp"
WRITING = "Đang mã hóa và ghi tệp sao lưu"
CHECKING = "Đang kiểm tra lại tệp vừa ghi"
INTRO = (
    "Tạo một tệp sao lưu mã hóa chứa toàn bộ dữ liệu của đơn vị, để gửi lên cấp trên hoặc "
    "cất giữ. Không có mật khẩu thì không ai mở được tệp: hãy gửi mật khẩu theo đường khác "
    "với tệp (không ghi mật khẩu vào tệp, vào thư hay lên ổ USB)."
)
REMINDER = (
    "Hãy giữ mật khẩu ở nơi an toàn và gửi nó theo đường khác với tệp: "
    "không có mật khẩu thì không ai mở được tệp."
)


def record_backup(services: Services, out: Path) -> None:
    """The backup in the audit trail (the file already holds the trail up to it)."""
    with contextlib.suppress(SQLAlchemyError):  # the file is written and checked: keep it
        audit.record_event(
            services.context,
            audit.Action.BACKUP,
            f"Sao lưu ra tệp {out.name}",
            details={"file": str(out)},
        )


class CreateBackupDialog(JobDialog):
    """Choose the file, type the passphrase twice, write with progress, show the summary.

    ``kdf`` is for tests (KdfParams.fast_for_tests()); officers always get the default
    cost. ``folder`` is where the proposed file name lies (the user's Documents).
    """

    def __init__(
        self,
        services: Services,
        database_path: Path,
        parent: QWidget | None = None,
        *,
        kdf: KdfParams | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent, TITLE, INTRO)
        self._services = services
        self._database_path = database_path
        self._kdf = kdf
        self.manifest: Manifest | None = None
        self.written: Path | None = None
        self.target = PathField(
            self, title=TITLE, saving=True, button_text="&Chọn nơi lưu…", adjust=with_backup_suffix
        )
        office = services.office.office()
        name = default_backup_name(office, services.context.today())
        self.target.set_path((folder or documents_folder()) / name)
        self.passphrase = NewPassphrase(self)
        self.passphrase.changed.connect(self._update_button)
        self.target.changed.connect(self._update_button)

        form = QFormLayout()
        self.add_row(form, "&Lưu vào tệp:", self.target, self.target.edit)
        self.add_row(form, "&Mật khẩu:", self.passphrase.first)
        self.add_row(form, "Nhập lạ&i mật khẩu:", self.passphrase.second)
        form.addRow("", self.passphrase.message)
        self.summary.setPlaceholderText(
            "Khi sao lưu xong, nội dung tệp (đơn vị, thời điểm, số bản ghi) hiện ở đây."
        )
        [self.start_button] = self.add_buttons(("&Sao lưu", self.start))
        self.lay_out(form, self.summary, (680, 460))
        self._update_button()

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.target.setEnabled(enabled)
        self.passphrase.set_enabled(enabled)
        self.close_button.setEnabled(enabled)
        self._update_button()

    def _update_button(self) -> None:
        ready = not self.busy and self.target.path() is not None
        self.start_button.setEnabled(ready and self.passphrase.passphrase() is not None)

    def start(self, *, ask: bool = True) -> bool:
        """Begin writing; False when nothing was started (a field to fix, or declined)."""
        out = self.target.path()
        passphrase = self.passphrase.passphrase()
        if self.busy or out is None or passphrase is None:
            return False
        if out.exists() and ask:
            question = f"Tệp {out} đã có. Ghi đè bằng bản sao lưu mới?"
            if not confirm(self, TITLE, question):
                return False
        database, kdf = self._database_path, self._kdf

        def work(report: Report) -> tuple[Manifest, int]:
            manifest = create_backup(
                database,
                out,
                passphrase,
                progress=lambda done, total: report(WRITING, done, total),
                kdf=kdf,
            )
            # Read back as the receiver will, with the same passphrase.
            verify_backup(
                out, passphrase, progress=lambda done, total: report(CHECKING, done, total)
            )
            return manifest, out.stat().st_size

        def succeeded(value: tuple[Manifest, int]) -> None:
            manifest, size = value
            self.manifest, self.written = manifest, out
            record_backup(self._services, out)
            self.passphrase.clear()
            headline = f"Đã tạo tệp sao lưu {out} và đã kiểm tra lại: đọc được đầy đủ."
            self.show_summary(headline, [*describe(manifest, size), "", REMINDER])

        self.run_job(WRITING, work, succeeded)
        return True
