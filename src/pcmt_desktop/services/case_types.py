"""The plain types of the cases registry: its kinds, seized items, the forms' suggestions."""

from dataclasses import dataclass
from enum import StrEnum


class CaseKind(StrEnum):
    CRIMINAL = "hinh_su"
    ADMINISTRATIVE = "hanh_chinh"

    @property
    def label(self) -> str:
        return "Hình sự" if self is CaseKind.CRIMINAL else "Hành chính"


# Suggestions of the form's editable combos, in the seeds' words; any text is allowed
# and the report groups administrative violations by the text as stored.
USUAL_ACTS: tuple[str, ...] = (
    "Sử dụng trái phép chất ma túy",
    "Tàng trữ trái phép chất ma túy (không đủ định lượng truy cứu trách nhiệm hình sự)",
    "Vận chuyển trái phép chất ma túy (không đủ định lượng truy cứu trách nhiệm hình sự)",
    "Mua bán trái phép chất ma túy (không đủ định lượng truy cứu trách nhiệm hình sự)",
    "Trồng cây có chứa chất ma túy",
    "Chứa chấp việc sử dụng trái phép chất ma túy",
    "Để xảy ra hoạt động sử dụng trái phép chất ma túy tại cơ sở kinh doanh do mình quản lý",
    "Tàng trữ, sử dụng dụng cụ, phương tiện dùng vào việc sử dụng trái phép chất ma túy",
)
USUAL_SOURCES: tuple[str, ...] = (
    "Bộ đội Biên phòng",
    "Đồn Biên phòng",
    "Hải quan",
    "Phòng Cảnh sát điều tra tội phạm về ma túy (PC04)",
    "Công an xã, phường khác",
)


@dataclass(frozen=True)
class SeizedItems:
    """What a case seized (tang vật): drugs in grams and pills, vehicles, phones, cash."""

    heroin_g: float = 0.0
    methamphetamine_g: float = 0.0
    pills: int = 0
    cannabis_g: float = 0.0
    other_g: float = 0.0
    vehicles: int = 0
    phones: int = 0
    cash_vnd: int = 0

    def is_empty(self) -> bool:
        return self == SeizedItems()


GRAM_FIELDS = ("heroin_g", "methamphetamine_g", "cannabis_g", "other_g")
COUNT_FIELDS = ("pills", "vehicles", "phones")
SEIZED_LABELS = {
    "heroin_g": "Heroin (gam)",
    "methamphetamine_g": "Methamphetamine (gam)",
    "pills": "Ma túy tổng hợp dạng viên (viên)",
    "cannabis_g": "Cần sa (gam)",
    "other_g": "Ma túy khác (gam)",
    "vehicles": "Phương tiện (chiếc)",
    "phones": "Điện thoại (chiếc)",
    "cash_vnd": "Tiền mặt (đồng)",
}
