"""Receiving several backup files one after another, each in a worker thread.

The officer types one passphrase for the lot. Each file is tried with every passphrase
typed so far, the last one that opened a file first (offices of a district often share
one; Argon2id makes each try last about a second); a file none of them opens is asked
for again, by name. Whatever happens to one file (added, replaced, already held, older,
refused and why) becomes one line of the result, and the next file is received.
"""

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import SQLAlchemyError

from pcmt_desktop.backup import BackupError, WrongPassphraseError
from pcmt_desktop.gui.background import Outcome, Report, start_task
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.store import AddResult, UpperStore

# (file, why asked) → the passphrase typed, or None when the officer gave up on the file.
AskPassphrase = Callable[[Path, str], str | None]
Clock = Callable[[], datetime]


class LineKind(Enum):
    CHANGED = "changed"  # the store now holds data it did not
    UNCHANGED = "unchanged"  # already held, or older than what is held
    REFUSED = "refused"  # the file could not be received: the message says why


@dataclass(frozen=True)
class ReceptionLine:
    file: Path
    kind: LineKind
    message: str


def skipped_message(path: Path) -> str:
    return f"Không nhận tệp {path.name}: chưa có mật khẩu đúng của tệp này."


class Reception(QObject):
    """One reception of ``files``; ``finished`` once every file has its line."""

    progressed = Signal(str, int)  # what is being done, permille
    line_added = Signal(object)  # ReceptionLine
    finished = Signal()

    def __init__(
        self,
        store: UpperStore,
        files: Sequence[Path],
        passphrase: str,
        *,
        ask_passphrase: AskPassphrase,
        now: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._files = list(files)
        self._passphrases = [passphrase]
        self._ask = ask_passphrase
        self._now = now
        self._index = 0
        self.lines: list[ReceptionLine] = []
        self.running = False

    def start(self) -> None:
        self.running = True
        self._next()

    # --- one file ------------------------------------------------------------------------
    def _next(self) -> None:
        if self._index >= len(self._files):
            self.running = False
            self.finished.emit()
            return
        path = self._files[self._index]
        label = f"Đang nhận tệp {self._index + 1}/{len(self._files)}: {path.name}"
        self.progressed.emit(label, 0)
        candidates = list(self._passphrases)
        now = self._now()

        def work(report: Report) -> tuple[AddResult, str]:
            def progress(done: int, total: int) -> None:
                report("", done, total)  # the label is this reception's own

            return _add_with_any(self._store, path, candidates, progress, now)

        start_task(
            work,
            owner=self,
            on_progress=lambda _what, value: self.progressed.emit(label, value),
            on_done=lambda outcome: self._file_done(path, outcome),
        )

    def _file_done(self, path: Path, outcome: Outcome) -> None:
        error = outcome.error
        if isinstance(error, WrongPassphraseError):
            typed = self._ask(path, str(error))
            if typed is None:
                self._add_line(ReceptionLine(path, LineKind.REFUSED, skipped_message(path)))
            else:
                self._passphrases = [typed, *(p for p in self._passphrases if p != typed)]
                self._next()  # the same file again, with the passphrase just typed first
                return
        elif error is not None:
            self._add_line(ReceptionLine(path, LineKind.REFUSED, _refusal(path, error)))
        else:
            result, used = outcome.value
            # The passphrase that opened this file is the likeliest for the next one.
            self._passphrases = [used, *(p for p in self._passphrases if p != used)]
            kind = LineKind.CHANGED if result.outcome.changes_store else LineKind.UNCHANGED
            self._add_line(ReceptionLine(path, kind, result.message()))
        self._index += 1
        self._next()

    def _add_line(self, line: ReceptionLine) -> None:
        self.lines.append(line)
        self.line_added.emit(line)


def _add_with_any(
    store: UpperStore,
    path: Path,
    passphrases: Sequence[str],
    progress: Callable[[int, int], None],  # done, total
    now: datetime,
) -> tuple[AddResult, str]:
    """Runs in the worker thread: the first passphrase that opens the file receives it.

    The last one's WrongPassphraseError is what the caller sees when none does.
    """
    *others, last = passphrases
    for passphrase in others:
        with suppress(WrongPassphraseError):
            return store.add(path, passphrase, progress=progress, now=now), passphrase
    return store.add(path, last, progress=progress, now=now), last


def _refusal(path: Path, error: Exception) -> str:
    """The officer's words: the backup module's and the store's messages are already theirs."""
    if isinstance(error, BackupError | UpperStoreError):
        return str(error)
    if isinstance(error, OSError):
        return f"Không đọc được tệp {path.name}: {error.strerror or error}. Kho không thay đổi gì."
    if isinstance(error, SQLAlchemyError):
        return f"Không ghi được vào kho tổng hợp khi nhận tệp {path.name}: {error}."
    return f"Không nhận được tệp {path.name}: lỗi không lường trước ({error})."
