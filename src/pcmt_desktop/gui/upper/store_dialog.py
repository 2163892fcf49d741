"""Choosing which consolidated store to open: a folder (the default) or a PostgreSQL URL."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE
from pcmt_desktop.upper.location import StoreLocation, StoreLocationError, default_store_folder

HINT = (
    "Kho tổng hợp là một thư mục trên máy này (mặc định: {default}) hoặc một cơ sở dữ liệu "
    "PostgreSQL dùng chung, ghi dạng postgresql://tên_người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu."
)


class StoreDialog(QDialog):
    def __init__(self, current: StoreLocation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mở kho tổng hợp")
        self.setMinimumWidth(560)
        self.location: StoreLocation | None = None
        hint = QLabel(HINT.format(default=default_store_folder()), self)
        hint.setWordWrap(True)
        self.edit = QLineEdit(current.describe() if current.folder is not None else "", self)
        label = QLabel("&Kho tổng hợp:", self)
        label.setBuddy(self.edit)
        browse = QPushButton("C&họn thư mục…", self)
        browse.clicked.connect(self._browse)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Mở")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủ&y")
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Chọn thư mục kho tổng hợp", self.edit.text()
        )
        if chosen:
            self.edit.setText(chosen)

    def choose(self) -> None:
        """Accept what is typed when it is a folder or a PostgreSQL URL; else say why."""
        try:
            self.location = StoreLocation.parse(self.edit.text())
        except StoreLocationError as error:
            self.problem_label.setText(str(error))
            self.problem_label.show()
            return
        self.accept()
