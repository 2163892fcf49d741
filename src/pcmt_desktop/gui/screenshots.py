"""Renders the window's tabs and main dialogs to PNG files (offscreen).

The README's pictures come from here, so they show the program as it is.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pcmt_desktop.autobackup import AutoBackup
from pcmt_desktop.backup import KdfParams, create_backup
from pcmt_desktop.gui.app import application
from pcmt_desktop.gui.audit.tab import AuditTab
from pcmt_desktop.gui.auth import screenshots as auth_screens
from pcmt_desktop.gui.auth.lock_screen import Curtain
from pcmt_desktop.gui.backup.create_dialog import CreateBackupDialog
from pcmt_desktop.gui.backup.job_dialog import JobDialog
from pcmt_desktop.gui.backup.restore_dialog import RestoreDialog
from pcmt_desktop.gui.backup.settings_dialog import AutoBackupSettingsDialog
from pcmt_desktop.gui.backup.verify_dialog import VerifyBackupDialog
from pcmt_desktop.gui.duplicates.dialog import DuplicatesDialog
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.gui.office.legal_rules_dialog import LegalRulesDialog
from pcmt_desktop.gui.office.settings_dialog import OfficeSettingsDialog
from pcmt_desktop.gui.overview.tab import OverviewTab
from pcmt_desktop.gui.registries.cases.record import CaseRecordDialog
from pcmt_desktop.gui.registries.dossiers.record import DossierRecordDialog
from pcmt_desktop.gui.registries.drug_tests.by_sub_area import SubAreaRatesDialog
from pcmt_desktop.gui.registries.drug_tests.form import DrugTestFormDialog
from pcmt_desktop.gui.registries.hotspots.record import HotspotRecordDialog
from pcmt_desktop.gui.registries.persons.form import PersonFormDialog
from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog
from pcmt_desktop.gui.registries.plant_seizures.form import PlantSeizureFormDialog
from pcmt_desktop.gui.reports.period_choices import PeriodMode
from pcmt_desktop.gui.reports.tab import FIGURES_PAGE, KEPT_PAGE, NARRATIVE_PAGE, ReportsTab
from pcmt_desktop.gui.reports.templates_dialog import OfficeTemplatesDialog
from pcmt_desktop.gui.upper import screenshots as upper_screens
from pcmt_desktop.reports.report_service import ReportService
from pcmt_desktop.services.case_listing import CaseFilter
from pcmt_desktop.services.dossier_listing import DossierCriteria
from pcmt_desktop.services.drug_test_listing import DrugTestCriteria
from pcmt_desktop.services.hotspot_listing import HotspotCriteria
from pcmt_desktop.services.person_listing import ON_ANY_LIST, PersonFilter, SortColumn
from pcmt_desktop.services.plant_seizure_listing import PlantSeizureCriteria
from pcmt_desktop.services.registry import Services

DialogFactory = Callable[[Services, QWidget], QWidget | None]
# The overview reads in well under a second; a slow disk gets this long before the picture.
OVERVIEW_WAIT_MS = 60_000


def _save(widget: QWidget, path: Path) -> Path:
    widget.show()
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"không lưu được {path}")
    return path


def _richest_person(services: Services) -> int | None:
    """The person with the longest history makes the most telling record picture."""
    ids = services.listing.ordered_ids(PersonFilter(list_key=ON_ANY_LIST, sort=SortColumn.NAME))
    best: tuple[int, int] | None = None
    for person_id in ids[:300]:
        size = sum(len(entries) for entries in services.histories.all_entries(person_id).values())
        if best is None or size > best[0]:
            best = (size, person_id)
    return None if best is None else best[1]


def _first(ids: list[int]) -> int | None:
    return ids[0] if ids else None


def _person_record(services: Services, parent: QWidget) -> QWidget | None:
    person_id = _richest_person(services)
    return None if person_id is None else PersonHistoryDialog(services, person_id, parent)


def _person_form(services: Services, parent: QWidget) -> QWidget | None:
    person_id = _richest_person(services)
    return None if person_id is None else PersonFormDialog(services, person_id, parent)


def _drug_test_form(services: Services, parent: QWidget) -> QWidget | None:
    test_id = _first(services.drug_tests.ordered_ids(DrugTestCriteria(positive_only=True)))
    return None if test_id is None else DrugTestFormDialog(services, test_id, parent)


def _rates(services: Services, parent: QWidget) -> QWidget | None:
    today = services.context.today()
    start = today.replace(year=today.year - 1)
    return SubAreaRatesDialog(services, start, today, parent)


def _dossier(services: Services, parent: QWidget) -> QWidget | None:
    dossier_id = _first(services.dossiers.ordered_ids(DossierCriteria()))
    return None if dossier_id is None else DossierRecordDialog(services, dossier_id, parent)


def _hotspot(services: Services, parent: QWidget) -> QWidget | None:
    hotspot_id = _first(services.hotspots.ordered_ids(HotspotCriteria()))
    return None if hotspot_id is None else HotspotRecordDialog(services, hotspot_id, parent)


def _seizure(services: Services, parent: QWidget) -> QWidget | None:
    seizure_id = _first(services.plant_seizures.ordered_ids(PlantSeizureCriteria()))
    return None if seizure_id is None else PlantSeizureFormDialog(services, seizure_id, parent)


def _case(services: Services, parent: QWidget) -> QWidget | None:
    case_id = _first(services.cases.ordered_ids(CaseFilter()))
    return None if case_id is None else CaseRecordDialog(services, case_id, parent)


def _report_templates(services: Services, parent: QWidget) -> QWidget | None:
    return OfficeTemplatesDialog(ReportService(services.context), parent)


DIALOGS: tuple[tuple[str, DialogFactory], ...] = (
    ("20-ho-so-doi-tuong", _person_record),
    ("21-sua-doi-tuong", _person_form),
    (
        "22-don-vi-dia-ban",
        lambda services, parent: OfficeSettingsDialog(services, first_start=False, parent=parent),
    ),
    ("23-quy-dinh-phap-luat", LegalRulesDialog),
    ("24-doi-tuong-trung-lap", lambda services, parent: DuplicatesDialog(services, None, parent)),
    ("30-test-ma-tuy", _drug_test_form),
    ("31-ty-le-duong-tinh-theo-dia-ban", _rates),
    ("40-ho-so-cnbb", _dossier),
    ("50-diem-tu-diem", _hotspot),
    ("60-pha-nho-cay", _seizure),
    ("70-vu-viec", _case),
    ("84-dang-nhap", auth_screens.login),
    ("85-tao-tai-khoan-quan-tri", auth_screens.first_administrator),
    ("86-doi-mat-khau", auth_screens.change_password),
    ("87-tai-khoan-nguoi-dung", auth_screens.users),
    ("88-quyen-cua-vai-tro", auth_screens.role_permissions),
    ("89-thoi-gian-tu-khoa", auth_screens.idle_time),
    ("92-mau-bao-cao-rieng", _report_templates),
    ("95-tong-hop-cac-don-vi", upper_screens.received_offices),
    ("96-tong-hop-so-lieu", upper_screens.combined_figures),
    ("97-man-hinh-khoa", auth_screens.lock_screen),
)


def _prepare_reports(tab: ReportsTab) -> None:
    """The "Báo cáo" tab with the year's figures computed and compared, as an officer sees it."""
    tab.period.choose_mode(PeriodMode.YEAR)
    tab.period.compare_box.setChecked(True)
    tab.show_figures(ask=False)


def _report_pages(window: MainWindow, out: Path) -> list[Path]:
    """The tab's other pages: the area classification, the narrative, the past reports."""
    tab = window.reports_tab
    window.tabs.setCurrentWidget(tab)
    written = []
    pages = tab.figures_view.pages
    pages.setCurrentWidget(tab.figures_view.area_classes)
    written.append(_save(window, out / "90-bao-cao-phan-loai-dia-ban.png"))
    for index, name in ((NARRATIVE_PAGE, "91-bao-cao-loi-van"), (KEPT_PAGE, "93-bao-cao-da-lap")):
        tab.views.setCurrentIndex(index)
        written.append(_save(window, out / f"{name}.png"))
    tab.views.setCurrentIndex(FIGURES_PAGE)
    pages.setCurrentIndex(0)
    return written


# A passphrase for the pictures' own throw-away backup file, never a real one.
PICTURE_PASSPHRASE = "ảnh minh họa 2026"


@dataclass(frozen=True)
class _PictureHolder:
    """The restore dialog's holder for a picture: it compares, it never restores."""

    database_path: Path

    def release(self) -> None:
        raise RuntimeError("screenshots never restore")

    def reopen(self, *, replaced: bool) -> QWidget:
        raise RuntimeError("screenshots never restore")

    def record_restore(self, source: Path) -> None:
        raise RuntimeError("screenshots never restore")


def _finish(dialog: JobDialog, start: Callable[[], bool]) -> None:
    """Run the dialog's job to its end, so the picture shows its result."""
    loop = QEventLoop()
    dialog.job_finished.connect(lambda _ok: loop.quit())
    if start():
        loop.exec()


def _backup_pictures(
    services: Services, database_path: Path, window: QWidget, out: Path
) -> list[Path]:
    """The backup dialogs, each as the officer sees it after its work.

    The backup shown is written to a temporary folder (fast key derivation) and removed;
    nothing is written beside the database, and "Sao lưu ngay" is not pressed.
    """
    written = []
    with tempfile.TemporaryDirectory(prefix="pcmt-anh-") as folder:
        sample = Path(folder) / "PCMT_mau.pcmtbk"
        create_backup(database_path, sample, PICTURE_PASSPHRASE, kdf=KdfParams.fast_for_tests())
        create = CreateBackupDialog(services, database_path, window, folder=Path(folder))
        create.passphrase.first.setText(PICTURE_PASSPHRASE)
        create.passphrase.second.setText(PICTURE_PASSPHRASE)
        verify = VerifyBackupDialog(window, path=sample)
        verify.passphrase.setText(PICTURE_PASSPHRASE)
        _finish(verify, verify.start)
        restore = RestoreDialog(_PictureHolder(database_path), window, path=sample)
        restore.passphrase.setText(PICTURE_PASSPHRASE)
        _finish(restore, restore.check)
        settings = AutoBackupSettingsDialog(AutoBackup(database_path), window)
        for name, dialog in (
            ("80-sao-luu-ra-tep", create),
            ("81-kiem-tra-tep-sao-luu", verify),
            ("82-khoi-phuc-tu-tep-sao-luu", restore),
            ("83-cai-dat-sao-luu-tu-dong", settings),
        ):
            written.append(_save(dialog, out / f"{name}.png"))
            dialog.close()
            dialog.deleteLater()
    return written


def _prepare_audit(tab: AuditTab | None) -> None:
    """The "Nhật ký" tab with the trail read and its chain checked, the newest row chosen."""
    if tab is not None:
        tab.reload(choices=True)
        tab.verify()


def _locked_window(window: MainWindow, out: Path) -> Path:
    """The window as the idle lock leaves it: covered, the lock screen over it."""
    curtain = Curtain(window)
    try:
        return _save(window, out / "98-cua-so-da-khoa.png")
    finally:
        curtain.lift()


def _wait_for_overview(tab: OverviewTab) -> None:
    """The overview reads its figures in a worker thread: picture it once they are in."""
    loop = QEventLoop()
    tab.loaded.connect(loop.quit)
    QTimer.singleShot(OVERVIEW_WAIT_MS, loop.quit)
    tab.refresh()
    loop.exec()
    tab.loaded.disconnect(loop.quit)


def render_all(
    services: Services, database_path: Path, out: Path, size: tuple[int, int]
) -> list[Path]:
    application()
    window = MainWindow(services, database_path)
    window.resize(*size)
    _prepare_reports(window.reports_tab)
    _prepare_audit(window.audit_tab)
    written: list[Path] = []
    for index, entry in enumerate(window.entries):
        window.tabs.setCurrentIndex(index)
        if entry.widget is window.overview_tab:
            _wait_for_overview(window.overview_tab)
        # "00-tong-quan.png", then the registries from "01-doi-tuong.png" as before.
        written.append(_save(window, out / f"{index:02d}-{entry.slug}.png"))
        if entry.widget is window.overview_tab:
            # The four charts as an officer saves them (bieu-do-*.png), after the picture
            # of the tab: saving shows a message in the status bar.
            written += window.overview_tab.save_charts(out)
    written += _report_pages(window, out)
    for name, factory in DIALOGS:
        dialog = factory(services, window)
        if dialog is None:
            continue
        written.append(_save(dialog, out / f"{name}.png"))
        dialog.close()
        dialog.deleteLater()
    written += _backup_pictures(services, database_path, window, out)
    written.append(_locked_window(window, out))
    window.close()
    return written
