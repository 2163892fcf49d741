"""Invented offices for the level above's tests: demo databases, renamed, made into backups.

Every office is a real database filled by the demo generator (a different seed each) under
an invented name, then a real encrypted backup file made by ``create_backup`` with the
fast test key derivation. The office's own database is kept beside its backup, so a test
can compare the level above's figures with what the office itself computes.
"""

import shutil
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pcmt_desktop.backup import KdfParams, Manifest, create_backup
from pcmt_desktop.demo.generator import generate_demo
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeInfo
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

TODAY = date(2026, 11, 23)
PERIOD = (date(2025, 12, 15), date(2026, 11, 14))
PASSPHRASE = "Mật khẩu tổng hợp 2026"
PARENT = "Công an tỉnh Nam Hòa"
PERSONS = 40
OLD_SCHEMA_FIXTURE = Path(__file__).parents[1] / "store" / "fixtures" / "schema_0002.sqlite3"


@dataclass(frozen=True)
class OfficeFile:
    name: str
    database: Path
    backup: Path
    manifest: Manifest


def make_database(path: Path, name: str, place: str, seed: int) -> None:
    """A demo database of ``PERSONS`` persons whose office is called ``name``."""
    database = Database.open(path)
    try:
        services = Services.build(ServiceContext(database.sessions, today=lambda: TODAY))
        generate_demo(services, seed=seed, persons=PERSONS, today=TODAY)
        office = services.office.office()
        assert office is not None
        services.office.update_office(
            OfficeInfo(
                name=name,
                level="Xã",
                parent_name=PARENT,
                sub_area_label=office.sub_area_label,
                place_name=place,
            )
        )
    finally:
        database.close()


def back_up(database: Path, out: Path, *, after: datetime | None = None) -> Manifest:
    """A real backup file; made in a later second than ``after`` when given.

    Backups carry their moment to the second; a "newer backup" must really be newer.
    """
    while after is not None and datetime.now().astimezone().replace(microsecond=0) <= after:
        time.sleep(0.05)
    return create_backup(database, out, PASSPHRASE, kdf=KdfParams.fast_for_tests())


def make_office(folder: Path, key: str, name: str, place: str, seed: int) -> OfficeFile:
    database = folder / f"{key}.sqlite3"
    make_database(database, name, place, seed)
    backup = folder / f"{key}.pcmtbk"
    return OfficeFile(name, database, backup, back_up(database, backup))


def make_old_schema_office(folder: Path) -> OfficeFile:
    """The schema-0002 fixture database (an office that has not updated PCMT) backed up."""
    database = folder / "old.sqlite3"
    shutil.copyfile(OLD_SCHEMA_FIXTURE, database)
    backup = folder / "old.pcmtbk"
    manifest = back_up(database, backup)
    return OfficeFile(manifest.office_name, database, backup, manifest)


@dataclass(frozen=True)
class Offices:
    """Three offices, a newer backup of the first, and an office on an older schema."""

    hoa_an: OfficeFile
    binh_minh: OfficeFile
    tan_phu: OfficeFile
    hoa_an_newer: OfficeFile
    old_schema: OfficeFile

    @property
    def three(self) -> list[OfficeFile]:
        return [self.hoa_an, self.binh_minh, self.tan_phu]


def make_offices(folder: Path) -> Offices:
    hoa_an = make_office(folder, "hoa-an", "Công an xã Hòa An", "Hòa An", 11)
    binh_minh = make_office(folder, "binh-minh", "Công an xã Bình Minh", "Bình Minh", 12)
    tan_phu = make_office(folder, "tan-phu", "Công an thị trấn Tân Phú", "Tân Phú", 13)
    # The same office later: its data moved on (another seed stands for months of work).
    newer_database = folder / "hoa-an-newer.sqlite3"
    make_database(newer_database, hoa_an.name, "Hòa An", 21)
    newer_backup = folder / "hoa-an-newer.pcmtbk"
    newer = OfficeFile(
        hoa_an.name,
        newer_database,
        newer_backup,
        back_up(newer_database, newer_backup, after=hoa_an.manifest.created_at),
    )
    return Offices(hoa_an, binh_minh, tan_phu, newer, make_old_schema_office(folder))
