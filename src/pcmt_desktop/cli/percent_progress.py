"""A long command's progress as a percentage, e.g. "Đang xuất dữ liệu: 40%".

On a terminal the line is rewritten in place at every percent; redirected to a log file it
writes a line at every tenth of the way instead, so a log is not flooded with carriage
returns. Backup, restore and export all show their progress this one way.
"""

from typing import TextIO


class PercentProgress:
    """ "{label}: 40%", in place on a terminal, every tenth in a log."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream = stream
        self._label = label
        self._in_place = stream.isatty()
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        steps = 100 if self._in_place else 10
        step = done * steps // max(total, 1)
        if step == self._shown:
            return
        self._shown = step
        text = f"{self._label}: {done * 100 // max(total, 1)}%"
        if self._in_place:
            self._stream.write("\r" + text + ("\n" if done >= total else ""))
        else:
            self._stream.write(text + "\n")
        self._stream.flush()
