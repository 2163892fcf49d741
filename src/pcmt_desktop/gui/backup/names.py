"""Where a backup file sent upward is saved by default, and under which name.

"PCMT_SonHa_2026-11-23.pcmtbk" in the officer's Documents: the name says which office and
which day without an accent or a space, so it survives any USB stick, mail system or
archive program on the way up.
"""

import re
import unicodedata
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from pcmt_desktop.backup import BACKUP_SUFFIX
from pcmt_desktop.services.office import OfficeInfo

_POLICE_PREFIX = re.compile(r"^\s*công\s+an(\s+|$)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9]+")
UNNAMED_OFFICE = "DonVi"


def ascii_words(text: str) -> list[str]:
    """The words of ``text`` without accents ("Sơn Hà" → ["Son", "Ha"])."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(bare)


def office_short_name(office: OfficeInfo | None) -> str:
    """The place the office answers for, else its name without "Công an", in CamelCase."""
    if office is None:
        return UNNAMED_OFFICE
    source = office.place_name.strip() or _POLICE_PREFIX.sub("", office.name)
    words = ascii_words(source)
    return "".join(word[:1].upper() + word[1:] for word in words) or UNNAMED_OFFICE


def documents_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home())


def default_backup_name(office: OfficeInfo | None, day: date) -> str:
    return f"PCMT_{office_short_name(office)}_{day.isoformat()}{BACKUP_SUFFIX}"


def with_backup_suffix(chosen: str) -> Path:
    """What a save dialog returned, with ".pcmtbk" added when the officer left it out."""
    path = Path(chosen)
    return (
        path if path.suffix.lower() == BACKUP_SUFFIX else path.with_name(path.name + BACKUP_SUFFIX)
    )
