"""The duplicates window driven as an officer would: choose a group, compare, merge."""

from datetime import date

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.duplicates import DuplicatesDialog
from pcmt_desktop.gui.duplicates.dialog import DIFFERENT_BACKGROUND
from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = pytest.mark.gui


def add(services: Services, name: str, year: int, **extra: object) -> int:
    area = services.office.sub_areas()[0].id
    return services.persons.add(PersonInput(name, birth_year=year, sub_area_id=area, **extra)).id  # type: ignore[arg-type]


def on_list(services: Services, person_id: int, key: str, start: date) -> None:
    services.histories.add(
        HistoryKind.LIST,
        person_id,
        HistoryInput(start, None, {"list_key": key, "start_reason": "Rà soát phát hiện mới"}),
    )


@pytest.fixture
def signals(services: Services) -> ChangeSignals:
    return ChangeSignals(services.context.bus)


def open_dialog(qtbot: QtBot, services: Services, signals: ChangeSignals) -> DuplicatesDialog:
    dialog = DuplicatesDialog(services, signals)
    qtbot.addWidget(dialog)
    return dialog


def cell(dialog: DuplicatesDialog, row: int, column: int) -> QTableWidgetItem:
    item = dialog.table.item(row, column)
    assert item is not None
    return item


def row_of(dialog: DuplicatesDialog, label: str) -> int:
    rows = range(dialog.table.rowCount())
    return next(row for row in rows if cell(dialog, row, 0).text() == label)


def side_by_side(dialog: DuplicatesDialog, label: str) -> tuple[str, str]:
    row = row_of(dialog, label)
    return cell(dialog, row, 1).text(), cell(dialog, row, 2).text()


def highlighted(dialog: DuplicatesDialog, label: str) -> bool:
    color = cell(dialog, row_of(dialog, label), 1).background().color()
    return color == QColor(DIFFERENT_BACKGROUND)


def test_groups_and_the_pair_side_by_side_with_differences_highlighted(
    qtbot: QtBot, services: Services, signals: ChangeSignals
) -> None:
    first = add(services, "Lò Văn Chiến", 1988, occupation="Thợ hồ")
    second = add(services, "lo van chien", 1988, gender=Gender.MALE, occupation="Thợ hồ")
    add(services, "Hà Thị Nụ", 1995)
    add(services, "Ha Thi Nu", 1995)
    on_list(services, second, "su_dung", date(2026, 2, 1))
    dialog = open_dialog(qtbot, services, signals)

    assert dialog.count_label.text() == "02 nhóm có thể trùng"
    assert dialog.group_list.item(1).text() == "Lò Văn Chiến (1988, Thôn Đông) — 02 hồ sơ"
    dialog.select_group(1)
    header = dialog.table.horizontalHeaderItem(1)
    assert header is not None and header.text() == f"Bên trái (mã {first})"
    assert side_by_side(dialog, "Họ và tên") == ("Lò Văn Chiến", "lo van chien")
    assert side_by_side(dialog, "Giới tính") == ("—", "Nam")
    assert side_by_side(dialog, "Số bản ghi — Diện quản lý") == ("0", "1")
    assert highlighted(dialog, "Họ và tên")
    assert highlighted(dialog, "Giới tính")
    assert not highlighted(dialog, "Nghề nghiệp")  # "Thợ hồ" on both sides
    assert not highlighted(dialog, "Mã đối tượng")  # always differs: not a difference
    assert dialog.conflicts_label.isHidden()
    assert dialog.keep_left_button.isEnabled()


def test_merge_keeps_the_left_and_the_list_updates(
    qtbot: QtBot, services: Services, signals: ChangeSignals
) -> None:
    keep = add(services, "Lò Văn Chiến", 1988)
    remove = add(services, "Lò Văn Chiến", 1988, cccd="001088000321")
    on_list(services, remove, "su_dung", date(2026, 2, 1))
    calls: list[str] = []
    dialog = DuplicatesDialog(services, signals, before_merge=lambda: calls.append("sao lưu"))
    qtbot.addWidget(dialog)
    dialog.select_group(0)

    with qtbot.waitSignal(dialog.merged) as merged:
        assert dialog.merge_into_left(ask=False)

    assert merged.args == [keep, remove]
    assert calls == ["sao lưu"]
    assert dialog.groups == []
    assert dialog.count_label.text() == "Không có đối tượng nào trùng lặp."
    assert not dialog.keep_left_button.isEnabled()
    assert dialog.status_label.text().startswith(f"Đã gộp đối tượng mã {remove} vào")
    assert services.persons.get(keep).cccd == "001088000321"
    assert len(services.histories.entries(keep, HistoryKind.LIST)) == 1
    # The kept person's record shows the merge in its trail.
    record = PersonHistoryDialog(services, keep)
    qtbot.addWidget(record)
    assert record.audit_view.records[0].action_label == "Gộp"
    stay_id = services.histories.entries(keep, HistoryKind.LIST)[0].id
    assert record.audit_view.details_of(0).splitlines() == [
        f"Gộp: Gộp đối tượng Lò Văn Chiến (mã {remove}) vào Lò Văn Chiến (mã {keep}): "
        "chuyển Diện quản lý 01",
        "Đối tượng giữ lại:",
        "    Số CCCD: — → 001088000321",
        "Đối tượng gộp vào (đã xóa):",
        "    Họ và tên: Lò Văn Chiến",
        "    Năm sinh: 1988",
        "    Số CCCD: 001088000321",
        "    Địa bàn: Thôn Đông",
        "Bản ghi chuyển sang đối tượng giữ lại (mã bản ghi):",
        f"    Diện quản lý: {stay_id}",
    ]


def test_keep_right_in_a_group_of_three_with_a_chosen_pair(
    qtbot: QtBot, services: Services, signals: ChangeSignals
) -> None:
    ids = [add(services, "Vi Văn Sáng", 1979) for _ in range(3)]
    dialog = open_dialog(qtbot, services, signals)
    dialog.choose_pair(ids[0], ids[2])
    assert dialog.merge_into_right(ask=False)
    # Two remain in the group: still a group, and the window stays on it.
    assert [group.person_ids for group in dialog.groups] == [(ids[1], ids[2])]
    assert dialog.current_group() == dialog.groups[0]


def test_an_overlap_is_shown_and_the_refused_merge_changes_nothing(
    qtbot: QtBot, services: Services, signals: ChangeSignals
) -> None:
    keep = add(services, "Lò Văn Chiến", 1988)
    remove = add(services, "Lò Văn Chiến", 1988)
    on_list(services, keep, "nghi_su_dung", date(2025, 1, 5))
    on_list(services, remove, "su_dung", date(2025, 3, 1))
    dialog = open_dialog(qtbot, services, signals)
    conflict = (
        f"Diện quản lý: Nghi sử dụng từ 05/01/2025 đến nay (mã {keep}) trùng với "
        f"Sử dụng từ 01/03/2025 đến nay (mã {remove})"
    )
    assert not dialog.conflicts_label.isHidden()
    assert conflict in dialog.conflicts_label.text()

    assert not dialog.merge_into_left(ask=False)

    assert [group.person_ids for group in dialog.groups] == [(keep, remove)]
    assert services.persons.get(remove).id == remove
    assert conflict in dialog.conflicts_label.text()
