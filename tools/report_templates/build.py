"""Writes resources/templates/so-ket.docx and cao-diem.docx from the code beside this file.

The output is byte-for-byte reproducible (fixed document properties, fixed dates inside
the zip), so a rebuild that changes nothing shows no difference in git.
"""

import argparse
import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document

from tools.report_templates import cao_diem, so_ket
from tools.report_templates.docformat import define_styles, page_setup

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = ROOT / "resources" / "templates"
FIXED_TIME = datetime(2026, 1, 1)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"

BODIES: dict[str, tuple[str, Callable[[Any], None]]] = {
    "so-ket": ("Báo cáo sơ kết, tổng kết định kỳ", so_ket.build),
    "cao-diem": ("Báo cáo giai đoạn cao điểm", cao_diem.build),
}


def build(name: str) -> bytes:
    """The .docx bytes of template ``name``."""
    title, body = BODIES[name]
    document = Document()
    define_styles(document)
    page_setup(document)
    _drop_stale_parts(document)
    # The default template starts with no paragraph; the heading table comes first.
    body(document)
    properties = document.core_properties
    properties.title = title
    properties.author = "PCMT"
    properties.last_modified_by = "PCMT"
    properties.comments = ""
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())


def _drop_stale_parts(document: Any) -> None:
    """Leave out python-docx's Word 2010 style copy (theme fonts) and its blank thumbnail."""
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            document.part.drop_rel(rid)
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == THUMBNAIL:
            package_rels.pop(rid)


def _reproducible(content: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_all(folder: Path = OUTPUT_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in BODIES:
        path = folder / f"{name}.docx"
        path.write_bytes(build(name))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo lại hai mẫu báo cáo .docx có sẵn.")
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help="thư mục ghi mẫu")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(path)
    return 0
