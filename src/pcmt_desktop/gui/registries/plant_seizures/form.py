"""The dialog that enters a plant seizure or edits one, with the record's history.

Either a person responsible (found or created on the spot) or "vô chủ", never both. A
fine outside the decree's range is shown as a warning inside the dialog: the officer
corrects it or keeps it with "Vẫn lưu" (a newer decree may apply before the data knows).
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.number_text import (
    NumberTextError,
    format_decimal,
    format_whole,
    parse_decimal,
    parse_money,
)
from pcmt_desktop.domain.plant_seizures import MAX_PLANTS, PlantHandling
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.date_field import VIETNAMESE, DateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.gui.widgets.person_picker import PersonPicker
from pcmt_desktop.gui.widgets.record_audit_view import RecordAuditView
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from pcmt_desktop.services.registry import Services

NO_CHOICE = "—"
# The plant counts share one row of the form: their messages go under it.
PLANT_FIELDS = ("opium_plants", "cannabis_plants", "other_plants", "other_plant_kind")
PLANT_ALIASES = dict.fromkeys(PLANT_FIELDS, "plants")


def _count_box(parent: QWidget) -> QSpinBox:
    box = QSpinBox(parent)
    box.setLocale(VIETNAMESE)
    box.setRange(0, MAX_PLANTS)
    box.setGroupSeparatorShown(True)
    box.setSuffix(" cây")
    box.setAccelerated(True)
    return box


class FineWarningPanel(QFrame):
    """The warning shown when the fine lies outside the decree's range."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fineWarning")
        self.setStyleSheet(
            "#fineWarning { background: #fff6d6; border: 1px solid #e0b000; border-radius: 4px; }"
        )
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.save_anyway_button = QPushButton("Vẫn lưu", self)
        self.back_button = QPushButton("Sửa lại", self)
        for button in (self.save_anyway_button, self.back_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_anyway_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self.hide)


class PlantSeizureFormDialog(QDialog):
    """Add a seizure (``seizure_id`` None) or edit one; ``saved`` carries its id."""

    saved = Signal(int)

    def __init__(
        self, services: Services, seizure_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._seizure_id = seizure_id
        self.saved_id: int | None = None
        self._build_fields()
        self.warning_panel = FineWarningPanel(self)
        self.warning_panel.hide()
        self.warning_panel.save_anyway_button.clicked.connect(self.save_anyway)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        # Opened to read by a role that may not change records: nothing to save then.
        withhold(services.context.actor, Permission.RECORDS_EDIT, self.save_button)
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        details = QWidget(self)
        details_layout = QVBoxLayout(details)
        details_layout.addWidget(self.form)
        details_layout.addWidget(self.warning_panel)
        details_layout.addStretch(1)
        layout = QVBoxLayout(self)
        self.audit_view: RecordAuditView | None = None
        if seizure_id is None:
            self.setWindowTitle("Thêm vụ phá nhổ cây có chứa chất ma túy")
            layout.addWidget(details)
        else:
            self.pages = QTabWidget(self)
            self.pages.addTab(details, "Thông tin vụ việc")
            self.audit_view = RecordAuditView(services, self)
            self.pages.addTab(self.audit_view, "Nhật ký thay đổi")
            layout.addWidget(self.pages)
            self._load(seizure_id)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self._connect()
        self._on_ownerless(self.ownerless.isChecked())
        self._on_handling()
        self._show_total()

    # --- building ------------------------------------------------------------------------
    def _build_fields(self) -> None:
        services = self._services
        self.form = FieldForm(self)
        self.seized_on = DateEdit(services.context.today(), self)
        self.sub_area = QComboBox(self)
        self.sub_area.addItem(NO_CHOICE, None)
        for area in services.office.sub_areas():
            self.sub_area.addItem(area.name, area.id)
        self.place = QLineEdit(self)
        self.place.setMaxLength(300)
        self.place.setPlaceholderText("Ví dụ: nương ngô khu Khe Đá, vườn sau nhà")
        person_box = self._build_person_box()
        plants_box = self._build_plants_box()
        self.area = QLineEdit(self)
        self.area.setPlaceholderText("ví dụ 120,5 (để trống nếu không đo)")
        self.handling = QComboBox(self)
        for item in PlantHandling:
            self.handling.addItem(item.label, item.value)
        self.fine = QLineEdit(self)
        self.expert_exam = QCheckBox("Đã trưng cầu giám định", self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(48)

        form = self.form
        form.add_field("seized_on", "Ngày phát hiện", self.seized_on, required=True)
        form.add_field("sub_area_id", sub_area_field_label(services), self.sub_area, required=True)
        form.add_field("place", "Địa điểm", self.place)
        form.add_field("person", "Người chịu trách nhiệm", person_box, required=True)
        form.add_field("plants", "Số cây", plants_box, required=True)
        form.add_field("area_m2", "Diện tích (m²)", self.area)
        form.add_field("handling", "Hình thức xử lý", self.handling, required=True)
        form.add_field("fine_vnd", "Tiền phạt (đồng)", self.fine)
        form.add_field("expert_exam", "Giám định", self.expert_exam)
        form.add_field("note", "Ghi chú", self.note)

    def _build_person_box(self) -> QWidget:
        person_box = QWidget(self)
        self.picker = PersonPicker(self._services, person_box)
        self.ownerless = QCheckBox("Vô chủ (không xác định được người trồng)", person_box)
        person_layout = QVBoxLayout(person_box)
        person_layout.setContentsMargins(0, 0, 0, 0)
        person_layout.addWidget(self.ownerless)
        person_layout.addWidget(self.picker)
        # Never squeezed below what it needs when a message or the fine warning appears.
        person_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return person_box

    def _build_plants_box(self) -> QWidget:
        plants_box = QWidget(self)
        self.opium = _count_box(plants_box)
        self.cannabis = _count_box(plants_box)
        self.other = _count_box(plants_box)
        self.other_kind = QLineEdit(plants_box)
        self.other_kind.setPlaceholderText("loại cây khác (ví dụ: cây côca)")
        self.total_label = QLabel(plants_box)
        plants_layout = QGridLayout(plants_box)
        plants_layout.setContentsMargins(0, 0, 0, 0)
        for column, (caption, box) in enumerate(
            (("Thuốc phiện", self.opium), ("Cần sa", self.cannabis), ("Cây khác", self.other))
        ):
            plants_layout.addWidget(QLabel(caption, plants_box), 0, column)
            plants_layout.addWidget(box, 1, column)
        plants_layout.addWidget(self.total_label, 0, 3)
        plants_layout.addWidget(self.other_kind, 1, 3)
        plants_layout.setColumnStretch(3, 1)
        return plants_box

    def _connect(self) -> None:
        self.ownerless.toggled.connect(self._on_ownerless)
        self.handling.currentIndexChanged.connect(self._on_handling)
        self.seized_on.dateChanged.connect(self._on_handling)
        for box in (self.opium, self.cannabis, self.other):
            box.valueChanged.connect(self._show_total)
        for edit in (self.fine, self.area, self.other_kind, self.place):
            edit.textEdited.connect(self.warning_panel.hide)
        self.picker.person_chosen.connect(lambda _id: self.form.clear_error("person"))

    # --- loading and reading -----------------------------------------------------------
    def _load(self, seizure_id: int) -> None:
        record = self._services.plant_seizures.get(seizure_id)
        self.setWindowTitle(f"Vụ phá nhổ cây ngày {record.seized_on.strftime('%d/%m/%Y')}")
        self.seized_on.set_day(record.seized_on)
        self.sub_area.setCurrentIndex(max(0, self.sub_area.findData(record.sub_area_id)))
        self.place.setText(record.place)
        self.ownerless.setChecked(record.ownerless)
        if record.person_id is not None:
            self.picker.set_person(record.person_id)
        self.opium.setValue(record.opium_plants)
        self.cannabis.setValue(record.cannabis_plants)
        self.other.setValue(record.other_plants)
        self.other_kind.setText(record.other_plant_kind)
        self.area.setText(format_decimal(record.area_m2, 2) if record.area_m2 else "")
        self.handling.setCurrentIndex(max(0, self.handling.findData(record.handling.value)))
        self.fine.setText("" if record.fine_vnd is None else format_whole(record.fine_vnd))
        self.expert_exam.setChecked(record.expert_exam)
        self.note.setPlainText(record.note)
        if self.audit_view is not None:
            self.audit_view.set_records(self._services.plant_seizures.history(seizure_id))

    def seizure_input(self) -> tuple[PlantSeizureInput, list[FieldProblem]]:
        """What the form holds, and the problems found reading its number fields."""
        problems: list[FieldProblem] = []
        try:
            area = parse_decimal(self.area.text(), "Diện tích")
        except NumberTextError as error:
            problems.append(FieldProblem("area_m2", str(error)))
            area = 0.0
        fine: int | None = None
        if self.fine.isEnabled():
            try:
                fine = parse_money(self.fine.text(), "Tiền phạt")
            except NumberTextError as error:
                problems.append(FieldProblem("fine_vnd", str(error)))
        sub_area_id = self.sub_area.currentData()
        ownerless = self.ownerless.isChecked()
        data = PlantSeizureInput(
            seized_on=self.seized_on.day(),
            sub_area_id=sub_area_id if isinstance(sub_area_id, int) else None,
            handling=str(self.handling.currentData()),
            place=self.place.text(),
            person_id=None if ownerless else self.picker.person_id(),
            ownerless=ownerless,
            opium_plants=self.opium.value(),
            cannabis_plants=self.cannabis.value(),
            other_plants=self.other.value(),
            other_plant_kind=self.other_kind.text(),
            area_m2=area,
            fine_vnd=fine,
            expert_exam=self.expert_exam.isChecked(),
            note=self.note.toPlainText(),
        )
        return data, problems

    # --- live state ----------------------------------------------------------------------
    def _on_ownerless(self, checked: bool) -> None:
        self.picker.setEnabled(not checked)
        self.form.clear_error("person")

    def _on_handling(self) -> None:
        fined = self.handling.currentData() == PlantHandling.FINED.value
        self.fine.setEnabled(fined)
        if not fined:
            self.form.clear_error("fine_vnd")
        bounds = self._services.plant_seizures.fine_range(self.seized_on.day())
        hint = (
            ""
            if bounds is None
            else f"khung phạt: {format_whole(bounds[0])} – {format_whole(bounds[1])} đồng"
        )
        self.fine.setPlaceholderText(hint if fined else "chỉ khi xử phạt hành chính")
        self.warning_panel.hide()

    def _show_total(self) -> None:
        total = self.opium.value() + self.cannabis.value() + self.other.value()
        self.total_label.setText(f"Tổng: {format_whole(total)} cây")
        if total:
            self.form.clear_error("plants")
        self.warning_panel.hide()

    def _grow_to_fit(self) -> None:
        """Grow rather than squeeze the fields to make room for a panel or messages."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        self.resize(self.width(), max(self.height(), wanted, self.sizeHint().height()))

    # --- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        return self._save(despite_warning=False)

    def save_anyway(self) -> bool:
        return self._save(despite_warning=True)

    def _save(self, *, despite_warning: bool) -> bool:
        self.form.clear_errors()
        seizures = self._services.plant_seizures
        data, problems = self.seizure_input()
        try:
            problems += seizures.validate(data)
            if problems:
                self.warning_panel.hide()
                self.form.show_problems(problems, PLANT_ALIASES)
                self._grow_to_fit()
                return False
            warnings = seizures.fine_warnings(data)
            if warnings and not despite_warning:
                self.warning_panel.text.setText("\n".join(w.message for w in warnings))
                self.warning_panel.show()
                self._grow_to_fit()
                self.warning_panel.save_anyway_button.setFocus(Qt.FocusReason.OtherFocusReason)
                return False
            if self._seizure_id is None:
                record = seizures.add(data)
            else:
                record = seizures.edit(self._seizure_id, data)
        except ValidationError as error:
            self.form.show_problems(error.problems, PLANT_ALIASES)
            self._grow_to_fit()
            return False
        except Exception as error:  # any failure: say so, keep the officer's input
            show_refusal(self, "Không lưu được vụ phá nhổ cây", error)
            return False
        self.saved_id = record.id
        self.saved.emit(record.id)
        self.accept()
        return True
