"""The cases tab ("Vụ việc"): criminal cases and administrative violations.

Filters (kind, sub-area, charge, period, text) re-run one SQL query; the line above the
table gives the figures of the period shown, as the báo cáo counts them.
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.cases.amounts import format_money
from pcmt_desktop.gui.registries.cases.labels import seized_text
from pcmt_desktop.gui.widgets.date_field import DateEdit
from pcmt_desktop.gui.widgets.keyed_table_model import ColumnSpec, KeyedTableModel
from pcmt_desktop.gui.widgets.registry_tab_base import (
    Deletion,
    RegistryTabBase,
    run_modal,
    signals_blocked,
)
from pcmt_desktop.gui.widgets.registry_table import registry_table
from pcmt_desktop.services.case_listing import CaseFilter, CaseRow, CaseSort
from pcmt_desktop.services.case_summary import CaseSummary
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import DRUG_CASE
from pcmt_desktop.services.registry import Services

SEARCH_PLACEHOLDER = "Tìm nội dung, hành vi, tên đối tượng, số điều luật — gõ không dấu cũng được"
# Widths in characters of the widest usual content.
COLUMN_CHARS = (11, 9, 13, 24, 14, 8, 15, 14, 13, 24)
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


class CasesTab(RegistryTabBase):
    load_refusal = "Không tải được danh sách vụ việc"
    not_found_message = "Không tìm thấy vụ việc mã {record_id}."
    all_sub_areas_text = "Tất cả địa bàn"
    watched = frozenset({DRUG_CASE})
    model: KeyedTableModel[CaseRow, CaseFilter]

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        today = services.context.today()
        self._build_filters(today)
        self._build_buttons()
        office = services.office.office()
        self._sub_area_title = self._title(office.sub_area_label if office else "")
        self.model = KeyedTableModel(
            services.cases, case_columns(self._sub_area_title), self.current_filter(), self
        )
        # A stretched middle column shrinks to nothing once the others fill the width:
        # the last (seized items) takes the spare room instead.
        self.table = registry_table(self.model, COLUMN_CHARS, None, self)
        self._build_layout()
        # Not offered to a role that may not change records (the services refuse anyway).
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.add_button,
            self.add_violation_button,
            self.edit_button,
            self.delete_button,
        )
        self._connect()
        self._after_reset()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    @staticmethod
    def _title(label: str) -> str:
        label = label.strip()
        return label[:1].upper() + label[1:] if label else "Địa bàn"

    def _build_filters(self, today: date) -> None:
        self.search = self._make_search(SEARCH_PLACEHOLDER, 300, self)
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

    def _build_buttons(self) -> None:
        self.add_button = QPushButton("Thêm vụ án hình sự", self)
        self.add_violation_button = QPushButton("Thêm vi phạm hành chính", self)
        self.edit_button = QPushButton("Sửa", self)
        self.open_button = QPushButton("Xem chi tiết", self)
        self.open_button.setToolTip("Xem vụ việc, đối tượng và nhật ký thay đổi (Enter)")
        self.delete_button = QPushButton("Xóa", self)
        self.delete_button.setToolTip("Xóa vụ việc nhập nhầm (Delete)")
        self._selection_buttons = (self.edit_button, self.open_button, self.delete_button)
        self._make_count_labels(self)
        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("padding: 2px 0;")

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
        buttons = (
            self.add_button,
            self.add_violation_button,
            self.edit_button,
            self.open_button,
            self.delete_button,
        )
        self._lay_out([filters], buttons, [self.summary_label])

    def _connect(self) -> None:
        for combo in (self.kind_combo, self.sub_area_combo, self.article_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._apply_filter_soon)
        self._connect_table()
        self.add_button.clicked.connect(self.add_record)
        self.add_violation_button.clicked.connect(self.add_violation)
        self.edit_button.clicked.connect(self.edit_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    # --- public API ------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        return self.selected_record_id()

    def add_record(self) -> None:
        """Add a criminal case (the menus' "new" action)."""
        self._add(CaseKind.CRIMINAL)

    def add_violation(self) -> None:
        self._add(CaseKind.ADMINISTRATIVE)

    def _add(self, kind: CaseKind) -> None:
        from pcmt_desktop.gui.registries.cases.form import CaseFormDialog

        dialog = CaseFormDialog(self._services, None, self, kind=kind)
        accepted = run_modal(dialog)
        saved = dialog.saved_case_id
        if accepted and saved is not None:
            self.select_record(saved)
            self.status_message.emit("Đã thêm vụ việc.")

    def edit_selected(self) -> None:
        case_id = self.selected_record_id()
        if case_id is None:
            return
        from pcmt_desktop.gui.registries.cases.form import CaseFormDialog

        dialog = self._build_dialog(
            lambda: CaseFormDialog(self._services, case_id, self), "Không mở được vụ việc"
        )
        if dialog is not None and run_modal(dialog):
            self.status_message.emit("Đã lưu vụ việc.")

    def open_selected(self) -> None:
        case_id = self.selected_record_id()
        if case_id is None:
            return
        from pcmt_desktop.gui.registries.cases.record import CaseRecordDialog

        dialog = self._build_dialog(
            lambda: CaseRecordDialog(self._services, case_id, self), "Không mở được vụ việc"
        )
        if dialog is not None:
            run_modal(dialog)

    def _deletion(self, record_id: int, record: CaseRow | None) -> Deletion:
        what = (
            f"{record.kind.label.lower()} ngày {format_day(record.occurred_on)}"
            if record is not None
            else f"mã {record_id}"
        )
        return Deletion(
            "Xóa vụ việc",
            f"Xóa vụ việc {what}?\n\nChỉ dùng khi vụ việc được nhập nhầm. "
            "Thao tác được ghi vào nhật ký.",
            refusal="Không xóa được vụ việc",
            done=f"Đã xóa vụ việc {what}.",
        )

    def _delete_record(self, record_id: int) -> None:
        self._services.cases.delete(record_id)

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

    def current_criteria(self) -> CaseFilter:
        return self.current_filter()

    def _reset_filters(self) -> None:
        combos = (self.kind_combo, self.sub_area_combo, self.article_combo)
        with signals_blocked(self.search, *combos, self.date_from, self.date_to):
            self.search.clear()
            for combo in combos:
                combo.setCurrentIndex(0)
            self.date_from.set_day(EARLIEST_SHOWN)
            self.date_to.set_day(self._services.context.today())

    # --- counts and figures ------------------------------------------------------------------
    def _show_count(self) -> None:
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
