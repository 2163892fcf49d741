"""What is due: management periods ending, dossiers past a limit, hotspots past their fight.

The end of each ``su_dung`` and ``sau_cai`` stay follows from the rule in force on its start
(``management_periods``). The officer sees the stays due to end and ends them in bulk — each
on its own due date, reason "Hết thời gian quản lý" — once confirmed (seed 001: "Thanh loại
13 người do hết thời gian quản lý").
"""

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.dossiers import DossierService
from pcmt_desktop.services.histories import HistoryService
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotService
from pcmt_desktop.services.legal import RuleBook, read_all_rules
from pcmt_desktop.services.management_periods import (
    TERM_LISTS,
    TERM_RULES,
    ManagementPeriod,
    Periods,
    StayFacts,
    management_periods,
)
from pcmt_desktop.store.models import ListStay, Person, SubArea

ALERT_KIND = "list_stay"
END_REASON = "Hết thời gian quản lý"
DEFAULT_WITHIN_DAYS = 30
REASON_MAX_CHARS = 200  # list_stay.end_reason
# A dossier's limits are days, not months: a week ahead is "near".
DOSSIER_SOON_DAYS = 7
# Keyed by the stored string: ``ManagementList(key)`` per stay is measurable on 30 000 stays.
_LIST_NAMES: dict[str, str] = {
    ManagementList.USER.value: "người sử dụng",
    ManagementList.POST_REHAB.value: "sau cai nghiện",
}


def what_is_due(list_key: str, period: ManagementPeriod) -> str:
    """The alert's text: which management ends, and by which rule."""
    return f"Hết thời hạn quản lý {_LIST_NAMES[list_key]} ({period.describe()})"


def _latest_possible_start(horizon: date, rules: RuleBook) -> date | None:
    """The last start day a stay can have and still be due by ``horizon`` by law.

    A stay due by the law's period ends ``m`` months after its start, at least ``m`` the
    shortest period any rule ever fixed; ``add_months`` clamps to the month's end, so every
    start in the month ``m`` months before ``horizon`` may still qualify.
    """
    shortest = [item.value for key in TERM_RULES for item in rules.history(key)]
    if not shortest:
        return None
    back = add_months(horizon, -min(shortest))
    return back.replace(day=monthrange(back.year, back.month)[1])


@dataclass(frozen=True)
class _Candidate:
    """A running stay that may be due, with what its alert shows."""

    id: int
    person_id: int
    list_key: str
    start_date: date
    due_date: date | None
    full_name: str
    name_folded: str  # stored with the person: sorting never folds 30 000 names again
    sub_area_name: str | None


class DeadlineService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # --- reading -------------------------------------------------------------------------
    def stays_due(self, today: date, within_days: int = DEFAULT_WITHIN_DAYS) -> list[Alert]:
        """Running ``su_dung``/``sau_cai`` stays whose term ends by ``today + within_days``.

        Overdue first (the earliest due date first), then by name. One query selects the
        running stays that can be due (``ix_list_stay_list_end``); their terms are computed
        in Python from the rules read once.
        """
        horizon = today + timedelta(days=within_days)
        with self._context.reading() as session:
            rules = RuleBook(read_all_rules(session))
            rows = self._running_candidates(session, horizon, rules)
            facts = [
                StayFacts(row.id, row.person_id, row.list_key, row.start_date, row.due_date)
                for row in rows
            ]
            periods = management_periods(session, rules, facts)
        keyed: list[tuple[date, str, int, Alert]] = []
        for row in rows:
            period = periods.found.get(row.id)
            if period is not None and period.due <= horizon:
                what, due = what_is_due(row.list_key, period), period.due
            elif row.id in periods.unknown:
                # No rule covers its start: shown (as due since its start) rather than
                # silently left out, so that the officer adds the missing rule.
                what, due = (
                    f"Chưa xác định được thời hạn: {periods.unknown[row.id]}",
                    row.start_date,
                )
            else:
                continue
            alert = Alert(
                kind=ALERT_KIND,
                record_id=row.id,
                person_id=row.person_id,
                title=row.full_name,
                what=what,
                sub_area_name=row.sub_area_name or "",
                due=due,
                days_left=(due - today).days,
            )
            keyed.append((due, row.name_folded, row.id, alert))
        keyed.sort(key=lambda item: item[:3])
        return [item[3] for item in keyed]

    def all_alerts(self, today: date) -> list[Alert]:
        """Everything due, by kind ("list_stay", "dossier", "hotspot"), each kind's overdue first.

        Stays ending within 30 days, CNBB dossiers past a limit or within
        ``DOSSIER_SOON_DAYS`` of one, hotspots whose fight period is over (or nearly).
        """
        dossiers = DossierService(self._context)
        late, soon = dossiers.alerts_due(today, DOSSIER_SOON_DAYS)
        alerts = self.stays_due(today)
        alerts += late
        alerts += soon
        alerts += HotspotService(self._context).fight_periods_over(today)
        return alerts

    @staticmethod
    def _running_candidates(session: Session, horizon: date, rules: RuleBook) -> list[_Candidate]:
        latest_start = _latest_possible_start(horizon, rules)
        by_law: ColumnElement[bool] = ListStay.due_date.is_(None)
        if latest_start is not None:
            by_law = and_(by_law, ListStay.start_date <= latest_start)
        query = (
            select(
                ListStay.id,
                ListStay.person_id,
                ListStay.list_key,
                ListStay.start_date,
                ListStay.due_date,
                Person.full_name,
                Person.name_folded,
                SubArea.name.label("sub_area_name"),
            )
            .join(Person, Person.id == ListStay.person_id)
            .outerjoin(SubArea, SubArea.id == Person.sub_area_id)
            .where(
                ListStay.list_key.in_([item.value for item in TERM_LISTS]),
                ListStay.end_date.is_(None),
                or_(ListStay.due_date <= horizon, by_law),
            )
        )
        return [_Candidate(*row) for row in session.execute(query)]

    # --- writing -------------------------------------------------------------------------
    def end_due_stays(self, stay_ids: Sequence[int], reason: str = END_REASON) -> int:
        """End every stay of ``stay_ids`` on its own due date, in one transaction.

        Returns how many were ended.

        Raises:
            ValidationError: nothing chosen, no reason, or any stay that is unknown, already
                ended, not on a list with a fixed term, or not yet due; every such stay is
                named (by person) and nothing is written.
        """
        self._context.require(Permission.RECORDS_EDIT)
        reason = tidy(reason)
        wanted = list(dict.fromkeys(stay_ids))
        if not wanted:
            raise ValidationError.single("stay_ids", "Chưa chọn mục nào để thanh loại.")
        if not reason:
            raise ValidationError.single("reason", "Chưa nhập lý do thanh loại.")
        if len(reason) > REASON_MAX_CHARS:
            raise ValidationError.single(
                "reason",
                f"Lý do thanh loại dài {len(reason)} ký tự; tối đa {REASON_MAX_CHARS} ký tự.",
            )
        today = self._context.today()
        person_ids: set[int] = set()
        with self._context.unit_of_work() as session:
            rows = {
                row.id: row
                for row in session.scalars(select(ListStay).where(ListStay.id.in_(wanted)))
            }
            named = select(Person.id, Person.full_name).where(
                Person.id.in_({row.person_id for row in rows.values()})
            )
            names: dict[int, str] = {row.id: row.full_name for row in session.execute(named)}
            rules = RuleBook(read_all_rules(session))
            facts = [
                StayFacts(row.id, row.person_id, row.list_key, row.start_date, row.due_date)
                for row in rows.values()
            ]
            periods = management_periods(session, rules, facts)
            problems = [
                problem
                for stay_id in wanted
                if (problem := _refusal(stay_id, rows, names, periods, today)) is not None
            ]
            if problems:
                raise ValidationError(problems)
            histories = HistoryService(self._context)
            for stay_id in wanted:
                row = rows[stay_id]
                period = periods.found[stay_id]
                histories.end_in(
                    session,
                    HistoryKind.LIST,
                    stay_id,
                    period.due,
                    reason,
                    summary=(
                        f"{names[row.person_id]} — thanh loại khỏi diện "
                        f"{ManagementList(row.list_key).short_label} ngày "
                        f"{format_day(period.due)}: {reason} ({period.describe()})"
                    ),
                )
                person_ids.add(row.person_id)
        self._context.bus.publish(
            Changes(frozenset({Entity.PERSON_HISTORY, Entity.PERSON}), frozenset(person_ids))
        )
        return len(wanted)


def _refusal(
    stay_id: int,
    rows: dict[int, ListStay],
    names: dict[int, str],
    periods: Periods,
    today: date,
) -> FieldProblem | None:
    """Why the stay cannot be ended on its due date now, naming the person (None: it can)."""
    row = rows.get(stay_id)
    if row is None:
        return FieldProblem(
            "stay_ids", f"Không tìm thấy mục diện quản lý số {stay_id} (có thể đã bị xóa)."
        )
    why = _why_not_due(row, periods, today)
    if why is None:
        return None
    return FieldProblem("stay_ids", f"{names.get(row.person_id, f'mã {row.person_id}')}: {why}")


def _why_not_due(row: ListStay, periods: Periods, today: date) -> str | None:
    if row.end_date is not None:
        return f"đã thanh loại ngày {format_day(row.end_date)}."
    if row.id in periods.unknown:
        return periods.unknown[row.id]
    period = periods.found.get(row.id)
    if period is None:
        label = ManagementList(row.list_key).short_label
        return f"diện {label} không có thời hạn quản lý để thanh loại."
    if period.due < row.start_date:
        return (
            f"hạn quản lý ({format_day(period.due)}) ở trước ngày đưa vào diện "
            f"({format_day(row.start_date)}); hãy sửa lại mục này trong hồ sơ."
        )
    if period.due > today:
        return f"chưa đến hạn (hết thời hạn quản lý ngày {format_day(period.due)})."
    return None
