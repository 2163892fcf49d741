"""What the wizard shows once a báo cáo is made: where its files are, and buttons to open them."""

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pcmt_desktop.gui.reports.opener import Opener, open_path
from pcmt_desktop.reports.kept_reports import KeptReport


class ResultPanel(QFrame):
    """``problem(text)`` when a file cannot be opened (the tab tells the officer)."""

    problem = Signal(str)

    def __init__(self, opener: Opener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opener = opener
        self._report: KeptReport | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("ResultPanel { background: #eef7ec; }")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_docx_button = QPushButton("Mở báo &cáo", self)
        self.open_annex_button = QPushButton("Mở &phụ lục", self)
        self.open_folder_button = QPushButton("&Mở thư mục", self)
        buttons = QHBoxLayout()
        for button in (self.open_docx_button, self.open_annex_button, self.open_folder_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.open_docx_button.clicked.connect(self.open_docx)
        self.open_annex_button.clicked.connect(self.open_annex)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.hide()

    def show_report(self, report: KeptReport) -> None:
        self._report = report
        docx = Path(report.docx_path)
        lines = [
            f"<b>Đã lập báo cáo:</b> {escape(report.title)}",
            f"Thư mục: {escape(str(docx.parent))}",
            f"Văn bản Word: {escape(docx.name)}",
        ]
        if report.annex_path:
            lines.append(f"Phụ lục Excel: {escape(Path(report.annex_path).name)}")
        self.text.setText("<br>".join(lines))
        self.open_annex_button.setEnabled(bool(report.annex_path))
        self.show()

    def open_docx(self) -> None:
        if self._report is not None:
            self._open(self._report.docx_path, "báo cáo")

    def open_annex(self) -> None:
        if self._report is not None:
            self._open(self._report.annex_path, "phụ lục")

    def open_folder(self) -> None:
        if self._report is not None:
            self._open(str(Path(self._report.docx_path).parent), "thư mục")

    def _open(self, path: str, what: str) -> None:
        problem = open_path(self._opener, path, what)
        if problem is not None:
            self.problem.emit(problem)
