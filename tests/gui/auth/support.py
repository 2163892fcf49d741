"""Driving the account dialogs in tests: answering modal dialogs, an idle clock by hand."""

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

WidgetT = TypeVar("WidgetT", bound=QWidget)

# Polls every few milliseconds for the dialog; gives up after this many (the test then
# fails on what the dialog did not do, instead of hanging).
MAX_POLLS = 1000
POLL_MS = 5


class IdleClock:
    """``time.monotonic`` for the idle watcher, moved only by the test."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


def when_shown(kind: type[WidgetT], act: Callable[[WidgetT], object]) -> list[WidgetT]:
    """Once a modal ``kind`` is up (shown by ``exec`` in the code under test), ``act`` on it.

    Returns the list the dialog is put in when found, for the test to look at afterwards.
    """
    found: list[WidgetT] = []

    def poll(remaining: int) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible() and widget not in found:
            found.append(widget)
            act(widget)
        elif remaining:
            QTimer.singleShot(POLL_MS, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(MAX_POLLS))
    return found


def answer(button: QMessageBox.StandardButton) -> list[str]:
    """Answer the next message box with ``button``; its text is put in the list returned."""
    texts: list[str] = []

    def click(box: QMessageBox) -> None:
        texts.append(box.text())
        box.button(button).click()

    when_shown(QMessageBox, click)
    return texts
