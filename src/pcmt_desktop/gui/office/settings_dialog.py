"""The office and its sub-areas: asked once at first start, editable later.

Nothing in the program assumes districts: the office says what it is, what is above it,
and how its sub-areas are called ("xã, thị trấn", "thôn, tổ dân phố", …).
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.vocabulary import OFFICE_LEVELS, SUB_AREA_LABELS
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.services.office import OfficeInfo, SubAreaEdit, SubAreaInput
from pcmt_desktop.services.registry import Services

NAME_COLUMN, POPULATION_COLUMN = 0, 1


def _editable_combo(values: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(list(values))
    combo.setCurrentText(current)
    return combo


class OfficeSettingsDialog(QDialog):
    """First-start set-up (``first_start=True``) or later editing of the office."""

    def __init__(
        self, services: Services, *, first_start: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._first_start = first_start
        self.setWindowTitle(
            "Thiết lập đơn vị lần đầu" if first_start else "Thông tin đơn vị và địa bàn"
        )
        self.resize(760, 640)
        intro = QLabel(
            "Chào mừng đến với PCMT. Hãy cho biết đơn vị của đồng chí và các địa bàn trực thuộc; "
            "mọi thông tin đều sửa được sau trong Tệp → Thông tin đơn vị và địa bàn."
            if first_start
            else "Sửa thông tin đơn vị và danh sách địa bàn. Thay đổi chỉ được lưu khi bấm “Lưu”."
        )
        intro.setWordWrap(True)
        office_box = self._build_office_box()
        self.sub_area_box = self._build_sub_area_box()

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            "Thoát chương trình" if first_start else "Hủy"
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(office_box)
        layout.addWidget(self.sub_area_box, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        if self.table.rowCount() == 0:
            self._add_empty_row()
        self.name_edit.setFocus()

    def _build_office_box(self) -> QGroupBox:
        office = self._services.office.office()
        self.name_edit = QLineEdit(office.name if office else "")
        self.name_edit.setPlaceholderText("Ví dụ: Công an xã Tân Lập")
        self.level_combo = _editable_combo(OFFICE_LEVELS, office.level if office else "Xã")
        self.parent_edit = QLineEdit(office.parent_name if office else "")
        self.parent_edit.setPlaceholderText("Ví dụ: Công an tỉnh …")
        self.label_combo = _editable_combo(
            SUB_AREA_LABELS, office.sub_area_label if office else "thôn, tổ dân phố"
        )
        self.place_edit = QLineEdit(office.place_name if office else "")
        self.place_edit.setPlaceholderText("Địa danh ghi ở dòng ngày tháng của báo cáo")

        form = QFormLayout()
        form.addRow("Tên đơn vị:", self.name_edit)
        form.addRow("Cấp:", self.level_combo)
        form.addRow("Đơn vị cấp trên:", self.parent_edit)
        form.addRow("Các địa bàn gọi là:", self.label_combo)
        form.addRow("Địa danh:", self.place_edit)
        office_box = QGroupBox("Đơn vị")
        office_box.setLayout(form)
        return office_box

    def _build_sub_area_box(self) -> QGroupBox:

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Tên địa bàn", "Số nhân khẩu"])
        self.table.horizontalHeader().setSectionResizeMode(
            NAME_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setSectionResizeMode(
            POPULATION_COLUMN, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for sub_area in self._services.office.sub_areas():
            self._append_row(sub_area.name, sub_area.population, sub_area.id)

        add_button = QPushButton("Thêm địa bàn")
        add_button.clicked.connect(self._add_empty_row)
        remove_button = QPushButton("Bỏ địa bàn đã chọn")
        remove_button.clicked.connect(self._remove_selected_rows)
        hint = QLabel(
            "Mẹo: dán (Ctrl+V) một cột tên địa bàn, hoặc hai cột tên và nhân khẩu, từ Excel."
        )
        hint.setStyleSheet("color: #555;")
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add_button)
        buttons_row.addWidget(remove_button)
        buttons_row.addStretch(1)
        box = QGroupBox()
        self.sub_area_box = box
        self._update_sub_area_title()
        self.label_combo.currentTextChanged.connect(self._update_sub_area_title)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.table)
        box_layout.addLayout(buttons_row)
        box_layout.addWidget(hint)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.table)
        paste.activated.connect(self._paste_rows)
        return box

    # --- the sub-area table ------------------------------------------------------------------
    def _update_sub_area_title(self) -> None:
        label = self.label_combo.currentText().strip() or "địa bàn"
        self.sub_area_box.setTitle(f"Các địa bàn trực thuộc ({label})")

    def _append_row(self, name: str, population: int | None, sub_area_id: int | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(Qt.ItemDataRole.UserRole, sub_area_id)
        shown = "" if population is None else f"{population:,}".replace(",", ".")
        population_item = QTableWidgetItem(shown)
        population_item.setTextAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setItem(row, NAME_COLUMN, name_item)
        self.table.setItem(row, POPULATION_COLUMN, population_item)

    def _add_empty_row(self) -> None:
        self._append_row("", None, None)
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, NAME_COLUMN)
        item = self.table.item(row, NAME_COLUMN)
        if item is not None:
            self.table.editItem(item)

    def _remove_selected_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def _paste_rows(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        """Append rows from text copied out of Excel: name [TAB population] per line."""
        for line in text.splitlines():
            cells = [cell.strip() for cell in line.split("\t")]
            if not cells or not cells[0]:
                continue
            population = cells[1].replace(".", "").replace(",", "") if len(cells) > 1 else ""
            # A blank trailing row left from typing is reused rather than kept empty.
            last = self.table.rowCount() - 1
            if last >= 0 and not self._cell(last, NAME_COLUMN) and self._row_id(last) is None:
                self.table.removeRow(last)
            self._append_row(cells[0], int(population) if population.isdigit() else None, None)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text().strip()

    def _row_id(self, row: int) -> int | None:
        item = self.table.item(row, NAME_COLUMN)
        value = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, int) else None

    # --- saving ------------------------------------------------------------------------------
    def office_info(self) -> OfficeInfo:
        return OfficeInfo(
            name=self.name_edit.text(),
            level=self.level_combo.currentText(),
            parent_name=self.parent_edit.text(),
            sub_area_label=self.label_combo.currentText(),
            place_name=self.place_edit.text(),
        )

    def _rows(self) -> list[SubAreaEdit]:
        rows: list[SubAreaEdit] = []
        problems: list[str] = []
        for row in range(self.table.rowCount()):
            name = self._cell(row, NAME_COLUMN)
            population_text = self._cell(row, POPULATION_COLUMN).replace(".", "")
            if not name and not population_text and self._row_id(row) is None:
                continue  # an empty row left over from typing
            population: int | None = None
            if population_text:
                if not population_text.isdigit():
                    problems.append(
                        f"Dòng {row + 1}: số nhân khẩu “{population_text}” phải là số nguyên."
                    )
                else:
                    population = int(population_text)
            rows.append(SubAreaEdit(self._row_id(row), name, population))
        if problems:
            raise ValidationError.single("sub_areas", "\n".join(problems))
        return rows

    def save(self) -> None:
        try:
            rows = self._rows()
            if self._first_start:
                self._services.office.set_up(
                    self.office_info(), [SubAreaInput(row.name, row.population) for row in rows]
                )
            else:
                self._services.office.save_settings(self.office_info(), rows)
        except ValidationError as error:
            self.error_label.setText(error.message)
            self.error_label.show()
            return
        except Exception as error:  # the officer must see it, and keep the form
            show_refusal(self, "Không lưu được thông tin đơn vị", error)
            return
        self.accept()
