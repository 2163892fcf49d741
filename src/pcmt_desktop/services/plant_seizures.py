"""Drug-plant seizures: validation, audited writes, the listing and the period's totals.

A seizure belongs either to a person responsible or to nobody found (vô chủ), never both
and never neither. A fine outside the decree's range in force that day is a warning the
officer may override (the decree may have changed before the data did), not a refusal.
"""

import math
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.number_text import format_whole
from pcmt_desktop.domain.plant_seizures import (
    MAX_AREA_M2,
    MAX_PLANTS,
    OWNERLESS_LABEL,
    PlantHandling,
)
from pcmt_desktop.domain.rules import check_not_future, format_day
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.services import audit
from pcmt_desktop.services.audit import AuditRecord
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.legal import LegalRules, MissingRuleError, RuleKey
from pcmt_desktop.services.plant_seizure_listing import (
    PlantSeizureCriteria,
    PlantSeizureListing,
    PlantSeizureRow,
    SeizureTotals,
)
from pcmt_desktop.store.models import Person, PlantSeizure, SubArea

PLANT_SEIZURE = "plant_seizure"
PLACE_MAX = 300
KIND_MAX = 100


@dataclass(frozen=True)
class PlantSeizureInput:
    seized_on: date
    sub_area_id: int | None
    handling: str  # a PlantHandling value
    place: str = ""
    person_id: int | None = None
    ownerless: bool = False
    opium_plants: int = 0
    cannabis_plants: int = 0
    other_plants: int = 0
    other_plant_kind: str = ""
    area_m2: float = 0.0
    fine_vnd: int | None = None
    expert_exam: bool = False
    note: str = ""


@dataclass(frozen=True)
class PlantSeizureRecord:
    id: int
    seized_on: date
    sub_area_id: int | None
    sub_area_name: str
    place: str
    person_id: int | None
    person_name: str
    ownerless: bool
    opium_plants: int
    cannabis_plants: int
    other_plants: int
    other_plant_kind: str
    area_m2: float
    handling: PlantHandling
    fine_vnd: int | None
    expert_exam: bool
    note: str

    @property
    def responsible(self) -> str:
        return OWNERLESS_LABEL if self.ownerless else self.person_name

    def as_input(self) -> PlantSeizureInput:
        return PlantSeizureInput(
            seized_on=self.seized_on,
            sub_area_id=self.sub_area_id,
            handling=self.handling.value,
            place=self.place,
            person_id=self.person_id,
            ownerless=self.ownerless,
            opium_plants=self.opium_plants,
            cannabis_plants=self.cannabis_plants,
            other_plants=self.other_plants,
            other_plant_kind=self.other_plant_kind,
            area_m2=self.area_m2,
            fine_vnd=self.fine_vnd,
            expert_exam=self.expert_exam,
            note=self.note,
        )


def _record(session: Session, row: PlantSeizure) -> PlantSeizureRecord:
    sub_area = None if row.sub_area_id is None else session.get(SubArea, row.sub_area_id)
    person = None if row.person_id is None else session.get(Person, row.person_id)
    return PlantSeizureRecord(
        id=row.id,
        seized_on=row.seized_on,
        sub_area_id=row.sub_area_id,
        sub_area_name="" if sub_area is None else sub_area.name,
        place=row.place,
        person_id=row.person_id,
        person_name="" if person is None else person.full_name,
        ownerless=row.ownerless,
        opium_plants=row.opium_plants,
        cannabis_plants=row.cannabis_plants,
        other_plants=row.other_plants,
        other_plant_kind=row.other_plant_kind,
        area_m2=row.area_m2,
        handling=PlantHandling(row.handling),
        fine_vnd=row.fine_vnd,
        expert_exam=row.expert_exam,
        note=row.note,
    )


def _tidy_input(data: PlantSeizureInput) -> PlantSeizureInput:
    return replace(
        data,
        place=tidy(data.place),
        other_plant_kind=tidy(data.other_plant_kind),
        note=data.note.strip(),
    )


def _check_amounts(data: PlantSeizureInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    counts = {
        "opium_plants": ("Số cây thuốc phiện", data.opium_plants),
        "cannabis_plants": ("Số cây cần sa", data.cannabis_plants),
        "other_plants": ("Số cây khác", data.other_plants),
    }
    for name, (label, value) in counts.items():
        if not 0 <= value <= MAX_PLANTS:
            problems.append(
                FieldProblem(
                    name, f"{label} phải từ 0 đến {format_whole(MAX_PLANTS)} (đã nhập: {value})."
                )
            )
    if data.other_plants > 0 and not data.other_plant_kind:
        problems.append(FieldProblem("other_plant_kind", "Chưa ghi loại cây khác là cây gì."))
    elif data.other_plant_kind and data.other_plants == 0:
        problems.append(
            FieldProblem(
                "other_plants", f"Đã ghi loại cây “{data.other_plant_kind}” nhưng số cây là 0."
            )
        )
    if len(data.other_plant_kind) > KIND_MAX:
        problems.append(FieldProblem("other_plant_kind", f"Loại cây dài quá {KIND_MAX} ký tự."))
    area_ok = math.isfinite(data.area_m2) and 0 <= data.area_m2 <= MAX_AREA_M2
    if not area_ok:
        problems.append(
            FieldProblem(
                "area_m2",
                f"Diện tích phải từ 0 đến {format_whole(int(MAX_AREA_M2))} m².",
            )
        )
    if not problems and data.area_m2 == 0 and sum(value for _, value in counts.values()) == 0:
        problems.append(
            FieldProblem(
                "plants", "Chưa nhập số cây hoặc diện tích: cần ít nhất một cây hoặc một diện tích."
            )
        )
    return problems


def _check_handling(data: PlantSeizureInput) -> list[FieldProblem]:
    if data.handling not in PlantHandling._value2member_map_:
        allowed = ", ".join(item.label for item in PlantHandling)
        return [FieldProblem("handling", f"Hình thức xử lý không hợp lệ ({allowed}).")]
    handling = PlantHandling(data.handling)
    if handling is PlantHandling.FINED:
        if data.ownerless:
            return [
                FieldProblem(
                    "handling",
                    "Vụ vô chủ không có người để xử phạt hành chính; hãy chọn cách xử lý khác.",
                )
            ]
        if data.fine_vnd is None:
            return [FieldProblem("fine_vnd", "Chưa nhập số tiền phạt (đồng).")]
        if data.fine_vnd <= 0:
            return [FieldProblem("fine_vnd", "Số tiền phạt phải lớn hơn 0 đồng.")]
    elif data.fine_vnd is not None:
        return [
            FieldProblem(
                "fine_vnd",
                f"Chỉ ghi số tiền phạt khi xử phạt hành chính (đang chọn: {handling.label}).",
            )
        ]
    return []


class PlantSeizureService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self._listing = PlantSeizureListing(context)
        self._legal = LegalRules(context)

    # --- reading -------------------------------------------------------------------------
    def get(self, seizure_id: int) -> PlantSeizureRecord:
        with self._context.reading() as session:
            return _record(session, _get_row(session, seizure_id))

    def count(self) -> int:
        with self._context.reading() as session:
            return session.scalar(select(func.count()).select_from(PlantSeizure)) or 0

    def history(self, seizure_id: int) -> list[AuditRecord]:
        return audit.entries_for_record(self._context, PLANT_SEIZURE, seizure_id)

    def ordered_ids(self, criteria: PlantSeizureCriteria) -> list[int]:
        return self._listing.ordered_ids(criteria)

    def rows(self, ids: list[int], criteria: PlantSeizureCriteria) -> dict[int, PlantSeizureRow]:
        return self._listing.rows(ids, criteria)

    def totals(self, date_from: date | None, date_to: date | None) -> SeizureTotals:
        """Cases, subjects, plants, area, fines and sub-areas of the period (both inclusive)."""
        return self._listing.totals(PlantSeizureCriteria(date_from=date_from, date_to=date_to))

    def totals_for(self, criteria: PlantSeizureCriteria) -> SeizureTotals:
        """The same figures over what a listing's criteria select."""
        return self._listing.totals(criteria)

    def fine_range(self, on_day: date) -> tuple[int, int] | None:
        """The decree's fine range for growing drug plants on ``on_day`` (None if unknown)."""
        try:
            low = self._legal.value(RuleKey.FINE_PLANTS_MIN_VND, on_day)
            high = self._legal.value(RuleKey.FINE_PLANTS_MAX_VND, on_day)
        except MissingRuleError:
            return None
        return low, high

    # --- validation ------------------------------------------------------------------------
    def validate(self, data: PlantSeizureInput) -> list[FieldProblem]:
        data = _tidy_input(data)
        problems = check_not_future(
            "seized_on", "Ngày phát hiện", data.seized_on, self._context.today()
        )
        if len(data.place) > PLACE_MAX:
            problems.append(FieldProblem("place", f"Địa điểm dài quá {PLACE_MAX} ký tự."))
        if data.ownerless and data.person_id is not None:
            problems.append(
                FieldProblem("person", "Đã đánh dấu vô chủ thì không chọn người chịu trách nhiệm.")
            )
        elif not data.ownerless and data.person_id is None:
            problems.append(
                FieldProblem(
                    "person",
                    "Chưa chọn người chịu trách nhiệm; nếu không tìm được chủ, đánh dấu “Vô chủ”.",
                )
            )
        problems += _check_amounts(data)
        problems += _check_handling(data)
        with self._context.reading() as session:
            if data.sub_area_id is None:
                problems.append(FieldProblem("sub_area_id", "Chưa chọn địa bàn nơi phát hiện."))
            elif session.get(SubArea, data.sub_area_id) is None:
                problems.append(FieldProblem("sub_area_id", "Địa bàn đã chọn không còn tồn tại."))
            if data.person_id is not None and session.get(Person, data.person_id) is None:
                problems.append(FieldProblem("person", "Đối tượng đã chọn không còn trong sổ."))
        return problems

    def fine_warnings(self, data: PlantSeizureInput) -> list[FieldProblem]:
        """A fine outside the decree's range that day: said, but the officer may keep it."""
        if data.handling != PlantHandling.FINED.value or data.fine_vnd is None:
            return []
        bounds = self.fine_range(data.seized_on)
        if bounds is None or bounds[0] <= data.fine_vnd <= bounds[1]:
            return []
        low, high = bounds
        return [
            FieldProblem(
                "fine_vnd",
                f"Số tiền phạt {format_whole(data.fine_vnd)} đồng nằm ngoài khung phạt trồng cây "
                f"có chứa chất ma túy áp dụng ngày {format_day(data.seized_on)} "
                f"({format_whole(low)}–{format_whole(high)} đồng). Kiểm tra lại, hoặc bấm "
                "“Vẫn lưu” nếu mức phạt theo quy định mới.",
            )
        ]

    # --- writing -----------------------------------------------------------------------------
    def add(self, data: PlantSeizureInput) -> PlantSeizureRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = _tidy_input(data)
        if problems := self.validate(data):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            row = PlantSeizure()
            _assign(row, data)
            session.add(row)
            session.flush()
            record = _record(session, row)
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=PLANT_SEIZURE,
                entity_id=row.id,
                person_id=row.person_id,
                summary=f"Thêm vụ phá nhổ cây {_describe(record)}",
                before=None,
                after=audit.snapshot(row),
            )
        self._announce(record.person_id)
        return record

    def edit(self, seizure_id: int, data: PlantSeizureInput) -> PlantSeizureRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = _tidy_input(data)
        problems = self.validate(data)
        with self._context.unit_of_work() as session:
            row = _get_row(session, seizure_id)
            if problems:
                raise ValidationError(problems)
            old_person = row.person_id
            before = audit.snapshot(row)
            _assign(row, data)
            session.flush()
            after = audit.snapshot(row)
            record = _record(session, row)
            changed = sorted(key for key in after if before[key] != after[key])
            if changed:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=PLANT_SEIZURE,
                    entity_id=row.id,
                    person_id=row.person_id if row.person_id is not None else old_person,
                    summary=f"Sửa vụ phá nhổ cây {_describe(record)}",
                    before={key: before[key] for key in changed},
                    after={key: after[key] for key in changed},
                )
        self._announce(record.person_id, old_person)
        return record

    def delete(self, seizure_id: int) -> None:
        """Remove a seizure entered by mistake (the audit keeps what it held)."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            row = _get_row(session, seizure_id)
            record = _record(session, row)
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=PLANT_SEIZURE,
                entity_id=row.id,
                person_id=row.person_id,
                summary=f"Xóa vụ phá nhổ cây {_describe(record)}",
                before=audit.snapshot(row),
                after=None,
            )
            session.delete(row)
        self._announce(record.person_id)

    def _announce(self, *person_ids: int | None) -> None:
        self._context.bus.publish(
            Changes(
                frozenset({PLANT_SEIZURE}),
                frozenset(person_id for person_id in person_ids if person_id is not None),
            )
        )


def _describe(record: PlantSeizureRecord) -> str:
    where = f", {record.place}" if record.place else ""
    return f"ngày {format_day(record.seized_on)}{where} ({record.responsible})"


def _assign(row: PlantSeizure, data: PlantSeizureInput) -> None:
    row.seized_on = data.seized_on
    row.sub_area_id = data.sub_area_id
    row.place = data.place
    row.person_id = data.person_id
    row.ownerless = data.ownerless
    row.opium_plants = data.opium_plants
    row.cannabis_plants = data.cannabis_plants
    row.other_plants = data.other_plants
    row.other_plant_kind = data.other_plant_kind
    row.area_m2 = data.area_m2
    row.handling = data.handling
    row.fine_vnd = data.fine_vnd
    row.expert_exam = data.expert_exam
    row.note = data.note


def _get_row(session: Session, seizure_id: int) -> PlantSeizure:
    row = session.get(PlantSeizure, seizure_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy vụ phá nhổ cây mã {seizure_id} (có thể đã bị xóa).")
    return row
