"""The dialog that adds or edits a case (criminal or administrative).

The fields of the other kind are hidden, not cleared, so that switching the kind back
and forth loses nothing; the service drops what does not belong to the saved kind.
Amounts are read as the officer types them ("5,524", "1.500.000"); a field that cannot
be read, like every refusal of the service, is shown under that field and nothing is
written.
"""

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.registries.cases.amounts import (
    AmountError,
    format_count,
    format_grams,
    format_money,
    parse_count,
    parse_grams,
    parse_money,
)
from pcmt_desktop.gui.registries.cases.subjects import SubjectsEditor
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.services.case_types import (
    COUNT_FIELDS,
    GRAM_FIELDS,
    SEIZED_LABELS,
    USUAL_ACTS,
    USUAL_SOURCES,
    CaseKind,
    SeizedItems,
)
from pcmt_desktop.services.cases import MAX_COUNT, CaseInput, CaseRecord
from pcmt_desktop.services.registry import Services

NO_CHOICE = "—"
SEIZED_FIELDS = (*GRAM_FIELDS, *COUNT_FIELDS, "cash_vnd")
ARTICLE_ROLE = Qt.ItemDataRole.UserRole


class CaseFormDialog(QDialog):
    """Add a case (``case_id`` None) or edit one; sets ``saved_case_id`` on success."""

    def __init__(
        self,
        services: Services,
        case_id: int | None,
        parent: QWidget | None = None,
        *,
        kind: CaseKind = CaseKind.CRIMINAL,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._case_id = case_id
        self.saved_case_id: int | None = None
        self._build_main()
        self._build_seized()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(self.form, 3)
        columns.addWidget(self.seized_box, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.prosecuted.toggled.connect(self.defendants.setEnabled)
        self.subjects_editor.changed.connect(self._subjects_changed)
        if case_id is None:
            self.kind.setCurrentIndex(max(self.kind.findData(kind.value), 0))
            self.setWindowTitle("Thêm vụ việc")
        else:
            self._load(services.cases.get(case_id))
        self._kind_changed()
        self.setMinimumWidth(980)

    # --- building ------------------------------------------------------------------------
    def _build_main(self) -> None:
        services = self._services
        self.form = FieldForm(self)
        self.kind = QComboBox(self)
        for case_kind in CaseKind:
            label = "Vụ án hình sự" if case_kind is CaseKind.CRIMINAL else "Vi phạm hành chính"
            self.kind.addItem(label, case_kind.value)
        self.occurred_on = DateEdit(services.context.today(), self)
        self.sub_area = QComboBox(self)
        self.sub_area.addItem(NO_CHOICE, None)
        for area in services.office.sub_areas():
            self.sub_area.addItem(area.name, area.id)
        self.summary = QPlainTextEdit(self)
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(56)
        self.articles = QListWidget(self)
        self.articles.setFixedHeight(110)
        for info in services.cases.articles():
            item = QListWidgetItem(info.label)
            item.setData(ARTICLE_ROLE, info.article)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(info.label)
            self.articles.addItem(item)
        self.prosecuted = QCheckBox("Đã khởi tố vụ án", self)
        self.defendants = QSpinBox(self)
        self.defendants.setRange(0, MAX_COUNT)
        self.defendants.setEnabled(False)
        self.act = QComboBox(self)
        self.act.setEditable(True)
        self.act.addItems(list(USUAL_ACTS))
        self.act.setCurrentIndex(0)
        self.fine = QLineEdit(self)
        self.fine.setPlaceholderText("ví dụ 1.500.000")
        self.received_from = QComboBox(self)
        self.received_from.setEditable(True)
        self.received_from.addItems(["", *USUAL_SOURCES])
        self.received_from.setToolTip("Để trống nếu đơn vị tự phát hiện")
        self.subjects = QSpinBox(self)
        self.subjects.setRange(0, MAX_COUNT)
        self.subjects.setValue(1)
        self.subjects_editor = SubjectsEditor(services, self)
        self.note = QLineEdit(self)
        self._add_main_fields()

    def _add_main_fields(self) -> None:
        services = self._services
        form = self.form
        form.add_field("kind", "Loại vụ việc", self.kind, required=True)
        form.add_field("occurred_on", "Ngày xảy ra", self.occurred_on, required=True)
        form.add_field("sub_area_id", sub_area_field_label(services), self.sub_area)
        form.add_field("summary", "Tóm tắt", self.summary)
        form.add_field("articles", "Tội danh", self.articles, required=True)
        form.add_field("prosecuted", "Khởi tố", self.prosecuted)
        form.add_field("defendants", "Số bị can", self.defendants)
        form.add_field("act", "Hành vi vi phạm", self.act, required=True)
        form.add_field("fine_vnd", "Tiền phạt (đồng)", self.fine)
        form.add_field("received_from", "Tiếp nhận từ", self.received_from)
        form.add_field("subjects", "Số đối tượng", self.subjects, required=True)
        form.add_field("named_subjects", "Danh sách đối tượng", self.subjects_editor)
        form.add_field("note", "Ghi chú", self.note)

    def _build_seized(self) -> None:
        self.seized_box = QGroupBox("Tang vật thu giữ", self)
        self.seized_form = FieldForm(self.seized_box)
        self.seized_edits: dict[str, QLineEdit] = {}
        for name in SEIZED_FIELDS:
            edit = QLineEdit(self.seized_box)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0")
            self.seized_edits[name] = edit
            self.seized_form.add_field(name, SEIZED_LABELS[name], edit)
        layout = QVBoxLayout(self.seized_box)
        layout.addWidget(self.seized_form)

    # --- loading and reading -----------------------------------------------------------
    def _load(self, record: CaseRecord) -> None:
        self.setWindowTitle(f"Sửa {record.title().lower()}")
        self.kind.setCurrentIndex(max(self.kind.findData(record.kind.value), 0))
        self.occurred_on.set_day(record.occurred_on)
        self.sub_area.setCurrentIndex(max(self.sub_area.findData(record.sub_area_id), 0))
        self.summary.setPlainText(record.summary)
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            checked = item.data(ARTICLE_ROLE) in record.articles
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.prosecuted.setChecked(record.prosecuted)
        self.defendants.setValue(record.defendants)
        if record.kind is CaseKind.ADMINISTRATIVE:
            self.act.setCurrentText(record.act)
        self.fine.setText(format_money(record.fine_vnd))
        self.received_from.setCurrentText(record.received_from)
        self.subjects_editor.set_subjects([s.as_input() for s in record.named_subjects])
        self.subjects.setValue(record.subjects)
        self.note.setText(record.note)
        seized = record.seized
        for name in SEIZED_FIELDS:
            value = getattr(seized, name)
            text = format_grams(value) if name in GRAM_FIELDS else format_count(value)
            self.seized_edits[name].setText(text)

    def current_kind(self) -> CaseKind:
        return CaseKind(self.kind.currentData())

    def checked_articles(self) -> list[str]:
        found = []
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(ARTICLE_ROLE)))
        return found

    def set_articles(self, articles: Iterable[str]) -> None:
        wanted = set(articles)
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            checked = item.data(ARTICLE_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def read(self) -> tuple[CaseInput | None, list[FieldProblem]]:
        """The input as typed, or the problems of the fields that cannot be read."""
        problems: list[FieldProblem] = []
        seized: dict[str, float | int] = {}
        for name in SEIZED_FIELDS:
            text = self.seized_edits[name].text()
            label = SEIZED_LABELS[name]
            try:
                if name in GRAM_FIELDS:
                    seized[name] = parse_grams(text, label)
                elif name == "cash_vnd":
                    seized[name] = parse_money(text, label) or 0
                else:
                    seized[name] = parse_count(text, label)
            except AmountError as error:
                problems.append(FieldProblem(name, str(error)))
        fine: int | None = None
        if self.current_kind() is CaseKind.ADMINISTRATIVE:
            try:
                fine = parse_money(self.fine.text(), "Tiền phạt")
            except AmountError as error:
                problems.append(FieldProblem("fine_vnd", str(error)))
        subjects, subject_problems = self.subjects_editor.read()
        problems += subject_problems
        if problems:
            return None, problems
        data = CaseInput(
            kind=self.current_kind(),
            occurred_on=self.occurred_on.day(),
            sub_area_id=self.sub_area.currentData(),
            summary=self.summary.toPlainText(),
            subjects=self.subjects.value(),
            named_subjects=tuple(subjects),
            articles=tuple(self.checked_articles()),
            prosecuted=self.prosecuted.isChecked(),
            defendants=self.defendants.value(),
            received_from=self.received_from.currentText(),
            act=self.act.currentText(),
            fine_vnd=fine,
            seized=SeizedItems(**seized),  # type: ignore[arg-type]
            note=self.note.text(),
        )
        return data, []

    # --- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        """Validate and write; on a refusal show why beside the fields and keep the form."""
        self.form.clear_errors()
        self.seized_form.clear_errors()
        data, problems = self.read()
        if data is None:
            self.show_problems(problems)
            return False
        try:
            if self._case_id is None:
                record = self._services.cases.add(data)
            else:
                record = self._services.cases.edit(self._case_id, data)
        except ValidationError as error:
            self.show_problems(error.problems)
            return False
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không lưu được vụ việc", error)
            return False
        self.saved_case_id = record.id
        self.accept()
        return True

    def show_problems(self, problems: Iterable[FieldProblem]) -> None:
        problems = list(problems)
        self.seized_form.show_problems(p for p in problems if p.field in SEIZED_FIELDS)
        self.form.show_problems(p for p in problems if p.field not in SEIZED_FIELDS)

    def error(self, name: str) -> str:
        """The message shown under field ``name`` of either column ("" when none)."""
        form = self.seized_form if name in SEIZED_FIELDS else self.form
        return form.error(name)

    # --- reactions ---------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        criminal = self.current_kind() is CaseKind.CRIMINAL
        for name in ("articles", "prosecuted", "defendants"):
            self.form.set_field_visible(name, criminal)
        for name in ("act", "fine_vnd"):
            self.form.set_field_visible(name, not criminal)

    def _subjects_changed(self) -> None:
        # Never fewer subjects than named: raise the count as names are added.
        if self.subjects.value() < self.subjects_editor.count():
            self.subjects.setValue(self.subjects_editor.count())
