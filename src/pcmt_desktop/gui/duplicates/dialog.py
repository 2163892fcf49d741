"""The duplicates window (Đối tượng trùng lặp): probable twins side by side, and the merge.

The groups found across the registry are on the left. For the chosen group the officer
picks two of its persons (the first two at first); their identity fields stand side by
side, the differing ones highlighted, with how many records of each kind each one holds.
A merge keeps one side and moves the other's records onto it, after a question that
says exactly what moves and that only a backup can undo it. What would refuse the merge
(two periods of one kind overlapping) is shown before the officer asks for it.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.autobackup import AutoBackupError
from pcmt_desktop.domain.errors import NotFoundError, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.messages import confirm, show_refusal
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.duplicates import (
    LINKED_KINDS,
    DuplicateGroup,
    DuplicateMember,
    DuplicateService,
)
from pcmt_desktop.services.persons import PersonRecord
from pcmt_desktop.services.registry import Services

TITLE = "Đối tượng trùng lặp"
EMPTY = "—"
HINT = (
    "Các đối tượng cùng họ tên (không phân biệt dấu, chữ hoa), cùng năm sinh và cùng địa bàn. "
    "Chọn một nhóm, so sánh hai bên rồi gộp: mọi bản ghi của bên bị gộp được chuyển sang "
    "bên giữ lại."
)
UNDO_WARNING = (
    "Việc gộp không thể hoàn tác trong chương trình: chỉ có thể khôi phục lại bằng bản "
    "sao lưu dữ liệu trước khi gộp."
)
DIFFERENT_BACKGROUND = QColor("#fff2b3")
CONFLICT_STYLE = "color: #b00020;"

IdentityText = Callable[[PersonRecord], str]


def _birth_date(person: PersonRecord) -> str:
    return format_day(person.birth_date) if person.birth_date is not None else ""


IDENTITY_ROWS: tuple[tuple[str, IdentityText], ...] = (
    ("Mã đối tượng", lambda p: str(p.id)),
    ("Họ và tên", lambda p: p.full_name),
    ("Giới tính", lambda p: p.gender.label if p.gender is not None else ""),
    ("Năm sinh", lambda p: str(p.birth_year or "")),
    ("Ngày sinh", _birth_date),
    ("Số CCCD", lambda p: p.cccd or ""),
    ("Địa bàn", lambda p: p.sub_area_name),
    ("Thôn, xóm", lambda p: p.village),
    ("Nơi thường trú", lambda p: p.permanent_address),
    ("Nơi ở hiện tại", lambda p: p.current_address),
    ("Nghề nghiệp", lambda p: p.occupation),
    ("Ghi chú", lambda p: " ".join(p.notes.split())),
    ("Ngày nhập", lambda p: format_day(p.created_at.date())),
)
# Rows that always differ between two records: not a sign of a difference in the person.
NOT_COMPARED = frozenset({"Mã đối tượng", "Ngày nhập"})


def group_text(group: DuplicateGroup) -> str:
    where = f", {group.sub_area_name}" if group.sub_area_name else ""
    return f"{group.full_name} ({group.birth_year}{where}) — {len(group.members):02d} hồ sơ"


def member_text(member: DuplicateMember) -> str:
    person = member.person
    return f"Mã {person.id}: {person.full_name} — {member.total:02d} bản ghi"


class DuplicatesDialog(QDialog):
    """The window; the main window opens it from a menu (see the report for the wiring)."""

    merged = Signal(int, int)  # kept id, removed id

    def __init__(
        self,
        services: Services,
        signals: ChangeSignals | None = None,
        parent: QWidget | None = None,
        *,
        before_merge: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._service = DuplicateService(services.context)
        self._before_merge = before_merge
        self.groups: list[DuplicateGroup] = []
        self._build()
        self.refresh()
        self._follows_changes = signals is not None
        if signals is not None:
            signals.changed.connect(self._on_changed)
        self.resize(1100, 640)

    # --- building ------------------------------------------------------------------------
    def _build(self) -> None:
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        self.count_label = QLabel(self)
        self.group_list = QListWidget(self)
        self.group_list.setMinimumWidth(300)
        self.group_list.currentRowChanged.connect(self._show_group)

        self.left_combo = QComboBox(self)
        self.right_combo = QComboBox(self)
        for combo in (self.left_combo, self.right_combo):
            combo.currentIndexChanged.connect(self._show_pair)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["", "Bên trái", "Bên phải"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        rows = self.table.verticalHeader()
        rows.hide()
        # Compact rows: the two persons and all their counts fit without scrolling.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.conflicts_label = QLabel(self)
        self.conflicts_label.setWordWrap(True)
        self.conflicts_label.setStyleSheet(CONFLICT_STYLE)
        self.conflicts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts_label.hide()

        self.keep_left_button = QPushButton("Giữ bên trái, gộp bên phải vào", self)
        self.keep_right_button = QPushButton("Giữ bên phải, gộp bên trái vào", self)
        self.keep_left_button.clicked.connect(self.merge_into_left)
        self.keep_right_button.clicked.connect(self.merge_into_right)
        for button in (self.keep_left_button, self.keep_right_button):
            button.setAutoDefault(False)
            button.setToolTip(UNDO_WARNING)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self._build_layout(hint)

    def _build_layout(self, hint: QLabel) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.group_list, 1)

        pair = QGridLayout()
        pair.addWidget(QLabel("Bên trái:"), 0, 0)
        pair.addWidget(self.left_combo, 0, 1)
        pair.addWidget(QLabel("Bên phải:"), 0, 2)
        pair.addWidget(self.right_combo, 0, 3)
        pair.setColumnStretch(1, 1)
        pair.setColumnStretch(3, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.keep_left_button)
        actions.addWidget(self.keep_right_button)
        actions.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(pair)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.conflicts_label)
        right_layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(close)

    # --- public API ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Find the groups again, keeping the chosen group (by its first person) chosen."""
        chosen = self.current_group()
        try:
            self.groups = self._service.groups()
        except SQLAlchemyError as error:
            show_refusal(self, "Không tìm được đối tượng trùng lặp", error)
            return
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in self.groups:
            item = QListWidgetItem(group_text(group))
            item.setToolTip("\n".join(member_text(member) for member in group.members))
            self.group_list.addItem(item)
        self.group_list.blockSignals(False)
        count = len(self.groups)
        self.count_label.setText(
            f"{count:02d} nhóm có thể trùng" if count else "Không có đối tượng nào trùng lặp."
        )
        row = 0
        if chosen is not None:
            row = next(
                (
                    i
                    for i, g in enumerate(self.groups)
                    if set(g.person_ids) & set(chosen.person_ids)
                ),
                0,
            )
        if self.groups:
            self.group_list.setCurrentRow(row)
        self._show_group(self.group_list.currentRow())

    def current_group(self) -> DuplicateGroup | None:
        row = self.group_list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def select_group(self, row: int) -> None:
        self.group_list.setCurrentRow(row)

    def chosen_pair(self) -> tuple[DuplicateMember, DuplicateMember] | None:
        group = self.current_group()
        left, right = self.left_combo.currentIndex(), self.right_combo.currentIndex()
        if group is None or left < 0 or right < 0 or left == right:
            return None
        return group.members[left], group.members[right]

    def choose_pair(self, left_id: int, right_id: int) -> None:
        group = self.current_group()
        if group is None:
            return
        ids = list(group.person_ids)
        self.left_combo.setCurrentIndex(ids.index(left_id))
        self.right_combo.setCurrentIndex(ids.index(right_id))

    def merge_into_left(self, *, ask: bool = True) -> bool:
        pair = self.chosen_pair()
        return pair is not None and self.merge(pair[0].person.id, pair[1].person.id, ask=ask)

    def merge_into_right(self, *, ask: bool = True) -> bool:
        pair = self.chosen_pair()
        return pair is not None and self.merge(pair[1].person.id, pair[0].person.id, ask=ask)

    def merge(self, keep_id: int, remove_id: int, *, ask: bool = True) -> bool:
        """Merge after saying exactly what moves (unless ``ask`` is False). True if done."""
        try:
            plan = self._service.preview(keep_id, remove_id)
            if plan.conflicts:
                raise ValidationError.single("merge", "\n".join(plan.conflicts))
            question = f"{plan.describe()}\n\n{UNDO_WARNING}\n\nGộp hai đối tượng này?"
            if ask and not confirm(self, "Gộp đối tượng", question):
                return False
            result = self._service.merge(keep_id, remove_id, before_merge=self._before_merge)
        except AutoBackupError as error:  # the backup that makes a merge reversible
            message = f"{error} Chưa gộp hai đối tượng."
            self.status_label.setText(message)
            if ask:
                QMessageBox.warning(self, "Không gộp được", message)
            return False
        except (ValidationError, NotFoundError, SQLAlchemyError) as error:
            self._show_conflicts(str(error).splitlines())
            if ask:
                show_refusal(self, "Không gộp được", error)
            return False
        self.status_label.setText(result.describe())
        self.merged.emit(keep_id, remove_id)
        if not self._follows_changes:  # otherwise the change signal has refreshed already
            self.refresh()
        return True

    # --- showing -------------------------------------------------------------------------
    def _show_group(self, row: int) -> None:
        group = self.groups[row] if 0 <= row < len(self.groups) else None
        members = group.members if group is not None else ()
        for combo, index in ((self.left_combo, 0), (self.right_combo, 1)):
            combo.blockSignals(True)
            combo.clear()
            for member in members:
                combo.addItem(member_text(member), member.person.id)
            combo.setCurrentIndex(index if index < len(members) else -1)
            combo.blockSignals(False)
        self._show_pair()

    def _show_pair(self) -> None:
        pair = self.chosen_pair()
        self.keep_left_button.setEnabled(pair is not None)
        self.keep_right_button.setEnabled(pair is not None)
        if pair is None:
            self.table.setRowCount(0)
            self._show_conflicts([])
            return
        left, right = pair
        self.table.setHorizontalHeaderLabels(
            ["", f"Bên trái (mã {left.person.id})", f"Bên phải (mã {right.person.id})"]
        )
        rows: list[tuple[str, str, str, bool]] = []
        for label, text in IDENTITY_ROWS:
            a, b = text(left.person), text(right.person)
            rows.append((label, a or EMPTY, b or EMPTY, label not in NOT_COMPARED and a != b))
        for kind in LINKED_KINDS:
            a_count, b_count = left.count(kind.table), right.count(kind.table)
            rows.append((f"Số bản ghi — {kind.label}", str(a_count), str(b_count), False))
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for index, (label, a, b, differs) in enumerate(rows):
            for column, value in enumerate((label, a, b)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if differs:
                    item.setBackground(QBrush(DIFFERENT_BACKGROUND))
                    item.setFont(bold)
                    item.setToolTip(f"{value}\n(hai bên khác nhau)")
                self.table.setItem(index, column, item)
        try:
            conflicts = self._service.check_merge(left.person.id, right.person.id)
        except (ValidationError, NotFoundError, SQLAlchemyError) as error:
            conflicts = str(error).splitlines()
        self._show_conflicts(conflicts)

    def _show_conflicts(self, conflicts: list[str]) -> None:
        if not conflicts:
            self.conflicts_label.clear()
            self.conflicts_label.hide()
            return
        lines = "\n".join(f"• {text}" for text in conflicts)
        self.conflicts_label.setText(
            "Chưa gộp được — hãy sửa một bên trong hồ sơ đối tượng trước:\n" + lines
        )
        self.conflicts_label.show()

    def _on_changed(self, changes: Changes) -> None:
        # A case naming both persons refuses a merge: editing it may lift the refusal.
        if changes.entities & {Entity.PERSON, Entity.PERSON_HISTORY, "drug_case"}:
            self.refresh()
