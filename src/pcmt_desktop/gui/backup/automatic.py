"""The window's automatic backups: on closing after changes, daily, before an import,
a merge or a restore.

- Something written this session (any change on the services' bus) makes a backup due
  when the window closes. The close waits for it, a small progress in the status bar;
  if it fails the officer chooses "Đóng vẫn" or "Hủy".
- An hourly check takes the daily one (``AutoBackup.due``), in a worker thread.
- Before an import or a merge the backup is taken while the caller waits (its progress
  over the dialog); if it cannot be made, ``AutoBackupError`` refuses the import or merge.

The unattended backups obey the "enabled" setting; the ones before an import, a merge or
a restore are always taken (``AutoBackup`` decides both).
"""

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from pcmt_desktop.autobackup import (
    AutoBackup,
    AutoBackupError,
    AutoBackupResult,
    BackupReason,
    Stage,
)
from pcmt_desktop.gui.background import Outcome, Report, run_blocking, start_task
from pcmt_desktop.gui.backup.failures import failure_text
from pcmt_desktop.gui.backup.progress_line import ProgressLine
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.services.changes import Changes

HOUR_MS = 60 * 60 * 1000
# The first daily check comes soon after the start, once the window has settled.
FIRST_CHECK_MS = 2 * 60 * 1000
STATUS_MS = 8000
TITLE = "Sao lưu tự động"
CLOSE_ANYWAY = "Đóng &vẫn"
CANCEL_CLOSE = "&Hủy"
NEW_KEY = (
    "Đã tạo khóa khôi phục cho các bản sao lưu tự động. Hãy mở Tệp → Cài đặt sao lưu tự "
    "động… → Hiện khóa khôi phục và chép khóa ra giấy: không có khóa thì các bản sao lưu "
    "tự động không mở được trên máy khác."
)


def run_backup(auto: AutoBackup, reason: BackupReason, report: Report) -> AutoBackupResult:
    """``AutoBackup.run`` with its stages told as progress; any failure is AutoBackupError."""
    try:
        return auto.run(
            reason, progress=lambda stage, done, total: report(_stage_text(stage), done, total)
        )
    except AutoBackupError:
        raise
    # An unforeseen failure must still refuse the import or merge it protects, with words.
    except Exception as error:
        raise AutoBackupError(f"Chưa sao lưu tự động được: {failure_text(error)}") from error


def _stage_text(stage: Stage) -> str:
    return f"{TITLE}: {str(stage.value).lower()}…"


def take_backup_before(auto: AutoBackup, reason: BackupReason, parent: QWidget) -> AutoBackupResult:
    """The backup an import, a merge or a restore needs first, waited for with progress.

    Raises:
        AutoBackupError: not made; the caller refuses to go on and shows the message.
    """
    result: AutoBackupResult = run_blocking(
        parent, f"{TITLE} — {reason.label.lower()}", lambda report: run_backup(auto, reason, report)
    )
    return result


def result_text(result: AutoBackupResult) -> str:
    text = f"Đã sao lưu tự động ({result.entry.reason.label.lower()}): {result.entry.file.name}."
    return " ".join([text, *result.notices])


class AutoBackupController(QObject):
    """Attached to the main window; the window asks ``ready_to_close`` in its closeEvent."""

    finished = Signal(bool)  # an unattended backup ended: True when it was made

    def __init__(
        self,
        auto: AutoBackup,
        signals: ChangeSignals,
        window: QMainWindow,
        *,
        check_interval_ms: int = HOUR_MS,
        first_check_ms: int = FIRST_CHECK_MS,
    ) -> None:
        super().__init__(window)
        self.auto = auto
        self._window = window
        self.changed = False  # written since the window opened, or since the last backup began
        self.busy = False
        self.last_result: AutoBackupResult | None = None
        self.last_error: str | None = None
        self.close_question: QMessageBox | None = None
        self._close_pending = False
        self._may_close = False
        self._shown_error: str | None = None
        self._paused = False
        signals.changed.connect(self._on_changed)
        self.progress = ProgressLine(window, compact=True)
        window.statusBar().insertPermanentWidget(0, self.progress)
        self.timer = QTimer(self)
        self.timer.setInterval(check_interval_ms)
        self.timer.timeout.connect(self.check_daily)
        self.timer.start()
        self._first_check = QTimer(self)
        self._first_check.setSingleShot(True)
        self._first_check.timeout.connect(self.check_daily)
        self._first_check.start(first_check_ms)

    # --- the backups an operation waits for -----------------------------------------------
    def before_import(self, parent: QWidget) -> None:
        self._before(BackupReason.BEFORE_IMPORT, parent)

    def before_merge(self, parent: QWidget) -> None:
        self._before(BackupReason.BEFORE_MERGE, parent)

    def before_restore(self, parent: QWidget) -> AutoBackupResult:
        return self._before(BackupReason.BEFORE_RESTORE, parent)

    def _before(self, reason: BackupReason, parent: QWidget) -> AutoBackupResult:
        result = take_backup_before(self.auto, reason, parent)
        self.last_result = result
        self._tell(result_text(result))
        if result.new_key:
            self._inform(NEW_KEY, QMessageBox.Icon.Information)
        return result

    # --- unattended backups ---------------------------------------------------------------
    def check_daily(self) -> bool:
        """Start the daily backup when it is due; True if one was started."""
        if self.busy or self._may_close or self._paused:
            return False
        try:
            due = self.auto.due(changed=False)
        except AutoBackupError:
            due = True  # the folder cannot be read: the attempt will say so
        return due and self.start(BackupReason.DAILY)

    def start(self, reason: BackupReason) -> bool:
        """Begin an unattended backup in a worker thread; False if one is running."""
        if self.busy:
            return False
        self.busy = True
        changed_before, self.changed = self.changed, False
        self.progress.start(_stage_text(Stage.WRITING))
        auto = self.auto

        def finish(outcome: Outcome) -> None:
            self.busy = False
            self.progress.stop()
            if outcome.error is None:
                self.last_result = outcome.value
                self.last_error = None
                self._tell(result_text(outcome.value))
                if outcome.value.new_key:
                    self._inform(NEW_KEY, QMessageBox.Icon.Information)
            else:
                self.changed = self.changed or changed_before  # still to be saved
                self.last_error = failure_text(outcome.error)
            self.finished.emit(outcome.error is None)
            if self._close_pending:
                self._after_closing_backup()
            elif self.last_error is not None and outcome.error is not None:
                self._warn_once(self.last_error)

        start_task(
            lambda report: run_backup(auto, reason, report),
            owner=self,
            on_progress=self.progress.advance,
            on_done=finish,
        )
        return True

    # --- closing --------------------------------------------------------------------------
    def ready_to_close(self) -> bool:
        """False while a backup must first be made (the window closes itself after it)."""
        if self._may_close:
            return True
        if self.busy:
            self._close_pending = True
            return False
        if not self.changed or not self._due_on_closing():
            self._may_close = True
            return True
        self._close_pending = True
        self._set_window_enabled(False)
        self.last_error = None
        self.start(BackupReason.CLOSING)
        return False

    def _due_on_closing(self) -> bool:
        try:
            return self.auto.due(changed=True)
        except AutoBackupError:
            return True

    def _after_closing_backup(self) -> None:
        if self.last_error is None:
            self._window.close()  # asks ready_to_close again: a write meanwhile is saved too
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            TITLE,
            "Chưa sao lưu tự động được khi đóng chương trình.\n\n"
            f"{self.last_error}\n\nĐóng chương trình mà không sao lưu?",
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        close_anyway = box.addButton(CLOSE_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(CANCEL_CLOSE, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            self.close_question = None
            if box.clickedButton() is close_anyway:
                self._may_close = True
                self._window.close()
            else:
                self._close_pending = False
                self._set_window_enabled(True)
            box.deleteLater()

        box.finished.connect(lambda _result: answered())
        self.close_question = box
        box.open()  # not exec(): the window keeps running while the officer decides

    def pause(self) -> None:
        """The database is closed for a restore: no unattended backup meanwhile."""
        self._paused = True
        self.timer.stop()
        self._first_check.stop()

    def resume(self) -> None:
        """The restore failed and the same database is open again."""
        self._paused = False
        self.timer.start()

    def retire(self) -> None:
        """The window is being replaced (after a restore): no more backups from it."""
        self.pause()
        self._may_close = True

    # --- telling --------------------------------------------------------------------------
    def _on_changed(self, _changes: Changes) -> None:
        self.changed = True

    def _set_window_enabled(self, enabled: bool) -> None:
        central = self._window.centralWidget()
        if central is not None:
            central.setEnabled(enabled)
        self._window.menuBar().setEnabled(enabled)

    def _tell(self, text: str) -> None:
        self._window.statusBar().showMessage(text, STATUS_MS)

    def _warn_once(self, text: str) -> None:
        """An hourly failure is said once per kind, then only in the status bar."""
        self._tell(text)
        if text != self._shown_error:
            self._shown_error = text
            self._inform(text, QMessageBox.Icon.Warning)

    def _inform(self, text: str, icon: QMessageBox.Icon) -> None:
        box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, self._window)
        box.finished.connect(lambda _result: box.deleteLater())
        box.open()
