"""Choosing a person for a record: search as you type (accents ignored) or create one.

Used by every registry whose records belong to a person (tests, dossiers, seizures, case
subjects, sellers). The list under the box shows name, birth year, sub-area and current
list so that two persons of the same name are told apart.
"""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pcmt_desktop.services.persons import PersonRecord
from pcmt_desktop.services.registry import Services

SEARCH_DELAY_MS = 150
MAX_SHOWN = 30


def describe_person(services: Services, person: PersonRecord) -> str:
    """ "Trần Văn Hùng (1990) — Tân Hưng — Sử dụng": enough to tell namesakes apart."""
    parts = [person.full_name + (f" ({person.birth_year})" if person.birth_year else "")]
    if person.sub_area_name:
        parts.append(person.sub_area_name)
    stay = services.histories.list_on(person.id, services.context.today())
    if stay is not None:
        parts.append(stay.spec.field("list_key").label_of(stay.values["list_key"]))
    if person.cccd:
        parts.append(f"CCCD {person.cccd}")
    return " — ".join(parts)


class PersonPicker(QWidget):
    """A search box with a result list; ``person_chosen`` carries the chosen id."""

    person_chosen = Signal(int)

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, allow_create: bool = True
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._person_id: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Gõ họ tên, năm sinh hoặc số CCCD (không cần dấu)")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(150)
        self.results.hide()
        self.chosen_label = QLabel("Chưa chọn đối tượng.")
        self.chosen_label.setWordWrap(True)
        self.create_button = QPushButton("Thêm đối tượng mới…")
        self.create_button.setVisible(allow_create)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen_label)

        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._choose_first)
        self._timer.timeout.connect(self.run_search)
        self.results.itemActivated.connect(self._choose_item)
        self.results.itemClicked.connect(self._choose_item)
        self.create_button.clicked.connect(self._create)

    def person_id(self) -> int | None:
        return self._person_id

    def set_person(self, person_id: int | None) -> None:
        self._person_id = person_id
        if person_id is None:
            self.chosen_label.setText("Chưa chọn đối tượng.")
            return
        person = self._services.persons.get(person_id)
        self.chosen_label.setText(f"Đã chọn: <b>{describe_person(self._services, person)}</b>")

    def run_search(self) -> None:
        """Fill the result list for the box's text now (the timer calls it after a pause)."""
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            self.results.hide()
            return
        found = self._services.persons.find(text, limit=MAX_SHOWN)
        for person in found:
            item = QListWidgetItem(describe_person(self._services, person))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.results.addItem(item)
        if not found:
            item = QListWidgetItem("Không tìm thấy — bấm “Thêm đối tượng mới…” để tạo.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.results.show()

    def _choose_first(self) -> None:
        self._timer.stop()
        self.run_search()
        first = self.results.item(0)
        if first is not None and first.data(Qt.ItemDataRole.UserRole) is not None:
            self._choose_item(first)

    def _choose_item(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(person_id, int):
            return
        self.choose(person_id)

    def choose(self, person_id: int) -> None:
        self.set_person(person_id)
        self.results.hide()
        self.person_chosen.emit(person_id)

    def _create(self) -> None:
        from pcmt_desktop.gui.registries.persons.form import PersonFormDialog

        dialog = PersonFormDialog(self._services, None, self)
        typed = self.search.text().strip()
        if typed and not any(ch.isdigit() for ch in typed):
            dialog.prefill_name(typed)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        saved = dialog.saved_person_id
        dialog.deleteLater()
        if accepted and saved is not None:
            self.choose(saved)
