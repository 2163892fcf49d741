"""Where a báo cáo is saved and under which names.

The default folder is the user's Documents/PCMT; the names say the template and the
period ("BaoCao_cao-diem_2024-10-15_2024-11-12.docx") with the annex beside it
("…_PhuLuc.xlsx"). A name already taken (an earlier report of the same period, which
the list of past reports still points to) gets a number rather than being overwritten.
"""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths

FOLDER_NAME = "PCMT"
ANNEX_SUFFIX = "_PhuLuc"
MAX_NUMBER = 999


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / FOLDER_NAME


def base_name(template_name: str, start: date, end: date) -> str:
    return f"BaoCao_{template_name}_{start.isoformat()}_{end.isoformat()}"


def annex_beside(docx: Path) -> Path:
    """The annex that goes with ``docx``: same folder, same name plus "_PhuLuc"."""
    return docx.with_name(f"{docx.stem}{ANNEX_SUFFIX}.xlsx")


def free_docx(folder: Path, base: str) -> Path:
    """``folder/base.docx`` or, when it or its annex exists, ``base_2``, ``base_3``…"""
    for number in range(1, MAX_NUMBER + 1):
        stem = base if number == 1 else f"{base}_{number}"
        docx = folder / f"{stem}.docx"
        if not docx.exists() and not annex_beside(docx).exists():
            return docx
    return folder / f"{base}_{MAX_NUMBER + 1}.docx"


def as_docx(chosen: str) -> Path:
    """What a save dialog returned, with ".docx" added when the officer left it out."""
    path = Path(chosen)
    return path if path.suffix.lower() == ".docx" else path.with_name(f"{path.name}.docx")
