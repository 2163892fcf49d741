"""The level above's window as the README shows it: three districts received, figures shown.

Factories of the shape ``gui/screenshots.py`` lists (services, parent → widget): the
store is the invented one of ``screenshot_store``, the day the office database's.
"""

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QWidget

from pcmt_desktop.gui.reports.period_choices import PeriodMode
from pcmt_desktop.gui.upper.screenshot_store import screenshot_store_location
from pcmt_desktop.gui.upper.window import UpperWindow
from pcmt_desktop.services.registry import Services
from pcmt_desktop.upper.store import UpperStore

BY_OFFICE_TITLE = "Theo đơn vị"


def _window(services: Services, parent: QWidget) -> UpperWindow:
    today = services.context.today
    store = UpperStore.open(screenshot_store_location(today()))
    window = UpperWindow(store, parent, today=today, now=services.context.now)
    window.resize(parent.size())
    return window


def received_offices(services: Services, parent: QWidget) -> QWidget:
    return _window(services, parent)


def combined_figures(services: Services, parent: QWidget) -> QWidget:
    """The year's combined figures, compared, on the "Theo đơn vị" page."""
    window = _window(services, parent)
    page = window.combined_page
    window.tabs.setCurrentWidget(page)
    page.period.choose_mode(PeriodMode.YEAR)
    page.period.compare_box.setChecked(True)
    waiting = QEventLoop()
    page.computed.connect(waiting.quit)
    if page.show_figures(ask=False):
        waiting.exec()  # the figures are computed in a worker thread
    views = page.figures_view
    views.pages.setCurrentIndex(views.page_titles().index(BY_OFFICE_TITLE))
    return window
