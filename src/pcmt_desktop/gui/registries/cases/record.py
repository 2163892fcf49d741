"""One case in full: what happened, who, what was seized, and its audit trail."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.registries.cases.amounts import format_money
from pcmt_desktop.gui.registries.cases.labels import seized_text
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.audit_text import EMPTY
from pcmt_desktop.gui.widgets.record_audit_view import RecordAuditView
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import CaseRecord
from pcmt_desktop.services.registry import Services


def describe_case(
    record: CaseRecord, article_titles: dict[str, str], sub_area_label: str = "Địa bàn"
) -> list[tuple[str, str]]:
    """The record's lines as (label, text), in the order an officer reads a case."""
    lines = [
        (
            "Loại vụ việc",
            "Vụ án hình sự" if record.kind is CaseKind.CRIMINAL else "Vi phạm hành chính",
        ),
        ("Ngày xảy ra", format_day(record.occurred_on)),
        (sub_area_label, record.sub_area_name or EMPTY),
        ("Tóm tắt", record.summary or EMPTY),
    ]
    if record.kind is CaseKind.CRIMINAL:
        charges = [f"Điều {a} — {article_titles.get(a, '')}" for a in record.articles]
        lines.append(("Tội danh", "\n".join(charges) or EMPTY))
        prosecuted = (
            f"Đã khởi tố, {record.defendants} bị can" if record.prosecuted else "Chưa khởi tố"
        )
        lines.append(("Khởi tố", prosecuted))
    else:
        lines.append(("Hành vi vi phạm", record.act))
        fine = EMPTY if record.fine_vnd is None else f"{format_money(record.fine_vnd)} đồng"
        lines.append(("Tiền phạt", fine))
    lines += [
        ("Tiếp nhận từ", record.received_from or "Đơn vị tự phát hiện"),
        ("Số đối tượng", str(record.subjects)),
        ("Tang vật thu giữ", seized_text(record.seized) or "Không có"),
    ]
    if record.note:
        lines.append(("Ghi chú", record.note))
    return lines


class CaseRecordDialog(QDialog):
    def __init__(self, services: Services, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._case_id = case_id
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setWordWrap(True)
        self.subjects = QTableWidget(0, 3, self)
        self.subjects.setHorizontalHeaderLabels(["Họ và tên", "Năm sinh", "Trong sổ đối tượng"])
        self.subjects.verticalHeader().hide()
        self.subjects.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.subjects.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.subjects.setMaximumHeight(130)
        history_box = QGroupBox("Nhật ký thay đổi", self)
        # The case's summaries already open with the verb ("Sửa vụ án hình sự …").
        self.audit_view = RecordAuditView(services, history_box, action_in_headline=False)
        self.history = self.audit_view.table
        QVBoxLayout(history_box).addWidget(self.audit_view)
        buttons = QDialogButtonBox(self)
        self.edit_button = buttons.addButton("Sửa…", QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.edit_button.clicked.connect(self._edit)
        withhold(services.context.actor, Permission.RECORDS_EDIT, self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(QLabel("<b>Đối tượng được kê tên</b>", self))
        layout.addWidget(self.subjects)
        layout.addWidget(history_box, 1)
        layout.addWidget(buttons)
        self.resize(860, 680)
        self.reload()

    def reload(self) -> None:
        services = self._services
        record = services.cases.get(self._case_id)
        self.setWindowTitle(record.title())
        titles = {info.article: info.title for info in services.cases.articles()}
        rows = "".join(
            f"<tr><td style='padding-right:12px; color:#555;'>{escape(label)}</td>"
            f"<td>{escape(text).replace(chr(10), '<br>')}</td></tr>"
            for label, text in describe_case(record, titles, sub_area_field_label(services))
        )
        self.details.setText(f"<table>{rows}</table>")
        self.subjects.setRowCount(len(record.named_subjects))
        for row, subject in enumerate(record.named_subjects):
            cells = (
                subject.full_name,
                "" if subject.birth_year is None else str(subject.birth_year),
                "Chưa có trong sổ" if subject.person_id is None else f"Có (mã {subject.person_id})",
            )
            for column, text in enumerate(cells):
                self.subjects.setItem(row, column, QTableWidgetItem(text))
        self.audit_view.set_records(services.cases.history(self._case_id))

    def _edit(self) -> None:
        from pcmt_desktop.gui.registries.cases.form import CaseFormDialog

        dialog = CaseFormDialog(self._services, self._case_id, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.reload()
