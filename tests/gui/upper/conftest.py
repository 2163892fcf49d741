"""Invented offices' real backup files, and the level above's window on a SQLite store.

The offices are demo databases renamed and backed up with ``tests/upper/offices.py``; a
third one is backed up under another passphrase, as an office that chose its own.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from pcmt_desktop.backup import KdfParams, create_backup
from pcmt_desktop.gui.upper.window import UpperWindow
from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.store import UpperStore
from tests.upper.offices import TODAY, OfficeFile, make_database, make_office

OTHER_PASSPHRASE = "Mật khẩu riêng của Tân Phú"
NOW = datetime(2026, 11, 23, 9, 30)


@dataclass(frozen=True)
class Districts:
    hoa_an: OfficeFile
    binh_minh: OfficeFile
    tan_phu: OfficeFile  # backed up with OTHER_PASSPHRASE


@pytest.fixture(scope="session")
def districts(tmp_path_factory: pytest.TempPathFactory) -> Districts:
    folder = tmp_path_factory.mktemp("districts")
    hoa_an = make_office(folder, "hoa-an", "Công an xã Hòa An", "Hòa An", 11)
    binh_minh = make_office(folder, "binh-minh", "Công an xã Bình Minh", "Bình Minh", 12)
    database = folder / "tan-phu.sqlite3"
    make_database(database, "Công an thị trấn Tân Phú", "Tân Phú", 13)
    backup = folder / "tan-phu.pcmtbk"
    manifest = create_backup(database, backup, OTHER_PASSPHRASE, kdf=KdfParams.fast_for_tests())
    tan_phu = OfficeFile(manifest.office_name, database, backup, manifest)
    return Districts(hoa_an, binh_minh, tan_phu)


class RecordingOpener:
    """Stands for the computer's programs: records what would be opened."""

    def __init__(self) -> None:
        self.opened: list[Path] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(Path(url.toLocalFile()))
        return True


class Asker:
    """Stands for the officer asked again for a file's passphrase: answers as told."""

    def __init__(self, answer: str | None = None) -> None:
        self.answer = answer
        self.asked: list[tuple[Path, str]] = []

    def __call__(self, path: Path, problem: str) -> str | None:
        self.asked.append((path, problem))
        return self.answer


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UpperStore]:
    with UpperStore.open(StoreLocation(folder=tmp_path / "tong-hop")) as opened:
        yield opened


@pytest.fixture
def opener() -> RecordingOpener:
    return RecordingOpener()


@pytest.fixture
def asker() -> Asker:
    return Asker()


@pytest.fixture
def window(
    qtbot: QtBot, store: UpperStore, opener: RecordingOpener, asker: Asker
) -> Iterator[UpperWindow]:
    widget = UpperWindow(
        store, today=lambda: TODAY, now=lambda: NOW, opener=opener, ask_again=asker
    )
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: not widget.busy, timeout=60_000)
