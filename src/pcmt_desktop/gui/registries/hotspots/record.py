"""A hotspot's record: what it is, its status history, its retail sellers and its audit trail.

Writes go through the hotspots service; a refusal shows beside the field it names and
keeps what the officer typed. Questions before removing something are skipped with the
keyword-only ``ask=False`` (tests), never by a positional argument.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.hotspots import HotspotState
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.date_field import DateEdit, OptionalDateEdit
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.gui.widgets.person_picker import PersonPicker
from pcmt_desktop.gui.widgets.record_audit_view import RecordAuditView
from pcmt_desktop.services.hotspots import HotspotRecord, SellerLink, StatusEntry
from pcmt_desktop.services.registry import Services

RUNNING = "đang hoạt động"


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], bold: Sequence[bool]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if bold[row]:
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
            table.setItem(row, column, cell)
    table.resizeColumnsToContents()
    table.clearSelection()


def _selected_row(table: QTableWidget) -> int | None:
    rows = {index.row() for index in table.selectionModel().selectedRows()}
    return rows.pop() if len(rows) == 1 else None


class HotspotRecordDialog(QDialog):
    """Hồ sơ điểm, tụ điểm."""

    def __init__(self, services: Services, hotspot_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.hotspot_id = hotspot_id
        self.record: HotspotRecord = services.hotspots.get(hotspot_id)
        self.statuses: list[StatusEntry] = []
        self.sellers: list[SellerLink] = []
        self.setSizeGripEnabled(True)
        self.resize(980, 700)

        self._build_summary()
        self.pages = QTabWidget(self)
        self.pages.addTab(self._build_status_page(), "Tình trạng")
        self.pages.addTab(self._build_sellers_page(), "Đối tượng bán lẻ")
        # A role that may not change records reads the hotspot without these.
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.edit_button,
            self.delete_status_button,
            self.add_status_button.parentWidget(),
            self.seller_end_caption,
            self.seller_end_day,
            self.end_seller_button,
            self.unlink_button,
            self.delete_seller_button,
            self.link_button.parentWidget(),
        )
        self.audit_view = RecordAuditView(services, self)
        self.pages.addTab(self.audit_view, "Nhật ký thay đổi")
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_box.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_box)
        layout.addWidget(self.pages, 1)
        layout.addWidget(close_box)
        self.refresh()

    # --- building ------------------------------------------------------------------------
    def _build_summary(self) -> None:
        self.summary_box = QGroupBox("Thông tin điểm, tụ điểm", self)
        self.name_label = QLabel(self.summary_box)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)
        self.edit_button = QPushButton("Sửa thông tin…", self.summary_box)
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self._on_edit)
        self.values: dict[str, QLabel] = {}
        captions = {
            "kind": "Loại",
            "business": "Cơ sở kinh doanh",
            "sub_area": sub_area_field_label(self._services),
            "address": "Địa chỉ",
            "entered": "Ngày đưa vào",
            "fight": "Thời gian đấu tranh",
            "status": "Tình trạng hôm nay",
            "note": "Ghi chú",
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for index, (key, caption) in enumerate(captions.items()):
            label = QLabel(caption + ":", self.summary_box)
            label.setStyleSheet("color: #555;")
            value = QLabel(self.summary_box)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(label, index // 2, (index % 2) * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, index // 2, (index % 2) * 2 + 1)
            self.values[key] = value
        head = QHBoxLayout()
        head.addWidget(self.name_label, 1)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self.summary_box)
        box.addLayout(head)
        box.addLayout(grid)

    def _build_status_page(self) -> QWidget:
        page = QWidget(self)
        today = self._services.context.today()
        self.status_table = _table(["Từ ngày", "Tình trạng", "Ghi chú"], page)
        self.status_table.itemSelectionChanged.connect(self._update_buttons)
        self.delete_status_button = QPushButton("Xóa dòng nhập nhầm", page)
        self.delete_status_button.setAutoDefault(False)
        self.delete_status_button.clicked.connect(self.delete_selected_status)

        box = QGroupBox("Ghi nhận thay đổi tình trạng", page)
        self.status_form = FieldForm(box)
        self.new_status = QComboBox(box)
        for state in HotspotState:
            self.new_status.addItem(state.label, state.value)
        self.status_day = DateEdit(today, box)
        self.status_note = QLineEdit(box)
        self.status_note.setPlaceholderText("Ví dụ: đã bắt giữ chủ điểm, quyết định triệt xóa số …")
        self.status_form.add_field("status", "Tình trạng mới", self.new_status, required=True)
        self.status_form.add_field("status_date", "Từ ngày", self.status_day, required=True)
        self.status_form.add_field("note", "Ghi chú", self.status_note)
        self.add_status_button = QPushButton("Ghi nhận", box)
        self.add_status_button.setAutoDefault(False)
        self.add_status_button.clicked.connect(self.record_status)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.status_form)
        box_layout.addWidget(self.add_status_button, 0, Qt.AlignmentFlag.AlignRight)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_status_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.status_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(box)
        return page

    def _build_sellers_page(self) -> QWidget:
        page = QWidget(self)
        today = self._services.context.today()
        self.seller_table = _table(
            [
                "Họ và tên",
                "Năm sinh",
                sub_area_field_label(self._services),
                "Từ ngày",
                "Đến ngày",
                "Ghi chú",
            ],
            page,
        )
        self.seller_table.itemSelectionChanged.connect(self._update_buttons)
        self.seller_end_day = DateEdit(today, page)
        self.end_seller_button = QPushButton("Kết thúc bán lẻ ngày này", page)
        self.unlink_button = QPushButton("Gỡ khỏi điểm", page)
        self.unlink_button.setToolTip(
            "Giữ giai đoạn bán lẻ trong lịch sử của đối tượng, nhưng không gắn với điểm này"
        )
        self.delete_seller_button = QPushButton("Xóa (nhập nhầm)", page)
        for button in (self.end_seller_button, self.unlink_button, self.delete_seller_button):
            button.setAutoDefault(False)
        self.end_seller_button.clicked.connect(self.end_selected_seller)
        self.unlink_button.clicked.connect(self.unlink_selected_seller)
        self.delete_seller_button.clicked.connect(self.delete_selected_seller)
        self.seller_end_error = QLabel(page)
        self.seller_end_error.setStyleSheet("color: #b00020;")
        self.seller_end_error.hide()

        box = QGroupBox("Gắn đối tượng bán lẻ với điểm này", page)
        self.link_form = FieldForm(box)
        self.picker = PersonPicker(self._services, box)
        self.seller_start = DateEdit(today, box)
        self.seller_end = OptionalDateEdit(today, "Đang bán lẻ", box)
        self.seller_note = QLineEdit(box)
        self.seller_note.setPlaceholderText("Để trống: ghi tên điểm")
        self.link_form.add_field("person", "Đối tượng", self.picker, required=True)
        self.link_form.add_field("start_date", "Từ ngày", self.seller_start, required=True)
        self.link_form.add_field("end_date", "Đến ngày", self.seller_end)
        self.link_form.add_field("note", "Ghi chú", self.seller_note)
        self.link_button = QPushButton("Gắn vào điểm", box)
        self.link_button.setAutoDefault(False)
        self.link_button.clicked.connect(self.link_seller)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.link_form)
        box_layout.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignRight)

        actions = QHBoxLayout()
        self.seller_end_caption = QLabel("Ngày kết thúc:", page)
        actions.addWidget(self.seller_end_caption)
        actions.addWidget(self.seller_end_day)
        actions.addWidget(self.end_seller_button)
        actions.addStretch(1)
        actions.addWidget(self.unlink_button)
        actions.addWidget(self.delete_seller_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.seller_table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.seller_end_error)
        layout.addWidget(box)
        return page

    # --- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        hotspots = self._services.hotspots
        today = self._services.context.today()
        self.record = hotspots.get(self.hotspot_id)
        record = self.record
        self.setWindowTitle(f"Hồ sơ điểm — {record.name}")
        self.name_label.setText(record.name)
        current = record.status_on(today)
        due = record.fight_due(today)
        fight = f"{record.fight_months} tháng"
        if due is not None:
            start = record.fight_start(today)
            days = (due - today).days
            late = f"quá hạn {-days} ngày" if days < 0 else f"còn {days} ngày"
            fight += f", từ {format_day(start)} đến {format_day(due)} ({late})"
        texts = {
            "kind": record.kind.label,
            "business": "Có điều kiện về ANTT" if record.in_business else "Không",
            "sub_area": record.sub_area_name or "—",
            "address": record.address or "—",
            "entered": format_day(record.entered_on),
            "fight": fight,
            "status": "—"
            if current is None
            else f"{current.state.label} (từ {format_day(current.day)})",
            "note": record.note or "—",
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        style = "color: #b00020; font-weight: bold;" if due and due < today else ""
        self.values["fight"].setStyleSheet(style)

        self.statuses = list(reversed(record.statuses))  # newest first
        _fill(
            self.status_table,
            [[format_day(s.day), s.state.label, s.note] for s in self.statuses],
            [current is not None and s.id == current.id for s in self.statuses],
        )
        self.sellers = hotspots.sellers(self.hotspot_id)
        _fill(
            self.seller_table,
            [
                [
                    s.person_name,
                    str(s.birth_year or ""),
                    s.person_sub_area,
                    format_day(s.start),
                    RUNNING if s.end is None else format_day(s.end),
                    s.note,
                ]
                for s in self.sellers
            ],
            [s.end is None for s in self.sellers],
        )
        self.pages.setTabText(
            1, f"Đối tượng bán lẻ ({sum(s.active_on(today) for s in self.sellers)})"
        )
        self.audit_view.set_records(hotspots.history(self.hotspot_id))
        self._update_buttons()

    def _update_buttons(self) -> None:
        status_row = _selected_row(self.status_table)
        self.delete_status_button.setEnabled(
            status_row is not None and status_row < len(self.statuses) - 1
        )
        seller = self.selected_seller()
        for button in (self.unlink_button, self.delete_seller_button):
            button.setEnabled(seller is not None)
        self.end_seller_button.setEnabled(seller is not None and seller.end is None)

    def selected_seller(self) -> SellerLink | None:
        row = _selected_row(self.seller_table)
        return None if row is None else self.sellers[row]

    def selected_status(self) -> StatusEntry | None:
        row = _selected_row(self.status_table)
        return None if row is None else self.statuses[row]

    # --- status changes ------------------------------------------------------------------
    def record_status(self) -> bool:
        self.status_form.clear_errors()
        try:
            self._services.hotspots.add_status(
                self.hotspot_id,
                str(self.new_status.currentData()),
                self.status_day.day(),
                self.status_note.text(),
            )
        except ValidationError as error:
            self.status_form.show_problems(error.problems)
            return False
        except Exception as error:  # any failure: say so; nothing was written
            show_refusal(self, "Không ghi nhận được tình trạng", error)
            return False
        self.status_note.clear()
        self.refresh()
        return True

    def delete_selected_status(self, *, ask: bool = True) -> None:
        entry = self.selected_status()
        if entry is None:
            return
        question = (
            f"Xóa dòng “{entry.state.label} từ {format_day(entry.day)}”?\n\n"
            "Chỉ xóa khi dòng này được nhập nhầm. Nhật ký thay đổi vẫn giữ nội dung đã xóa."
        )
        if ask and not confirm(self, "Xóa tình trạng", question):
            return
        self._run("Không xóa được", lambda: self._services.hotspots.delete_status(entry.id))

    # --- sellers -------------------------------------------------------------------------
    def link_seller(self) -> bool:
        self.link_form.clear_errors()
        person_id = self.picker.person_id()
        if person_id is None:
            self.link_form.show_problems(
                [FieldProblem("person", "Chưa chọn đối tượng: gõ tên để tìm, hoặc thêm mới.")]
            )
            return False
        try:
            self._services.hotspots.link_seller(
                self.hotspot_id,
                person_id,
                self.seller_start.day(),
                self.seller_end.day(),
                self.seller_note.text(),
            )
        except ValidationError as error:
            self.link_form.show_problems(error.problems)
            return False
        except Exception as error:  # any failure: say so; nothing was written
            show_refusal(self, "Không gắn được đối tượng", error)
            return False
        self.picker.set_person(None)
        self.picker.search.clear()
        self.seller_note.clear()
        self.refresh()
        return True

    def end_selected_seller(self) -> bool:
        seller = self.selected_seller()
        if seller is None:
            return False
        self.seller_end_error.hide()
        try:
            self._services.hotspots.end_seller(seller.id, self.seller_end_day.day())
        except ValidationError as error:
            self.seller_end_error.setText(error.message)
            self.seller_end_error.show()
            return False
        except Exception as error:  # any failure: say so; nothing was written
            show_refusal(self, "Không kết thúc được", error)
            return False
        self.refresh()
        return True

    def unlink_selected_seller(self, *, ask: bool = True) -> None:
        seller = self.selected_seller()
        if seller is None:
            return
        question = (
            f"Gỡ {seller.person_name} khỏi điểm {self.record.name}?\n\n"
            "Giai đoạn bán lẻ vẫn còn trong lịch sử của đối tượng."
        )
        if ask and not confirm(self, "Gỡ khỏi điểm", question):
            return
        self._run("Không gỡ được", lambda: self._services.hotspots.unlink(seller.id))

    def delete_selected_seller(self, *, ask: bool = True) -> None:
        seller = self.selected_seller()
        if seller is None:
            return
        question = (
            f"Xóa giai đoạn bán lẻ của {seller.person_name}?\n\n"
            "Chỉ xóa khi được nhập nhầm; giai đoạn này cũng bị xóa khỏi lịch sử của đối tượng. "
            "Nhật ký thay đổi vẫn giữ nội dung đã xóa."
        )
        if ask and not confirm(self, "Xóa giai đoạn bán lẻ", question):
            return
        self._run("Không xóa được", lambda: self._services.hotspots.delete_seller(seller.id))

    def _run(self, title: str, write: Callable[[], object]) -> None:
        try:
            write()
        except Exception as error:  # a refusal or a failure: say so; nothing was written
            show_refusal(self, title, error)
        self.refresh()

    # --- editing the hotspot -------------------------------------------------------------
    def _on_edit(self) -> None:
        from pcmt_desktop.gui.registries.hotspots.form import HotspotFormDialog

        form = HotspotFormDialog(self._services, self.hotspot_id, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(self.refresh)
        form.open()
