"""The person picker: search as you type (accents ignored), choose, or create on the spot."""

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.gui.registries.persons.form import PersonFormDialog
from pcmt_desktop.gui.widgets.person_picker import PersonPicker
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character, as a Vietnamese input method sends them."""
    for character in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


def handle_next_modal(handler: Callable[[QWidget], None]) -> list[str]:
    """Run ``handler`` on the next modal window once its own event loop shows it."""
    seen: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, look)
            return
        seen.append(type(modal).__name__)
        handler(modal)

    QTimer.singleShot(0, look)
    return seen


@pytest.fixture
def picker(qtbot: QtBot, services: Services) -> PersonPicker:
    widget = PersonPicker(services)
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    return widget


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    areas = [area.id for area in services.office.sub_areas()]
    found = {
        f"{name} {year}": services.persons.add(
            PersonInput(name, birth_year=year, sub_area_id=areas[index])
        ).id
        for index, (name, year) in enumerate(
            (("Trương Văn Đạo", 1991), ("Trương Văn Đạo", 1984), ("Hồ Thị Lài", 1999))
        )
    }
    services.histories.add(
        HistoryKind.LIST,
        found["Hồ Thị Lài 1999"],
        HistoryInput(
            services.context.today(),
            None,
            {"list_key": ManagementList.USER.value, "start_reason": "Test dương tính"},
        ),
    )
    return found


def result_texts(picker: PersonPicker) -> list[str]:
    return [picker.results.item(row).text() for row in range(picker.results.count())]


def test_typing_without_accents_finds_and_tells_namesakes_apart(
    qtbot: QtBot, picker: PersonPicker, people: dict[str, int]
) -> None:
    type_text(picker.search, "truong van dao")
    qtbot.waitUntil(picker.results.isVisible)
    assert result_texts(picker) == [
        "Trương Văn Đạo (1991) — Thôn Đông",
        "Trương Văn Đạo (1984) — Thôn Đoài",
    ]
    # The current list is shown, so the officer knows whom they pick.
    picker.search.clear()
    type_text(picker.search, "ho thi lai")
    qtbot.waitUntil(
        lambda: result_texts(picker) == ["Hồ Thị Lài (1999) — Tổ dân phố Bắc — Sử dụng"]
    )


def test_clicking_a_result_chooses_the_person(
    qtbot: QtBot, picker: PersonPicker, people: dict[str, int]
) -> None:
    type_text(picker.search, "đạo 1984")
    qtbot.waitUntil(lambda: picker.results.count() == 1)
    item = picker.results.item(0)
    rect = picker.results.visualItemRect(item)
    with qtbot.waitSignal(picker.person_chosen) as chosen:
        QTest.mouseClick(picker.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [people["Trương Văn Đạo 1984"]]
    assert picker.person_id() == people["Trương Văn Đạo 1984"]
    assert not picker.results.isVisible()


def test_enter_chooses_the_first_result(
    qtbot: QtBot, picker: PersonPicker, people: dict[str, int]
) -> None:
    type_text(picker.search, "lai")
    with qtbot.waitSignal(picker.person_chosen):
        QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.person_id() == people["Hồ Thị Lài 1999"]
    assert not picker.results.isVisible()
    assert "Đã chọn: <b>Hồ Thị Lài (1999)" in picker.chosen_label.text()


def test_nothing_found_says_how_to_create(
    qtbot: QtBot, picker: PersonPicker, people: dict[str, int]
) -> None:
    type_text(picker.search, "không có ai")
    qtbot.waitUntil(picker.results.isVisible)
    assert result_texts(picker) == ["Không tìm thấy — bấm “Thêm đối tượng mới…” để tạo."]
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.person_id() is None


def test_creating_a_person_on_the_spot_chooses_them(
    qtbot: QtBot, picker: PersonPicker, services: Services
) -> None:
    type_text(picker.search, "Giáp Văn Tư")

    def fill_and_save(modal: QWidget) -> None:
        assert isinstance(modal, PersonFormDialog)
        # The name typed in the search box is already in the form.
        assert modal.full_name.text() == "Giáp Văn Tư"
        modal.birth.setText("1993")
        modal.save_button.click()

    seen = handle_next_modal(fill_and_save)
    with qtbot.waitSignal(picker.person_chosen) as chosen:
        picker.create_button.click()
    assert seen == ["PersonFormDialog"]
    person = services.persons.get(chosen.args[0])
    assert (person.full_name, person.birth_year) == ("Giáp Văn Tư", 1993)
    assert picker.person_id() == person.id


def test_cancelling_the_creation_chooses_nobody(
    qtbot: QtBot, picker: PersonPicker, services: Services
) -> None:
    def cancel(modal: QWidget) -> None:
        assert isinstance(modal, PersonFormDialog)
        modal.cancel_button.click()

    seen = handle_next_modal(cancel)
    picker.create_button.click()
    assert seen == ["PersonFormDialog"]
    assert picker.person_id() is None
    assert services.persons.count() == 0
