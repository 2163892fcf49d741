"""The time limits of a CNBB dossier, from the legal rules in force when each clock starts.

Three clocks (DOMAIN.md, "The law moves"):
- the dossier is prepared within ``cnbb_dossier_working_days`` working days of the
  finding (``found_on``);
- the court decides within ``cnbb_court_decision_days`` days of accepting the file
  (``cnbb_court_decision_days_complex`` when the acceptance step says the case is complex);
- the person leaves the facility when the decision's term, counted from the day of entry,
  runs out: the completion is then due (the decision itself is the source).

A limit is pending while its step is not done and the dossier is not closed; a pending
limit past its day makes the dossier late.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pcmt_desktop.domain.dates import add_months, add_working_days
from pcmt_desktop.domain.dossier_steps import (
    Step,
    StepKind,
    is_closed,
    is_complex_case,
)
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.services.legal import RuleBook, RuleKey

COURT_OUTCOMES = (StepKind.DECIDED, StepKind.NOT_APPLIED, StepKind.SUSPENDED)


@dataclass(frozen=True)
class DossierLimit:
    """One clock: what must happen, from when, by when, when it happened, on what basis."""

    short: str  # for the table's column: "Tòa án quyết định"
    what: str
    starts: date
    due: date
    done_on: date | None
    pending: bool  # not done and the dossier still open
    source: str

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def late(self, today: date) -> bool:
        if self.pending:
            return today > self.due
        return self.done_on is not None and self.done_on > self.due

    def state(self, today: date) -> str:
        """ "Còn 03 ngày", "Quá hạn 12 ngày", "Đúng hạn (10/03/2026)", "Chậm 02 ngày"."""
        if self.pending:
            left = self.days_left(today)
            if left < 0:
                return f"Quá hạn {-left:02d} ngày"
            return "Hết hạn hôm nay" if left == 0 else f"Còn {left:02d} ngày"
        if self.done_on is None:
            return "Không còn áp dụng (hồ sơ đã kết thúc)"
        late_by = (self.done_on - self.due).days
        if late_by > 0:
            return f"Thực hiện chậm {late_by:02d} ngày ({format_day(self.done_on)})"
        return f"Đúng hạn ({format_day(self.done_on)})"


def _first(steps: Sequence[Step], kinds: Sequence[StepKind]) -> Step | None:
    found = [step for step in steps if step.kind in kinds]
    return min(found, key=lambda step: step.day) if found else None


def dossier_limits(steps: Sequence[Step], found_on: date, rules: RuleBook) -> list[DossierLimit]:
    """Every clock the dossier has started, oldest first; a rule missing for a day is skipped."""
    limits: list[DossierLimit] = []
    closed = is_closed(steps)
    created = _first(steps, (StepKind.CREATED,))
    rule = rules.in_force(RuleKey.CNBB_DOSSIER_WORKING_DAYS, found_on)
    if rule is not None:
        limits.append(
            DossierLimit(
                short="Lập hồ sơ",
                what=f"Lập hồ sơ trong {rule.value:02d} ngày làm việc kể từ ngày phát hiện",
                starts=found_on,
                due=add_working_days(found_on, rule.value),
                done_on=None if created is None else created.day,
                pending=created is None and not closed,
                source=rule.source,
            )
        )
    accepted = _first(steps, (StepKind.COURT_ACCEPTED,))
    if accepted is not None:
        complex_case = is_complex_case(accepted.detail)
        key = (
            RuleKey.CNBB_COURT_DECISION_DAYS_COMPLEX
            if complex_case
            else RuleKey.CNBB_COURT_DECISION_DAYS
        )
        rule = rules.in_force(key, accepted.day)
        if rule is not None:
            decided = _first(steps, COURT_OUTCOMES)
            limits.append(
                DossierLimit(
                    short="Tòa án quyết định",
                    what=(
                        f"Tòa án xem xét, quyết định trong {rule.value:02d} ngày kể từ ngày thụ lý"
                        + (" (vụ việc phức tạp)" if complex_case else "")
                    ),
                    starts=accepted.day,
                    due=accepted.day + timedelta(days=rule.value),
                    done_on=None if decided is None else decided.day,
                    pending=decided is None and not closed,
                    source=rule.source,
                )
            )
    decision = _first(steps, (StepKind.DECIDED,))
    entered = _first(steps, (StepKind.ENTERED_FACILITY,))
    if decision is not None and entered is not None and decision.term_months:
        completed = _first(steps, (StepKind.COMPLETED,))
        limits.append(
            DossierLimit(
                short="Hết hạn chấp hành",
                what=f"Hết thời hạn chấp hành quyết định ({decision.term_months} tháng)",
                starts=entered.day,
                due=add_months(entered.day, decision.term_months),
                done_on=None if completed is None else completed.day,
                pending=completed is None and not closed,
                source=(
                    f"Quyết định ngày {format_day(decision.day)}: "
                    f"{decision.term_months} tháng kể từ ngày đưa vào cơ sở"
                ),
            )
        )
    return limits


def next_pending(limits: Sequence[DossierLimit]) -> DossierLimit | None:
    """The pending limit that falls first (the one the table and the alerts show)."""
    pending = [limit for limit in limits if limit.pending]
    return min(pending, key=lambda limit: limit.due) if pending else None
