"""One drug test as a record: what was found, what the result calls for, and its history.

The history is the test's own audit trail (``audit.entries_for_record``): who entered or
changed it, when, and each field's value before and after, in the officer's words.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.substances import Substance, result_text
from pcmt_desktop.gui.registries.drug_tests.form import (
    NEGATIVE_STYLE,
    POSITIVE_STYLE,
    DrugTestFormDialog,
    offer_move,
)
from pcmt_desktop.services import audit
from pcmt_desktop.services.audit import AuditRecord
from pcmt_desktop.services.drug_tests import DRUG_TEST_ENTITY, DrugTestRecord
from pcmt_desktop.services.registry import Services

EMPTY = "—"
FIELD_LABELS: dict[str, str] = {
    "person_id": "Đối tượng",
    "test_date": "Ngày test",
    "summoned_by": "Người triệu tập",
    "method": "Phương pháp test",
    "positive": "Kết quả",
    **{item.value: item.label for item in Substance if item is not Substance.OTHER},
    "other": "Chất khác",
    "other_substance": "Tên chất khác",
    "follow_up": "Xử lý tiếp theo",
    "note": "Ghi chú",
}
HIDDEN_KEYS = frozenset({"id"})


class DrugTestAuditFormatter:
    """Lines an officer can read from a test's audit record: "Kết quả: Âm tính → Dương tính"."""

    def __init__(self, person_names: Mapping[int, str]) -> None:
        self._person_names = person_names

    def details(self, record: AuditRecord) -> str:
        lines = [record.summary]
        before, after = record.before or {}, record.after or {}
        keys = [key for key in FIELD_LABELS if key in before or key in after]
        for key in keys:
            old, new = self.value(key, before.get(key)), self.value(key, after.get(key))
            label = FIELD_LABELS[key]
            if not before:
                if new != EMPTY:
                    lines.append(f"{label}: {new}")
            elif not after:
                if old != EMPTY:
                    lines.append(f"{label}: {old}")
            elif old != new:
                lines.append(f"{label}: {old} → {new}")
        return "\n".join(lines)

    def value(self, key: str, value: Any) -> str:
        if value is None or value == "":
            text = EMPTY
        elif key == "positive":
            text = result_text(bool(value))
        elif isinstance(value, bool):
            text = "Có" if value else "Không"
        elif key == "person_id" and isinstance(value, int):
            text = self._person_names.get(value, f"mã {value}")
        elif key == "test_date" and isinstance(value, str):
            text = _day_text(value)
        else:
            text = str(value)
        return text


def _day_text(iso: str) -> str:
    try:
        return format_day(date.fromisoformat(iso))
    except ValueError:
        return iso


def _time_text(at: datetime) -> str:
    return at.strftime("%d/%m/%Y %H:%M")


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class DrugTestRecordDialog(QDialog):
    """Kết quả test ma túy: the test, the move it may call for, and its audit trail."""

    def __init__(self, services: Services, test_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.test_id = test_id
        self.record: DrugTestRecord = services.drug_tests.get(test_id)
        self.audit_records: list[AuditRecord] = []
        self._formatter = DrugTestAuditFormatter({})
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
        self.audit_table = QTableWidget(0, 4, history)
        self.audit_table.setHorizontalHeaderLabels(
            ["Thời điểm", "Người thực hiện", "Thao tác", "Nội dung"]
        )
        self.audit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.audit_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.audit_table.verticalHeader().hide()
        self.audit_table.setWordWrap(False)
        header = self.audit_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.audit_table.itemSelectionChanged.connect(self._show_audit_details)
        self.audit_details = QPlainTextEdit(history)
        self.audit_details.setReadOnly(True)
        self.audit_details.setPlaceholderText("Chọn một dòng để xem giá trị trước và sau")
        self.audit_details.setMaximumHeight(130)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.audit_table, 1)
        history_layout.addWidget(self.audit_details)

        self.buttons = QDialogButtonBox(self)
        self.edit_button = self.buttons.addButton("Sửa…", QDialogButtonBox.ButtonRole.ActionRole)
        self.person_button = self.buttons.addButton(
            "Hồ sơ đối tượng…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.edit_button.clicked.connect(self.edit)
        self.person_button.clicked.connect(self.open_person)
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
        self.move_panel.setVisible(suggestion is not None)
        if suggestion is not None:
            self.move_text.setText(f"Kết quả dương tính — đề nghị: {suggestion.question}")
            self.move_button.setText(
                "Đưa vào diện" if suggestion.from_list is None else "Chuyển diện"
            )
        self._show_audit()

    def _show_audit(self) -> None:
        context = self._services.context
        self.audit_records = audit.entries_for_record(context, DRUG_TEST_ENTITY, self.test_id)
        self._formatter = DrugTestAuditFormatter(self._person_names(self.audit_records))
        table = self.audit_table
        table.setRowCount(len(self.audit_records))
        for row, entry in enumerate(self.audit_records):
            table.setItem(row, 0, _item(_time_text(entry.at)))
            table.setItem(row, 1, _item(entry.user_name))
            table.setItem(row, 2, _item(entry.action_label))
            table.setItem(row, 3, _item(entry.summary))
        table.clearSelection()
        if self.audit_records:
            table.selectRow(0)
        # Said outright: selecting the row that was already selected emits nothing.
        self._show_audit_details()

    def _person_names(self, records: list[AuditRecord]) -> dict[int, str]:
        """Names of the persons a change of the test's person mentions."""
        ids: set[int] = set()
        for entry in records:
            for values in (entry.before or {}, entry.after or {}):
                if isinstance(values.get("person_id"), int):
                    ids.add(values["person_id"])
        names: dict[int, str] = {}
        for person_id in ids:
            try:
                names[person_id] = self._services.persons.get(person_id).full_name
            except NotFoundError:
                continue
        return names

    def _show_audit_details(self) -> None:
        rows = {index.row() for index in self.audit_table.selectionModel().selectedRows()}
        if not rows:
            self.audit_details.clear()
            return
        entry = self.audit_records[rows.pop()]
        self.audit_details.setPlainText(self._formatter.details(entry))

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
