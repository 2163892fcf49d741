"""Today's work as a tree: one branch per kind of work, each item opening its record.

A branch shows its count in its title and at most ``ITEMS_SHOWN`` items: past that the
officer works from the registry tab ("Đến hạn" for the deadlines), which sorts and filters.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from pcmt_desktop.domain.number_text import format_count
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.widgets.keyed_table_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from pcmt_desktop.overview.work import TodayWork, WorkGroup, WorkItem

ITEMS_SHOWN = 50
COLUMNS = 4
TITLE_MAX_PX = 220
OVERDUE_TEXT = QColor("#8a1c00")  # a heading with overdue items: dark red, readable on white
SOON_DAYS = 7
ITEM_ROLE = Qt.ItemDataRole.UserRole
MORE_ROLE = Qt.ItemDataRole.UserRole + 1  # the "… và N mục khác" line: its items' kind


def due_text(item: WorkItem) -> str:
    """How far the due day is, in the few characters a narrow column has (the day itself is
    in the tooltip)."""
    if item.days_left is None:
        return ""
    if item.days_left < 0:
        return f"quá {format_count(-item.days_left)} ngày"
    if item.days_left == 0:
        return "hôm nay"
    return f"còn {format_count(item.days_left)} ngày"


class WorkTree(QTreeWidget):
    """``item_activated`` when an item is double-clicked or Enter is pressed on it;
    ``more_requested`` with the items' kind when a group's "… và N mục khác" line is."""

    item_activated = Signal(object)  # WorkItem
    more_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(COLUMNS)
        self.setHeaderLabels(["Đối tượng, hồ sơ", "Việc", "Hạn", "Địa bàn"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        # The names in full (sized in show_work: a group's spanned title must not widen the
        # column); what is to be done takes the rest (the tooltip has it whole).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._activated)
        self.show_message("Đang tính…")

    def show_message(self, text: str) -> None:
        self.clear()
        line = QTreeWidgetItem([text])
        line.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.addTopLevelItem(line)

    def show_work(self, work: TodayWork) -> None:
        self.clear()
        for group in work.groups:
            branch = self._branch(group)
            self.addTopLevelItem(branch)
            # Spanning takes effect only on items already in the tree.
            branch.setFirstColumnSpanned(True)
            for index in range(branch.childCount()):
                child = branch.child(index)
                if child is not None and not isinstance(child.data(0, ITEM_ROLE), WorkItem):
                    child.setFirstColumnSpanned(True)
        first = self._first_item()
        if first is not None:
            self.setCurrentItem(first)
        titles = [item.title for group in work.groups for item in group.items[:ITEMS_SHOWN]]
        widest = max((self.fontMetrics().horizontalAdvance(title) for title in titles), default=0)
        self.setColumnWidth(0, min(widest + 2 * self.indentation() + 12, TITLE_MAX_PX))

    def current_work_item(self) -> WorkItem | None:
        current = self.currentItem()
        value = current.data(0, ITEM_ROLE) if current is not None else None
        return value if isinstance(value, WorkItem) else None

    def _branch(self, group: WorkGroup) -> QTreeWidgetItem:
        branch = QTreeWidgetItem([f"{group.label} — {format_count(group.count)}"])
        font = QFont(branch.font(0))
        font.setBold(True)
        branch.setFont(0, font)
        first_due = group.items[0].days_left if group.items else None
        if first_due is not None and first_due < 0:
            branch.setForeground(0, QBrush(OVERDUE_TEXT))
        if group.note:  # which phase the targets are of, or why there is nothing
            note = QTreeWidgetItem([group.note])
            note.setFlags(Qt.ItemFlag.ItemIsEnabled)
            note.setForeground(0, QBrush(Qt.GlobalColor.darkGray))
            branch.addChild(note)
        for item in group.items[:ITEMS_SHOWN]:
            branch.addChild(self._leaf(item))
        hidden = group.count - min(len(group.items), ITEMS_SHOWN)
        if hidden > 0:
            more = QTreeWidgetItem([f"… và {format_count(hidden)} mục khác — xem tất cả"])
            more.setData(0, MORE_ROLE, group.items[0].kind)
            branch.addChild(more)
        branch.setExpanded(group.count > 0 or bool(group.note))
        return branch

    @staticmethod
    def _leaf(item: WorkItem) -> QTreeWidgetItem:
        leaf = QTreeWidgetItem([item.title, item.what, due_text(item), item.sub_area_name])
        leaf.setData(0, ITEM_ROLE, item)
        due = f"\nHạn: {format_day(item.due)}" if item.due is not None else ""
        tip = f"{item.title}\n{item.what}{due}\nBấm đúp hoặc Enter để mở hồ sơ."
        for column in range(COLUMNS):
            leaf.setToolTip(column, tip)
        if item.days_left is not None:
            colour = (
                OVERDUE_COLOUR
                if item.days_left < 0
                else DUE_SOON_COLOUR
                if item.days_left <= SOON_DAYS
                else None
            )
            if colour is not None:
                for column in range(COLUMNS):
                    leaf.setBackground(column, QBrush(colour))
        return leaf

    def _first_item(self) -> QTreeWidgetItem | None:
        for index in range(self.topLevelItemCount()):
            branch = self.topLevelItem(index)
            if branch is not None and branch.childCount():
                return branch.child(0)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(0, ITEM_ROLE)
        if isinstance(value, WorkItem):
            self.item_activated.emit(value)
            return
        kind = item.data(0, MORE_ROLE)
        if isinstance(kind, str):
            self.more_requested.emit(kind)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter opens on every platform (itemActivated follows the platform's own key).
        current = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self._activated(current, 0)
            return
        super().keyPressEvent(event)
