"""A widget showing one chart, with its values in a tooltip and "Lưu ảnh PNG…".

The overview lays four of these in a 2x2 grid. While its figures are being computed a
view shows "Đang tính…". Saving goes through the context menu (mouse, or the Menu key
/ Shift+F10 when the view has focus); the main window keeps its own shortcuts.
"""

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolTip, QWidget

from pcmt_desktop.gui.charts.fonts import chart_fonts
from pcmt_desktop.gui.charts.hits import hit_text
from pcmt_desktop.gui.charts.painter import paint_chart, paint_message
from pcmt_desktop.gui.charts.palette import BACKGROUND_COLOUR
from pcmt_desktop.gui.charts.png import ChartSaveError, png_name, save_chart_png
from pcmt_desktop.reports.charts import Chart

COMPUTING_TEXT = "Đang tính…"
SAVE_TEXT = "Lưu ảnh PNG…"
_MINIMUM = QSize(320, 200)
_HINT = QSize(560, 330)


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chart: Chart | None = None
        self._folder: Path | None = None  # where the last picture went: the next goes there
        self.setMinimumSize(_MINIMUM)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(False)
        self.setAccessibleName("Biểu đồ")

    # --- the chart ---------------------------------------------------------------------
    @property
    def chart(self) -> Chart | None:
        return self._chart

    def set_chart(self, chart: Chart | None) -> None:
        """Show ``chart``; None while it is being computed ("Đang tính…")."""
        self._chart = chart
        self.setAccessibleName(chart.title if chart is not None else "Biểu đồ")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return _HINT

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            area = QRectF(self.rect())
            painter.fillRect(area, BACKGROUND_COLOUR)
            if self._chart is None:
                paint_message(painter, area, COMPUTING_TEXT, chart_fonts(area))
            else:
                paint_chart(painter, area, self._chart)
            if self.hasFocus():
                painter.setPen(self.palette().highlight().color())
                painter.drawRect(area.adjusted(0.5, 0.5, -0.5, -0.5))
        finally:
            painter.end()

    def tooltip_at(self, point: QPointF) -> str | None:
        """The values under ``point`` (widget coordinates); None where there are none."""
        if self._chart is None:
            return None
        return hit_text(QRectF(self.rect()), self._chart, point)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # --- saving ------------------------------------------------------------------------
    def context_menu(self) -> QMenu:
        """The view's menu ("Lưu ảnh PNG…"), built afresh so it follows the chart shown."""
        menu = QMenu(self)
        action = menu.addAction(SAVE_TEXT)
        action.setEnabled(self._chart is not None)
        action.triggered.connect(lambda _checked=False: self.save_png_with_dialog())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def save_png(self, path: Path) -> None:
        """Write the shown chart as a 1600x900 PNG at ``path``.

        Raises:
            ChartSaveError: nothing to save yet, or the file cannot be written.
        """
        if self._chart is None:
            raise ChartSaveError(f"Biểu đồ chưa tính xong, chưa lưu được ảnh {path}.")
        save_chart_png(self._chart, path)
        self._folder = Path(path).parent

    def _suggested_path(self, chart: Chart) -> Path:
        folder = self._folder or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
            or Path.home()
        )
        return folder / png_name(chart)

    def save_png_with_dialog(self) -> Path | None:
        """Ask where to save the picture, save it; the path, or None if cancelled or failed."""
        if self._chart is None:
            return None
        chosen, _filter = QFileDialog.getSaveFileName(
            self, SAVE_TEXT.rstrip("…"), str(self._suggested_path(self._chart)), "Ảnh PNG (*.png)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".png":
            path = path.with_name(f"{path.name}.png")
        try:
            self.save_png(path)
        except ChartSaveError as error:
            QMessageBox.warning(self, "Không lưu được ảnh", str(error))
            return None
        return path
