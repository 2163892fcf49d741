"""Tệp → Khôi phục từ tệp sao lưu…: the current data replaced by a backup's, never merged.

1. The file is verified first (nothing changes if it is refused) and what it holds is
   shown beside what the current database holds.
2. After a confirmation that says what will be replaced and where the current data is
   kept, an automatic "truoc-khoi-phuc" backup is taken.
3. The database is closed (the window holds its lock), ``restore_backup`` replaces it
   (keeping a copy beside it), and the holder opens it again with a new window on it.
A failure at any step leaves the current database as it was and the window working.
"""

from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pcmt_desktop.autobackup import AutoBackupError, AutoBackupResult
from pcmt_desktop.backup import Manifest, RestoreResult, restore_backup
from pcmt_desktop.backup.restore import KEPT_COPY_MARK
from pcmt_desktop.gui.background import Report
from pcmt_desktop.gui.backup.automatic import AutoBackupController
from pcmt_desktop.gui.backup.comparison import Contents, comparison_rows, current_contents
from pcmt_desktop.gui.backup.read_dialog import CHECKING, ReadBackupDialog, read_through
from pcmt_desktop.gui.messages import confirm

TITLE = "Khôi phục từ tệp sao lưu"
RESTORING = "Đang khôi phục dữ liệu"
INTRO = (
    "Thay toàn bộ dữ liệu hiện tại bằng dữ liệu trong một tệp sao lưu (không gộp). Tệp được "
    "kiểm tra trước; dữ liệu hiện tại luôn được giữ lại một bản sao. Với một bản sao lưu "
    "tự động, mật khẩu là khóa khôi phục (Tệp → Cài đặt sao lưu tự động…)."
)
DIFFERENT_BACKGROUND = QColor("#fff2b3")
BUSY = (
    "Chương trình đang sao lưu tự động. Hãy đợi việc sao lưu xong (xem thanh trạng thái) "
    "rồi khôi phục."
)


class DatabaseHolder(Protocol):
    """What holds the window's open database: a restore must close it and reopen it."""

    @property
    def database_path(self) -> Path: ...

    def release(self) -> None:
        """Close the database, so that its lock is free for the restore."""

    def reopen(self, *, replaced: bool) -> QWidget:
        """Open the database again; when ``replaced``, with a new window, returned.

        Raises:
            an opening error (DatabaseOpenError and the like), with its message.
        """
        ...

    def record_restore(self, source: Path) -> None:
        """Say in the restored database's audit trail who restored it, from which file."""


class RestoreDialog(ReadBackupDialog):
    """Verify, compare, confirm, then restore; ``result`` is set when it was done."""

    def __init__(
        self,
        holder: DatabaseHolder,
        parent: QWidget | None = None,
        *,
        backups: AutoBackupController | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent, TITLE, INTRO, path)
        self._holder = holder
        self._backups = backups
        self.manifest: Manifest | None = None
        self.current: Contents | None = None
        self.before_backup: AutoBackupResult | None = None
        self.restored: RestoreResult | None = None
        self.restored_from: Path | None = None
        self.window_after: QWidget | None = None
        self.table = self._comparison_table()
        self.summary.hide()  # the comparison table says what the file holds
        self.check_button, self.restore_button = self.add_buttons(
            ("&Kiểm tra tệp", self.check), ("Khôi &phục…", self.restore)
        )
        self.check_button.setDefault(True)
        self.lay_out(self.form, self.table, (760, 620))
        self.update_buttons()

    def _comparison_table(self) -> QTableWidget:
        table = QTableWidget(0, 3, self)
        table.setHorizontalHeaderLabels(["", "Trong tệp sao lưu", "Dữ liệu hiện tại"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        return table

    # --- state ----------------------------------------------------------------------------
    def update_buttons(self) -> None:
        ready = not self.busy and self.ready()
        self.check_button.setEnabled(ready)
        self.restore_button.setEnabled(ready and self.manifest is not None)

    def fields_changed(self) -> None:
        """Another file or passphrase: what was verified no longer stands for it."""
        if self.manifest is not None:
            self.manifest = None
            self.table.setRowCount(0)
            self.status.clear()
        self.update_buttons()

    # --- 1. verify and compare ------------------------------------------------------------
    def check(self) -> bool:
        chosen = self.chosen()
        if chosen is None:
            return False
        path, passphrase = chosen
        self.fields_changed()  # a new check: the last one no longer stands

        def work(report: Report) -> Manifest:
            return read_through(path, passphrase, report)

        self.run_job(CHECKING, work, self._show_comparison)
        return True

    def _show_comparison(self, manifest: Manifest) -> None:
        self.manifest = manifest
        try:
            self.current = current_contents(self._holder.database_path)
        except Exception:  # a damaged current database is what one restores over
            self.current = None
        rows = comparison_rows(manifest, self.current)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate((row.label, row.in_backup, row.current)):
                item = QTableWidgetItem(text)
                if row.differs:
                    item.setBackground(QBrush(DIFFERENT_BACKGROUND))
                self.table.setItem(index, column, item)
        self.show_summary(
            "Tệp sao lưu nguyên vẹn. So sánh bên dưới (dòng tô vàng là khác nhau), "
            "rồi bấm “Khôi phục…” nếu đúng là dữ liệu cần khôi phục.",
            [],
        )
        self.update_buttons()

    def confirmation(self) -> str:
        """What the officer is asked before anything is replaced."""
        manifest = self.manifest
        assert manifest is not None
        backup = Contents.of_manifest(manifest)
        database = self._holder.database_path
        when = f"{manifest.created_at.astimezone():%d/%m/%Y %H:%M}"
        current = (
            f"{self.current.office_text()}, {self.current.persons} đối tượng"
            if self.current is not None
            else "không đọc được"
        )
        lines = [
            f"Dữ liệu hiện tại ({current}) sẽ được thay bằng dữ liệu trong tệp sao lưu "
            f"({backup.office_text()}, sao lưu lúc {when}, {backup.persons} đối tượng).",
        ]
        if (
            self.current is not None
            and self.current.office_name
            and backup.office_name
            and self.current.office_name != backup.office_name
        ):
            lines.append(
                f"LƯU Ý: tệp sao lưu là của đơn vị khác ({backup.office_name}), "
                f"không phải {self.current.office_name}."
            )
        kept = f"{database.stem}.{KEPT_COPY_MARK}-<ngày giờ>.sqlite3"
        lines.append(
            f"Một bản sao của dữ liệu hiện tại được giữ tại {database.parent} (tệp {kept})"
            + (
                f", và một bản sao lưu tự động được tạo trước trong {self._backups.auto.folder()}."
                if self._backups is not None
                else "."
            )
        )
        lines.append("Khôi phục?")
        return "\n\n".join(lines)

    # --- 2, 3. back up, then restore ------------------------------------------------------
    def restore(self, *, ask: bool = True) -> bool:
        """Restore the verified file; False when it did not start (declined, refused).

        ``ask=False`` answers yes to every question (tests).
        """
        chosen = self.chosen()
        if chosen is None or self.manifest is None:
            return False
        path, passphrase = chosen
        if self._backups is not None and self._backups.busy:
            self.show_failure(AutoBackupError(BUSY))
            return False
        if ask and not confirm(self, TITLE, self.confirmation()):
            return False
        if not self._back_up_first(ask=ask):
            return False
        database = self._holder.database_path
        self.restored_from = path
        self._holder.release()

        def work(report: Report) -> RestoreResult:
            return restore_backup(
                path,
                passphrase,
                database,
                progress=lambda done, total: report(RESTORING, done, total),
            )

        self.run_job(
            RESTORING,
            work,
            lambda result: self._restored(result, ask=ask),
            lambda _error: self._reopen_unchanged(),
        )
        return True

    def _back_up_first(self, *, ask: bool) -> bool:
        if self._backups is None:
            return True
        try:
            self.before_backup = self._backups.before_restore(self)
        except AutoBackupError as error:
            question = (
                f"Chưa tạo được bản sao lưu tự động trước khi khôi phục.\n\n{error}\n\n"
                "Việc khôi phục vẫn giữ một bản sao của dữ liệu hiện tại bên cạnh tệp dữ "
                "liệu. Vẫn khôi phục?"
            )
            if ask and not confirm(self, TITLE, question):
                self.show_failure(error)
                return False
        return True

    def _restored(self, result: RestoreResult, *, ask: bool) -> None:
        self.restored = result
        self.passphrase.clear()
        try:
            window = self._holder.reopen(replaced=True)
        except Exception as error:  # the restored file opened once already: unlikely
            self._reopen_failed(error)
            return
        self.window_after = window
        if self.restored_from is not None:
            self._holder.record_restore(self.restored_from)
        self.accept()
        if ask:
            QMessageBox.information(window, TITLE, "\n".join(self.outcome_lines()))

    def _reopen_unchanged(self) -> None:
        # Nothing was replaced: the same database opens again under the same window.
        try:
            self.window_after = self._holder.reopen(replaced=False)
        except Exception as error:
            self._reopen_failed(error)

    def _reopen_failed(self, error: Exception) -> None:
        QMessageBox.critical(
            self,
            TITLE,
            f"Không mở lại được cơ sở dữ liệu {self._holder.database_path}: {error}\n\n"
            "Hãy đóng rồi mở lại chương trình.",
        )

    def outcome_lines(self) -> list[str]:
        """What was done, said once the new window is up."""
        if self.restored is None:
            return []
        lines = [
            f"Đã khôi phục dữ liệu từ tệp {self.restored_from} "
            f"({Contents.of_manifest(self.restored.manifest).office_text()}).",
        ]
        if self.restored.kept_copy is not None:
            lines.append(f"Dữ liệu có trước được giữ lại tại {self.restored.kept_copy}.")
        if self.before_backup is not None:
            lines.append(
                f"Bản sao lưu tự động trước khi khôi phục: {self.before_backup.entry.file}."
            )
        return lines
