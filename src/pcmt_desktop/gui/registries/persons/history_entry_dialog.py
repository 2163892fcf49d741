"""Dialogs for one dated fact of a person: add, correct, end; and the move between lists.

The entry dialog is built from the kind's ``KindSpec`` so that every kind of history gets
the same form without a class of its own. Each dialog calls the service itself on OK;
a refusal is shown under the field it names and nothing is saved.
"""

from datetime import date
from enum import Enum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.vocabulary import (
    MOVE_END_REASON,
    MOVE_START_REASON,
    ManagementList,
)
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.date_field import DateEdit, OptionalDateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.services.histories import HistoryEntry, HistoryInput
from pcmt_desktop.services.history_kinds import KIND_SPECS, FieldSpec, HistoryKind, KindSpec
from pcmt_desktop.services.registry import Services

START_FIELD = "start_date"
END_FIELD = "end_date"


class EntryMode(Enum):
    ADD = "add"
    CORRECT = "correct"
    END = "end"


def current_text(entry: HistoryEntry) -> str:
    """What a running entry says, e.g. "Người sử dụng trái phép chất ma túy, từ 01/03/2024"."""
    spec = entry.spec
    if entry.kind is HistoryKind.LIST:
        what = ManagementList(entry.values["list_key"]).label
    else:
        main = spec.fields[0]
        what = main.label_of(entry.values.get(main.name) or "") or spec.label
    return f"{what}, từ {format_day(entry.start)}"


def _value_widget(spec: FieldSpec, parent: QWidget) -> QComboBox | QLineEdit:
    if spec.choices:
        combo = QComboBox(parent)
        for value, label in spec.choices:
            combo.addItem(label, value)
        combo.setPlaceholderText(f"Chọn {spec.label.lower()}")
        combo.setCurrentIndex(-1)
        return combo
    if spec.suggestions:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(list(spec.suggestions))
        combo.setCurrentIndex(-1)
        line = combo.lineEdit()
        if line is not None:
            line.setPlaceholderText("Chọn trong danh sách hoặc gõ vào")
        return combo
    edit = QLineEdit(parent)
    edit.setMaxLength(300)
    return edit


def widget_value(widget: QComboBox | QLineEdit) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if widget.isEditable():
        return widget.currentText()
    data = widget.currentData()
    return data if isinstance(data, str) else ""


def set_widget_value(widget: QComboBox | QLineEdit, value: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(value)
    elif widget.isEditable():
        index = widget.findText(value)
        widget.setCurrentIndex(index)
        if index < 0:
            widget.setEditText(value)
    else:
        widget.setCurrentIndex(widget.findData(value))


class HistoryEntryDialog(QDialog):
    """Add, correct or end one dated fact; ``saved_entry`` holds the result after OK.

    Use the constructors ``for_add``, ``for_correct`` and ``for_end``.
    """

    def __init__(
        self,
        services: Services,
        kind: HistoryKind,
        person_id: int,
        *,
        mode: EntryMode,
        entry: HistoryEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if mode is not EntryMode.ADD and entry is None:
            raise ValueError("Correcting or ending needs the entry")
        self._services = services
        self.kind = kind
        self.spec: KindSpec = KIND_SPECS[kind]
        self.person_id = person_id
        self.mode = mode
        self.entry = entry
        self.saved_entry: HistoryEntry | None = None
        today = services.context.today()
        person_name = services.persons.get(person_id).full_name
        self.setWindowTitle(f"{self._title()} — {person_name}")

        self._build_fields(today)

        self.buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = self.buttons.addButton(
            self._ok_text(), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        if entry is not None and mode is EntryMode.CORRECT:
            self._fill(entry)
        self._sync_end_fields()

    def _build_fields(self, today: date) -> None:
        mode, entry = self.mode, self.entry
        self.form = FieldForm(self)
        self.value_widgets: dict[str, QComboBox | QLineEdit] = {}
        self.start_edit: DateEdit | None = None
        self.end_edit: OptionalDateEdit | DateEdit
        if mode is EntryMode.END:
            assert entry is not None
            summary = QLabel(self._entry_summary(entry), self)
            summary.setWordWrap(True)
            self.form.add_row("Mục đang tiếp diễn", summary)
            self.end_edit = DateEdit(today, self)
            self.end_edit.set_earliest(entry.start)
            self.form.add_field(END_FIELD, self.spec.end_label, self.end_edit, required=True)
            fields = [item for item in self.spec.fields if item.with_end]
        else:
            self.start_edit = DateEdit(today, self)
            self.form.add_field(START_FIELD, self.spec.start_label, self.start_edit, required=True)
            self.end_edit = OptionalDateEdit(today, "Chưa kết thúc (đang tiếp diễn)", self)
            self.form.add_field(END_FIELD, self.spec.end_label, self.end_edit)
            self.end_edit.changed.connect(self._sync_end_fields)
            fields = list(self.spec.fields)
        for item in fields:
            widget = _value_widget(item, self)
            self.value_widgets[item.name] = widget
            # Ending a period makes its end fields (the end reason) necessary.
            required = item.required or (mode is EntryMode.END and item.with_end)
            self.form.add_field(item.name, item.label, widget, required=required)

    # --- constructors --------------------------------------------------------------------
    @classmethod
    def for_add(
        cls,
        services: Services,
        kind: HistoryKind,
        person_id: int,
        parent: QWidget | None = None,
    ) -> "HistoryEntryDialog":
        return cls(services, kind, person_id, mode=EntryMode.ADD, parent=parent)

    @classmethod
    def for_correct(
        cls, services: Services, entry: HistoryEntry, parent: QWidget | None = None
    ) -> "HistoryEntryDialog":
        return cls(
            services,
            entry.kind,
            entry.person_id,
            mode=EntryMode.CORRECT,
            entry=entry,
            parent=parent,
        )

    @classmethod
    def for_end(
        cls, services: Services, entry: HistoryEntry, parent: QWidget | None = None
    ) -> "HistoryEntryDialog":
        return cls(
            services, entry.kind, entry.person_id, mode=EntryMode.END, entry=entry, parent=parent
        )

    # --- reading and writing the fields -----------------------------------------------------
    def set_value(self, name: str, value: str) -> None:
        set_widget_value(self.value_widgets[name], value)

    def value(self, name: str) -> str:
        return widget_value(self.value_widgets[name])

    def history_input(self) -> HistoryInput:
        """The entry as the form holds it (for add and correct)."""
        assert self.start_edit is not None
        end = self.end_edit.day()
        values = {
            item.name: ("" if item.with_end and end is None else self.value(item.name))
            for item in self.spec.fields
        }
        return HistoryInput(self.start_edit.day(), end, values)

    def _fill(self, entry: HistoryEntry) -> None:
        assert self.start_edit is not None and isinstance(self.end_edit, OptionalDateEdit)
        self.start_edit.set_day(entry.start)
        self.end_edit.set_day(entry.end)
        for name in self.value_widgets:
            self.set_value(name, entry.values.get(name) or "")

    def _sync_end_fields(self) -> None:
        if self.mode is EntryMode.END:
            return
        has_end = self.end_edit.day() is not None
        for item in self.spec.fields:
            if item.with_end:
                self.value_widgets[item.name].setEnabled(has_end)
                if not has_end:
                    self.form.clear_error(item.name)

    # --- saving --------------------------------------------------------------------------
    def _on_ok(self) -> None:
        self.form.clear_errors()
        histories = self._services.histories
        try:
            if self.mode is EntryMode.ADD:
                saved = histories.add(self.kind, self.person_id, self.history_input())
            elif self.mode is EntryMode.CORRECT:
                assert self.entry is not None
                saved = histories.correct(self.kind, self.entry.id, self.history_input())
            else:
                assert self.entry is not None
                reason = self.value("end_reason") if "end_reason" in self.value_widgets else ""
                saved = histories.end(self.kind, self.entry.id, self.end_day(), reason)
        except ValidationError as error:
            self.form.show_problems(error.problems)
            return
        except Exception as error:  # any failure: say so, keep the officer's input
            show_refusal(self, "Không lưu được", error)
            return
        self.saved_entry = saved
        self.accept()

    def end_day(self) -> date:
        day = self.end_edit.day()
        assert day is not None  # the END mode's end field is a plain, required DateEdit
        return day

    # --- wording -------------------------------------------------------------------------
    def _title(self) -> str:
        is_list = self.kind is HistoryKind.LIST
        if self.mode is EntryMode.ADD:
            return "Đưa vào diện quản lý" if is_list else f"Thêm — {self.spec.label}"
        if self.mode is EntryMode.CORRECT:
            return f"Sửa mục nhập nhầm — {self.spec.label}"
        return "Thanh loại khỏi diện quản lý" if is_list else f"Kết thúc — {self.spec.label}"

    def _ok_text(self) -> str:
        if self.mode is EntryMode.END:
            return "Thanh loại" if self.kind is HistoryKind.LIST else "Kết thúc"
        return "Lưu"

    def _entry_summary(self, entry: HistoryEntry) -> str:
        return current_text(entry)


class MoveListDialog(QDialog):
    """Chuyển diện: end the running list stay on a day and start another list that day."""

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.person_id = person_id
        self.saved_entry: HistoryEntry | None = None
        today = services.context.today()
        person_name = services.persons.get(person_id).full_name
        self.setWindowTitle(f"Chuyển diện quản lý — {person_name}")
        running = services.histories.list_on(person_id, today)
        current_key = None if running is None else running.values.get("list_key")

        self.form = FieldForm(self)
        current = QLabel(
            "Hiện không ở diện quản lý nào." if running is None else current_text(running), self
        )
        current.setWordWrap(True)
        self.form.add_row("Diện hiện tại", current)
        self.list_combo = QComboBox(self)
        for item in ManagementList:
            if item.value != current_key:
                self.list_combo.addItem(item.label, item.value)
        self.list_combo.setPlaceholderText("Chọn diện mới")
        self.list_combo.setCurrentIndex(-1)
        self.form.add_field("list_key", "Chuyển sang diện", self.list_combo, required=True)
        self.day_edit = DateEdit(today, self)
        if running is not None:
            self.day_edit.set_earliest(running.start)
        self.form.add_field("day", "Ngày chuyển", self.day_edit, required=True)
        spec = KIND_SPECS[HistoryKind.LIST]
        self.end_reason = _value_widget(spec.field("end_reason"), self)
        set_widget_value(self.end_reason, MOVE_END_REASON)
        self.form.add_field(
            "end_reason", "Lý do thanh loại khỏi diện cũ", self.end_reason, required=True
        )
        self.start_reason = _value_widget(spec.field("start_reason"), self)
        set_widget_value(self.start_reason, MOVE_START_REASON)
        self.form.add_field(
            "start_reason", "Lý do đưa vào diện mới", self.start_reason, required=True
        )
        self.note = QLineEdit(self)
        self.form.add_field("note", "Ghi chú", self.note)

        self.buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = self.buttons.addButton(
            "Chuyển diện", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def choose_list(self, target: ManagementList) -> None:
        self.list_combo.setCurrentIndex(self.list_combo.findData(target.value))

    def _on_ok(self) -> None:
        self.form.clear_errors()
        target = self.list_combo.currentData()
        if not isinstance(target, str):
            self.form.show_problems([FieldProblem("list_key", "Chưa chọn diện mới.")])
            return
        try:
            saved = self._services.histories.move(
                self.person_id,
                ManagementList(target),
                self.day_edit.day(),
                end_reason=widget_value(self.end_reason),
                start_reason=widget_value(self.start_reason),
                note=self.note.text(),
            )
        except ValidationError as error:
            # The move's day is both the old stay's end and the new stay's start.
            self.form.show_problems(error.problems, aliases={START_FIELD: "day", END_FIELD: "day"})
            return
        except Exception as error:  # any failure: say so, keep the officer's input
            show_refusal(self, "Không chuyển được diện", error)
            return
        self.saved_entry = saved
        self.accept()
