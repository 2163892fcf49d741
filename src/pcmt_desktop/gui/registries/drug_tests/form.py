"""The drug-test form: the person (found or created on the spot), the day, the findings.

The result is shown as the boxes are ticked, so the officer sees "DƯƠNG TÍNH" before
saving. The service refuses bad input field by field; each message appears under its
field and everything typed stays. After saving a positive test the form offers, in one
click, the move the result calls for (suspected → confirmed user from the test day).
"""

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.gui.widgets.person_picker import PersonPicker
from pcmt_desktop.services.drug_tests import (
    DEFAULT_METHOD,
    FOLLOW_UP_SUGGESTIONS,
    MAX_LENGTHS,
    METHOD_SUGGESTIONS,
    DrugTestInput,
    DrugTestRecord,
)
from pcmt_desktop.services.histories import HistoryEntry
from pcmt_desktop.services.registry import Services

POSITIVE_STYLE = "color: #b00020; font-weight: bold;"
NEGATIVE_STYLE = "color: #1b5e20;"


def offer_move(
    parent: QWidget, services: Services, test_id: int, *, ask: bool = True
) -> HistoryEntry | None:
    """Ask whether to make the move a positive test calls for, then make it.

    ``ask`` False makes the move without asking (keyword-only: a signal's argument must
    never skip the question). Returns the new stay, or None when nothing was done.
    """
    drug_tests = services.drug_tests
    try:
        suggestion = drug_tests.move_suggestion(test_id)
        if suggestion is None:
            return None
        if ask and not confirm(parent, "Chuyển diện quản lý", suggestion.question):
            return None
        return drug_tests.move_after_positive(test_id)
    except Exception as error:  # any failure: say so; the test itself is saved
        show_refusal(parent, "Không chuyển được diện quản lý", error)
        return None


class SubstanceBoxes(QWidget):
    """Six boxes, one per substance; ``changed`` whenever one is ticked or cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Substance, QCheckBox] = {}
        for index, item in enumerate(Substance):
            box = QCheckBox(item.label, self)
            layout.addWidget(box, index // 3, index % 3)
            box.toggled.connect(self.changed)
            self.boxes[item] = box

    def found(self) -> frozenset[Substance]:
        return frozenset(item for item, box in self.boxes.items() if box.isChecked())

    def set_found(self, found: frozenset[Substance]) -> None:
        for item, box in self.boxes.items():
            box.setChecked(item in found)


class DrugTestFormDialog(QDialog):
    """Add a test (``test_id`` None) or edit one; ``saved`` carries the test's id."""

    saved = Signal(int)

    def __init__(
        self,
        services: Services,
        test_id: int | None,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._test_id = test_id
        self.saved_test_id: int | None = None
        self.moved_entry: HistoryEntry | None = None
        self._build_fields()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._set_tab_order()
        self._connect()
        if test_id is None:
            self.setWindowTitle("Thêm kết quả test ma túy")
            if person_id is not None:
                self.picker.set_person(person_id)
        else:
            self._load(services.drug_tests.get(test_id))
        self._show_result()
        self.setMinimumWidth(620)
        (self.picker.search if self.picker.person_id() is None else self.summoned_by).setFocus()

    # --- building ------------------------------------------------------------------------
    def _build_fields(self) -> None:
        services = self._services
        self.form = FieldForm(self)
        self.picker = PersonPicker(services, self)
        self.test_date = DateEdit(services.context.today(), self)
        self.summoned_by = QLineEdit(self)
        self.summoned_by.setMaxLength(MAX_LENGTHS["summoned_by"][1])
        self.summoned_by.setPlaceholderText("Cán bộ triệu tập, ví dụ: Trung úy Lê Văn A")
        completer = QCompleter(services.drug_tests.summoned_by_names(), self.summoned_by)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.summoned_by.setCompleter(completer)
        self.method = QComboBox(self)
        self.method.setEditable(True)
        self.method.addItems(list(METHOD_SUGGESTIONS))
        self.method.setCurrentText(DEFAULT_METHOD)
        self.substances = SubstanceBoxes(self)
        self.other_substance = QLineEdit(self)
        self.other_substance.setMaxLength(MAX_LENGTHS["other_substance"][1])
        self.other_substance.setPlaceholderText("Tên chất khi đánh dấu “Khác”")
        self.result_label = QLabel(self)
        self.follow_up = QComboBox(self)
        self.follow_up.setEditable(True)
        self.follow_up.addItems(["", *FOLLOW_UP_SUGGESTIONS])
        self.follow_up.setCurrentText("")
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)

        form = self.form
        form.add_field("person_id", "Đối tượng", self.picker, required=True)
        form.add_field("test_date", "Ngày test", self.test_date, required=True)
        form.add_field("summoned_by", "Người triệu tập", self.summoned_by)
        form.add_field("method", "Phương pháp test", self.method, required=True)
        form.add_field("substances", "Dương tính với", self.substances)
        form.add_field("other_substance", "Tên chất khác", self.other_substance)
        form.add_row("", self.result_label)
        form.add_field("follow_up", "Xử lý tiếp theo", self.follow_up)
        form.add_field("note", "Ghi chú", self.note)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.picker.search,
            self.test_date,
            self.summoned_by,
            self.method,
            *self.substances.boxes.values(),
            self.other_substance,
            self.follow_up,
            self.note,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.substances.changed.connect(self._show_result)
        self.picker.person_chosen.connect(lambda _id: self.form.clear_error("person_id"))
        self.other_substance.textEdited.connect(
            lambda _text: self.form.clear_error("other_substance")
        )
        self.test_date.dateChanged.connect(lambda _day: self.form.clear_error("test_date"))

    # --- loading and reading -----------------------------------------------------------
    def _load(self, record: DrugTestRecord) -> None:
        self.setWindowTitle(f"Sửa kết quả test ma túy — {record.person_name}")
        self.picker.set_person(record.person_id)
        self.test_date.set_day(record.test_date)
        self.summoned_by.setText(record.summoned_by)
        self.method.setCurrentText(record.method)
        self.substances.set_found(record.substances)
        self.other_substance.setText(record.other_substance)
        self.follow_up.setCurrentText(record.follow_up)
        self.note.setPlainText(record.note)

    def test_input(self) -> DrugTestInput:
        found = self.substances.found()
        return DrugTestInput(
            person_id=self.picker.person_id(),
            test_date=self.test_date.day(),
            summoned_by=self.summoned_by.text(),
            method=self.method.currentText(),
            substances=found,
            other_substance=self.other_substance.text() if Substance.OTHER in found else "",
            follow_up=self.follow_up.currentText(),
            note=self.note.toPlainText(),
        )

    def result_text(self) -> str:
        return self.result_label.text()

    def _show_result(self) -> None:
        found = self.substances.found()
        other = Substance.OTHER in found
        self.other_substance.setEnabled(other)
        if not other:
            self.form.clear_error("other_substance")
        if found:
            self.result_label.setText("Kết quả: DƯƠNG TÍNH")
            self.result_label.setStyleSheet(POSITIVE_STYLE)
        else:
            self.result_label.setText("Kết quả: Âm tính")
            self.result_label.setStyleSheet(NEGATIVE_STYLE)

    # --- saving --------------------------------------------------------------------------
    def _on_save_clicked(self) -> None:
        self.save()

    def save(self, *, ask: bool = True) -> bool:
        """Validate and save; then offer the move a positive result calls for.

        ``ask`` False makes that move without asking. Returns whether the test was saved
        (the dialog is then accepted).
        """
        self.form.clear_errors()
        drug_tests = self._services.drug_tests
        data = self.test_input()
        try:
            if problems := drug_tests.validate(data):
                self._show_problems(problems)
                return False
            if self._test_id is None:
                record = drug_tests.add(data)
            else:
                record = drug_tests.edit(self._test_id, data)
        except ValidationError as error:
            self._show_problems(error.problems)
            return False
        except Exception as error:  # any failure: say so, keep the officer's input
            show_refusal(self, "Không lưu được kết quả test", error)
            return False
        self.saved_test_id = record.id
        if record.positive:
            self.moved_entry = offer_move(self, self._services, record.id, ask=ask)
        self.saved.emit(record.id)
        self.accept()
        return True

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        self.form.show_problems(problems)
        if any(problem.field == "person_id" for problem in problems):
            self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)
