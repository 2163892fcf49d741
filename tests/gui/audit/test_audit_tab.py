"""Nhật ký: the audit trail filtered, its details read, exported to Excel, and checked
for rows edited outside the program."""

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from pcmt_desktop.auth.permissions import PermissionDeniedError
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.gui.audit.tab import AuditTab
from pcmt_desktop.gui.change_signals import ChangeSignals
from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog
from pcmt_desktop.services import audit
from pcmt_desktop.services.audit_query import AuditQuery, find_entries
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.auth.support import Clock, ensure_administrator, officer

pytestmark = pytest.mark.gui

DAY = 24 * 3600


@pytest.fixture
def trail(services: Services, clock: Clock) -> dict[str, int]:
    """Two officers' work on two days; the persons' ids by name."""
    context = services.context
    admin = ensure_administrator(context)
    clerk = officer(context, RoleKey.DATA_ENTRY)
    context.actor = clerk
    hoa = services.persons.add(PersonInput("Đinh Thị Hoa", birth_year=1991))
    clock.advance(DAY)
    context.actor = admin
    binh = services.persons.add(PersonInput("Hoàng Văn Bình", birth_year=1985))
    services.persons.edit(hoa.id, PersonInput("Đinh Thị Hoa", birth_year=1992))
    return {"hoa": hoa.id, "binh": binh.id}


@pytest.fixture
def tab(qtbot: QtBot, services: Services, trail: dict[str, int]) -> AuditTab:
    shown = AuditTab(services, ChangeSignals(services.context.bus))
    qtbot.addWidget(shown)
    shown.show()  # reads the trail when first shown
    return shown


def summaries(tab: AuditTab) -> list[str]:
    return [row.record.summary for row in tab.rows]


def test_the_trail_is_shown_newest_first_with_the_chosen_rows_details(tab: AuditTab) -> None:
    ids = [row.id for row in tab.rows]
    assert ids == sorted(ids, reverse=True)
    newest = tab.rows[0].record
    assert (newest.action, newest.entity) == (audit.Action.UPDATE, "person")
    assert tab.table.item(0, 4).text() == f"Đối tượng số {newest.entity_id}"  # type: ignore[union-attr]
    details = tab.details.toPlainText()
    assert details.startswith(f"Dòng số {tab.rows[0].id} — 23/11/2026")
    assert "Năm sinh: 1991 → 1992" in details
    assert tab.count_label.text() == f"{len(tab.rows)} dòng, mới nhất ở trên"


def test_the_filters_answer_who_changed_this_record_and_when(
    tab: AuditTab, trail: dict[str, int]
) -> None:
    filters = tab.filters
    filters.person_edit.setText("dinh thi hoa")  # without accents
    filters.changed.emit()
    assert {row.record.entity_id for row in tab.rows} == {trail["hoa"]}
    assert [row.record.action for row in tab.rows] == [audit.Action.UPDATE, audit.Action.CREATE]
    assert [row.record.user_name for row in tab.rows] == ["quantri1", "nhaplieu"]

    filters.clear()
    filters.user_combo.setCurrentIndex(filters.user_combo.findData("nhaplieu"))
    assert {row.record.user_name for row in tab.rows} == {"nhaplieu"}
    assert audit.Action.LOGIN in {row.record.action for row in tab.rows}

    filters.action_combo.setCurrentIndex(filters.action_combo.findData(audit.Action.CREATE))
    assert summaries(tab) == [tab.rows[0].record.summary] and len(tab.rows) == 1
    assert "Đinh Thị Hoa" in tab.rows[0].record.summary

    filters.clear()
    filters.entity_combo.setCurrentIndex(filters.entity_combo.findData("person"))
    filters.id_edit.setText(str(trail["binh"]))
    filters.changed.emit()
    assert [row.record.entity_id for row in tab.rows] == [trail["binh"]]

    filters.clear()
    filters.to_edit.set_day(date(2026, 11, 22))
    filters.to_box.setChecked(True)
    assert {row.record.at.date() for row in tab.rows} == {date(2026, 11, 22)}
    assert "Hoàng Văn Bình" not in " ".join(summaries(tab))
    filters.from_edit.set_day(date(2026, 11, 23))
    filters.from_box.setChecked(True)
    filters.to_box.setChecked(False)
    assert {row.record.at.date() for row in tab.rows} == {date(2026, 11, 23)}

    filters.clear()
    filters.person_edit.setText("khong co ai ten nay")
    filters.changed.emit()
    assert tab.rows == []
    assert tab.count_label.text() == "Không có dòng nhật ký nào khớp điều kiện lọc."


def test_the_filtered_rows_are_exported_to_excel_and_the_export_is_audited(
    tab: AuditTab, services: Services, tmp_path: Path
) -> None:
    tab.filters.person_edit.setText("Đinh Thị Hoa")
    tab.filters.changed.emit()
    shown = list(tab.rows)
    out = tmp_path / "nhat-ky.xlsx"

    assert tab.export(out) == len(shown) == 2

    sheet = load_workbook(out).active
    assert "đối tượng “Đinh Thị Hoa”" in str(sheet["A1"].value)
    assert [cell.value for cell in sheet[2]][:4] == [
        "Số",
        "Thời điểm",
        "Người thực hiện",
        "Thao tác",
    ]
    written = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in written] == [row.id for row in shown]
    assert written[0][4] == "Đối tượng"
    assert "Năm sinh: 1991 → 1992" in str(written[0][7])
    assert list(tmp_path.glob("*.tmp")) == []
    event = audit.all_entries(services.context, limit=1)[0]
    assert (event.action, event.user_name) == (audit.Action.EXPORT, "quantri1")
    assert "nhat-ky.xlsx" in event.summary


def test_the_check_finds_a_row_edited_outside_the_program(
    tab: AuditTab, database: Database
) -> None:
    report = tab.verify()
    assert report is not None and report.ok
    assert tab.chain_label.text().startswith("Nhật ký toàn vẹn: đã kiểm tra")

    edited = tab.rows[-1].id
    with sqlite3.connect(database.path) as raw:
        raw.execute("UPDATE audit_entry SET user_name = 'ai_do' WHERE id = ?", (edited,))
    raw.close()

    report = tab.verify()
    assert report is not None and not report.ok
    assert "Nhật ký đã bị can thiệp ngoài chương trình" in tab.chain_label.text()
    assert f"Dòng nhật ký số {edited} đã bị sửa" in tab.chain_label.text()


def test_opening_a_persons_record_is_in_the_trail_but_not_in_their_change_log(
    qtbot: QtBot, services: Services, trail: dict[str, int], clock: Clock
) -> None:
    clock.advance(60)
    record = PersonHistoryDialog(services, trail["binh"])
    qtbot.addWidget(record)

    opened = audit.all_entries(services.context, limit=1)[0]
    assert (opened.action, opened.user_name) == (audit.Action.OPEN_PERSON, "quantri1")
    assert "Hoàng Văn Bình" in opened.summary
    rows = find_entries(services.context, AuditQuery(person="Hoàng Văn Bình"), None)
    assert rows[0].record.action == audit.Action.OPEN_PERSON
    assert rows[0].person_id == trail["binh"]
    assert audit.Action.OPEN_PERSON not in {r.action for r in record.audit_view.records}


def test_only_a_role_that_reads_the_audit_may_search_it(
    services: Services, trail: dict[str, int]
) -> None:
    services.context.actor = officer(services.context, RoleKey.DATA_ENTRY, "nhaplieu2")
    with pytest.raises(PermissionDeniedError):
        find_entries(services.context, AuditQuery(), 10)
    services.context.actor = officer(services.context, RoleKey.LEADER)
    assert find_entries(services.context, AuditQuery(), 10)


def test_a_wide_search_shows_the_newest_rows_and_says_how_many_match(
    qtbot: QtBot, services: Services, trail: dict[str, int], clock: Clock
) -> None:
    for number in range(1005):
        audit.record_event(services.context, audit.Action.EXPORT, f"Xuất thử số {number}")
    clock.advance(timedelta(minutes=1).total_seconds())
    tab = AuditTab(services, ChangeSignals(services.context.bus))
    qtbot.addWidget(tab)
    tab.reload(choices=True)

    assert len(tab.rows) == 1000
    assert tab.total > 1005
    assert tab.count_label.text().startswith("Hiện 1.000 dòng mới nhất trong 1.0")
