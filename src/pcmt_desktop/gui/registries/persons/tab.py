"""The persons tab: search and filters over the whole registry, and the actions on a person.

The table shows the query's ids through ``PersonsTableModel``; every change of the search
box or a filter re-runs one SQL query (the search box waits for a pause in typing). The
overview's data-quality counts open a chosen set of persons here (``show_subset``), under a
banner that names the set and takes it away again.
Committed writes anywhere in the program arrive as ``Changes`` and refresh the table,
keeping the selected person selected.
"""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.registries.persons.table_model import (
    Column,
    PersonsTableModel,
    sub_area_header,
)
from pcmt_desktop.gui.widgets.registry_tab_base import (
    Deletion,
    delete_after_asking,
    fill_sub_area_combo,
    run_modal,
    signals_blocked,
)
from pcmt_desktop.gui.widgets.registry_table import (
    NOT_SORTABLE_MESSAGE,
    bind_table_keys,
    keep_sort_indicator_true,
    registry_view,
    select_row,
)
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.person_listing import NOT_ON_ANY_LIST, ON_ANY_LIST, PersonFilter
from pcmt_desktop.services.registry import Services

SEARCH_DELAY_MS = 150
SEARCH_PLACEHOLDER = "Tìm họ tên, số CCCD, năm sinh, thôn xóm — gõ không dấu cũng được"
EARLIEST_DAY = QDate(1990, 1, 1)
# Widths in characters of the widest usual content.
COLUMN_CHARS = {
    Column.NAME: 26,
    Column.GENDER: 8,
    Column.BIRTH_YEAR: 8,
    Column.CCCD: 14,
    Column.SUB_AREA: 18,
    Column.VILLAGE: 16,
    Column.LIST: 14,
    Column.LIST_SINCE: 11,
}


def format_count(count: int) -> str:
    """Thousands with "." as the báo cáo writes them: 100000 → "100.000"."""
    return f"{count:,}".replace(",", ".")


def _to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PersonsTab(QWidget):
    """The registry of persons; the main window's menus call its public methods."""

    status_message = Signal(str)

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._sub_areas_shown: tuple[tuple[int, str], ...] = ()
        self._sub_area_label = ""
        self._kept_person_id: int | None = None  # selected before a model reset
        self._subset_caption = ""  # what the persons shown by show_subset have in common
        day = services.context.today()
        self._build_filters(QDate(day.year, day.month, day.day))
        self._build_buttons()
        self.model = PersonsTableModel(services.listing, self, criteria=PersonFilter(as_of=day))
        self.table = registry_view(
            self.model,
            [COLUMN_CHARS[column] for column in Column],
            # The name takes the width left over; never measured from the rows' contents.
            int(Column.NAME),
            (self.model.sort_column(), self.model.sort_order()),
            minimum_chars=5,
        )
        keep_sort_indicator_true(
            self.table,
            lambda: (self.model.sort_column(), self.model.sort_order()),
            lambda: self.status_message.emit(NOT_SORTABLE_MESSAGE),
        )
        self._build_layout()
        # Not offered to a role that may not change records (the services refuse anyway).
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.add_button,
            self.edit_button,
            self.delete_button,
        )
        self._connect()
        self._reload_sub_areas()
        self._show_count()
        self._update_buttons()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build_filters(self, today: QDate) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setToolTip(SEARCH_PLACEHOLDER)  # the placeholder is cut on narrow windows
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)

        self.list_combo = QComboBox()
        self.list_combo.addItem("Tất cả", None)
        self.list_combo.addItem("Đang trong diện quản lý", ON_ANY_LIST)
        self.list_combo.addItem("Không thuộc diện nào", NOT_ON_ANY_LIST)
        for item in ManagementList:
            self.list_combo.addItem(item.short_label, item.value)
            self.list_combo.setItemData(
                self.list_combo.count() - 1, item.label, Qt.ItemDataRole.ToolTipRole
            )

        self.sub_area_combo = QComboBox()
        self.sub_area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sub_area_caption = QLabel()

        self.as_of_edit = QDateEdit(today)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("dd/MM/yyyy")
        self.as_of_edit.setDateRange(EARLIEST_DAY, today)
        self.as_of_edit.setToolTip(
            "Cột “Diện quản lý” và bộ lọc “Diện” tính theo tình trạng đến hết ngày này"
        )

    def _build_buttons(self) -> None:
        self.count_label = QLabel()
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: palette(dark); padding: 6px;")
        self.empty_label.hide()
        self._build_subset_banner()

        self.add_button = QPushButton("Thêm đối tượng")
        self.add_button.setToolTip("Nhập một đối tượng mới (Ctrl+N)")
        self.edit_button = QPushButton("Sửa")
        self.edit_button.setToolTip("Sửa thông tin đối tượng đang chọn (F2)")
        self.open_button = QPushButton("Xem hồ sơ")
        self.open_button.setToolTip("Xem hồ sơ và lịch sử của đối tượng đang chọn (Enter)")
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setToolTip("Xóa đối tượng nhập nhầm (Delete)")

    def _build_subset_banner(self) -> None:
        self.subset_banner = QFrame()
        self.subset_banner.setObjectName("subset-banner")
        self.subset_banner.setStyleSheet(
            "#subset-banner { background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; }"
        )
        self.subset_label = QLabel()
        self.subset_label.setWordWrap(True)
        self.clear_subset_button = QPushButton("Bỏ lọc, xem tất cả")
        self.clear_subset_button.setToolTip("Trở lại toàn bộ danh sách đối tượng (Esc)")
        row = QHBoxLayout(self.subset_banner)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.subset_label, 1)
        row.addWidget(self.clear_subset_button)
        self.subset_banner.hide()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addSpacing(8)
        filters.addWidget(QLabel("Diện:"))
        filters.addWidget(self.list_combo)
        filters.addSpacing(8)
        filters.addWidget(self.sub_area_caption)
        filters.addWidget(self.sub_area_combo)
        filters.addSpacing(8)
        filters.addWidget(QLabel("Tính đến ngày:"))
        filters.addWidget(self.as_of_edit)

        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.open_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.subset_banner)
        layout.addLayout(actions)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._apply_filter_soon)
        self.search.returnPressed.connect(self._apply_filter_now)
        self.list_combo.currentIndexChanged.connect(self._apply_filter_now)
        self.sub_area_combo.currentIndexChanged.connect(self._apply_filter_now)
        # Typing a date changes it once per digit: wait for the pause as for the search.
        self.as_of_edit.dateChanged.connect(self._apply_filter_soon)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.clear_subset_button.clicked.connect(self.clear_subset)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.clear_subset)
        # Only keys the main window's menus leave free (it has Ctrl+N, F2, Ctrl+O, Ctrl+F):
        # the same key bound twice in one window would do nothing at all.
        may_edit = self._services.context.actor.may(Permission.RECORDS_EDIT)
        bind_table_keys(self.table, self.open_selected, self.delete_selected if may_edit else None)

    # --- public API: the main window's menus -------------------------------------------
    def selected_person_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.person_id_at(rows[0].row()) if rows else None

    def add_record(self) -> None:
        """The main window's "add" for whichever tab is open."""
        self.add_person()

    def select_record(self, record_id: int) -> bool:
        return self.select_person(record_id)

    def add_person(self) -> None:
        from pcmt_desktop.gui.registries.persons.form import PersonFormDialog

        dialog = PersonFormDialog(self._services, None, self)
        requested = self._collect_open_requests(dialog)
        accepted = run_modal(dialog)
        saved = dialog.saved_person_id
        if accepted and saved is not None:
            self.select_person(saved)
            self.status_message.emit("Đã thêm đối tượng.")
        self._open_requested(requested)

    def edit_selected(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            return
        from pcmt_desktop.gui.registries.persons.form import PersonFormDialog

        dialog = PersonFormDialog(self._services, person_id, self)
        requested = self._collect_open_requests(dialog)
        if run_modal(dialog):
            self.status_message.emit("Đã lưu thông tin đối tượng.")
        self._open_requested(requested)

    def open_selected(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            return
        from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog

        try:
            dialog = PersonHistoryDialog(self._services, person_id, self)
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không mở được hồ sơ", error)
            self._refresh()
            return
        run_modal(dialog)

    def delete_selected(self, *, ask: bool = True) -> None:
        """Delete the selected person after confirmation (``ask`` is keyword-only so that a
        QAction's ``triggered(checked)`` can never skip the question)."""
        person_id = self.selected_person_id()
        if person_id is None:
            return
        row = self.model.row_of(person_id)
        person = self.model.person_row(row) if row is not None else None
        name = person.full_name if person is not None else f"mã {person_id}"
        deletion = Deletion(
            "Xóa đối tượng",
            f"Xóa đối tượng {name} khỏi danh sách?\n\n"
            "Chỉ dùng khi đối tượng được nhập nhầm. Thao tác được ghi vào nhật ký.",
            refusal="Không xóa được đối tượng",
            done=f"Đã xóa đối tượng {name}.",
        )
        if not delete_after_asking(
            self, deletion, lambda: self._services.persons.delete(person_id), ask=ask
        ):
            return
        # The change signal has refreshed the table; select the row that took its place.
        if row is not None and self.model.total():
            self._select_row(min(row, self.model.total() - 1))
        self.status_message.emit(deletion.done)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_person(self, person_id: int) -> bool:
        """Select and show ``person_id``, clearing the filters that hide them."""
        row = self.model.row_of(person_id)
        if row is None:
            self._clear_filters()
            row = self.model.row_of(person_id)
        if row is None:
            self.status_message.emit(f"Không tìm thấy đối tượng mã {person_id}.")
            return False
        self._select_row(row)
        return True

    def show_subset(self, person_ids: frozenset[int], caption: str) -> None:
        """Show only ``person_ids`` — e.g. the persons without a CCCD — named by ``caption``.

        The other filters are cleared so that every person of the set is shown; the search
        box and the filters then narrow the set further, until the banner's button (or Esc)
        gives the whole registry back.
        """
        self._subset_caption = caption
        with signals_blocked(self.search, self.list_combo, self.sub_area_combo):
            self.search.clear()
            self.list_combo.setCurrentIndex(0)
            self.sub_area_combo.setCurrentIndex(0)
        try:
            self.model.set_filter(replace(self.current_filter(), person_ids=person_ids))
        except SQLAlchemyError as error:
            show_refusal(self, "Không tải được danh sách đối tượng", error)
        self._show_subset_banner()
        if self.model.total():
            self._select_row(0)

    def clear_subset(self) -> None:
        if self.model.current_filter.person_ids is None:
            return
        try:
            self.model.set_filter(replace(self.current_filter(), person_ids=None))
        except SQLAlchemyError as error:
            show_refusal(self, "Không tải được danh sách đối tượng", error)
        self._show_subset_banner()

    def _show_subset_banner(self) -> None:
        subset = self.model.current_filter.person_ids
        if subset is None:
            self.subset_banner.hide()
            return
        self.subset_label.setText(
            f"Đang xem: <b>{self._subset_caption}</b> — {format_count(len(subset))} đối tượng. "
            "Tìm kiếm và bộ lọc bên trên chỉ lọc trong nhóm này."
        )
        self.subset_banner.show()

    def reload_sub_areas(self) -> None:
        """Re-read the office's sub-areas and their label; refresh if what is shown changed."""
        self._reload_sub_areas()

    def _reload_sub_areas(self) -> bool:
        """Returns whether the table was queried again."""
        office = self._services.office.office()
        label = office.sub_area_label if office is not None else ""
        shown = tuple((area.id, area.name) for area in self._services.office.sub_areas())
        if (label, shown) == (self._sub_area_label, self._sub_areas_shown):
            return False
        first_time = not self._sub_area_label and not self._sub_areas_shown
        self._sub_area_label, self._sub_areas_shown = label, shown
        self.model.set_sub_area_label(label)
        self.sub_area_caption.setText(f"{sub_area_header(label)}:")
        fill_sub_area_combo(self.sub_area_combo, shown, "Tất cả địa bàn")
        if first_time:
            return False
        # Names and order of sub-areas are in the rows and the sort: query again.
        self._apply_filter(force=True)
        return True

    # --- filtering -----------------------------------------------------------------------
    def current_filter(self) -> PersonFilter:
        return replace(
            self.model.current_filter,
            text=self.search.text(),
            list_key=self.list_combo.currentData(),
            sub_area_id=self.sub_area_combo.currentData(),
            as_of=_to_date(self.as_of_edit.date()),
        )

    def _apply_filter_now(self) -> None:
        self._apply_filter()

    def _apply_filter_soon(self) -> None:
        """Restart the pause: the query runs once the officer stops typing for a moment."""
        self._search_timer.start()

    def _apply_filter(self, *, force: bool = False) -> None:
        self._search_timer.stop()
        criteria = self.current_filter()
        if criteria == self.model.current_filter and not force:
            return
        try:
            self.model.set_filter(criteria)
        except SQLAlchemyError as error:
            show_refusal(self, "Không tải được danh sách đối tượng", error)

    def _refresh(self) -> None:
        try:
            self.model.refresh()
        except SQLAlchemyError as error:
            show_refusal(self, "Không tải được danh sách đối tượng", error)

    def _remember_selection(self) -> None:
        self._kept_person_id = self.selected_person_id()

    def _after_reset(self) -> None:
        """After any new query (filter, sort, refresh): count, and the same person selected."""
        self._show_count()
        kept, self._kept_person_id = self._kept_person_id, None
        row = self.model.row_of(kept) if kept is not None else None
        if row is not None:
            self._select_row(row, scroll=False)
        self._update_buttons()

    def _show_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(f"{format_count(total)} đối tượng")
        filtered = self.model.current_filter
        if total:
            self.empty_label.hide()
        else:
            narrowed = bool(
                filtered.text.strip()
                or filtered.list_key
                or filtered.sub_area_id is not None
                or filtered.person_ids is not None
            )
            self.empty_label.setText(
                "Không có đối tượng nào khớp với điều kiện tìm kiếm, lọc."
                if narrowed
                else "Chưa có đối tượng nào. Bấm “Thêm đối tượng” (Ctrl+N) để nhập."
            )
            self.empty_label.show()

    def _clear_filters(self) -> None:
        with signals_blocked(self.search, self.list_combo, self.sub_area_combo):
            self.search.clear()
            self.list_combo.setCurrentIndex(0)
            self.sub_area_combo.setCurrentIndex(0)
        if self.model.current_filter.person_ids is not None:
            self.clear_subset()
        self._apply_filter()

    # --- selection -----------------------------------------------------------------------
    def _select_row(self, row: int, *, scroll: bool = True) -> None:
        select_row(self.table, row, scroll=scroll)

    def _update_buttons(self) -> None:
        chosen = self.selected_person_id() is not None
        for button in (self.edit_button, self.open_button, self.delete_button):
            button.setEnabled(chosen)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._select_row(index.row(), scroll=False)
            self.open_selected()

    # --- the form's link to a probable duplicate ----------------------------------------
    @staticmethod
    def _collect_open_requests(dialog: QDialog) -> list[int]:
        requested: list[int] = []
        dialog.open_person_requested.connect(requested.append)  # type: ignore[attr-defined]
        return requested

    def _open_requested(self, requested: list[int]) -> None:
        # Opened once the form has closed, so that the record is not hidden behind it.
        if requested and self.select_person(requested[-1]):
            self.open_selected()

    # --- changes from elsewhere ----------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        queried = False
        if changes.touches(Entity.SUB_AREA) or changes.touches(Entity.OFFICE):
            queried = self._reload_sub_areas()
        if not queried and (
            changes.touches(Entity.PERSON) or changes.touches(Entity.PERSON_HISTORY)
        ):
            self._refresh()
