"""The main window: a tab per registry, menus with shortcuts, a status bar.

What the logged-in officer's role does not allow is not offered: its menu actions stay
disabled with a tooltip naming the right, its buttons in the tabs are hidden, and the
"Nhật ký" tab is there only for a role that may read the audit trail.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from pcmt_desktop import __version__
from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.autobackup import AutoBackup
from pcmt_desktop.build_info import build_text
from pcmt_desktop.gui.audit.tab import AuditTab
from pcmt_desktop.gui.auth.account_menu import AccountMenu
from pcmt_desktop.gui.auth.permits import gate_action
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.backup.automatic import AutoBackupController
from pcmt_desktop.gui.backup.create_dialog import CreateBackupDialog
from pcmt_desktop.gui.backup.restore_dialog import DatabaseHolder, RestoreDialog
from pcmt_desktop.gui.backup.settings_dialog import AutoBackupSettingsDialog
from pcmt_desktop.gui.backup.verify_dialog import VerifyBackupDialog
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.duplicates.dialog import DuplicatesDialog
from pcmt_desktop.gui.interchange.export_actions import (
    export_with_dialog,
    save_template_with_dialog,
)
from pcmt_desktop.gui.interchange.import_dialog import import_with_dialog
from pcmt_desktop.gui.office.legal_rules_dialog import LegalRulesDialog
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.gui.overview.tab import OverviewTab
from pcmt_desktop.gui.registries.cases.tab import CasesTab
from pcmt_desktop.gui.registries.deadlines.tab import DeadlinesTab
from pcmt_desktop.gui.registries.dossiers.tab import DossiersTab
from pcmt_desktop.gui.registries.drug_tests.tab import DrugTestsTab
from pcmt_desktop.gui.registries.hotspots.tab import HotspotsTab
from pcmt_desktop.gui.registries.persons.tab import PersonsTab
from pcmt_desktop.gui.registries.plant_seizures.tab import PlantSeizuresTab
from pcmt_desktop.gui.registries.targets.tab import TargetsTab
from pcmt_desktop.gui.registry_tab import RegistryTab
from pcmt_desktop.gui.reports.tab import ReportsTab
from pcmt_desktop.overview.quality import QualityCheck
from pcmt_desktop.overview.work import WorkItem
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.registry import Services

APP_TITLE = "PCMT — Phòng, chống ma túy"


# The overview is the start page: Alt+Home, the browsers' key for going home. The
# registries keep Ctrl+1 … Ctrl+9 and Ctrl+0 in their order, as officers learnt them.
OVERVIEW_SHORTCUT = "Alt+Home"


def tab_shortcut(index: int) -> str | None:
    """Ctrl+1 … Ctrl+9 for the first nine registry tabs, Ctrl+0 for the tenth ("Nhật ký")."""
    if index < 9:
        return f"Ctrl+{index + 1}"
    return "Ctrl+0" if index == 9 else None


@dataclass(frozen=True)
class TabEntry:
    title: str
    slug: str  # object name, also the screenshot's file name
    widget: QWidget
    shortcut: str | None = None


class MainWindow(QMainWindow):
    """The window on one database.

    ``workspace`` holds the open database (gui.backup.workspace): without it the window
    cannot restore a backup over its own database. ``auto_backup`` turns the automatic
    backups on (on closing after changes, daily, before an import or a merge); the
    program always gives both, a test only when it looks at them. ``session`` is the
    logged-in officer's (gui.auth.session): it locks the window when idle and offers the
    logout; the services' actor decides what the window offers.
    """

    def __init__(
        self,
        services: Services,
        database_path: Path,
        parent: QWidget | None = None,
        *,
        workspace: DatabaseHolder | None = None,
        auto_backup: AutoBackup | None = None,
        session: OfficerSession | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.actor = services.context.actor
        self.session = session
        self._database_path = database_path
        self._workspace = workspace
        self._detached = False
        self.signals = ChangeSignals(services.context.bus, self)
        self.resize(1280, 800)

        self.persons_tab = PersonsTab(services, self.signals)
        self.deadlines_tab = DeadlinesTab(services, self.signals)
        self.drug_tests_tab = DrugTestsTab(services, self.signals)
        self.dossiers_tab = DossiersTab(services, self.signals)
        self.hotspots_tab = HotspotsTab(services, self.signals)
        self.plant_seizures_tab = PlantSeizuresTab(services, self.signals)
        self.cases_tab = CasesTab(services, self.signals)
        self.targets_tab = TargetsTab(services, self.signals)
        self.reports_tab = ReportsTab(services, self.signals)
        self.overview_tab = OverviewTab(services, self.signals)
        registries = [
            TabEntry("Đối tượng", "doi-tuong", self.persons_tab),
            TabEntry("Đến hạn", "den-han", self.deadlines_tab),
            TabEntry("Test ma túy", "test-ma-tuy", self.drug_tests_tab),
            TabEntry("Hồ sơ CNBB", "ho-so-cnbb", self.dossiers_tab),
            TabEntry("Điểm, tụ điểm", "diem-tu-diem", self.hotspots_tab),
            TabEntry("Phá nhổ cây", "pha-nho-cay", self.plant_seizures_tab),
            TabEntry("Vụ việc", "vu-viec", self.cases_tab),
            TabEntry("Chỉ tiêu", "chi-tieu", self.targets_tab),
            TabEntry("Báo cáo", "bao-cao", self.reports_tab),
        ]
        self.audit_tab: AuditTab | None = None
        if self.actor.may(Permission.AUDIT_READ):
            self.audit_tab = AuditTab(services, self.signals)
            registries.append(TabEntry("Nhật ký", "nhat-ky", self.audit_tab))
        self.entries = [
            TabEntry("Tổng quan", "tong-quan", self.overview_tab, OVERVIEW_SHORTCUT),
            *(
                replace(entry, shortcut=tab_shortcut(index))
                for index, entry in enumerate(registries)
            ),
        ]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for entry in self.entries:
            entry.widget.setObjectName(entry.slug)
            self.tabs.addTab(entry.widget, entry.title)
        self.setCentralWidget(self.tabs)
        self.deadlines_tab.open_record_requested.connect(self.open_record)
        self.overview_tab.work_item_opened.connect(self.open_work_item)
        self.overview_tab.more_requested.connect(self.show_all_work)
        self.overview_tab.check_opened.connect(self.open_quality_check)

        self._build_menus()
        self._office_label = QLabel()
        self._user_label = QLabel(f"Người dùng: {self.actor.display_name}")
        self._user_label.setToolTip(f"Tài khoản {self.actor.user_name}")
        self._database_label = QLabel(f"Dữ liệu: {database_path}")
        status = self.statusBar()
        status.setStyleSheet("QStatusBar QLabel { padding: 0 8px; }")
        status.addPermanentWidget(self._office_label)
        status.addPermanentWidget(self._user_label)
        status.addPermanentWidget(self._database_label)
        for entry in self.entries:
            message = getattr(entry.widget, "status_message", None)
            if message is not None:
                message.connect(lambda text: status.showMessage(text, 5000))
        self.signals.changed.connect(self._on_changed)
        self.backups = (
            AutoBackupController(auto_backup, self.signals, self)
            if auto_backup is not None
            else None
        )
        self._show_office()

    # --- menus ---------------------------------------------------------------------------------
    def _action(
        self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # Through a lambda: triggered(bool) must never fill a slot's optional parameter.
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _gated(self, action: QAction, permission: Permission) -> QAction:
        """``action``, disabled with the reason when the officer's role does not allow it."""
        gate_action(action, self.actor, permission)
        return action

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&Tệp")
        file_menu.setToolTipsVisible(True)  # a disabled action says which right it needs
        gated = self._gated
        file_menu.addAction(
            gated(
                self._action("Thông tin đơn vị và &địa bàn…", self.edit_office, "Ctrl+Shift+D"),
                Permission.SETTINGS,
            )
        )
        file_menu.addAction(
            gated(
                self._action("&Quy định pháp luật (thời hạn, mức phạt)…", self.edit_legal_rules),
                Permission.LEGAL_RULES,
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            gated(
                self._action(
                    "&Nhập dữ liệu từ Excel…",
                    lambda: import_with_dialog(
                        self._services,
                        self,
                        before_import=self.backups.before_import if self.backups else None,
                    ),
                    "Ctrl+Shift+I",
                ),
                Permission.IMPORT,
            )
        )
        file_menu.addAction(
            gated(
                self._action(
                    "&Xuất toàn bộ dữ liệu ra Excel…",
                    lambda: export_with_dialog(self._services, self),
                    "Ctrl+Shift+E",
                ),
                Permission.EXPORT,
            )
        )
        file_menu.addAction(
            gated(
                self._action(
                    "Lưu tệp &mẫu nhập liệu Excel…",
                    lambda: save_template_with_dialog(self._services, self),
                ),
                Permission.IMPORT,
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            gated(self._action("&Sao lưu ra tệp…", self.create_backup), Permission.BACKUP_CREATE)
        )
        file_menu.addAction(
            gated(
                self._action("&Kiểm tra tệp sao lưu…", self.verify_backup_file),
                Permission.BACKUP_CREATE,
            )
        )
        restore = self._action("Khôi &phục từ tệp sao lưu…", self.restore_from_backup)
        restore.setEnabled(self._workspace is not None)
        file_menu.addAction(gated(restore, Permission.RESTORE))
        file_menu.addAction(
            gated(
                self._action("&Cài đặt sao lưu tự động…", self.edit_auto_backup_settings),
                Permission.SETTINGS,
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            gated(
                self._action("Tổn&g hợp số liệu cấp dưới gửi lên…", self.open_level_above),
                Permission.REPORTS,
            )
        )
        file_menu.addSeparator()
        self.account = AccountMenu(self, self._services, self.session)
        account_actions = self.account.actions()
        file_menu.addActions(account_actions[:2])
        file_menu.addSeparator()
        file_menu.addActions(account_actions[2:])
        file_menu.addSeparator()
        # Windows has no standard Quit key, so Ctrl+Q is set by hand.
        file_menu.addAction(self._action("&Thoát", self.close, "Ctrl+Q"))

        record_menu = menu_bar.addMenu("&Bản ghi")
        record_menu.setToolTipsVisible(True)
        record_menu.addAction(
            gated(
                self._action("&Thêm mới…", lambda: self.current_tab().add_record(), "Ctrl+N"),
                Permission.RECORDS_EDIT,
            )
        )
        record_menu.addAction(
            self._action(
                "&Xem, sửa bản ghi đang chọn…", lambda: self.current_tab().open_selected(), "Ctrl+O"
            )
        )
        record_menu.addAction(
            gated(
                self._action(
                    "X&óa bản ghi nhập nhầm…", lambda: self.current_tab().delete_selected()
                ),
                Permission.RECORDS_EDIT,
            )
        )
        record_menu.addSeparator()
        record_menu.addAction(self._action("T&ìm kiếm", self._focus_search, "Ctrl+F"))
        record_menu.addSeparator()
        record_menu.addAction(
            gated(
                self._action("Sửa thông tin đối tượng…", self.persons_tab.edit_selected, "F2"),
                Permission.RECORDS_EDIT,
            )
        )
        record_menu.addAction(
            gated(
                self._action(
                    "Đối tượng &trùng lặp (gộp hồ sơ)…", self.show_duplicates, "Ctrl+Shift+T"
                ),
                Permission.MERGE,
            )
        )

        go_menu = menu_bar.addMenu("&Đi tới")
        for index, entry in enumerate(self.entries):
            go_menu.addAction(
                self._action(entry.title, partial(self.tabs.setCurrentIndex, index), entry.shortcut)
            )

        help_menu = menu_bar.addMenu("Trợ &giúp")
        help_menu.addAction(self._action("&Phím tắt", self.show_shortcuts, "F1"))
        help_menu.addAction(self._action("&Giới thiệu", self.show_about))

    def current_tab(self) -> RegistryTab:
        return cast(RegistryTab, self.tabs.currentWidget())

    def _focus_search(self) -> None:
        self.current_tab().focus_search()

    # --- actions -------------------------------------------------------------------------------
    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record of another tab (e.g. from "Đến hạn") and open it."""
        tabs: dict[str, RegistryTab] = {
            "dossier": self.dossiers_tab,
            "hotspot": self.hotspots_tab,
            "person": self.persons_tab,
        }
        tab = tabs.get(kind)
        if tab is None:
            return
        self.tabs.setCurrentWidget(cast(QWidget, tab))
        if tab.select_record(record_id):
            tab.open_selected()

    def open_work_item(self, item: WorkItem) -> None:
        """An item of the overview's work: the person, dossier, hotspot or phase it is about."""
        if item.kind == "target":
            self.tabs.setCurrentWidget(self.targets_tab)
            self.targets_tab.select_record(item.record_id)
        elif item.kind == "list_stay":
            if item.person_id is not None:
                self.open_record("person", item.person_id)
        else:
            self.open_record(item.kind, item.record_id)

    def show_all_work(self, kind: str) -> None:
        """The whole list of a kind of work, where it can be sorted, filtered and done."""
        self.tabs.setCurrentWidget(self.targets_tab if kind == "target" else self.deadlines_tab)

    def open_quality_check(self, check: QualityCheck) -> None:
        """The persons a data-quality check found, in the persons tab (duplicates: merged)."""
        if check.opens == "duplicates":
            self.show_duplicates()
            return
        self.tabs.setCurrentWidget(self.persons_tab)
        self.persons_tab.show_subset(check.person_ids, check.label)

    def edit_office(self) -> None:
        dialog = OfficeSettingsDialog(self._services, first_start=False, parent=self)
        dialog.exec()
        dialog.deleteLater()  # a child of the window: would otherwise live as long as it

    def show_duplicates(self) -> None:
        # A merge is undone only by restoring a backup: one is taken before every merge
        # (its progress over the dialog), and a merge is refused if it cannot be made.
        backups = self.backups

        def before_merge() -> None:
            if backups is not None:
                backups.before_merge(dialog)

        dialog = DuplicatesDialog(
            self._services,
            self.signals,
            self,
            before_merge=before_merge if backups is not None else None,
        )
        dialog.exec()
        dialog.deleteLater()

    # --- backups -------------------------------------------------------------------------------
    def create_backup(self) -> None:
        dialog = CreateBackupDialog(self._services, self._database_path, self)
        dialog.exec()
        dialog.deleteLater()

    def open_level_above(self) -> None:
        """The level above's window: the offices' backup files received and their totals."""
        from pcmt_desktop.gui.upper.start import open_upper_window

        # A child of this window (it closes with it) that deletes itself when closed.
        open_upper_window(self)

    def verify_backup_file(self) -> None:
        dialog = VerifyBackupDialog(self)
        dialog.exec()
        dialog.deleteLater()

    def restore_from_backup(self) -> None:
        if self._workspace is None:
            return
        dialog = RestoreDialog(self._workspace, self, backups=self.backups)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # open(), not exec(): a restore ends by replacing this window, dialog included.
        dialog.open()

    def edit_auto_backup_settings(self) -> None:
        auto = self.backups.auto if self.backups else AutoBackup(self._database_path)
        dialog = AutoBackupSettingsDialog(auto, self, backups=self.backups)
        dialog.exec()
        dialog.deleteLater()

    def edit_legal_rules(self) -> None:
        dialog = LegalRulesDialog(self._services, self)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "Giới thiệu PCMT",
            f"<b>PCMT desktop</b> — phiên bản {__version__}, {build_text()}<br>"
            "Quản lý đối tượng, hồ sơ và báo cáo công tác phòng, chống ma túy "
            "của một đơn vị Công an.<br><br>"
            f"Tệp dữ liệu: {self._database_path}",
        )

    def show_shortcuts(self) -> None:
        tabs = "\n".join(
            f"{entry.shortcut}\t{entry.title}" for entry in self.entries if entry.shortcut
        )
        QMessageBox.information(
            self,
            "Phím tắt",
            "Ctrl+F\tTìm kiếm trong tab đang mở\n"
            "Ctrl+N\tThêm bản ghi mới\n"
            "Ctrl+O, Enter\tXem, sửa bản ghi đang chọn\n"
            "Delete\tXóa bản ghi nhập nhầm (có hỏi lại)\n"
            "F2\tSửa thông tin đối tượng\n"
            "Ctrl+Shift+D\tThông tin đơn vị và địa bàn\n"
            f"{tabs}\n"
            "F5\tTổng quan: tính lại; Báo cáo: xem số liệu của kỳ đã chọn\n"
            "Ctrl+Enter\tBáo cáo: lập báo cáo (Word và phụ lục Excel)\n"
            "Alt+1, 2, 3\tBáo cáo: số liệu, lời văn, báo cáo đã lập\n"
            "Ctrl+L\tKhóa màn hình\n"
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

    def retire(self) -> None:
        """Replaced by a new window on a restored database: close without a backup."""
        if self.backups is not None:
            self.backups.retire()
        self._detach()

    def _detach(self) -> None:
        if not self._detached:
            self._detached = True
            self.signals.detach()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # After changes the automatic backup comes first; the window closes itself then.
        if self.backups is not None and not self.backups.ready_to_close():
            event.ignore()
            return
        self._detach()
        super().closeEvent(event)
