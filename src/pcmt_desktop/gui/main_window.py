"""The main window: a tab per registry, menus with shortcuts, a status bar."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from pcmt_desktop import __version__
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.gui.registries.persons.tab import PersonsTab
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.registry import Services

APP_TITLE = "PCMT — Phòng, chống ma túy"


class MainWindow(QMainWindow):
    def __init__(
        self, services: Services, database_path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._database_path = database_path
        self.signals = ChangeSignals(services.context.bus, self)
        self.resize(1280, 800)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.persons_tab = PersonsTab(services, self.signals)
        self.persons_tab.setObjectName("doi-tuong")  # also the screenshot's file name
        self.tabs.addTab(self.persons_tab, "Đối tượng")
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self._office_label = QLabel()
        self._user_label = QLabel(f"Người dùng: {services.context.actor.display_name}")
        self._database_label = QLabel(f"Dữ liệu: {database_path}")
        status = self.statusBar()
        status.setStyleSheet("QStatusBar QLabel { padding: 0 8px; }")
        status.addPermanentWidget(self._office_label)
        status.addPermanentWidget(self._user_label)
        status.addPermanentWidget(self._database_label)
        self.persons_tab.status_message.connect(lambda text: status.showMessage(text, 5000))
        self.signals.changed.connect(self._on_changed)
        self._show_office()

    # --- menus ---------------------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&Tệp")
        self.office_action = self._action(
            "Thông tin đơn vị và &địa bàn…", self.edit_office, "Ctrl+Shift+D"
        )
        file_menu.addAction(self.office_action)
        file_menu.addSeparator()
        # Windows has no standard Quit key, so Ctrl+Q is set by hand.
        file_menu.addAction(self._action("&Thoát", self.close, "Ctrl+Q"))

        persons_menu = menu_bar.addMenu("Đối &tượng")
        tab = self.persons_tab
        persons_menu.addAction(self._action("&Thêm đối tượng…", tab.add_person, "Ctrl+N"))
        persons_menu.addAction(self._action("&Sửa thông tin…", tab.edit_selected, "F2"))
        persons_menu.addAction(self._action("&Xem hồ sơ…", tab.open_selected, "Ctrl+O"))
        persons_menu.addAction(self._action("X&óa đối tượng nhập nhầm…", tab.delete_selected))
        persons_menu.addSeparator()
        persons_menu.addAction(self._action("T&ìm kiếm", self._focus_search, "Ctrl+F"))

        help_menu = menu_bar.addMenu("Trợ &giúp")
        help_menu.addAction(self._action("&Phím tắt", self.show_shortcuts, "F1"))
        help_menu.addAction(self._action("&Giới thiệu", self.show_about))

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.persons_tab)
        self.persons_tab.focus_search()

    # --- actions -------------------------------------------------------------------------------
    def edit_office(self) -> None:
        dialog = OfficeSettingsDialog(self._services, first_start=False, parent=self)
        dialog.exec()
        dialog.deleteLater()  # a child of the window: would otherwise live as long as it

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "Giới thiệu PCMT",
            f"<b>PCMT desktop</b> — phiên bản {__version__}<br>"
            "Quản lý đối tượng, hồ sơ và báo cáo công tác phòng, chống ma túy "
            "của một đơn vị Công an.<br><br>"
            f"Tệp dữ liệu: {self._database_path}",
        )

    def show_shortcuts(self) -> None:
        QMessageBox.information(
            self,
            "Phím tắt",
            "Ctrl+F\tTìm kiếm đối tượng\n"
            "Ctrl+N\tThêm đối tượng\n"
            "Enter\tXem hồ sơ đối tượng đang chọn\n"
            "F2\tSửa thông tin đối tượng\n"
            "Delete\tXóa đối tượng nhập nhầm\n"
            "Ctrl+Shift+D\tThông tin đơn vị và địa bàn\n"
            "Ctrl+Q\tThoát",
        )

    # --- state ---------------------------------------------------------------------------------
    def _show_office(self) -> None:
        office = self._services.office.office()
        name = office.name if office else "(chưa thiết lập)"
        self.setWindowTitle(f"{APP_TITLE} — {name}")
        self._office_label.setText(f"Đơn vị: {name}")

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.OFFICE) or changes.touches(Entity.SUB_AREA):
            self._show_office()
            self.persons_tab.reload_sub_areas()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.signals.detach()
        super().closeEvent(event)
