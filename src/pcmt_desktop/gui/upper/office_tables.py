"""The received offices and the history of received files, as the preview's plain tables.

Built from the catalog (``ReceivedBackup``) before any widget exists, in the same
``FigureTable`` form as the figures preview, so that one widget shows both and the
wording is tested without Qt. Counts are the manifest's: what the office's database held
when the backup was made.
"""

from collections.abc import Sequence

from pcmt_desktop.gui.reports.figure_table import TOTAL_LABEL, FigurePage, FigureTable, written
from pcmt_desktop.gui.upper.moments import moment_text
from pcmt_desktop.upper.catalog import ReceivedBackup

# The registries an officer of the level above looks at first (manifest table → header).
COUNT_COLUMNS = (
    ("person", "Đối tượng"),
    ("drug_test", "Lượt test ma túy"),
    ("dossier", "Hồ sơ CNBB"),
    ("hotspot", "Điểm, tụ điểm"),
    ("plant_seizure", "Vụ phá nhổ cây"),
    ("drug_case", "Vụ việc"),
)
OFFICE_HEADERS = (
    "Đơn vị",
    "Cấp trên",
    "Thời điểm sao lưu",
    "Nhận lúc",
    *(header for _table, header in COUNT_COLUMNS),
)
HISTORY_HEADERS = ("Nhận lúc", "Đơn vị", "Thời điểm sao lưu", "Tệp", "Phiên bản PCMT", "Dữ liệu")
OFFICES_TITLE = "Dữ liệu đang có của các đơn vị"
HISTORY_TITLE = "Các tệp sao lưu đã nhận (mới nhất trước)"
NO_OFFICE = (
    "Chưa nhận tệp sao lưu của đơn vị nào. Bấm “Nhận tệp sao lưu…” (Ctrl+O) và chọn các tệp "
    ".pcmtbk các đơn vị gửi lên."
)
NO_PARENT = "(chưa khai báo)"
IN_USE = "Đang dùng"
REPLACED = "Đã thay bằng bản mới hơn"


def offices_table(offices: Sequence[ReceivedBackup]) -> FigureTable:
    """One row per office whose data the store holds, then the totals of the counts."""
    rows = [
        (
            backup.office_name,
            backup.parent_name or NO_PARENT,
            moment_text(backup.created_at),
            moment_text(backup.received_at),
            *(written(backup.counts.get(table)) for table, _header in COUNT_COLUMNS),
        )
        for backup in offices
    ]
    if rows:
        totals = (
            sum(int(backup.counts.get(table, 0)) for backup in offices)
            for table, _header in COUNT_COLUMNS
        )
        rows.append((f"{TOTAL_LABEL} ({len(offices)} đơn vị)", "", "", "", *map(written, totals)))
    return FigureTable(
        OFFICES_TITLE,
        OFFICE_HEADERS,
        tuple(rows),
        text_columns=4,
        summary_rows=1 if rows else 0,
        empty_note=NO_OFFICE,
    )


def history_table(
    history: Sequence[ReceivedBackup], offices: Sequence[ReceivedBackup]
) -> FigureTable:
    """Every file received, newest first; says which ones the store's data comes from."""
    current = {backup.id for backup in offices}
    rows = tuple(
        (
            moment_text(backup.received_at),
            backup.office_name,
            moment_text(backup.created_at),
            backup.file_name,
            backup.program_version,
            IN_USE if backup.id in current else REPLACED,
        )
        for backup in reversed(history)
    )
    return FigureTable(
        HISTORY_TITLE,
        HISTORY_HEADERS,
        rows,
        text_columns=len(HISTORY_HEADERS),
        empty_note="Chưa nhận tệp nào.",
    )


def received_page(
    offices: Sequence[ReceivedBackup], history: Sequence[ReceivedBackup], note: str
) -> FigurePage:
    return FigurePage(
        "received",
        "Các đơn vị đã nhận",
        (offices_table(offices), history_table(history, offices)),
        note=note,
    )
