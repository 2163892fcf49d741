"""The "Các đơn vị đã nhận" page: which office's data the store holds, and receiving files.

Receiving runs in a worker thread (``Reception``); meanwhile the page shows which file
is being decrypted and how far, and the button is disabled. Each file's outcome is then
listed above the tables, in the store's own words (added, replaced, already held, older,
refused and exactly why), and the tables are read again from the catalog.
"""

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.backup import BACKUP_SUFFIX
from pcmt_desktop.gui.background import PERMILLE
from pcmt_desktop.gui.reports.figures_view import page_widget
from pcmt_desktop.gui.upper.office_tables import received_page
from pcmt_desktop.gui.upper.passphrase_dialog import ask_passphrase
from pcmt_desktop.gui.upper.reception import (
    AskPassphrase,
    Clock,
    LineKind,
    Reception,
    ReceptionLine,
)
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.store import UpperStore

FILE_FILTER = f"Tệp sao lưu PCMT (*{BACKUP_SUFFIX});;Mọi tệp (*)"
COLOURS = {LineKind.CHANGED: "#1b6e1b", LineKind.UNCHANGED: "#555555", LineKind.REFUSED: "#b00020"}
MARKS = {LineKind.CHANGED: "✓", LineKind.UNCHANGED: "•", LineKind.REFUSED: "✗"}
BLOCKED_TEXT = "Đang tính số liệu tổng hợp: hãy đợi xong rồi nhận tệp sao lưu."
PAGE_NOTE = (
    "Mỗi đơn vị được nhận biết theo tên đơn vị trong tệp sao lưu. Nhận một bản sao lưu mới "
    "hơn của một đơn vị thì dữ liệu của đơn vị đó được thay bằng bản mới; bản cũ hơn bản đang "
    "có thì không được dùng. Dữ liệu các đơn vị chỉ được đọc, không sửa ở đây."
)


def line_html(line: ReceptionLine) -> str:
    colour, mark = COLOURS[line.kind], MARKS[line.kind]
    return (
        f"<span style='color:{colour};'>{mark} <b>{escape(line.file.name)}</b>: "
        f"{escape(line.message)}</span>"
    )


class ReceivedPage(QWidget):
    """``received`` after a reception that changed the store's data; ``busy_changed``
    when a reception starts or ends; ``status(text)``."""

    received = Signal()
    busy_changed = Signal(bool)
    status = Signal(str)

    def __init__(
        self,
        store: UpperStore,
        *,
        now: Clock,
        ask_again: AskPassphrase | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._now = now
        self._ask_again = ask_again or self._ask_again_with_dialog
        self.reception: Reception | None = None
        self._header = ""
        self._blocked = False
        self.receive_button = QPushButton("&Nhận tệp sao lưu… (Ctrl+O)", self)
        self.receive_button.clicked.connect(lambda _checked=False: self.receive())
        self.store_label = QLabel(f"Kho tổng hợp: {store.location.describe()}", self)
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)
        self.store_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, PERMILLE)
        self.progress_bar.setTextVisible(False)
        self.results = QLabel(self)
        self.results.setWordWrap(True)
        self.results.setTextFormat(Qt.TextFormat.RichText)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results_frame = QFrame(self)
        self.results_frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame_layout = QVBoxLayout(self.results_frame)
        frame_layout.addWidget(self.results)
        self.body: QScrollArea | None = None
        self._lay_out()
        self._show_progress(False)
        self.results_frame.hide()
        self.reload()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.receive_button)
        top.addSpacing(12)
        top.addWidget(self.store_label, 1)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_label, 1)
        progress.addWidget(self.progress_bar, 1)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addLayout(progress)
        self._layout.addWidget(self.results_frame)

    # --- the tables ----------------------------------------------------------------------
    def reload(self) -> bool:
        """Read the catalog again; False (and why, on the page) when it cannot be read."""
        try:
            offices, history = self._store.offices(), self._store.history()
        except (UpperStoreError, SQLAlchemyError) as error:
            self._say([f"<span style='color:#b00020;'>{escape(str(error))}</span>"])
            return False
        body = page_widget(received_page(offices, history, PAGE_NOTE), self)
        if self.body is not None:
            self._layout.removeWidget(self.body)
            self.body.deleteLater()
        self.body = body
        self._layout.addWidget(body, 1)
        return True

    # --- receiving -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.reception is not None and self.reception.running

    def receive(
        self, files: Sequence[Path] | None = None, *, passphrase: str | None = None
    ) -> Reception | None:
        """Receive ``files`` (asked for when None) with ``passphrase`` (asked for when None).

        Returns the running reception, or None when the officer chose nothing.
        """
        if self.busy:
            return None
        if self._blocked:
            self.status.emit(BLOCKED_TEXT)
            return None
        if files is None:
            chosen, _filter = QFileDialog.getOpenFileNames(
                self, "Chọn tệp sao lưu của các đơn vị", "", FILE_FILTER
            )
            files = [Path(name) for name in chosen]
        if not files:
            return None
        if passphrase is None:
            passphrase = ask_passphrase(
                self,
                f"Nhập mật khẩu của {len(files)} tệp sao lưu (mật khẩu đơn vị đặt khi tạo tệp). "
                "Tệp nào không mở được bằng mật khẩu này, chương trình sẽ hỏi lại riêng tệp đó.",
            )
            if passphrase is None:
                return None
        reception = Reception(
            self._store,
            files,
            passphrase,
            ask_passphrase=self._ask_again,
            now=self._now,
            parent=self,
        )
        reception.progressed.connect(self._on_progress)
        reception.line_added.connect(self._on_line)
        reception.finished.connect(self._on_finished)
        self.reception = reception
        self.receive_button.setEnabled(False)
        self.busy_changed.emit(True)
        self._header = f"<b>Đang nhận {len(files)} tệp sao lưu…</b>"
        self._say([self._header])
        self._show_progress(True)
        reception.start()
        return reception

    def set_blocked(self, blocked: bool) -> None:
        """While the figures are computed from the store, no file is received into it."""
        self._blocked = blocked
        self.receive_button.setEnabled(not blocked and not self.busy)

    def _ask_again_with_dialog(self, path: Path, problem: str) -> str | None:
        return ask_passphrase(
            self,
            f"Tệp {path.name} không mở được bằng mật khẩu đã nhập. Nhập mật khẩu của tệp này, "
            "hoặc bấm “Bỏ qua” để không nhận tệp này.",
            problem,
        )

    def _on_progress(self, text: str, value: int) -> None:
        self.progress_label.setText(text)
        self.progress_bar.setValue(value)

    def _on_line(self, _line: ReceptionLine) -> None:
        self._show_lines(self._header)

    def _show_lines(self, header: str) -> None:
        lines = self.reception.lines if self.reception is not None else []
        self._say([header, *(line_html(line) for line in lines)])

    def _on_finished(self) -> None:
        reception = self.reception
        self._show_progress(False)
        self.receive_button.setEnabled(not self._blocked)
        self.busy_changed.emit(False)
        if reception is None:
            return
        lines = reception.lines
        changed = sum(line.kind is LineKind.CHANGED for line in lines)
        refused = sum(line.kind is LineKind.REFUSED for line in lines)
        self._show_lines(
            f"<b>Đã xong {len(lines)} tệp: {changed} tệp cập nhật dữ liệu, "
            f"{refused} tệp không nhận được.</b>"
        )
        self.reload()
        self.status.emit(f"Đã nhận xong {len(lines)} tệp sao lưu.")
        if changed:
            self.received.emit()

    def _show_progress(self, shown: bool) -> None:
        self.progress_label.setVisible(shown)
        self.progress_bar.setVisible(shown)
        if not shown:
            self.progress_bar.setValue(0)

    def _say(self, lines: list[str]) -> None:
        self.results.setText("<br>".join(lines))
        self.results_frame.show()

    def results_text(self) -> str:
        """The results as plain text (for whoever drives the page)."""
        return self.results.text()
