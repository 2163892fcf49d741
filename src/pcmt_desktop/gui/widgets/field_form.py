"""A form whose fields each have a red message line under them.

Services refuse input with ``FieldProblem(field, message)``; the form shows each message
right under the field it names, so the officer sees what is wrong and where, and keeps
everything typed. Problems that name no field of the form go to a line at the bottom.
"""

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from pcmt_desktop.domain.errors import FieldProblem

ERROR_STYLE = "color: #b00020;"
# Width to wrap a message to while its field has no on-screen width yet.
FALLBACK_WRAP_WIDTH = 380
REQUIRED_MARK = ' <span style="color:#b00020;">*</span>'


def wrap_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """Break ``text`` into lines no wider than ``width`` pixels, at spaces."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red, selectable message line (hidden until it has something to say).

    The caller wraps the text itself (``wrap_lines``): a word-wrapping QLabel asks the
    layout for height-for-width, which a dialog's top-level layout gets wrong (clipped
    or padded messages).
    """
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class FieldForm(QWidget):
    """Labelled fields in a ``QFormLayout``, each with a hidden error row under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(self.layout_)
        self.general_error = error_label(self)
        outer.addWidget(self.general_error)
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._errors: dict[str, QLabel] = {}
        self._shown: dict[str, str] = {}

    # --- building ----------------------------------------------------------------------
    def add_field(
        self, name: str, label: str, widget: QWidget, *, required: bool = False
    ) -> QWidget:
        """Add ``widget`` under ``label``; ``name`` is the field name services use."""
        caption = QLabel(label + (REQUIRED_MARK if required else ""), self)
        caption.setTextFormat(Qt.TextFormat.RichText if required else Qt.TextFormat.PlainText)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, widget)
        message = error_label(self)
        self.layout_.addRow("", message)
        self.layout_.setRowVisible(message, False)
        self._widgets[name] = widget
        self._labels[name] = caption
        self._errors[name] = message
        return widget

    def add_row(self, label: str, widget: QWidget) -> None:
        """A row that never carries a message (e.g. a read-only summary line)."""
        self.layout_.addRow(label, widget)

    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

    def caption(self, name: str) -> QLabel:
        return self._labels[name]

    def field_names(self) -> list[str]:
        return list(self._widgets)

    def set_field_visible(self, name: str, visible: bool) -> None:
        self.layout_.setRowVisible(self._widgets[name], visible)
        if not visible:
            self.clear_error(name)

    # --- messages ----------------------------------------------------------------------
    def set_error(self, name: str, message: str) -> None:
        label = self._errors[name]
        field = self._widgets[name]
        width = field.width() if field.isVisible() else FALLBACK_WRAP_WIDTH
        width = max(width, 240)
        label.setText(wrap_lines(message, label.fontMetrics(), width))
        self._shown[name] = message
        self.layout_.setRowVisible(label, True)

    def clear_error(self, name: str) -> None:
        if name in self._shown:
            del self._shown[name]
            self._errors[name].clear()
            self.layout_.setRowVisible(self._errors[name], False)

    def clear_errors(self) -> None:
        for name in list(self._shown):
            self.clear_error(name)
        self.set_general_error("")

    def error(self, name: str) -> str:
        """The message shown under the field ``name`` ("" when none), unwrapped."""
        return self._shown.get(name, "")

    def set_general_error(self, message: str) -> None:
        width = self.width() if self.isVisible() else FALLBACK_WRAP_WIDTH + 120
        self.general_error.setText(wrap_lines(message, self.general_error.fontMetrics(), width))
        self.general_error.setVisible(bool(message))

    def general_error_text(self) -> str:
        """The message at the bottom, as shown (wrapped)."""
        return self.general_error.text() if self.general_error.isVisibleTo(self) else ""

    def show_problems(
        self, problems: Iterable[FieldProblem], aliases: dict[str, str] | None = None
    ) -> None:
        """Show every problem under its field, or at the bottom if the form lacks it.

        ``aliases`` maps a service's field name onto one of this form's (e.g. a move's
        ``end_date`` onto the single day field). Focus goes to the first field in error.
        """
        aliases = aliases or {}
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            name = aliases.get(problem.field, problem.field)
            widget = self._widgets.get(name)
            if widget is None or not widget.isVisibleTo(self):
                general.append(problem.message)
            else:
                by_field.setdefault(name, []).append(problem.message)
        for name, messages in by_field.items():
            self.set_error(name, "\n".join(dict.fromkeys(messages)))
        self.set_general_error("\n".join(dict.fromkeys(general)))
        for name in self._widgets:
            if name in by_field:
                self._widgets[name].setFocus(Qt.FocusReason.OtherFocusReason)
                break
