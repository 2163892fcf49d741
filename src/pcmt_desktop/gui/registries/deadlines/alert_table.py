"""One section of the deadlines tab: a titled table of alerts, overdue in red, soon in amber.

The alerts of a kind are few (hundreds at most), read in one call; ``AlertSource`` serves
them to the shared ``KeyedTableModel`` filtered and sorted in memory, so that the three
sections look and behave like every registry table.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.text import fold
from pcmt_desktop.gui.widgets.keyed_table_model import (
    DUE_SOON_COLOUR,
    OVERDUE_COLOUR,
    ColumnSpec,
    KeyedTableModel,
)
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.criteria import SortedCriteria

# "Soon": due within a week (amber); later ones in the list are shown uncoloured.
SOON_DAYS = 7
SORT_DUE, SORT_TITLE, SORT_SUB_AREA = "due", "title", "sub_area"


def count_text(count: int) -> str:
    """Counts as the báo cáo writes them: a leading zero under 10 ("03"), "." for thousands."""
    return f"{count:02d}" if count < 10 else f"{count:,}".replace(",", ".")


def state_text(alert: Alert) -> str:
    if alert.days_left < 0:
        return f"Quá hạn {count_text(-alert.days_left)} ngày"
    if alert.days_left == 0:
        return "Đến hạn hôm nay"
    return f"Còn {count_text(alert.days_left)} ngày"


def highlight(alert: Alert) -> QColor | None:
    if alert.overdue:
        return OVERDUE_COLOUR
    return DUE_SOON_COLOUR if alert.days_left <= SOON_DAYS else None


@dataclass(frozen=True)
class AlertCriteria(SortedCriteria):
    """Typed words to find in the title or the sub-area (accents and case ignored)."""

    text: str = ""


class AlertSource:
    """The alerts of one section, by record id, for ``KeyedTableModel``."""

    def __init__(self) -> None:
        self._alerts: dict[int, Alert] = {}
        # Folded once per reading: filtering and sorting then never fold again.
        self._folded: dict[int, tuple[str, str]] = {}

    def set_alerts(self, alerts: list[Alert]) -> None:
        self._alerts = {alert.record_id: alert for alert in alerts}
        self._folded = {
            alert.record_id: (fold(alert.title), fold(alert.sub_area_name)) for alert in alerts
        }

    def alerts(self) -> list[Alert]:
        return list(self._alerts.values())

    def ordered_ids(self, criteria: AlertCriteria) -> list[int]:
        words = fold(criteria.text).split()
        folded = self._folded
        shown = [
            record_id
            for record_id in self._alerts
            if all(word in f"{folded[record_id][0]} {folded[record_id][1]}" for word in words)
        ]
        # Stable sorts: the chosen key first, ties by name then id.
        shown.sort(key=lambda record_id: (folded[record_id][0], record_id))
        if criteria.sort == SORT_SUB_AREA:
            shown.sort(key=lambda record_id: folded[record_id][1], reverse=criteria.descending)
        elif criteria.sort == SORT_TITLE:
            shown.sort(key=lambda record_id: folded[record_id][0], reverse=criteria.descending)
        else:
            shown.sort(
                key=lambda record_id: self._alerts[record_id].due, reverse=criteria.descending
            )
        return shown

    def rows(self, ids: list[int], criteria: AlertCriteria) -> Mapping[int, Alert]:
        return {
            record_id: self._alerts[record_id] for record_id in ids if record_id in self._alerts
        }


def alert_columns(title_header: str, what_header: str, sub_area: str) -> list[ColumnSpec[Alert]]:
    return [
        ColumnSpec(title_header, lambda alert: alert.title, SORT_TITLE),
        ColumnSpec(sub_area, lambda alert: alert.sub_area_name, SORT_SUB_AREA),
        ColumnSpec(what_header, lambda alert: alert.what, tooltip=lambda alert: alert.what),
        ColumnSpec("Hạn", lambda alert: format_day(alert.due), SORT_DUE),
        ColumnSpec("Tình trạng", state_text, SORT_DUE, numeric=True),
    ]


class AlertSection(QGroupBox):
    """A titled table of one kind of alert; the title carries the counts."""

    def __init__(
        self,
        heading: str,
        columns: list[ColumnSpec[Alert]],
        empty_text: str,
        parent: QWidget | None = None,
        *,
        multi_select: bool = False,
    ) -> None:
        super().__init__(parent)
        self._heading = heading
        self.source = AlertSource()
        self.model: KeyedTableModel[Alert, AlertCriteria] = KeyedTableModel(
            self.source, columns, AlertCriteria(sort=SORT_DUE), self, highlight=highlight
        )
        self.table = QTableView(self)
        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setStyleSheet("color: palette(dark); padding: 4px;")
        self.button_row = QHBoxLayout()
        self._build_table(multi_select)
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        self._show_counts()

    def _build_table(self, multi_select: bool) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        character = table.fontMetrics().horizontalAdvance("n")
        for column, chars in enumerate((24, 16, 0, 11, 15)):
            if chars:
                header.resizeSection(column, chars * character + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)

    def on_enter(self, slot: Callable[[], None]) -> None:
        """Run ``slot`` on Enter in the table (the key is the table's own, not the window's)."""
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            opener = QShortcut(QKeySequence(key), self.table)
            opener.setContext(Qt.ShortcutContext.WidgetShortcut)
            opener.activated.connect(slot)

    # --- content -------------------------------------------------------------------------
    def set_alerts(self, alerts: list[Alert]) -> None:
        self.source.set_alerts(alerts)
        self.model.refresh()
        self._show_counts()

    def set_filter(self, text: str) -> None:
        if text != self.model.criteria.text:
            self.model.set_criteria(
                AlertCriteria(self.model.criteria.sort, self.model.criteria.descending, text)
            )
            self._show_counts()

    def _show_counts(self) -> None:
        alerts = self.source.alerts()
        overdue = sum(1 for alert in alerts if alert.overdue)
        title = f"{self._heading}: {count_text(len(alerts))}"
        if overdue:
            title += f" (quá hạn {count_text(overdue)})"
        shown = self.model.total()
        if shown != len(alerts):
            title += f" — đang hiện {count_text(shown)}"
        self.setTitle(title)
        self.empty_label.setVisible(not alerts)
        self.table.setVisible(bool(alerts))

    def count(self) -> int:
        return len(self.source.alerts())

    # --- selection -----------------------------------------------------------------------
    def selected_alerts(self) -> list[Alert]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        found = (self.model.record_at(row) for row in rows)
        return [alert for alert in found if alert is not None]

    def current_alert(self) -> Alert | None:
        index = self.table.currentIndex()
        chosen = self.selected_alerts()
        if index.isValid() and (alert := self.model.record_at(index.row())) in chosen:
            return alert
        return chosen[0] if chosen else None

    def select_ids(self, record_ids: list[int]) -> int:
        """Select the rows of ``record_ids`` (others unselected); returns how many."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        rows = [
            row for record_id in record_ids if (row := self.model.row_of(record_id)) is not None
        ]
        for row in rows:
            selection.select(
                self.model.index(row, 0),
                selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
            )
        if rows:
            self.table.scrollTo(self.model.index(rows[0], 0))
            selection.setCurrentIndex(
                self.model.index(rows[0], 0), selection.SelectionFlag.NoUpdate
            )
        return len(rows)
