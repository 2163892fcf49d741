"""An audit entry in the officer's words: every audited field's label and readable values.

One description for every audited entity, so each record dialog (and a person's record,
which gathers entries of many registries) says the same thing the same way: days as
dd/mm/yyyy, yes/no as Có/Không, money with "." between thousands, stored keys as their
labels, and ids of persons, sub-areas and hotspots as their names. No Qt here: the text
can be checked, or printed, without a window.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from pcmt_desktop.domain.dossier_steps import StepKind
from pcmt_desktop.domain.hotspots import BUSINESS_LABEL, HotspotKind, HotspotState
from pcmt_desktop.domain.number_text import format_decimal, format_whole
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.substances import Substance, result_text
from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.services.audit import AuditRecord
from pcmt_desktop.services.case_types import SEIZED_LABELS, CaseKind
from pcmt_desktop.services.changes import Entity
from pcmt_desktop.services.duplicates import LINKED_LABELS
from pcmt_desktop.services.history_kinds import KIND_SPECS, HistoryKind, KindSpec
from pcmt_desktop.services.legal import RuleKey

EMPTY = "—"
# Bookkeeping columns: ids, folded copies for search, row times (the entry has its own).
BOOKKEEPING_KEYS = frozenset({"id", "name_folded", "search_text", "created_at", "updated_at"})
# The two halves of a move between lists ("chuyển diện"), each a whole stay; and the parts
# of a merge of two persons ("gộp"): both persons, and the ids of the rows it moved or dropped.
MOVE_PART_LABELS = {
    "ended_stay": "Diện cũ",
    "new_stay": "Diện mới",
    "kept_person": "Đối tượng giữ lại",
    "removed_person": "Đối tượng gộp vào (đã xóa)",
    "moved_rows": "Bản ghi chuyển sang đối tượng giữ lại (mã bản ghi)",
    "collapsed_rows": "Dòng nhập trùng đã bỏ (mã dòng)",
}


class ReferenceNames(Protocol):
    """Names of the records an audited row points to by id (None when it is gone)."""

    def person(self, person_id: int) -> str | None: ...

    def sub_area(self, sub_area_id: int) -> str | None: ...

    def hotspot(self, hotspot_id: int) -> str | None: ...


class NoNames:
    """For a trail read without the database: ids are said as ids."""

    def person(self, person_id: int) -> str | None:
        return None

    def sub_area(self, sub_area_id: int) -> str | None:
        return None

    def hotspot(self, hotspot_id: int) -> str | None:
        return None


ValueText = Callable[[Any, ReferenceNames], str]


@dataclass(frozen=True)
class EntityFields:
    """How one audited entity's stored values read: labels in the form's order, and
    the values that need more than the plain rules (a key, a name, a unit)."""

    labels: Mapping[str, str]
    values: Mapping[str, ValueText] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    # Keys that are already the officer's words (a phase's targets: "Thôn Đông — …").
    keys_are_labels: bool = False
    # Amounts where 0 means "none" and reads better as a dash (a case's seized items).
    zero_is_empty: frozenset[str] = frozenset()
    # Yes/no fields said only when set, in a record added or deleted (a test's substances:
    # "Heroin/Morphine: Có" tells it all, five "…: Không" lines would hide it).
    quiet_when_no: frozenset[str] = frozenset()


# --- value renderers ----------------------------------------------------------------------
def _choice(labels: Mapping[str, str]) -> ValueText:
    return lambda value, _names: labels.get(str(value), str(value))


def _person(value: Any, names: ReferenceNames) -> str:
    if not isinstance(value, int):
        return str(value)
    return names.person(value) or f"đối tượng mã {value}"


def _sub_area(value: Any, names: ReferenceNames) -> str:
    if not isinstance(value, int):
        return str(value)
    return names.sub_area(value) or f"địa bàn số {value}"


def _hotspot(value: Any, names: ReferenceNames) -> str:
    if not isinstance(value, int):
        return str(value)
    return names.hotspot(value) or f"điểm mã {value}"


def _whole(value: Any, _names: ReferenceNames) -> str:
    return format_whole(value) if isinstance(value, int) else str(value)


def _articles(value: Any, _names: ReferenceNames) -> str:
    if not isinstance(value, list):
        return str(value)
    return ", ".join(f"Điều {article}" for article in value) or EMPTY


def _day_of(value: Any) -> str:
    return day_text(value) if isinstance(value, str) else ""


def _steps(value: Any, _names: ReferenceNames) -> str:
    """A dossier's steps, as kept with a created or deleted dossier."""
    if not isinstance(value, list):
        return str(value)
    labels = {kind.value: kind.label for kind in StepKind}
    parts = [
        f"{labels.get(str(item.get('step')), str(item.get('step')))} "
        f"{_day_of(item.get('step_date'))}".strip()
        for item in value
        if isinstance(item, dict)
    ]
    return "; ".join(parts) or EMPTY


def _statuses(value: Any, _names: ReferenceNames) -> str:
    """A hotspot's status rows, as kept with a deleted hotspot."""
    if not isinstance(value, list):
        return str(value)
    labels = {state.value: state.label for state in HotspotState}
    parts = [
        f"{labels.get(str(item.get('status')), str(item.get('status')))} "
        f"từ {_day_of(item.get('status_date'))}"
        for item in value
        if isinstance(item, dict)
    ]
    return "; ".join(parts) or EMPTY


def _targets(value: Any, _names: ReferenceNames) -> str:
    """A phase's targets ("Thôn Đông — measure": number), as kept with a deleted phase."""
    if not isinstance(value, dict):
        return str(value)
    parts = [f"{key}: {number_text(number)}" for key, number in value.items()]
    return "; ".join(parts) or EMPTY


# --- the entities -------------------------------------------------------------------------
def _history_fields(spec: KindSpec) -> EntityFields:
    labels = {"start_date": spec.start_label, "end_date": spec.end_label}
    values: dict[str, ValueText] = {}
    for item in spec.fields:
        labels[item.name] = item.label
        if item.choices:
            values[item.name] = _choice(dict(item.choices))
    hidden = frozenset({"person_id"})
    if spec.kind is HistoryKind.LIST:
        labels["due_date"] = "Hạn quản lý theo quyết định"
    if spec.kind is HistoryKind.RETAIL_SELLER:
        # On a hotspot's record the seller is the news; on the person's it is the person.
        labels = {"person_id": "Đối tượng", "hotspot_id": "Điểm", **labels}
        values.update(person_id=_person, hotspot_id=_hotspot)
        hidden = frozenset()
    return EntityFields(labels, values, hidden)


_SUBSTANCE_LABELS = {item.value: item.label for item in Substance if item is not Substance.OTHER}

ENTITY_FIELDS: dict[str, EntityFields] = {
    Entity.PERSON: EntityFields(
        {
            "full_name": "Họ và tên",
            "gender": "Giới tính",
            "birth_year": "Năm sinh",
            "birth_date": "Ngày sinh",
            "cccd": "Số CCCD",
            "sub_area_id": "Địa bàn",
            "village": "Thôn, xóm",
            "permanent_address": "Nơi thường trú",
            "current_address": "Nơi ở hiện tại",
            "occupation": "Nghề nghiệp",
            "notes": "Ghi chú",
            # The tables a merge moved rows of (keys of "moved_rows", "collapsed_rows").
            **LINKED_LABELS,
        },
        {"gender": _choice({item.value: item.label for item in Gender}), "sub_area_id": _sub_area},
    ),
    **{kind.value: _history_fields(spec) for kind, spec in KIND_SPECS.items()},
    "drug_test": EntityFields(
        {
            "person_id": "Đối tượng",
            "test_date": "Ngày test",
            "summoned_by": "Người triệu tập",
            "method": "Phương pháp test",
            "positive": "Kết quả",
            **_SUBSTANCE_LABELS,
            "other": "Chất khác",
            "other_substance": "Tên chất khác",
            "follow_up": "Xử lý tiếp theo",
            "note": "Ghi chú",
        },
        {"person_id": _person, "positive": lambda value, _names: result_text(bool(value))},
        quiet_when_no=frozenset({*_SUBSTANCE_LABELS, "other"}),
    ),
    "dossier": EntityFields(
        {
            "person_id": "Đối tượng",
            "found_on": "Ngày phát hiện",
            "note": "Ghi chú",
            "steps": "Các bước",
        },
        {"person_id": _person, "steps": _steps},
    ),
    "dossier_step": EntityFields(
        {
            "step": "Bước",
            "step_date": "Ngày",
            "term_months": "Thời hạn (tháng)",
            "reason": "Lý do, cơ sở",
            "note": "Ghi chú",
        },
        {"step": _choice({kind.value: kind.label for kind in StepKind})},
        # The dossier the step belongs to is the record being shown (or named in the summary).
        hidden=frozenset({"dossier_id"}),
    ),
    "hotspot": EntityFields(
        {
            "kind": "Loại",
            "in_business": BUSINESS_LABEL,
            "name": "Tên điểm",
            "address": "Địa chỉ",
            "sub_area_id": "Địa bàn",
            "entered_on": "Ngày đưa vào",
            "fight_months": "Thời gian đấu tranh (tháng)",
            "note": "Ghi chú",
            "statuses": "Các tình trạng",
        },
        {
            "kind": _choice({item.value: item.label for item in HotspotKind}),
            "sub_area_id": _sub_area,
            "statuses": _statuses,
        },
    ),
    "hotspot_status": EntityFields(
        {"hotspot_id": "Điểm", "status": "Tình trạng", "status_date": "Từ ngày", "note": "Ghi chú"},
        {
            "hotspot_id": _hotspot,
            "status": _choice({item.value: item.label for item in HotspotState}),
        },
    ),
    "plant_seizure": EntityFields(
        {
            "seized_on": "Ngày phát hiện",
            "sub_area_id": "Địa bàn",
            "place": "Địa điểm",
            "person_id": "Người chịu trách nhiệm",
            "ownerless": "Vô chủ",
            "opium_plants": "Số cây thuốc phiện",
            "cannabis_plants": "Số cây cần sa",
            "other_plants": "Số cây khác",
            "other_plant_kind": "Loại cây khác",
            "area_m2": "Diện tích (m²)",
            "handling": "Hình thức xử lý",
            "fine_vnd": "Tiền phạt (đồng)",
            "expert_exam": "Trưng cầu giám định",
            "note": "Ghi chú",
        },
        {
            "sub_area_id": _sub_area,
            "person_id": _person,
            "opium_plants": _whole,
            "cannabis_plants": _whole,
            "other_plants": _whole,
            "handling": _choice({item.value: item.label for item in PlantHandling}),
        },
        zero_is_empty=frozenset({"opium_plants", "cannabis_plants", "other_plants", "area_m2"}),
    ),
    "drug_case": EntityFields(
        {
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
        },
        {
            "kind": _choice({item.value: item.label for item in CaseKind}),
            "sub_area_id": _sub_area,
            "articles": _articles,
            "pills": _whole,
            "vehicles": _whole,
            "phones": _whole,
        },
        zero_is_empty=frozenset({*SEIZED_LABELS, "defendants"}),
        quiet_when_no=frozenset({"prosecuted"}),
    ),
    "phase": EntityFields(
        {
            "name": "Tên giai đoạn",
            "start_date": "Từ ngày",
            "end_date": "Đến hết ngày",
            "note": "Ghi chú",
            "targets": "Chỉ tiêu",
        },
        {"targets": _targets},
    ),
    "target": EntityFields({}, keys_are_labels=True),
    Entity.OFFICE: EntityFields(
        {
            "name": "Tên đơn vị",
            "level": "Cấp",
            "parent_name": "Đơn vị cấp trên",
            "sub_area_label": "Các địa bàn gọi là",
            "place_name": "Địa danh",
        }
    ),
    Entity.SUB_AREA: EntityFields(
        {
            "name": "Tên địa bàn",
            "population": "Số nhân khẩu",
            "position": "Thứ tự",
            "on_key_route": "Nằm trên tuyến trọng điểm",
        },
        {"population": _whole},
    ),
    "legal_rule": EntityFields(
        {
            "key": "Quy định",
            "effective_from": "Áp dụng từ ngày",
            "value": "Giá trị",
            "source": "Căn cứ",
        },
        # Months and days stay small; fines are money and get their thousands marks.
        {"key": _choice({item.value: item.label for item in RuleKey}), "value": _whole},
    ),
}
UNKNOWN_ENTITY = EntityFields({})


# --- plain values -------------------------------------------------------------------------
def day_text(value: str) -> str:
    """ "2026-03-05" (as the audit keeps days) → "05/03/2026"; any other text as it is."""
    if len(value) != 10:
        return value
    try:
        return format_day(date.fromisoformat(value))
    except ValueError:
        return value


def number_text(value: float) -> str:
    """2.0 → "2"; 1500.5 → "1.500,5"; grams keep their three decimals ("5,524")."""
    return format_decimal(value, 3)


def is_blank(value: Any) -> bool:
    return value is None or value in ("", [])


def plain_value(value: Any) -> str:
    """What no entity needs to say differently: days, yes/no, money, decimals, lists."""
    if is_blank(value):
        return EMPTY
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, str):
        return day_text(value)
    if isinstance(value, list):
        return "; ".join(plain_value(item) for item in value)
    return str(value)


# --- the formatter ------------------------------------------------------------------------
class AuditFormatter:
    """Turns an audit record into the lines an officer reads.

    The first line says what was done (``action_in_headline``: "Sửa: " before the
    summary, for the trails whose summaries do not start with the verb); then one line
    per field: "label: value" for a record added or deleted, "label: old → new" for a
    change, only the fields that changed.
    """

    def __init__(
        self,
        names: ReferenceNames | None = None,
        *,
        action_in_headline: bool = True,
        entities: Mapping[str, EntityFields] = ENTITY_FIELDS,
    ) -> None:
        self.names: ReferenceNames = names or NoNames()
        self._action_in_headline = action_in_headline
        self._entities = entities

    def headline(self, record: AuditRecord) -> str:
        if self._action_in_headline:
            return f"{record.action_label}: {record.summary}"
        return record.summary

    def details(self, record: AuditRecord) -> str:
        lines = [self.headline(record)]
        lines += self.change_lines(record.entity, record.before, record.after)
        return "\n".join(lines)

    def label(self, entity: str, key: str) -> str:
        fields = self._entities.get(entity, UNKNOWN_ENTITY)
        if fields.keys_are_labels:
            return key
        # A column this version does not know yet still shows, under its own name.
        return fields.labels.get(key, key)

    def value(self, entity: str, key: str, value: Any) -> str:
        fields = self._entities.get(entity, UNKNOWN_ENTITY)
        if is_blank(value):
            return EMPTY
        if key in fields.zero_is_empty and value == 0:
            return EMPTY
        if key.endswith("_vnd") and isinstance(value, int):
            return format_whole(value)
        shown = fields.values.get(key)
        return plain_value(value) if shown is None else shown(value, self.names)

    def change_lines(
        self,
        entity: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        indent: str = "",
    ) -> list[str]:
        before, after = before or {}, after or {}
        nested = [key for key in {**before, **after} if key in MOVE_PART_LABELS]
        if nested:
            lines: list[str] = []
            for key in nested:
                part = self.change_lines(entity, before.get(key), after.get(key), indent + "    ")
                if part:  # a merge that dropped no row says nothing of it
                    lines += [f"{indent}{MOVE_PART_LABELS[key]}:", *part]
            return lines
        return [indent + line for line in self._field_lines(entity, before, after)]

    def _field_lines(
        self, entity: str, before: Mapping[str, Any], after: Mapping[str, Any]
    ) -> list[str]:
        fields = self._entities.get(entity, UNKNOWN_ENTITY)
        lines: list[str] = []
        for key in _in_form_order(fields.labels, [*before, *after]):
            if key in BOOKKEEPING_KEYS or key in fields.hidden:
                continue
            raw_old, raw_new = before.get(key), after.get(key)
            if key in fields.quiet_when_no and not (before and after):
                raw_old, raw_new = (None if raw is False else raw for raw in (raw_old, raw_new))
            old = self.value(entity, key, raw_old)
            new = self.value(entity, key, raw_new)
            label = self.label(entity, key)
            if not before:
                if new != EMPTY:
                    lines.append(f"{label}: {new}")
            elif not after:
                if old != EMPTY:
                    lines.append(f"{label}: {old}")
            elif old != new:
                lines.append(f"{label}: {old} → {new}")
        return lines


def _in_form_order(labels: Mapping[str, str], keys: Sequence[str]) -> list[str]:
    order = {key: index for index, key in enumerate(labels)}
    return sorted(dict.fromkeys(keys), key=lambda key: order.get(key, len(order)))
