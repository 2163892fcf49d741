"""The one audit-trail view of the record dialogs, on the real services."""

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from pcmt_desktop.domain.hotspots import HotspotKind
from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog
from pcmt_desktop.gui.widgets.record_audit_view import RecordAuditView
from pcmt_desktop.services import audit
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services

pytestmark = pytest.mark.gui


@pytest.fixture
def seller(services: Services) -> tuple[int, int]:
    """A person linked as a retail seller to a hotspot: (person id, hotspot id)."""
    area = services.office.sub_areas()[0].id
    hotspot = services.hotspots.add(
        HotspotInput(HotspotKind.COMPLEX_POINT.value, "Karaoke Sông Quê", date(2026, 5, 1), area)
    ).id
    person = services.persons.add(PersonInput("Tạ Văn Quyết", birth_year=1991)).id
    services.hotspots.link_seller(hotspot, person, date(2026, 9, 5), note="Ngõ Đình, " * 12)
    return person, hotspot


def test_rows_are_compact_and_the_newest_is_shown(
    qtbot: QtBot, services: Services, seller: tuple[int, int]
) -> None:
    view = RecordAuditView(services)
    qtbot.addWidget(view)
    view.set_records(services.hotspots.history(seller[1]))
    table = view.table
    assert table.rowCount() == 2
    heights = {table.rowHeight(row) for row in range(table.rowCount())}
    assert heights == {table.verticalHeader().defaultSectionSize()}
    assert heights.pop() < 2 * table.fontMetrics().height()
    # The newest entry's details show at once; hovering the summary shows them too.
    details = view.details.toPlainText().splitlines()
    assert details[:4] == [
        "Thêm: Tạ Văn Quyết — bán lẻ tại Karaoke Sông Quê, từ 05/09/2026 đến nay",
        "Đối tượng: Tạ Văn Quyết",
        "Điểm: Karaoke Sông Quê",
        "Từ ngày: 05/09/2026",
    ]
    summary = table.item(0, 3)
    assert summary is not None and summary.toolTip() == view.details.toPlainText()


def test_a_reload_keeps_the_chosen_entry(
    qtbot: QtBot, services: Services, seller: tuple[int, int]
) -> None:
    view = RecordAuditView(services)
    qtbot.addWidget(view)
    view.set_records(services.hotspots.history(seller[1]))
    view.table.selectRow(1)
    chosen = view.details.toPlainText()
    assert "Tên điểm: Karaoke Sông Quê" in chosen
    services.hotspots.end_seller(view.table.records[0].entity_id or 0, date(2026, 11, 1))
    view.set_records(services.hotspots.history(seller[1]))
    assert view.table.rowCount() == 3
    assert view.details.toPlainText() == chosen


def test_the_person_record_names_the_hotspot_of_a_retail_seller(
    qtbot: QtBot, services: Services, seller: tuple[int, int]
) -> None:
    record = PersonHistoryDialog(services, seller[0])
    qtbot.addWidget(record)
    record.show_audit()
    # The newest change (opening the record is audited too, but is not a change).
    newest = record.audit_view.records[0]
    assert newest.entity == "retail_seller"
    assert audit.entries_for_person(services.context, seller[0])[0].action == (
        audit.Action.OPEN_PERSON
    )
    details = record.audit_details.toPlainText()
    assert "Điểm: Karaoke Sông Quê" in details
    assert "hotspot_id" not in details
    assert "Địa điểm, tụ điểm liên quan: Ngõ Đình" in details
