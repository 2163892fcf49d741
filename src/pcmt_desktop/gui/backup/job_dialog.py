"""What the backup dialogs share: run one job in a worker, show its progress, then either
a summary or the exact reason it failed.

While a job runs the inputs are disabled and the dialog cannot be closed: a backup file
half written or a restore half done is not something to walk away from.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QWidget

from pcmt_desktop.gui.backup.failures import failure_text, failure_title
from pcmt_desktop.gui.backup.fields import GOOD_STYLE, PROBLEM_STYLE
from pcmt_desktop.gui.backup.progress_line import ProgressLine
from pcmt_desktop.gui.backup.worker import Outcome, Work, start_task


class JobDialog(QDialog):
    """Base of the create, verify and restore dialogs."""

    job_finished = Signal(bool)  # a job ended: True when it succeeded

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.busy = False
        self.last_error: Exception | None = None
        self.progress = ProgressLine(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Always in view where a dialog shows it: its placeholder says what will come.
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)

    # --- for subclasses -------------------------------------------------------------------
    def set_inputs_enabled(self, enabled: bool) -> None:
        """Enable or disable what the officer may change; subclasses list their fields."""

    def run_job(
        self,
        what: str,
        work: Work,
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        self.busy = True
        self.last_error = None
        self.set_inputs_enabled(False)
        self.status.clear()
        self.summary.clear()
        self.progress.start(what)

        def finish(outcome: Outcome) -> None:
            self.busy = False
            self.progress.stop()
            self.set_inputs_enabled(True)
            if outcome.error is not None:
                self.show_failure(outcome.error)
                if on_failure is not None:
                    on_failure(outcome.error)
                self.job_finished.emit(False)
                return
            on_success(outcome.value)
            self.job_finished.emit(True)

        start_task(work, owner=self, on_progress=self.progress.advance, on_done=finish)

    def show_failure(self, error: Exception) -> None:
        self.last_error = error
        self.status.setStyleSheet(PROBLEM_STYLE)
        self.status.setText(f"<b>{failure_title(error)}.</b><br>{_html(failure_text(error))}")

    def show_summary(self, headline: str, lines: list[str]) -> None:
        self.status.setStyleSheet(GOOD_STYLE)
        self.status.setText(f"<b>{_html(headline)}</b>")
        self.summary.setPlainText("\n".join(lines))

    # --- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.busy:
            event.ignore()
        else:
            super().closeEvent(event)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
