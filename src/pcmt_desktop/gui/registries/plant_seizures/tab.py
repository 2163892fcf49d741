"""The plant-seizures tab (Phá nhổ cây): filters, the table, and the period's totals.

The totals line says what the báo cáo says of the rows shown ("07 vụ, 07 đối tượng,
1.402 cây thuốc phiện, 120,5 m², …"), so the officer reads the figure instead of
counting it.
"""

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.number_text import format_count, format_decimal, format_whole
from pcmt_desktop.domain.plant_seizures import OWNERLESS_LABEL, PlantHandling
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.keyed_table_model import ColumnSpec, KeyedTableModel
from pcmt_desktop.gui.widgets.registry_tab_base import (
    Deletion,
    RegistryTabBase,
    show_window_modal,
    signals_blocked,
)
from pcmt_desktop.gui.widgets.registry_table import registry_table
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.plant_seizure_listing import (
    PlantSeizureCriteria,
    PlantSeizureRow,
    SeizureSort,
    SeizureTotals,
)
from pcmt_desktop.services.plant_seizures import PLANT_SEIZURE
from pcmt_desktop.services.registry import Services

if TYPE_CHECKING:
    from pcmt_desktop.gui.registries.plant_seizures.form import PlantSeizureFormDialog

SEARCH_PLACEHOLDER = "Tìm địa điểm, tên người trồng — gõ không dấu cũng được"
WATCHED = frozenset({PLANT_SEIZURE, Entity.PERSON})
# Reporting years run from 15/12 to 14/12 (DOMAIN.md): the tab opens on the current one.
YEAR_START_MONTH, YEAR_START_DAY = 12, 15


def report_year_start(today: date) -> date:
    start = date(today.year, YEAR_START_MONTH, YEAR_START_DAY)
    return start if today >= start else date(today.year - 1, YEAR_START_MONTH, YEAR_START_DAY)


def _number_or_blank(value: int) -> str:
    return format_whole(value) if value else ""


def seizure_columns(sub_area_label: str) -> list[ColumnSpec[PlantSeizureRow]]:
    return [
        ColumnSpec("Ngày", lambda row: format_day(row.seized_on), SeizureSort.DATE.value),
        ColumnSpec(sub_area_label, lambda row: row.sub_area_name, SeizureSort.SUB_AREA.value),
        ColumnSpec(
            "Địa điểm",
            lambda row: row.place,
            SeizureSort.PLACE.value,
            tooltip=lambda row: row.place or None,
        ),
        ColumnSpec(
            "Người chịu trách nhiệm",
            lambda row: OWNERLESS_LABEL if row.ownerless else row.person_name,
            SeizureSort.PERSON.value,
        ),
        ColumnSpec(
            "Thuốc phiện",
            lambda row: _number_or_blank(row.opium_plants),
            SeizureSort.PLANTS.value,
            numeric=True,
        ),
        ColumnSpec("Cần sa", lambda row: _number_or_blank(row.cannabis_plants), numeric=True),
        ColumnSpec(
            "Cây khác",
            lambda row: _number_or_blank(row.other_plants),
            numeric=True,
            tooltip=lambda row: row.other_plant_kind or None,
        ),
        ColumnSpec(
            "Diện tích (m²)",
            lambda row: format_decimal(row.area_m2, 2) if row.area_m2 else "",
            SeizureSort.AREA.value,
            numeric=True,
        ),
        ColumnSpec("Xử lý", lambda row: row.handling.label, SeizureSort.HANDLING.value),
        ColumnSpec(
            "Tiền phạt (đồng)",
            lambda row: "" if row.fine_vnd is None else format_whole(row.fine_vnd),
            SeizureSort.FINE.value,
            numeric=True,
        ),
        ColumnSpec("Giám định", lambda row: "Có" if row.expert_exam else ""),
    ]


COLUMN_CHARS = [10, 14, 22, 22, 10, 7, 8, 12, 17, 14, 9]
PLACE_COLUMN = 2


def totals_text(totals: SeizureTotals, sub_area_label: str) -> str:
    """ "07 vụ, 07 đối tượng; 1.402 cây thuốc phiện, 02 cây cần sa; 120,5 m²; …"."""
    parts = [f"{format_count(totals.cases)} vụ, {format_count(totals.subjects)} đối tượng"]
    if totals.ownerless_cases:
        parts[0] += f" ({format_count(totals.ownerless_cases)} vụ vô chủ)"
    plants = []
    for count, name in (
        (totals.opium_plants, "cây thuốc phiện"),
        (totals.cannabis_plants, "cây cần sa"),
        (totals.other_plants, "cây khác"),
    ):
        if count:
            plants.append(f"{format_count(count)} {name}")
    parts.append(", ".join(plants) if plants else "không có cây")
    if totals.area_m2:
        parts.append(f"{format_decimal(totals.area_m2, 2)} m²")
    if totals.fined_cases:
        parts.append(
            f"xử phạt {format_count(totals.fined_cases)} vụ, {format_whole(totals.fines_vnd)} đồng"
        )
    if totals.prosecuted_cases:
        parts.append(f"khởi tố {format_count(totals.prosecuted_cases)} vụ")
    parts.append(
        f"tại {format_count(totals.sub_areas_with_seizures)}/"
        f"{format_count(totals.sub_areas_total)} {sub_area_label.lower()}"
    )
    return "; ".join(parts) + "."


class PlantSeizuresTab(RegistryTabBase):
    """Sổ phá nhổ cây có chứa chất ma túy; the main window's menus call its public methods."""

    load_refusal = "Không tải được danh sách"
    not_found_message = "Không tìm thấy vụ phá nhổ cây mã {record_id}."
    watched = WATCHED
    model: KeyedTableModel[PlantSeizureRow, PlantSeizureCriteria]

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self._sub_area_label = sub_area_field_label(services)
        self._build_filters()
        self._build_buttons()
        self.model = KeyedTableModel(
            services.plant_seizures,
            seizure_columns(self._sub_area_label),
            self._criteria_from_widgets(PlantSeizureCriteria()),
            self,
        )
        self.table = registry_table(self.model, COLUMN_CHARS, PLACE_COLUMN, self)
        self._build_layout()
        # Not offered to a role that may not change records (the services refuse anyway).
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.add_button,
            self.delete_button,
        )
        self._connect()
        self._after_reset()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        today = self._services.context.today()
        self.search = self._make_search(SEARCH_PLACEHOLDER, 240)
        self.sub_area_combo = QComboBox()
        self.sub_area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_sub_areas()
        self.handling_combo = QComboBox()
        self.handling_combo.addItem("Mọi hình thức xử lý", None)
        for item in PlantHandling:
            self.handling_combo.addItem(item.label, item.value)
        self.period_box = QCheckBox("Từ ngày")
        self.period_box.setChecked(True)
        self.period_box.setToolTip("Bỏ chọn để xem mọi vụ, không giới hạn thời gian")
        self.date_from = DateEdit(today)
        self.date_from.set_day(report_year_start(today))
        self.date_to = DateEdit(today)

    def _build_buttons(self) -> None:
        self._make_count_labels()
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals_label.setStyleSheet("padding: 2px 4px;")
        self.add_button = QPushButton("Thêm vụ")
        self.add_button.setToolTip("Nhập một vụ phá nhổ cây có chứa chất ma túy")
        self.open_button = QPushButton("Xem, sửa")
        self.open_button.setToolTip("Xem, sửa vụ đang chọn và nhật ký thay đổi (Enter)")
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setToolTip("Xóa vụ nhập nhầm (Delete)")
        self._selection_buttons = (self.open_button, self.delete_button)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(f"{self._sub_area_label}:"))
        filters.addWidget(self.sub_area_combo)
        filters.addWidget(self.handling_combo)
        filters.addWidget(self.period_box)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("đến"))
        filters.addWidget(self.date_to)
        buttons = (self.add_button, self.open_button, self.delete_button)
        self._lay_out([filters], buttons, [self.totals_label])

    def _connect(self) -> None:
        self.sub_area_combo.currentIndexChanged.connect(self._apply_filter)
        self.handling_combo.currentIndexChanged.connect(self._apply_filter)
        self.period_box.toggled.connect(self._on_period_toggled)
        # Typing a date changes it once per digit: wait for the pause as for the search.
        self.date_from.dateChanged.connect(self._apply_filter_soon)
        self.date_to.dateChanged.connect(self._apply_filter_soon)
        self._connect_table()
        self.add_button.clicked.connect(self.add_record)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    # --- public API: the main window's menus -------------------------------------------
    def add_record(self) -> "PlantSeizureFormDialog":
        """Open the form for a new seizure (window-modal; the new row is selected on save)."""
        from pcmt_desktop.gui.registries.plant_seizures.form import PlantSeizureFormDialog

        dialog = PlantSeizureFormDialog(self._services, None, self)
        dialog.saved.connect(self._on_added)
        show_window_modal(dialog)
        return dialog

    def open_selected(self) -> "PlantSeizureFormDialog | None":
        """Open the selected seizure with its history, ready to edit (window-modal)."""
        seizure_id = self.selected_record_id()
        if seizure_id is None:
            return None
        from pcmt_desktop.gui.registries.plant_seizures.form import PlantSeizureFormDialog

        dialog = self._build_dialog(
            lambda: PlantSeizureFormDialog(self._services, seizure_id, self),
            "Không mở được vụ phá nhổ cây",
        )
        if dialog is None:
            return None
        dialog.saved.connect(lambda _id: self.status_message.emit("Đã lưu vụ phá nhổ cây."))
        show_window_modal(dialog)
        return dialog

    def _on_added(self, seizure_id: int) -> None:
        self.select_record(seizure_id)
        self.status_message.emit("Đã thêm vụ phá nhổ cây.")

    def _deletion(self, record_id: int, record: PlantSeizureRow | None) -> Deletion:
        what = (
            f"ngày {format_day(record.seized_on)}"
            + (f" tại {record.place}" if record.place else "")
            if record is not None
            else f"mã {record_id}"
        )
        return Deletion(
            "Xóa vụ phá nhổ cây",
            f"Xóa vụ phá nhổ cây {what}?\n\n"
            "Chỉ dùng khi vụ được nhập nhầm. Thao tác được ghi vào nhật ký.",
            refusal="Không xóa được",
            done=f"Đã xóa vụ phá nhổ cây {what}.",
        )

    def _delete_record(self, record_id: int) -> None:
        self._services.plant_seizures.delete(record_id)

    # --- filtering -----------------------------------------------------------------------
    def _criteria_from_widgets(self, base: PlantSeizureCriteria) -> PlantSeizureCriteria:
        dated = self.period_box.isChecked()
        return replace(
            base,
            text=self.search.text(),
            sub_area_id=self.sub_area_combo.currentData(),
            handling=self.handling_combo.currentData(),
            date_from=self.date_from.day() if dated else None,
            date_to=self.date_to.day() if dated else None,
        )

    def current_criteria(self) -> PlantSeizureCriteria:
        return self._criteria_from_widgets(self.model.criteria)

    def _on_period_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(checked)
        self.date_to.setEnabled(checked)
        self._apply_filter()

    def _reset_filters(self) -> None:
        with signals_blocked(
            self.search, self.sub_area_combo, self.handling_combo, self.period_box
        ):
            self.search.clear()
            self.sub_area_combo.setCurrentIndex(0)
            self.handling_combo.setCurrentIndex(0)
            self.period_box.setChecked(False)
            self.date_from.setEnabled(False)
            self.date_to.setEnabled(False)

    # --- counts and totals ---------------------------------------------------------------
    def _show_count(self) -> None:
        total = self.model.total()
        criteria = self.model.criteria
        self.count_label.setText(f"{format_whole(total)} vụ")
        period = ""
        if criteria.date_from is not None and criteria.date_to is not None:
            period = f"Từ {format_day(criteria.date_from)} đến {format_day(criteria.date_to)}: "
        try:
            totals = self._services.plant_seizures.totals_for(criteria)
        except SQLAlchemyError:
            self.totals_label.setText("")
        else:
            self.totals_label.setText(period + totals_text(totals, self._sub_area_label))
        if total:
            self.empty_label.hide()
            return
        self.empty_label.setText(
            "Không có vụ nào khớp với điều kiện tìm kiếm, lọc."
            if self._services.plant_seizures.count()
            else "Chưa có vụ phá nhổ cây nào. Bấm “Thêm vụ” để nhập."
        )
        self.empty_label.show()
