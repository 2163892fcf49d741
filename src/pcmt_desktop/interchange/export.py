"""Writing every registry to the data workbook (.xlsx), safely and in one snapshot.

openpyxl's write-only mode streams rows to the file, so 500 000 tests do not sit in
memory as cell objects. The workbook is written to a temporary file beside the target
and renamed over it at the end: the final name never holds half a workbook, and a
failure (a full disk, a read-only folder, the officer's cancel) leaves no new file.

Only a role that may export gets the workbook (it holds every name of the registries),
and each export is recorded in the audit trail: who, when, which file, how many rows.
"""

import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.interchange import spec
from pcmt_desktop.interchange.rows import SOURCES, Cell, Lookups, Row
from pcmt_desktop.services import audit
from pcmt_desktop.services.registry import Services

DATE_FORMAT = "dd/mm/yyyy"
MAX_WIDTH = 60
Progress = Callable[[int, int], None]
# Report progress at most this often (rows): a callback per row would cost more than
# the row itself.
PROGRESS_EVERY = 2000


class ExportError(Exception):
    """The workbook could not be written; the message says why, in Vietnamese."""


class ExportCancelled(Exception):  # noqa: N818 - a request, not an error
    """Raised by a progress callback to stop the export; nothing is left behind."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    rows: Mapping[str, int]  # data rows per sheet name, in the workbook's order
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def describe(self) -> list[str]:
        """Vietnamese lines: where, then the rows of every sheet that has any."""
        lines = [f"Đã xuất dữ liệu ra tệp {self.path}."]
        lines += [f"{name}: {_number(count)} dòng" for name, count in self.rows.items() if count]
        lines.append(f"Tổng cộng {_number(self.total)} dòng, trong {self.seconds:.1f} giây.")
        return lines


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def column_width(column: spec.ColumnSpec) -> float:
    """Wide enough for the header and the column's typical values."""
    typical = max(column.width, len(column.example) + 2)
    if column.kind in (spec.ColumnKind.DATE, spec.ColumnKind.BIRTH):
        typical = max(typical, 12)
    return float(min(MAX_WIDTH, max(typical, len(column.header) + 3)))


def start_sheet(workbook: Any, sheet: spec.SheetSpec) -> Any:
    """A write-only sheet with its widths, frozen header row and bold headers."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    worksheet = workbook.create_sheet(sheet.name)
    worksheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    bold = Font(bold=True)
    # Extension columns are told apart from the contract's by a paler header.
    fills = {
        True: PatternFill("solid", fgColor="D9E2F3"),
        False: PatternFill("solid", fgColor="EDEDED"),
    }
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, value=column.header)
        cell.font = bold
        cell.fill = fills[column.contract and sheet.contract]
        cell.alignment = Alignment(vertical="center")
        header.append(cell)
    worksheet.append(header)
    return worksheet


def _date_columns(sheet: spec.SheetSpec) -> tuple[int, ...]:
    kinds = (spec.ColumnKind.DATE, spec.ColumnKind.BIRTH)
    return tuple(index for index, column in enumerate(sheet.columns) if column.kind in kinds)


def _dated(worksheet: Any, row: Row, date_columns: Sequence[int]) -> list[Any]:
    """The row with its dates as cells carrying the dd/mm/yyyy format."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = list(row)
    for index in date_columns:
        value: Cell = row[index]
        if isinstance(value, date):
            cell = WriteOnlyCell(worksheet, value=value)
            cell.number_format = DATE_FORMAT
            cells[index] = cell
    return cells


def _temporary_beside(path: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=".~pcmt-", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    return Path(name)


def _os_message(error: OSError, path: Path) -> str:
    if isinstance(error, PermissionError):
        return (
            f"Không ghi được tệp {path}: không có quyền ghi vào thư mục này, hoặc tệp đang "
            "mở trong Excel. Hãy đóng tệp hoặc chọn thư mục khác."
        )
    if isinstance(error, FileNotFoundError):
        return f"Không ghi được tệp {path}: thư mục {path.parent} không tồn tại."
    return f"Không ghi được tệp {path}: {error.strerror or error}."


def save_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` a temporary file beside ``path``, then rename it to ``path``.

    Raises:
        ExportError: the folder or the file cannot be written; no file is left behind.
    """
    path = Path(path)
    try:
        temporary = _temporary_beside(path)
    except OSError as error:
        raise ExportError(_os_message(error, path)) from error
    try:
        write(temporary)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(_os_message(error, path)) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _discard(workbook: Any) -> None:
    """Close a write-only workbook's sheets and remove their temporary files.

    Each write-only sheet streams into its own temporary file through an open XML
    writer; abandoned half-way, the writer would complain when garbage-collected and the
    file would wait for the program's exit. Closing it the normal way ends both.
    """
    for worksheet in workbook.worksheets:
        with suppress(Exception):
            if not worksheet.closed:
                worksheet.close()
        writer = worksheet._writer  # openpyxl keeps the sheet's writer private
        if writer is not None and isinstance(writer.out, str):
            with suppress(OSError, ValueError):
                writer.cleanup()


def export_workbook(
    services: Services, path: Path, progress: Progress | None = None
) -> ExportSummary:
    """Write every registry of the database to ``path`` (.xlsx); see docs/WORKBOOK.md.

    ``progress(done, total)`` is called now and then with rows written so far; it may
    raise ``ExportCancelled`` to stop, which leaves no file.

    Raises:
        PermissionDeniedError: the actor may not export; nothing was read or written.
        ExportError: the file cannot be written (the message says why).
    """
    services.context.require(Permission.EXPORT)
    from openpyxl import Workbook

    started = time.monotonic()
    counts: dict[str, int] = {}

    def write(target: Path) -> None:
        workbook = Workbook(write_only=True)
        try:
            _write_sheets(workbook)
        except BaseException:
            _discard(workbook)
            raise
        workbook.save(target)

    def _write_sheets(workbook: Any) -> None:
        with services.context.reading() as session:
            lookups = Lookups.read(session, services.context.today())
            total = sum(source.count(session) for source in SOURCES)
            done = 0
            if progress is not None:
                progress(0, total)
            for source in SOURCES:
                worksheet = start_sheet(workbook, source.sheet)
                date_columns = _date_columns(source.sheet)
                written = 0
                for row in source.rows(session, lookups):
                    worksheet.append(_dated(worksheet, row, date_columns))
                    written += 1
                    if progress is not None and (done + written) % PROGRESS_EVERY == 0:
                        progress(min(done + written, total), total)
                counts[source.sheet.name] = written
                done += written
            if progress is not None:
                progress(total, total)

    save_atomically(Path(path), write)
    summary = ExportSummary(Path(path), counts, time.monotonic() - started)
    audit.record_event(
        services.context,
        audit.Action.EXPORT,
        f"Xuất dữ liệu ra tệp {Path(path).resolve()} ({_number(summary.total)} dòng)",
        details={"file": str(Path(path).resolve()), "rows": dict(counts)},
    )
    return summary
