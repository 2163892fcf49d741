"""Compulsory-rehab (CNBB) dossiers: one person, dated steps, limits, and what follows.

Each write validates, writes in one transaction with its audit rows, then announces
``Changes({"dossier"}, {person})``. Two steps reach into the person's history in the same
transaction: taking the person into the facility moves where the addict is (community →
facility), and completing ends the facility stay. After completion the officer may move
the person to the post-rehab list (``sau_cai``) for the period the law gives.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.dates import add_months, age_on
from pcmt_desktop.domain.dossier_steps import (
    ADULT_AGE,
    MINOR_AGE,
    StatusGroup,
    Step,
    StepKind,
    TermRange,
    allowed_next,
    check_dates,
    check_detail,
    check_sequence,
    check_term,
    status_group,
    status_label,
    why_not_next,
)
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.rules import check_not_future, format_day
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.domain.vocabulary import (
    MOVE_END_REASON,
    AddictLocation,
    ManagementList,
)
from pcmt_desktop.services import audit
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.audit import AuditRecord
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.dossier_limits import DossierLimit, dossier_limits, next_pending
from pcmt_desktop.services.dossier_listing import DossierCriteria, DossierListing, DossierRow
from pcmt_desktop.services.histories import HistoryInput, HistoryService
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.legal import MissingRuleError, RuleBook, RuleKey, read_all_rules
from pcmt_desktop.services.management_periods import period_rule
from pcmt_desktop.services.persons import get_person_row
from pcmt_desktop.store.models import AddictLocationStay, Dossier, DossierStep, ListStay, Person

DOSSIER = "dossier"
DOSSIER_STEP = "dossier_step"
BACK_FROM_FACILITY = "Trở về từ cơ sở cai nghiện"

__all__ = [
    "DOSSIER",
    "DOSSIER_STEP",
    "DossierCriteria",
    "DossierRecord",
    "DossierRow",
    "DossierService",
    "PostRehabOffer",
    "StepRecord",
]


@dataclass(frozen=True)
class StepRecord:
    id: int
    kind: StepKind
    day: date
    term_months: int | None
    detail: str  # the reason, the facility, or "vụ việc phức tạp" (see StepSpec.detail_label)
    note: str

    def as_step(self) -> Step:
        return Step(self.kind, self.day, self.term_months, self.detail)


@dataclass(frozen=True)
class DossierRecord:
    id: int
    person_id: int
    person_name: str
    birth_year: int | None
    sub_area_name: str
    found_on: date
    note: str
    steps: tuple[StepRecord, ...]  # in the order of the procedure
    limits: tuple[DossierLimit, ...]
    moved_to_post_rehab: bool  # a sau_cai stay starts on the completion day

    @property
    def created_on(self) -> date:
        return next(step.day for step in self.steps if step.kind is StepKind.CREATED)

    @property
    def status(self) -> str:
        return status_label(self._steps())

    @property
    def group(self) -> StatusGroup:
        return status_group(self._steps())

    def allowed_next(self) -> list[StepKind]:
        return allowed_next(self._steps())

    def next_limit(self) -> DossierLimit | None:
        return next_pending(self.limits)

    def step(self, kind: StepKind) -> StepRecord | None:
        return next((step for step in self.steps if step.kind is kind), None)

    def _steps(self) -> list[Step]:
        return [step.as_step() for step in self.steps]


class PostRehabOffer(NamedTuple):
    """Move to ``sau_cai`` from ``day`` for ``months`` (the rule in force on that day)."""

    day: date
    months: int

    @property
    def due(self) -> date:
        return add_months(self.day, self.months)


def _step_record(row: DossierStep) -> StepRecord:
    return StepRecord(
        row.id, StepKind(row.step), row.step_date, row.term_months, row.reason, row.note
    )


def _ordered(rows: Sequence[DossierStep]) -> list[DossierStep]:
    return sorted(rows, key=lambda row: (StepKind(row.step).spec.rank, row.step_date, row.id))


def _step_rows(session: Session, dossier_id: int) -> list[DossierStep]:
    return _ordered(
        list(session.scalars(select(DossierStep).where(DossierStep.dossier_id == dossier_id)))
    )


def _as_steps(rows: Sequence[DossierStep]) -> list[Step]:
    return [Step(StepKind(row.step), row.step_date, row.term_months, row.reason) for row in rows]


def _dossier_row(session: Session, dossier_id: int) -> Dossier:
    row = session.get(Dossier, dossier_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy hồ sơ CNBB số {dossier_id} (có thể đã bị xóa).")
    return row


def _step_row(session: Session, step_id: int) -> DossierStep:
    row = session.get(DossierStep, step_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy bước số {step_id} của hồ sơ (có thể đã bị xóa).")
    return row


def _kind(step: StepKind | str) -> StepKind:
    try:
        return StepKind(step)
    except ValueError:
        raise ValidationError.single("step", f"Bước “{step}” không có trong trình tự.") from None


def _snapshot_with_steps(dossier: Dossier, steps: Sequence[DossierStep]) -> dict[str, Any]:
    data = audit.snapshot(dossier)
    data["steps"] = [audit.snapshot(step) for step in steps]
    return data


def _describe_step(kind: StepKind, day: date, term: int | None, detail: str) -> str:
    text = f"{kind.label} ngày {format_day(day)}"
    if term:
        text += f", {term} tháng"
    if detail:
        text += f" ({detail})"
    return text


class DossierService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self._listing = DossierListing(context)

    # --- reading -----------------------------------------------------------------------
    def get(self, dossier_id: int) -> DossierRecord:
        with self._context.reading() as session:
            dossier = _dossier_row(session, dossier_id)
            return self._record(session, dossier, RuleBook(read_all_rules(session)))

    def for_person(self, person_id: int) -> list[DossierRecord]:
        """The person's dossiers, latest finding first."""
        with self._context.reading() as session:
            book = RuleBook(read_all_rules(session))
            rows = session.scalars(
                select(Dossier)
                .where(Dossier.person_id == person_id)
                .order_by(Dossier.found_on.desc(), Dossier.id.desc())
            )
            return [self._record(session, row, book) for row in rows]

    def ordered_ids(self, criteria: DossierCriteria) -> list[int]:
        return self._listing.ordered_ids(criteria)

    def rows(self, ids: list[int], criteria: DossierCriteria) -> dict[int, DossierRow]:
        return self._listing.rows(ids, criteria)

    def count(self) -> int:
        return self._listing.count()

    def alerts_due(self, today: date, within_days: int) -> tuple[list[Alert], list[Alert]]:
        """(late, soon) from one reading of the dossiers' clocks, each the earliest first:
        open dossiers whose next step is late on ``today``, and those whose next step falls
        due within ``within_days`` days of it."""
        alerts = sorted(self._listing.alerts(today), key=lambda alert: (alert.due, alert.record_id))
        late = [alert for alert in alerts if alert.overdue]
        soon = [alert for alert in alerts if 0 <= alert.days_left <= within_days]
        return late, soon

    def past_limit(self, today: date) -> list[Alert]:
        """Open dossiers whose next step is late on ``today``, the latest first."""
        return self.alerts_due(today, 0)[0]

    def due_soon(self, today: date, within_days: int) -> list[Alert]:
        """Open dossiers whose next step falls due within ``within_days`` days of ``today``."""
        return self.alerts_due(today, within_days)[1]

    def history(self, dossier_id: int) -> list[AuditRecord]:
        """The dossier's audit trail (its own rows and its steps', deleted ones too)."""
        with self._context.reading() as session:
            person_id = _dossier_row(session, dossier_id).person_id
        kept: list[AuditRecord] = []
        for record in audit.entries_for_person(self._context, person_id):
            if record.entity == DOSSIER and record.entity_id == dossier_id:
                kept.append(record)
            elif record.entity == DOSSIER_STEP:
                values = record.after or record.before or {}
                if values.get("dossier_id") == dossier_id:
                    kept.append(record)
        return kept

    def term_range(self, person_id: int, day: date) -> TermRange:
        """The CNBB terms allowed for the person on a decision day (raises when none)."""
        with self._context.reading() as session:
            person = get_person_row(session, person_id)
            return _term_range(person, day, RuleBook(read_all_rules(session)))

    def post_rehab_offer(self, dossier_id: int) -> PostRehabOffer:
        """The move to ``sau_cai`` a completed dossier calls for: its day and months."""
        with self._context.reading() as session:
            dossier = _dossier_row(session, dossier_id)
            return self._offer(session, dossier, RuleBook(read_all_rules(session)))

    # --- writing: dossiers ---------------------------------------------------------------
    def open_dossier(
        self, person_id: int, found_on: date, created_on: date, note: str = ""
    ) -> DossierRecord:
        """A new dossier with its first step, "lập hồ sơ" on ``created_on``."""
        self._context.require(Permission.RECORDS_EDIT)
        today = self._context.today()
        note = tidy(note)
        with self._context.unit_of_work() as session:
            person = get_person_row(session, person_id)
            problems = check_not_future("found_on", "Ngày phát hiện", found_on, today)
            problems += check_not_future("created_on", "Ngày lập hồ sơ", created_on, today)
            if created_on < found_on:
                problems.append(
                    FieldProblem(
                        "created_on",
                        f"Ngày lập hồ sơ ({format_day(created_on)}) ở trước ngày phát hiện "
                        f"({format_day(found_on)}).",
                    )
                )
            age = age_on(found_on, person.birth_year, person.birth_date)
            if age is not None and age < MINOR_AGE:
                problems.append(
                    FieldProblem(
                        "person_id",
                        f"{person.full_name} chưa đủ {MINOR_AGE} tuổi vào ngày phát hiện; "
                        "không áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc.",
                    )
                )
            problems += self._open_elsewhere(session, person)
            if problems:
                raise ValidationError(problems)
            dossier = Dossier(person_id=person_id, found_on=found_on, note=note)
            session.add(dossier)
            session.flush()
            first = DossierStep(
                dossier_id=dossier.id, step=StepKind.CREATED.value, step_date=created_on
            )
            session.add(first)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=DOSSIER,
                entity_id=dossier.id,
                person_id=person_id,
                summary=(
                    f"{person.full_name} — lập hồ sơ CNBB ngày {format_day(created_on)} "
                    f"(phát hiện ngày {format_day(found_on)})"
                ),
                before=None,
                after=_snapshot_with_steps(dossier, [first]),
            )
            record = self._record(session, dossier, RuleBook(read_all_rules(session)))
        self._announce(person_id)
        return record

    def update_dossier(self, dossier_id: int, found_on: date, note: str = "") -> DossierRecord:
        """Correct the finding day or the note (the first step's day is corrected as a step)."""
        self._context.require(Permission.RECORDS_EDIT)
        today = self._context.today()
        note = tidy(note)
        with self._context.unit_of_work() as session:
            dossier = _dossier_row(session, dossier_id)
            person = get_person_row(session, dossier.person_id)
            rows = _step_rows(session, dossier_id)
            problems = check_not_future("found_on", "Ngày phát hiện", found_on, today)
            problems += [
                FieldProblem("found_on", problem.message)
                for problem in check_dates(_as_steps(rows), found_on, today)
            ]
            if problems:
                raise ValidationError(list(dict.fromkeys(problems)))
            before = audit.snapshot(dossier)
            dossier.found_on = found_on
            dossier.note = note
            session.flush()
            if (after := audit.snapshot(dossier)) != before:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=DOSSIER,
                    entity_id=dossier.id,
                    person_id=dossier.person_id,
                    summary=f"{person.full_name} — sửa thông tin hồ sơ CNBB",
                    before=before,
                    after=after,
                )
            record = self._record(session, dossier, RuleBook(read_all_rules(session)))
        self._announce(record.person_id)
        return record

    def delete_dossier(self, dossier_id: int) -> None:
        """Remove a dossier entered by mistake (the audit keeps it, steps included).

        Where the person was (community, facility) is history of its own and stays.
        """
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            dossier = _dossier_row(session, dossier_id)
            person = get_person_row(session, dossier.person_id)
            rows = _step_rows(session, dossier_id)
            person_id = dossier.person_id
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=DOSSIER,
                entity_id=dossier.id,
                person_id=person_id,
                summary=(
                    f"{person.full_name} — xóa hồ sơ CNBB "
                    f"(phát hiện ngày {format_day(dossier.found_on)}, {len(rows)} bước)"
                ),
                before=_snapshot_with_steps(dossier, rows),
                after=None,
            )
            for row in rows:
                session.delete(row)
            # No ORM relationship orders these deletes: steps first, then their dossier.
            session.flush()
            session.delete(dossier)
        self._announce(person_id)

    # --- writing: steps ------------------------------------------------------------------
    def add_step(
        self,
        dossier_id: int,
        step: StepKind | str,
        day: date,
        *,
        term_months: int | None = None,
        reason: str = "",
        note: str = "",
        update_location: bool = True,
    ) -> DossierRecord:
        """Record the next step; entering and completing also move where the addict is.

        ``update_location`` False records the step alone (the location history already
        says it, e.g. when the demo writes dossiers behind existing stays).
        """
        self._context.require(Permission.RECORDS_EDIT)
        kind = _kind(step)
        reason, note = tidy(reason), tidy(note)
        today = self._context.today()
        touched_history = False
        with self._context.unit_of_work() as session:
            dossier = _dossier_row(session, dossier_id)
            person = get_person_row(session, dossier.person_id)
            rows = _step_rows(session, dossier_id)
            current = _as_steps(rows)
            new = Step(kind, day, term_months, reason)
            refusal = why_not_next(current, kind)
            if refusal is not None:
                raise ValidationError.single("step", refusal)
            problems = check_detail(kind, reason, term_months)
            problems += check_dates([*current, new], dossier.found_on, today)
            problems += self._check_term(session, person, kind, day, term_months)
            if problems:
                raise ValidationError(list(dict.fromkeys(problems)))
            row = DossierStep(
                dossier_id=dossier_id,
                step=kind.value,
                step_date=day,
                term_months=term_months,
                reason=reason,
                note=note,
            )
            session.add(row)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=DOSSIER_STEP,
                entity_id=row.id,
                person_id=person.id,
                summary=(
                    f"{person.full_name} — hồ sơ CNBB: thêm bước "
                    f"{_describe_step(kind, day, term_months, reason)}"
                ),
                before=None,
                after=audit.snapshot(row),
            )
            if update_location and kind is StepKind.ENTERED_FACILITY:
                touched_history = self._enter_facility(session, person, day, reason)
            elif update_location and kind is StepKind.COMPLETED:
                touched_history = self._leave_facility(session, person, day)
            record = self._record(session, dossier, RuleBook(read_all_rules(session)))
        self._announce(person.id, history=touched_history)
        return record

    def correct_step(
        self,
        step_id: int,
        day: date,
        term_months: int | None = None,
        reason: str = "",
        note: str = "",
    ) -> DossierRecord:
        """Replace a mistaken step's date and fields (its kind stays; the audit keeps both).

        Where the addict is is not moved with it: the person's record corrects that.
        """
        self._context.require(Permission.RECORDS_EDIT)
        reason, note = tidy(reason), tidy(note)
        today = self._context.today()
        with self._context.unit_of_work() as session:
            row = _step_row(session, step_id)
            dossier = _dossier_row(session, row.dossier_id)
            person = get_person_row(session, dossier.person_id)
            kind = StepKind(row.step)
            others = [other for other in _step_rows(session, dossier.id) if other.id != step_id]
            new = Step(kind, day, term_months, reason)
            problems = check_detail(kind, reason, term_months)
            problems += check_dates([*_as_steps(others), new], dossier.found_on, today)
            problems += self._check_term(session, person, kind, day, term_months)
            if problems:
                raise ValidationError(list(dict.fromkeys(problems)))
            before = audit.snapshot(row)
            row.step_date = day
            row.term_months = term_months
            row.reason = reason
            row.note = note
            session.flush()
            if (after := audit.snapshot(row)) != before:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=DOSSIER_STEP,
                    entity_id=row.id,
                    person_id=person.id,
                    summary=(
                        f"{person.full_name} — hồ sơ CNBB: sửa bước "
                        f"{_describe_step(kind, day, term_months, reason)}"
                    ),
                    before=before,
                    after=after,
                )
            record = self._record(session, dossier, RuleBook(read_all_rules(session)))
        self._announce(person.id)
        return record

    def delete_step(self, step_id: int) -> DossierRecord:
        """Remove a step entered by mistake; never the first, never one a later step needs."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            row = _step_row(session, step_id)
            dossier = _dossier_row(session, row.dossier_id)
            person = get_person_row(session, dossier.person_id)
            kind = StepKind(row.step)
            if kind is StepKind.CREATED:
                raise ValidationError.single(
                    "step",
                    "Không xóa được bước “Lập hồ sơ”: đó là bước đầu tiên của hồ sơ. "
                    "Nếu cả hồ sơ nhập nhầm, hãy xóa hồ sơ.",
                )
            others = [other for other in _step_rows(session, dossier.id) if other.id != step_id]
            problems = [
                FieldProblem(
                    "step",
                    f"Không xóa được bước “{kind.label}”: {problem.message[0].lower()}"
                    f"{problem.message[1:]} Hãy xóa bước sau trước.",
                )
                for problem in check_sequence(_as_steps(others))
            ]
            if problems:
                raise ValidationError(problems)
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=DOSSIER_STEP,
                entity_id=row.id,
                person_id=person.id,
                summary=(
                    f"{person.full_name} — hồ sơ CNBB: xóa bước "
                    f"{_describe_step(kind, row.step_date, row.term_months, row.reason)}"
                ),
                before=audit.snapshot(row),
                after=None,
            )
            session.delete(row)
            session.flush()
            record = self._record(session, dossier, RuleBook(read_all_rules(session)))
        self._announce(person.id)
        return record

    def move_to_post_rehab(self, dossier_id: int) -> PostRehabOffer:
        """Move the person to ``sau_cai`` from the completion day, due after the law's months.

        The running list stay (usually ``nghien``) ends that day; with no running stay a
        new one starts. Refused when the lists' history does not allow it.
        """
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            dossier = _dossier_row(session, dossier_id)
            person = get_person_row(session, dossier.person_id)
            offer = self._offer(session, dossier, RuleBook(read_all_rules(session)))
            self._move_list(session, person, offer, dossier_id)
        self._announce(person.id, history=True)
        return offer

    # --- rules ---------------------------------------------------------------------------
    def _open_elsewhere(self, session: Session, person: Person) -> list[FieldProblem]:
        for other in session.scalars(select(Dossier).where(Dossier.person_id == person.id)):
            steps = _as_steps(_step_rows(session, other.id))
            if status_group(steps) is not StatusGroup.CLOSED:
                return [
                    FieldProblem(
                        "person_id",
                        f"{person.full_name} đang có hồ sơ CNBB chưa kết thúc "
                        f"(phát hiện ngày {format_day(other.found_on)}, "
                        f"{status_label(steps).lower()}).",
                    )
                ]
        return []

    def _check_term(
        self,
        session: Session,
        person: Person,
        kind: StepKind,
        day: date,
        term_months: int | None,
    ) -> list[FieldProblem]:
        if kind is not StepKind.DECIDED or term_months is None:
            return []
        if term_months <= 0:
            return [FieldProblem("term_months", "Thời hạn phải lớn hơn 0 tháng.")]
        try:
            allowed = _term_range(person, day, RuleBook(read_all_rules(session)))
        except ValidationError as error:
            return error.problems
        return check_term(term_months, allowed)

    def _offer(self, session: Session, dossier: Dossier, book: RuleBook) -> PostRehabOffer:
        completed = next(
            (
                row
                for row in _step_rows(session, dossier.id)
                if row.step == StepKind.COMPLETED.value
            ),
            None,
        )
        if completed is None:
            raise ValidationError.single(
                "step",
                "Hồ sơ chưa có bước “Hoàn thành”: chưa thể chuyển sang diện sau cai nghiện.",
            )
        day = completed.step_date
        rule = period_rule(session, ManagementList.POST_REHAB.value, dossier.person_id, day)
        assert rule is not None  # sau_cai always has a period
        try:
            return PostRehabOffer(day, book.value(rule, day))
        except MissingRuleError as error:
            raise ValidationError.single("step", str(error)) from None

    # --- the person's history, in the same transaction -------------------------------------
    def _enter_facility(self, session: Session, person: Person, day: date, facility: str) -> bool:
        rows = list(
            session.scalars(
                select(AddictLocationStay)
                .where(AddictLocationStay.person_id == person.id)
                .order_by(AddictLocationStay.start_date)
            )
        )
        running = next((row for row in rows if row.end_date is None), None)
        problems: list[FieldProblem] = []
        if running is not None and running.location == AddictLocation.FACILITY.value:
            problems.append(
                FieldProblem(
                    "day",
                    f"{person.full_name} đang ở cơ sở cai nghiện"
                    + (f" {running.facility}" if running.facility else "")
                    + f" từ ngày {format_day(running.start_date)}.",
                )
            )
        elif running is not None and running.start_date > day:
            problems.append(
                FieldProblem(
                    "day",
                    f"Nơi ở của {person.full_name} ghi “"
                    f"{AddictLocation(running.location).label}” từ ngày "
                    f"{format_day(running.start_date)}, sau ngày đưa vào cơ sở "
                    f"({format_day(day)}).",
                )
            )
        later = next(
            (
                row
                for row in rows
                if row is not running and row.end_date is not None and row.end_date > day
            ),
            None,
        )
        if later is not None:
            problems.append(
                FieldProblem(
                    "day",
                    f"Nơi ở của {person.full_name} đã có mục từ {format_day(later.start_date)} "
                    f"đến {format_day(later.end_date or later.start_date)}, trùng với thời gian "
                    "ở cơ sở.",
                )
            )
        if problems:
            raise ValidationError(problems)
        histories = HistoryService(self._context)
        if running is not None:
            histories.end_in(session, HistoryKind.ADDICT_LOCATION, running.id, day)
        values = {"location": AddictLocation.FACILITY.value, "facility": facility}
        histories.add_in(
            session, HistoryKind.ADDICT_LOCATION, person.id, HistoryInput(day, None, values)
        )
        return True

    def _leave_facility(self, session: Session, person: Person, day: date) -> bool:
        running = session.scalar(
            select(AddictLocationStay).where(
                AddictLocationStay.person_id == person.id,
                AddictLocationStay.end_date.is_(None),
                AddictLocationStay.location == AddictLocation.FACILITY.value,
                AddictLocationStay.start_date <= day,
            )
        )
        if running is None:
            return False  # nothing recorded inside: nothing to end
        HistoryService(self._context).end_in(session, HistoryKind.ADDICT_LOCATION, running.id, day)
        return True

    def _move_list(
        self, session: Session, person: Person, offer: PostRehabOffer, dossier_id: int
    ) -> None:
        day = offer.day
        stays = list(session.scalars(select(ListStay).where(ListStay.person_id == person.id)))
        running = next((stay for stay in stays if stay.end_date is None), None)
        if running is not None and running.list_key == ManagementList.POST_REHAB.value:
            raise ValidationError.single(
                "list_key",
                f"{person.full_name} đang ở diện sau cai nghiện từ ngày "
                f"{format_day(running.start_date)}.",
            )
        if running is not None and running.start_date > day:
            raise ValidationError.single(
                "list_key",
                f"{person.full_name} vào diện "
                f"{ManagementList(running.list_key).short_label.lower()} ngày "
                f"{format_day(running.start_date)}, sau ngày hoàn thành ({format_day(day)}): "
                "hãy xem lại lịch sử diện quản lý.",
            )
        later = next(
            (
                stay
                for stay in stays
                if stay is not running and stay.end_date is not None and stay.end_date > day
            ),
            None,
        )
        if later is not None:
            raise ValidationError.single(
                "list_key",
                f"{person.full_name} đã có diện "
                f"{ManagementList(later.list_key).short_label.lower()} đến ngày "
                f"{format_day(later.end_date or day)}, sau ngày hoàn thành ({format_day(day)}).",
            )
        note = (
            f"Hoàn thành cai nghiện bắt buộc (hồ sơ số {dossier_id}); "
            f"quản lý {offer.months} tháng đến {format_day(offer.due)}."
        )
        histories = HistoryService(self._context)
        if running is None:
            values = {
                "list_key": ManagementList.POST_REHAB.value,
                "start_reason": BACK_FROM_FACILITY,
                "note": note,
            }
            histories.add_in(
                session,
                HistoryKind.LIST,
                person.id,
                HistoryInput(day, None, values),
                due_date=offer.due,
            )
            return
        histories.move_in(
            session,
            person.id,
            ManagementList.POST_REHAB,
            day,
            end_reason=MOVE_END_REASON,
            start_reason=BACK_FROM_FACILITY,
            note=note,
            due_date=offer.due,
        )

    # --- helpers -------------------------------------------------------------------------
    def _record(self, session: Session, dossier: Dossier, book: RuleBook) -> DossierRecord:
        person = get_person_row(session, dossier.person_id)
        rows = _step_rows(session, dossier.id)
        steps = tuple(_step_record(row) for row in rows)
        completed = next((step for step in steps if step.kind is StepKind.COMPLETED), None)
        moved = completed is not None and (
            session.scalar(
                select(ListStay.id).where(
                    ListStay.person_id == person.id,
                    ListStay.list_key == ManagementList.POST_REHAB.value,
                    ListStay.start_date == completed.day,
                )
            )
            is not None
        )
        return DossierRecord(
            id=dossier.id,
            person_id=person.id,
            person_name=person.full_name,
            birth_year=person.birth_year,
            sub_area_name=person.sub_area.name if person.sub_area is not None else "",
            found_on=dossier.found_on,
            note=dossier.note,
            steps=steps,
            limits=tuple(dossier_limits(_as_steps(rows), dossier.found_on, book)),
            moved_to_post_rehab=moved,
        )

    def _announce(self, person_id: int, *, history: bool = False) -> None:
        entities = {DOSSIER}
        if history:
            entities |= {Entity.PERSON_HISTORY, Entity.PERSON}
        self._context.bus.publish(Changes(frozenset(entities), frozenset({person_id})))


def _term_range(person: Person, day: date, book: RuleBook) -> TermRange:
    """The rule in force on the decision day, for the person's age that day."""
    age = age_on(day, person.birth_year, person.birth_date)
    if age is not None and age < MINOR_AGE:
        raise ValidationError.single(
            "term_months",
            f"{person.full_name} chưa đủ {MINOR_AGE} tuổi vào ngày {format_day(day)}: "
            "không áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc.",
        )
    # Unknown age: treated as an adult, as management_periods does.
    minor = age is not None and age < ADULT_AGE
    low_key, high_key = (
        (RuleKey.CNBB_TERM_MINOR_MIN_MONTHS, RuleKey.CNBB_TERM_MINOR_MAX_MONTHS)
        if minor
        else (RuleKey.CNBB_TERM_ADULT_MIN_MONTHS, RuleKey.CNBB_TERM_ADULT_MAX_MONTHS)
    )
    try:
        low, high = book.rule(low_key, day), book.rule(high_key, day)
    except MissingRuleError as error:
        raise ValidationError.single("term_months", str(error)) from None
    sources = list(dict.fromkeys(source for source in (low.source, high.source) if source))
    return TermRange(low.value, high.value, minor, "; ".join(sources))
