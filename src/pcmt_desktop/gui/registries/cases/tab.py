"""The cases tab ("Vụ việc"): criminal cases and administrative violations.

Filters (kind, sub-area, charge, period, text) re-run one SQL query; the line above the
table gives the figures of the period shown, as the báo cáo counts them.
"""

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.registries.cases.amounts import format_money
from pcmt_desktop.gui.registries.cases.labels import seized_text
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.keyed_table_model import ColumnSpec, KeyedTableModel
from pcmt_desktop.services.case_listing import CaseFilter, CaseRow, CaseSort
from pcmt_desktop.services.case_summary import CaseSummary
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import DRUG_CASE
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.registry import Services

SEARCH_DELAY_MS = 150
SEARCH_PLACEHOLDER = "Tìm nội dung, hành vi, tên đối tượng, số điều luật — gõ không dấu cũng được"
EARLIEST_SHOWN = date(1990, 1, 1)
# The field's reporting year runs from 15/12 to 14/12.
REPORT_YEAR_START = (12, 15)


def report_year_start(today: date) -> date:
    """The first day of the reporting year that holds ``today`` (15/12 of a year)."""
    month, day = REPORT_YEAR_START
    start = date(today.year, month, day)
    return start if today >= start else date(today.year - 1, month, day)


def _prosecution_text(row: CaseRow) -> str:
    if row.kind is not CaseKind.CRIMINAL:
        return ""
    return f"Khởi tố, {row.defendants} bị can" if row.prosecuted else "Chưa khởi tố"


def case_columns(sub_area_title: str) -> list[ColumnSpec[CaseRow]]:
    return [
        ColumnSpec("Ngày", lambda r: format_day(r.occurred_on), CaseSort.DATE.value),
        ColumnSpec("Loại", lambda r: r.kind.label, CaseSort.KIND.value),
        ColumnSpec(sub_area_title, lambda r: r.sub_area_name, CaseSort.SUB_AREA.value),
        ColumnSpec(
            "Nội dung",
            lambda r: r.description.splitlines()[0] if r.description else "",
            CaseSort.DESCRIPTION.value,
            tooltip=lambda r: r.description or None,
        ),
        ColumnSpec("Tội danh", lambda r: ", ".join(f"Điều {a}" for a in r.articles)),
        ColumnSpec("Đối tượng", lambda r: str(r.subjects), CaseSort.SUBJECTS.value, numeric=True),
        ColumnSpec("Khởi tố", _prosecution_text),
        ColumnSpec("Tiếp nhận từ", lambda r: r.received_from),
        ColumnSpec(
            "Tiền phạt (đồng)",
            lambda r: format_money(r.fine_vnd),
            CaseSort.FINE.value,
            numeric=True,
        ),
        ColumnSpec(
            "Tang vật",
            lambda r: seized_text(r.seized),
            tooltip=lambda r: seized_text(r.seized) or None,
        ),
    ]


def summary_text(summary: CaseSummary, where: str = "") -> str:
    crime, admin = summary.criminal, summary.administrative
    period = f"Từ {format_day(summary.date_from)} đến {format_day(summary.date_to)}"
    if where:
        period += f" ({where})"
    return (
        f"{period}: <b>hình sự</b> {crime.cases} vụ, {crime.subjects} đối tượng "
        f"(khởi tố {crime.prosecuted_cases} vụ, {crime.defendants} bị can; "
        f"tiếp nhận {crime.received} vụ); <b>hành chính</b> {admin.cases} vụ, "
        f"{admin.subjects} đối tượng, phạt {format_money(admin.fines_vnd)} đồng."
    )


class CasesTab(QWidget):
    status_message = Signal(str)

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._kept_id: int | None = None
        today = services.context.today()
        self._build_filters(today)
        self._build_buttons()
        office = services.office.office()
        self._sub_area_title = self._title(office.sub_area_label if office else "")
        self.model: KeyedTableModel[CaseRow, CaseFilter] = KeyedTableModel(
            services.cases, case_columns(self._sub_area_title), self.current_filter(), self
        )
        self.table = QTableView(self)
        self._build_table()
        self._build_layout()
        self._connect()
        self._after_reset()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    @staticmethod
    def _title(label: str) -> str:
        label = label.strip()
        return label[:1].upper() + label[1:] if label else "Địa bàn"

    def _build_filters(self, today: date) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setToolTip(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem("Tất cả", None)
        for kind in CaseKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.sub_area_combo = QComboBox(self)
        self.sub_area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_sub_areas()
        self.article_combo = QComboBox(self)
        self.article_combo.addItem("Mọi tội danh", None)
        for info in self._services.cases.articles():
            self.article_combo.addItem(f"Điều {info.article}", info.article)
            self.article_combo.setItemData(
                self.article_combo.count() - 1, info.label, Qt.ItemDataRole.ToolTipRole
            )
        self.date_from = DateEdit(today, self)
        self.date_from.set_day(report_year_start(today))
        self.date_to = DateEdit(today, self)

    def _fill_sub_areas(self) -> None:
        chosen = self.sub_area_combo.currentData()
        self.sub_area_combo.blockSignals(True)
        self.sub_area_combo.clear()
        self.sub_area_combo.addItem("Tất cả địa bàn", None)
        for area in self._services.office.sub_areas():
            self.sub_area_combo.addItem(area.name, area.id)
        self.sub_area_combo.setCurrentIndex(max(self.sub_area_combo.findData(chosen), 0))
        self.sub_area_combo.blockSignals(False)

    def _build_buttons(self) -> None:
        self.add_button = QPushButton("Thêm vụ án hình sự", self)
        self.add_violation_button = QPushButton("Thêm vi phạm hành chính", self)
        self.edit_button = QPushButton("Sửa", self)
        self.open_button = QPushButton("Xem chi tiết", self)
        self.open_button.setToolTip("Xem vụ việc, đối tượng và nhật ký thay đổi (Enter)")
        self.delete_button = QPushButton("Xóa", self)
        self.delete_button.setToolTip("Xóa vụ việc nhập nhầm (Delete)")
        self.count_label = QLabel(self)
        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("padding: 2px 0;")
        self.empty_label = QLabel(self)
        self.empty_label.setStyleSheet("color: palette(dark); padding: 6px;")
        self.empty_label.hide()

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        character = table.fontMetrics().horizontalAdvance("n")
        for column, chars in enumerate((11, 9, 13, 24, 14, 8, 15, 14, 13, 24)):
            header.resizeSection(column, chars * character + 16)
        # A stretched middle column shrinks to nothing once the others fill the width:
        # the last (seized items) takes the spare room instead.
        header.setStretchLastSection(True)
        header.setSortIndicator(
            self.model.sort_column(),
            Qt.SortOrder.DescendingOrder
            if self.model.criteria.descending
            else Qt.SortOrder.AscendingOrder,
        )
        table.setSortingEnabled(True)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for label, widget in (
            ("Loại:", self.kind_combo),
            (f"{self._sub_area_title}:", self.sub_area_combo),
            ("Tội danh:", self.article_combo),
            ("Từ ngày:", self.date_from),
            ("đến:", self.date_to),
        ):
            filters.addSpacing(6)
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.add_violation_button,
            self.edit_button,
            self.open_button,
            self.delete_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._apply_filter)
        self._timer.timeout.connect(self._apply_filter)
        for combo in (self.kind_combo, self.sub_area_combo, self.article_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _day: self._timer.start())
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.add_button.clicked.connect(self.add_record)
        self.add_violation_button.clicked.connect(self.add_violation)
        self.edit_button.clicked.connect(self.edit_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            opener = QShortcut(QKeySequence(key), self.table)
            opener.setContext(Qt.ShortcutContext.WidgetShortcut)
            opener.activated.connect(self.open_selected)
        remover = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remover.setContext(Qt.ShortcutContext.WidgetShortcut)
        remover.activated.connect(self.delete_selected)

    # --- public API ------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def add_record(self) -> None:
        """Add a criminal case (the menus' "new" action)."""
        self._add(CaseKind.CRIMINAL)

    def add_violation(self) -> None:
        self._add(CaseKind.ADMINISTRATIVE)

    def _add(self, kind: CaseKind) -> None:
        from pcmt_desktop.gui.registries.cases.form import CaseFormDialog

        dialog = CaseFormDialog(self._services, None, self, kind=kind)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.saved_case_id
        dialog.deleteLater()
        if accepted and saved is not None:
            self.select_record(saved)
            self.status_message.emit("Đã thêm vụ việc.")

    def edit_selected(self) -> None:
        case_id = self.selected_id()
        if case_id is None:
            return
        from pcmt_desktop.gui.registries.cases.form import CaseFormDialog

        try:
            dialog = CaseFormDialog(self._services, case_id, self)
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không mở được vụ việc", error)
            self._refresh()
            return
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.status_message.emit("Đã lưu vụ việc.")

    def open_selected(self) -> None:
        case_id = self.selected_id()
        if case_id is None:
            return
        from pcmt_desktop.gui.registries.cases.record import CaseRecordDialog

        try:
            dialog = CaseRecordDialog(self._services, case_id, self)
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không mở được vụ việc", error)
            self._refresh()
            return
        dialog.exec()
        dialog.deleteLater()

    def delete_selected(self, *, ask: bool = True) -> None:
        case_id = self.selected_id()
        if case_id is None:
            return
        row = self.model.row_of(case_id)
        record = self.model.record_at(row) if row is not None else None
        what = (
            f"{record.kind.label.lower()} ngày {format_day(record.occurred_on)}"
            if record is not None
            else f"mã {case_id}"
        )
        if ask and not confirm(
            self,
            "Xóa vụ việc",
            f"Xóa vụ việc {what}?\n\nChỉ dùng khi vụ việc được nhập nhầm. "
            "Thao tác được ghi vào nhật ký.",
        ):
            return
        try:
            self._services.cases.delete(case_id)
        except (ValidationError, NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không xóa được vụ việc", error)
            return
        if row is not None and self.model.total():
            self.table.selectRow(min(row, self.model.total() - 1))
        self.status_message.emit(f"Đã xóa vụ việc {what}.")

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_record(self, record_id: int) -> bool:
        """Select and show a case, widening the filters if they hide it."""
        row = self.model.row_of(record_id)
        if row is None:
            self._clear_filters()
            row = self.model.row_of(record_id)
        if row is None:
            self.status_message.emit(f"Không tìm thấy vụ việc mã {record_id}.")
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    # --- filtering ---------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        kind = self.kind_combo.currentData()
        base = getattr(self, "model", None)
        sort = base.criteria if base is not None else CaseFilter()
        return CaseFilter(
            kind=None if kind is None else CaseKind(kind),
            text=self.search.text(),
            sub_area_id=self.sub_area_combo.currentData(),
            date_from=self.date_from.day(),
            date_to=self.date_to.day(),
            article=self.article_combo.currentData(),
            sort=sort.sort,
            descending=sort.descending,
        )

    def _apply_filter(self) -> None:
        self._timer.stop()
        criteria = self.current_filter()
        if criteria == self.model.criteria:
            return
        try:
            self.model.set_criteria(criteria)
        except SQLAlchemyError as error:
            show_refusal(self, "Không tải được danh sách vụ việc", error)

    def _refresh(self) -> None:
        try:
            self.model.refresh()
        except SQLAlchemyError as error:
            show_refusal(self, "Không tải được danh sách vụ việc", error)

    def _clear_filters(self) -> None:
        widgets = (self.search, self.kind_combo, self.sub_area_combo, self.article_combo)
        for widget in (*widgets, self.date_from, self.date_to):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.kind_combo, self.sub_area_combo, self.article_combo):
            combo.setCurrentIndex(0)
        self.date_from.set_day(EARLIEST_SHOWN)
        self.date_to.set_day(self._services.context.today())
        for widget in (*widgets, self.date_from, self.date_to):
            widget.blockSignals(False)
        self._apply_filter()

    def _remember_selection(self) -> None:
        self._kept_id = self.selected_id()

    def _after_reset(self) -> None:
        total = self.model.total()
        self.count_label.setText(f"{format_money(total) or '0'} vụ việc")
        self._show_summary()
        if total:
            self.empty_label.hide()
        else:
            self.empty_label.setText(
                "Không có vụ việc nào khớp với điều kiện tìm kiếm, lọc. "
                "Bấm “Thêm vụ án hình sự” hoặc “Thêm vi phạm hành chính” để nhập."
            )
            self.empty_label.show()
        kept, self._kept_id = self._kept_id, None
        row = self.model.row_of(kept) if kept is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def _show_summary(self) -> None:
        criteria = self.model.criteria
        first = criteria.date_from or EARLIEST_SHOWN
        last = criteria.date_to or self._services.context.today()
        try:
            summary = self._services.cases.summary(first, last, sub_area_id=criteria.sub_area_id)
        except SQLAlchemyError as error:
            self.summary_label.setText(f"Không tính được số liệu: {error}")
            return
        where = self.sub_area_combo.currentText() if criteria.sub_area_id is not None else ""
        self.summary_label.setText(summary_text(summary, where))

    # --- selection ---------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.edit_button, self.open_button, self.delete_button):
            button.setEnabled(chosen)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.table.selectRow(index.row())
            self.open_selected()

    # --- changes from elsewhere --------------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.SUB_AREA) or changes.touches(Entity.OFFICE):
            self._fill_sub_areas()
            self._refresh()
        elif changes.touches(DRUG_CASE):
            self._refresh()
