"""The received offices and the history as plain tables: which row says what, written how."""

from datetime import datetime, timedelta, timezone

from pcmt_desktop.gui.reports.figure_table import TOTAL_LABEL
from pcmt_desktop.gui.upper.office_tables import (
    IN_USE,
    NO_OFFICE,
    NO_PARENT,
    OFFICE_HEADERS,
    REPLACED,
    history_table,
    offices_table,
)
from pcmt_desktop.upper.catalog import ReceivedBackup

HANOI = timezone(timedelta(hours=7))


def backup(
    number: int, office: str, created: datetime, *, parent: str = "Công an tỉnh Nam Hòa"
) -> ReceivedBackup:
    return ReceivedBackup(
        id=number,
        office_name=office,
        parent_name=parent,
        level="Xã",
        created_at=created,
        program_version="0.1.0",
        schema_revision="0004",
        counts={"person": 1200 + number, "drug_test": 35, "audit_entry": 9},
        database_sha256="0" * 64,
        database_bytes=4096,
        file_name=f"PCMT_{number}.pcmtbk",
        received_at=created + timedelta(days=1),
        namespace=f"office_{number}",
        storage=f"office_{number}.sqlite3",
    )


def test_each_office_is_a_row_with_its_moments_and_counts_then_the_totals() -> None:
    made = datetime(2026, 11, 20, 16, 45, tzinfo=HANOI)
    offices = [
        backup(1, "Công an xã Hòa An", made),
        backup(2, "Công an xã Bình Minh", made, parent=""),
    ]

    spec = offices_table(offices)

    moment = f"{made.astimezone():%H:%M %d/%m/%Y}"
    assert spec.rows[0][:4] == (
        "Công an xã Hòa An",
        "Công an tỉnh Nam Hòa",
        moment,
        f"{(made + timedelta(days=1)).astimezone():%H:%M %d/%m/%Y}",
    )
    assert spec.rows[1][1] == NO_PARENT
    persons = OFFICE_HEADERS.index("Đối tượng")
    assert spec.rows[0][persons] == "1.201"
    # A registry the manifest does not count is "—", not a made-up zero.
    assert spec.rows[0][OFFICE_HEADERS.index("Hồ sơ CNBB")] == "—"
    assert spec.rows[2][0] == f"{TOTAL_LABEL} (2 đơn vị)"
    assert spec.rows[2][persons] == "2.403"
    assert spec.summary_rows == 1


def test_an_empty_store_says_how_to_receive_files() -> None:
    spec = offices_table([])

    assert spec.rows == ()
    assert spec.empty_note == NO_OFFICE
    assert "Ctrl+O" in NO_OFFICE


def test_the_history_is_newest_first_and_says_which_data_is_in_use() -> None:
    older = backup(1, "Công an xã Hòa An", datetime(2026, 10, 1, 8, 0, tzinfo=HANOI))
    other = backup(2, "Công an xã Bình Minh", datetime(2026, 10, 2, 8, 0, tzinfo=HANOI))
    newer = backup(3, "Công an xã Hòa An", datetime(2026, 11, 1, 8, 0, tzinfo=HANOI))

    spec = history_table([older, other, newer], [other, newer])

    assert [(row[3], row[5]) for row in spec.rows] == [
        ("PCMT_3.pcmtbk", IN_USE),
        ("PCMT_2.pcmtbk", IN_USE),
        ("PCMT_1.pcmtbk", REPLACED),
    ]
