"""Drug-plant seizures (phá nhổ cây có chứa chất ma túy): their vocabulary."""

from enum import StrEnum


class PlantHandling(StrEnum):
    """How a seizure was handled."""

    FINED = "xu_phat"
    PROSECUTED = "khoi_to"
    NOT_YET = "chua_xu_ly"

    @property
    def label(self) -> str:
        return _HANDLING_LABELS[self]


_HANDLING_LABELS = {
    PlantHandling.FINED: "Xử phạt hành chính",
    PlantHandling.PROSECUTED: "Khởi tố",
    PlantHandling.NOT_YET: "Chưa xử lý",
}

OWNERLESS_LABEL = "Vô chủ"
MAX_PLANTS = 10_000_000
MAX_AREA_M2 = 10_000_000.0
