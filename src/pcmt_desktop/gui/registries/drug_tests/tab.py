"""The drug-tests tab: search and filters over every test, the count line, the actions.

The table is a ``KeyedTableModel`` over ``services.drug_tests`` (ordered ids filtered and
sorted in SQL, rows fetched by batch), so it opens at once on hundreds of thousands of
tests. The period starts as the current reporting period (from the 15th). Forms and the
record view open window-modal without blocking, and committed writes anywhere arrive as
``Changes`` and refresh the table, keeping the selected test selected.
"""

from dataclasses import replace
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
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
from pcmt_desktop.gui.widgets.registry_tab_base import (
    Deletion,
    RegistryTabBase,
    fill_sub_area_combo,
    show_window_modal,
    signals_blocked,
)
from pcmt_desktop.gui.widgets.registry_table import (
    registry_table,
)
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.drug_test_listing import DrugTestCriteria, DrugTestRow, DrugTestSort
from pcmt_desktop.services.drug_tests import DRUG_TEST_ENTITY
from pcmt_desktop.services.registry import Services

SEARCH_PLACEHOLDER = "Tìm theo họ tên, số CCCD, năm sinh của người được test — gõ không dấu"
POSITIVE_ROW = QColor("#fde2e1")
# Widths in characters of the widest usual content; the name takes what is left.
COLUMN_CHARS = (11, 26, 8, 16, 11, 22, 22, 22)
NAME_COLUMN = 1


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


class DrugTestsTab(RegistryTabBase):
    """Sổ test ma túy; the main window's menus call its public methods."""

    load_refusal = "Không tải được danh sách test"
    not_found_message = "Không tìm thấy kết quả test số {record_id}."
    watched = frozenset({DRUG_TEST_ENTITY, Entity.PERSON})
    model: KeyedTableModel[DrugTestRow, DrugTestCriteria]

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self._sub_areas_shown: tuple[tuple[int, str], ...] = ()
        self._build_filters()
        self._build_buttons()
        self.model = KeyedTableModel(
            services.drug_tests,
            _columns(sub_area_word(services)),
            self._criteria_from_widgets(DrugTestCriteria()),
            self,
            highlight=_positive_colour,
        )
        self.table = registry_table(self.model, COLUMN_CHARS, NAME_COLUMN)
        self._build_layout()
        # Not offered to a role that may not change records (the services refuse anyway).
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.add_button,
            self.delete_button,
        )
        self._connect()
        self._show_count()
        self._update_buttons()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        today = self._services.context.today()
        self.search = self._make_search(SEARCH_PLACEHOLDER, 300)

        self.sub_area_caption = QLabel(f"{sub_area_word(self._services)}:")
        self.sub_area_combo = QComboBox()
        self.sub_area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._refill_sub_areas()

        self.period_combo = QComboBox()
        for choice in PeriodChoice:
            self.period_combo.addItem(choice.label, choice.value)
        self.date_from = DateEdit(today)
        self.date_to = DateEdit(today)
        self.positive_only = QCheckBox("Chỉ dương tính")
        self._set_period(PeriodChoice.CURRENT)

    def _build_buttons(self) -> None:
        self._make_count_labels()
        self.count_label.setToolTip(
            "Lượt test, số người được test và số người có ít nhất một lần dương tính "
            "trong danh sách đang xem"
        )
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
        self._selection_buttons = (self.open_button, self.delete_button)

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
        buttons = (self.add_button, self.open_button, self.delete_button, self.by_sub_area_button)
        self._lay_out([filters], buttons)

    def _connect(self) -> None:
        self.sub_area_combo.currentIndexChanged.connect(self._apply_filter)
        self.period_combo.currentIndexChanged.connect(self._on_period_chosen)
        # Typing a date changes it once per digit: wait for a pause as for the search.
        self.date_from.dateChanged.connect(self._on_date_edited)
        self.date_to.dateChanged.connect(self._on_date_edited)
        self.positive_only.toggled.connect(self._apply_filter)
        self._connect_table()
        self.add_button.clicked.connect(self._on_add_clicked)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.by_sub_area_button.clicked.connect(self.show_by_sub_area)

    # --- public API: the main window's menus -------------------------------------------
    def selected_id(self) -> int | None:
        return self.selected_record_id()

    def add_record(self, *, person_id: int | None = None) -> DrugTestFormDialog:
        """Open the form for a new test (window-modal; the table follows when it saves)."""
        form = DrugTestFormDialog(self._services, None, self, person_id=person_id)
        form.saved.connect(self._on_saved)
        show_window_modal(form)
        return form

    def open_selected(self) -> DrugTestRecordDialog | None:
        """Open the selected test's record (its data, suggested move and history)."""
        test_id = self.selected_record_id()
        if test_id is None:
            return None
        return self.open_record(test_id)

    def open_record(self, test_id: int) -> DrugTestRecordDialog | None:
        dialog = self._build_dialog(
            lambda: DrugTestRecordDialog(self._services, test_id, self),
            "Không mở được kết quả test",
        )
        if dialog is not None:
            show_window_modal(dialog)
        return dialog

    def _deletion(self, record_id: int, record: DrugTestRow | None) -> Deletion:
        what = (
            f"kết quả test ngày {format_day(record.test_date)} của {record.person_name}"
            if record is not None
            else f"kết quả test số {record_id}"
        )
        return Deletion(
            "Xóa kết quả test",
            f"Xóa {what}?\n\nChỉ dùng khi kết quả được nhập nhầm. Thao tác được ghi vào nhật ký.",
            refusal="Không xóa được kết quả test",
            done=f"Đã xóa {what}.",
        )

    def _delete_record(self, record_id: int) -> None:
        self._services.drug_tests.delete(record_id)

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
        show_window_modal(dialog)
        return dialog

    def reload_sub_areas(self) -> None:
        """Re-read the office's sub-areas; query again if what is shown changed."""
        self._sub_areas_changed()

    # --- filtering -----------------------------------------------------------------------
    def _refill_sub_areas(self) -> bool:
        """Refill the sub-area filter and its caption; False if nothing shown changed."""
        shown = tuple((area.id, area.name) for area in self._services.office.sub_areas())
        if shown == self._sub_areas_shown:
            return False
        self._sub_areas_shown = shown
        fill_sub_area_combo(self.sub_area_combo, shown)
        self.sub_area_caption.setText(f"{sub_area_word(self._services)}:")
        return True

    def _sub_areas_changed(self) -> bool:
        if not self._refill_sub_areas():
            return False
        self._apply_filter(force=True)
        return True

    def _set_period(self, choice: PeriodChoice) -> None:
        """Show ``choice`` and its days without querying (the caller decides)."""
        first, last = period_of(choice, self._services.context.today())
        with signals_blocked(self.period_combo, self.date_from, self.date_to):
            self.period_combo.setCurrentIndex(self.period_combo.findData(choice.value))
            if first is not None and last is not None:
                self.date_from.set_day(first)
                self.date_to.set_day(last)
            everything = choice is PeriodChoice.ALL
            self.date_from.setEnabled(not everything)
            self.date_to.setEnabled(not everything)

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
            with signals_blocked(self.period_combo):
                self.period_combo.setCurrentIndex(self.period_combo.findData(PeriodChoice.CUSTOM))
        self._apply_filter_soon()

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

    def _reset_filters(self) -> None:
        with signals_blocked(self.search, self.sub_area_combo, self.positive_only):
            self.search.clear()
            self.sub_area_combo.setCurrentIndex(0)
            self.positive_only.setChecked(False)
        self._set_period(PeriodChoice.ALL)

    # --- after a query -------------------------------------------------------------------
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

    # --- the buttons ---------------------------------------------------------------------
    # ``clicked(checked)`` must not reach the keyword-only parameters.
    def _on_add_clicked(self) -> None:
        self.add_record()

    def _on_delete_clicked(self) -> None:
        self.delete_selected()

    def _on_saved(self, test_id: int) -> None:
        self.select_record(test_id)
        self.status_message.emit("Đã lưu kết quả test.")
