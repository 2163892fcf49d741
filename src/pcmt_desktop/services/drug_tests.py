"""Drug tests (test ma túy): validation, audited writes, and the move after a positive test.

A test belongs to one person and says, per substance, whether it was found; the test is
positive when any substance is (the database checks it too). A positive test of a person
who is only suspected (nghi sử dụng, nghi nghiện) — or on no list at all — makes them a
confirmed user from the test day: the service says so (``move_suggestion``) and does it on
request (``move_after_positive``), through the history service's own transaction.

The table's queries and the per-sub-area rates live in ``drug_test_listing``; this class
hands them on so that a tab needs only ``services.drug_tests``.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.rules import check_not_future, format_day
from pcmt_desktop.domain.substances import (
    Substance,
    result_text,
    substances_text,
)
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.drug_test_listing import (
    DrugTestCriteria,
    DrugTestListing,
    DrugTestRow,
    DrugTestSummary,
    SubAreaRate,
)
from pcmt_desktop.services.histories import HistoryEntry, HistoryInput, HistoryService
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.store.models import DrugTest, ListStay, Person

DRUG_TEST_ENTITY = "drug_test"
DEFAULT_METHOD = "Test nhanh nước tiểu"
METHOD_SUGGESTIONS: tuple[str, ...] = (
    DEFAULT_METHOD,
    "Test nhanh nước bọt",
    "Xét nghiệm máu",
    "Giám định tại cơ quan chuyên môn",
)
FOLLOW_UP_SUGGESTIONS: tuple[str, ...] = (
    "Chuyển diện quản lý",
    "Lập hồ sơ đưa đi cai nghiện bắt buộc",
    "Xác định tình trạng nghiện",
    "Xử phạt vi phạm hành chính",
    "Giáo dục, nhắc nhở",
    "Tiếp tục theo dõi",
)
POSITIVE_START_REASON = "Test dương tính"
# The lists a positive test moves a person off: only suspected, not yet confirmed.
MOVED_ON_POSITIVE = frozenset({ManagementList.SUSPECTED_USER, ManagementList.SUSPECTED_ADDICT})

# Column widths of drug_test (store.models), said to the officer when exceeded.
MAX_LENGTHS = {
    "summoned_by": ("Người triệu tập", 200),
    "method": ("Phương pháp test", 100),
    "other_substance": ("Tên chất ma túy khác", 100),
    "follow_up": ("Xử lý tiếp theo", 300),
    "note": ("Ghi chú", 4000),
}


@dataclass(frozen=True)
class DrugTestInput:
    """What the form gives for a test; ``substances`` are those found (none: negative)."""

    person_id: int | None
    test_date: date
    summoned_by: str = ""
    method: str = DEFAULT_METHOD
    substances: frozenset[Substance] = field(default_factory=frozenset)
    other_substance: str = ""
    follow_up: str = ""
    note: str = ""

    @property
    def positive(self) -> bool:
        return bool(self.substances)


@dataclass(frozen=True)
class DrugTestRecord:
    id: int
    person_id: int
    person_name: str
    person_birth_year: int | None
    sub_area_name: str
    test_date: date
    summoned_by: str
    method: str
    substances: frozenset[Substance]
    other_substance: str
    positive: bool
    follow_up: str
    note: str

    @property
    def substances_text(self) -> str:
        return substances_text(self.substances, self.other_substance)

    @property
    def result_text(self) -> str:
        return result_text(self.positive)

    def as_input(self) -> DrugTestInput:
        return DrugTestInput(
            person_id=self.person_id,
            test_date=self.test_date,
            summoned_by=self.summoned_by,
            method=self.method,
            substances=self.substances,
            other_substance=self.other_substance,
            follow_up=self.follow_up,
            note=self.note,
        )


@dataclass(frozen=True)
class MoveSuggestion:
    """After a positive test: put the person on ``to_list`` from the test day.

    ``from_list`` is the list they are on at the end of that day (None: no list, so the
    stay is added rather than moved).
    """

    test_id: int
    person_id: int
    person_name: str
    day: date
    from_list: ManagementList | None
    to_list: ManagementList

    @property
    def question(self) -> str:
        verb = "Đưa" if self.from_list is None else "Chuyển"
        where = "vào" if self.from_list is None else "sang"
        return (
            f"{verb} {self.person_name} {where} diện {self.to_list.label} "
            f"từ ngày {format_day(self.day)}?"
        )


def normalise_input(data: DrugTestInput) -> DrugTestInput:
    other = tidy(data.other_substance) if Substance.OTHER in data.substances else ""
    return replace(
        data,
        summoned_by=tidy(data.summoned_by),
        method=tidy(data.method),
        other_substance=other,
        follow_up=tidy(data.follow_up),
        note=data.note.strip(),
    )


def _to_record(test: DrugTest, person: Person) -> DrugTestRecord:
    return DrugTestRecord(
        id=test.id,
        person_id=test.person_id,
        person_name=person.full_name,
        person_birth_year=person.birth_year,
        sub_area_name="" if person.sub_area is None else person.sub_area.name,
        test_date=test.test_date,
        summoned_by=test.summoned_by,
        method=test.method,
        substances=frozenset(item for item in Substance if getattr(test, item.value)),
        other_substance=test.other_substance,
        positive=test.positive,
        follow_up=test.follow_up,
        note=test.note,
    )


def _assign(test: DrugTest, data: DrugTestInput) -> None:
    assert data.person_id is not None  # validated before
    test.person_id = data.person_id
    test.test_date = data.test_date
    test.summoned_by = data.summoned_by
    test.method = data.method
    for item in Substance:
        setattr(test, item.value, item in data.substances)
    test.other_substance = data.other_substance
    test.positive = data.positive
    test.follow_up = data.follow_up
    test.note = data.note


def _summary(verb: str, person: Person, test: DrugTest) -> str:
    result = result_text(test.positive)
    return (
        f"{verb} kết quả test ma túy của {person.full_name} "
        f"ngày {format_day(test.test_date)} ({result.lower()})"
    )


class DrugTestService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self._listing = DrugTestListing(context)

    # --- reading -----------------------------------------------------------------------
    def get(self, test_id: int) -> DrugTestRecord:
        with self._context.reading() as session:
            test = _get_row(session, test_id)
            return _to_record(test, _person(session, test.person_id))

    def ordered_ids(self, criteria: DrugTestCriteria) -> list[int]:
        return self._listing.ordered_ids(criteria)

    def rows(self, ids: list[int], criteria: DrugTestCriteria) -> dict[int, DrugTestRow]:
        return self._listing.rows(ids, criteria)

    def summary(self, criteria: DrugTestCriteria) -> DrugTestSummary:
        return self._listing.summary(criteria)

    def rates_by_sub_area(self, date_from: date, date_to: date) -> list[SubAreaRate]:
        return self._listing.rates_by_sub_area(date_from, date_to)

    def summoned_by_names(self, limit: int = 30) -> list[str]:
        """Who summoned the latest tests, most recent first: suggestions for the form."""
        return self._listing.summoned_by_names(limit)

    # --- validation --------------------------------------------------------------------
    def validate(self, data: DrugTestInput) -> list[FieldProblem]:
        data = normalise_input(data)
        today = self._context.today()
        problems = check_not_future("test_date", "Ngày test", data.test_date, today)
        if not data.method:
            problems.append(FieldProblem("method", "Chưa nhập phương pháp test."))
        if Substance.OTHER in data.substances and not data.other_substance:
            problems.append(
                FieldProblem(
                    "other_substance", "Đã đánh dấu dương tính với chất “Khác”: hãy ghi tên chất."
                )
            )
        for name, (label, limit) in MAX_LENGTHS.items():
            length = len(getattr(data, name))
            if length > limit:
                problems.append(
                    FieldProblem(name, f"{label} dài quá {limit} ký tự (đã nhập {length} ký tự).")
                )
        if data.person_id is None:
            problems.append(FieldProblem("person_id", "Chưa chọn đối tượng được test."))
            return problems
        with self._context.reading() as session:
            person = session.get(Person, data.person_id)
            if person is None:
                problems.append(
                    FieldProblem(
                        "person_id", "Đối tượng đã chọn không còn trong sổ (có thể đã bị xóa)."
                    )
                )
            else:
                problems += _check_after_birth(person, data.test_date)
        return problems

    # --- writing -----------------------------------------------------------------------
    def add(self, data: DrugTestInput) -> DrugTestRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = normalise_input(data)
        if problems := self.validate(data):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            person = _person(session, data.person_id)
            test = DrugTest()
            _assign(test, data)
            session.add(test)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=DRUG_TEST_ENTITY,
                entity_id=test.id,
                person_id=test.person_id,
                summary=_summary("Thêm", person, test),
                before=None,
                after=audit.snapshot(test),
            )
            record = _to_record(test, person)
        self._announce({record.person_id})
        return record

    def edit(self, test_id: int, data: DrugTestInput) -> DrugTestRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = normalise_input(data)
        if problems := self.validate(data):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            test = _get_row(session, test_id)
            old_person_id = test.person_id
            before = audit.snapshot(test)
            _assign(test, data)
            session.flush()
            person = _person(session, test.person_id)
            # Saving an unchanged test is not an event worth a line in the trail.
            if (after := audit.snapshot(test)) != before:
                changed = sorted(key for key in after if before[key] != after[key])
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=DRUG_TEST_ENTITY,
                    entity_id=test.id,
                    person_id=test.person_id,
                    summary=_summary("Sửa", person, test),
                    before={key: before[key] for key in changed},
                    after={key: after[key] for key in changed},
                )
            record = _to_record(test, person)
        self._announce({old_person_id, record.person_id})
        return record

    def delete(self, test_id: int) -> None:
        """Remove a test entered by mistake (the audit keeps what it held)."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            test = _get_row(session, test_id)
            person = _person(session, test.person_id)
            person_id = test.person_id
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=DRUG_TEST_ENTITY,
                entity_id=test.id,
                person_id=person_id,
                summary=_summary("Xóa", person, test),
                before=audit.snapshot(test),
                after=None,
            )
            session.delete(test)
        self._announce({person_id})

    # --- after a positive test ---------------------------------------------------------
    def move_suggestion(self, test_id: int) -> MoveSuggestion | None:
        """What a positive test calls for, if it can still be done; None otherwise.

        A person suspected at the end of the test day moves to ``su_dung`` that day, if
        that stay is still the running one (a later move already took them elsewhere
        otherwise). A person on no list is put on ``su_dung`` from the test day, if no
        later stay is in the way.
        """
        with self._context.reading() as session:
            test = _get_row(session, test_id)
            if not test.positive:
                return None
            person = _person(session, test.person_id)
            stays = list(
                session.scalars(select(ListStay).where(ListStay.person_id == test.person_id))
            )
            day = test.test_date
            covering = [s for s in stays if Span(s.start_date, s.end_date).covers_end_of(day)]
            if covering:
                stay = covering[0]
                current = ManagementList(stay.list_key)
                if current not in MOVED_ON_POSITIVE or stay.end_date is not None:
                    return None
                from_list: ManagementList | None = current
            else:
                if any(Span(day, None).overlaps(Span(s.start_date, s.end_date)) for s in stays):
                    return None
                from_list = None
            return MoveSuggestion(
                test_id=test.id,
                person_id=person.id,
                person_name=person.full_name,
                day=day,
                from_list=from_list,
                to_list=ManagementList.USER,
            )

    def suggested_move(self, test_id: int) -> ManagementList | None:
        suggestion = self.move_suggestion(test_id)
        return None if suggestion is None else suggestion.to_list

    def move_after_positive(self, test_id: int) -> HistoryEntry:
        """Do what ``move_suggestion`` says (one transaction of the history service).

        Raises:
            ValidationError: the test calls for no move (negative, already confirmed, or
                the history has moved on since).
        """
        self._context.require(Permission.RECORDS_EDIT)
        suggestion = self.move_suggestion(test_id)
        if suggestion is None:
            record = self.get(test_id)
            raise ValidationError.single(
                "list_key",
                f"Kết quả test ngày {format_day(record.test_date)} của {record.person_name} "
                "không dẫn tới việc chuyển diện quản lý (âm tính, đối tượng đã ở diện khác, "
                "hoặc diện quản lý đã thay đổi sau ngày test).",
            )
        histories = HistoryService(self._context)
        if suggestion.from_list is None:
            return histories.add(
                HistoryKind.LIST,
                suggestion.person_id,
                HistoryInput(
                    suggestion.day,
                    None,
                    {
                        "list_key": suggestion.to_list.value,
                        "start_reason": POSITIVE_START_REASON,
                        "end_reason": "",
                        "note": "",
                    },
                ),
            )
        return histories.move(
            suggestion.person_id,
            suggestion.to_list,
            suggestion.day,
            start_reason=POSITIVE_START_REASON,
        )

    def _announce(self, person_ids: set[int]) -> None:
        self._context.bus.publish(Changes(frozenset({DRUG_TEST_ENTITY}), frozenset(person_ids)))


def _check_after_birth(person: Person, day: date) -> list[FieldProblem]:
    if person.birth_date is not None and day < person.birth_date:
        return [
            FieldProblem(
                "test_date",
                f"Ngày test ({format_day(day)}) ở trước ngày sinh của {person.full_name} "
                f"({format_day(person.birth_date)}).",
            )
        ]
    if person.birth_date is None and person.birth_year is not None and day.year < person.birth_year:
        return [
            FieldProblem(
                "test_date",
                f"Ngày test ({format_day(day)}) ở trước năm sinh của {person.full_name} "
                f"({person.birth_year}).",
            )
        ]
    return []


def _get_row(session: Session, test_id: int) -> DrugTest:
    test = session.get(DrugTest, test_id)
    if test is None:
        raise NotFoundError(f"Không tìm thấy kết quả test ma túy số {test_id} (có thể đã bị xóa).")
    return test


def _person(session: Session, person_id: int | None) -> Person:
    person = None if person_id is None else session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Không tìm thấy đối tượng mã {person_id} (có thể đã bị xóa).")
    return person
