"""The figures preview: one sub-tab per part of the báo cáo, each a column of tables.

The officer checks here what the báo cáo will say before rendering it. The figures are
shown as computed (the same object the Word document and the annex are rendered from);
only the key-route ticks of the area classification can be changed from here. The level
above reuses the view with a page of its own in front ("Theo đơn vị") and no ticks: the
offices' data it shows is theirs, read-only.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from pcmt_desktop.gui.reports.area_classes_view import AreaClassesView
from pcmt_desktop.gui.reports.figure_pages import AREA_CLASSES_TITLE, figure_pages
from pcmt_desktop.gui.reports.figure_table import FigurePage
from pcmt_desktop.gui.reports.table_widget import FigureTableWidget

PageBuilder = Callable[[Mapping[str, Any]], FigurePage]

WAITING_TEXT = (
    "Chưa tính số liệu. Chọn mẫu và kỳ báo cáo rồi bấm “Xem số liệu” (F5): "
    "số liệu hiện ở đây theo từng phần của báo cáo, đúng như sẽ in ra."
)


def page_widget(page: FigurePage, parent: QWidget | None = None) -> QScrollArea:
    """A page's tables one under another, each under its bold title, in a scroll area."""
    body = QWidget()
    layout = QVBoxLayout(body)
    if page.note:
        note = QLabel(page.note, body)
        note.setWordWrap(True)
        layout.addWidget(note)
    for spec in page.tables:
        caption = QLabel(f"<b>{spec.title}</b>", body)
        caption.setTextFormat(Qt.TextFormat.RichText)
        caption.setWordWrap(True)
        table = FigureTableWidget(spec, body)
        caption.setBuddy(table)
        layout.addWidget(caption)
        layout.addWidget(table, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
    layout.addStretch(1)
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setWidget(body)
    scroll.setObjectName(page.key)
    return scroll


class FiguresView(QWidget):
    """Sub-tabs of figure tables; ``key_route_changed(sub-area name, ticked)`` from the ticks."""

    key_route_changed = Signal(str, bool)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        first_pages: Sequence[PageBuilder] = (),
        level_above: bool = False,
    ) -> None:
        """``first_pages`` come before the báo cáo's own pages; ``level_above``: the areas
        classified are the offices of the level above, whose key routes are not ticked here."""
        super().__init__(parent)
        self._first_pages = tuple(first_pages)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.hide()
        self.placeholder = QLabel(WAITING_TEXT, self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.placeholder.setMargin(8)
        self.pages = QTabWidget(self)
        self.pages.setUsesScrollButtons(True)
        self.pages.setDocumentMode(True)
        # Without a parent until it becomes a page: a parentless child would float on top.
        self.area_classes = AreaClassesView(level_above=level_above)
        self.area_classes.key_route_changed.connect(self.key_route_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.pages, 1)
        self.pages.hide()
        self._figures: Mapping[str, Any] | None = None

    def figures(self) -> Mapping[str, Any] | None:
        return self._figures

    def show_figures(self, figures: Mapping[str, Any], description: str) -> None:
        """Show ``figures``; the page the officer was on stays open."""
        current = self.pages.currentIndex()
        self._figures = figures
        while self.pages.count():
            widget = self.pages.widget(0)
            self.pages.removeTab(0)
            if widget is not None and widget is not self.area_classes:
                widget.deleteLater()
        pages = [build(figures) for build in self._first_pages] + figure_pages(figures)
        for page in pages:
            self.pages.addTab(page_widget(page), page.title)
        self.area_classes.show_figures(figures)
        self.pages.addTab(self.area_classes, AREA_CLASSES_TITLE)
        self.pages.setCurrentIndex(max(current, 0))
        self.status.setText(description)
        self.status.show()
        self.placeholder.hide()
        self.pages.show()

    def mark_stale(self, why: str) -> None:
        """The shown figures no longer match the chosen period (or the registries)."""
        if self._figures is not None:
            self.status.setText(f"<span style='color:#9a5b00;'><b>{why}</b></span>")

    def clear(self) -> None:
        self._figures = None
        self.status.hide()
        self.pages.hide()
        self.placeholder.show()

    def page_titles(self) -> list[str]:
        return [self.pages.tabText(index) for index in range(self.pages.count())]

    def tables(self, title: str) -> list[FigureTableWidget]:
        """The tables of the page called ``title`` (for whoever drives the view)."""
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if page is not None and self.pages.tabText(index) == title:
                return page.findChildren(FigureTableWidget)
        raise KeyError(title)

    def table(self, page: str, title: str) -> FigureTableWidget:
        for table in self.tables(page):
            if table.spec.title == title:
                return table
        raise KeyError(f"{page} / {title}")
