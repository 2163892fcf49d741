"""The office and its sub-areas: configuration, not code, since the unit level changes."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.rules import check_required
from pcmt_desktop.domain.text import fold, tidy
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import (
    DrugCase,
    Hotspot,
    Office,
    Person,
    PlantSeizure,
    SubArea,
    Target,
)

OFFICE_ROW_ID = 1
# Every record that names a sub-area, and how a refusal to remove it speaks of them.
SUB_AREA_USERS: tuple[tuple[type[Any], str], ...] = (
    (Person, "đối tượng"),
    (Hotspot, "điểm, tụ điểm"),
    (PlantSeizure, "vụ phá nhổ cây"),
    (DrugCase, "vụ việc"),
    (Target, "chỉ tiêu"),
)
# While a settings table is rewritten, kept rows hold a placeholder folded name so that
# two sub-areas can swap names without tripping the unique index; no typed name has NUL.
PARKED_NAME_PREFIX = "\x00"


@dataclass(frozen=True)
class OfficeInfo:
    name: str
    level: str
    parent_name: str
    sub_area_label: str
    place_name: str = ""


@dataclass(frozen=True)
class SubAreaInput:
    name: str
    population: int | None = None


@dataclass(frozen=True)
class SubAreaEdit:
    """A row of the settings table: an existing sub-area (``id``) or a new one (None)."""

    id: int | None
    name: str
    population: int | None


@dataclass(frozen=True)
class SubAreaInfo:
    id: int
    name: str
    population: int | None
    position: int
    on_key_route: bool = False


def _office_info(office: Office) -> OfficeInfo:
    return OfficeInfo(
        name=office.name,
        level=office.level,
        parent_name=office.parent_name,
        sub_area_label=office.sub_area_label,
        place_name=office.place_name,
    )


def _sub_area_info(sub_area: SubArea) -> SubAreaInfo:
    return SubAreaInfo(
        sub_area.id, sub_area.name, sub_area.population, sub_area.position, sub_area.on_key_route
    )


def _check_office(info: OfficeInfo) -> None:
    problems = check_required("name", "tên đơn vị", info.name)
    problems += check_required("level", "cấp của đơn vị", info.level)
    problems += check_required("sub_area_label", "tên gọi địa bàn", info.sub_area_label)
    if problems:
        raise ValidationError(problems)


def _check_sub_area(item: SubAreaInput, row: int | None = None) -> list[FieldProblem]:
    where = "" if row is None else f" (dòng {row})"
    problems = [
        FieldProblem(p.field, p.message.rstrip(".") + where + ".")
        for p in check_required("name", "tên địa bàn", item.name)
    ]
    if item.population is not None and item.population < 0:
        problems.append(FieldProblem("population", f"Số nhân khẩu không được âm{where}."))
    return problems


def _check_sub_area_rows(items: list[SubAreaInput]) -> None:
    """A whole list of sub-areas: each valid, at least one, no name twice (accents aside)."""
    problems: list[FieldProblem] = []
    for index, item in enumerate(items, start=1):
        problems += _check_sub_area(item, index)
    if not items:
        problems.append(FieldProblem("sub_areas", "Cần ít nhất một địa bàn."))
    folded = [fold(item.name) for item in items]
    for index, name in enumerate(folded):
        if name and folded.index(name) != index:
            problems.append(
                FieldProblem("sub_areas", f"Địa bàn “{tidy(items[index].name)}” bị trùng.")
            )
    if problems:
        raise ValidationError(problems)


class OfficeService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def office(self) -> OfficeInfo | None:
        with self._context.reading() as session:
            office = session.get(Office, OFFICE_ROW_ID)
            return None if office is None else _office_info(office)

    def is_configured(self) -> bool:
        return self.office() is not None

    def set_up(self, info: OfficeInfo, sub_areas: list[SubAreaInput]) -> None:
        """First start: the office and its sub-areas, in one transaction."""
        self._context.require(Permission.SETTINGS)
        info = _tidy_office(info)
        _check_office(info)
        _check_sub_area_rows(sub_areas)
        with self._context.unit_of_work() as session:
            if session.get(Office, OFFICE_ROW_ID) is not None:
                raise ValidationError.single("name", "Đơn vị đã được thiết lập.")
            office = Office(id=OFFICE_ROW_ID, **info.__dict__)
            session.add(office)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=Entity.OFFICE,
                entity_id=office.id,
                person_id=None,
                summary=f"Thiết lập đơn vị {office.name}",
                before=None,
                after=audit.snapshot(office),
            )
            for position, item in enumerate(sub_areas):
                self._insert_sub_area(session, item, position)
        self._context.bus.publish(Changes(frozenset({Entity.OFFICE, Entity.SUB_AREA})))

    def update_office(self, info: OfficeInfo) -> None:
        self._context.require(Permission.SETTINGS)
        info = _tidy_office(info)
        _check_office(info)
        with self._context.unit_of_work() as session:
            office = session.get(Office, OFFICE_ROW_ID)
            if office is None:
                raise NotFoundError("Đơn vị chưa được thiết lập.")
            before = audit.snapshot(office)
            for key, value in info.__dict__.items():
                setattr(office, key, value)
            # A save that changes nothing is not an event worth a line in the trail.
            if (after := audit.snapshot(office)) != before:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=Entity.OFFICE,
                    entity_id=office.id,
                    person_id=None,
                    summary=f"Sửa thông tin đơn vị {office.name}",
                    before=before,
                    after=after,
                )
        self._context.bus.publish(Changes(frozenset({Entity.OFFICE})))

    def save_settings(self, info: OfficeInfo, rows: list[SubAreaEdit]) -> None:
        """The settings dialog's whole table in one transaction: all of it or nothing.

        Rows keep their order as positions; an existing sub-area missing from ``rows`` is
        removed, which is refused while persons belong to it.
        """
        self._context.require(Permission.SETTINGS)
        info = _tidy_office(info)
        _check_office(info)
        _check_sub_area_rows([SubAreaInput(row.name, row.population) for row in rows])
        with self._context.unit_of_work() as session:
            office = session.get(Office, OFFICE_ROW_ID)
            if office is None:
                raise NotFoundError("Đơn vị chưa được thiết lập.")
            before = audit.snapshot(office)
            for key, value in info.__dict__.items():
                setattr(office, key, value)
            if audit.snapshot(office) != before:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=Entity.OFFICE,
                    entity_id=office.id,
                    person_id=None,
                    summary=f"Sửa thông tin đơn vị {office.name}",
                    before=before,
                    after=audit.snapshot(office),
                )
            kept = {row.id for row in rows if row.id is not None}
            for sub_area in session.scalars(select(SubArea)).all():
                if sub_area.id not in kept:
                    self._remove(session, sub_area)
            # Renames may swap names between rows: park every kept name first.
            for sub_area in session.scalars(select(SubArea)).all():
                sub_area.name_folded = f"{PARKED_NAME_PREFIX}{sub_area.id}"
            session.flush()
            for position, row in enumerate(rows):
                item = SubAreaInput(row.name, row.population)
                if row.id is None:
                    self._insert_sub_area(session, item, position)
                else:
                    self._rewrite_sub_area(session, row.id, item, position)
        self._context.bus.publish(
            Changes(frozenset({Entity.OFFICE, Entity.SUB_AREA, Entity.PERSON}))
        )

    def _rewrite_sub_area(
        self, session: Session, sub_area_id: int, item: SubAreaInput, position: int
    ) -> None:
        sub_area = _get_sub_area(session, sub_area_id)
        before = {**audit.snapshot(sub_area), "name_folded": fold(sub_area.name)}
        sub_area.name = tidy(item.name)
        sub_area.name_folded = fold(item.name)
        sub_area.population = item.population
        sub_area.position = position
        session.flush()
        if audit.snapshot(sub_area) != before:
            audit.record(
                self._context,
                session,
                action=audit.Action.UPDATE,
                entity=Entity.SUB_AREA,
                entity_id=sub_area.id,
                person_id=None,
                summary=f"Sửa địa bàn {sub_area.name}",
                before=before,
                after=audit.snapshot(sub_area),
            )

    def sub_areas(self) -> list[SubAreaInfo]:
        with self._context.reading() as session:
            rows = session.scalars(select(SubArea).order_by(SubArea.position, SubArea.id))
            return [_sub_area_info(row) for row in rows]

    def set_key_route(self, sub_area_id: int, on_key_route: bool) -> SubAreaInfo:
        """The officer's tick for QĐ 28/2025 criterion (đ): the sub-area lies on a key route."""
        self._context.require(Permission.SETTINGS)
        with self._context.unit_of_work() as session:
            sub_area = _get_sub_area(session, sub_area_id)
            if sub_area.on_key_route != on_key_route:
                sub_area.on_key_route = on_key_route
                state = "nằm trên" if on_key_route else "không nằm trên"
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=Entity.SUB_AREA,
                    entity_id=sub_area.id,
                    person_id=None,
                    summary=f"Ghi nhận địa bàn {sub_area.name} {state} tuyến trọng điểm",
                    before={"on_key_route": not on_key_route},
                    after={"on_key_route": on_key_route},
                )
            info = _sub_area_info(sub_area)
        self._context.bus.publish(Changes(frozenset({Entity.SUB_AREA})))
        return info

    def add_sub_area(self, item: SubAreaInput) -> SubAreaInfo:
        self._context.require(Permission.SETTINGS)
        if problems := _check_sub_area(item):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            position = session.scalar(select(func.coalesce(func.max(SubArea.position), -1))) or 0
            sub_area = self._insert_sub_area(session, item, position + 1)
            info = _sub_area_info(sub_area)
        self._context.bus.publish(Changes(frozenset({Entity.SUB_AREA})))
        return info

    def update_sub_area(self, sub_area_id: int, item: SubAreaInput) -> SubAreaInfo:
        self._context.require(Permission.SETTINGS)
        if problems := _check_sub_area(item):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            sub_area = _get_sub_area(session, sub_area_id)
            _check_unique_name(session, item.name, sub_area.id)
            before = audit.snapshot(sub_area)
            sub_area.name = tidy(item.name)
            sub_area.name_folded = fold(item.name)
            sub_area.population = item.population
            if (after := audit.snapshot(sub_area)) != before:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=Entity.SUB_AREA,
                    entity_id=sub_area.id,
                    person_id=None,
                    summary=f"Sửa địa bàn {sub_area.name}",
                    before=before,
                    after=after,
                )
            info = _sub_area_info(sub_area)
        self._context.bus.publish(Changes(frozenset({Entity.SUB_AREA, Entity.PERSON})))
        return info

    def remove_sub_area(self, sub_area_id: int) -> None:
        self._context.require(Permission.SETTINGS)
        with self._context.unit_of_work() as session:
            self._remove(session, _get_sub_area(session, sub_area_id))
        self._context.bus.publish(Changes(frozenset({Entity.SUB_AREA})))

    def _remove(self, session: Session, sub_area: SubArea) -> None:
        for model, label in SUB_AREA_USERS:
            used = session.scalar(
                select(func.count()).select_from(model).where(model.sub_area_id == sub_area.id)
            )
            if used:
                raise ValidationError.single(
                    "sub_area",
                    f"Không thể xóa địa bàn “{sub_area.name}”: còn {used} {label} "
                    "thuộc địa bàn này.",
                )
        audit.record(
            self._context,
            session,
            action=audit.Action.DELETE,
            entity=Entity.SUB_AREA,
            entity_id=sub_area.id,
            person_id=None,
            summary=f"Xóa địa bàn {sub_area.name}",
            before=audit.snapshot(sub_area),
            after=None,
        )
        session.delete(sub_area)
        session.flush()

    def _insert_sub_area(self, session: Session, item: SubAreaInput, position: int) -> SubArea:
        _check_unique_name(session, item.name, None)
        sub_area = SubArea(
            name=tidy(item.name),
            name_folded=fold(item.name),
            population=item.population,
            position=position,
        )
        session.add(sub_area)
        session.flush()
        audit.record(
            self._context,
            session,
            action=audit.Action.CREATE,
            entity=Entity.SUB_AREA,
            entity_id=sub_area.id,
            person_id=None,
            summary=f"Thêm địa bàn {sub_area.name}",
            before=None,
            after=audit.snapshot(sub_area),
        )
        return sub_area


def _tidy_office(info: OfficeInfo) -> OfficeInfo:
    return OfficeInfo(
        name=tidy(info.name),
        level=tidy(info.level),
        parent_name=tidy(info.parent_name),
        sub_area_label=tidy(info.sub_area_label),
        place_name=tidy(info.place_name),
    )


def _get_sub_area(session: Session, sub_area_id: int) -> SubArea:
    sub_area = session.get(SubArea, sub_area_id)
    if sub_area is None:
        raise NotFoundError(f"Không tìm thấy địa bàn số {sub_area_id}.")
    return sub_area


def _check_unique_name(session: Session, name: str, own_id: int | None) -> None:
    clash = session.scalar(
        select(SubArea.id).where(SubArea.name_folded == fold(name), SubArea.id != (own_id or 0))
    )
    if clash is not None:
        raise ValidationError.single("name", f"Địa bàn “{tidy(name)}” đã có.")
