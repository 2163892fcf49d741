"""The data's gaps as counts: each a button that opens the persons concerned.

A count of zero is shown too (with a tick), so that the officer sees the check was made
and passed rather than wondering whether it ran.
"""

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from pcmt_desktop.domain.number_text import format_whole
from pcmt_desktop.overview.quality import QualityCheck


class QualityPanel(QGroupBox):
    """``check_chosen`` with the check whose button was pressed."""

    check_chosen = Signal(object)  # QualityCheck

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Chất lượng dữ liệu", parent)
        # One under the other: two side by side would widen the window past 1280 pixels.
        self._column = QVBoxLayout(self)
        self._column.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        self._waiting = QLabel("Đang kiểm tra…")
        self._column.addWidget(self._waiting)

    def show_checks(self, checks: Sequence[QualityCheck]) -> None:
        while (child := self._column.takeAt(0)) is not None:
            widget = child.widget()
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        for check in checks:
            button = QPushButton(self._text(check))
            button.setObjectName(f"quality-{check.key}")
            button.setToolTip(check.hint if check.count else f"{check.label}: không có.")
            button.setStyleSheet(
                "QPushButton { text-align: left; padding: 4px 8px; }"
                + ("QPushButton { color: #8a1c00; }" if check.count else "")
            )
            button.setEnabled(check.count > 0)
            button.clicked.connect(
                lambda _checked=False, chosen=check: self.check_chosen.emit(chosen)
            )
            self._column.addWidget(button)
            self.buttons[check.key] = button

    @staticmethod
    def _text(check: QualityCheck) -> str:
        if not check.count:
            return f"✓  {check.label}: không có"
        return f"{format_whole(check.count)}  {check.label}"
