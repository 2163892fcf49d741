"""One piece of the level above's work run off the GUI thread, its outcome handed back.

Decrypting a district's backup or computing a dozen offices' figures takes seconds; on
the GUI thread the window would stop painting. ``start`` runs a function in a QThread;
its progress and its outcome reach the callbacks on the GUI thread (signals emitted in
the worker thread are queued to the GUI thread's receivers).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from shiboken6 import isValid

Progress = Callable[[int, int], None]  # done, total
Work = Callable[[Progress], Any]
PERMILLE = 1000


def permille(done: int, total: int) -> int:
    """Thousandths: a file's byte counts would overflow a progress bar's 32-bit int."""
    if total <= 0:
        return 0
    return max(0, min(PERMILLE, done * PERMILLE // total))


@dataclass(frozen=True)
class Outcome:
    """What the function returned, or what it raised."""

    value: Any
    error: Exception | None


class Task(QThread):
    progressed = Signal(int)  # permille

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self.outcome = Outcome(None, None)

    def run(self) -> None:
        try:
            self.outcome = Outcome(self._work(self._report), None)
        # Whatever fails is handed to the GUI thread, which says it: an exception escaping
        # run() would only be printed, and the window would wait for ever.
        except Exception as error:
            self.outcome = Outcome(None, error)

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(permille(done, total))


# Running tasks are held here, not by the window: a window closed while a task runs must
# not destroy a running QThread (Qt aborts the program then).
_RUNNING: set[Task] = set()


def start(
    work: Work,
    *,
    owner: QObject,
    on_progress: Callable[[int], None],
    on_done: Callable[[Outcome], None],
) -> Task:
    """Run ``work`` in a worker thread; the callbacks run while ``owner`` still exists."""
    task = Task(work)
    _RUNNING.add(task)

    def forward(value: int) -> None:
        if isValid(owner):
            on_progress(value)

    def finish() -> None:
        _RUNNING.discard(task)
        task.deleteLater()
        if isValid(owner):
            on_done(task.outcome)

    task.progressed.connect(forward)
    task.finished.connect(finish)
    task.start()
    return task
