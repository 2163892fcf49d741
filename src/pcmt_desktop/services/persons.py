"""Persons: identity, validation, probable duplicates, and the searchable listing."""

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.rules import check_birth, check_cccd, check_required
from pcmt_desktop.domain.text import fold, tidy
from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import (
    AddictLocationStay,
    CaseSubject,
    CustodyStay,
    Dossier,
    DrugTest,
    ListStay,
    Person,
    PlantSeizure,
    RetailSellerRole,
    SubArea,
    SubstitutionTreatment,
    Surveillance,
)

HISTORY_MODELS = (
    ListStay,
    AddictLocationStay,
    SubstitutionTreatment,
    Surveillance,
    RetailSellerRole,
    CustodyStay,
)

# Every other record that names a person, with how the refusal calls it. Their foreign
# keys cascade or set NULL, so deleting the person would silently lose or orphan them.
LINKED_RECORDS: tuple[tuple[type[Any], str], ...] = (
    (DrugTest, "lượt test ma túy"),
    (Dossier, "hồ sơ CNBB"),
    (PlantSeizure, "vụ phá nhổ cây"),
    (CaseSubject, "vụ việc"),
)


@dataclass(frozen=True)
class PersonInput:
    """What a form or an import gives for a person; text is tidied before saving."""

    full_name: str
    gender: Gender | None = None
    birth_year: int | None = None
    birth_date: date | None = None
    cccd: str | None = None
    sub_area_id: int | None = None
    village: str = ""
    permanent_address: str = ""
    current_address: str = ""
    occupation: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PersonRecord:
    id: int
    full_name: str
    gender: Gender | None
    birth_year: int | None
    birth_date: date | None
    cccd: str | None
    sub_area_id: int | None
    sub_area_name: str
    village: str
    permanent_address: str
    current_address: str
    occupation: str
    notes: str
    created_at: datetime
    updated_at: datetime

    def as_input(self) -> PersonInput:
        return PersonInput(
            full_name=self.full_name,
            gender=self.gender,
            birth_year=self.birth_year,
            birth_date=self.birth_date,
            cccd=self.cccd,
            sub_area_id=self.sub_area_id,
            village=self.village,
            permanent_address=self.permanent_address,
            current_address=self.current_address,
            occupation=self.occupation,
            notes=self.notes,
        )


@dataclass(frozen=True)
class DuplicateCandidate:
    """Another person who is probably the same human; ``reason`` says why."""

    person: PersonRecord
    reason: str


def _to_record(person: Person) -> PersonRecord:
    return PersonRecord(
        id=person.id,
        full_name=person.full_name,
        gender=None if person.gender is None else Gender(person.gender),
        birth_year=person.birth_year,
        birth_date=person.birth_date,
        cccd=person.cccd,
        sub_area_id=person.sub_area_id,
        sub_area_name="" if person.sub_area is None else person.sub_area.name,
        village=person.village,
        permanent_address=person.permanent_address,
        current_address=person.current_address,
        occupation=person.occupation,
        notes=person.notes,
        created_at=person.created_at,
        updated_at=person.updated_at,
    )


def person_record(person: Person) -> PersonRecord:
    """The frozen record of a person row read in the caller's own session."""
    return _to_record(person)


def normalise_input(data: PersonInput) -> PersonInput:
    cccd = (data.cccd or "").strip().replace(" ", "") or None
    birth_year = data.birth_year
    if birth_year is None and data.birth_date is not None:
        birth_year = data.birth_date.year
    return replace(
        data,
        full_name=tidy(data.full_name),
        cccd=cccd,
        birth_year=birth_year,
        village=tidy(data.village),
        permanent_address=tidy(data.permanent_address),
        current_address=tidy(data.current_address),
        occupation=tidy(data.occupation),
        notes=data.notes.strip(),
    )


def search_text_for(data: PersonInput) -> str:
    parts = [fold(data.full_name), data.cccd or "", str(data.birth_year or ""), fold(data.village)]
    return " ".join(part for part in parts if part)


def _like_any_token(text: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for token in fold(text).split():
        escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(Person.search_text.like(f"%{escaped}%", escape="\\"))
    return conditions


class PersonService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- reading -----------------------------------------------------------------------
    def get(self, person_id: int) -> PersonRecord:
        with self._context.reading() as session:
            return _to_record(get_person_row(session, person_id))

    def count(self) -> int:
        with self._context.reading() as session:
            return session.scalar(select(func.count()).select_from(Person)) or 0

    def find(self, text: str, limit: int = 50) -> list[PersonRecord]:
        """Persons whose name, CCCD, birth year or village contain every word typed."""
        with self._context.reading() as session:
            query = (
                select(Person).where(*_like_any_token(text)).order_by(Person.name_folded, Person.id)
            )
            return [_to_record(row) for row in session.scalars(query.limit(limit))]

    def probable_duplicates(
        self, data: PersonInput, exclude_id: int | None = None
    ) -> list[DuplicateCandidate]:
        """Same CCCD, or same name (accents and case ignored) + birth year + sub-area."""
        data = normalise_input(data)
        conditions: list[ColumnElement[bool]] = []
        if data.cccd:
            conditions.append(Person.cccd == data.cccd)
        if data.birth_year is not None and data.sub_area_id is not None:
            conditions.append(
                and_(
                    Person.name_folded == fold(data.full_name),
                    Person.birth_year == data.birth_year,
                    Person.sub_area_id == data.sub_area_id,
                )
            )
        if not conditions:
            return []
        with self._context.reading() as session:
            query = select(Person).where(or_(*conditions))
            if exclude_id is not None:
                query = query.where(Person.id != exclude_id)
            found = []
            for person in session.scalars(query.order_by(Person.id)):
                reason = (
                    f"Trùng số CCCD {person.cccd}"
                    if data.cccd and person.cccd == data.cccd
                    else "Trùng họ tên, năm sinh và địa bàn"
                )
                found.append(DuplicateCandidate(_to_record(person), reason))
            return found

    def validate(self, data: PersonInput, exclude_id: int | None = None) -> list[FieldProblem]:
        data = normalise_input(data)
        today = self._context.today()
        problems = check_required("full_name", "họ và tên", data.full_name)
        problems += check_cccd(data.cccd)
        problems += check_birth(data.birth_year, data.birth_date, today)
        with self._context.reading() as session:
            if data.sub_area_id is not None and session.get(SubArea, data.sub_area_id) is None:
                problems.append(FieldProblem("sub_area_id", "Địa bàn đã chọn không còn tồn tại."))
            if data.cccd and not any(p.field == "cccd" for p in problems):
                query = select(Person).where(Person.cccd == data.cccd)
                if exclude_id is not None:
                    query = query.where(Person.id != exclude_id)
                holder = session.scalar(query)
                if holder is not None:
                    problems.append(
                        FieldProblem(
                            "cccd",
                            f"Số CCCD {data.cccd} đã thuộc về đối tượng {holder.full_name} "
                            f"(mã {holder.id}).",
                        )
                    )
        return problems

    # --- writing -----------------------------------------------------------------------
    def add(self, data: PersonInput) -> PersonRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = normalise_input(data)
        if problems := self.validate(data):
            raise ValidationError(problems)
        now = self._context.now()
        with self._context.unit_of_work() as session:
            person = Person(created_at=now, updated_at=now)
            _assign(person, data)
            session.add(person)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=Entity.PERSON,
                entity_id=person.id,
                person_id=person.id,
                summary=f"Thêm đối tượng {person.full_name}",
                before=None,
                after=audit.snapshot(person),
            )
            session.refresh(person)
            record = _to_record(person)
        self._context.bus.publish(Changes(frozenset({Entity.PERSON}), frozenset({record.id})))
        return record

    def edit(self, person_id: int, data: PersonInput) -> PersonRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = normalise_input(data)
        if problems := self.validate(data, exclude_id=person_id):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            person = get_person_row(session, person_id)
            before = audit.snapshot(person)
            _assign(person, data)
            after = audit.snapshot(person)
            changed = {key for key in after if before[key] != after[key]}
            if changed:
                person.updated_at = self._context.now()
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=Entity.PERSON,
                    entity_id=person.id,
                    person_id=person.id,
                    summary=f"Sửa đối tượng {person.full_name}",
                    before={key: before[key] for key in sorted(changed)},
                    after={key: after[key] for key in sorted(changed)},
                )
            session.flush()
            session.refresh(person)
            record = _to_record(person)
        self._context.bus.publish(Changes(frozenset({Entity.PERSON}), frozenset({person_id})))
        return record

    def delete(self, person_id: int) -> None:
        """Remove a person entered by mistake; refused while any history remains."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            person = get_person_row(session, person_id)
            for model in HISTORY_MODELS:
                held = session.scalar(
                    select(func.count()).select_from(model).where(model.person_id == person_id)
                )
                if held:
                    raise ValidationError.single(
                        "person",
                        f"Không thể xóa đối tượng {person.full_name}: còn {held} dòng lịch sử. "
                        "Hãy xóa các dòng nhập nhầm trong lịch sử trước.",
                    )
            for linked, label in LINKED_RECORDS:
                held = session.scalar(
                    select(func.count()).select_from(linked).where(linked.person_id == person_id)
                )
                if held:
                    raise ValidationError.single(
                        "person",
                        f"Không thể xóa đối tượng {person.full_name}: còn {held} {label} "
                        "gắn với đối tượng này. Hãy xóa hoặc sửa các bản ghi đó trước.",
                    )
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=Entity.PERSON,
                entity_id=person.id,
                person_id=person.id,
                summary=f"Xóa đối tượng {person.full_name}",
                before=audit.snapshot(person),
                after=None,
            )
            session.delete(person)
        self._context.bus.publish(Changes(frozenset({Entity.PERSON}), frozenset({person_id})))


def _assign(person: Person, data: PersonInput) -> None:
    person.full_name = data.full_name
    person.name_folded = fold(data.full_name)
    person.search_text = search_text_for(data)
    person.gender = None if data.gender is None else data.gender.value
    person.birth_year = data.birth_year
    person.birth_date = data.birth_date
    person.cccd = data.cccd
    person.sub_area_id = data.sub_area_id
    person.village = data.village
    person.permanent_address = data.permanent_address
    person.current_address = data.current_address
    person.occupation = data.occupation
    person.notes = data.notes


def get_person_row(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Không tìm thấy đối tượng mã {person_id} (có thể đã bị xóa).")
    return person


def stay_on_day(list_key: str | None, day: date) -> ColumnElement[bool]:
    """A stay of the person that covers the end of ``day`` (on ``list_key`` if given)."""
    condition = and_(
        ListStay.person_id == Person.id,
        ListStay.start_date <= day,
        or_(ListStay.end_date.is_(None), ListStay.end_date > day),
    )
    if list_key is not None:
        condition = and_(condition, ListStay.list_key == list_key)
    return exists().where(condition)
