"""Reading an .xlsx a stranger wrote into plain rows, refusing what could hurt us.

A workbook is a zip of XML files, and both layers can be weaponised: a zip bomb (a few
kilobytes that unpack to gigabytes), XML entity expansion ("billion laughs"), a sheet
that claims a million rows. Everything that can be checked before openpyxl parses a sheet
is checked from the zip directory and the first bytes of each part; openpyxl itself
parses through defusedxml (installed as a dependency, and asserted here), which refuses
entity declarations.

Limits (docs/WORKBOOK.md): 200 MB unpacked in total, a compression ratio of at most 100
for any sizeable part, ``MAX_ROWS`` rows per sheet.
"""

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Small parts compress badly or very well without meaning anything; only parts larger
# than this are held to the ratio.
RATIO_FLOOR_BYTES = 1024 * 1024
# Rows per sheet, header included: room for the 500 000 tests of a large district.
MAX_ROWS = 600_000
HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]*)(\d*)(?::([A-Z]*)(\d+))?\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)

Progress = Callable[[int, int], None]


class WorkbookRefused(Exception):  # noqa: N818 - a refusal the officer reads
    """The file is not a workbook we can safely read; the message says why, in Vietnamese."""


@dataclass
class RawSheet:
    """One sheet: its name, the header row's cells, the merged ranges touching row 1."""

    name: str
    part: str  # the sheet's XML path inside the zip
    declared_rows: int | None
    header_merged: bool = False
    rows: Iterator[tuple[int, tuple[Any, ...]]] = field(default_factory=lambda: iter(()))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _refuse(path: Path, why: str) -> WorkbookRefused:
    return WorkbookRefused(f"Không đọc được tệp {path.name}: {why}")


def check_archive(path: Path) -> None:
    """Refuse a file that is not a zip workbook or that unpacks to too much."""
    if not path.is_file():
        raise _refuse(path, "không tìm thấy tệp.")
    if not zipfile.is_zipfile(path):
        raise _refuse(path, "đây không phải là tệp Excel .xlsx.")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise _refuse(path, "tệp nén này không phải là tệp Excel .xlsx.")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
                    info.compress_size, 1
                ):
                    raise _refuse(
                        path,
                        f"phần “{info.filename}” bị nén bất thường (tỷ lệ nén quá {MAX_RATIO} "
                        "lần) — có thể là tệp độc hại.",
                    )
            if total > MAX_UNPACKED_BYTES:
                raise _refuse(
                    path,
                    f"khi giải nén tệp lớn hơn {MAX_UNPACKED_BYTES // (1024 * 1024)} MB — "
                    "quá lớn hoặc là tệp độc hại.",
                )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as part:
                        if _DOCTYPE.search(part.read(HEAD_BYTES)):
                            raise _refuse(
                                path,
                                f"phần “{info.filename}” có khai báo DOCTYPE/ENTITY — tệp "
                                "Excel thật không có, có thể là tệp độc hại.",
                            )
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _refuse(path, f"tệp bị hỏng ({error}).") from error


def _scan_part(archive: zipfile.ZipFile, part: str) -> tuple[int | None, bool]:
    """The rows the sheet's ``dimension`` declares, and whether a merge touches row 1.

    Streams the part in chunks: mergeCells follow the sheet data, so the whole part is
    read, but never held in memory at once.
    """
    declared: int | None = None
    header_merged = False
    tail = b""
    with archive.open(part) as stream:
        first = True
        while chunk := stream.read(CHUNK_BYTES):
            window = tail + chunk
            if first:
                found = _DIMENSION.search(window[:HEAD_BYTES])
                if found:
                    last = found.group(4) or found.group(2)
                    declared = int(last) if last else None
                    if declared is not None and declared > MAX_ROWS:
                        return declared, header_merged
                first = False
            for merge in _MERGE.finditer(window):
                if int(merge.group(2)) <= 1 <= int(merge.group(4)):
                    header_merged = True
            tail = window[-256:]
    return declared, header_merged


def _assert_defused() -> None:
    from openpyxl import xml

    if not xml.DEFUSEDXML:  # pragma: no cover - the dependency is declared
        raise RuntimeError("defusedxml must be installed: openpyxl parses through it")


@dataclass
class Workbook:
    """An open workbook: its sheets in order; close() releases the file."""

    sheets: list[RawSheet]
    _book: Any

    def close(self) -> None:
        self._book.close()


def open_workbook(path: Path) -> Workbook:
    """Check ``path`` and open it read-only; each sheet's rows stream on demand.

    Raises:
        WorkbookRefused: not an .xlsx, a zip bomb, entity declarations, too many rows.
    """
    path = Path(path)
    _assert_defused()
    check_archive(path)
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except WorkbookRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise _refuse(path, f"tệp Excel bị hỏng hoặc không đúng định dạng ({error}).") from error
    sheets: list[RawSheet] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for worksheet in book.worksheets:
                part = str(getattr(worksheet, "_worksheet_path", "")).lstrip("/")
                declared, merged = (None, False)
                if part in archive.namelist():
                    declared, merged = _scan_part(archive, part)
                if declared is not None and declared > MAX_ROWS:
                    raise _refuse(
                        path,
                        f"sheet {worksheet.title} có {_number(declared)} dòng, quá giới hạn "
                        f"{_number(MAX_ROWS)} dòng một sheet.",
                    )
                sheets.append(
                    RawSheet(worksheet.title, part, declared, merged, _rows(worksheet, path))
                )
    except BaseException:
        book.close()
        raise
    return Workbook(sheets, book)


def _rows(worksheet: Any, path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(Excel row number, values) for each row that is not wholly empty."""
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise _refuse(
                path,
                f"sheet {worksheet.title} có hơn {_number(MAX_ROWS)} dòng, quá giới hạn một sheet.",
            )
        if any(value is not None and value != "" for value in values):
            yield number, tuple(values)
