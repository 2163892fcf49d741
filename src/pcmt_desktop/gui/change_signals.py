"""The change bus as a Qt signal, so open tabs refresh what a committed write touched."""

from PySide6.QtCore import QObject, Signal

from pcmt_desktop.services.changes import ChangeBus, Changes


class ChangeSignals(QObject):
    """Re-emits every ``Changes`` published on the bus as ``changed``."""

    changed = Signal(object)  # Changes

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        bus.subscribe(self._forward)

    def _forward(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self._bus.unsubscribe(self._forward)
