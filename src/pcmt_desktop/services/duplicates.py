"""Probable duplicate persons across the registry, and the merge of two of them into one.

A person typed twice is a defect of the data (DOMAIN.md: same CCCD, or same name with
accents and case ignored + birth year + sub-area). CCCD is unique in the table, so across
the registry only the second rule can find anything: one grouped SQL query.

The merge moves every record naming the removed person onto the kept one, in one
transaction, and never drops a fact: two dated periods of one kind that would overlap
afterwards refuse the merge (the officer corrects one side first), except two periods
that are the same fact typed twice, which become one.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.text import fold
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.history_kinds import KIND_SPECS, HistoryKind
from pcmt_desktop.services.persons import (
    PersonInput,
    PersonRecord,
    get_person_row,
    person_record,
    search_text_for,
)
from pcmt_desktop.store.models import (
    AddictLocationStay,
    CaseSubject,
    CustodyStay,
    Dossier,
    DrugCase,
    DrugTest,
    ListStay,
    Person,
    PlantSeizure,
    RetailSellerRole,
    SubstitutionTreatment,
    Surveillance,
)


@dataclass(frozen=True)
class LinkedKind:
    """A table whose rows name a person: how the screen calls it, what a move touches."""

    model: type[Any]
    label: str
    entity: str  # announced on the change bus when rows of it move
    history: HistoryKind | None = None  # dated periods that must not overlap

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)


# Every table with a foreign key to person.id. A test reflects the schema and fails when a
# new one is not here: the merge deletes the removed person, and the database would then
# cascade (lose) or null (orphan) whatever was left pointing at them.
LINKED_KINDS: tuple[LinkedKind, ...] = (
    LinkedKind(ListStay, "Diện quản lý", Entity.PERSON_HISTORY, HistoryKind.LIST),
    LinkedKind(
        AddictLocationStay,
        "Nơi ở của người nghiện",
        Entity.PERSON_HISTORY,
        HistoryKind.ADDICT_LOCATION,
    ),
    LinkedKind(
        SubstitutionTreatment, "Điều trị thay thế", Entity.PERSON_HISTORY, HistoryKind.TREATMENT
    ),
    LinkedKind(Surveillance, "Sưu tra, hiềm nghi", Entity.PERSON_HISTORY, HistoryKind.SURVEILLANCE),
    LinkedKind(RetailSellerRole, "Bán lẻ ma túy", Entity.PERSON_HISTORY, HistoryKind.RETAIL_SELLER),
    LinkedKind(
        CustodyStay, "Trại giam, cơ sở giáo dục", Entity.PERSON_HISTORY, HistoryKind.CUSTODY
    ),
    LinkedKind(DrugTest, "Test ma túy", "drug_test"),
    LinkedKind(Dossier, "Hồ sơ CNBB", "dossier"),
    LinkedKind(PlantSeizure, "Phá nhổ cây", "plant_seizure"),
    LinkedKind(CaseSubject, "Vụ việc", "drug_case"),
)
LINKED_LABELS = {kind.table: kind.label for kind in LINKED_KINDS}

# Identity fields an empty value of the kept person takes from the other (name never empty).
FILLED_FIELDS = (
    "gender",
    "birth_year",
    "birth_date",
    "cccd",
    "sub_area_id",
    "village",
    "permanent_address",
    "current_address",
    "occupation",
)
# The labels the merge writes into the notes when the removed person said something else.
IDENTITY_LABELS = {
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
}
# Row columns that say whose or which row it is, not what fact it records.
_BOOKKEEPING = frozenset({"id", "person_id"})


@dataclass(frozen=True)
class RecordCount:
    table: str
    label: str
    count: int


@dataclass(frozen=True)
class DuplicateMember:
    """One person of a group and how many records of each kind name them."""

    person: PersonRecord
    records: tuple[RecordCount, ...]

    def count(self, table: str) -> int:
        return next((item.count for item in self.records if item.table == table), 0)

    @property
    def total(self) -> int:
        return sum(item.count for item in self.records)


@dataclass(frozen=True)
class DuplicateGroup:
    """Persons with the same folded name, birth year and sub-area (oldest entry first)."""

    full_name: str
    birth_year: int
    sub_area_name: str
    members: tuple[DuplicateMember, ...]

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(member.person.id for member in self.members)


@dataclass(frozen=True)
class MergePlan:
    """What a merge would do, read without writing: the officer's confirmation says it."""

    keep: PersonRecord
    remove: PersonRecord
    moves: tuple[RecordCount, ...]  # rows moved onto the kept person, per kind (non-zero)
    collapsed: tuple[str, ...]  # periods typed twice that become one, described
    filled: tuple[str, ...]  # labels of the kept person's empty fields that get a value
    conflicts: tuple[str, ...]  # why the merge is refused (empty: it may go ahead)

    def describe(self) -> str:
        """The plan in the officer's words (several lines)."""
        lines = [
            f"Giữ lại: {self.keep.full_name} (mã {self.keep.id}).",
            f"Gộp vào rồi xóa: {self.remove.full_name} (mã {self.remove.id}).",
        ]
        if self.moves:
            moved = ", ".join(f"{item.label}: {item.count:02d}" for item in self.moves)
            lines.append(f"Chuyển sang đối tượng giữ lại — {moved}.")
        else:
            lines.append("Đối tượng bị gộp không có bản ghi nào để chuyển.")
        lines += [f"Nhập trùng, chỉ giữ một: {text}." for text in self.collapsed]
        if self.filled:
            lines.append("Bổ sung thông tin còn trống: " + ", ".join(self.filled) + ".")
        return "\n".join(lines)


@dataclass(frozen=True)
class MergeResult:
    person: PersonRecord  # the kept person as saved
    removed_id: int
    moves: tuple[RecordCount, ...]
    collapsed: tuple[str, ...]

    def describe(self) -> str:
        moved = sum(item.count for item in self.moves)
        text = (
            f"Đã gộp đối tượng mã {self.removed_id} vào {self.person.full_name} "
            f"(mã {self.person.id}): chuyển {moved:02d} bản ghi"
        )
        if self.collapsed:
            text += f", bỏ {len(self.collapsed):02d} dòng nhập trùng"
        return text + "."


# --- the work of a merge, read in one session ----------------------------------------------
@dataclass
class _Work:
    keep: Person
    remove: Person
    moves: dict[str, list[Any]]  # table → rows of the removed person to move
    collapsed: dict[str, list[Any]]  # table → rows of the removed person typed twice
    collapsed_text: list[str]
    conflicts: list[str]


def _fact(row: Any) -> dict[str, Any]:
    columns = row.__table__.columns
    return {c.key: getattr(row, c.key) for c in columns if c.key not in _BOOKKEEPING}


def _period_text(kind: HistoryKind, row: Any, person_id: int) -> str:
    """ "Nghi sử dụng từ 05/01/2025 đến nay (mã 12)": the main field, the days, the person."""
    main = KIND_SPECS[kind].fields[0]
    what = main.label_of(str(getattr(row, main.name) or ""))
    until = "nay" if row.end_date is None else format_day(row.end_date)
    days = f"từ {format_day(row.start_date)} đến {until}"
    return f"{what} {days} (mã {person_id})" if what else f"{days} (mã {person_id})"


def _rows_of(session: Session, model: type[Any], person_id: int) -> list[Any]:
    query = select(model).where(model.person_id == person_id).order_by(model.id)
    return list(session.scalars(query))


def _plan(session: Session, keep_id: int, remove_id: int) -> _Work:
    if keep_id == remove_id:
        raise ValidationError.single("person", "Hãy chọn hai đối tượng khác nhau để gộp.")
    work = _Work(
        get_person_row(session, keep_id), get_person_row(session, remove_id), {}, {}, [], []
    )
    for kind in LINKED_KINDS:
        theirs = _rows_of(session, kind.model, remove_id)
        ours = _rows_of(session, kind.model, keep_id)
        moving: list[Any] = []
        for row in theirs:
            if kind.history is not None:
                facts = _fact(row)
                twin = next((own for own in ours if _fact(own) == facts), None)
                if twin is not None:
                    work.collapsed.setdefault(kind.table, []).append(row)
                    text = _period_text(kind.history, twin, keep_id)
                    work.collapsed_text.append(f"{kind.label}: {text}")
                    continue
                span = Span(row.start_date, row.end_date)
                for own in ours:
                    if span.overlaps(Span(own.start_date, own.end_date)):
                        work.conflicts.append(
                            f"{kind.label}: {_period_text(kind.history, own, keep_id)} "
                            f"trùng với {_period_text(kind.history, row, remove_id)}"
                        )
            elif kind.model is CaseSubject and any(own.case_id == row.case_id for own in ours):
                case = session.get(DrugCase, row.case_id)
                day = "" if case is None else f" ngày {format_day(case.occurred_on)}"
                work.conflicts.append(
                    f"Vụ việc số {row.case_id}{day}: cả hai đối tượng (mã {keep_id} và "
                    f"mã {remove_id}) đều có trong danh sách đối tượng của vụ; hãy bỏ một "
                    "dòng trong vụ việc trước"
                )
            moving.append(row)
        if moving:
            work.moves[kind.table] = moving
    return work


def _filled_labels(keep: Person, remove: Person) -> list[str]:
    return [
        IDENTITY_LABELS[name]
        for name in FILLED_FIELDS
        if _blank(getattr(keep, name)) and not _blank(getattr(remove, name))
    ]


def _blank(value: object) -> bool:
    return value is None or value == ""


def _counts(moves: dict[str, list[Any]]) -> tuple[RecordCount, ...]:
    return tuple(
        RecordCount(kind.table, kind.label, len(moves[kind.table]))
        for kind in LINKED_KINDS
        if moves.get(kind.table)
    )


def _other_identity_note(keep: Person, remove: Person) -> str:
    """What the removed person's record said differently, kept in the notes (not lost)."""
    differing = []
    for name, label in IDENTITY_LABELS.items():
        theirs, ours = getattr(remove, name), getattr(keep, name)
        if _blank(theirs) or _blank(ours) or theirs == ours:
            continue
        if name == "full_name" and fold(theirs) == fold(ours):
            text = str(theirs)
        elif name == "sub_area_id":
            text = remove.sub_area.name if remove.sub_area is not None else str(theirs)
        elif name == "birth_date":
            text = format_day(theirs)
        else:
            text = str(theirs)
        differing.append(f"{label}: {text}")
    if not differing:
        return ""
    return f"Đối tượng mã {remove.id} (đã gộp) ghi khác — " + "; ".join(differing) + "."


def _join_notes(*parts: str) -> str:
    kept: list[str] = []
    for part in (part.strip() for part in parts):
        if part and part not in kept:
            kept.append(part)
    return "\n".join(kept)


class DuplicateService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- reading -----------------------------------------------------------------------
    def groups(self) -> list[DuplicateGroup]:
        """Every set of persons with the same folded name, birth year and sub-area.

        Three small steps rather than one join: the grouping scans the registry once; the
        persons of the (few) groups are read through the name index; their records are
        counted by id. Joined in one statement, SQLite re-ran the grouping per table.
        """
        keys_query = (
            select(Person.name_folded, Person.birth_year, Person.sub_area_id)
            .where(Person.birth_year.is_not(None), Person.sub_area_id.is_not(None))
            .group_by(Person.name_folded, Person.birth_year, Person.sub_area_id)
            .having(func.count() > 1)
        )
        with self._context.reading() as session:
            keys = {tuple(row) for row in session.execute(keys_query)}
            persons: list[Person] = []
            for names in _chunks(sorted({key[0] for key in keys})):
                query = select(Person).where(Person.name_folded.in_(names))
                persons += [
                    person
                    for person in session.scalars(query)
                    if (person.name_folded, person.birth_year, person.sub_area_id) in keys
                ]
            persons.sort(key=lambda p: (p.name_folded, p.birth_year or 0, p.sub_area_id or 0, p.id))
            counts: dict[tuple[str, int], int] = {}
            for kind in LINKED_KINDS:
                model = kind.model
                for ids in _chunks([person.id for person in persons]):
                    rows = session.execute(
                        select(model.person_id, func.count())
                        .where(model.person_id.in_(ids))
                        .group_by(model.person_id)
                    )
                    for person_id, count in rows:
                        counts[(kind.table, person_id)] = count
            return _grouped(persons, counts)

    def preview(self, keep_id: int, remove_id: int) -> MergePlan:
        """What ``merge`` would do; nothing is written. Raises NotFoundError, ValidationError
        only for a pair that cannot be merged at all (the same person twice)."""
        with self._context.reading() as session:
            work = _plan(session, keep_id, remove_id)
            return MergePlan(
                keep=person_record(work.keep),
                remove=person_record(work.remove),
                moves=_counts(work.moves),
                collapsed=tuple(work.collapsed_text),
                filled=tuple(_filled_labels(work.keep, work.remove)),
                conflicts=tuple(work.conflicts),
            )

    def check_merge(self, keep_id: int, remove_id: int) -> list[str]:
        """Why merging ``remove_id`` into ``keep_id`` would be refused (empty: it would not)."""
        return list(self.preview(keep_id, remove_id).conflicts)

    # --- writing -----------------------------------------------------------------------
    def merge(
        self,
        keep_id: int,
        remove_id: int,
        *,
        before_merge: Callable[[], None] | None = None,
    ) -> MergeResult:
        """Move every record of ``remove_id`` onto ``keep_id`` and delete ``remove_id``.

        All or nothing, in one transaction. ``before_merge`` runs after the checks and
        before anything is written: the hook for the automatic backup that makes the merge
        reversible (a merge is undone only by restoring a backup).
        """
        self._context.require(Permission.MERGE)
        conflicts = self.check_merge(keep_id, remove_id)
        if conflicts:
            raise _refusal(conflicts)
        if before_merge is not None:
            before_merge()
        with self._context.unit_of_work() as session:
            # Checked again inside the transaction: a write may have come in meanwhile.
            work = _plan(session, keep_id, remove_id)
            if work.conflicts:
                raise _refusal(work.conflicts)
            keep, remove = work.keep, work.remove
            kept_before, removed_before = audit.snapshot(keep), audit.snapshot(remove)
            remove_name = remove.full_name
            for rows in work.moves.values():
                for row in rows:
                    row.person_id = keep_id
            for rows in work.collapsed.values():
                for row in rows:
                    session.delete(row)
            # Gone before the kept person takes its CCCD: the column is unique.
            other_note = _other_identity_note(keep, remove)
            filled = {name: getattr(remove, name) for name in FILLED_FIELDS}
            remove_notes = remove.notes
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=Entity.PERSON,
                entity_id=remove_id,
                person_id=remove_id,
                summary=f"Xóa đối tượng {remove_name} (đã gộp vào mã {keep_id})",
                before=removed_before,
                after=None,
            )
            session.delete(remove)
            session.flush()
            for name, value in filled.items():
                if _blank(getattr(keep, name)) and not _blank(value):
                    setattr(keep, name, value)
            keep.notes = _join_notes(keep.notes, remove_notes, other_note)
            keep.search_text = search_text_for(
                PersonInput(
                    keep.full_name,
                    cccd=keep.cccd,
                    birth_year=keep.birth_year,
                    village=keep.village,
                )
            )
            keep.updated_at = self._context.now()
            session.flush()
            moves = _counts(work.moves)
            audit.record(
                self._context,
                session,
                action=audit.Action.MERGE,
                entity=Entity.PERSON,
                entity_id=keep_id,
                person_id=keep_id,
                summary=_merge_summary(keep.full_name, keep_id, remove_name, remove_id, moves),
                before={
                    "kept_person": kept_before,
                    "removed_person": removed_before,
                    "moved_rows": {
                        table: [row.id for row in rows] for table, rows in work.moves.items()
                    },
                    "collapsed_rows": {
                        table: [row.id for row in rows] for table, rows in work.collapsed.items()
                    },
                },
                after={"kept_person": audit.snapshot(keep)},
            )
            session.refresh(keep)
            result = MergeResult(
                person=person_record(keep),
                removed_id=remove_id,
                moves=moves,
                collapsed=tuple(work.collapsed_text),
            )
            touched = {kind.entity for kind in LINKED_KINDS if work.moves.get(kind.table)} | {
                Entity.PERSON,
                Entity.PERSON_HISTORY,
            }
        self._context.bus.publish(Changes(frozenset(touched), frozenset({keep_id, remove_id})))
        return result


def _chunks(values: Sequence[Any], size: int = 500) -> list[Sequence[Any]]:
    """Slices short enough for SQLite's limit on bound parameters."""
    return [values[start : start + size] for start in range(0, len(values), size)]


def _refusal(conflicts: Sequence[str]) -> ValidationError:
    return ValidationError([FieldProblem("merge", text) for text in conflicts])


def _merge_summary(
    keep_name: str, keep_id: int, remove_name: str, remove_id: int, moves: Sequence[RecordCount]
) -> str:
    text = f"Gộp đối tượng {remove_name} (mã {remove_id}) vào {keep_name} (mã {keep_id})"
    if moves:
        text += ": chuyển " + ", ".join(f"{item.label} {item.count:02d}" for item in moves)
    return text


def _grouped(persons: list[Person], counts: dict[tuple[str, int], int]) -> list[DuplicateGroup]:
    groups: list[DuplicateGroup] = []
    members: list[DuplicateMember] = []
    key: tuple[object, ...] | None = None

    def close() -> None:
        if len(members) > 1:
            first = members[0].person
            groups.append(
                DuplicateGroup(
                    first.full_name, first.birth_year or 0, first.sub_area_name, tuple(members)
                )
            )

    for person in persons:
        person_key = (person.name_folded, person.birth_year, person.sub_area_id)
        if person_key != key:
            close()
            members, key = [], person_key
        records = tuple(
            RecordCount(kind.table, kind.label, counts.get((kind.table, person.id), 0))
            for kind in LINKED_KINDS
        )
        members.append(DuplicateMember(person_record(person), records))
    close()
    return groups
