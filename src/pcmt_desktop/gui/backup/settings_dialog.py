"""Tệp → Cài đặt sao lưu tự động…: where the automatic backups go, whether they run,
the ones that exist, "Sao lưu ngay", and the recovery key to write down.

Every change is saved at once (``save_settings``), so the list, "Sao lưu ngay" and the
next automatic backup always use what the dialog shows. The recovery key is shown only
on demand and never written anywhere else.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.autobackup import (
    AutoBackup,
    AutoBackupError,
    AutoBackupResult,
    AutoBackupSettings,
    BackupEntry,
    BackupReason,
    recovery_key,
    save_settings,
)
from pcmt_desktop.backup import format_size
from pcmt_desktop.gui.background import Report
from pcmt_desktop.gui.backup.automatic import AutoBackupController, run_backup
from pcmt_desktop.gui.backup.fields import PROBLEM_STYLE
from pcmt_desktop.gui.backup.job_dialog import JobDialog

TITLE = "Cài đặt sao lưu tự động"
INTRO = (
    "Chương trình tự sao lưu dữ liệu khi đóng (nếu đã có thay đổi), mỗi ngày một lần khi đang "
    "mở, và trước khi nhập dữ liệu, gộp đối tượng hay khôi phục. Các bản sao lưu được mã hóa "
    "bằng khóa khôi phục và được giữ theo lịch: mọi bản của hôm nay và hôm qua, rồi mỗi ngày "
    "một bản trong 30 ngày, mỗi tuần một bản trong 12 tuần, mỗi tháng một bản trong một năm. "
    "Thay đổi ở đây được lưu ngay."
)
KEY_WARNING = (
    "Hãy chép khóa này ra giấy và cất ở nơi an toàn. Các bản sao lưu tự động chỉ mở được "
    "bằng khóa này: nếu máy này hỏng, không có khóa thì không khôi phục được các bản sao lưu "
    "tự động trên máy khác."
)
HISTORY_HEADERS = ("Thời điểm", "Lý do", "Dung lượng")


class AutoBackupSettingsDialog(JobDialog):
    """``backups`` (the window's controller) is told of a backup made here, if given."""

    def __init__(
        self,
        auto: AutoBackup,
        parent: QWidget | None = None,
        *,
        backups: AutoBackupController | None = None,
    ) -> None:
        super().__init__(parent, TITLE)
        self._auto = auto
        self._backups = backups
        self.made: AutoBackupResult | None = None
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(PROBLEM_STYLE)

        self.folder = QLineEdit(self)
        self.folder.setReadOnly(True)
        self.choose_button = QPushButton("&Chọn thư mục…", self)
        self.choose_button.clicked.connect(lambda _checked=False: self._ask_folder())
        self.default_button = QPushButton("Dùng thư mục &mặc định", self)
        self.default_button.clicked.connect(lambda _checked=False: self.choose_folder(None))
        self.enabled_box = QCheckBox(
            "&Bật sao lưu tự động khi đóng chương trình và hằng ngày "
            "(trước khi nhập, gộp, khôi phục luôn sao lưu)",
            self,
        )
        self.enabled_box.toggled.connect(self.set_enabled)

        self.history = QTableWidget(0, len(HISTORY_HEADERS), self)
        self.history.setHorizontalHeaderLabels(list(HISTORY_HEADERS))
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.history_label = QLabel(self)
        self.now_button = QPushButton("Sao lưu n&gay", self)
        self.now_button.clicked.connect(lambda _checked=False: self.back_up_now())

        self.key_button = QPushButton("&Hiện khóa khôi phục", self)
        self.key_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.key_button.clicked.connect(lambda _checked=False: self.show_key())
        self.key = QLineEdit(self)
        self.key.setReadOnly(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.key.font()
        font.setFamily("monospace")
        font.setPointSize(font.pointSize() + 3)
        self.key.setFont(font)
        self.key.hide()
        self.key_warning = QLabel(KEY_WARNING, self)
        self.key_warning.setWordWrap(True)
        self.key_warning.hide()

        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton("Đó&ng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.summary.hide()  # the list of backups says what was made
        self._lay_out(intro, buttons)
        self.resize(760, 660)
        self.refresh()

    def _lay_out(self, intro: QLabel, buttons: QDialogButtonBox) -> None:
        folder_label = QLabel("&Thư mục lưu:", self)
        folder_label.setBuddy(self.folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)

        history_box = QGroupBox("Các bản sao lưu tự động", self)
        history_row = QHBoxLayout()
        history_row.addWidget(self.history_label, 1)
        history_row.addWidget(self.now_button)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history, 1)
        history_layout.addLayout(history_row)
        history_layout.addWidget(self.progress)

        key_box = QGroupBox("Khóa khôi phục", self)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_button)
        key_row.addWidget(self.key, 1)
        key_layout = QVBoxLayout(key_box)
        key_layout.addLayout(key_row)
        key_layout.addWidget(self.key_warning)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning)
        layout.addLayout(folder_row)
        layout.addWidget(self.enabled_box)
        layout.addWidget(history_box, 1)
        layout.addWidget(self.status)
        layout.addWidget(key_box)
        layout.addWidget(buttons)

    # --- showing --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the settings and the folder afresh."""
        loaded = self._auto.settings()
        self.warning.setText(loaded.warning or "")
        self.warning.setVisible(loaded.warning is not None)
        settings = loaded.settings
        folder = settings.folder_for(self._auto.database_path)
        suffix = " (mặc định, cạnh tệp dữ liệu)" if settings.uses_default_folder else ""
        self.folder.setText(f"{folder}{suffix}")
        self.default_button.setEnabled(not settings.uses_default_folder)
        self.enabled_box.blockSignals(True)
        self.enabled_box.setChecked(settings.enabled)
        self.enabled_box.blockSignals(False)
        try:
            entries = self._auto.history()
        except AutoBackupError as error:
            entries = []
            self.history_label.setText(str(error))
        else:
            self.history_label.setText(_history_text(entries, folder))
        self._show_history(entries)

    def _show_history(self, entries: list[BackupEntry]) -> None:
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            size = QTableWidgetItem(format_size(entry.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells = (
                QTableWidgetItem(f"{entry.created_at:%d/%m/%Y %H:%M:%S}"),
                QTableWidgetItem(entry.reason.label),
                size,
            )
            for column, item in enumerate(cells):
                item.setToolTip(str(entry.file))
                self.history.setItem(row, column, item)

    # --- changing -------------------------------------------------------------------------
    def _settings(self) -> AutoBackupSettings:
        return self._auto.settings().settings

    def _save(self, settings: AutoBackupSettings) -> None:
        try:
            save_settings(self._auto.database_path, settings)
        except OSError as error:
            self.show_failure(error)
        self.refresh()

    def _ask_folder(self) -> None:
        start = str(self._auto.folder())
        chosen = QFileDialog.getExistingDirectory(self, "Chọn thư mục sao lưu tự động", start)
        if chosen:
            self.choose_folder(Path(chosen))

    def choose_folder(self, folder: Path | None) -> None:
        """``None``: back to the default folder beside the database."""
        current = self._settings()
        self._save(AutoBackupSettings(folder=folder, enabled=current.enabled))

    def set_enabled(self, enabled: bool) -> None:
        current = self._settings()
        self._save(AutoBackupSettings(folder=current.folder, enabled=enabled))

    def back_up_now(self) -> bool:
        if self.busy or (self._backups is not None and self._backups.busy):
            return False
        auto = self._auto

        def work(report: Report) -> AutoBackupResult:
            # No reason of its own in the file names: a backup asked for now counts as
            # the day's (it also makes the next daily one not due).
            return run_backup(auto, BackupReason.DAILY, report)

        def succeeded(result: AutoBackupResult) -> None:
            self.made = result
            self.refresh()
            lines = [f"Đã sao lưu và kiểm tra lại: {result.entry.file}", *result.notices]
            self.show_summary(lines[0], [])
            if len(lines) > 1:
                self.status.setText(self.status.text() + "<br>" + "<br>".join(lines[1:]))
            if result.new_key:
                self.show_key()

        self.run_job("Đang sao lưu", work, succeeded)
        return True

    def show_key(self) -> None:
        try:
            key = recovery_key(self._auto.database_path)
        except AutoBackupError as error:
            self.show_failure(error)
            return
        self.key.setText(key)
        self.key.show()
        self.key_warning.show()

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (
            self.choose_button,
            self.default_button,
            self.enabled_box,
            self.now_button,
            self.close_button,
        ):
            widget.setEnabled(enabled)
        if enabled:
            self.default_button.setEnabled(not self._settings().uses_default_folder)


def _history_text(entries: list[BackupEntry], folder: Path) -> str:
    if not entries:
        if not folder.is_dir():
            return f"Chưa có bản sao lưu tự động nào (thư mục {folder} chưa có hoặc chưa cắm ổ)."
        return "Chưa có bản sao lưu tự động nào."
    total = sum(entry.size for entry in entries)
    return f"{len(entries)} bản, tổng dung lượng {format_size(total)}."
