"""Today's work: what the registries ask of the officer today, in the order it is shown.

Nothing here decides what is due: the rules belong to the services that own the records
(``DeadlineService.stays_due`` for management terms; ``DossierListing.alerts``, the
dossiers' clocks behind ``DossierService.past_limit`` and ``due_soon``;
``HotspotService.fight_periods_over`` for fight periods; ``TargetService.behind`` for the
targets of the phase running today). This module only sorts their answers into the
overview's groups and says each item the officer's way.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pcmt_desktop.domain.number_text import format_decimal, format_whole
from pcmt_desktop.overview.parts import Part
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.deadlines import DEFAULT_WITHIN_DAYS, DOSSIER_SOON_DAYS
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.target_progress import TargetProgress

# A pro-rated target (5 dossiers × 10/30 days) is a fraction; whole things are counted.
_ROUNDING_SLACK = 1e-9


class WorkKind(StrEnum):
    """Which registry an item's ``record_id`` belongs to (what opening it opens)."""

    LIST_STAY = "list_stay"
    DOSSIER = "dossier"
    HOTSPOT = "hotspot"
    TARGET = "target"  # record_id is the phase's id


class WorkGroupKey(StrEnum):
    STAYS_OVERDUE = "stays_overdue"
    STAYS_SOON = "stays_soon"
    DOSSIERS_LATE = "dossiers_late"
    DOSSIERS_SOON = "dossiers_soon"
    HOTSPOTS = "hotspots"
    TARGETS = "targets"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    WorkGroupKey.STAYS_OVERDUE: "Quá thời hạn quản lý",
    WorkGroupKey.STAYS_SOON: f"Hết thời hạn quản lý trong {DEFAULT_WITHIN_DAYS} ngày tới",
    WorkGroupKey.DOSSIERS_LATE: "Hồ sơ CNBB quá hạn",
    WorkGroupKey.DOSSIERS_SOON: "Hồ sơ CNBB sắp đến hạn",
    WorkGroupKey.HOTSPOTS: "Điểm, tụ điểm hết (hoặc sắp hết) thời gian đấu tranh",
    WorkGroupKey.TARGETS: "Chỉ tiêu chậm tiến độ",
}
NO_PHASE_NOTE = "Hôm nay không thuộc giai đoạn nào có chỉ tiêu."


@dataclass(frozen=True)
class WorkItem:
    """One thing to do; ``days_left`` negative when it is already late.

    ``kind`` and ``record_id`` say which record opening the item opens (for a target, the
    phase); ``person_id`` is the person concerned, if any.
    """

    kind: str
    record_id: int
    person_id: int | None
    title: str
    what: str
    sub_area_name: str
    due: date | None
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


@dataclass(frozen=True)
class WorkGroup:
    """A heading of today's work with every item under it (the tab shows the first few).

    ``note`` adds what the heading alone does not say (which phase the targets are of, or
    why there are none); empty otherwise.
    """

    key: WorkGroupKey
    items: tuple[WorkItem, ...]
    note: str = ""

    @property
    def label(self) -> str:
        return self.key.label

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class TodayWork:
    today: date
    groups: tuple[WorkGroup, ...]  # in WorkGroupKey order

    def group(self, key: WorkGroupKey) -> WorkGroup:
        return next(group for group in self.groups if group.key is key)

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def _item(alert: Alert) -> WorkItem:
    return WorkItem(
        kind=alert.kind,
        record_id=alert.record_id,
        person_id=alert.person_id,
        title=alert.title,
        what=alert.what,
        sub_area_name=alert.sub_area_name,
        due=alert.due,
        days_left=alert.days_left,
    )


def _items(alerts: Sequence[Alert]) -> tuple[WorkItem, ...]:
    return tuple(_item(alert) for alert in alerts)


def stay_groups(context: ServiceContext, today: date) -> list[WorkGroup]:
    """Management terms over, then those ending within the deadlines' window."""
    alerts = Services.build(context).deadlines.stays_due(today, DEFAULT_WITHIN_DAYS)
    return [
        WorkGroup(WorkGroupKey.STAYS_OVERDUE, _items([a for a in alerts if a.overdue])),
        WorkGroup(WorkGroupKey.STAYS_SOON, _items([a for a in alerts if not a.overdue])),
    ]


def dossier_groups(context: ServiceContext, today: date) -> list[WorkGroup]:
    """Dossiers whose next step is late, then those due within the deadlines' week."""
    late, soon = Services.build(context).dossiers.alerts_due(today, DOSSIER_SOON_DAYS)
    return [
        WorkGroup(WorkGroupKey.DOSSIERS_LATE, _items(late)),
        WorkGroup(WorkGroupKey.DOSSIERS_SOON, _items(soon)),
    ]


def hotspot_groups(context: ServiceContext, today: date) -> list[WorkGroup]:
    alerts = Services.build(context).hotspots.fight_periods_over(today)
    return [WorkGroup(WorkGroupKey.HOTSPOTS, _items(alerts))]


def _amount(value: float) -> str:
    return format_decimal(value, 1)


def progress_text(progress: TargetProgress) -> str:
    """ "Số hồ sơ CNBB: 2/5 (cần 3 đến hôm nay)"; a rate: "…test/ngày: 2,5/4 (bình quân …)".

    A count target is pro-rated to the days gone, and whole things are counted: 1,7 due
    by today means 2 must be done. A rate is compared as it is (the phase's average).
    """
    measure = progress.measure
    text = f"{measure.label}: {_amount(progress.actual)}/{_amount(progress.target)}"
    if measure.is_rate:
        return f"{text} (bình quân từ đầu giai đoạn)"
    needed = math.ceil(progress.expected - _ROUNDING_SLACK)
    return f"{text} (cần {format_whole(needed)} đến hôm nay)"


def target_groups(context: ServiceContext, today: date) -> list[WorkGroup]:
    """The targets behind schedule in the phase running today (none: the note says so)."""
    targets = Services.build(context).targets
    phase = targets.phase_on(today)
    if phase is None:
        return [WorkGroup(WorkGroupKey.TARGETS, (), NO_PHASE_NOTE)]
    days_left = (phase.end - today).days
    items = tuple(
        WorkItem(
            kind=WorkKind.TARGET.value,
            record_id=phase.id,
            person_id=None,
            title=progress.sub_area_name,
            what=progress_text(progress),
            sub_area_name=progress.sub_area_name,
            due=phase.end,
            days_left=days_left,
        )
        for progress in targets.behind(phase.id, today)
    )
    note = f"Giai đoạn “{phase.name}” ({phase.period_text()})"
    return [WorkGroup(WorkGroupKey.TARGETS, items, note)]


# In the order the groups are shown; each reads on its own connection.
WORK_PARTS: tuple[Part[list[WorkGroup]], ...] = (
    Part("work.stays", stay_groups, cost=60),
    Part("work.dossiers", dossier_groups, cost=90),
    Part("work.hotspots", hotspot_groups, cost=10),
    Part("work.targets", target_groups, cost=90),
)


def assemble_work(today: date, parts: Sequence[list[WorkGroup]]) -> TodayWork:
    """The groups of ``WORK_PARTS``' answers, given in the parts' order."""
    return TodayWork(today, tuple(group for groups in parts for group in groups))


def today_work(context: ServiceContext, today: date) -> TodayWork:
    """Today's work, one part after the other (``load_overview`` runs them in parallel)."""
    return assemble_work(today, [part.run(context, today) for part in WORK_PARTS])
