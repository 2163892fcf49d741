"""A progress bar with what is being done beside it, shown only while work runs."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from pcmt_desktop.gui.background import PERMILLE


class ProgressLine(QWidget):
    def __init__(self, parent: QWidget, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, PERMILLE)
        self.bar.setTextVisible(not compact)
        if compact:  # in the status bar: a small bar beside its words
            self.bar.setMaximumWidth(140)
            self.bar.setMaximumHeight(14)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0 if compact else 1)
        self.hide()

    def start(self, what: str) -> None:
        self.label.setText(what)
        self.bar.setValue(0)
        self.show()

    def advance(self, what: str, done: int) -> None:
        self.label.setText(what)
        self.bar.setValue(done)

    def stop(self) -> None:
        self.hide()
