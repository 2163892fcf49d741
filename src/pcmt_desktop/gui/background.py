"""Work off the GUI thread (backups, the overview), so the window keeps painting.

A backup of a few hundred MB takes seconds; on the GUI thread it would freeze the window
("Không phản hồi"). ``start_task`` runs one function in a QThread; its progress and its
outcome come back on the GUI thread (Qt queues signals emitted from the worker thread to
receivers of the GUI thread). ``run_blocking`` is for the callers that must have the
result before they go on (the backup before an import or a merge): a nested event loop
keeps the window painting meanwhile, behind a window-modal progress dialog.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

Report = Callable[[str, int, int], None]  # what is being done, done, total
Work = Callable[[Report], Any]

PERMILLE = 1000


def permille(done: int, total: int) -> int:
    """Progress in thousandths: byte counts may overflow a progress bar's 32-bit int."""
    if total <= 0:
        return 0
    return max(0, min(PERMILLE, done * PERMILLE // total))


@dataclass(frozen=True)
class Outcome:
    """What the function returned, or what it raised."""

    value: Any
    error: Exception | None

    def result(self) -> Any:
        """The function's value; re-raises its exception here, on the caller's thread."""
        if self.error is not None:
            raise self.error
        return self.value


class BackgroundTask(QThread):
    """One function run once in a worker thread; ``outcome`` is read after ``finished``."""

    progressed = Signal(str, int)  # what is being done, permille

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self._value: Any = None
        self._error: Exception | None = None

    def run(self) -> None:
        try:
            self._value = self._work(self._report)
        # Whatever fails in the worker is handed to the GUI thread, which shows it: an
        # exception escaping run() would only be printed and the caller never told.
        except Exception as error:
            self._error = error

    def _report(self, what: str, done: int, total: int) -> None:
        self.progressed.emit(what, permille(done, total))

    @property
    def outcome(self) -> Outcome:
        return Outcome(self._value, self._error)


# Running tasks are kept here, not by their owner: a window closed or a dialog deleted
# while a task runs must not destroy a running QThread (Qt aborts the program then).
_RUNNING: set[BackgroundTask] = set()


def start_task(
    work: Work,
    *,
    owner: QObject,
    on_progress: Callable[[str, int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> BackgroundTask:
    """Run ``work`` in a worker thread; the callbacks run on the GUI thread while
    ``owner`` still exists (a deleted dialog is not called back)."""
    task = BackgroundTask(work)
    _RUNNING.add(task)
    if on_progress is not None:
        progress = on_progress

        def forward(what: str, done: int) -> None:
            if isValid(owner):
                progress(what, done)

        task.progressed.connect(forward)

    def finish() -> None:
        outcome = task.outcome
        _RUNNING.discard(task)
        task.deleteLater()
        if on_done is not None and isValid(owner):
            on_done(outcome)

    task.finished.connect(finish)
    task.start()
    return task


def is_running() -> bool:
    return any(task.isRunning() for task in _RUNNING)


def wait_for_background_work() -> None:
    """Before the program exits: let a backup that is being written finish its file."""
    for task in list(_RUNNING):
        task.wait()


def run_blocking(parent: QWidget, title: str, work: Work) -> Any:
    """Run ``work`` in a worker thread behind a progress dialog and return its value.

    The window keeps painting (a nested event loop runs) but takes no input: the progress
    dialog is window-modal and shown at once. Raises what ``work`` raised.
    """
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setCancelButton(None)  # a backup half written is worth nothing: no cancel
    dialog.setRange(0, PERMILLE)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    dialog.show()
    loop = QEventLoop()
    outcomes: list[Outcome] = []

    def show_progress(what: str, done: int) -> None:
        dialog.setLabelText(what)
        dialog.setValue(done)

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        loop.quit()

    start_task(work, owner=dialog, on_progress=show_progress, on_done=done)
    if not outcomes:  # finished already when a nested loop elsewhere ran meanwhile
        loop.exec()
    dialog.reset()
    dialog.deleteLater()
    return outcomes[0].result()
