"""One CNBB dossier: the person, the steps in order, the status, the limits, the history.

Steps are added only in the order the procedure allows; a mistaken step is corrected or
deleted. After "Hoàn thành" the dialog offers to move the person to the post-rehab list
for the period the law gives.
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.dossier_steps import StepKind
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.widgets.keyed_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from pcmt_desktop.gui.widgets.record_audit_view import RecordAuditView
from pcmt_desktop.services.dossiers import DossierRecord, StepRecord
from pcmt_desktop.services.registry import Services

DUE_SOON_DAYS = 7
EMPTY = "—"


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class DossierRecordDialog(QDialog):
    """Hồ sơ CNBB: steps, status and limits; every write goes through the service."""

    def __init__(self, services: Services, dossier_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.dossier_id = dossier_id
        # The last refusal met without asking (ask=False), for whoever drives the dialog.
        self.last_refusal = ""
        self.record: DossierRecord = services.dossiers.get(dossier_id)
        self.setSizeGripEnabled(True)
        self.resize(1000, 680)
        self._build_header()
        self._build_steps()
        self._build_limits()
        # A role that may not change records reads the dossier without these.
        self.may_edit = withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.post_rehab_button,
            self.add_step_button,
            self.correct_step_button,
            self.delete_step_button,
        )
        self.audit_view = RecordAuditView(services, self)
        steps_page = QWidget(self)
        page_layout = QVBoxLayout(steps_page)
        page_layout.addWidget(self.steps_box, 1)
        page_layout.addWidget(self.limits_box)
        self.pages = QTabWidget(self)
        self.pages.addTab(steps_page, "Các bước và thời hạn")
        self.pages.addTab(self.audit_view, "Nhật ký thay đổi")
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_box.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_box)
        layout.addWidget(self.pages, 1)
        layout.addWidget(close_box)
        self.refresh()

    # --- building ------------------------------------------------------------------------
    def _build_header(self) -> None:
        self.header_box = QGroupBox("Hồ sơ đưa đi cai nghiện bắt buộc", self)
        self.name_label = QLabel(self.header_box)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.facts_label = QLabel(self.header_box)
        self.facts_label.setWordWrap(True)
        self.status_label = QLabel(self.header_box)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setWordWrap(True)
        self.post_rehab_button = QPushButton("Chuyển sang diện sau cai…", self.header_box)
        self.post_rehab_button.setAutoDefault(False)
        self.post_rehab_button.clicked.connect(self.offer_post_rehab)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.post_rehab_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self.header_box)
        layout.addLayout(top)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.status_label)

    def _build_steps(self) -> None:
        self.steps_box = QGroupBox("Các bước của hồ sơ", self)
        self.steps_table = _table(
            ["Ngày", "Bước", "Thời hạn", "Lý do, cơ sở, tính chất", "Ghi chú"], self.steps_box
        )
        self.steps_table.itemSelectionChanged.connect(self._update_buttons)
        self.steps_table.doubleClicked.connect(lambda _index: self.open_correct_step())
        self.add_step_button = QPushButton("Thêm bước…", self.steps_box)
        self.correct_step_button = QPushButton("Sửa bước nhập nhầm…", self.steps_box)
        self.delete_step_button = QPushButton("Xóa bước nhập nhầm", self.steps_box)
        self.add_step_button.clicked.connect(self.open_add_step)
        self.correct_step_button.clicked.connect(self.open_correct_step)
        self.delete_step_button.clicked.connect(self.delete_step)
        buttons = QHBoxLayout()
        for button in (self.add_step_button, self.correct_step_button, self.delete_step_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.steps_box)
        layout.addWidget(self.steps_table, 1)
        layout.addLayout(buttons)

    def _build_limits(self) -> None:
        self.limits_box = QGroupBox("Thời hạn theo quy định", self)
        self.limits_table = _table(
            ["Thời hạn", "Tính từ ngày", "Hạn", "Tình trạng", "Căn cứ"], self.limits_box
        )
        # Three clocks at most: room for them without taking the steps' space.
        rows = self.limits_table.verticalHeader().defaultSectionSize()
        header = self.limits_table.horizontalHeader().sizeHint().height()
        self.limits_table.setFixedHeight(header + 3 * rows + 6)
        layout = QVBoxLayout(self.limits_box)
        layout.addWidget(self.limits_table)

    # --- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.record = self._services.dossiers.get(self.dossier_id)
        record = self.record
        today = self._services.context.today()
        self.setWindowTitle(f"Hồ sơ CNBB — {record.person_name}")
        self.name_label.setText(record.person_name)
        facts = []
        if record.birth_year:
            facts.append(f"Năm sinh {record.birth_year}")
        if record.sub_area_name:
            facts.append(record.sub_area_name)
        facts.append(f"phát hiện ngày {format_day(record.found_on)}")
        facts.append(f"lập hồ sơ ngày {format_day(record.created_on)}")
        if record.note:
            facts.append(record.note)
        self.facts_label.setText(" — ".join(facts))
        status = f"Tình trạng: <b>{record.status}</b>"
        limit = record.next_limit()
        if limit is not None:
            colour = "#b00020" if limit.days_left(today) < 0 else "#000"
            status += (
                f"<br>Việc tiếp theo: <span style='color:{colour}'>{limit.what} — hạn "
                f"{format_day(limit.due)} ({limit.state(today).lower()})</span>"
            )
        if record.moved_to_post_rehab:
            status += "<br>Đã chuyển sang diện quản lý sau cai nghiện."
        self.status_label.setText(status)
        self._fill_steps(record.steps)
        self._fill_limits(today)
        self.audit_view.set_records(self._services.dossiers.history(self.dossier_id))
        self._update_buttons()

    def _fill_steps(self, steps: tuple[StepRecord, ...]) -> None:
        selected = self.selected_step()
        table = self.steps_table
        table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            cells = [
                format_day(step.day),
                step.kind.label,
                f"{step.term_months} tháng" if step.term_months else "",
                step.detail,
                step.note,
            ]
            for column, text in enumerate(cells):
                table.setItem(row, column, _cell(text))
        table.resizeColumnsToContents()
        for column in range(table.columnCount() - 1):
            table.setColumnWidth(column, max(90, min(table.columnWidth(column), 320)))
        table.clearSelection()
        if selected is not None:
            self.select_step(selected.id)

    def _fill_limits(self, today: date) -> None:
        table = self.limits_table
        limits = self.record.limits
        table.setRowCount(len(limits))
        for row, limit in enumerate(limits):
            cells = [
                limit.what,
                format_day(limit.starts),
                format_day(limit.due),
                limit.state(today),
                limit.source,
            ]
            colour = None
            if limit.pending and limit.days_left(today) < 0:
                colour = OVERDUE_COLOUR
            elif limit.pending and limit.days_left(today) <= DUE_SOON_DAYS:
                colour = DUE_SOON_COLOUR
            for column, text in enumerate(cells):
                item = _cell(text)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.setColumnWidth(0, min(table.columnWidth(0), 420))

    def selected_step(self) -> StepRecord | None:
        rows = {index.row() for index in self.steps_table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        steps = self.record.steps
        return steps[row] if row < len(steps) else None

    def select_step(self, step_id: int) -> None:
        for row, step in enumerate(self.record.steps):
            if step.id == step_id:
                self.steps_table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        step = self.selected_step()
        self.add_step_button.setEnabled(bool(self.record.allowed_next()))
        self.correct_step_button.setEnabled(step is not None)
        self.delete_step_button.setEnabled(step is not None and step.kind is not StepKind.CREATED)
        completed = self.record.step(StepKind.COMPLETED) is not None
        self.post_rehab_button.setVisible(
            self.may_edit and completed and not self.record.moved_to_post_rehab
        )

    # --- operations ------------------------------------------------------------------------
    def open_add_step(self) -> None:
        from pcmt_desktop.gui.registries.dossiers.step_dialog import StepDialog

        dialog = StepDialog(self._services, self.record, None, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.saved_record
        dialog.deleteLater()
        if accepted and saved is not None:
            self.after_step_saved()

    def open_correct_step(self) -> None:
        step = self.selected_step()
        if step is None or not self.may_edit:
            return
        from pcmt_desktop.gui.registries.dossiers.step_dialog import StepDialog

        dialog = StepDialog(self._services, self.record, step, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
        dialog.deleteLater()

    def after_step_saved(self, *, ask: bool = True) -> None:
        """Reload; after "Hoàn thành" offer the move to the post-rehab list."""
        before = self.record
        self.refresh()
        newly_completed = (
            before.step(StepKind.COMPLETED) is None
            and self.record.step(StepKind.COMPLETED) is not None
        )
        if newly_completed and not self.record.moved_to_post_rehab:
            self.offer_post_rehab(ask=ask)

    def offer_post_rehab(self, *, ask: bool = True) -> bool:
        """Move the person to ``sau_cai`` for the law's months, after asking; True if moved."""
        dossiers = self._services.dossiers
        try:
            offer = dossiers.post_rehab_offer(self.dossier_id)
        except (ValidationError, NotFoundError) as error:
            self.last_refusal = str(error)
            if ask:
                show_refusal(self, "Không chuyển được sang diện sau cai", error)
            return False
        name = self.record.person_name
        question = (
            f"{name} đã hoàn thành cai nghiện bắt buộc ngày {format_day(offer.day)}.\n\n"
            f"Chuyển {name} sang diện quản lý sau cai nghiện từ ngày {format_day(offer.day)}, "
            f"thời hạn {offer.months} tháng (đến ngày {format_day(offer.due)})?"
        )
        if ask and not confirm(self, "Chuyển sang diện sau cai nghiện", question):
            return False
        try:
            dossiers.move_to_post_rehab(self.dossier_id)
        except (ValidationError, NotFoundError) as error:
            self.last_refusal = str(error)
            if ask:
                show_refusal(self, "Không chuyển được sang diện sau cai", error)
            self.refresh()
            return False
        self.refresh()
        return True

    def delete_step(self, *, ask: bool = True) -> bool:
        step = self.selected_step()
        if step is None:
            return False
        question = (
            f"Xóa bước “{step.kind.label}” ngày {format_day(step.day)}?\n\n"
            "Chỉ xóa khi bước này được nhập nhầm. Nhật ký thay đổi vẫn giữ nội dung đã xóa."
        )
        if ask and not confirm(self, "Xóa bước nhập nhầm", question):
            return False
        try:
            self._services.dossiers.delete_step(step.id)
        except (ValidationError, NotFoundError) as error:
            self.last_refusal = str(error)
            if ask:
                show_refusal(self, "Không xóa được bước", error)
            return False
        self.refresh()
        return True
