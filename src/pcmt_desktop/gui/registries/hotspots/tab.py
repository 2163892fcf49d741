"""The hotspots tab (Điểm, tụ điểm): search and filters, the table, and the actions.

A hotspot whose fight period is over shows red, one whose period ends within 14 days
amber, so the officer sees at once which ones the báo cáo will ask about.
"""

from dataclasses import replace
from typing import TYPE_CHECKING

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
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.number_text import format_whole
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.keyed_table_model import (
    DUE_SOON_COLOUR,
    OVERDUE_COLOUR,
    ColumnSpec,
    KeyedTableModel,
)
from pcmt_desktop.gui.widgets.registry_tab_base import (
    Deletion,
    RegistryTabBase,
    show_window_modal,
    signals_blocked,
)
from pcmt_desktop.gui.widgets.registry_table import registry_table
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.hotspot_listing import HotspotCriteria, HotspotRow, HotspotSort
from pcmt_desktop.services.hotspots import HOTSPOT
from pcmt_desktop.services.registry import Services

if TYPE_CHECKING:
    from pcmt_desktop.gui.registries.hotspots.form import HotspotFormDialog
    from pcmt_desktop.gui.registries.hotspots.record import HotspotRecordDialog

SEARCH_PLACEHOLDER = "Tìm tên điểm, địa chỉ — gõ không dấu cũng được"
WATCHED = frozenset({HOTSPOT, Entity.PERSON_HISTORY, Entity.PERSON})


def due_text(row: HotspotRow) -> str:
    """ "08/02/2025 (quá 12 ngày)", "(còn 5 ngày)", "—" once cleared."""
    if row.fight_due is None or row.days_left is None:
        return "—"
    day = format_day(row.fight_due)
    if row.days_left < 0:
        return f"{day} (quá {-row.days_left} ngày)"
    if row.days_left == 0:
        return f"{day} (hết hạn hôm nay)"
    return f"{day} (còn {row.days_left} ngày)"


def row_colour(row: HotspotRow) -> QColor | None:
    if row.overdue:
        return OVERDUE_COLOUR
    if row.due_soon:
        return DUE_SOON_COLOUR
    return None


def hotspot_columns(sub_area_label: str) -> list[ColumnSpec[HotspotRow]]:
    return [
        ColumnSpec("Tên điểm, tụ điểm", lambda row: row.name, HotspotSort.NAME.value),
        ColumnSpec("Loại", lambda row: row.kind.label, HotspotSort.KIND.value),
        ColumnSpec(
            "Cơ sở KD có ĐK",
            lambda row: "Có" if row.in_business else "Không",
            HotspotSort.BUSINESS.value,
            tooltip=lambda row: (
                "Trong cơ sở kinh doanh có điều kiện về an ninh, trật tự"
                if row.in_business
                else "Không phải cơ sở kinh doanh có điều kiện về an ninh, trật tự"
            ),
        ),
        ColumnSpec("Địa chỉ", lambda row: row.address, tooltip=lambda row: row.address or None),
        ColumnSpec(sub_area_label, lambda row: row.sub_area_name, HotspotSort.SUB_AREA.value),
        ColumnSpec(
            "Ngày đưa vào", lambda row: format_day(row.entered_on), HotspotSort.ENTERED.value
        ),
        ColumnSpec(
            "Tình trạng",
            lambda row: "" if row.state is None else row.state.label,
            HotspotSort.STATUS.value,
            tooltip=lambda row: (
                None if row.state_since is None else f"Từ ngày {format_day(row.state_since)}"
            ),
        ),
        ColumnSpec("Hết thời gian đấu tranh", due_text),
        ColumnSpec(
            "Bán lẻ",
            lambda row: str(row.sellers_now),
            HotspotSort.SELLERS.value,
            numeric=True,
            tooltip=lambda _row: "Số đối tượng bán lẻ gắn với điểm, đang hoạt động hôm nay",
        ),
    ]


COLUMN_CHARS = [24, 19, 12, 18, 14, 10, 12, 21, 6]
# The address takes the width left over: names are short, addresses vary.
ADDRESS_COLUMN = 3


class HotspotsTab(RegistryTabBase):
    """Sổ điểm, tụ điểm phức tạp về ma túy; the main window's menus call its public methods."""

    load_refusal = "Không tải được danh sách điểm"
    not_found_message = "Không tìm thấy điểm mã {record_id}."
    watched = WATCHED
    model: KeyedTableModel[HotspotRow, HotspotCriteria]

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self._sub_area_label = sub_area_field_label(services)
        self._build_filters()
        self._build_buttons()
        self.model = KeyedTableModel(
            services.hotspots,
            hotspot_columns(self._sub_area_label),
            HotspotCriteria(),
            self,
            highlight=row_colour,
        )
        self.table = registry_table(self.model, COLUMN_CHARS, ADDRESS_COLUMN, self)
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
        self._fill_sub_areas()
        self._show_count()
        self._update_buttons()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = self._make_search(SEARCH_PLACEHOLDER, 260)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("Tất cả các loại", None)
        for kind in HotspotKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.status_combo = QComboBox()
        self.status_combo.addItem("Mọi tình trạng", None)
        for state in HotspotState:
            self.status_combo.addItem(state.label, state.value)
        self.status_combo.setToolTip("Tình trạng tính đến hôm nay")
        self.sub_area_combo = QComboBox()
        self.sub_area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.late_box = QCheckBox("Quá hạn, sắp hết hạn đấu tranh")
        self.late_box.setToolTip(
            "Chỉ các điểm chưa triệt xóa đã hết, hoặc còn 14 ngày nữa là hết, thời gian đấu tranh"
        )

    def _build_buttons(self) -> None:
        self._make_count_labels()
        self.add_button = QPushButton("Thêm điểm")
        self.add_button.setToolTip("Đưa một điểm, tụ điểm mới vào sổ")
        self.edit_button = QPushButton("Sửa")
        self.open_button = QPushButton("Xem hồ sơ")
        self.open_button.setToolTip(
            "Tình trạng, đối tượng bán lẻ và nhật ký của điểm đang chọn (Enter)"
        )
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setToolTip("Xóa điểm nhập nhầm (Delete)")
        self._selection_buttons = (self.edit_button, self.open_button, self.delete_button)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.status_combo)
        self.sub_area_caption = QLabel(f"{self._sub_area_label}:")
        filters.addWidget(self.sub_area_caption)
        filters.addWidget(self.sub_area_combo)
        filters.addWidget(self.late_box)
        buttons = (self.add_button, self.edit_button, self.open_button, self.delete_button)
        self._lay_out([filters], buttons)

    def _connect(self) -> None:
        for combo in (self.kind_combo, self.status_combo, self.sub_area_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.late_box.toggled.connect(self._apply_filter)
        self._connect_table()
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    # --- public API: the main window's menus -------------------------------------------
    def add_record(self) -> "HotspotFormDialog":
        """Open the form for a new hotspot (window-modal; the new row is selected on save)."""
        from pcmt_desktop.gui.registries.hotspots.form import HotspotFormDialog

        dialog = HotspotFormDialog(self._services, None, self)
        dialog.saved.connect(self._on_added)
        show_window_modal(dialog)
        return dialog

    def edit_selected(self) -> "HotspotFormDialog | None":
        hotspot_id = self.selected_record_id()
        if hotspot_id is None:
            return None
        from pcmt_desktop.gui.registries.hotspots.form import HotspotFormDialog

        dialog = self._build_dialog(
            lambda: HotspotFormDialog(self._services, hotspot_id, self), "Không mở được điểm"
        )
        if dialog is None:
            return None
        dialog.saved.connect(lambda _id: self.status_message.emit("Đã lưu điểm, tụ điểm."))
        show_window_modal(dialog)
        return dialog

    def open_selected(self) -> "HotspotRecordDialog | None":
        """Open the selected hotspot's record (window-modal, so the tab stays usable)."""
        hotspot_id = self.selected_record_id()
        if hotspot_id is None:
            return None
        from pcmt_desktop.gui.registries.hotspots.record import HotspotRecordDialog

        dialog = self._build_dialog(
            lambda: HotspotRecordDialog(self._services, hotspot_id, self),
            "Không mở được hồ sơ điểm",
        )
        if dialog is not None:
            show_window_modal(dialog)
        return dialog

    def _on_added(self, hotspot_id: int) -> None:
        self.select_record(hotspot_id)
        self.status_message.emit("Đã thêm điểm, tụ điểm.")

    def _deletion(self, record_id: int, record: HotspotRow | None) -> Deletion:
        name = record.name if record is not None else f"mã {record_id}"
        return Deletion(
            "Xóa điểm, tụ điểm",
            f"Xóa điểm “{name}” khỏi sổ?\n\nChỉ dùng khi điểm được nhập nhầm; để ghi nhận "
            "điểm đã bị triệt xóa, hãy mở hồ sơ điểm và thêm tình trạng “Đã triệt xóa”.",
            refusal="Không xóa được điểm",
            done=f"Đã xóa điểm {name}.",
        )

    def _delete_record(self, record_id: int) -> None:
        self._services.hotspots.delete(record_id)

    # --- filtering -----------------------------------------------------------------------
    def current_criteria(self) -> HotspotCriteria:
        return replace(
            self.model.criteria,
            text=self.search.text(),
            kind=self.kind_combo.currentData(),
            status=self.status_combo.currentData(),
            sub_area_id=self.sub_area_combo.currentData(),
            late_only=self.late_box.isChecked(),
        )

    def _reset_filters(self) -> None:
        combos = (self.kind_combo, self.status_combo, self.sub_area_combo)
        with signals_blocked(self.search, *combos, self.late_box):
            self.search.clear()
            for combo in combos:
                combo.setCurrentIndex(0)
            self.late_box.setChecked(False)

    def _show_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(f"{format_whole(total)} điểm, tụ điểm")
        criteria = self.model.criteria
        narrowed = bool(
            criteria.text.strip()
            or criteria.kind
            or criteria.status
            or criteria.sub_area_id is not None
            or criteria.late_only
        )
        if total:
            self.empty_label.hide()
            return
        self.empty_label.setText(
            "Không có điểm nào khớp với điều kiện tìm kiếm, lọc."
            if narrowed
            else "Chưa có điểm, tụ điểm nào. Bấm “Thêm điểm” để nhập."
        )
        self.empty_label.show()
