"""The overview tab's data (Tổng quan): today's work, data quality, the charts' figures.

No Qt here: ``load_overview(context, today)`` returns plain values that the tab
(``gui.overview``) draws and the tests check.
"""

from pcmt_desktop.overview.loader import Overview, load_overview
from pcmt_desktop.overview.quality import QualityCheck
from pcmt_desktop.overview.work import TodayWork, WorkGroup, WorkGroupKey, WorkItem

__all__ = [
    "Overview",
    "QualityCheck",
    "TodayWork",
    "WorkGroup",
    "WorkGroupKey",
    "WorkItem",
    "load_overview",
]
