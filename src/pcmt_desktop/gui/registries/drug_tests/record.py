"""One drug test as a record: what was found, what the result calls for, and its history.

The history is the test's own audit trail (``audit.entries_for_record``): who entered or
changed it, when, and each field's value before and after, in the officer's words.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.registries.drug_tests.form import (
    NEGATIVE_STYLE,
    POSITIVE_STYLE,
    DrugTestFormDialog,
    offer_move,
)
from pcmt_desktop.gui.widgets.record_audit_view import RecordAuditView
from pcmt_desktop.services import audit
from pcmt_desktop.services.drug_tests import DRUG_TEST_ENTITY, DrugTestRecord
from pcmt_desktop.services.registry import Services

EMPTY = "—"


class DrugTestRecordDialog(QDialog):
    """Kết quả test ma túy: the test, the move it may call for, and its audit trail."""

    def __init__(self, services: Services, test_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.test_id = test_id
        self.record: DrugTestRecord = services.drug_tests.get(test_id)
        self.setWindowTitle("Kết quả test ma túy")
        self._build()
        self.refresh()
        self.resize(760, 620)

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.values: dict[str, QLabel] = {}
        for name, label in (
            ("person", "Đối tượng"),
            ("test_date", "Ngày test"),
            ("summoned_by", "Người triệu tập"),
            ("method", "Phương pháp test"),
            ("result", "Kết quả"),
            ("substances", "Dương tính với"),
            ("follow_up", "Xử lý tiếp theo"),
            ("note", "Ghi chú"),
        ):
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(f"{label}:", value)
            self.values[name] = value

        self.move_panel = QFrame(self)
        self.move_panel.setObjectName("movePanel")
        self.move_panel.setStyleSheet(
            "#movePanel { background: #fff6d6; border: 1px solid #e0b000; border-radius: 4px; }"
        )
        panel = QHBoxLayout(self.move_panel)
        self.move_text = QLabel(self.move_panel)
        self.move_text.setWordWrap(True)
        self.move_button = QPushButton("Chuyển diện", self.move_panel)
        self.move_button.setAutoDefault(False)
        self.move_button.clicked.connect(self._on_move)
        panel.addWidget(self.move_text, 1)
        panel.addWidget(self.move_button)

        history = QGroupBox("Nhật ký thay đổi của kết quả test này", self)
        # The test's summaries already open with the verb ("Sửa kết quả test …").
        self.audit_view = RecordAuditView(self._services, history, action_in_headline=False)
        self.audit_table = self.audit_view.table
        self.audit_details = self.audit_view.details
        QVBoxLayout(history).addWidget(self.audit_view)

        self.buttons = QDialogButtonBox(self)
        self.edit_button = self.buttons.addButton("Sửa…", QDialogButtonBox.ButtonRole.ActionRole)
        self.person_button = self.buttons.addButton(
            "Hồ sơ đối tượng…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.edit_button.clicked.connect(self.edit)
        self.person_button.clicked.connect(self.open_person)
        # A role that may not change records reads the test without these.
        self.may_edit = withhold(
            self._services.context.actor, Permission.RECORDS_EDIT, self.edit_button
        )
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(self.move_panel)
        layout.addWidget(history, 1)
        layout.addWidget(self.buttons)

    # --- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the test, its suggested move and its trail again (after any write)."""
        try:
            self.record = self._services.drug_tests.get(self.test_id)
        except NotFoundError:
            self.values["person"].setText("(kết quả test này đã bị xóa)")
            self.edit_button.setEnabled(False)
            self.move_panel.hide()
            self._show_audit()
            return
        record = self.record
        birth = f" (sinh năm {record.person_birth_year})" if record.person_birth_year else ""
        where = f" — {record.sub_area_name}" if record.sub_area_name else ""
        self.values["person"].setText(f"{record.person_name}{birth}{where}")
        self.values["test_date"].setText(format_day(record.test_date))
        self.values["summoned_by"].setText(record.summoned_by or EMPTY)
        self.values["method"].setText(record.method or EMPTY)
        result = self.values["result"]
        result.setText(record.result_text.upper() if record.positive else record.result_text)
        result.setStyleSheet(POSITIVE_STYLE if record.positive else NEGATIVE_STYLE)
        self.values["substances"].setText(record.substances_text or EMPTY)
        self.values["follow_up"].setText(record.follow_up or EMPTY)
        self.values["note"].setText(record.note or EMPTY)
        suggestion = self._services.drug_tests.move_suggestion(self.test_id)
        self.move_panel.setVisible(suggestion is not None and self.may_edit)
        if suggestion is not None:
            self.move_text.setText(f"Kết quả dương tính — đề nghị: {suggestion.question}")
            self.move_button.setText(
                "Đưa vào diện" if suggestion.from_list is None else "Chuyển diện"
            )
        self._show_audit()

    def _show_audit(self) -> None:
        context = self._services.context
        self.audit_view.set_records(
            audit.entries_for_record(context, DRUG_TEST_ENTITY, self.test_id)
        )

    def details_text(self) -> str:
        return self.audit_details.toPlainText()

    # --- actions -------------------------------------------------------------------------
    def edit(self) -> DrugTestFormDialog:
        """Open the form over this view (window-modal); the view reloads when it saves."""
        form = DrugTestFormDialog(self._services, self.test_id, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(self.refresh)
        form.open()
        return form

    def change_list(self, *, ask: bool = True) -> None:
        """Make the move the positive result calls for (after asking, unless ``ask`` False)."""
        if offer_move(self, self._services, self.test_id, ask=ask) is not None:
            self.refresh()

    def _on_move(self) -> None:
        self.change_list()

    def open_person(self) -> None:
        from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog

        dialog = PersonHistoryDialog(self._services, self.record.person_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self.refresh())
        dialog.open()
