"""Noticing that nobody has used the program for a while, so that the window locks.

Every key press, click, wheel turn or mouse move anywhere in the program (any window,
any dialog) counts as use; ``idle`` is emitted once when none came for ``limit``. A
timer looks every few seconds; ``check`` is public and the clock is injected, so a test
decides when time has passed instead of waiting for it.
"""

import time
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.HoverMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
# A lock at most this late after the limit: cheap, and nobody notices a few seconds.
LONGEST_CHECK_MS = 5000
SHORTEST_CHECK_MS = 50


class IdleWatcher(QObject):
    """Watches the whole application's input; ``idle`` once after ``limit`` without any.

    After ``idle`` it waits (``paused``) until ``resume``: the lock screen's own typing
    must not count, and a second lock over the first would make no sense.
    """

    idle = Signal()

    def __init__(
        self,
        limit: timedelta,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._limit = limit.total_seconds()
        self._last_input = clock()
        self.paused = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self._set_interval()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def limit(self) -> timedelta:
        return timedelta(seconds=self._limit)

    def set_limit(self, limit: timedelta) -> None:
        self._limit = limit.total_seconds()
        self._set_interval()

    def _set_interval(self) -> None:
        tenth = int(self._limit * 100)  # a tenth of the limit, in milliseconds
        self.timer.setInterval(max(SHORTEST_CHECK_MS, min(LONGEST_CHECK_MS, tenth)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY:
            self._last_input = self._clock()
        return False

    def idle_for(self) -> float:
        """Seconds since the last input."""
        return self._clock() - self._last_input

    def check(self) -> None:
        if not self.paused and self.idle_for() >= self._limit:
            self.paused = True
            self.idle.emit()

    def resume(self) -> None:
        """Count from now again (after the lock was lifted)."""
        self._last_input = self._clock()
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
