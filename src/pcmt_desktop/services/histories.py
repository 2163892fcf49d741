"""Operations on a person's dated history; each one a single audited transaction.

The rules: no date after today, no end before its start, and no two periods of one kind
overlap for one person — for the management lists that means a person is on at most one
list at the end of any day.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.rules import check_span, format_day
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.domain.vocabulary import MOVE_END_REASON, MOVE_START_REASON, ManagementList
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.history_kinds import KIND_SPECS, HistoryKind, KindSpec
from pcmt_desktop.services.persons import get_person_row
from pcmt_desktop.store.models import ListStay


@dataclass(frozen=True)
class HistoryInput:
    start: date
    end: date | None = None
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HistoryEntry:
    kind: HistoryKind
    id: int
    person_id: int
    start: date
    end: date | None
    values: Mapping[str, str]

    @property
    def spec(self) -> KindSpec:
        return KIND_SPECS[self.kind]

    def describe(self) -> str:
        """A short Vietnamese line: what, from when, until when."""
        main = self.spec.fields[0]
        what = main.label_of(self.values.get(main.name, ""))
        until = "nay" if self.end is None else format_day(self.end)
        # The main field of some kinds is optional text (a facility): no dangling colon.
        head = f"{self.spec.label}: {what}" if what else self.spec.label
        return f"{head}, từ {format_day(self.start)} đến {until}"

    def as_input(self) -> HistoryInput:
        return HistoryInput(self.start, self.end, dict(self.values))


def _entry(kind: HistoryKind, row: Any) -> HistoryEntry:
    spec = KIND_SPECS[kind]
    return HistoryEntry(
        kind=kind,
        id=row.id,
        person_id=row.person_id,
        start=row.start_date,
        end=row.end_date,
        values={item.name: getattr(row, item.name) for item in spec.fields},
    )


class HistoryService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- reading -----------------------------------------------------------------------
    def entries(self, person_id: int, kind: HistoryKind) -> list[HistoryEntry]:
        model = KIND_SPECS[kind].model
        with self._context.reading() as session:
            rows = session.scalars(
                select(model)
                .where(model.person_id == person_id)
                .order_by(model.start_date, model.id)
            )
            return [_entry(kind, row) for row in rows]

    def all_entries(self, person_id: int) -> dict[HistoryKind, list[HistoryEntry]]:
        return {kind: self.entries(person_id, kind) for kind in HistoryKind}

    def list_on(self, person_id: int, day: date) -> HistoryEntry | None:
        """The list stay covering the end of ``day``, if any."""
        for entry in self.entries(person_id, HistoryKind.LIST):
            if Span(entry.start, entry.end).covers_end_of(day):
                return entry
        return None

    # --- writing -----------------------------------------------------------------------
    def add(self, kind: HistoryKind, person_id: int, data: HistoryInput) -> HistoryEntry:
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            entry = self.add_in(session, kind, person_id, data)
        self._announce(person_id)
        return entry

    def add_in(
        self,
        session: Session,
        kind: HistoryKind,
        person_id: int,
        data: HistoryInput,
        *,
        due_date: date | None = None,
    ) -> HistoryEntry:
        """``add`` inside a caller's transaction (another service's write that also
        changes the history, e.g. a dossier step); the caller commits and announces.
        ``due_date`` (list stays only) records the end a management decision fixed."""
        self._context.require(Permission.RECORDS_EDIT)
        spec = KIND_SPECS[kind]
        data = _tidy(data)
        person = get_person_row(session, person_id)
        self._check(session, spec, person_id, data, exclude_id=None)
        row = spec.model()
        row.person_id = person_id
        row.start_date = data.start
        row.end_date = data.end
        _assign(spec, row, data)
        if isinstance(row, ListStay):
            row.due_date = due_date
        session.add(row)
        session.flush()
        entry = _entry(kind, row)
        audit.record(
            self._context,
            session,
            action=audit.Action.CREATE,
            entity=kind.value,
            entity_id=row.id,
            person_id=person_id,
            summary=f"{person.full_name} — thêm {entry.describe()}",
            before=None,
            after=audit.snapshot(row),
        )
        return entry

    def correct(self, kind: HistoryKind, entry_id: int, data: HistoryInput) -> HistoryEntry:
        """Replace a mistaken entry's dates and fields (the audit keeps the old values)."""
        self._context.require(Permission.RECORDS_EDIT)
        spec = KIND_SPECS[kind]
        data = _tidy(data)
        with self._context.unit_of_work() as session:
            row = _get_row(session, spec, entry_id)
            person = get_person_row(session, row.person_id)
            self._check(session, spec, row.person_id, data, exclude_id=entry_id)
            before = audit.snapshot(row)
            row.start_date = data.start
            row.end_date = data.end
            _assign(spec, row, data)
            session.flush()
            entry = _entry(kind, row)
            # Saving an unchanged entry is not an event worth a line in the trail.
            if (after := audit.snapshot(row)) != before:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=kind.value,
                    entity_id=row.id,
                    person_id=row.person_id,
                    summary=f"{person.full_name} — sửa {entry.describe()}",
                    before=before,
                    after=after,
                )
        self._announce(entry.person_id)
        return entry

    def end(self, kind: HistoryKind, entry_id: int, end: date, reason: str = "") -> HistoryEntry:
        """Close a running period on ``end`` (for a list: thanh loại with ``reason``)."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            entry = self.end_in(session, kind, entry_id, end, reason)
        self._announce(entry.person_id)
        return entry

    def end_in(
        self,
        session: Session,
        kind: HistoryKind,
        entry_id: int,
        end: date,
        reason: str = "",
        *,
        summary: str | None = None,
    ) -> HistoryEntry:
        """``end`` inside a caller's transaction; the caller commits and announces.

        ``summary`` replaces the audit line when the caller knows why (a term over)."""
        self._context.require(Permission.RECORDS_EDIT)
        spec = KIND_SPECS[kind]
        row = _get_row(session, spec, entry_id)
        if row.end_date is not None:
            raise ValidationError.single(
                "end_date", f"Mục này đã kết thúc ngày {format_day(row.end_date)}."
            )
        current = _entry(kind, row)
        values = dict(current.values)
        if kind is HistoryKind.LIST:
            values["end_reason"] = reason
        data = _tidy(HistoryInput(current.start, end, values))
        person = get_person_row(session, row.person_id)
        self._check(session, spec, row.person_id, data, exclude_id=entry_id)
        before = audit.snapshot(row)
        row.end_date = end
        _assign(spec, row, data)
        session.flush()
        entry = _entry(kind, row)
        audit.record(
            self._context,
            session,
            action=audit.Action.END,
            entity=kind.value,
            entity_id=row.id,
            person_id=row.person_id,
            summary=summary or f"{person.full_name} — kết thúc {entry.describe()}",
            before=before,
            after=audit.snapshot(row),
        )
        return entry

    def delete(self, kind: HistoryKind, entry_id: int) -> None:
        """Remove an entry made by mistake (the audit keeps what it held)."""
        self._context.require(Permission.RECORDS_EDIT)
        spec = KIND_SPECS[kind]
        with self._context.unit_of_work() as session:
            row = _get_row(session, spec, entry_id)
            person = get_person_row(session, row.person_id)
            entry = _entry(kind, row)
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=kind.value,
                entity_id=row.id,
                person_id=row.person_id,
                summary=f"{person.full_name} — xóa {entry.describe()}",
                before=audit.snapshot(row),
                after=None,
            )
            session.delete(row)
        self._announce(entry.person_id)

    def move(
        self,
        person_id: int,
        to_list: ManagementList,
        day: date,
        *,
        end_reason: str = MOVE_END_REASON,
        start_reason: str = MOVE_START_REASON,
        note: str = "",
    ) -> HistoryEntry:
        """End the running list stay on ``day`` and start one on ``to_list`` the same day."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            entry = self.move_in(
                session,
                person_id,
                to_list,
                day,
                end_reason=end_reason,
                start_reason=start_reason,
                note=note,
            )
        self._announce(person_id)
        return entry

    def move_in(
        self,
        session: Session,
        person_id: int,
        to_list: ManagementList,
        day: date,
        *,
        end_reason: str = MOVE_END_REASON,
        start_reason: str = MOVE_START_REASON,
        note: str = "",
        due_date: date | None = None,
    ) -> HistoryEntry:
        """``move`` inside a caller's transaction; the caller commits and announces."""
        self._context.require(Permission.RECORDS_EDIT)
        spec = KIND_SPECS[HistoryKind.LIST]
        person = get_person_row(session, person_id)
        running = session.scalar(
            select(ListStay).where(ListStay.person_id == person_id, ListStay.end_date.is_(None))
        )
        if running is None:
            raise ValidationError.single(
                "list_key",
                f"{person.full_name} hiện không ở diện quản lý nào; hãy dùng “Đưa vào diện”.",
            )
        if running.list_key == to_list.value:
            raise ValidationError.single(
                "list_key", f"{person.full_name} đang ở diện {to_list.short_label}."
            )
        # Said as the move date: the generic span check would call it an end date.
        today = self._context.today()
        if day > today:
            raise ValidationError.single(
                "start_date",
                f"Ngày chuyển ({format_day(day)}) ở sau ngày hôm nay ({format_day(today)}).",
            )
        if day < running.start_date:
            raise ValidationError.single(
                "start_date",
                f"Ngày chuyển ({format_day(day)}) ở trước ngày đưa vào diện hiện tại "
                f"({format_day(running.start_date)}).",
            )
        old = _entry(HistoryKind.LIST, running)
        closing = _tidy(HistoryInput(old.start, day, {**old.values, "end_reason": end_reason}))
        self._check(session, spec, person_id, closing, exclude_id=running.id)
        before = audit.snapshot(running)
        running.end_date = day
        running.end_reason = closing.values["end_reason"]
        session.flush()
        opening = _tidy(
            HistoryInput(
                day,
                None,
                {
                    "list_key": to_list.value,
                    "start_reason": start_reason,
                    "end_reason": "",
                    "note": note,
                },
            )
        )
        self._check(session, spec, person_id, opening, exclude_id=None)
        new_row = ListStay(person_id=person_id, start_date=day, end_date=None, due_date=due_date)
        _assign(spec, new_row, opening)
        session.add(new_row)
        session.flush()
        entry = _entry(HistoryKind.LIST, new_row)
        audit.record(
            self._context,
            session,
            action=audit.Action.MOVE,
            entity=HistoryKind.LIST.value,
            entity_id=new_row.id,
            person_id=person_id,
            summary=(
                f"{person.full_name} — chuyển từ diện "
                f"{ManagementList(old.values['list_key']).short_label} sang diện "
                f"{to_list.short_label} ngày {format_day(day)}"
            ),
            before={"ended_stay": before},
            after={"ended_stay": audit.snapshot(running), "new_stay": audit.snapshot(new_row)},
        )
        return entry

    # --- rules ---------------------------------------------------------------------------
    def _check(
        self,
        session: Session,
        spec: KindSpec,
        person_id: int,
        data: HistoryInput,
        exclude_id: int | None,
    ) -> None:
        problems = check_span(data.start, data.end, self._context.today())
        for item in spec.fields:
            value = data.values.get(item.name, "")
            if item.required and not value:
                problems.append(FieldProblem(item.name, f"Chưa nhập {item.label.lower()}."))
            elif item.choices and value and value not in dict(item.choices):
                allowed = ", ".join(label for _, label in item.choices)
                problems.append(
                    FieldProblem(item.name, f"{item.label} “{value}” không hợp lệ ({allowed}).")
                )
            if item.with_end and data.end is not None and not value:
                problems.append(FieldProblem(item.name, f"Chưa nhập {item.label.lower()}."))
        if not problems:
            clash = self._overlapping(session, spec, person_id, data, exclude_id)
            if clash is not None:
                problems.append(
                    FieldProblem(
                        "start_date",
                        f"Trùng thời gian với mục đã có — {clash.describe()}. "
                        "Hai khoảng thời gian cùng loại không được chồng lên nhau.",
                    )
                )
        if problems:
            raise ValidationError(problems)

    def _overlapping(
        self,
        session: Session,
        spec: KindSpec,
        person_id: int,
        data: HistoryInput,
        exclude_id: int | None,
    ) -> HistoryEntry | None:
        model = spec.model
        candidate = Span(data.start, data.end)
        query = select(model).where(model.person_id == person_id)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        for row in session.scalars(query.order_by(model.start_date)):
            if candidate.overlaps(Span(row.start_date, row.end_date)):
                return _entry(spec.kind, row)
        return None

    def _announce(self, person_id: int) -> None:
        self._context.bus.publish(
            Changes(frozenset({Entity.PERSON_HISTORY, Entity.PERSON}), frozenset({person_id}))
        )


def _tidy(data: HistoryInput) -> HistoryInput:
    return HistoryInput(data.start, data.end, {k: tidy(v) for k, v in data.values.items()})


def _assign(spec: KindSpec, row: Any, data: HistoryInput) -> None:
    for item in spec.fields:
        setattr(row, item.name, data.values.get(item.name, ""))


def _get_row(session: Session, spec: KindSpec, entry_id: int) -> Any:
    row = session.get(spec.model, entry_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy mục {spec.label.lower()} số {entry_id}.")
    return row
