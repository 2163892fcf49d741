"""The named subjects of a case: typed in, or chosen from the persons registry.

A subject chosen from the registry is linked to that person (their record then shows the
case); one typed in is just a name and a birth year, as the officer knows them.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import FieldProblem
from pcmt_desktop.gui.widgets.person_picker import PersonPicker
from pcmt_desktop.services.cases import SubjectInput
from pcmt_desktop.services.registry import Services

NAME, YEAR, LINK = range(3)
PERSON_ROLE = Qt.ItemDataRole.UserRole


class PersonPickDialog(QDialog):
    """Search the registry and choose one person (``chosen_id``)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chọn đối tượng trong sổ")
        self.chosen_id: int | None = None
        self.picker = PersonPicker(services, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.picker.person_chosen.connect(self._chosen)

    def _chosen(self, person_id: int) -> None:
        self.chosen_id = person_id
        self.accept()


class SubjectsEditor(QWidget):
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Họ và tên", "Năm sinh", "Trong sổ đối tượng"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(YEAR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LINK, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(150)
        self.add_button = QPushButton("Thêm người", self)
        self.add_button.setToolTip("Thêm một dòng để gõ họ tên và năm sinh")
        self.pick_button = QPushButton("Chọn từ sổ đối tượng…", self)
        self.pick_button.setToolTip("Tìm một người đã có trong sổ đối tượng và gắn vào vụ việc")
        self.remove_button = QPushButton("Bỏ dòng", self)
        for button in (self.add_button, self.pick_button, self.remove_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add_blank)
        self.pick_button.clicked.connect(self._pick)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())

    # --- filling -------------------------------------------------------------------------
    def set_subjects(self, subjects: list[SubjectInput]) -> None:
        self.table.setRowCount(0)
        for subject in subjects:
            self._append(subject)
        self.changed.emit()

    def add_named(self, full_name: str, birth_year: int | None = None) -> None:
        self._append(SubjectInput(full_name, birth_year))
        self.changed.emit()

    def add_person(self, person_id: int) -> bool:
        """Link a registry person; False (nothing added) if they are listed already."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, NAME)
            if item is not None and item.data(PERSON_ROLE) == person_id:
                self.table.selectRow(row)
                return False
        person = self._services.persons.get(person_id)
        self._append(SubjectInput(person.full_name, person.birth_year, person_id))
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())
            self.changed.emit()

    def count(self) -> int:
        return self.table.rowCount()

    # --- reading -------------------------------------------------------------------------
    def read(self) -> tuple[list[SubjectInput], list[FieldProblem]]:
        """The subjects as typed, and what could not be read (e.g. a year in letters)."""
        subjects: list[SubjectInput] = []
        problems: list[FieldProblem] = []
        for row in range(self.table.rowCount()):
            name_item = self.table.item(row, NAME)
            year_item = self.table.item(row, YEAR)
            name = name_item.text() if name_item is not None else ""
            person_id = name_item.data(PERSON_ROLE) if name_item is not None else None
            year_text = (year_item.text() if year_item is not None else "").strip()
            year: int | None = None
            if year_text:
                if not (year_text.isascii() and year_text.isdigit()):
                    problems.append(
                        FieldProblem(
                            "named_subjects",
                            f"Người thứ {row + 1} trong danh sách đối tượng: năm sinh "
                            f"“{year_text}” phải là 4 chữ số (ví dụ 1990).",
                        )
                    )
                    continue
                year = int(year_text)
            if not name.strip() and not year_text and person_id is None:
                continue  # a blank line added and never filled
            subjects.append(
                SubjectInput(name, year, person_id if isinstance(person_id, int) else None)
            )
        return subjects, problems

    # --- helpers -------------------------------------------------------------------------
    def _append(self, subject: SubjectInput) -> int:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(subject.full_name)
        name.setData(PERSON_ROLE, subject.person_id)
        year = QTableWidgetItem("" if subject.birth_year is None else str(subject.birth_year))
        link = QTableWidgetItem(
            "Chưa có trong sổ" if subject.person_id is None else f"Có (mã {subject.person_id})"
        )
        link.setFlags(link.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if subject.person_id is not None:
            # The registry holds a linked person's name and year: edit them there.
            for item in (name, year):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip("Lấy từ sổ đối tượng")
        for column, item in ((NAME, name), (YEAR, year), (LINK, link)):
            self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        return row

    def _add_blank(self) -> None:
        row = self._append(SubjectInput(""))
        self.table.setCurrentCell(row, NAME)
        if (item := self.table.item(row, NAME)) is not None:
            self.table.editItem(item)
        self.changed.emit()

    def _pick(self) -> None:
        dialog = PersonPickDialog(self._services, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.chosen_id
        dialog.deleteLater()
        if accepted and chosen is not None:
            self.add_person(chosen)
