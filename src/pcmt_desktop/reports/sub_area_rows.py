"""Per-sub-area rows of a figure: every configured sub-area in its order, zeros included.

The annex lists every sub-area even when nothing happened there (an officer checks that
none was forgotten); persons or records without a sub-area come last under their own name.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.store.models import SubArea

UNKNOWN_SUB_AREA = "Chưa xác định địa bàn"


@dataclass(frozen=True)
class SubAreaOrder:
    ids: tuple[int, ...]
    names: Mapping[int, str]

    @classmethod
    def read(cls, session: Session) -> "SubAreaOrder":
        rows = session.execute(
            select(SubArea.id, SubArea.name).order_by(SubArea.position, SubArea.id)
        ).all()
        return cls(tuple(row.id for row in rows), {row.id: row.name for row in rows})

    def name_of(self, sub_area_id: int | None) -> str:
        if sub_area_id is None:
            return UNKNOWN_SUB_AREA
        return self.names.get(sub_area_id, UNKNOWN_SUB_AREA)

    def rows(
        self,
        per_area: Mapping[int | None, Mapping[str, Any]],
        empty: Callable[[], dict[str, Any]],
    ) -> list[dict[str, Any]]:
        """One dict per sub-area ({"sub_area": name, **figures}), then the unknown one if any."""
        result = [
            {"sub_area": self.names[key], **(per_area.get(key) or empty())} for key in self.ids
        ]
        strays = [key for key in per_area if key not in self.names]
        if strays:
            merged = empty()
            for key in strays:
                for name, value in per_area[key].items():
                    merged[name] = merged.get(name, 0) + value
            result.append({"sub_area": UNKNOWN_SUB_AREA, **merged})
        return result
