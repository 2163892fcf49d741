"""The parts of the báo cáo the officer writes, grouped as the template orders them.

One box per group of the template (heading, each part of the body, the closing), a line
for a short field and a text area for a paragraph, the hint as the placeholder. The form
remembers what it was filled with, so the tab can ask before throwing away typed text.
"""

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.reports.template_catalog import NarrativeField, TemplateSpec

PARAGRAPH_LINES = 5


class NarrativeForm(QScrollArea):
    """``changed`` fires on every keystroke in any field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._loaded: dict[str, str] = {}
        self._spec: TemplateSpec | None = None
        self.setWidget(QWidget())

    # --- building ----------------------------------------------------------------------
    def show_template(self, spec: TemplateSpec, values: Mapping[str, str]) -> None:
        """Lay out ``spec``'s fields and fill them with ``values`` (the starting text)."""
        self._spec = spec
        self._edits = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        intro = QLabel(
            "Các phần lời văn của báo cáo; số liệu do chương trình tự điền. Lời văn được lưu "
            "cùng báo cáo và lần sau lập báo cáo cùng mẫu sẽ bắt đầu từ lời văn này.",
            body,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        groups: dict[str, QVBoxLayout] = {}
        for field in spec.narrative_fields:
            if field.group not in groups:
                box = QGroupBox(field.group, body)
                groups[field.group] = QVBoxLayout(box)
                layout.addWidget(box)
            self._add_field(groups[field.group], field, body)
        layout.addStretch(1)
        self.setWidget(body)  # the previous body is deleted by the scroll area
        self.set_values(values)

    def _add_field(self, layout: QVBoxLayout, field: NarrativeField, parent: QWidget) -> None:
        edit: QLineEdit | QPlainTextEdit
        if field.multiline:
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            lines = edit.fontMetrics().lineSpacing() * PARAGRAPH_LINES
            edit.setMinimumHeight(lines + 2 * edit.frameWidth() + 8)
            edit.setPlaceholderText(field.hint)
            edit.textChanged.connect(self.changed)
        else:
            edit = QLineEdit(parent)
            edit.setPlaceholderText(field.hint)
            edit.textChanged.connect(lambda _text: self.changed.emit())
        edit.setObjectName(field.key)
        edit.setAccessibleName(field.label)
        self._edits[field.key] = edit
        label = QLabel(field.label, parent)
        label.setWordWrap(True)
        label.setBuddy(edit)
        layout.addWidget(label)
        layout.addWidget(edit)

    # --- values ------------------------------------------------------------------------
    def spec(self) -> TemplateSpec | None:
        return self._spec

    def values(self) -> dict[str, str]:
        return {key: _text(edit) for key, edit in self._edits_in_order()}

    def set_values(self, values: Mapping[str, str]) -> None:
        """Fill every field (missing keys empty) and take this as the unchanged state."""
        for key, edit in self._edits_in_order():
            text = values.get(key, "")
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(text)
            else:
                edit.setText(text)
        self._loaded = self.values()

    def has(self, key: str) -> bool:
        return key in self._edits

    def value(self, key: str) -> str:
        return _text(self._edits[key])

    def loaded_value(self, key: str) -> str:
        """What ``key`` held when the form was last filled or saved."""
        return self._loaded.get(key, "")

    def set_value(self, key: str, text: str, *, as_loaded: bool = False) -> None:
        """Put ``text`` in one field; ``as_loaded``: the program's suggestion, not a change."""
        edit = self.edit(key)
        if isinstance(edit, QPlainTextEdit):
            edit.setPlainText(text)
        else:
            edit.setText(text)
        if as_loaded:
            self._loaded[key] = text

    def is_modified(self) -> bool:
        """True when the officer changed something since the form was last filled."""
        return self.values() != self._loaded

    def mark_saved(self) -> None:
        self._loaded = self.values()

    def edit(self, key: str) -> QLineEdit | QPlainTextEdit:
        return self._edits[key]

    def _edits_in_order(self) -> list[tuple[str, QLineEdit | QPlainTextEdit]]:
        return list(self._edits.items())


def _text(edit: QLineEdit | QPlainTextEdit) -> str:
    return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
