"""How long a management list lasts, by the law in force when the stay started.

Only two lists are managed for a fixed period (DOMAIN.md): a confirmed user (`su_dung`,
1 year from the decision) and a post-rehab person (`sau_cai`, 1 year; 2 years after
compulsory rehab of an adult). A stay may carry its own ``due_date`` when the decision
fixed another end; otherwise the end follows from these rules.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.dates import add_months, age_on
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.services.legal import LegalRules, RuleKey
from pcmt_desktop.store.models import Dossier, DossierStep, ListStay, Person

ADULT_AGE = 18
# The dossier step that puts a person into the facility: after it, rehab was compulsory.
ENTERED_FACILITY_STEP = "dua_vao_co_so"


@dataclass(frozen=True)
class ManagementPeriod:
    months: int
    rule: RuleKey | None  # None when the stay's own due date was recorded
    due: date

    def describe(self) -> str:
        return f"{self.months} tháng" if self.rule is not None else "theo quyết định"


def had_compulsory_rehab_as_adult(session: Session, person_id: int, before: date) -> bool:
    """Whether the person entered a CNBB facility, aged 18 or more, on or before ``before``."""
    person = session.get(Person, person_id)
    if person is None:
        return False
    entered = session.scalars(
        select(DossierStep.step_date)
        .join(Dossier, Dossier.id == DossierStep.dossier_id)
        .where(
            Dossier.person_id == person_id,
            DossierStep.step == ENTERED_FACILITY_STEP,
            DossierStep.step_date <= before,
        )
        .order_by(DossierStep.step_date.desc())
    ).first()
    if entered is None:
        return False
    age = age_on(entered, person.birth_year, person.birth_date)
    # Unknown age: the law's longer adult period is the safer default for follow-up.
    return age is None or age >= ADULT_AGE


def period_rule(session: Session, list_key: str, person_id: int, start: date) -> RuleKey | None:
    """Which rule fixes the length of a stay on ``list_key`` that starts on ``start``."""
    if list_key == ManagementList.USER:
        return RuleKey.SU_DUNG_MANAGEMENT_MONTHS
    if list_key == ManagementList.POST_REHAB:
        if had_compulsory_rehab_as_adult(session, person_id, start):
            return RuleKey.SAU_CAI_MONTHS_AFTER_CNBB_ADULT
        return RuleKey.SAU_CAI_MONTHS
    return None


def management_period(
    session: Session, legal: LegalRules, stay: ListStay
) -> ManagementPeriod | None:
    """The stay's fixed period and due end, or None for lists managed without a term."""
    rule = period_rule(session, stay.list_key, stay.person_id, stay.start_date)
    if stay.due_date is not None:
        months = (stay.due_date.year - stay.start_date.year) * 12 + (
            stay.due_date.month - stay.start_date.month
        )
        return ManagementPeriod(months, None, stay.due_date)
    if rule is None:
        return None
    months = legal.value(rule, stay.start_date)
    return ManagementPeriod(months, rule, add_months(stay.start_date, months))
