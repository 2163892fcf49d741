"""Items that need an officer's action by a date; gathered by the deadlines view."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Alert:
    """Something due on ``due``: overdue when ``days_left`` is negative.

    ``kind`` says which registry the record belongs to ("list_stay", "dossier",
    "hotspot"), ``record_id`` its id there, ``person_id`` the person if there is one.
    """

    kind: str
    record_id: int
    person_id: int | None
    title: str  # e.g. the person's or the hotspot's name
    what: str  # e.g. "Hết thời hạn quản lý người sử dụng (12 tháng)"
    sub_area_name: str
    due: date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0
