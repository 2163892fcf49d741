"""Mẫu riêng của đơn vị: copy a built-in template to edit in Word, register it, remove it.

An office words its báo cáo its own way: it saves a copy of a built-in template, edits
the wording in Word (keeping the {{ … }} placeholders), and registers the edited file
under a name. The program checks the file first and shows every problem with where it
is, so a broken template is refused before a báo cáo depends on it.
"""

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.reports.report_files import as_docx, default_folder
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.reports.office_templates import builtin_choices
from pcmt_desktop.reports.report_service import ReportService

WORD_FILTER = "Tệp Word (*.docx)"
HOW_TO = (
    "Cách làm: (1) lưu bản sao một mẫu có sẵn ra tệp; (2) mở tệp bằng Word, sửa câu chữ, "
    "bố cục theo cách của đơn vị — giữ nguyên các chỗ điền số liệu và lời văn dạng "
    "{{ … }} và {% … %}; (3) đăng ký tệp đã sửa dưới một tên. Mẫu đã đăng ký hiện trong "
    "danh sách “Mẫu báo cáo” và dùng các phần lời văn của mẫu gốc."
)


class OfficeTemplatesDialog(QDialog):
    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        # The last message met without asking (ask=False), for whoever drives the dialog.
        self.last_message = ""
        self.setWindowTitle("Mẫu báo cáo riêng của đơn vị")
        self.setSizeGripEnabled(True)
        self.resize(860, 640)
        how_to = QLabel(HOW_TO, self)
        how_to.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(how_to)
        layout.addWidget(self._copy_box())
        layout.addWidget(self._register_box())
        layout.addWidget(self._registered_box(), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("Đón&g")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    # --- building ----------------------------------------------------------------------
    def _builtin_combo(self) -> QComboBox:
        combo = QComboBox(self)
        for choice in builtin_choices():
            combo.addItem(choice.title, choice.name)
        return combo

    def _copy_box(self) -> QGroupBox:
        box = QGroupBox("1. Lưu bản sao một mẫu có sẵn để sửa trong Word", self)
        self.copy_combo = self._builtin_combo()
        self.copy_button = QPushButton("&Lưu bản sao ra tệp…", box)
        self.copy_button.clicked.connect(lambda _checked=False: self.save_copy())
        row = QHBoxLayout(box)
        label = QLabel("Mẫu &có sẵn:", box)
        label.setBuddy(self.copy_combo)
        row.addWidget(label)
        row.addWidget(self.copy_combo, 1)
        row.addWidget(self.copy_button)
        return box

    def _register_box(self) -> QGroupBox:
        box = QGroupBox("2. Đăng ký mẫu đã sửa", self)
        self.form = FieldForm(box)
        self.file_edit = QLineEdit(box)
        self.file_edit.setPlaceholderText("Tệp Word (.docx) đã sửa từ bản sao")
        self.browse_button = QPushButton("C&họn tệp…", box)
        self.browse_button.clicked.connect(self._browse)
        file_row = QWidget(box)
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.file_edit, 1)
        file_layout.addWidget(self.browse_button)
        file_row.setFocusProxy(self.file_edit)
        self.name_edit = QLineEdit(box)
        self.name_edit.setPlaceholderText("chữ thường không dấu, ví dụ: so-ket-xa")
        self.title_edit = QLineEdit(box)
        self.title_edit.setPlaceholderText("Ví dụ: Báo cáo sơ kết (mẫu của Công an huyện)")
        self.base_combo = self._builtin_combo()
        self.form.add_field("file", "&Tệp mẫu:", file_row, required=True)
        self.form.add_field("name", "Tê&n mẫu:", self.name_edit, required=True)
        self.form.add_field("title", "Tên &hiển thị:", self.title_edit, required=True)
        self.form.add_field("base_name", "Sửa từ &mẫu gốc:", self.base_combo, required=True)
        self.register_button = QPushButton("Đăng &ký mẫu", box)
        self.register_button.clicked.connect(lambda _checked=False: self.register())
        layout = QVBoxLayout(box)
        layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.register_button)
        layout.addLayout(row)
        return box

    def _registered_box(self) -> QGroupBox:
        box = QGroupBox("Mẫu riêng đã đăng ký", self)
        self.table = QTableWidget(0, 3, box)
        self.table.setHorizontalHeaderLabels(["Tên mẫu", "Tên hiển thị", "Mẫu gốc"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel("Đơn vị chưa đăng ký mẫu riêng nào.", box)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.remove_button = QPushButton("&Xóa mẫu…", box)
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_selected())
        layout = QVBoxLayout(box)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        return box

    def reload(self) -> None:
        own = [choice for choice in self._service.choices() if not choice.builtin]
        titles = {choice.name: choice.title for choice in builtin_choices()}
        self.table.setRowCount(len(own))
        for row, choice in enumerate(own):
            for column, text in enumerate(
                (choice.name, choice.title, titles.get(choice.base_name, choice.base_name))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.empty_label.setVisible(not own)
        self.table.setVisible(bool(own))
        self.remove_button.setEnabled(bool(own))
        if own and not self.table.selectedItems():
            self.table.selectRow(0)

    # --- actions -----------------------------------------------------------------------
    def save_copy(self, *, path: Path | None = None, ask: bool = True) -> Path | None:
        """Write the chosen built-in template to ``path`` (asked for when None)."""
        name = str(self.copy_combo.currentData())
        if path is None:
            suggested = default_folder() / f"Mau_{name}.docx"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Lưu bản sao mẫu báo cáo", str(suggested), WORD_FILTER
            )
            if not chosen:
                return None
            path = as_docx(chosen)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._service.templates.write_file(name, path.parent), path)
        except (OSError, ValidationError) as error:
            self._tell(f"Không lưu được bản sao mẫu vào {path}: {error}", ok=False, ask=ask)
            return None
        if not self.file_edit.text():
            self.file_edit.setText(str(path))
        self.base_combo.setCurrentIndex(self.base_combo.findData(name))
        self._tell(
            f"Đã lưu bản sao mẫu vào {path}.\n\nMở tệp bằng Word, sửa rồi quay lại đây đăng ký.",
            ok=True,
            ask=ask,
        )
        return path

    def register(self) -> bool:
        """Check and register the edited file; its problems are shown under the fields."""
        self.form.clear_errors()
        try:
            choice = self._service.templates.register(
                self.name_edit.text(),
                self.title_edit.text(),
                str(self.base_combo.currentData()),
                Path(self.file_edit.text().strip()),
            )
        except ValidationError as error:
            self.form.show_problems(error.problems)
            self.last_message = error.message
            return False
        except (OSError, SQLAlchemyError) as error:
            self.form.set_general_error(f"Không đăng ký được mẫu: {error}")
            self.last_message = str(error)
            return False
        self.last_message = f"Đã đăng ký mẫu “{choice.title}” ({choice.name})."
        for edit in (self.file_edit, self.name_edit, self.title_edit):
            edit.clear()
        self.reload()
        return True

    def remove_selected(self, *, ask: bool = True) -> bool:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return False
        name = item.text()
        question = (
            f"Xóa mẫu riêng “{name}”? Các báo cáo đã lập bằng mẫu này vẫn còn trong danh sách "
            "báo cáo đã lập."
        )
        if ask and not confirm(self, "Xóa mẫu riêng", question):
            return False
        try:
            self._service.templates.remove(name)
        except (ValidationError, SQLAlchemyError) as error:
            self.last_message = str(error)
            if ask:
                show_refusal(self, "Không xóa được mẫu", error)
            return False
        self.reload()
        return True

    def problems(self, field: str) -> str:
        return self.form.error(field)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Chọn tệp mẫu đã sửa", str(default_folder()), WORD_FILTER
        )
        if chosen:
            self.file_edit.setText(chosen)

    def _tell(self, text: str, *, ok: bool, ask: bool) -> None:
        self.last_message = text
        if not ask:
            return
        if ok:
            QMessageBox.information(self, self.windowTitle(), text)
        else:
            QMessageBox.warning(self, self.windowTitle(), text)
