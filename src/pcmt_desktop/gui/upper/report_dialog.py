""" "Lập báo cáo tổng hợp": the template, the issuing body and the folder, then the files.

The figures are the ones on screen (the combined figures of the chosen period). Once the
Word document and its annex are written, the dialog says where and offers to open them;
``make`` (keyword-only, no modal box) lets tests drive it as the officer would.
"""

from collections.abc import Mapping
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.gui.reports.opener import Opener, open_path
from pcmt_desktop.gui.reports.report_files import default_folder
from pcmt_desktop.gui.upper.upper_report import (
    UpperReport,
    UpperReportError,
    issuer_of,
    render_upper_report,
)
from pcmt_desktop.gui.widgets.field_form import ERROR_STYLE
from pcmt_desktop.reports.template_catalog import BUILTIN_TEMPLATES

TEMPLATE_KEYS = {"so-ket": "&sơ kết, tổng kết", "cao-diem": "giai đoạn &cao điểm"}


class UpperReportDialog(QDialog):
    def __init__(
        self,
        figures: Mapping[str, Any],
        period_name: str,
        *,
        today: date,
        opener: Opener,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Lập báo cáo tổng hợp")
        self.setMinimumWidth(620)
        self._figures = figures
        self._period_name = period_name
        self._today = today
        self._opener = opener
        self.report: UpperReport | None = None
        self.last_message = ""
        self.templates = QButtonGroup(self)
        self.template_buttons: dict[str, QRadioButton] = {}
        for spec in BUILTIN_TEMPLATES:
            button = QRadioButton(_mnemonic_title(spec.title, TEMPLATE_KEYS.get(spec.name, "")))
            self.templates.addButton(button)
            self.template_buttons[spec.name] = button
        self.template_buttons[BUILTIN_TEMPLATES[0].name].setChecked(True)
        self.issuer_edit = QLineEdit(issuer_of(figures), self)
        self.issuer_edit.setPlaceholderText("CÔNG AN TỈNH NAM HÒA")
        self.folder_edit = QLineEdit(str(default_folder()), self)
        self.browse_button = QPushButton("C&họn thư mục…", self)
        self.browse_button.clicked.connect(self._browse)
        self.make_button = QPushButton("&Lập báo cáo", self)
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(lambda _checked=False: self.make())
        self.close_button = QPushButton("Đón&g", self)
        self.close_button.clicked.connect(self.reject)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.result_frame = QFrame(self)
        self.result_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_frame.setStyleSheet("QFrame { background: #eef7ec; }")
        self.result_text = QLabel(self.result_frame)
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_docx_button = QPushButton("Mở &báo cáo", self.result_frame)
        self.open_annex_button = QPushButton("Mở &phụ lục", self.result_frame)
        self.open_folder_button = QPushButton("&Mở thư mục", self.result_frame)
        self.open_docx_button.clicked.connect(lambda: self.open_file("docx"))
        self.open_annex_button.clicked.connect(lambda: self.open_file("annex"))
        self.open_folder_button.clicked.connect(lambda: self.open_file("folder"))
        self.result_frame.hide()
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        choices = QVBoxLayout()
        for button in self.template_buttons.values():
            choices.addWidget(button)
        form.addRow("Mẫu báo cáo:", choices)
        issuer_label = QLabel("Cơ &quan ban hành:", self)
        issuer_label.setBuddy(self.issuer_edit)
        form.addRow(issuer_label, self.issuer_edit)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        folder_label = QLabel("&Thư mục lưu:", self)
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        hint = QLabel(
            f"Kỳ báo cáo: {self._period_name}. Văn bản Word có sẵn số liệu tổng hợp; "
            "phần lời văn để trống để soạn tiếp trong Word. Phụ lục Excel đặt cùng thư mục.",
            self,
        )
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        result_layout = QVBoxLayout(self.result_frame)
        result_layout.addWidget(self.result_text)
        open_row = QHBoxLayout()
        for opening in (self.open_docx_button, self.open_annex_button, self.open_folder_button):
            open_row.addWidget(opening)
        result_layout.addLayout(open_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message_label)
        layout.addWidget(self.result_frame)
        layout.addLayout(buttons)

    def template_name(self) -> str:
        for name, button in self.template_buttons.items():
            if button.isChecked():
                return name
        return BUILTIN_TEMPLATES[0].name

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Chọn thư mục lưu báo cáo", self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def make(
        self, *, template_name: str | None = None, folder: Path | None = None
    ) -> UpperReport | None:
        """Write the báo cáo and its annex; None (and why, in the dialog) when it failed."""
        if template_name is not None:
            self.template_buttons[template_name].setChecked(True)
        if folder is not None:
            self.folder_edit.setText(str(folder))
        text = self.folder_edit.text().strip()
        if not text:
            self._problem("Hãy chọn thư mục lưu báo cáo.")
            return None
        try:
            report = render_upper_report(
                self._figures,
                self.template_name(),
                Path(text).expanduser(),
                period_name=self._period_name,
                issuer=self.issuer_edit.text(),
                made_on=self._today,
            )
        except UpperReportError as error:
            self._problem(str(error))
            return None
        self.report = report
        self.message_label.hide()
        self.last_message = f"Đã lập báo cáo “{report.title}”."
        self.result_text.setText(
            "<br>".join(
                (
                    f"<b>Đã lập báo cáo:</b> {escape(report.title)}",
                    f"Thư mục: {escape(str(report.docx.parent))}",
                    f"Văn bản Word: {escape(report.docx.name)}",
                    f"Phụ lục Excel: {escape(report.annex.name)}",
                )
            )
        )
        self.result_frame.show()
        self.adjustSize()  # the result's lines and buttons below what was there
        self.close_button.setFocus()
        return report

    def open_file(self, what: str) -> None:
        """Open "docx", "annex" or "folder", as the buttons do."""
        report = self.report
        if report is None:
            return
        target, name = {
            "docx": (report.docx, "báo cáo"),
            "annex": (report.annex, "phụ lục"),
            "folder": (report.docx.parent, "thư mục"),
        }[what]
        problem = open_path(self._opener, target, name)
        if problem is not None:
            self._problem(problem)

    def _problem(self, text: str) -> None:
        self.last_message = text
        self.message_label.setText(text)
        self.message_label.show()
        self.adjustSize()


def _mnemonic_title(title: str, key: str) -> str:
    """ "Báo cáo sơ kết, tổng kết định kỳ" with its mnemonic on the word ``key`` marks."""
    plain = key.replace("&", "")
    if key and plain in title:
        return title.replace(plain, key, 1)
    return title
