"""A valid set of field values for each kind of history, for tests that need any entry."""

from collections.abc import Mapping

from pcmt_desktop.services.history_kinds import HistoryKind

VALID_VALUES: Mapping[HistoryKind, Mapping[str, str]] = {
    HistoryKind.LIST: {"list_key": "nghien", "start_reason": "Xác định tình trạng nghiện"},
    HistoryKind.ADDICT_LOCATION: {"location": "co_so", "facility": "Cơ sở cai nghiện số 1"},
    HistoryKind.TREATMENT: {"facility": "Cơ sở điều trị Methadone Mẫu"},
    HistoryKind.SURVEILLANCE: {"category": "DM1", "surveillance_class": "A", "note": ""},
    HistoryKind.RETAIL_SELLER: {"place_note": "Quán nước đầu ngõ"},
    HistoryKind.CUSTODY: {"kind": "trai_giam", "place": "Trại giam Mẫu"},
}

# For each kind, the main field and another valid value for it (to test corrections).
OTHER_MAIN_VALUE: Mapping[HistoryKind, tuple[str, str]] = {
    HistoryKind.LIST: ("list_key", "su_dung"),
    HistoryKind.ADDICT_LOCATION: ("location", "cong_dong"),
    HistoryKind.TREATMENT: ("facility", "Trạm y tế xã"),
    HistoryKind.SURVEILLANCE: ("category", "DM3"),
    HistoryKind.RETAIL_SELLER: ("place_note", "Nhà nghỉ ven đường"),
    HistoryKind.CUSTODY: ("kind", "truong_giao_duong"),
}
