"""The "Đến hạn" tab: everything that needs the officer's action by a date, in one place.

Three sections from ``DeadlineService.all_alerts``: list stays whose management period is
over or nearly so (ended in bulk here, each on its own due date), CNBB dossiers past or
near a legal limit, and hotspots whose fight period is over. A person's row opens the
person's record; a dossier or a hotspot is opened by its own tab (``open_record_requested``,
wired by the main window).
"""

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.auth.permits import withhold
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.registries.deadlines.alert_table import (
    AlertSection,
    alert_columns,
    count_text,
)
from pcmt_desktop.gui.registries.persons.table_model import sub_area_header
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.deadlines import DEFAULT_WITHIN_DAYS, DOSSIER_SOON_DAYS, END_REASON
from pcmt_desktop.services.legal import MissingRuleError
from pcmt_desktop.services.registry import Services

STAY, DOSSIER, HOTSPOT = "list_stay", "dossier", "hotspot"
SEARCH_DELAY_MS = 150
SEARCH_PLACEHOLDER = "Lọc theo họ tên, tên điểm hoặc địa bàn — gõ không dấu cũng được"
# How many names the confirmation lists before "và N người khác".
NAMES_SHOWN = 10


class DeadlinesTab(QWidget):
    """Đến hạn: the main window's menus call its public methods like any tab's."""

    status_message = Signal(str)
    open_record_requested = Signal(str, int)  # kind ("dossier", "hotspot"), record id

    def __init__(
        self, services: Services, signals: ChangeSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._stale = False
        self.person_dialog: QDialog | None = None  # the record opened last (tests look at it)
        area = self._sub_area_header()
        self.stays = AlertSection(
            f"Diện quản lý hết thời hạn trong {DEFAULT_WITHIN_DAYS} ngày tới hoặc đã quá hạn",
            alert_columns("Họ và tên", "Nội dung", area),
            "Không có người nào sắp hết thời hạn quản lý.",
            self,
            multi_select=True,
        )
        self.dossiers = AlertSection(
            f"Hồ sơ CNBB quá hạn hoặc còn dưới {DOSSIER_SOON_DAYS} ngày",
            alert_columns("Đối tượng", "Việc phải làm", area),
            "Không có hồ sơ nào quá hạn hoặc sắp đến hạn.",
            self,
        )
        self.hotspots = AlertSection(
            "Điểm, tụ điểm hết thời gian đấu tranh",
            alert_columns("Tên điểm, tụ điểm", "Nội dung", area),
            "Không có điểm, tụ điểm nào hết thời gian đấu tranh.",
            self,
        )
        self._sections = {STAY: self.stays, DOSSIER: self.dossiers, HOTSPOT: self.hotspots}
        self._build_controls()
        self._build_layout()
        # Not offered to a role that may not change records (the services refuse anyway).
        withhold(
            services.context.actor,
            Permission.RECORDS_EDIT,
            self.end_button,
            self.select_due_button,
        )
        self._connect()
        self.refresh()
        signals.changed.connect(self._on_changed)

    # --- building ------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setToolTip(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.count_label = QLabel(self)
        self.refresh_button = QPushButton("Tải lại", self)
        self.refresh_button.setToolTip("Tính lại các hạn theo dữ liệu và quy định hiện có")

        self.end_button = QPushButton("Thanh loại các mục đã chọn…", self)
        self.end_button.setToolTip(
            "Thanh loại những người đã chọn khỏi diện quản lý, mỗi người vào đúng ngày hết "
            f"thời hạn của mình, lý do “{END_REASON}”"
        )
        self.select_due_button = QPushButton("Chọn tất cả đã quá hạn", self)
        self.select_due_button.setToolTip(
            "Chọn mọi người đã hết thời hạn quản lý (kể cả hết hạn hôm nay)"
        )
        self.open_stay_button = QPushButton("Xem hồ sơ", self)
        self.open_stay_button.setToolTip("Xem hồ sơ đối tượng đang chọn (Enter)")
        for button in (self.select_due_button, self.end_button, self.open_stay_button):
            self.stays.button_row.addWidget(button)
        self.stays.button_row.addStretch(1)
        self.open_dossier_button = QPushButton("Mở hồ sơ CNBB", self)
        self.open_dossier_button.setToolTip("Mở hồ sơ đang chọn trong tab Hồ sơ CNBB (Enter)")
        self.dossiers.button_row.addWidget(self.open_dossier_button)
        self.dossiers.button_row.addStretch(1)
        self.open_hotspot_button = QPushButton("Mở điểm, tụ điểm", self)
        self.open_hotspot_button.setToolTip("Mở điểm đang chọn trong tab Điểm, tụ điểm (Enter)")
        self.hotspots.button_row.addWidget(self.open_hotspot_button)
        self.hotspots.button_row.addStretch(1)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.refresh_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        for section in self._sections.values():
            self.splitter.addWidget(section)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._apply_filter)
        self.refresh_button.clicked.connect(self._refresh_clicked)
        self.end_button.clicked.connect(self._end_clicked)
        self.select_due_button.clicked.connect(self.select_all_due)
        self.open_stay_button.clicked.connect(self._open_stay)
        self.open_dossier_button.clicked.connect(self._open_dossier)
        self.open_hotspot_button.clicked.connect(self._open_hotspot)
        openers = {STAY: self._open_stay, DOSSIER: self._open_dossier, HOTSPOT: self._open_hotspot}
        for kind, section in self._sections.items():
            opener = openers[kind]
            section.on_enter(opener)
            section.table.doubleClicked.connect(partial(self._on_double_clicked, opener))
            section.table.selectionModel().selectionChanged.connect(self._update_buttons)
            section.model.modelReset.connect(self._update_buttons)

    # --- public API: the main window's menus -------------------------------------------
    def refresh(self) -> None:
        """Read every alert again (the dates are computed anew from today's data and rules)."""
        self._stale = False
        kept = [alert.record_id for alert in self.stays.selected_alerts()]
        today = self._services.context.today()
        try:
            alerts = self._services.deadlines.all_alerts(today)
        except (SQLAlchemyError, MissingRuleError) as error:
            show_refusal(self, "Không tính được các hạn", error)
            return
        by_kind: dict[str, list[Alert]] = {kind: [] for kind in self._sections}
        for alert in alerts:
            by_kind.setdefault(alert.kind, []).append(alert)
        for kind, section in self._sections.items():
            section.set_alerts(by_kind[kind])
        self.stays.select_ids(kept)
        total = len(alerts)
        overdue = sum(1 for alert in alerts if alert.overdue)
        self.count_label.setText(
            f"Tính đến ngày {format_day(today)}: {count_text(total)} việc, "
            f"{count_text(overdue)} đã quá hạn"
        )
        self._update_buttons()

    def add_record(self) -> None:
        """Nothing is added here: alerts follow from the registries."""
        self.status_message.emit(
            "Tab Đến hạn tự tổng hợp từ các sổ; hãy thêm hồ sơ ở tab tương ứng."
        )

    def open_selected(self) -> None:
        """Open the record of the focused section's current row."""
        for kind, section in self._sections.items():
            if section.table.hasFocus() and section.current_alert() is not None:
                self._open(kind)
                return
        for kind, section in self._sections.items():
            if section.current_alert() is not None:
                self._open(kind)
                return

    def delete_selected(self, *, ask: bool = True) -> None:
        """Nothing is deleted from here; ending a stay is "Thanh loại" (``end_selected``)."""
        del ask
        self.status_message.emit(
            "Không xóa được từ tab Đến hạn; dùng “Thanh loại các mục đã chọn…”."
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_record(self, record_id: int, kind: str = STAY) -> bool:
        """Select the alert of ``kind`` for ``record_id`` (a stay id by default)."""
        section = self._sections.get(kind)
        if section is None:
            return False
        if section.model.row_of(record_id) is None and self.search.text():
            self.search.clear()
            self._apply_filter()
        found = section.select_ids([record_id]) == 1
        if found:
            section.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.status_message.emit("Mục này hiện không đến hạn.")
        return found

    def select_all_due(self) -> int:
        """Select every stay already due (overdue or due today); returns how many."""
        due = [alert.record_id for alert in self.stays.source.alerts() if alert.days_left <= 0]
        if self.search.text():  # a filter hiding some would make "all" a lie
            self.search.clear()
            self._apply_filter()
        chosen = self.stays.select_ids(due)
        self.stays.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(f"Đã chọn {count_text(chosen)} người đã hết thời hạn quản lý.")
        return chosen

    def end_selected(self, *, ask: bool = True, reason: str = END_REASON) -> int:
        """End the selected stays, each on its due date, after confirmation; returns how many.

        ``ask`` is keyword-only so that a button's ``clicked(checked)`` never skips the
        question. A refusal (a stay not yet due …) is shown and nothing is ended.
        """
        chosen = self.stays.selected_alerts()
        if not chosen:
            self.status_message.emit("Chưa chọn người nào để thanh loại.")
            return 0
        if ask and not confirm(
            self, "Thanh loại do hết thời gian quản lý", _question(chosen, reason)
        ):
            return 0
        try:
            ended = self._services.deadlines.end_due_stays(
                [alert.record_id for alert in chosen], reason
            )
        except (ValidationError, NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không thanh loại được", error)
            return 0
        self.status_message.emit(
            f"Đã thanh loại {count_text(ended)} người khỏi diện quản lý, lý do “{reason}”."
        )
        return ended

    # --- opening -------------------------------------------------------------------------
    def _open(self, kind: str) -> None:
        {STAY: self._open_stay, DOSSIER: self._open_dossier, HOTSPOT: self._open_hotspot}[kind]()

    def _open_stay(self) -> None:
        alert = self.stays.current_alert()
        if alert is None or alert.person_id is None:
            return
        from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog

        try:
            dialog = PersonHistoryDialog(self._services, alert.person_id, self)
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, "Không mở được hồ sơ", error)
            self.refresh()
            return
        # Opened without a nested event loop; deleted when closed (it is the tab's child).
        dialog.finished.connect(dialog.deleteLater)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.person_dialog = dialog
        dialog.show()

    def _open_dossier(self) -> None:
        alert = self.dossiers.current_alert()
        if alert is not None:
            self.open_record_requested.emit(DOSSIER, alert.record_id)

    def _open_hotspot(self) -> None:
        alert = self.hotspots.current_alert()
        if alert is not None:
            self.open_record_requested.emit(HOTSPOT, alert.record_id)

    @staticmethod
    def _on_double_clicked(opener: Callable[[], None], index: QModelIndex) -> None:
        if index.isValid():
            opener()

    # --- internals -----------------------------------------------------------------------
    def _sub_area_header(self) -> str:
        office = self._services.office.office()
        return sub_area_header(office.sub_area_label if office is not None else "")

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        for section in self._sections.values():
            section.set_filter(self.search.text())
        self._update_buttons()

    def _refresh_clicked(self) -> None:
        self.refresh()
        self.status_message.emit("Đã tính lại các hạn.")

    def _end_clicked(self) -> None:
        self.end_selected()

    def _update_buttons(self) -> None:
        chosen = self.stays.selected_alerts()
        self.end_button.setEnabled(bool(chosen))
        self.open_stay_button.setEnabled(len(chosen) == 1)
        self.select_due_button.setEnabled(
            any(alert.days_left <= 0 for alert in self.stays.source.alerts())
        )
        self.open_dossier_button.setEnabled(self.dossiers.current_alert() is not None)
        self.open_hotspot_button.setEnabled(self.hotspots.current_alert() is not None)

    def _on_changed(self, changes: Changes) -> None:
        # Every registry feeds some deadline (persons, histories, dossiers, hotspots, rules):
        # any committed write may move one. Hidden, the tab only notes it and reads on show.
        del changes
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()


def _question(chosen: list[Alert], reason: str) -> str:
    lines = [f"• {alert.title} — ngày {format_day(alert.due)}" for alert in chosen[:NAMES_SHOWN]]
    if len(chosen) > NAMES_SHOWN:
        lines.append(f"… và {count_text(len(chosen) - NAMES_SHOWN)} người khác")
    return (
        f"Thanh loại {count_text(len(chosen))} người khỏi diện quản lý, lý do “{reason}”?\n"
        "Mỗi người được thanh loại vào đúng ngày hết thời hạn quản lý của mình:\n\n"
        + "\n".join(lines)
        + "\n\nThao tác được ghi vào nhật ký."
    )
