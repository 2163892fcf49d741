"""What every registry tab over a ``KeyedTableModel`` does the same way.

A tab keeps its own filters, columns, buttons and dialogs; the base owns the rest: the
search box that waits for a pause in typing, re-querying (and saying so when the
database refuses), keeping the selected record selected across a re-query, selecting a
record by id (clearing the filters that hide it), deleting with a question and a
refusal, Enter/Delete/double-click, and refreshing when a committed write touches what
the tab shows. The module-level helpers serve the tabs that are not list tabs too.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.auth.permissions import Permission, PermissionDeniedError
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.gui.widgets.keyed_table_model import KeyedTableModel
from pcmt_desktop.gui.widgets.registry_table import (
    NOT_SORTABLE_MESSAGE,
    bind_table_keys,
    keep_sort_indicator_true,
    select_row,
    selected_id,
    sort_order,
)
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.registry import Services

SEARCH_DELAY_MS = 150
DialogT = TypeVar("DialogT", bound=QDialog)


@dataclass(frozen=True)
class Deletion:
    """The words around deleting one record: the question, the refusal, the status line."""

    title: str
    question: str
    refusal: str
    done: str


def delete_after_asking(
    parent: QWidget, deletion: Deletion, delete: Callable[[], object], *, ask: bool
) -> bool:
    """Ask (unless ``ask`` is False), then ``delete``; a refusal is shown. True if deleted."""
    if ask and not confirm(parent, deletion.title, deletion.question):
        return False
    try:
        delete()
    except (ValidationError, NotFoundError, PermissionDeniedError, SQLAlchemyError) as error:
        show_refusal(parent, deletion.refusal, error)
        return False
    return True


def run_modal(dialog: QDialog) -> bool:
    """Run ``dialog`` to its end (application-modal); True if it was accepted."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    # A child of the tab: it would otherwise live as long as the tab.
    dialog.deleteLater()
    return accepted


def show_window_modal(dialog: QDialog) -> None:
    """Open ``dialog`` window-modal without blocking; it deletes itself once closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


@contextmanager
def signals_blocked(*objects: QObject) -> Iterator[None]:
    """Set filter widgets without each change running a query of its own."""
    for item in objects:
        item.blockSignals(True)
    try:
        yield
    finally:
        for item in objects:
            item.blockSignals(False)


def fill_sub_area_combo(
    combo: QComboBox, areas: Iterable[tuple[int, str]], everything: str = "Tất cả"
) -> None:
    """Refill the sub-area filter (id as item data), keeping the chosen one if it remains."""
    chosen = combo.currentData()
    with signals_blocked(combo):
        combo.clear()
        combo.addItem(everything, None)
        for area_id, name in areas:
            combo.addItem(name, area_id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))


class RegistryTabBase(QWidget):
    """A registry tab: search and filters over one ``KeyedTableModel``, and its actions.

    A subclass builds its widgets, including ``search`` (``_make_search``),
    ``count_label`` and ``empty_label`` (``_make_count_labels``), ``model`` and
    ``table``, then calls ``_connect_table``; it implements ``current_criteria``,
    ``_reset_filters``, ``_show_count``, ``_deletion`` and ``_delete_record``. The
    main window's menus call the public methods.

    Not generic on purpose: tabs over different rows would then have no common type
    but ``object``, and the main window could not hold two of them in one mapping. Each
    tab declares its ``model`` with its own row and criteria types instead.
    """

    status_message = Signal(str)

    # Set by each tab, in the officer's words.
    load_refusal: ClassVar[str] = "Không tải được danh sách"
    not_found_message: ClassVar[str] = "Không tìm thấy bản ghi mã {record_id}."
    all_sub_areas_text: ClassVar[str] = "Tất cả"
    # A committed write to any of these re-runs the tab's query.
    watched: ClassVar[frozenset[str]] = frozenset()

    model: KeyedTableModel[Any, Any]
    table: QTableView
    search: QLineEdit
    sub_area_combo: QComboBox
    count_label: QLabel
    empty_label: QLabel

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._kept_id: int | None = None  # selected before a model reset
        # Enabled only while a record is selected.
        self._selection_buttons: tuple[QWidget, ...] = ()

    # --- building ------------------------------------------------------------------------
    def _make_search(
        self, placeholder: str, minimum_width: int, parent: QWidget | None = None
    ) -> QLineEdit:
        """The search box; typing re-queries after a short pause, Enter at once."""
        search = QLineEdit(parent)
        search.setPlaceholderText(placeholder)
        search.setToolTip(placeholder)  # the placeholder is cut on narrow windows
        search.setClearButtonEnabled(True)
        search.setMinimumWidth(minimum_width)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        search.textChanged.connect(self._apply_filter_soon)
        search.returnPressed.connect(self._apply_filter)
        return search

    def _make_count_labels(self, parent: QWidget | None = None) -> None:
        self.count_label = QLabel(parent)
        self.empty_label = QLabel(parent)
        self.empty_label.setStyleSheet("color: palette(dark); padding: 6px;")
        self.empty_label.hide()

    def _lay_out(
        self,
        filter_rows: Sequence[QLayout],
        buttons: Sequence[QWidget],
        notes: Sequence[QWidget] = (),
    ) -> None:
        """Filter rows; the buttons with the count at the right; ``notes`` (figures of
        what is shown); the empty-list hint; the table, taking the height left over."""
        actions = QHBoxLayout()
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        for row in filter_rows:
            layout.addLayout(row)
        layout.addLayout(actions)
        for note in notes:
            layout.addWidget(note)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def _connect_table(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.table.doubleClicked.connect(self._on_double_clicked)
        # The Delete key is not offered to a role that may not change records.
        may_edit = self._services.context.actor.may(Permission.RECORDS_EDIT)
        bind_table_keys(self.table, self.open_selected, self.delete_selected if may_edit else None)
        # A click on a column without a sort key keeps the order: the arrow must say so.
        keep_sort_indicator_true(
            self.table,
            lambda: (self.model.sort_column(), sort_order(self.model.criteria.descending)),
            lambda: self.status_message.emit(NOT_SORTABLE_MESSAGE),
        )

    # --- what each tab says and does ---------------------------------------------------
    def current_criteria(self) -> Any:
        """The criteria the filter widgets show, in the model's current order."""
        raise NotImplementedError

    def _reset_filters(self) -> None:
        """Show every record: the filters back to "all", without querying."""
        raise NotImplementedError

    def _show_count(self) -> None:
        """The count line and the empty-list hint, after every query."""
        raise NotImplementedError

    def _deletion(self, record_id: int, record: Any) -> Deletion:
        """The words for deleting ``record`` (None: not in the rows fetched)."""
        raise NotImplementedError

    def _delete_record(self, record_id: int) -> None:
        raise NotImplementedError

    def open_selected(self) -> object:
        raise NotImplementedError

    # --- public API: the main window's menus -------------------------------------------
    def selected_record_id(self) -> int | None:
        return selected_id(self.table)

    def delete_selected(self, *, ask: bool = True) -> None:
        """Delete the selected record after confirmation (keyword-only ``ask``: a QAction's
        ``triggered(checked)`` can never skip the question)."""
        record_id = self.selected_record_id()
        if record_id is None:
            return
        row = self.model.row_of(record_id)
        record = self.model.record_at(row) if row is not None else None
        deletion = self._deletion(record_id, record)
        deleted = delete_after_asking(
            self, deletion, lambda: self._delete_record(record_id), ask=ask
        )
        if not deleted:
            return
        # The change signal has refreshed the table; select the row that took its place.
        if row is not None and self.model.total():
            self._select_row(min(row, self.model.total() - 1))
        self.status_message.emit(deletion.done)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_record(self, record_id: int) -> bool:
        """Select and show ``record_id``, clearing the filters that hide it."""
        row = self.model.row_of(record_id)
        if row is None:
            self._clear_filters()
            row = self.model.row_of(record_id)
        if row is None:
            self.status_message.emit(self.not_found_message.format(record_id=record_id))
            return False
        self._select_row(row)
        return True

    # --- querying ------------------------------------------------------------------------
    def _apply_filter_soon(self) -> None:
        """Restart the pause: the query runs once the officer stops typing for a moment."""
        self._search_timer.start()

    def _apply_filter(self, *, force: bool = False) -> None:
        self._search_timer.stop()
        criteria = self.current_criteria()
        if criteria == self.model.criteria and not force:
            return
        try:
            self.model.set_criteria(criteria)
        except SQLAlchemyError as error:  # the model keeps the last list
            show_refusal(self, self.load_refusal, error)

    def _refresh(self) -> None:
        try:
            self.model.refresh()
        except SQLAlchemyError as error:
            show_refusal(self, self.load_refusal, error)

    def _clear_filters(self) -> None:
        self._reset_filters()
        self._apply_filter()

    def _build_dialog(self, build: Callable[[], DialogT], refusal: str) -> DialogT | None:
        """``build()`` a record's dialog; if the record is gone, say so and re-query."""
        try:
            return build()
        except (NotFoundError, SQLAlchemyError) as error:
            show_refusal(self, refusal, error)
            self._refresh()
            return None

    # --- selection -----------------------------------------------------------------------
    def _remember_selection(self) -> None:
        self._kept_id = self.selected_record_id()

    def _after_reset(self) -> None:
        """After any new query (filter, sort, refresh): count, and the same record selected."""
        self._show_count()
        kept, self._kept_id = self._kept_id, None
        row = self.model.row_of(kept) if kept is not None else None
        if row is not None:
            self._select_row(row, scroll=False)
        self._update_buttons()

    def _select_row(self, row: int, *, scroll: bool = True) -> None:
        select_row(self.table, row, scroll=scroll)

    def _update_buttons(self) -> None:
        chosen = self.selected_record_id() is not None
        for button in self._selection_buttons:
            button.setEnabled(chosen)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._select_row(index.row(), scroll=False)
            self.open_selected()

    # --- changes from elsewhere ----------------------------------------------------------
    def _on_changed(self, changes: Changes) -> None:
        areas = changes.touches(Entity.SUB_AREA) or changes.touches(Entity.OFFICE)
        if areas and self._sub_areas_changed():
            return
        if changes.entities & self.watched:
            self._refresh()

    def _sub_areas_changed(self) -> bool:
        """The office's sub-areas or their label changed; True if this re-queried."""
        self._fill_sub_areas()
        self._refresh()
        return True

    def _fill_sub_areas(self) -> None:
        areas = ((area.id, area.name) for area in self._services.office.sub_areas())
        fill_sub_area_combo(self.sub_area_combo, areas, self.all_sub_areas_text)
