"""The targets tab ("Chỉ tiêu"): a phase's grid of sub-areas × measures.

Each cell reads "thực hiện / chỉ tiêu", coloured by where the sub-area stands against
what is due by today: green met, amber behind, red under half of what is due.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.registries.targets.numbers import format_value
from pcmt_desktop.gui.widgets.registry_tab_base import Deletion, delete_after_asking, run_modal
from pcmt_desktop.gui.widgets.registry_table import bind_table_keys
from pcmt_desktop.services.cases import DRUG_CASE
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.target_progress import Measure, PhaseClock, Standing, TargetProgress
from pcmt_desktop.services.targets import PHASE, TARGET, PhaseRecord

MEASURES = tuple(Measure)
STANDING_COLOURS = {
    Standing.MET: QColor("#d7f0d4"),
    Standing.BEHIND: QColor("#fff0c2"),
    Standing.FAR_BEHIND: QColor("#fddcdc"),
}
STANDING_LABELS = {
    Standing.MET: "Đã đạt chỉ tiêu",
    Standing.ON_TRACK: "Đúng tiến độ",
    Standing.BEHIND: "Chậm tiến độ",
    Standing.FAR_BEHIND: "Chậm nhiều (dưới một nửa mức cần đạt)",
    Standing.NOT_STARTED: "Giai đoạn chưa bắt đầu",
}
NO_TARGET_COLOUR = QColor("#777777")
# Anything a phase's actual is counted from: a write to these refreshes the grid.
COUNTED_ENTITIES = frozenset(
    {
        PHASE,
        TARGET,
        DRUG_CASE,
        Entity.PERSON,
        Entity.PERSON_HISTORY,
        Entity.SUB_AREA,
        "drug_test",
        "dossier",
    }
)


def cell_text(actual: float | None, target: float | None) -> str:
    done = format_value(actual or 0.0)
    return done if target is None else f"{done} / {format_value(target)}"


def cell_tooltip(item: TargetProgress) -> str:
    return (
        f"{item.sub_area_name} — {item.measure.label}\n"
        f"Chỉ tiêu: {format_value(item.target)}\n"
        f"Cần đạt đến hôm nay: {format_value(item.expected)}\n"
        f"Đã thực hiện: {format_value(item.actual)}\n"
        f"{STANDING_LABELS[item.standing]}"
    )


class TargetsTab(QWidget):
    status_message = Signal(str)

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.phase_combo = QComboBox(self)
        self.phase_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.add_button = QPushButton("Thêm giai đoạn", self)
        self.edit_button = QPushButton("Sửa giai đoạn", self)
        self.edit_button.setToolTip("Sửa tên, thời gian và xem nhật ký thay đổi (Enter)")
        self.delete_button = QPushButton("Xóa giai đoạn", self)
        self.targets_button = QPushButton("Nhập chỉ tiêu…", self)
        self.targets_button.setToolTip("Giao chỉ tiêu cho từng địa bàn; dán được từ Excel")
        self.only_targeted = QCheckBox("Chỉ hiện địa bàn có chỉ tiêu", self)
        self.only_targeted.setChecked(True)
        self.info_label = QLabel(self)
        self.info_label.setTextFormat(Qt.TextFormat.RichText)
        self.info_label.setWordWrap(True)
        self.grid = QTableWidget(0, len(MEASURES), self)
        self.grid.setHorizontalHeaderLabels([m.label for m in MEASURES])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().height() * 3)
        legend = QLabel(
            "Mỗi ô: <b>thực hiện / chỉ tiêu</b>. "
            "<span style='background:#d7f0d4;'>&nbsp;đã đạt&nbsp;</span> "
            "<span style='background:#fff0c2;'>&nbsp;chậm tiến độ&nbsp;</span> "
            "<span style='background:#fddcdc;'>&nbsp;chậm nhiều&nbsp;</span> "
            "(so với mức cần đạt tính theo số ngày đã qua của giai đoạn; chỉ tiêu test/ngày "
            "so trực tiếp).",
            self,
        )
        legend.setWordWrap(True)
        self.empty_label = QLabel(self)
        self.empty_label.setStyleSheet("color: palette(dark); padding: 6px;")

        top = QHBoxLayout()
        top.addWidget(QLabel("Giai đoạn:", self))
        top.addWidget(self.phase_combo)
        for button in (self.add_button, self.edit_button, self.delete_button, self.targets_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.only_targeted)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info_label)
        layout.addWidget(legend)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.grid, 1)
        # Not offered to a role that may not change records (the services refuse anyway).
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.add_button,
            self.delete_button,
            self.targets_button,
        )
        self._connect()
        self._reload_phases()
        signals.changed.connect(self._on_changed)

    def _connect(self) -> None:
        self.phase_combo.currentIndexChanged.connect(self._show_phase)
        self.only_targeted.toggled.connect(self._show_phase)
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.targets_button.clicked.connect(self.edit_targets)
        self.grid.doubleClicked.connect(lambda _index: self.edit_targets())
        bind_table_keys(self.grid, self.open_selected)

    # --- public API --------------------------------------------------------------------------
    def selected_phase_id(self) -> int | None:
        data = self.phase_combo.currentData()
        return data if isinstance(data, int) else None

    def add_record(self) -> None:
        from pcmt_desktop.gui.registries.targets.phase_dialog import PhaseDialog

        dialog = PhaseDialog(self._services, None, self)
        accepted = run_modal(dialog)
        saved = dialog.saved_phase_id
        if accepted and saved is not None:
            self.select_record(saved)
            self.status_message.emit("Đã thêm giai đoạn.")

    def open_selected(self) -> None:
        phase_id = self.selected_phase_id()
        if phase_id is None:
            return
        from pcmt_desktop.gui.registries.targets.phase_dialog import PhaseDialog

        try:
            dialog = PhaseDialog(self._services, phase_id, self)
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không mở được giai đoạn", error)
            self._reload_phases()
            return
        if run_modal(dialog):
            self.status_message.emit("Đã lưu giai đoạn.")

    def edit_targets(self) -> None:
        phase_id = self.selected_phase_id()
        if phase_id is None:
            return
        from pcmt_desktop.gui.registries.targets.editor import TargetEditorDialog

        dialog = TargetEditorDialog(self._services, phase_id, self)
        if run_modal(dialog):
            self.status_message.emit("Đã lưu chỉ tiêu.")

    def delete_selected(self, *, ask: bool = True) -> None:
        phase_id = self.selected_phase_id()
        if phase_id is None:
            return
        name = self.phase_combo.currentText()
        deletion = Deletion(
            "Xóa giai đoạn",
            f"Xóa giai đoạn {name} và mọi chỉ tiêu của giai đoạn?\n\n"
            "Thao tác được ghi vào nhật ký.",
            refusal="Không xóa được giai đoạn",
            done=f"Đã xóa giai đoạn {name}.",
        )
        if delete_after_asking(
            self, deletion, lambda: self._services.targets.delete_phase(phase_id), ask=ask
        ):
            self.status_message.emit(deletion.done)

    def focus_search(self) -> None:
        self.phase_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_record(self, record_id: int) -> bool:
        index = self.phase_combo.findData(record_id)
        if index < 0:
            self._reload_phases()
            index = self.phase_combo.findData(record_id)
        if index < 0:
            self.status_message.emit(f"Không tìm thấy giai đoạn mã {record_id}.")
            return False
        self.phase_combo.setCurrentIndex(index)
        return True

    def cell(self, sub_area_name: str, measure: Measure) -> QTableWidgetItem | None:
        for row in range(self.grid.rowCount()):
            header = self.grid.verticalHeaderItem(row)
            if header is not None and header.text() == sub_area_name:
                return self.grid.item(row, MEASURES.index(measure))
        return None

    # --- showing ---------------------------------------------------------------------------
    def _reload_phases(self) -> None:
        chosen = self.selected_phase_id()
        phases = self._services.targets.phases()
        if chosen is None or all(p.id != chosen for p in phases):
            running = self._services.targets.phase_on(self._services.context.today())
            chosen = running.id if running else (phases[0].id if phases else None)
        self.phase_combo.blockSignals(True)
        self.phase_combo.clear()
        for phase in phases:
            self.phase_combo.addItem(f"{phase.name} ({phase.period_text()})", phase.id)
        self.phase_combo.setCurrentIndex(max(self.phase_combo.findData(chosen), 0))
        self.phase_combo.blockSignals(False)
        self._show_phase()

    def _show_phase(self) -> None:
        phase_id = self.selected_phase_id()
        for button in (self.edit_button, self.delete_button, self.targets_button):
            button.setEnabled(phase_id is not None)
        self.grid.setRowCount(0)
        if phase_id is None:
            self.info_label.setText("")
            self.empty_label.setText(
                "Chưa có giai đoạn nào. Bấm “Thêm giai đoạn” rồi “Nhập chỉ tiêu…” để giao "
                "chỉ tiêu cho từng địa bàn."
            )
            self.empty_label.show()
            return
        try:
            phase = self._services.targets.phase(phase_id)
            progress = self._services.targets.progress(phase_id)
            actuals = self._services.targets.actuals(phase_id)
        except (NotFoundError, SQLAlchemyError) as error:
            self.info_label.setText(f"Không tính được số liệu: {error}")
            return
        self._show_info(phase, progress)
        by_cell = {(item.sub_area_id, item.measure): item for item in progress}
        targeted = {item.sub_area_id for item in progress}
        areas = [
            area
            for area in self._services.office.sub_areas()
            if area.id in targeted or not self.only_targeted.isChecked()
        ]
        self.grid.setRowCount(len(areas))
        self.grid.setVerticalHeaderLabels([area.name for area in areas])
        for row, area in enumerate(areas):
            for column, measure in enumerate(MEASURES):
                item = by_cell.get((area.id, measure))
                cell = QTableWidgetItem()
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if item is None:
                    cell.setText(cell_text(actuals.get((area.id, measure)), None))
                    cell.setForeground(QBrush(NO_TARGET_COLOUR))
                    cell.setToolTip("Không giao chỉ tiêu; số là kết quả thực hiện.")
                else:
                    cell.setText(cell_text(item.actual, item.target))
                    cell.setToolTip(cell_tooltip(item))
                    if (colour := STANDING_COLOURS.get(item.standing)) is not None:
                        cell.setBackground(QBrush(colour))
                self.grid.setItem(row, column, cell)
        self.empty_label.setVisible(not areas)
        self.empty_label.setText(
            "Giai đoạn này chưa có chỉ tiêu. Bấm “Nhập chỉ tiêu…” để giao chỉ tiêu."
        )

    def _show_info(self, phase: PhaseRecord, progress: list[TargetProgress]) -> None:
        today = self._services.context.today()
        clock = PhaseClock(phase.start, phase.end, today)
        if clock.elapsed_days == 0:
            when = "chưa bắt đầu"
        elif today > phase.end:
            when = f"đã kết thúc ({clock.total_days} ngày)"
        else:
            when = f"đang diễn ra: ngày thứ {clock.elapsed_days}/{clock.total_days}"
        behind = sum(1 for i in progress if i.standing in (Standing.BEHIND, Standing.FAR_BEHIND))
        met = sum(1 for i in progress if i.standing is Standing.MET)
        self.info_label.setText(
            f"<b>{phase.name}</b>: từ {phase.period_text().replace(' – ', ' đến hết ')}, "
            f"{when}. Chỉ tiêu: {len(progress)}, đã đạt {met}, chậm tiến độ {behind}."
        )

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(PHASE):
            self._reload_phases()
        elif changes.entities & COUNTED_ENTITIES:
            self._show_phase()
