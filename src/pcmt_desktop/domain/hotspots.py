"""Drug hotspots (điểm, tụ điểm phức tạp về ma túy): their vocabulary and status rules.

A hotspot's status is a dated history: the first row is "đang đấu tranh" on the day it
was entered, and each later row is a real change on its own day. The fight period (thời
gian đấu tranh) runs for some months from the entry, or from the day it re-activated.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.errors import FieldProblem
from pcmt_desktop.domain.rules import format_day


class HotspotKind(StrEnum):
    COMPLEX_POINT = "diem_phuc_tap"
    COMPLEX_DEN = "tu_diem_phuc_tap"
    AT_RISK = "diem_nguy_co"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    HotspotKind.COMPLEX_POINT: "Điểm phức tạp",
    HotspotKind.COMPLEX_DEN: "Tụ điểm phức tạp",
    HotspotKind.AT_RISK: "Điểm có nguy cơ phức tạp",
}


class HotspotState(StrEnum):
    FIGHTING = "dang_dau_tranh"
    CLEARED = "da_triet_xoa"
    REACTIVATED = "tai_hoat_dong"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def active(self) -> bool:
        """Still to be fought (counted as existing by the báo cáo)."""
        return self is not HotspotState.CLEARED


_STATE_LABELS = {
    HotspotState.FIGHTING: "Đang đấu tranh",
    HotspotState.CLEARED: "Đã triệt xóa",
    HotspotState.REACTIVATED: "Tái hoạt động",
}

BUSINESS_LABEL = "Trong cơ sở kinh doanh có điều kiện về ANTT"
NOT_BUSINESS_LABEL = "Không phải cơ sở kinh doanh có điều kiện về ANTT"
# A fight period this close to its end already asks for the officer's attention.
FIGHT_WARNING_DAYS = 14
MAX_FIGHT_MONTHS = 60


@dataclass(frozen=True)
class StatusStep:
    """From ``day`` on, the hotspot has ``state`` (until the next step)."""

    state: HotspotState
    day: date


def state_on(steps: Sequence[StatusStep], day: date) -> StatusStep | None:
    """The step in force at the end of ``day`` (steps in date order); None before entry."""
    found = None
    for step in steps:
        if step.day > day:
            break
        found = step
    return found


def fight_start(steps: Sequence[StatusStep], entered_on: date, day: date) -> date:
    """Where the fight period in force on ``day`` starts: the last re-activation, or entry."""
    start = entered_on
    for step in steps:
        if step.day > day:
            break
        if step.state is HotspotState.REACTIVATED:
            start = step.day
    return start


def fight_due(steps: Sequence[StatusStep], entered_on: date, months: int, day: date) -> date | None:
    """When the fight period running on ``day`` ends; None if the hotspot is cleared then."""
    current = state_on(steps, day)
    if current is None or not current.state.active:
        return None
    return add_months(fight_start(steps, entered_on, day), months)


def check_sequence(steps: Sequence[StatusStep], changed: date) -> list[FieldProblem]:
    """Problems of a status history around the step of day ``changed`` (steps sorted).

    Each step must change the status, and "tái hoạt động" only follows "đã triệt xóa".
    """
    problems: list[FieldProblem] = []
    for before, after in pairwise(steps):
        if changed not in (before.day, after.day):
            continue
        if before.state is after.state:
            problems.append(
                FieldProblem(
                    "status",
                    f"Ngày {format_day(before.day)} điểm đã ở tình trạng “{before.state.label}”; "
                    f"ghi “{after.state.label}” ngày {format_day(after.day)} không phải là "
                    "một thay đổi.",
                )
            )
        elif after.state is HotspotState.REACTIVATED and before.state is not HotspotState.CLEARED:
            problems.append(
                FieldProblem(
                    "status",
                    f"“{HotspotState.REACTIVATED.label}” chỉ ghi cho điểm đã triệt xóa; "
                    f"ngày {format_day(after.day)} điểm đang ở tình trạng "
                    f"“{before.state.label}”.",
                )
            )
    return problems
