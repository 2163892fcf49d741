"""The drug-tests tab: search and filters over every test, the count line, the actions.

The table is a ``KeyedTableModel`` over ``services.drug_tests`` (ordered ids filtered and
sorted in SQL, rows fetched by batch), so it opens at once on hundreds of thousands of
tests. The period starts as the current reporting period (from the 15th). Forms and the
record view open window-modal without blocking, and committed writes anywhere arrive as
``Changes`` and refresh the table, keeping the selected test selected.
"""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.registries.drug_tests.by_sub_area import (
    SubAreaRatesDialog,
    format_count,
    sub_area_word,
)
from pcmt_desktop.gui.registries.drug_tests.form import DrugTestFormDialog
from pcmt_desktop.gui.registries.drug_tests.periods import PeriodChoice, period_of
from pcmt_desktop.gui.registries.drug_tests.record import DrugTestRecordDialog
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.keyed_table_model import ColumnSpec, KeyedTableModel
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.drug_test_listing import DrugTestCriteria, DrugTestRow, DrugTestSort
from pcmt_desktop.services.drug_tests import DRUG_TEST_ENTITY
from pcmt_desktop.services.registry import Services

SEARCH_DELAY_MS = 150
SEARCH_PLACEHOLDER = "Tìm theo họ tên, số CCCD, năm sinh của người được test — gõ không dấu"
POSITIVE_ROW = QColor("#fde2e1")
# Widths in characters of the widest usual content; the name takes what is left.
COLUMN_CHARS = (11, 26, 8, 16, 11, 22, 22, 22)


def _columns(sub_area_header: str) -> list[ColumnSpec[DrugTestRow]]:
    return [
        ColumnSpec("Ngày test", lambda row: format_day(row.test_date), DrugTestSort.DATE),
        ColumnSpec("Họ và tên", lambda row: row.person_name, DrugTestSort.NAME),
        ColumnSpec(
            "Năm sinh",
            lambda row: str(row.birth_year) if row.birth_year else "",
            DrugTestSort.BIRTH_YEAR,
            numeric=True,
        ),
        ColumnSpec(sub_area_header, lambda row: row.sub_area_name, DrugTestSort.SUB_AREA),
        ColumnSpec("Kết quả", lambda row: row.result_text, DrugTestSort.RESULT),
        ColumnSpec(
            "Dương tính với",
            lambda row: row.substances_text,
            tooltip=lambda row: row.substances_text or None,
        ),
        ColumnSpec("Người triệu tập", lambda row: row.summoned_by, DrugTestSort.SUMMONED_BY),
        ColumnSpec(
            "Xử lý tiếp theo", lambda row: row.follow_up, tooltip=lambda row: row.follow_up or None
        ),
    ]


def _positive_colour(row: DrugTestRow) -> QColor | None:
    return POSITIVE_ROW if row.positive else None


class DrugTestsTab(QWidget):
    """Sổ test ma túy; the main window's menus call its public methods."""

    status_message = Signal(str)

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._kept_id: int | None = None  # selected before a model reset
        self._sub_areas_shown: tuple[tuple[int, str], ...] = ()
        self._build_filters()
        self._build_buttons()
        self.model: KeyedTableModel[DrugTestRow, DrugTestCriteria] = KeyedTableModel(
            services.drug_tests,
            _columns(sub_area_word(services)),
            self._criteria_from_widgets(DrugTestCriteria()),
            self,
            highlight=_positive_colour,
        )
        self.table = QTableView()
        self._build_table()
        self._build_layout()
        self._connect()
        self._show_count()
        self._update_buttons()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        today = self._services.context.today()
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setToolTip(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)

        self.sub_area_caption = QLabel(f"{sub_area_word(self._services)}:")
        self.sub_area_combo = QComboBox()
        self.sub_area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_sub_areas()

        self.period_combo = QComboBox()
        for choice in PeriodChoice:
            self.period_combo.addItem(choice.label, choice.value)
        self.date_from = DateEdit(today)
        self.date_to = DateEdit(today)
        self.positive_only = QCheckBox("Chỉ dương tính")
        self._set_period(PeriodChoice.CURRENT)

    def _build_buttons(self) -> None:
        self.count_label = QLabel()
        self.count_label.setToolTip(
            "Lượt test, số người được test và số người có ít nhất một lần dương tính "
            "trong danh sách đang xem"
        )
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: palette(dark); padding: 6px;")
        self.empty_label.hide()
        self.add_button = QPushButton("Thêm")
        self.add_button.setToolTip("Nhập kết quả một lần test ma túy")
        self.open_button = QPushButton("Xem, sửa")
        self.open_button.setToolTip("Xem kết quả test đang chọn và nhật ký của nó (Enter)")
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setToolTip("Xóa kết quả test nhập nhầm (Delete)")
        self.by_sub_area_button = QPushButton("Theo địa bàn")
        self.by_sub_area_button.setToolTip(
            "Số người được test, số người dương tính và tỷ lệ theo từng địa bàn trong kỳ"
        )

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Fixed row heights: Qt never measures hundreds of thousands of rows.
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        character = table.fontMetrics().horizontalAdvance("n")
        for column, chars in enumerate(COLUMN_CHARS):
            header.resizeSection(column, chars * character + 16)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(self.model.sort_column(), self._sort_order())
        table.setSortingEnabled(True)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addSpacing(8)
        filters.addWidget(self.sub_area_caption)
        filters.addWidget(self.sub_area_combo)
        filters.addSpacing(8)
        filters.addWidget(QLabel("Kỳ:"))
        filters.addWidget(self.period_combo)
        filters.addWidget(QLabel("từ"))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("đến"))
        filters.addWidget(self.date_to)
        filters.addSpacing(8)
        filters.addWidget(self.positive_only)

        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.open_button,
            self.delete_button,
            self.by_sub_area_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._apply_filter)
        self.sub_area_combo.currentIndexChanged.connect(self._apply_filter)
        self.period_combo.currentIndexChanged.connect(self._on_period_chosen)
        # Typing a date changes it once per digit: wait for a pause as for the search.
        self.date_from.dateChanged.connect(self._on_date_edited)
        self.date_to.dateChanged.connect(self._on_date_edited)
        self.positive_only.toggled.connect(self._apply_filter)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.by_sub_area_button.clicked.connect(self.show_by_sub_area)
        # Only keys on the table itself: the window's menus own Ctrl+N, Ctrl+F and the like.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            opener = QShortcut(QKeySequence(key), self.table)
            opener.setContext(Qt.ShortcutContext.WidgetShortcut)
            opener.activated.connect(self.open_selected)
        remover = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remover.setContext(Qt.ShortcutContext.WidgetShortcut)
        remover.activated.connect(self._on_delete_clicked)

    # --- public API: the main window's menus -------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def add_record(self, *, person_id: int | None = None) -> DrugTestFormDialog:
        """Open the form for a new test (window-modal; the table follows when it saves)."""
        form = DrugTestFormDialog(self._services, None, self, person_id=person_id)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._on_saved)
        form.open()
        return form

    def open_selected(self) -> DrugTestRecordDialog | None:
        """Open the selected test's record (its data, suggested move and history)."""
        test_id = self.selected_id()
        if test_id is None:
            return None
        return self.open_record(test_id)

    def open_record(self, test_id: int) -> DrugTestRecordDialog | None:
        try:
            dialog = DrugTestRecordDialog(self._services, test_id, self)
        except NotFoundError as error:
            show_refusal(self, "Không mở được kết quả test", error)
            self._refresh()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def delete_selected(self, *, ask: bool = True) -> None:
        """Delete the selected test after confirmation (keyword-only ``ask``: a QAction's
        ``triggered(checked)`` can never skip the question)."""
        test_id = self.selected_id()
        if test_id is None:
            return
        row = self.model.row_of(test_id)
        record = self.model.record_at(row) if row is not None else None
        what = (
            f"kết quả test ngày {format_day(record.test_date)} của {record.person_name}"
            if record is not None
            else f"kết quả test số {test_id}"
        )
        if ask and not confirm(
            self,
            "Xóa kết quả test",
            f"Xóa {what}?\n\nChỉ dùng khi kết quả được nhập nhầm. Thao tác được ghi vào nhật ký.",
        ):
            return
        try:
            self._services.drug_tests.delete(test_id)
        except (ValidationError, NotFoundError) as error:
            show_refusal(self, "Không xóa được kết quả test", error)
            self._refresh()
            return
        except Exception as error:  # a database failure: say so, nothing was changed
            show_refusal(self, "Không xóa được kết quả test", error)
            return
        # The change signal has refreshed the table; select the row that took its place.
        if row is not None and self.model.total():
            self._select_row(min(row, self.model.total() - 1))
        self.status_message.emit(f"Đã xóa {what}.")

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_record(self, record_id: int) -> bool:
        """Select and show test ``record_id``, clearing the filters that hide it."""
        row = self.model.row_of(record_id)
        if row is None:
            self._clear_filters()
            row = self.model.row_of(record_id)
        if row is None:
            self.status_message.emit(f"Không tìm thấy kết quả test số {record_id}.")
            return False
        self._select_row(row)
        return True

    def show_by_sub_area(self) -> SubAreaRatesDialog:
        """The per-sub-area figures for the period shown (the current period if "all")."""
        criteria = self.model.criteria
        current_from, current_to = period_of(PeriodChoice.CURRENT, self._services.context.today())
        assert current_from is not None and current_to is not None
        dialog = SubAreaRatesDialog(
            self._services,
            criteria.date_from or current_from,
            criteria.date_to or current_to,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reload_sub_areas(self) -> None:
        """Re-read the office's sub-areas; query again if what is shown changed."""
        if self._fill_sub_areas():
            self._apply_filter(force=True)

    # --- filtering -----------------------------------------------------------------------
    def _fill_sub_areas(self) -> bool:
        shown = tuple((area.id, area.name) for area in self._services.office.sub_areas())
        if shown == self._sub_areas_shown:
            return False
        self._sub_areas_shown = shown
        chosen = self.sub_area_combo.currentData()
        self.sub_area_combo.blockSignals(True)
        self.sub_area_combo.clear()
        self.sub_area_combo.addItem("Tất cả", None)
        for area_id, name in shown:
            self.sub_area_combo.addItem(name, area_id)
        self.sub_area_combo.setCurrentIndex(max(0, self.sub_area_combo.findData(chosen)))
        self.sub_area_combo.blockSignals(False)
        self.sub_area_caption.setText(f"{sub_area_word(self._services)}:")
        return True

    def _set_period(self, choice: PeriodChoice) -> None:
        """Show ``choice`` and its days without querying (the caller decides)."""
        first, last = period_of(choice, self._services.context.today())
        widgets = (self.period_combo, self.date_from, self.date_to)
        for widget in widgets:
            widget.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData(choice.value))
        if first is not None and last is not None:
            self.date_from.set_day(first)
            self.date_to.set_day(last)
        everything = choice is PeriodChoice.ALL
        self.date_from.setEnabled(not everything)
        self.date_to.setEnabled(not everything)
        for widget in widgets:
            widget.blockSignals(False)

    def set_period(self, choice: PeriodChoice) -> None:
        self._set_period(choice)
        self._apply_filter()

    def set_dates(self, date_from: date, date_to: date) -> None:
        """A custom period (both days inclusive)."""
        self._set_period(PeriodChoice.CUSTOM)
        self.date_from.set_day(date_from)
        self.date_to.set_day(date_to)
        self._apply_filter()

    def _period_choice(self) -> PeriodChoice:
        return PeriodChoice(self.period_combo.currentData())

    def _on_period_chosen(self) -> None:
        self.set_period(self._period_choice())

    def _on_date_edited(self) -> None:
        if self._period_choice() is not PeriodChoice.CUSTOM:
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(self.period_combo.findData(PeriodChoice.CUSTOM))
            self.period_combo.blockSignals(False)
        self._search_timer.start()

    def _criteria_from_widgets(self, base: DrugTestCriteria) -> DrugTestCriteria:
        everything = self._period_choice() is PeriodChoice.ALL
        sub_area = self.sub_area_combo.currentData()
        return replace(
            base,
            text=self.search.text(),
            sub_area_id=sub_area if isinstance(sub_area, int) else None,
            date_from=None if everything else self.date_from.day(),
            date_to=None if everything else self.date_to.day(),
            positive_only=self.positive_only.isChecked(),
        )

    def current_criteria(self) -> DrugTestCriteria:
        return self._criteria_from_widgets(self.model.criteria)

    def _apply_filter(self, *, force: bool = False) -> None:
        self._search_timer.stop()
        criteria = self.current_criteria()
        if criteria == self.model.criteria and not force:
            return
        try:
            self.model.set_criteria(criteria)
        except Exception as error:  # a database failure: keep the old list, say so
            show_refusal(self, "Không tải được danh sách test", error)

    def _refresh(self) -> None:
        try:
            self.model.refresh()
        except Exception as error:  # a database failure: keep the old list, say so
            show_refusal(self, "Không tải được danh sách test", error)

    def _clear_filters(self) -> None:
        for widget in (self.search, self.sub_area_combo, self.positive_only):
            widget.blockSignals(True)
        self.search.clear()
        self.sub_area_combo.setCurrentIndex(0)
        self.positive_only.setChecked(False)
        for widget in (self.search, self.sub_area_combo, self.positive_only):
            widget.blockSignals(False)
        self._set_period(PeriodChoice.ALL)
        self._apply_filter()

    def _sort_order(self) -> Qt.SortOrder:
        descending = self.model.criteria.descending
        return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    def _on_sort_clicked(self, column: int, _order: Qt.SortOrder) -> None:
        # The view has asked the model to sort; a column without a key keeps the old
        # order, so put the indicator back where the order really is.
        if self.model.sort_column() != column:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), self._sort_order())
            header.blockSignals(False)
            self.status_message.emit("Cột này không sắp xếp được.")

    # --- after a query -------------------------------------------------------------------
    def _remember_selection(self) -> None:
        self._kept_id = self.selected_id()

    def _after_reset(self) -> None:
        self._show_count()
        kept, self._kept_id = self._kept_id, None
        row = self.model.row_of(kept) if kept is not None else None
        if row is not None:
            self._select_row(row, scroll=False)
        self._update_buttons()

    def _show_count(self) -> None:
        try:
            summary = self._services.drug_tests.summary(self.model.criteria)
        except Exception:  # the count line is a nicety; the table itself has loaded
            self.count_label.setText(f"{format_count(self.model.total())} lượt test")
            return
        self.count_label.setText(
            f"{format_count(summary.tests)} lượt test — {format_count(summary.persons)} người"
            f" — {format_count(summary.positive_persons)} dương tính"
        )
        criteria = self.model.criteria
        if summary.tests:
            self.empty_label.hide()
            return
        narrowed = bool(
            criteria.text.strip() or criteria.sub_area_id is not None or criteria.positive_only
        )
        if narrowed:
            message = "Không có kết quả test nào khớp với điều kiện tìm kiếm, lọc."
        elif criteria.date_from is not None:
            message = "Không có kết quả test nào trong kỳ này. Chọn kỳ khác hoặc bấm “Thêm”."
        else:
            message = "Chưa có kết quả test nào. Bấm “Thêm” để nhập."
        self.empty_label.setText(message)
        self.empty_label.show()

    # --- selection -----------------------------------------------------------------------
    def _select_row(self, row: int, *, scroll: bool = True) -> None:
        self.table.selectRow(row)
        hint = (
            QAbstractItemView.ScrollHint.PositionAtCenter
            if scroll
            else QAbstractItemView.ScrollHint.EnsureVisible
        )
        self.table.scrollTo(self.model.index(row, 0), hint)

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._select_row(index.row(), scroll=False)
            self.open_selected()

    def _on_add_clicked(self) -> None:
        self.add_record()

    def _on_delete_clicked(self) -> None:
        self.delete_selected()

    def _on_saved(self, test_id: int) -> None:
        self.select_record(test_id)
        self.status_message.emit("Đã lưu kết quả test.")

    # --- changes from elsewhere ----------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        areas = changes.touches(Entity.SUB_AREA) or changes.touches(Entity.OFFICE)
        if areas and self._fill_sub_areas():
            self._apply_filter(force=True)
            return
        if changes.touches(DRUG_TEST_ENTITY) or changes.touches(Entity.PERSON):
            self._refresh()
