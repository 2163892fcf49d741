"""Adding or editing a campaign phase; an existing phase shows its trail and its targets'."""

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.date_field import DateEdit, to_qdate
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.gui.widgets.record_audit_view import AuditTable, RecordAuditView
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.targets import PhaseInput

# Phases are plans: they may end, or even start, after today.
LATEST_PLANNED = date(2100, 12, 31)


def _plan_date(services: Services, parent: QWidget) -> DateEdit:
    edit = DateEdit(services.context.today(), parent)
    edit.setMaximumDate(to_qdate(LATEST_PLANNED))
    return edit


class PhaseDialog(QDialog):
    """Add (``phase_id`` None) or edit a phase; sets ``saved_phase_id`` on success."""

    def __init__(
        self, services: Services, phase_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._phase_id = phase_id
        self.saved_phase_id: int | None = None
        self.form = FieldForm(self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("ví dụ: Giai đoạn 2 đợt cao điểm")
        self.start = _plan_date(services, self)
        self.end = _plan_date(services, self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(60)
        self.form.add_field("name", "Tên giai đoạn", self.name, required=True)
        self.form.add_field("start", "Từ ngày", self.start, required=True)
        self.form.add_field("end", "Đến hết ngày", self.end, required=True)
        self.form.add_field("note", "Ghi chú", self.note)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        # Opened to read by a role that may not change records: nothing to save then.
        withhold(services.context.actor, Permission.RECORDS_EDIT, self.save_button)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.audit_view: RecordAuditView | None = None
        self.history: AuditTable | None = None
        if phase_id is None:
            self.setWindowTitle("Thêm giai đoạn")
            self.resize(520, 260)
        else:
            phase = services.targets.phase(phase_id)
            self.setWindowTitle(f"Giai đoạn {phase.name}")
            self.name.setText(phase.name)
            self.start.set_day(phase.start)
            self.end.set_day(phase.end)
            self.note.setPlainText(phase.note)
            box = QGroupBox("Nhật ký thay đổi (giai đoạn và chỉ tiêu)", self)
            # The phase's summaries already open with the verb ("Đặt chỉ tiêu …").
            self.audit_view = RecordAuditView(services, box, action_in_headline=False)
            self.history = self.audit_view.table
            QVBoxLayout(box).addWidget(self.audit_view)
            self.audit_view.set_records(services.targets.history(phase_id))
            layout.addWidget(box, 1)
            self.resize(760, 560)
        layout.addWidget(buttons)

    def save(self) -> bool:
        self.form.clear_errors()
        data = PhaseInput(
            self.name.text(), self.start.day(), self.end.day(), self.note.toPlainText()
        )
        try:
            if self._phase_id is None:
                record = self._services.targets.add_phase(data)
            else:
                record = self._services.targets.edit_phase(self._phase_id, data)
        except ValidationError as error:
            self.form.show_problems(error.problems)
            return False
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không lưu được giai đoạn", error)
            return False
        self.saved_phase_id = record.id
        self.accept()
        return True
