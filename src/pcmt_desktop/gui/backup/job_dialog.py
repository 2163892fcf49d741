"""What the backup dialogs share: run one job in a worker, show its progress, then either
a summary or the exact reason it failed; and the one way they are laid out.

While a job runs the inputs are disabled and the dialog cannot be closed: a backup file
half written or a restore half done is not something to walk away from.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.gui.background import Outcome, Work, start_task
from pcmt_desktop.gui.backup.failures import failure_text, failure_title
from pcmt_desktop.gui.backup.fields import GOOD_STYLE, PROBLEM_STYLE
from pcmt_desktop.gui.backup.progress_line import ProgressLine


class JobDialog(QDialog):
    """Base of the backup dialogs (create; verify and restore through ReadBackupDialog)."""

    job_finished = Signal(bool)  # a job ended: True when it succeeded

    def __init__(self, parent: QWidget | None, title: str, intro: str | None = None) -> None:
        """``intro`` says what the dialog is for; ``lay_out`` puts it at the top."""
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
        self.intro: QLabel | None = None
        if intro is not None:
            self.intro = QLabel(intro, self)
            self.intro.setWordWrap(True)

    # --- building, for subclasses ---------------------------------------------------------
    def add_row(
        self, form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None
    ) -> None:
        """A row whose label's Alt+letter puts the cursor in ``buddy`` (else the field)."""
        label = QLabel(text, self)
        label.setBuddy(buddy or field)
        form.addRow(label, field)

    def add_buttons(self, *actions: tuple[str, Callable[[], object]]) -> list[QPushButton]:
        """One button for each (text, action), in that order, then "Đóng" (``close_button``).

        Made after the fields, so that Tab reaches the buttons last.
        """
        self.buttons = QDialogButtonBox(self)
        made = [self._action_button(text, action) for text, action in actions]
        self.close_button = self.buttons.addButton("Đó&ng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        return made

    def _action_button(self, text: str, action: Callable[[], object]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda _checked=False: action())
        return button

    def lay_out(self, form: QFormLayout, body: QWidget, size: tuple[int, int]) -> None:
        """Arrange the dialog, top to bottom, the same in each backup dialog.

        The intro, the fields, the job's progress and outcome, ``body`` (the summary or a
        table) taking the spare height, then the buttons.
        """
        layout = QVBoxLayout(self)
        if self.intro is not None:
            layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(body, 1)
        layout.addWidget(self.buttons)
        self.resize(*size)

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
