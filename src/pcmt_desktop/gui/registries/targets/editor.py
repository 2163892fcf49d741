"""Typing a phase's targets as a table: sub-areas down, measures across.

Cells take "2", "1,5" or "1.5"; an empty cell means no target. A block copied from
Excel (tab-separated lines) pastes from the current cell on. Saving sends the whole grid
to the service in one write; a cell that cannot be read is named, nothing is written.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.registries.targets.numbers import NumberError, format_value, parse_target
from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.target_progress import Measure
from pcmt_desktop.services.targets import TargetKey

MEASURES = tuple(Measure)


class PastingTable(QTableWidget):
    """A table that pastes a tab-separated block (as Excel copies it) at the current cell."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if event.matches(QKeySequence.StandardKey.Delete):
            for item in self.selectedItems():
                item.setText("")
            return
        super().keyPressEvent(event)

    def paste_text(self, text: str) -> None:
        start_row = max(self.currentRow(), 0)
        start_column = max(self.currentColumn(), 0)
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        for row_offset, line in enumerate(lines):
            for column_offset, value in enumerate(line.split("\t")):
                row, column = start_row + row_offset, start_column + column_offset
                if row < self.rowCount() and column < self.columnCount():
                    item = self.item(row, column)
                    if item is None:
                        item = QTableWidgetItem()
                        self.setItem(row, column, item)
                    item.setText(value.strip())


class TargetEditorDialog(QDialog):
    def __init__(self, services: Services, phase_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._phase_id = phase_id
        phase = services.targets.phase(phase_id)
        self.setWindowTitle(f"Chỉ tiêu giai đoạn {phase.name} ({phase.period_text()})")
        self._sub_areas = services.office.sub_areas()
        self.table = PastingTable(len(self._sub_areas), len(MEASURES), self)
        self.table.setHorizontalHeaderLabels([m.label for m in MEASURES])
        self.table.setVerticalHeaderLabels([area.name for area in self._sub_areas])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(120)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().height() * 3)
        current = services.targets.targets(phase_id)
        for row, area in enumerate(self._sub_areas):
            for column, measure in enumerate(MEASURES):
                value = current.get((area.id, measure))
                item = QTableWidgetItem("" if value is None else format_value(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        hint = QLabel(
            "Gõ số vào ô (để trống = không giao chỉ tiêu). “Số đối tượng test/ngày” có thể là "
            "số thập phân (ví dụ 0,5). Có thể dán một bảng sao chép từ Excel (Ctrl+V).",
            self,
        )
        hint.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def set_cell(self, sub_area_id: int, measure: Measure, text: str) -> None:
        row = next(i for i, area in enumerate(self._sub_areas) if area.id == sub_area_id)
        item = self.table.item(row, MEASURES.index(measure))
        if item is not None:
            item.setText(text)

    def read(self) -> tuple[dict[TargetKey, float | None], list[str]]:
        grid: dict[TargetKey, float | None] = {}
        problems: list[str] = []
        for row, area in enumerate(self._sub_areas):
            for column, measure in enumerate(MEASURES):
                item = self.table.item(row, column)
                text = item.text() if item is not None else ""
                try:
                    grid[(area.id, measure)] = parse_target(text)
                except NumberError:
                    problems.append(
                        f"{area.name}, “{measure.label}”: “{text.strip()}” không phải là số "
                        "không âm."
                    )
        return grid, problems

    def save(self) -> bool:
        grid, problems = self.read()
        if not problems:
            try:
                self._services.targets.set_targets(self._phase_id, grid)
            except ValidationError as error:
                problems = [problem.message for problem in error.problems]
            except (NotFoundError, SQLAlchemyError) as error:
                show_refusal(self, "Không lưu được chỉ tiêu", error)
                return False
        if problems:
            self.error_label.setText("Chưa lưu được:\n" + "\n".join(problems))
            self.error_label.show()
            return False
        self.accept()
        return True
