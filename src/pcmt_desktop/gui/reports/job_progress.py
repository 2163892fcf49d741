"""The progress dialog of making a báo cáo: the steps as a checklist, the current one marked."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from pcmt_desktop.gui.reports.report_job import STEPS, Step

DONE_MARK = "✓"
DOING_MARK = "►"
WAITING_MARK = "  "


def checklist(current: Step | None) -> str:
    """Each step on its line: done ones ticked, the current one pointed at."""
    reached = STEPS.index(current) if current is not None else len(STEPS)
    lines = []
    for index, step in enumerate(STEPS):
        mark = DONE_MARK if index < reached else DOING_MARK if index == reached else WAITING_MARK
        lines.append(f"{mark} {step.value}")
    return "\n".join(lines)


class JobProgress:
    """Feeds ``run_job``'s steps to a window-modal progress dialog (no cancel: it is quick)."""

    def __init__(self, parent: QWidget | None) -> None:
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowTitle("Đang lập báo cáo")
        self.dialog.setCancelButton(None)
        self.dialog.setRange(0, len(STEPS))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.seen: list[Step] = []

    def __call__(self, step: Step) -> None:
        self.seen.append(step)
        self.dialog.setLabelText(checklist(step))
        self.dialog.setValue(STEPS.index(step))
        # The work runs on the GUI thread: let the dialog paint before each step.
        QApplication.processEvents()

    def finish(self) -> None:
        self.dialog.setLabelText(checklist(None))
        self.dialog.setValue(len(STEPS))
        self.dialog.reset()
        self.dialog.deleteLater()
