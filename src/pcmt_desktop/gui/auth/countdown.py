"""The wait after too many wrong passwords, counted down second by second on screen.

The service says how long (``LoginError.retry_after``); the dialog shows the seconds
left and keeps its button off until they are gone. ``tick`` is public so that a test
moves the count without waiting.
"""

import math
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from pcmt_desktop.auth.delays import wait_text

TICK_MS = 1000


class Countdown(QObject):
    """Seconds left of a wait; ``changed`` after every second, ``finished`` at zero."""

    changed = Signal(str)  # "Có thể thử lại sau 7 giây."
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds_left = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        return self.seconds_left > 0

    def start(self, wait: timedelta) -> None:
        self.seconds_left = max(1, math.ceil(wait.total_seconds()))
        self.timer.start()
        self.changed.emit(self.text())

    def tick(self) -> None:
        if self.seconds_left <= 0:
            return
        self.seconds_left -= 1
        if self.seconds_left:
            self.changed.emit(self.text())
            return
        self.timer.stop()
        self.changed.emit("")
        self.finished.emit()

    def stop(self) -> None:
        self.timer.stop()
        self.seconds_left = 0

    def text(self) -> str:
        return f"Có thể thử lại sau {wait_text(timedelta(seconds=self.seconds_left))}."
