"""The level above's window: "Các đơn vị đã nhận" and "Số liệu tổng hợp", with menus.

The window owns its store and closes it with itself. It cannot be closed while a
reception or a computation runs (the reception would still finish whole, but the
officer would not learn how it went).
"""

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from pcmt_desktop.gui.reports.opener import Opener, system_opener
from pcmt_desktop.gui.upper.combined_page import CombinedPage
from pcmt_desktop.gui.upper.received_page import ReceivedPage
from pcmt_desktop.gui.upper.reception import AskPassphrase
from pcmt_desktop.upper.store import UpperStore

TITLE = "PCMT — Tổng hợp cấp trên"
BUSY_TEXT = "Đang nhận tệp hoặc tính số liệu: hãy đợi xong rồi đóng cửa sổ."
STATUS_TIMEOUT_MS = 10_000


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class UpperWindow(QMainWindow):
    def __init__(
        self,
        store: UpperStore,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = _now,
        opener: Opener = system_opener,
        ask_again: AskPassphrase | None = None,
        open_other: Callable[["UpperWindow"], None] | None = None,
    ) -> None:
        """``ask_again`` asks for a file's own passphrase (a dialog unless given);
        ``open_other`` is the "Mở kho tổng hợp khác…" menu item (absent when None)."""
        super().__init__(parent)
        self.store = store
        self._closed = False
        self.setWindowTitle(f"{TITLE} ({store.location.describe()})")
        self.resize(1280, 800)
        self.received_page = ReceivedPage(store, now=now, ask_again=ask_again)
        self.combined_page = CombinedPage(store, today=today, now=now, opener=opener)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.received_page, "&1. Các đơn vị đã nhận")
        self.tabs.addTab(self.combined_page, "&2. Số liệu tổng hợp")
        self.setCentralWidget(self.tabs)
        self.received_page.received.connect(self.combined_page.store_changed)
        # One piece of work on the store at a time: a reception replaces an office's data.
        self.received_page.busy_changed.connect(self.combined_page.set_blocked)
        self.combined_page.busy_changed.connect(self.received_page.set_blocked)
        for page in (self.received_page, self.combined_page):
            page.status.connect(self._show_status)
        self._build_menus(open_other)
        self._show_status(self._greeting())

    def _action(self, text: str, slot: Callable[[], object], *shortcuts: str) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(keys) for keys in shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self, open_other: Callable[["UpperWindow"], None] | None) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&Tệp")
        file_menu.addAction(self._action("&Nhận tệp sao lưu…", self.receive_files, "Ctrl+O"))
        if open_other is not None:
            file_menu.addAction(self._action("Mở &kho tổng hợp khác…", lambda: open_other(self)))
        file_menu.addSeparator()
        file_menu.addAction(self._action("Đón&g cửa sổ", self.close, "Ctrl+W"))
        figures_menu = menu_bar.addMenu("Số &liệu")
        figures_menu.addAction(self._action("&Xem số liệu", self.show_figures, "F5"))
        figures_menu.addAction(
            self._action("Lập &báo cáo tổng hợp…", self.make_report, "Ctrl+Return", "Ctrl+Enter")
        )
        view_menu = menu_bar.addMenu("Xe&m")
        for index in range(self.tabs.count()):
            title = self.tabs.tabText(index).replace("&", "")
            view_menu.addAction(
                self._action(title, partial(self.tabs.setCurrentIndex, index), f"Ctrl+{index + 1}")
            )

    def _greeting(self) -> str:
        count = len(self.store.offices())
        if not count:
            return "Kho tổng hợp chưa có dữ liệu: bấm Ctrl+O để nhận tệp sao lưu của các đơn vị."
        return f"Kho tổng hợp có dữ liệu của {count} đơn vị."

    # --- what the menus do ---------------------------------------------------------------
    def receive_files(self) -> None:
        self.tabs.setCurrentWidget(self.received_page)
        self.received_page.receive()

    def show_figures(self) -> None:
        self.tabs.setCurrentWidget(self.combined_page)
        self.combined_page.show_figures()

    def make_report(self) -> None:
        self.tabs.setCurrentWidget(self.combined_page)
        self.combined_page.make_report()

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    @property
    def busy(self) -> bool:
        return self.received_page.busy or self.combined_page.computing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.busy:
            self._show_status(BUSY_TEXT)
            event.ignore()
            return
        super().closeEvent(event)
        if not self._closed:
            self._closed = True
            self.store.close()
