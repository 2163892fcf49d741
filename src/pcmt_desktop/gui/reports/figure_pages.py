"""Every page of the figures preview, in the order the báo cáo tells them."""

from collections.abc import Callable, Mapping
from typing import Any

from pcmt_desktop.gui.reports.figure_table import FigurePage
from pcmt_desktop.gui.reports.pages_cases import cases_page, plants_page, targets_page
from pcmt_desktop.gui.reports.pages_lists import by_sub_area_page, lists_page, surveillance_page
from pcmt_desktop.gui.reports.pages_work import dossiers_page, hotspots_page, tests_page

PAGES: tuple[Callable[[Mapping[str, Any]], FigurePage], ...] = (
    lists_page,
    by_sub_area_page,
    tests_page,
    dossiers_page,
    surveillance_page,
    hotspots_page,
    plants_page,
    cases_page,
    targets_page,
)
# The area classification has a page of its own with the key-route ticks (area_classes_view).
AREA_CLASSES_TITLE = "Phân loại địa bàn"


def figure_pages(figures: Mapping[str, Any]) -> list[FigurePage]:
    return [build(figures) for build in PAGES]
