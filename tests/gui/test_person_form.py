"""The person form, driven offscreen on a real database with the real services."""

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.gui.registries.persons.form import PersonFormDialog
from pcmt_desktop.gui.widgets.date_field import BirthParseError, format_birth, parse_birth
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

# Showing a window on the offscreen platform logs this harmless warning.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def click(button: QAbstractButton | None) -> None:
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would; qtbot.keyClicks cannot send Vietnamese letters."""
    for char in text:
        event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)


def new_form(qtbot: QtBot, services: Services, person_id: int | None = None) -> PersonFormDialog:
    dialog = PersonFormDialog(services, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sub_area_id(services: Services, name: str) -> int:
    return next(area.id for area in services.office.sub_areas() if area.name == name)


def test_adds_a_person_typed_in_vietnamese(qtbot: QtBot, services: Services) -> None:
    dialog = new_form(qtbot, services)
    assert dialog.windowTitle() == "Thêm đối tượng"
    assert dialog.form.caption("sub_area_id").text() == "Thôn, tổ dân phố"

    type_text(dialog.full_name, "Đặng Thị Hồng Nhung")
    dialog.gender.setCurrentIndex(dialog.gender.findText("Nữ"))
    type_text(dialog.birth, "05/02/1995")
    type_text(dialog.cccd, "0123 4567 8901")
    dialog.sub_area.setCurrentIndex(dialog.sub_area.findText("Thôn Đoài"))
    type_text(dialog.village, "Xóm Gốc Đa")
    type_text(dialog.occupation, "Buôn bán nhỏ")
    type_text(dialog.notes, "Hay về quê dịp lễ.")
    click(dialog.save_button)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_person_id is not None
    person = services.persons.get(dialog.saved_person_id)
    assert person.full_name == "Đặng Thị Hồng Nhung"
    assert person.gender is Gender.FEMALE
    assert (person.birth_year, person.birth_date) == (1995, date(1995, 2, 5))
    assert person.cccd == "012345678901"
    assert person.sub_area_name == "Thôn Đoài"
    assert person.village == "Xóm Gốc Đa"
    assert person.occupation == "Buôn bán nhỏ"
    assert person.notes == "Hay về quê dịp lễ."


def test_a_year_alone_is_a_birth_year(qtbot: QtBot, services: Services) -> None:
    dialog = new_form(qtbot, services)
    type_text(dialog.full_name, "Vũ Văn Khải")
    type_text(dialog.birth, "1988")

    dialog.save_button.click()

    assert dialog.saved_person_id is not None
    person = services.persons.get(dialog.saved_person_id)
    assert (person.birth_year, person.birth_date) == (1988, None)
    assert person.gender is None
    assert person.sub_area_id is None


def test_enter_saves(qtbot: QtBot, services: Services) -> None:
    dialog = new_form(qtbot, services)
    type_text(dialog.full_name, "Tạ Quang Vĩnh")

    QTest.keyClick(dialog.full_name, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert services.persons.count() == 1


def test_escape_cancels_and_saves_nothing(qtbot: QtBot, services: Services) -> None:
    dialog = new_form(qtbot, services)
    type_text(dialog.full_name, "Tạ Quang Vĩnh")

    QTest.keyClick(dialog.full_name, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert services.persons.count() == 0


def test_wrong_cccd_is_shown_beside_the_field_and_nothing_saved(
    qtbot: QtBot, services: Services
) -> None:
    dialog = new_form(qtbot, services)
    type_text(dialog.full_name, "Lường Văn Sáng")
    type_text(dialog.cccd, "01234567")

    dialog.save_button.click()

    assert "Số CCCD phải gồm đúng 12 chữ số" in dialog.form.error("cccd")
    assert dialog.form.error("full_name") == ""
    assert services.persons.count() == 0
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()
    # The officer's input is kept as typed.
    assert dialog.cccd.text() == "01234567"
    assert dialog.full_name.text() == "Lường Văn Sáng"


def test_cccd_is_checked_when_the_field_is_left_and_cleared_once_right(
    qtbot: QtBot, services: Services
) -> None:
    dialog = new_form(qtbot, services)
    type_text(dialog.cccd, "12ab")
    assert dialog.form.error("cccd") == ""  # no nagging while typing

    dialog.cccd.editingFinished.emit()
    assert "12 chữ số" in dialog.form.error("cccd")

    dialog.cccd.clear()
    type_text(dialog.cccd, "001234567890")
    assert dialog.form.error("cccd") == ""


def test_unreadable_or_impossible_birth_is_refused_beside_the_field(
    qtbot: QtBot, services: Services
) -> None:
    dialog = new_form(qtbot, services)
    type_text(dialog.full_name, "Hầu A Chính")
    type_text(dialog.birth, "31/02/1990")

    dialog.save_button.click()

    assert "không có thật" in dialog.form.error("birth")
    assert services.persons.count() == 0

    dialog.birth.clear()
    type_text(dialog.birth, "2031")
    dialog.save_button.click()
    assert "Năm sinh 2031 không hợp lệ" in dialog.form.error("birth")
    assert services.persons.count() == 0


def test_missing_name_is_refused(qtbot: QtBot, services: Services) -> None:
    dialog = new_form(qtbot, services)
    type_text(dialog.birth, "1990")

    dialog.save_button.click()

    assert dialog.form.error("full_name") == "Chưa nhập họ và tên."
    assert services.persons.count() == 0


def test_cccd_held_by_someone_else_is_refused_beside_the_field(
    qtbot: QtBot, services: Services
) -> None:
    services.persons.add(PersonInput("Mùa A Dế", cccd="011122233344"))
    dialog = new_form(qtbot, services)
    type_text(dialog.full_name, "Giàng A Páo")
    type_text(dialog.cccd, "011122233344")

    dialog.save_button.click()

    assert "đã thuộc về đối tượng Mùa A Dế" in dialog.form.error("cccd")
    assert services.persons.count() == 1


def fill_probable_duplicate(dialog: PersonFormDialog) -> None:
    type_text(dialog.full_name, "nguyen van tung")  # folded like the one on file
    type_text(dialog.birth, "1991")
    dialog.sub_area.setCurrentIndex(dialog.sub_area.findText("Thôn Đông"))


def test_probable_duplicate_is_shown_and_save_anyway_saves(
    qtbot: QtBot, services: Services
) -> None:
    existing = services.persons.add(
        PersonInput(
            "Nguyễn Văn Tùng",
            birth_year=1991,
            sub_area_id=sub_area_id(services, "Thôn Đông"),
            cccd="001091001234",
        )
    )
    dialog = new_form(qtbot, services)
    fill_probable_duplicate(dialog)

    dialog.save_button.click()

    panel = dialog.duplicate_panel
    assert panel.isVisibleTo(dialog)
    assert list(panel.open_buttons) == [existing.id]
    texts = " ".join(label.text() for label in panel.findChildren(type(panel.title)))
    assert "Nguyễn Văn Tùng" in texts
    assert "sinh năm 1991" in texts
    assert "Thôn Đông" in texts
    assert "CCCD 001091001234" in texts
    assert "Trùng họ tên, năm sinh và địa bàn" in texts
    assert services.persons.count() == 1
    # Enter on "Lưu" asks again instead of saving the duplicate.
    dialog.save_button.click()
    assert services.persons.count() == 1

    click(panel.save_anyway_button)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.persons.count() == 2
    assert dialog.saved_person_id not in (None, existing.id)


def test_open_record_of_a_duplicate_asks_for_it_and_closes(
    qtbot: QtBot, services: Services
) -> None:
    existing = services.persons.add(
        PersonInput(
            "Nguyễn Văn Tùng", birth_year=1991, sub_area_id=sub_area_id(services, "Thôn Đông")
        )
    )
    dialog = new_form(qtbot, services)
    fill_probable_duplicate(dialog)
    dialog.save_button.click()

    with qtbot.waitSignal(dialog.open_person_requested) as blocker:
        click(dialog.duplicate_panel.open_buttons[existing.id])

    assert blocker.args == [existing.id]
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert services.persons.count() == 1


def test_back_to_editing_hides_the_warning_and_saves_nothing(
    qtbot: QtBot, services: Services
) -> None:
    services.persons.add(
        PersonInput(
            "Nguyễn Văn Tùng", birth_year=1991, sub_area_id=sub_area_id(services, "Thôn Đông")
        )
    )
    dialog = new_form(qtbot, services)
    fill_probable_duplicate(dialog)
    dialog.save_button.click()

    dialog.duplicate_panel.back_button.click()

    assert not dialog.duplicate_panel.isVisibleTo(dialog)
    assert services.persons.count() == 1
    # A different birth year is no longer a probable duplicate: it saves at once.
    dialog.birth.clear()
    type_text(dialog.birth, "1992")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.persons.count() == 2


def test_edit_shows_and_changes_the_values(qtbot: QtBot, services: Services) -> None:
    person = services.persons.add(
        PersonInput(
            "Bế Thị Xuân",
            gender=Gender.FEMALE,
            birth_date=date(1993, 7, 9),
            sub_area_id=sub_area_id(services, "Xóm Nam"),
            occupation="Làm ruộng",
        )
    )
    dialog = new_form(qtbot, services, person.id)
    assert dialog.windowTitle() == "Sửa thông tin đối tượng — Bế Thị Xuân"
    assert dialog.birth.text() == "09/07/1993"
    assert dialog.gender.currentText() == "Nữ"
    assert dialog.sub_area.currentText() == "Xóm Nam"
    assert dialog.occupation.text() == "Làm ruộng"

    dialog.occupation.clear()
    type_text(dialog.occupation, "Thợ xây")
    dialog.birth.clear()
    type_text(dialog.birth, "1994")
    dialog.sub_area.setCurrentIndex(dialog.sub_area.findText("Tổ dân phố Bắc"))
    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_person_id == person.id
    changed = services.persons.get(person.id)
    assert changed.occupation == "Thợ xây"
    assert (changed.birth_year, changed.birth_date) == (1994, None)
    assert changed.sub_area_name == "Tổ dân phố Bắc"
    assert changed.gender is Gender.FEMALE
    assert services.persons.count() == 1


def test_editing_a_person_is_not_its_own_duplicate(qtbot: QtBot, services: Services) -> None:
    person = services.persons.add(
        PersonInput(
            "Nguyễn Văn Tùng", birth_year=1991, sub_area_id=sub_area_id(services, "Thôn Đông")
        )
    )
    dialog = new_form(qtbot, services, person.id)
    type_text(dialog.notes, "Đã xác minh.")

    dialog.save_button.click()

    assert not dialog.duplicate_panel.isVisibleTo(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.persons.get(person.id).notes == "Đã xác minh."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (None, None)),
        ("1990", (1990, None)),
        (" 05/02/1990 ", (1990, date(1990, 2, 5))),
        ("5-2-1990", (1990, date(1990, 2, 5))),
        ("5.2.1990", (1990, date(1990, 2, 5))),
    ],
)
def test_birth_text_is_read_as_year_or_full_date(
    text: str, expected: tuple[int | None, date | None]
) -> None:
    assert parse_birth(text) == expected


@pytest.mark.parametrize("text", ["90", "2/1990", "ngày 5", "30/02/2000", "05/13/1990"])
def test_unreadable_birth_text_says_what_is_expected(text: str) -> None:
    with pytest.raises(BirthParseError) as caught:
        parse_birth(text)
    assert text in str(caught.value)


def test_birth_is_written_back_as_typed() -> None:
    assert format_birth(1990, None) == "1990"
    assert format_birth(1990, date(1990, 2, 5)) == "05/02/1990"
    assert format_birth(None, None) == ""
