"""A manifest told in Vietnamese lines: what the command line prints and the window shows."""

from pcmt_desktop.backup.counts import REGISTRY_TABLES, label_for
from pcmt_desktop.backup.manifest import Manifest
from pcmt_desktop.domain.number_text import format_decimal, format_whole

_UNITS = ((1024**3, "GB"), (1024**2, "MB"), (1024, "KB"))


def format_size(size: int) -> str:
    """1_258_291 → "1,2 MB"; small sizes in bytes."""
    for factor, unit in _UNITS:
        if size >= factor:
            return f"{format_decimal(size / factor, 1)} {unit}"
    return f"{format_whole(size)} byte"


def describe(manifest: Manifest, file_bytes: int | None = None) -> list[str]:
    office = manifest.office_name or "(chưa khai báo đơn vị)"
    level = f" — cấp {manifest.level}" if manifest.level else ""
    lines = [f"Đơn vị: {office}{level}"]
    if manifest.parent_name:
        lines.append(f"Đơn vị cấp trên: {manifest.parent_name}")
    local = manifest.created_at.astimezone()
    lines += [
        f"Thời điểm sao lưu: {local:%d/%m/%Y %H:%M:%S}",
        f"Phiên bản chương trình: {manifest.program_version}",
        f"Phiên bản dữ liệu: {manifest.schema_revision}",
        "Số bản ghi:",
    ]
    known = [table for table, _ in REGISTRY_TABLES if table in manifest.counts]
    others = sorted(set(manifest.counts) - set(known))
    for table in [*known, *others]:
        lines.append(f"  {label_for(table)}: {format_whole(manifest.counts[table])}")
    lines.append(f"Dung lượng cơ sở dữ liệu: {format_size(manifest.database_bytes)}")
    if file_bytes is not None:
        lines.append(f"Dung lượng tệp sao lưu: {format_size(file_bytes)}")
    return lines
