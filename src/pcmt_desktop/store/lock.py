"""One program at a time on one database file.

The lock is an operating-system lock on a file beside the database. The system drops it
when the process dies, however it dies, so a crash never leaves a lock that blocks the
next start; the file itself may stay behind and is harmless.
"""

import os
import sys
from pathlib import Path
from types import TracebackType


class DatabaseInUseError(Exception):
    """Another running copy of the program holds this database."""

    def __init__(self, database: Path) -> None:
        super().__init__(
            f"Cơ sở dữ liệu {database} đang được mở bởi một cửa sổ PCMT khác trên máy này. "
            "Hãy dùng cửa sổ đang mở, hoặc đóng nó rồi mở lại."
        )


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class DatabaseLock:
    """An exclusive, non-blocking lock held for as long as the database is open."""

    def __init__(self, database: Path) -> None:
        self._database = database
        self._path = lock_path_for(database)
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_file(fd)
        except OSError as error:
            os.close(fd)
            raise DatabaseInUseError(self._database) from error
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock_file(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "DatabaseLock":
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock_file(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_file(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
