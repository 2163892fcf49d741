"""How the cases registry names its fields and shows its values to the officer."""

from collections.abc import Mapping
from typing import Any

from pcmt_desktop.gui.registries.cases.amounts import format_grams, format_money
from pcmt_desktop.gui.registries.cases.audit_view import EMPTY, plain_value
from pcmt_desktop.services.case_types import GRAM_FIELDS, SEIZED_LABELS, CaseKind, SeizedItems

CASE_FIELD_LABELS: Mapping[str, str] = {
    "kind": "Loại vụ việc",
    "occurred_on": "Ngày xảy ra",
    "sub_area_id": "Địa bàn",
    "summary": "Tóm tắt",
    "articles": "Tội danh (điều)",
    "subjects": "Số đối tượng",
    "named_subjects": "Danh sách đối tượng",
    "prosecuted": "Đã khởi tố",
    "defendants": "Số bị can",
    "received_from": "Tiếp nhận từ",
    "act": "Hành vi vi phạm",
    "fine_vnd": "Tiền phạt (đồng)",
    **SEIZED_LABELS,
    "note": "Ghi chú",
}


class CaseValueText:
    """Turns stored values (as the audit keeps them) into the officer's words."""

    def __init__(self, sub_area_names: Mapping[int, str]) -> None:
        self._sub_area_names = sub_area_names

    def __call__(self, key: str, value: Any) -> str:
        text: str | None = None
        if value is None or value == "" or (key in SEIZED_LABELS and value == 0):
            text = EMPTY
        elif key == "kind" and value in CaseKind._value2member_map_:
            text = CaseKind(value).label
        elif key == "occurred_on" and isinstance(value, str):
            text = _iso_day(value)
        elif key == "sub_area_id" and isinstance(value, int):
            text = self._sub_area_names.get(value, f"mã {value}")
        elif key in GRAM_FIELDS and isinstance(value, int | float):
            text = format_grams(float(value)) or "0"
        elif key in ("fine_vnd", "cash_vnd") and isinstance(value, int):
            text = format_money(value)
        elif key == "articles" and isinstance(value, list):
            text = ", ".join(f"Điều {article}" for article in value) or EMPTY
        return plain_value(key, value) if text is None else text


def _iso_day(value: str) -> str:
    """ "2026-03-05" (as the audit stores days) → "05/03/2026"."""
    try:
        year, month, day = (int(part) for part in value.split("-"))
    except ValueError:
        return value
    return f"{day:02d}/{month:02d}/{year}"


def seized_text(items: SeizedItems) -> str:
    """ "5,524 g heroin; 10 viên; 1 phương tiện; 3.510.000 đồng" — what was seized."""
    parts = []
    for name, unit in (
        ("heroin_g", "g heroin"),
        ("methamphetamine_g", "g methamphetamine"),
        ("cannabis_g", "g cần sa"),
        ("other_g", "g ma túy khác"),
    ):
        if grams := getattr(items, name):
            parts.append(f"{format_grams(grams)} {unit}")
    for name, unit in (("pills", "viên"), ("vehicles", "phương tiện"), ("phones", "điện thoại")):
        if count := getattr(items, name):
            parts.append(f"{format_money(count)} {unit}")
    if items.cash_vnd:
        parts.append(f"{format_money(items.cash_vnd)} đồng")
    return "; ".join(parts)
