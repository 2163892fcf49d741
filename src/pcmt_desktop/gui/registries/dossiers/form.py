"""Opening a CNBB dossier: the person, the day the addiction was found, the day of lập hồ sơ.

The dialog shows the legal limit for preparing the file as soon as the finding day is
set, so a late file is seen before it is saved; a refusal is shown under its field.
"""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.dates import add_working_days
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.gui.widgets.person_picker import PersonPicker
from pcmt_desktop.services.legal import MissingRuleError, RuleKey
from pcmt_desktop.services.registry import Services

PERSON_FIELD = "person_id"


class NewDossierDialog(QDialog):
    """Lập hồ sơ đưa đi cai nghiện bắt buộc; ``saved_id`` is the new dossier's id."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, person_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.saved_id: int | None = None
        self.setWindowTitle("Lập hồ sơ đưa đi cai nghiện bắt buộc")
        self.setMinimumWidth(620)
        today = services.context.today()
        self.form = FieldForm(self)
        self.picker = PersonPicker(services, self.form)
        self.found_on = DateEdit(today, self.form)
        self.created_on = DateEdit(today, self.form)
        self.note = QLineEdit(self.form)
        self.note.setMaxLength(1000)
        self.note.setPlaceholderText("Ví dụ: phát hiện qua test, xác định tình trạng nghiện")
        self.form.add_field(PERSON_FIELD, "Đối tượng", self.picker, required=True)
        self.form.add_field("found_on", "Ngày phát hiện", self.found_on, required=True)
        self.form.add_field("created_on", "Ngày lập hồ sơ", self.created_on, required=True)
        self.form.add_field("note", "Ghi chú", self.note)
        self.limit_label = QLabel(self)
        self.limit_label.setWordWrap(True)
        self.limit_label.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lập hồ sơ")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.limit_label)
        layout.addWidget(buttons)
        self.found_on.dateChanged.connect(self._show_limit)
        self.created_on.dateChanged.connect(self._show_limit)
        if person_id is not None:
            self.picker.set_person(person_id)
        self._show_limit()

    def _show_limit(self) -> None:
        found = self.found_on.day()
        try:
            rule = self._services.legal.rule(RuleKey.CNBB_DOSSIER_WORKING_DAYS, found)
        except MissingRuleError as error:
            self.limit_label.setText(str(error))
            return
        due = add_working_days(found, rule.value)
        text = (
            f"Thời hạn lập hồ sơ: {rule.value:02d} ngày làm việc kể từ ngày phát hiện, "
            f"tức là đến hết ngày {format_day(due)} ({rule.source})."
        )
        if self.created_on.day() > due:
            late = (self.created_on.day() - due).days
            text += f" Ngày lập hồ sơ đã chậm {late:02d} ngày so với thời hạn."
        self.limit_label.setText(text)

    def save(self) -> bool:
        """Open the dossier; on a refusal show it beside its field and keep the dialog."""
        self.form.clear_errors()
        person_id = self.picker.person_id()
        if person_id is None:
            self.form.set_error(PERSON_FIELD, "Chưa chọn đối tượng.")
            self.adjustSize()
            return False
        try:
            record = self._services.dossiers.open_dossier(
                person_id, self.found_on.day(), self.created_on.day(), self.note.text()
            )
        except ValidationError as error:
            self.form.show_problems(error.problems)
            self.adjustSize()  # the messages take room the dialog did not have
            return False
        except NotFoundError as error:
            self.form.set_error(PERSON_FIELD, str(error))
            self.adjustSize()
            return False
        self.saved_id = record.id
        return True

    def _on_ok(self) -> None:
        try:
            saved = self.save()
        except Exception as error:  # any other failure: say so; nothing was written
            show_refusal(self, "Không lập được hồ sơ", error)
            return
        if saved:
            self.accept()
