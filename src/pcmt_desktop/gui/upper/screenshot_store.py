"""A consolidated store of three invented districts, for the window's README pictures.

Each district is a demo database (the demo generator, a seed of its own) renamed to an
invented district of the demo province, backed up into a real encrypted file and
received into the store, exactly as a province's officer would. Built once per process
in a temporary folder; never written anywhere an officer's data lives.
"""

import atexit
import functools
import shutil
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from pcmt_desktop.backup import BACKUP_SUFFIX, KdfParams, create_backup
from pcmt_desktop.demo import names
from pcmt_desktop.demo.generator import generate_demo
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeInfo
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.store import UpperStore

# (office, place, file name's word, demo seed): invented districts of the demo province.
DISTRICTS = (
    (names.OFFICE_NAME, names.PLACE_NAME, "SonHa", 1),
    ("Công an huyện Bắc Lâm", "Bắc Lâm", "BacLam", 2),
    ("Công an thị xã Đông Khê", "Đông Khê", "DongKhe", 3),
)
PERSONS = 120
# Never shown, never leaves the temporary folder; the cheapest key derivation will do.
PASSPHRASE = "ảnh chụp màn hình"


def _district_database(path: Path, name: str, place: str, seed: int, today: date) -> None:
    database = Database.open(path)
    try:
        services = Services.build(ServiceContext(database.sessions, today=lambda: today))
        generate_demo(services, seed=seed, persons=PERSONS, today=today)
        services.office.update_office(
            OfficeInfo(name, names.OFFICE_LEVEL, names.PARENT_NAME, names.SUB_AREA_LABEL, place)
        )
    finally:
        database.close()


@functools.cache
def screenshot_store_location(today: date) -> StoreLocation:
    """The store's folder, built on the first call; it lasts as long as the process."""
    folder = Path(tempfile.mkdtemp(prefix="pcmt-tong-hop-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    location = StoreLocation(folder=folder / "kho")
    received_at = datetime.combine(today, time(8, 30))
    with UpperStore.open(location) as store:
        for name, place, word, seed in DISTRICTS:
            database = folder / f"{word}.sqlite3"
            _district_database(database, name, place, seed, today)
            backup = folder / f"PCMT_{word}_{today.isoformat()}{BACKUP_SUFFIX}"
            create_backup(database, backup, PASSPHRASE, kdf=KdfParams.fast_for_tests())
            store.add(backup, PASSPHRASE, now=received_at)
    return location
