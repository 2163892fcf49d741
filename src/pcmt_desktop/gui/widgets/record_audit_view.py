"""A record's history (nhật ký thay đổi): who did what and when, with before → after.

The one view every record dialog shows: a compact table of the entries, newest first,
and the chosen entry's details below it. What the details say comes from
``audit_text.AuditFormatter``, which knows every audited entity's fields.
"""

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.gui.widgets.audit_text import AuditFormatter, ReferenceNames
from pcmt_desktop.services.audit import AuditRecord
from pcmt_desktop.services.registry import Services

HEADERS = ("Thời điểm", "Người thực hiện", "Thao tác", "Nội dung")
HINT = "Mọi thao tác trên hồ sơ này, mới nhất ở trên. Chọn một dòng để xem chi tiết."
# The summary column gets what is left; the others never crowd it out.
MAX_COLUMN_WIDTH = 220


class ServiceNames:
    """Names read through the services, each once per refresh of the view."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._sub_areas: dict[int, str] | None = None
        self._persons: dict[int, str | None] = {}
        self._hotspots: dict[int, str | None] = {}

    def person(self, person_id: int) -> str | None:
        if person_id not in self._persons:
            try:
                self._persons[person_id] = self._services.persons.get(person_id).full_name
            except NotFoundError:  # deleted since: the id still says who it was
                self._persons[person_id] = None
        return self._persons[person_id]

    def sub_area(self, sub_area_id: int) -> str | None:
        if self._sub_areas is None:
            self._sub_areas = {area.id: area.name for area in self._services.office.sub_areas()}
        return self._sub_areas.get(sub_area_id)

    def hotspot(self, hotspot_id: int) -> str | None:
        if hotspot_id not in self._hotspots:
            try:
                self._hotspots[hotspot_id] = self._services.hotspots.get(hotspot_id).name
            except NotFoundError:
                self._hotspots[hotspot_id] = None
        return self._hotspots[hotspot_id]


def _time_text(at: datetime) -> str:
    return at.strftime("%d/%m/%Y %H:%M")


class AuditTable(QTableWidget):
    """The entries, one compact line each; a row's full details in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(list(HEADERS))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        # One line a row, however long the summary: the details pane holds the rest.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.records: list[AuditRecord] = []
        self._details: list[str] = []

    def show_records(self, records: Sequence[AuditRecord], formatter: AuditFormatter) -> None:
        self.records = list(records)
        self._details = [formatter.details(record) for record in self.records]
        self.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            cells = (_time_text(record.at), record.user_name, record.action_label, record.summary)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(self._details[row] if column == len(cells) - 1 else text)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        for column in range(self.columnCount() - 1):
            self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN_WIDTH))

    def details_at(self, row: int) -> str:
        """The entry's headline and its fields, before → after."""
        return self._details[row]

    def selected_row(self) -> int | None:
        rows = {index.row() for index in self.selectionModel().selectedRows()}
        return rows.pop() if len(rows) == 1 else None


class RecordAuditView(QWidget):
    """The table of a record's audit entries (newest first) and the chosen entry's details.

    The view opens on the newest entry's details; after a reload it keeps the entry the
    officer had chosen, if it is still there.
    """

    def __init__(
        self,
        services: Services | None = None,
        parent: QWidget | None = None,
        *,
        action_in_headline: bool = True,
        hint: str = HINT,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.formatter = AuditFormatter(action_in_headline=action_in_headline)
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.table = AuditTable(self)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Chi tiết của dòng đang chọn")
        self.details.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        self.table.itemSelectionChanged.connect(self._show_details)

    @property
    def records(self) -> list[AuditRecord]:
        return self.table.records

    def set_records(
        self, records: Sequence[AuditRecord], names: ReferenceNames | None = None
    ) -> None:
        """Show ``records``; ids are named through ``names`` (or the view's services)."""
        if names is not None:
            self.formatter.names = names
        elif self._services is not None:
            # Read again on every reload: a person or a hotspot may have been renamed.
            self.formatter.names = ServiceNames(self._services)
        chosen = self.table.selected_row()
        kept = None if chosen is None else _identity(self.table.records[chosen])
        self.table.show_records(records, self.formatter)
        identities = [_identity(record) for record in self.table.records]
        row = identities.index(kept) if kept in identities else 0
        self.table.clearSelection()
        if self.table.records:
            self.table.selectRow(row)
        # Said outright: selecting the row that was already selected emits nothing.
        self._show_details()

    def details_of(self, row: int) -> str:
        return self.table.details_at(row)

    def _show_details(self) -> None:
        row = self.table.selected_row()
        if row is None:
            self.details.clear()
            return
        self.details.setPlainText(self.details_of(row))


def _identity(record: AuditRecord) -> tuple[object, ...]:
    return (record.at, record.entity, record.entity_id, record.action, record.summary)
