"""The audit rows an officer filtered, written to an Excel file to print or send on.

Written to a temporary file beside the target, then renamed over it: a failure half way
leaves no half-written workbook under the name the officer chose.
"""

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from pcmt_desktop.gui.audit.entities import entity_label
from pcmt_desktop.gui.widgets.audit_text import AuditFormatter
from pcmt_desktop.services.audit_query import AuditRow

SHEET_TITLE = "Nhật ký thao tác"
HEADERS = (
    "Số",
    "Thời điểm",
    "Người thực hiện",
    "Thao tác",
    "Loại bản ghi",
    "Mã bản ghi",
    "Nội dung",
    "Chi tiết (trước → sau)",
)
WIDTHS = (8, 18, 18, 22, 24, 11, 60, 70)
COLUMN_LETTERS = "ABCDEFGH"


def write_audit_workbook(
    rows: Iterable[AuditRow], formatter: AuditFormatter, path: Path, *, heading: str
) -> int:
    """Write ``rows`` under ``heading`` (what was filtered) to ``path``; how many rows.

    Raises:
        OSError: the file cannot be written (nothing is left under ``path``'s name then).
    """
    from openpyxl import Workbook  # here: openpyxl is a fifth of a second of start-up
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    count = 0
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        record = row.record
        details = formatter.change_lines(record.entity, record.before, record.after)
        sheet.append(
            [
                row.id,
                record.at,
                record.user_name,
                record.action_label,
                entity_label(record.entity),
                record.entity_id,
                record.summary,
                "\n".join(details),
            ]
        )
        count += 1
        line = sheet.max_row
        sheet.cell(line, 2).number_format = "DD/MM/YYYY HH:MM:SS"
        for column in (7, 8):
            sheet.cell(line, column).alignment = wrap
    for letter, width in zip(COLUMN_LETTERS, WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        book.save(temporary)
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return count
