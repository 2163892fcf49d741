"""Child processes for the fault tests, killed or starved by their parent test.

python -m tests.backup.children write DATABASE
    adds persons through the service forever, printing each id once it is committed.
python -m tests.backup.children create DATABASE OUT
    makes a backup and stops half-way through writing it (printing "dang-ghi") to be killed.
python -m tests.backup.children full DATABASE OUT LIMIT
    makes a backup with files limited to LIMIT bytes (a full disk) and prints the outcome.
"""

import resource
import signal
import sys
import time
from pathlib import Path

from pcmt_desktop.backup import BackupError, KdfParams, create_backup
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.backup.helpers import PASSPHRASE, SMALL_CHUNK


def write_forever(database_path: Path) -> None:
    database = Database.open(database_path)
    persons = Services.build(ServiceContext(database.sessions)).persons
    number = 0
    while True:
        number += 1
        record = persons.add(PersonInput(full_name=f"Nguyễn Văn Thử {number}", birth_year=1990))
        print(record.id, flush=True)


def create_and_stall(database_path: Path, out: Path) -> None:
    def progress(done: int, total: int) -> None:
        if 0 < done < total:
            print("dang-ghi", flush=True)
            time.sleep(120)

    create_backup(
        database_path,
        out,
        PASSPHRASE,
        progress=progress,
        kdf=KdfParams.fast_for_tests(),
        chunk_size=SMALL_CHUNK,
    )


def create_on_a_full_disk(database_path: Path, out: Path, limit: int) -> None:
    # Past the limit a write fails with EFBIG instead of killing the process, as a full
    # disk fails with ENOSPC.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        create_backup(database_path, out, PASSPHRASE, kdf=KdfParams.fast_for_tests())
    except BackupError as error:
        print(f"{type(error).__name__}: {error}", flush=True)
        return
    print("ok", flush=True)


def main(argv: list[str]) -> None:
    mode, database = argv[0], Path(argv[1])
    if mode == "write":
        write_forever(database)
    elif mode == "create":
        create_and_stall(database, Path(argv[2]))
    elif mode == "full":
        create_on_a_full_disk(database, Path(argv[2]), int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
