"""The dialog that adds a person or edits one's identity.

Nothing is written while a field is wrong: every problem is shown under its field and the
officer's input stays as typed. A probable duplicate (same CCCD, or same name + birth year
+ sub-area) is shown inside the dialog before saving, because the seeds show that the same
human entered twice is a real defect of hand-kept registries.
"""

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.rules import check_birth, check_cccd
from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.widgets.date_field import BirthEdit, BirthParseError
from pcmt_desktop.gui.widgets.field_form import FieldForm
from pcmt_desktop.services.persons import DuplicateCandidate, PersonInput, normalise_input
from pcmt_desktop.services.registry import Services

# Duplicates are rare; more than this many means the officer should search instead.
MAX_CANDIDATES_SHOWN = 5
NO_CHOICE = "—"


def sub_area_field_label(services: Services) -> str:
    """What the office calls its sub-areas, capitalised ("Thôn, tổ dân phố")."""
    office = services.office.office()
    label = office.sub_area_label.strip() if office is not None else ""
    if not label:
        return "Địa bàn"
    return label[:1].upper() + label[1:]


def describe_candidate(candidate: DuplicateCandidate) -> str:
    """One line for the duplicate panel: name, birth year, sub-area, CCCD, why."""
    person = candidate.person
    parts = [
        f"<b>{_escape(person.full_name)}</b>",
        f"sinh năm {person.birth_year}" if person.birth_year else "chưa rõ năm sinh",
        _escape(person.sub_area_name) if person.sub_area_name else "chưa rõ địa bàn",
        f"CCCD {person.cccd}" if person.cccd else "chưa có CCCD",
    ]
    return (
        " — ".join(parts) + f'<br><span style="color:#8a5300;">{_escape(candidate.reason)}</span>'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DuplicatePanel(QFrame):
    """The warning shown inside the form when the person is probably already registered."""

    open_person_requested = Signal(int)
    save_anyway_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePanel")
        self.setStyleSheet(
            "#duplicatePanel { background: #fff6d6; border: 1px solid #e0b000;"
            " border-radius: 4px; }"
        )
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.title)
        self._rows = QVBoxLayout()
        layout.addLayout(self._rows)
        hint = QLabel(
            "Nếu đây đúng là một người khác, bấm “Vẫn lưu”. "
            "Nếu là cùng một người, hãy mở hồ sơ đã có thay vì nhập lại.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_anyway_button = QPushButton("Vẫn lưu", self)
        self.back_button = QPushButton("Quay lại sửa", self)
        # Only a deliberate click saves a probable duplicate, never a stray Enter.
        for button in (self.save_anyway_button, self.back_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.save_anyway_button.clicked.connect(self.save_anyway_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.open_buttons: dict[int, QPushButton] = {}

    def show_candidates(self, candidates: list[DuplicateCandidate]) -> None:
        while (item := self._rows.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.open_buttons = {}
        count = len(candidates)
        self.title.setText(
            "Có thể đối tượng này đã có trong sổ:"
            if count == 1
            else f"Có thể đối tượng này đã có trong sổ ({count} người giống):"
        )
        for candidate in candidates[:MAX_CANDIDATES_SHOWN]:
            self._rows.addWidget(self._candidate_row(candidate))
        if count > MAX_CANDIDATES_SHOWN:
            more = QLabel(f"… và {count - MAX_CANDIDATES_SHOWN} người khác.", self)
            self._rows.addWidget(more)
        self.show()

    def _candidate_row(self, candidate: DuplicateCandidate) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QLabel(describe_candidate(candidate), row)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        layout.addWidget(text, 1)
        button = QPushButton("Mở hồ sơ", row)
        button.setAutoDefault(False)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setFlat(True)
        button.setStyleSheet("color: palette(link); text-decoration: underline;")
        person_id = candidate.person.id
        button.clicked.connect(lambda: self.open_person_requested.emit(person_id))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.open_buttons[person_id] = button
        return row


class PersonFormDialog(QDialog):
    """Add a person (``person_id`` None) or edit one; sets ``saved_person_id`` on success."""

    open_person_requested = Signal(int)

    def __init__(
        self, services: Services, person_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._person_id = person_id
        self.saved_person_id: int | None = None
        self._build_fields()
        self.duplicate_panel = DuplicatePanel(self)
        self.duplicate_panel.hide()
        self.duplicate_panel.open_person_requested.connect(self._on_open_person)
        self.duplicate_panel.save_anyway_requested.connect(self._on_save_anyway)
        self.duplicate_panel.back_requested.connect(self._on_back)
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.duplicate_panel)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._set_tab_order()

        if person_id is None:
            self.setWindowTitle("Thêm đối tượng")
        else:
            self._load(person_id)
        self._connect_live_checks()
        self.setMinimumWidth(560)
        self.full_name.setFocus()

    # --- building ------------------------------------------------------------------------
    def prefill_name(self, name: str) -> None:
        """Start a new person with the name already typed elsewhere (e.g. a search box)."""
        self.full_name.setText(name)

    def _build_fields(self) -> None:
        services = self._services
        self.form = FieldForm(self)
        self.full_name = QLineEdit(self)
        self.full_name.setMaxLength(200)
        self.gender = QComboBox(self)
        self.gender.addItem(NO_CHOICE, None)
        # Qt hands a str enum back as a plain str: store the value, convert on reading.
        for gender in Gender:
            self.gender.addItem(gender.label, gender.value)
        self.birth = BirthEdit(self)
        self.cccd = QLineEdit(self)
        self.cccd.setPlaceholderText("12 chữ số")
        self.cccd.setMaxLength(20)
        self.sub_area = QComboBox(self)
        self.sub_area.addItem(NO_CHOICE, None)
        for sub_area in services.office.sub_areas():
            self.sub_area.addItem(sub_area.name, sub_area.id)
        self.village = QLineEdit(self)
        self.permanent_address = QLineEdit(self)
        self.current_address = QLineEdit(self)
        self.occupation = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)

        self.form.add_field("full_name", "Họ và tên", self.full_name, required=True)
        self.form.add_field("gender", "Giới tính", self.gender)
        self.form.add_field("birth", "Ngày sinh", self.birth)
        self.form.add_field("cccd", "Số CCCD", self.cccd)
        self.form.add_field("sub_area_id", sub_area_field_label(services), self.sub_area)
        self.form.add_field("village", "Thôn, xóm", self.village)
        self.form.add_field("permanent_address", "Nơi thường trú", self.permanent_address)
        self.form.add_field("current_address", "Nơi ở hiện tại", self.current_address)
        self.form.add_field("occupation", "Nghề nghiệp", self.occupation)
        self.form.add_field("notes", "Ghi chú", self.notes)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.full_name,
            self.gender,
            self.birth,
            self.cccd,
            self.sub_area,
            self.village,
            self.permanent_address,
            self.current_address,
            self.occupation,
            self.notes,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- loading and reading -----------------------------------------------------------
    def _load(self, person_id: int) -> None:
        record = self._services.persons.get(person_id)
        self.setWindowTitle(f"Sửa thông tin đối tượng — {record.full_name}")
        self.full_name.setText(record.full_name)
        gender_value = None if record.gender is None else record.gender.value
        self.gender.setCurrentIndex(max(0, self.gender.findData(gender_value)))
        self.birth.set_birth(record.birth_year, record.birth_date)
        self.cccd.setText(record.cccd or "")
        self.sub_area.setCurrentIndex(max(0, self.sub_area.findData(record.sub_area_id)))
        self.village.setText(record.village)
        self.permanent_address.setText(record.permanent_address)
        self.current_address.setText(record.current_address)
        self.occupation.setText(record.occupation)
        self.notes.setPlainText(record.notes)

    def person_input(self) -> tuple[PersonInput, list[FieldProblem]]:
        """What the form holds, and the problems found in reading it (the birth field)."""
        problems: list[FieldProblem] = []
        try:
            birth_year, birth_date = self.birth.birth()
        except BirthParseError as error:
            problems.append(FieldProblem("birth", str(error)))
            birth_year, birth_date = None, None
        gender = self.gender.currentData()
        sub_area_id = self.sub_area.currentData()
        data = PersonInput(
            full_name=self.full_name.text(),
            gender=Gender(gender) if isinstance(gender, str) else None,
            birth_year=birth_year,
            birth_date=birth_date,
            cccd=self.cccd.text(),
            sub_area_id=sub_area_id if isinstance(sub_area_id, int) else None,
            village=self.village.text(),
            permanent_address=self.permanent_address.text(),
            current_address=self.current_address.text(),
            occupation=self.occupation.text(),
            notes=self.notes.toPlainText(),
        )
        return data, problems

    # --- live checks ---------------------------------------------------------------------
    def _connect_live_checks(self) -> None:
        for edit in (
            self.full_name,
            self.birth,
            self.cccd,
            self.village,
            self.permanent_address,
            self.current_address,
            self.occupation,
        ):
            edit.textEdited.connect(self._on_input_changed)
        self.notes.textChanged.connect(self._on_input_changed)
        self.gender.currentIndexChanged.connect(self._on_input_changed)
        self.sub_area.currentIndexChanged.connect(self._on_input_changed)
        self.cccd.editingFinished.connect(self._check_cccd)
        self.birth.editingFinished.connect(self._check_birth)
        # While typing, only take messages away; a new one waits for the field to be left.
        self.cccd.textEdited.connect(lambda: self._check_cccd(only_clear=True))
        self.birth.textEdited.connect(lambda: self._check_birth(only_clear=True))
        self.full_name.textEdited.connect(self._check_name)

    def _on_input_changed(self) -> None:
        # The duplicates listed were found for the input as it was; they may no longer hold.
        self.duplicate_panel.hide()

    def _check_cccd(self, only_clear: bool = False) -> None:
        data, _ = self.person_input()
        problems = check_cccd(normalise_input(data).cccd)
        self._show_live("cccd", problems, only_clear)

    def _check_birth(self, only_clear: bool = False) -> None:
        try:
            birth_year, birth_date = self.birth.birth()
        except BirthParseError as error:
            problems = [FieldProblem("birth", str(error))]
        else:
            if birth_year is None and birth_date is None:
                problems = []
            else:
                today = self._services.context.today()
                problems = check_birth(birth_year, birth_date, today)
        self._show_live("birth", problems, only_clear)

    def _check_name(self) -> None:
        if self.full_name.text().strip():
            self.form.clear_error("full_name")

    def _show_live(self, name: str, problems: list[FieldProblem], only_clear: bool) -> None:
        if not problems:
            self.form.clear_error(name)
        elif not only_clear:
            self.form.set_error(name, "\n".join(problem.message for problem in problems))

    # --- saving --------------------------------------------------------------------------
    def _on_save(self) -> None:
        self._save(despite_duplicates=False)

    def _on_save_anyway(self) -> None:
        self._save(despite_duplicates=True)

    def _on_back(self) -> None:
        self.duplicate_panel.hide()
        self.full_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_open_person(self, person_id: int) -> None:
        self.open_person_requested.emit(person_id)
        self.reject()

    def _save(self, *, despite_duplicates: bool) -> None:
        self.form.clear_errors()
        persons = self._services.persons
        data, problems = self.person_input()
        try:
            problems += persons.validate(data, self._person_id)
            if problems:
                self.duplicate_panel.hide()
                self.form.show_problems(problems)
                return
            if not despite_duplicates:
                candidates = persons.probable_duplicates(data, self._person_id)
                if candidates:
                    self.duplicate_panel.show_candidates(candidates)
                    self.duplicate_panel.save_anyway_button.setFocus()
                    return
            if self._person_id is None:
                record = persons.add(data)
            else:
                record = persons.edit(self._person_id, data)
        except ValidationError as error:
            self.duplicate_panel.hide()
            self.form.show_problems(error.problems)
            return
        except Exception as error:  # any failure: say so, keep the officer's input
            show_refusal(self, "Không lưu được đối tượng", error)
            return
        self.saved_person_id = record.id
        self.accept()
