"""Opening a báo cáo's files with the programs of the computer (Word, Excel, the file manager).

The opener is a parameter so that tests see what would be opened without opening it.
A kept report's file may have been moved or deleted since: that is said, not tried.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

Opener = Callable[[QUrl], bool]


def system_opener(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


def open_path(opener: Opener, path: Path | str, what: str) -> str | None:
    """Open ``path``; the problem in the officer's words, or None when it opened.

    ``what`` names the file in the message ("báo cáo", "phụ lục", "thư mục").
    """
    if not str(path):
        return f"Báo cáo này không có {what}."
    target = Path(path)
    if not target.exists():
        return (
            f"Không tìm thấy {what} {target}: tệp đã bị chuyển đi nơi khác hoặc bị xóa. "
            "Có thể lập lại báo cáo cho cùng kỳ (nút “Dùng lại lời văn”)."
        )
    if not opener(QUrl.fromLocalFile(str(target))):
        return f"Không mở được {what} {target}: máy chưa có chương trình mở loại tệp này."
    return None
