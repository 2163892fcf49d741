"""The CNBB dossiers tab (Hồ sơ CNBB): search and filters, the table, and the actions.

A dossier whose next step is past its legal limit shows red, one due within a week amber:
the officer sees at once which files the court or the facility is late on.
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
from pcmt_desktop.domain.dossier_steps import StatusGroup
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.persons.form import sub_area_field_label
from pcmt_desktop.gui.widgets.date_field import OptionalDateEdit
from pcmt_desktop.gui.widgets.keyed_table_model import (
    DUE_SOON_COLOUR,
    OVERDUE_COLOUR,
    ColumnSpec,
    KeyedTableModel,
)
from pcmt_desktop.gui.widgets.registry_tab_base import (
    Deletion,
    RegistryTabBase,
    run_modal,
    signals_blocked,
)
from pcmt_desktop.gui.widgets.registry_table import registry_table
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.dossier_listing import DossierCriteria, DossierRow, DossierSort
from pcmt_desktop.services.dossiers import DOSSIER
from pcmt_desktop.services.registry import Services

SEARCH_PLACEHOLDER = "Tìm họ tên, số CCCD, năm sinh — gõ không dấu cũng được"
DUE_SOON_DAYS = 7
WATCHED = frozenset({DOSSIER, Entity.PERSON, "legal_rule"})
NO_LIMIT = "—"


def limit_due_text(row: DossierRow) -> str:
    """ "04/09/2026 (quá 80 ngày)", "27/11/2026 (còn 4 ngày)", "—" without a running clock."""
    if row.next_limit is None or row.days_left is None:
        return NO_LIMIT
    day = format_day(row.next_limit.due)
    if row.days_left < 0:
        return f"{day} (quá {-row.days_left} ngày)"
    if row.days_left == 0:
        return f"{day} (hết hạn hôm nay)"
    return f"{day} (còn {row.days_left} ngày)"


def limit_tooltip(row: DossierRow) -> str | None:
    limit = row.next_limit
    if limit is None:
        return None
    return f"{limit.what}\nTính từ ngày {format_day(limit.starts)}\nCăn cứ: {limit.source}"


def row_colour(row: DossierRow) -> QColor | None:
    if row.days_left is None:
        return None
    if row.days_left < 0:
        return OVERDUE_COLOUR
    if row.days_left <= DUE_SOON_DAYS:
        return DUE_SOON_COLOUR
    return None


def _day(value: date | None) -> str:
    return "" if value is None else format_day(value)


def dossier_columns(sub_area_label: str) -> list[ColumnSpec[DossierRow]]:
    return [
        ColumnSpec("Họ và tên", lambda row: row.full_name, DossierSort.NAME),
        ColumnSpec(
            "Năm sinh",
            lambda row: "" if row.birth_year is None else str(row.birth_year),
            DossierSort.BIRTH_YEAR,
            numeric=True,
        ),
        ColumnSpec(sub_area_label, lambda row: row.sub_area_name, DossierSort.SUB_AREA),
        ColumnSpec("Ngày phát hiện", lambda row: _day(row.found_on), DossierSort.FOUND_ON),
        ColumnSpec("Ngày lập hồ sơ", lambda row: _day(row.created_on), DossierSort.CREATED_ON),
        ColumnSpec(
            "Tình trạng", lambda row: row.status, DossierSort.STATUS, tooltip=lambda r: r.status
        ),
        ColumnSpec(
            "Việc tiếp theo",
            lambda row: NO_LIMIT if row.next_limit is None else row.next_limit.short,
            DossierSort.NEXT_DUE,
            tooltip=limit_tooltip,
        ),
        ColumnSpec("Hạn", limit_due_text, DossierSort.NEXT_DUE, tooltip=limit_tooltip),
    ]


COLUMN_CHARS = [26, 8, 16, 12, 12, 26, 17, 22]
NAME_COLUMN = 0


class DossiersTab(RegistryTabBase):
    """Sổ hồ sơ đưa đi cai nghiện bắt buộc; the main window's menus call its public methods."""

    load_refusal = "Không tải được danh sách hồ sơ"
    not_found_message = "Không tìm thấy hồ sơ CNBB mã {record_id}."
    watched = WATCHED
    model: KeyedTableModel[DossierRow, DossierCriteria]

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.setObjectName("ho-so-cnbb")
        self._sub_area_label = sub_area_field_label(services)
        self._build_filters()
        self._build_buttons()
        self.model = KeyedTableModel(
            services.dossiers,
            dossier_columns(self._sub_area_label),
            DossierCriteria(),
            self,
            highlight=row_colour,
        )
        self.table = registry_table(self.model, COLUMN_CHARS, NAME_COLUMN, self)
        self._build_layout()
        # Not offered to a role that may not change records (the services refuse anyway).
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.add_button,
            self.delete_button,
        )
        self._connect()
        self._fill_sub_areas()
        self._show_count()
        self._update_buttons()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build_filters(self) -> None:
        today = self._services.context.today()
        self.search = self._make_search(SEARCH_PLACEHOLDER, 240)
        self.group_combo = QComboBox()
        self.group_combo.addItem("Mọi tình trạng", None)
        for group in StatusGroup:
            self.group_combo.addItem(group.label, group.value)
        self.sub_area_combo = QComboBox()
        self.sub_area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.created_from = OptionalDateEdit(today, "từ đầu")
        self.created_to = OptionalDateEdit(today, "đến nay")
        for edit in (self.created_from, self.created_to):
            edit.setToolTip("Lọc theo ngày lập hồ sơ; bỏ chọn ô để đặt ngày")
        self.late_box = QCheckBox("Chỉ hồ sơ quá hạn")
        self.late_box.setToolTip(
            "Hồ sơ đang xử lý có bước tiếp theo đã quá thời hạn luật định "
            "(Tòa án chưa quyết định, hoặc đã hết thời hạn chấp hành mà chưa ghi hoàn thành)"
        )

    def _build_buttons(self) -> None:
        self._make_count_labels()
        self.add_button = QPushButton("Lập hồ sơ mới")
        self.add_button.setToolTip("Lập hồ sơ đưa một đối tượng đi cai nghiện bắt buộc")
        self.open_button = QPushButton("Xem hồ sơ")
        self.open_button.setToolTip("Các bước, thời hạn và nhật ký của hồ sơ đang chọn (Enter)")
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setToolTip("Xóa hồ sơ nhập nhầm (Delete)")
        self._selection_buttons = (self.open_button, self.delete_button)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.group_combo)
        self.sub_area_caption = QLabel(f"{self._sub_area_label}:")
        filters.addWidget(self.sub_area_caption)
        filters.addWidget(self.sub_area_combo)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Lập hồ sơ từ ngày:"))
        dates.addWidget(self.created_from)
        dates.addWidget(QLabel("đến ngày:"))
        dates.addWidget(self.created_to)
        dates.addSpacing(12)
        dates.addWidget(self.late_box)
        dates.addStretch(1)
        self._lay_out([filters, dates], (self.add_button, self.open_button, self.delete_button))

    def _connect(self) -> None:
        for combo in (self.group_combo, self.sub_area_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        # A typed date changes once per digit: wait for the pause as for the search.
        for edit in (self.created_from, self.created_to):
            edit.changed.connect(self._apply_filter_soon)
        self.late_box.toggled.connect(self._apply_filter)
        self._connect_table()
        self.add_button.clicked.connect(self.add_record)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    # --- public API: the main window's menus -------------------------------------------
    def add_record(self) -> None:
        from pcmt_desktop.gui.registries.dossiers.form import NewDossierDialog

        dialog = NewDossierDialog(self._services, self)
        accepted = run_modal(dialog)
        saved = dialog.saved_id
        if accepted and saved is not None:
            self.select_record(saved)
            self.status_message.emit("Đã lập hồ sơ CNBB; thêm các bước tiếp theo trong hồ sơ.")
            self.open_selected()

    def open_selected(self) -> None:
        dossier_id = self.selected_record_id()
        if dossier_id is None:
            return
        from pcmt_desktop.gui.registries.dossiers.record import DossierRecordDialog

        dialog = self._build_dialog(
            lambda: DossierRecordDialog(self._services, dossier_id, self),
            "Không mở được hồ sơ CNBB",
        )
        if dialog is not None:
            run_modal(dialog)

    def _deletion(self, record_id: int, record: DossierRow | None) -> Deletion:
        name = record.full_name if record is not None else f"mã {record_id}"
        return Deletion(
            "Xóa hồ sơ CNBB",
            f"Xóa hồ sơ CNBB của {name} cùng mọi bước của hồ sơ?\n\n"
            "Chỉ dùng khi hồ sơ được nhập nhầm. Nơi ở và diện quản lý của đối tượng không "
            "thay đổi. Nhật ký thay đổi vẫn giữ nội dung đã xóa.",
            refusal="Không xóa được hồ sơ",
            done=f"Đã xóa hồ sơ CNBB của {name}.",
        )

    def _delete_record(self, record_id: int) -> None:
        self._services.dossiers.delete_dossier(record_id)

    # --- filtering -----------------------------------------------------------------------
    def current_criteria(self) -> DossierCriteria:
        return replace(
            self.model.criteria,
            text=self.search.text(),
            group=self.group_combo.currentData(),
            sub_area_id=self.sub_area_combo.currentData(),
            created_from=self.created_from.day(),
            created_to=self.created_to.day(),
            late_only=self.late_box.isChecked(),
        )

    def _reset_filters(self) -> None:
        with signals_blocked(
            self.search,
            self.group_combo,
            self.sub_area_combo,
            self.late_box,
            self.created_from,
            self.created_to,
        ):
            self.search.clear()
            self.group_combo.setCurrentIndex(0)
            self.sub_area_combo.setCurrentIndex(0)
            self.late_box.setChecked(False)
            self.created_from.set_day(None)
            self.created_to.set_day(None)

    # --- counts --------------------------------------------------------------------------
    def _show_count(self) -> None:
        total = self.model.total()
        late = len(self._services.dossiers.past_limit(self._services.context.today()))
        text = f"{total:,} hồ sơ".replace(",", ".")
        if late:
            text += f" · {late:02d} hồ sơ quá hạn"
        self.count_label.setText(text)
        criteria = self.model.criteria
        narrowed = bool(
            criteria.text.strip()
            or criteria.group
            or criteria.sub_area_id is not None
            or criteria.created_from
            or criteria.created_to
            or criteria.late_only
        )
        if total:
            self.empty_label.hide()
            return
        self.empty_label.setText(
            "Không có hồ sơ nào khớp với điều kiện tìm kiếm, lọc."
            if narrowed
            else "Chưa có hồ sơ CNBB nào. Bấm “Lập hồ sơ mới” để nhập."
        )
        self.empty_label.show()

    # --- changes from elsewhere ----------------------------------------------------------
    def _sub_areas_changed(self) -> bool:
        self._fill_sub_areas()
        label = sub_area_field_label(self._services)
        self.sub_area_caption.setText(f"{label}:")
        self._refresh()
        return True
