"""How long a management list lasts, by the law in force when the stay started.

Only two lists are managed for a fixed period (DOMAIN.md): a confirmed user (`su_dung`,
1 year from the decision) and a post-rehab person (`sau_cai`, 1 year; 2 years after
compulsory rehab of an adult). A stay may carry its own ``due_date`` when the decision
fixed another end; otherwise the end follows from these rules.

The rule applied is the one in force on the stay's START: a law that changes the period
later leaves the stays already running as they were decided.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.dates import add_months, age_on
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.legal import MissingRuleError, RuleKey, RuleValue
from pcmt_desktop.store.models import Dossier, DossierStep, ListStay, Person

ADULT_AGE = 18
# The dossier step that puts a person into the facility: after it, rehab was compulsory.
ENTERED_FACILITY_STEP = "dua_vao_co_so"
# The lists that end by themselves after a period fixed by law.
TERM_LISTS: tuple[ManagementList, ...] = (ManagementList.USER, ManagementList.POST_REHAB)
# The rules that can fix a stay's period: the shortest of them bounds which stays can be due.
TERM_RULES: tuple[RuleKey, ...] = (
    RuleKey.SU_DUNG_MANAGEMENT_MONTHS,
    RuleKey.SAU_CAI_MONTHS,
    RuleKey.SAU_CAI_MONTHS_AFTER_CNBB_ADULT,
)
# SQLite's limit on bound parameters is 32 766 in current builds but 999 in old ones.
_CHUNK = 900


class RuleSource(Protocol):
    """``LegalRules`` (one query per look-up) or a ``RuleBook`` (all rules in memory)."""

    def rule(self, key: RuleKey, on_day: date) -> RuleValue: ...


@dataclass(frozen=True)
class ManagementPeriod:
    months: int
    rule: RuleKey | None  # None when the stay's own due date was recorded
    due: date
    source: str = ""  # the law the rule comes from ("" for a stay's own due date)

    def describe(self) -> str:
        """E.g. "12 tháng theo Luật Phòng, chống ma túy 2021, Điều 23"."""
        if self.rule is None:
            return f"theo quyết định quản lý, đến {format_day(self.due)}"
        return f"{self.months} tháng theo {self.source}" if self.source else f"{self.months} tháng"


@dataclass(frozen=True)
class RehabEntry:
    """A person entering a CNBB facility on ``day`` (a dossier's ``dua_vao_co_so`` step)."""

    day: date
    adult: bool


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def rehab_entries(session: Session, person_ids: Iterable[int]) -> dict[int, list[RehabEntry]]:
    """Each person's entries into a CNBB facility, oldest first, with whether they were 18."""
    found: dict[int, list[RehabEntry]] = defaultdict(list)
    for chunk in _chunks(sorted(set(person_ids))):
        rows = session.execute(
            select(Dossier.person_id, DossierStep.step_date, Person.birth_year, Person.birth_date)
            .join(Dossier, Dossier.id == DossierStep.dossier_id)
            .join(Person, Person.id == Dossier.person_id)
            .where(DossierStep.step == ENTERED_FACILITY_STEP, Dossier.person_id.in_(chunk))
            .order_by(DossierStep.step_date)
        )
        for person_id, day, birth_year, birth_date in rows:
            age = age_on(day, birth_year, birth_date)
            # Unknown age: the law's longer adult period is the safer default for follow-up.
            found[person_id].append(RehabEntry(day, age is None or age >= ADULT_AGE))
    return dict(found)


def post_rehab_starts(session: Session, person_ids: Iterable[int]) -> dict[int, list[date]]:
    """The start days of every ``sau_cai`` stay of each person, oldest first."""
    found: dict[int, list[date]] = defaultdict(list)
    for chunk in _chunks(sorted(set(person_ids))):
        rows = session.execute(
            select(ListStay.person_id, ListStay.start_date)
            .where(ListStay.list_key == ManagementList.POST_REHAB, ListStay.person_id.in_(chunk))
            .order_by(ListStay.start_date)
        )
        for person_id, start in rows:
            found[person_id].append(start)
    return dict(found)


def follows_adult_compulsory_rehab(
    start: date, entries: Sequence[RehabEntry], earlier_post_rehab_starts: Sequence[date]
) -> bool:
    """Whether a ``sau_cai`` stay starting on ``start`` follows a CNBB of the person as adult.

    The rehab it follows is the last one the person entered on or before ``start``; an
    entry before an earlier post-rehab stay belongs to that earlier stay (a person who
    relapses and then rehabs voluntarily is managed 12 months, not 24).
    """
    previous = [day for day in earlier_post_rehab_starts if day < start]
    since = previous[-1] if previous else None
    relevant = [e for e in entries if e.day <= start and (since is None or e.day > since)]
    return bool(relevant) and relevant[-1].adult


def had_compulsory_rehab_as_adult(session: Session, person_id: int, before: date) -> bool:
    """Whether the ``sau_cai`` stay starting on ``before`` follows an adult's CNBB."""
    entries = rehab_entries(session, [person_id]).get(person_id, [])
    starts = post_rehab_starts(session, [person_id]).get(person_id, [])
    return follows_adult_compulsory_rehab(before, entries, starts)


def rule_for(list_key: str, after_adult_cnbb: bool) -> RuleKey | None:
    """Which rule fixes the length of a stay on ``list_key`` (None: no fixed length)."""
    if list_key == ManagementList.USER:
        return RuleKey.SU_DUNG_MANAGEMENT_MONTHS
    if list_key == ManagementList.POST_REHAB:
        if after_adult_cnbb:
            return RuleKey.SAU_CAI_MONTHS_AFTER_CNBB_ADULT
        return RuleKey.SAU_CAI_MONTHS
    return None


def period_rule(session: Session, list_key: str, person_id: int, start: date) -> RuleKey | None:
    """Which rule fixes the length of a stay on ``list_key`` that starts on ``start``."""
    adult = list_key == ManagementList.POST_REHAB and had_compulsory_rehab_as_adult(
        session, person_id, start
    )
    return rule_for(list_key, adult)


def period_of(
    list_key: str,
    start: date,
    due_date: date | None,
    rules: RuleSource,
    *,
    after_adult_cnbb: bool = False,
) -> ManagementPeriod | None:
    """The period of one stay from its facts, without the database (see ``management_period``).

    Raises:
        MissingRuleError: no rule of the needed key is in force on ``start``.
    """
    if list_key not in TERM_LISTS:
        return None
    if due_date is not None:
        months = (due_date.year - start.year) * 12 + (due_date.month - start.month)
        return ManagementPeriod(months, None, due_date)
    key = rule_for(list_key, after_adult_cnbb)
    if key is None:  # pragma: no cover - every TERM_LISTS key has a rule
        return None
    rule = rules.rule(key, start)
    return ManagementPeriod(rule.value, key, add_months(start, rule.value), rule.source)


def management_period(
    session: Session, legal: RuleSource, stay: ListStay
) -> ManagementPeriod | None:
    """The stay's fixed period and due end, or None for lists managed without a term.

    A stay's own ``due_date`` wins over the law's period.
    """
    adult = (
        stay.list_key == ManagementList.POST_REHAB
        and stay.due_date is None
        and had_compulsory_rehab_as_adult(session, stay.person_id, stay.start_date)
    )
    return period_of(stay.list_key, stay.start_date, stay.due_date, legal, after_adult_cnbb=adult)


@dataclass(frozen=True)
class StayFacts:
    """What the period of one stay depends on (read in bulk, computed in Python)."""

    stay_id: int
    person_id: int
    list_key: str
    start: date
    due_date: date | None


@dataclass(frozen=True)
class Periods:
    """The periods of many stays: ``found`` by stay id, and why others have none.

    ``unknown`` holds, by stay id, the message of a stay on a fixed-term list whose start
    no rule covers (a start before the earliest rule recorded); lists without a term are
    in neither.
    """

    found: Mapping[int, ManagementPeriod]
    unknown: Mapping[int, str]


def management_periods(session: Session, rules: RuleSource, stays: Sequence[StayFacts]) -> Periods:
    """The period of each stay that has one; two queries whatever the number of stays."""
    post_rehab = [
        stay.person_id
        for stay in stays
        if stay.list_key == ManagementList.POST_REHAB and stay.due_date is None
    ]
    entries = rehab_entries(session, post_rehab) if post_rehab else {}
    starts = post_rehab_starts(session, entries) if entries else {}
    found: dict[int, ManagementPeriod] = {}
    unknown: dict[int, str] = {}
    for stay in stays:
        adult = stay.person_id in entries and follows_adult_compulsory_rehab(
            stay.start, entries[stay.person_id], starts.get(stay.person_id, [])
        )
        try:
            period = period_of(
                stay.list_key, stay.start, stay.due_date, rules, after_adult_cnbb=adult
            )
        except MissingRuleError as missing:
            unknown[stay.stay_id] = str(missing)
            continue
        if period is not None:
            found[stay.stay_id] = period
    return Periods(found, unknown)
