"""Campaign phases (giai đoạn, lộ trình) and their per-sub-area targets (chỉ tiêu).

Phases may not overlap. The seed's campaign (001) runs its phases one after another
(15/11–21/11, 22/11–28/11, …, 15/12–15/5), each with its own targets; with overlapping
phases a day would belong to two sets of targets, the overview's "phase running today"
would be ambiguous and one sub-area's work would be counted against both.

A phase's targets are written as one grid (``set_targets``), in one transaction with
one audit row (entity "target", ``entity_id`` = the phase) holding the cells that
changed, so the phase's record shows its targets' history beside its own.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.rules import check_required, format_day
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.target_progress import (
    Measure,
    PhaseClock,
    Standing,
    TargetProgress,
    actuals,
    standing_of,
)
from pcmt_desktop.store.models import AuditEntry, Phase, SubArea, Target

PHASE = "phase"
TARGET = "target"
EARLIEST_PHASE_DAY = date(2000, 1, 1)
MAX_TARGET = 100_000.0

TargetKey = tuple[int, Measure]


@dataclass(frozen=True)
class PhaseInput:
    name: str
    start: date
    end: date
    note: str = ""


@dataclass(frozen=True)
class PhaseRecord:
    id: int
    name: str
    start: date
    end: date
    note: str

    def as_input(self) -> PhaseInput:
        return PhaseInput(self.name, self.start, self.end, self.note)

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def period_text(self) -> str:
        return f"{format_day(self.start)} – {format_day(self.end)}"


def _record(row: Phase) -> PhaseRecord:
    return PhaseRecord(row.id, row.name, row.start_date, row.end_date, row.note)


def check_phase(data: PhaseInput) -> list[FieldProblem]:
    problems = check_required("name", "tên giai đoạn", data.name)
    if data.start < EARLIEST_PHASE_DAY:
        problems.append(
            FieldProblem("start", f"Ngày bắt đầu ({format_day(data.start)}) quá xa, kiểm tra lại.")
        )
    if data.end < data.start:
        problems.append(
            FieldProblem(
                "end",
                f"Ngày kết thúc ({format_day(data.end)}) ở trước ngày bắt đầu "
                f"({format_day(data.start)}).",
            )
        )
    return problems


def check_target_value(measure: Measure, value: float) -> str | None:
    """Why ``value`` is not a valid target of ``measure`` (None when it is)."""
    if not math.isfinite(value) or value < 0:
        return "phải là một số không âm"
    if value > MAX_TARGET:
        return "quá lớn, kiểm tra lại"
    if not measure.is_rate and value != int(value):
        return "phải là số nguyên"
    return None


def _fmt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class TargetService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- phases: reading ---------------------------------------------------------------
    def phases(self) -> list[PhaseRecord]:
        """All phases, the latest first."""
        with self._context.reading() as session:
            rows = session.scalars(select(Phase).order_by(Phase.start_date.desc(), Phase.id))
            return [_record(row) for row in rows]

    def phase(self, phase_id: int) -> PhaseRecord:
        with self._context.reading() as session:
            return _record(_get_phase(session, phase_id))

    def phase_on(self, day: date) -> PhaseRecord | None:
        """The phase running on ``day`` (at most one: phases do not overlap)."""
        with self._context.reading() as session:
            row = session.scalar(
                select(Phase).where(Phase.start_date <= day, Phase.end_date >= day).limit(1)
            )
            return None if row is None else _record(row)

    def history(self, phase_id: int) -> list[audit.AuditRecord]:
        """The phase's own trail and its targets' changes, newest first."""
        with self._context.reading() as session:
            rows = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity.in_((PHASE, TARGET)), AuditEntry.entity_id == phase_id)
                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            )
            return [audit.record_of(row) for row in rows]

    def validate_phase(self, data: PhaseInput, exclude_id: int | None = None) -> list[FieldProblem]:
        data = _tidy(data)
        problems = check_phase(data)
        if problems:
            return problems
        with self._context.reading() as session:
            return _overlaps(session, data, exclude_id)

    # --- phases: writing ---------------------------------------------------------------
    def add_phase(self, data: PhaseInput) -> PhaseRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = _tidy(data)
        if problems := check_phase(data):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            if problems := _overlaps(session, data, None):
                raise ValidationError(problems)
            row = Phase(name=data.name, start_date=data.start, end_date=data.end, note=data.note)
            session.add(row)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=PHASE,
                entity_id=row.id,
                person_id=None,
                summary=f"Thêm giai đoạn {row.name} ({_record(row).period_text()})",
                before=None,
                after=audit.snapshot(row),
            )
            record = _record(row)
        self._announce(PHASE)
        return record

    def edit_phase(self, phase_id: int, data: PhaseInput) -> PhaseRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = _tidy(data)
        if problems := check_phase(data):
            raise ValidationError(problems)
        with self._context.unit_of_work() as session:
            row = _get_phase(session, phase_id)
            if problems := _overlaps(session, data, phase_id):
                raise ValidationError(problems)
            before = audit.snapshot(row)
            row.name, row.start_date, row.end_date, row.note = (
                data.name,
                data.start,
                data.end,
                data.note,
            )
            session.flush()
            after = audit.snapshot(row)
            if after != before:
                changed = sorted(key for key in after if after[key] != before[key])
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=PHASE,
                    entity_id=phase_id,
                    person_id=None,
                    summary=f"Sửa giai đoạn {row.name}",
                    before={key: before[key] for key in changed},
                    after={key: after[key] for key in changed},
                )
            record = _record(row)
        self._announce(PHASE)
        return record

    def delete_phase(self, phase_id: int) -> None:
        """Remove a phase and its targets (the audit keeps both)."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            row = _get_phase(session, phase_id)
            before = audit.snapshot(row)
            before["targets"] = _target_snapshot(session, phase_id)
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=PHASE,
                entity_id=phase_id,
                person_id=None,
                summary=f"Xóa giai đoạn {row.name} và các chỉ tiêu của giai đoạn",
                before=before,
                after=None,
            )
            # Targets first, in SQL: the ORM knows no link between the two tables and
            # might delete the phase first, leaving the cascade nothing to do.
            session.execute(delete(Target).where(Target.phase_id == phase_id))
            session.delete(row)
        self._announce(PHASE, TARGET)

    # --- targets -----------------------------------------------------------------------
    def targets(self, phase_id: int) -> dict[TargetKey, float]:
        with self._context.reading() as session:
            _get_phase(session, phase_id)
            rows = session.scalars(select(Target).where(Target.phase_id == phase_id))
            return {(row.sub_area_id, Measure(row.measure)): row.value for row in rows}

    def set_targets(self, phase_id: int, grid: Mapping[TargetKey, float | None]) -> None:
        """Make the phase's targets exactly ``grid``: a cell absent or None has no target.

        All cells are checked first; one wrong cell refuses the whole grid.
        """
        self._context.require(Permission.RECORDS_EDIT)
        problems: list[FieldProblem] = []
        wanted: dict[TargetKey, float] = {}
        with self._context.unit_of_work() as session:
            phase = _get_phase(session, phase_id)
            names = {row.id: row.name for row in session.scalars(select(SubArea))}
            for (sub_area_id, measure_key), value in grid.items():
                measure = Measure(measure_key)
                if sub_area_id not in names:
                    problems.append(
                        FieldProblem("targets", f"Địa bàn mã {sub_area_id} không còn tồn tại.")
                    )
                    continue
                if value is None:
                    continue
                why = check_target_value(measure, float(value))
                if why is not None:
                    problems.append(
                        FieldProblem(
                            "targets",
                            f"Chỉ tiêu “{measure.label}” của {names[sub_area_id]} {why} "
                            f"(đã nhập: {_fmt(float(value))}).",
                        )
                    )
                    continue
                wanted[(sub_area_id, measure)] = float(value)
            if problems:
                raise ValidationError(problems)
            before = _target_snapshot(session, phase_id)
            existing = {
                (row.sub_area_id, Measure(row.measure)): row
                for row in session.scalars(select(Target).where(Target.phase_id == phase_id))
            }
            for key, row in existing.items():
                if key not in wanted:
                    session.delete(row)
                elif row.value != wanted[key]:
                    row.value = wanted[key]
            for key, value in wanted.items():
                if key not in existing:
                    session.add(
                        Target(phase_id=phase_id, sub_area_id=key[0], measure=key[1], value=value)
                    )
            session.flush()
            after = _target_snapshot(session, phase_id)
            if after != before:
                changed = sorted(set(before) | set(after))
                changed = [key for key in changed if before.get(key) != after.get(key)]
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=TARGET,
                    entity_id=phase_id,
                    person_id=None,
                    summary=f"Đặt chỉ tiêu giai đoạn {phase.name}: {len(changed)} ô thay đổi",
                    before={key: before.get(key) for key in changed},
                    after={key: after.get(key) for key in changed},
                )
        self._announce(TARGET)

    # --- actual against target ---------------------------------------------------------
    def progress(self, phase_id: int, today: date | None = None) -> list[TargetProgress]:
        """Every target of the phase with its actual, in sub-area then measure order."""
        today = today or self._context.today()
        with self._context.reading() as session:
            phase = _get_phase(session, phase_id)
            clock = PhaseClock(phase.start_date, phase.end_date, today)
            done = actuals(session, clock)
            sub_areas = {
                row.id: (row.position, row.name) for row in session.scalars(select(SubArea))
            }
            targets = session.scalars(select(Target).where(Target.phase_id == phase_id)).all()
            order = list(Measure)
            result = []
            for target in sorted(
                targets,
                key=lambda t: (sub_areas[t.sub_area_id][0], order.index(Measure(t.measure))),
            ):
                measure = Measure(target.measure)
                actual = done.get((target.sub_area_id, measure), 0.0)
                expected = clock.expected(measure, target.value)
                result.append(
                    TargetProgress(
                        sub_area_id=target.sub_area_id,
                        sub_area_name=sub_areas[target.sub_area_id][1],
                        measure=measure,
                        target=target.value,
                        actual=actual,
                        expected=expected,
                        standing=standing_of(
                            actual, target.value, expected, clock.elapsed_days > 0
                        ),
                    )
                )
            return result

    def actuals(self, phase_id: int, today: date | None = None) -> dict[TargetKey, float]:
        """Every sub-area's actual over the phase, targets or not (for the grid)."""
        today = today or self._context.today()
        with self._context.reading() as session:
            phase = _get_phase(session, phase_id)
            return actuals(session, PhaseClock(phase.start_date, phase.end_date, today))

    def behind(self, phase_id: int, today: date | None = None) -> list[TargetProgress]:
        """The targets where the actual is under what is due by today (pro-rated)."""
        return [
            item
            for item in self.progress(phase_id, today)
            if item.standing in (Standing.BEHIND, Standing.FAR_BEHIND)
        ]

    def _announce(self, *entities: str) -> None:
        self._context.bus.publish(Changes(frozenset(entities)))


def _tidy(data: PhaseInput) -> PhaseInput:
    return replace(data, name=tidy(data.name), note=data.note.strip())


def _get_phase(session: Session, phase_id: int) -> Phase:
    row = session.get(Phase, phase_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy giai đoạn mã {phase_id} (có thể đã bị xóa).")
    return row


def _overlaps(session: Session, data: PhaseInput, exclude_id: int | None) -> list[FieldProblem]:
    query = select(Phase).where(Phase.start_date <= data.end, Phase.end_date >= data.start)
    if exclude_id is not None:
        query = query.where(Phase.id != exclude_id)
    other = session.scalar(query.order_by(Phase.start_date).limit(1))
    if other is None:
        return []
    return [
        FieldProblem(
            "start",
            f"Thời gian trùng với giai đoạn “{other.name}” ({_record(other).period_text()}): "
            "các giai đoạn không được chồng lên nhau.",
        )
    ]


def _target_snapshot(session: Session, phase_id: int) -> dict[str, float]:
    """The phase's targets as "Sub-area — measure label": value, for the audit trail."""
    query = (
        select(SubArea.name, Target.measure, Target.value)
        .join(SubArea, SubArea.id == Target.sub_area_id)
        .where(Target.phase_id == phase_id)
        .order_by(SubArea.position, Target.measure)
    )
    return {
        f"{name} — {Measure(measure).label}": value
        for name, measure, value in session.execute(query)
    }
