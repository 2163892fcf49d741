"""The person's record in one view: identity, every dated history, and the audit trail.

A list on the left names each kind of history with its state today, so the officer sees
at a glance where the person stands; the page on the right holds that kind's entries and
the operations on them. Every write goes through the services, then the view reloads.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.registries.persons.form import PersonFormDialog, sub_area_field_label
from pcmt_desktop.gui.registries.persons.history_entry_dialog import (
    HistoryEntryDialog,
    MoveListDialog,
    current_text,
)
from pcmt_desktop.gui.widgets.record_audit_view import RecordAuditView
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.histories import HistoryEntry
from pcmt_desktop.services.history_kinds import KIND_SPECS, HistoryKind
from pcmt_desktop.services.person_related import related_records
from pcmt_desktop.services.persons import PersonRecord
from pcmt_desktop.services.registry import Services

RELATED_TITLE = "Test, hồ sơ CNBB, vụ việc"

RUNNING = "đang tiếp diễn"
EMPTY = "—"


def _birth_text(person: PersonRecord) -> str:
    if person.birth_date is not None:
        return format_day(person.birth_date)
    return str(person.birth_year) if person.birth_year else EMPTY


def _read_only_table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class HistorySection(QWidget):
    """One kind of history: the state today, the entries, and what can be done to them."""

    def __init__(
        self,
        services: Services,
        person_id: int,
        kind: HistoryKind,
        owner: "PersonHistoryDialog",
    ) -> None:
        super().__init__(owner)
        self._services = services
        self._person_id = person_id
        self._owner = owner
        self.kind = kind
        self.spec = KIND_SPECS[kind]
        self.entries: list[HistoryEntry] = []
        is_list = kind is HistoryKind.LIST

        title = QLabel(self.spec.label, self)
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        title.setFont(title_font)
        title.setWordWrap(True)
        self.current_label = QLabel(self)
        self.current_label.setWordWrap(True)
        self.current_label.setTextFormat(Qt.TextFormat.RichText)
        headers = [self.spec.start_label, self.spec.end_label]
        headers += [item.label for item in self.spec.fields]
        self.table = _read_only_table(headers, self)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_correct)

        self.add_button = QPushButton("Đưa vào diện…" if is_list else "Thêm…", self)
        self.move_button: QPushButton | None = (
            QPushButton("Chuyển diện…", self) if is_list else None
        )
        self.end_button = QPushButton("Thanh loại…" if is_list else "Kết thúc…", self)
        self.correct_button = QPushButton("Sửa mục nhập nhầm…" if is_list else "Sửa…", self)
        self.delete_button = QPushButton("Xóa mục nhập nhầm" if is_list else "Xóa", self)
        self.add_button.clicked.connect(self._on_add)
        if self.move_button is not None:
            self.move_button.clicked.connect(self._on_move)
        self.end_button.clicked.connect(self._on_end)
        self.correct_button.clicked.connect(self._on_correct)
        self.delete_button.clicked.connect(self._on_delete)
        self.end_button.setToolTip(
            "Thanh loại khỏi diện đang quản lý" if is_list else "Kết thúc mục đang tiếp diễn"
        )
        self.correct_button.setToolTip("Sửa dòng đang chọn (chỉ dùng khi nhập nhầm)")
        self.delete_button.setToolTip("Xóa dòng đang chọn (chỉ dùng khi nhập nhầm)")

        # A role that may not change records reads the history without these.
        self.may_edit = withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.add_button,
            self.move_button,
            self.end_button,
            self.correct_button,
            self.delete_button,
        )
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.move_button,
            self.end_button,
            self.correct_button,
            self.delete_button,
        ):
            if button is not None:
                button.setAutoDefault(False)
                buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.current_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- state ---------------------------------------------------------------------------
    def running_entry(self) -> HistoryEntry | None:
        # Periods of one kind never overlap, so at most one is still running.
        return next((entry for entry in self.entries if entry.end is None), None)

    def state_text(self) -> str:
        running = self.running_entry()
        if running is not None:
            return current_text(running)
        if self.kind is HistoryKind.LIST:
            return "không ở diện quản lý nào"
        return "không có mục đang tiếp diễn"

    def selected_entry(self) -> HistoryEntry | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        return self.entries[rows.pop()]

    def select_entry(self, entry_id: int) -> None:
        for row, entry in enumerate(self.entries):
            if entry.id == entry_id:
                self.table.selectRow(row)
                return

    def refresh(self) -> None:
        selected = self.selected_entry()
        self.entries = self._services.histories.entries(self._person_id, self.kind)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = [
                format_day(entry.start),
                RUNNING if entry.end is None else format_day(entry.end),
            ]
            cells += [item.label_of(entry.values.get(item.name) or "") for item in self.spec.fields]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if entry.end is None:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        # Long reasons would push the last columns out of sight (the tooltip has them
        # whole); an empty table still shows readable headers.
        for column in range(self.table.columnCount() - 1):
            width = self.table.columnWidth(column)
            self.table.setColumnWidth(column, max(110, min(width, 190)))
        self.table.clearSelection()
        if selected is not None:
            self.select_entry(selected.id)
        running = self.running_entry()
        self.current_label.setText(
            f"Hiện tại: <b>{self.state_text()}</b>"
            if running is not None
            else f"Hiện tại: {self.state_text()}."
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.running_entry() is not None
        selected = self.selected_entry() is not None
        self.end_button.setEnabled(running)
        if self.move_button is not None:
            self.move_button.setEnabled(running)
        self.correct_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    # --- operations ------------------------------------------------------------------------
    def _on_add(self) -> None:
        self._owner.open_child(
            HistoryEntryDialog.for_add(self._services, self.kind, self._person_id, self._owner)
        )

    def _on_move(self) -> None:
        self._owner.open_child(MoveListDialog(self._services, self._person_id, self._owner))

    def _on_end(self) -> None:
        running = self.running_entry()
        if running is not None:
            self._owner.open_child(HistoryEntryDialog.for_end(self._services, running, self._owner))

    def _on_correct(self) -> None:
        entry = self.selected_entry()
        if entry is not None and self.may_edit:
            self._owner.open_child(
                HistoryEntryDialog.for_correct(self._services, entry, self._owner)
            )

    def _on_delete(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        title = self.delete_button.text()
        question = (
            f"Xóa mục “{entry.describe()}”?\n\n"
            "Chỉ xóa khi mục này được nhập nhầm. Để ghi nhận việc đã kết thúc, hãy dùng "
            f"“{self.end_button.text().rstrip('…')}”. Nhật ký thay đổi vẫn giữ nội dung đã xóa."
        )
        if not confirm(self._owner, title, question):
            return
        try:
            self._services.histories.delete(self.kind, entry.id)
        except Exception as error:  # any failure: say so; nothing was deleted
            show_refusal(self._owner, "Không xóa được", error)
            return
        self._owner.refresh()


class PersonHistoryDialog(QDialog):
    """Hồ sơ đối tượng: identity, the six kinds of dated history, and the audit trail."""

    def __init__(self, services: Services, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.person_id = person_id
        self.setSizeGripEnabled(True)
        self.resize(1000, 700)

        self._build_identity()

        splitter = self._build_histories()

        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_button = close_box.button(QDialogButtonBox.StandardButton.Close)
        close_button.setText("Đóng")
        close_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_box)
        layout.addWidget(splitter, 1)
        layout.addWidget(close_box)

        self.refresh()
        self._record_opening()
        self.navigation.setCurrentRow(0)

    def _build_histories(self) -> QSplitter:
        services, person_id = self._services, self.person_id
        self.navigation = QListWidget(self)
        self.navigation.setWordWrap(True)
        self.navigation.setSpacing(2)
        self.navigation.setMinimumWidth(220)
        self.navigation.setMaximumWidth(280)
        self.pages = QStackedWidget(self)
        self.sections: dict[HistoryKind, HistorySection] = {}
        for kind in HistoryKind:
            section = HistorySection(services, person_id, kind, self)
            self.sections[kind] = section
            self.pages.addWidget(section)
            self.navigation.addItem(QListWidgetItem(KIND_SPECS[kind].label))
        self.related_page = self._build_related_page()
        self.pages.addWidget(self.related_page)
        self.navigation.addItem(QListWidgetItem(RELATED_TITLE))
        self.audit_page = self._build_audit_page()
        self.pages.addWidget(self.audit_page)
        self.navigation.addItem(QListWidgetItem("Nhật ký thay đổi"))
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([240, 760])
        return splitter

    def _build_identity(self) -> None:
        services = self._services
        self.identity_box = QGroupBox("Thông tin đối tượng", self)
        self.name_label = QLabel(self.identity_box)
        name_font = QFont(self.name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.4)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.edit_button = QPushButton("Sửa thông tin…", self.identity_box)
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self._on_edit_person)
        withhold(services.context.actor, Permission.RECORDS_EDIT, self.edit_button)
        self.current_list_label = QLabel(self.identity_box)
        self.current_list_label.setTextFormat(Qt.TextFormat.RichText)
        self.current_list_label.setWordWrap(True)
        self.identity_values: dict[str, QLabel] = {}
        captions = {
            "gender": "Giới tính",
            "birth": "Ngày sinh",
            "cccd": "Số CCCD",
            "sub_area": sub_area_field_label(services),
            "village": "Thôn, xóm",
            "occupation": "Nghề nghiệp",
            "permanent_address": "Nơi thường trú",
            "current_address": "Nơi ở hiện tại",
            "notes": "Ghi chú",
        }
        # Short values three to a line; addresses and notes get a whole line each.
        rows = [
            ["gender", "birth", "cccd"],
            ["sub_area", "village", "occupation"],
            ["permanent_address"],
            ["current_address"],
            ["notes"],
        ]
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        for row, keys in enumerate(rows):
            for pair, key in enumerate(keys):
                wide = len(keys) == 1
                caption_label = QLabel(captions[key] + ":", self.identity_box)
                caption_label.setStyleSheet("color: #555;")
                value = QLabel(self.identity_box)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(wide)
                grid.addWidget(caption_label, row, pair * 2, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(value, row, pair * 2 + 1, 1, 5 if wide else 1)
                self.identity_values[key] = value
        head = QHBoxLayout()
        head.addWidget(self.name_label, 1)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        identity_layout = QVBoxLayout(self.identity_box)
        identity_layout.addLayout(head)
        identity_layout.addLayout(grid)
        identity_layout.addWidget(self.current_list_label)

    def _build_related_page(self) -> QWidget:
        """The records other registries hold about the person (read here, kept there)."""
        page = QWidget(self)
        title = QLabel(RELATED_TITLE, page)
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        title.setFont(title_font)
        hint = QLabel(
            "Các bản ghi này được thêm, sửa trong tab của từng sổ (Test ma túy, Hồ sơ CNBB, "
            "Phá nhổ cây, Vụ việc).",
            page,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.related_table = QTableWidget(0, 3, page)
        self.related_table.setHorizontalHeaderLabels(["Ngày", "Sổ", "Nội dung"])
        self.related_table.verticalHeader().hide()
        self.related_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.related_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.related_table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.related_table, 1)
        return page

    def _refresh_related(self) -> None:
        related = related_records(self._services.context, self.person_id)
        self.related_table.setRowCount(len(related))
        for row, record in enumerate(related):
            for column, text in enumerate((format_day(record.day), record.kind.label, record.text)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.related_table.setItem(row, column, cell)
        self.related_table.resizeColumnsToContents()
        item = self.navigation.item(self.navigation.count() - 2)
        item.setText(f"{RELATED_TITLE}\n{len(related)} bản ghi" if related else RELATED_TITLE)

    def _build_audit_page(self) -> QWidget:
        page = QWidget(self)
        title = QLabel("Nhật ký thay đổi", page)
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        title.setFont(title_font)
        self.audit_view = RecordAuditView(self._services, page)
        self.audit_table = self.audit_view.table
        self.audit_details = self.audit_view.details
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.audit_view, 1)
        return page

    # --- showing -------------------------------------------------------------------------
    def section(self, kind: HistoryKind) -> HistorySection:
        return self.sections[kind]

    def show_section(self, kind: HistoryKind) -> None:
        self.navigation.setCurrentRow(list(HistoryKind).index(kind))

    def show_audit(self) -> None:
        self.navigation.setCurrentRow(self.navigation.count() - 1)

    def refresh(self) -> None:
        person = self._services.persons.get(self.person_id)
        self.setWindowTitle(f"Hồ sơ đối tượng — {person.full_name}")
        self._show_identity(person)
        for kind, section in self.sections.items():
            section.refresh()
            item = self.navigation.item(list(HistoryKind).index(kind))
            running = section.running_entry()
            state = ("Đang: " + section.state_text()) if running is not None else "Không"
            item.setText(f"{section.spec.label}\n{state}")
            font = item.font()
            font.setBold(running is not None)
            item.setFont(font)
        list_section = self.sections[HistoryKind.LIST]
        running = list_section.running_entry()
        self.current_list_label.setText(
            f"Diện quản lý hiện tại: <b>{list_section.state_text()}</b>"
            if running is not None
            else "Diện quản lý hiện tại: không ở diện quản lý nào."
        )
        self._refresh_related()
        self._refresh_audit()

    def _show_identity(self, person: PersonRecord) -> None:
        self.name_label.setText(person.full_name)
        texts = {
            "gender": person.gender.label if person.gender is not None else EMPTY,
            "birth": _birth_text(person),
            "cccd": person.cccd or EMPTY,
            "sub_area": person.sub_area_name or EMPTY,
            "village": person.village or EMPTY,
            "occupation": person.occupation or EMPTY,
            "permanent_address": person.permanent_address or EMPTY,
            "current_address": person.current_address or EMPTY,
            "notes": person.notes or EMPTY,
        }
        for key, text in texts.items():
            self.identity_values[key].setText(text)

    def _refresh_audit(self) -> None:
        records = audit.entries_for_person(self._services.context, self.person_id)
        # A change log: who looked at the record is for the audit tab, not for every reader.
        changes = [record for record in records if record.action != audit.Action.OPEN_PERSON]
        self.audit_view.set_records(changes)

    def _record_opening(self) -> None:
        """The audit trail says who opened whose record (a name is sensitive data)."""
        name = self.name_label.text()
        audit.record_event(
            self._services.context,
            audit.Action.OPEN_PERSON,
            f"Xem hồ sơ đối tượng {name} (mã {self.person_id})",
            entity=Entity.PERSON,
            entity_id=self.person_id,
            person_id=self.person_id,
        )

    # --- child dialogs -------------------------------------------------------------------
    def open_child(self, dialog: QDialog) -> None:
        """Show ``dialog`` window-modal; reload the record when it saved something."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def _on_edit_person(self) -> None:
        form = PersonFormDialog(self._services, self.person_id, self)
        form.open_person_requested.connect(self._open_other_person)
        self.open_child(form)

    def _open_other_person(self, person_id: int) -> None:
        # A probable duplicate found while editing: show its record over this one.
        other = PersonHistoryDialog(self._services, person_id, self)
        other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        other.open()
