"""Adding the next step of a CNBB dossier, or correcting a step entered by mistake.

Only the steps the procedure allows next are offered. The fields follow the step: a
decision asks for its term (the dialog shows the range the law in force allows for this
person on that day), a closing asks for its reason, entering a facility for its name.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.dossier_steps import COMPLEX_CASE, StepKind, is_complex_case
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.services.dossiers import DossierRecord, StepRecord
from pcmt_desktop.services.registry import Services

STEP, DAY, TERM, DETAIL, COMPLEX, NOTE = (
    "step",
    "day",
    "term_months",
    "detail",
    "complex",
    "note",
)
MAX_TERM_MONTHS = 120


class StepDialog(QDialog):
    """``step`` None adds the next step; otherwise corrects that step (its kind stays)."""

    def __init__(
        self,
        services: Services,
        record: DossierRecord,
        step: StepRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._record = record
        self._step = step
        self.saved_record: DossierRecord | None = None
        self.setWindowTitle(
            f"Thêm bước — hồ sơ CNBB của {record.person_name}"
            if step is None
            else f"Sửa bước “{step.kind.label}” — hồ sơ CNBB của {record.person_name}"
        )
        self.setMinimumWidth(600)
        self.form = FieldForm(self)
        self._build_fields(record, step)
        self.position_label = QLabel(self)
        self.position_label.setWordWrap(True)
        self.position_label.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Thêm bước" if step is None else "Lưu"
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.position_label)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        if step is not None:
            self.term_spin.setValue(step.term_months or 0)
            self.detail_combo.setEditText(step.detail)
            self.complex_box.setChecked(is_complex_case(step.detail))
            self.note_edit.setText(step.note)
        self.step_combo.currentIndexChanged.connect(self._sync_fields)
        self.day_edit.dateChanged.connect(self._show_term_range)
        self._sync_fields()

    def _build_fields(self, record: DossierRecord, step: StepRecord | None) -> None:
        self.step_combo = QComboBox(self.form)
        choices = record.allowed_next() if step is None else [step.kind]
        for kind in choices:
            self.step_combo.addItem(kind.label, kind.value)
        self.step_combo.setEnabled(step is None)
        today = self._services.context.today()
        self.day_edit = DateEdit(today, self.form)
        self.day_edit.set_day(today if step is None else step.day)
        self.term_spin = QSpinBox(self.form)
        self.term_spin.setRange(0, MAX_TERM_MONTHS)
        self.term_spin.setSuffix(" tháng")
        self.term_spin.setSpecialValueText("chưa nhập")
        self.term_hint = QLabel(self.form)
        self.term_hint.setWordWrap(True)
        self.term_hint.setStyleSheet("color: #555;")
        self.detail_combo = QComboBox(self.form)
        self.detail_combo.setEditable(True)
        self.detail_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.complex_box = QCheckBox(
            f"{COMPLEX_CASE} (Tòa án có thời hạn xem xét dài hơn)", self.form
        )
        self.note_edit = QLineEdit(self.form)
        self.note_edit.setMaxLength(1000)
        self.note_edit.setPlaceholderText("Số văn bản, nơi nhận, người thực hiện …")
        self.form.add_field(STEP, "Bước", self.step_combo, required=True)
        self.form.add_field(DAY, "Ngày", self.day_edit, required=True)
        self.form.add_field(TERM, "Thời hạn cai nghiện", self.term_spin, required=True)
        self.form.add_row("", self.term_hint)
        self.form.add_field(DETAIL, "Lý do", self.detail_combo)
        self.form.add_field(COMPLEX, "Tính chất vụ việc", self.complex_box)
        self.form.add_field(NOTE, "Ghi chú", self.note_edit)

    # --- values --------------------------------------------------------------------------
    def kind(self) -> StepKind | None:
        value = self.step_combo.currentData()
        return None if value is None else StepKind(value)

    def choose(self, kind: StepKind) -> bool:
        """Pick ``kind`` if the procedure allows it now; False (nothing changed) if not."""
        index = self.step_combo.findData(kind.value)
        if index >= 0:
            self.step_combo.setCurrentIndex(index)
        return index >= 0

    def detail(self) -> str:
        kind = self.kind()
        if kind is StepKind.COURT_ACCEPTED:
            return COMPLEX_CASE if self.complex_box.isChecked() else ""
        if kind is None or not kind.spec.detail_label:
            return ""
        return self.detail_combo.currentText()

    def term(self) -> int | None:
        if self.kind() is not StepKind.DECIDED or self.term_spin.value() == 0:
            return None
        return self.term_spin.value()

    # --- the fields a step asks for --------------------------------------------------------
    def _sync_fields(self) -> None:
        kind = self.kind()
        self.form.clear_errors()
        if kind is None:
            self.position_label.setText("Hồ sơ đã kết thúc: không thêm bước nào nữa.")
            for name in (DAY, TERM, DETAIL, COMPLEX, NOTE):
                self.form.set_field_visible(name, False)
            self.form.layout_.setRowVisible(self.term_hint, False)
            return
        spec = kind.spec
        decided = kind is StepKind.DECIDED
        self.form.set_field_visible(TERM, decided)
        self.form.layout_.setRowVisible(self.term_hint, decided)
        with_detail = bool(spec.detail_label) and kind is not StepKind.COURT_ACCEPTED
        self.form.set_field_visible(DETAIL, with_detail)
        self.form.set_field_visible(COMPLEX, kind is StepKind.COURT_ACCEPTED)
        if with_detail:
            caption = self.form.caption(DETAIL)
            required = ' <span style="color:#b00020;">*</span>' if spec.detail_required else ""
            caption.setTextFormat(Qt.TextFormat.RichText)
            caption.setText(spec.detail_label + required)
            kept = self.detail_combo.currentText()
            self.detail_combo.clear()
            self.detail_combo.addItems(list(spec.detail_suggestions))
            self.detail_combo.setEditText(kept if self._step is not None else "")
            line = self.detail_combo.lineEdit()
            if line is not None:
                line.setPlaceholderText(
                    "Chọn trong danh sách hoặc gõ vào"
                    if spec.detail_suggestions
                    else f"Nhập {spec.detail_label.lower()}"
                )
        previous = self._record.steps[-1] if self._record.steps else None
        if self._step is None and previous is not None:
            self.position_label.setText(
                f"Bước trước: {previous.kind.label} ngày {format_day(previous.day)}. "
                f"Tình trạng hiện tại: {self._record.status}."
            )
        else:
            self.position_label.setText(f"Tình trạng hiện tại: {self._record.status}.")
        self._show_term_range()

    def _show_term_range(self) -> None:
        if self.kind() is not StepKind.DECIDED:
            return
        try:
            allowed = self._services.dossiers.term_range(
                self._record.person_id, self.day_edit.day()
            )
        except ValidationError as error:
            self.term_hint.setText(str(error))
            return
        self.term_hint.setText(f"Theo quy định: {allowed.describe()} ({allowed.source}).")
        if self.term_spin.value() == 0:
            self.term_spin.setValue(allowed.low)

    # --- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the step; a refusal is shown beside its field and nothing is saved."""
        kind = self.kind()
        if kind is None:
            return False
        self.form.clear_errors()
        dossiers = self._services.dossiers
        try:
            if self._step is None:
                self.saved_record = dossiers.add_step(
                    self._record.id,
                    kind,
                    self.day_edit.day(),
                    term_months=self.term(),
                    reason=self.detail(),
                    note=self.note_edit.text(),
                )
            else:
                self.saved_record = dossiers.correct_step(
                    self._step.id,
                    self.day_edit.day(),
                    term_months=self.term(),
                    reason=self.detail(),
                    note=self.note_edit.text(),
                )
        except ValidationError as error:
            self.form.show_problems(error.problems, {"list_key": DAY})
            self.adjustSize()  # the messages take room the dialog did not have
            return False
        except NotFoundError as error:
            self.form.set_general_error(str(error))
            return False
        return True

    def _on_ok(self) -> None:
        try:
            saved = self.save()
        except Exception as error:  # any other failure: say so; nothing was written
            show_refusal(self, "Không lưu được bước", error)
            return
        if saved:
            self.accept()
