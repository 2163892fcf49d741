"""Every registry as workbook rows: plain SQL selects turned into the contract's words.

One read session (one SQLite snapshot) serves the whole export, so the sheets agree with
each other even if the window writes meanwhile. Big tables are streamed in batches; the
small lookups (sub-area names, hotspot names, a dossier's steps…) are read once.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pcmt_desktop.domain.dossier_steps import PROCEDURE_ORDER, StepKind
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.vocabulary import (
    AddictLocation,
    CustodyKind,
    Gender,
    ManagementList,
    SurveillanceClass,
)
from pcmt_desktop.interchange import spec
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.target_progress import Measure
from pcmt_desktop.store.models import (
    AddictLocationStay,
    CaseCharge,
    CaseSubject,
    ChargeArticle,
    CustodyStay,
    Dossier,
    DossierStep,
    DrugCase,
    DrugTest,
    Hotspot,
    HotspotStatus,
    LegalRule,
    ListStay,
    Office,
    Person,
    Phase,
    PlantSeizure,
    RetailSellerRole,
    SubArea,
    SubstitutionTreatment,
    Surveillance,
    Target,
)

Cell = str | int | float | date | None
Row = tuple[Cell, ...]
BATCH = 5000


def _text(value: str | None) -> str | None:
    """Empty text is an empty cell (the contract: an empty cell means unknown)."""
    return value or None


def _yes_no(value: bool) -> str:
    return spec.YES if value else spec.NO


def _word(words: dict[Any, str], enum: Callable[[str], Any], value: str | None) -> str | None:
    """The workbook's word for a stored key; an unknown key is written as stored."""
    if not value:
        return None
    try:
        return words[enum(value)]
    except (KeyError, ValueError):
        return value


def person_key(person_id: int | None) -> str | None:
    return None if person_id is None else spec.record_key(spec.PERSON_KEY, person_id)


def _stream(session: Session, query: Select[*tuple[Any, ...]]) -> Iterator[Any]:
    yield from session.execute(query.execution_options(yield_per=BATCH))


@dataclass
class Lookups:
    """Small tables read once, for the rows that name them."""

    today: date
    sub_areas: dict[int, str]
    hotspots: dict[int, str]

    @classmethod
    def read(cls, session: Session, today: date) -> "Lookups":
        sub_areas = {row.id: row.name for row in session.execute(select(SubArea.id, SubArea.name))}
        hotspots = {row.id: row.name for row in session.execute(select(Hotspot.id, Hotspot.name))}
        return cls(today, sub_areas, hotspots)

    def sub_area(self, sub_area_id: int | None) -> str | None:
        return None if sub_area_id is None else self.sub_areas.get(sub_area_id)


RowSource = Callable[[Session, Lookups], Iterator[Row]]


def office_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    for office in session.scalars(select(Office).order_by(Office.id)):
        yield (
            office.name,
            office.level,
            _text(office.parent_name),
            office.sub_area_label,
            _text(office.place_name),
        )


def sub_area_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    query = select(SubArea.name, SubArea.population).order_by(SubArea.position, SubArea.id)
    for row in session.execute(query):
        yield (row.name, row.population)


def person_rows(session: Session, lookups: Lookups) -> Iterator[Row]:
    query = select(
        Person.id,
        Person.full_name,
        Person.gender,
        Person.birth_date,
        Person.birth_year,
        Person.cccd,
        Person.sub_area_id,
        Person.village,
        Person.permanent_address,
        Person.current_address,
        Person.occupation,
        Person.notes,
    ).order_by(Person.id)
    for row in _stream(session, query):
        yield (
            person_key(row.id),
            row.full_name,
            _word(spec.GENDER_WORDS, Gender, row.gender),
            # A birth known only by its year is written as the year number.
            row.birth_date or row.birth_year,
            _text(row.cccd),
            lookups.sub_area(row.sub_area_id),
            _text(row.village),
            _text(row.permanent_address),
            _text(row.current_address),
            _text(row.occupation),
            _text(row.notes),
        )


def _addict_places(session: Session) -> dict[int, list[tuple[date, date | None, str]]]:
    places: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    query = select(
        AddictLocationStay.person_id,
        AddictLocationStay.start_date,
        AddictLocationStay.end_date,
        AddictLocationStay.location,
    ).order_by(AddictLocationStay.person_id, AddictLocationStay.start_date)
    for row in session.execute(query):
        places[row.person_id].append((row.start_date, row.end_date, row.location))
    return places


def _place_on(stays: list[tuple[date, date | None, str]], day: date) -> str | None:
    """Where the addict was at the end of ``day`` (half-open stays), None when unknown."""
    for start, end, location in stays:
        if start <= day and (end is None or end > day):
            return location
    return None


def list_stay_rows(session: Session, lookups: Lookups) -> Iterator[Row]:
    places = _addict_places(session)
    query = select(
        ListStay.person_id,
        ListStay.list_key,
        ListStay.start_date,
        ListStay.start_reason,
        ListStay.end_date,
        ListStay.end_reason,
        ListStay.due_date,
        ListStay.note,
    ).order_by(ListStay.person_id, ListStay.start_date, ListStay.id)
    for row in _stream(session, query):
        place = None
        if row.list_key == ManagementList.ADDICT and row.person_id in places:
            # The contract has one place per stay: where the addict was on its last day
            # (today for a running stay). NoiONghien keeps the whole history.
            last_day = lookups.today if row.end_date is None else row.end_date - timedelta(1)
            place = _place_on(places[row.person_id], max(last_day, row.start_date))
        yield (
            person_key(row.person_id),
            _word(spec.LIST_WORDS, ManagementList, row.list_key),
            row.start_date,
            _text(row.start_reason),
            row.end_date,
            _text(row.end_reason),
            _word(spec.ADDICT_PLACE_WORDS, AddictLocation, place),
            row.due_date,
            _text(row.note),
        )


def treatment_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    model = SubstitutionTreatment
    query = select(model.person_id, model.start_date, model.end_date, model.facility).order_by(
        model.person_id, model.start_date, model.id
    )
    for row in _stream(session, query):
        yield (person_key(row.person_id), row.start_date, row.end_date, _text(row.facility))


_SUBSTANCE_COLUMNS = tuple(
    (getattr(DrugTest, substance.value), word) for substance, word in spec.SUBSTANCE_WORDS.items()
)


def drug_test_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    query = select(
        DrugTest.person_id,
        DrugTest.test_date,
        DrugTest.positive,
        DrugTest.note,
        DrugTest.summoned_by,
        DrugTest.method,
        DrugTest.other_substance,
        DrugTest.follow_up,
        *(column for column, _word in _SUBSTANCE_COLUMNS),
    ).order_by(DrugTest.test_date, DrugTest.id)
    first_substance = 8
    for row in _stream(session, query):
        found = [
            word
            for (_column, word), present in zip(
                _SUBSTANCE_COLUMNS, row[first_substance:], strict=True
            )
            if present
        ]
        yield (
            person_key(row.person_id),
            row.test_date,
            spec.POSITIVE_WORD if row.positive else spec.NEGATIVE_WORD,
            ", ".join(found) or None,
            _text(row.note),
            _text(row.summoned_by),
            _text(row.method),
            _text(row.other_substance),
            _text(row.follow_up),
        )


_StepRow = tuple[StepKind, date, int | None, str, str]


def _dossier_steps(session: Session) -> dict[int, list[_StepRow]]:
    steps: dict[int, list[_StepRow]] = defaultdict(list)
    query = select(
        DossierStep.dossier_id,
        DossierStep.step,
        DossierStep.step_date,
        DossierStep.term_months,
        DossierStep.reason,
        DossierStep.note,
        DossierStep.id,
    ).order_by(DossierStep.dossier_id, DossierStep.step_date, DossierStep.id)
    rank = {kind: index for index, kind in enumerate(PROCEDURE_ORDER)}
    for row in session.execute(query):
        kind = StepKind(row.step)
        steps[row.dossier_id].append((kind, row.step_date, row.term_months, row.reason, row.note))
    for items in steps.values():
        items.sort(key=lambda item: (rank[item[0]], item[1]))
    return steps


def dossier_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    steps = _dossier_steps(session)
    query = select(Dossier.id, Dossier.person_id, Dossier.found_on, Dossier.note).order_by(
        Dossier.id
    )
    for row in session.execute(query):
        by_kind = {item[0]: item for item in steps.get(row.id, [])}

        def day(kind: StepKind, by_kind: dict[StepKind, _StepRow] = by_kind) -> date | None:
            return by_kind[kind][1] if kind in by_kind else None

        decided = by_kind.get(StepKind.DECIDED)
        closed = by_kind.get(StepKind.CLOSED_UNEXECUTED)
        yield (
            person_key(row.person_id),
            day(StepKind.CREATED),
            day(StepKind.SENT_TO_COURT),
            day(StepKind.DECIDED),
            None if decided is None else decided[2],
            day(StepKind.ENTERED_FACILITY),
            day(StepKind.CLOSED_UNEXECUTED),
            None if closed is None else _text(closed[3]),
            _text(row.note),
            spec.record_key(spec.DOSSIER_KEY, row.id),
            row.found_on,
        )


def dossier_step_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    for dossier_id, items in sorted(_dossier_steps(session).items()):
        for kind, step_date, term, reason, note in items:
            yield (
                spec.record_key(spec.DOSSIER_KEY, dossier_id),
                spec.STEP_WORDS[kind],
                step_date,
                term,
                _text(reason),
                _text(note),
            )


def _hotspot_statuses(session: Session) -> dict[int, list[tuple[date, str]]]:
    statuses: dict[int, list[tuple[date, str]]] = defaultdict(list)
    query = select(
        HotspotStatus.hotspot_id, HotspotStatus.status_date, HotspotStatus.status
    ).order_by(HotspotStatus.hotspot_id, HotspotStatus.status_date, HotspotStatus.id)
    for row in session.execute(query):
        statuses[row.hotspot_id].append((row.status_date, row.status))
    return statuses


def hotspot_rows(session: Session, lookups: Lookups) -> Iterator[Row]:
    statuses = _hotspot_statuses(session)
    for hotspot in session.scalars(select(Hotspot).order_by(Hotspot.id)):
        history = statuses.get(hotspot.id, [])
        last = history[-1] if history else None
        cleared = last[0] if last is not None and last[1] == HotspotState.CLEARED else None
        yield (
            hotspot.name,
            _word(spec.HOTSPOT_KIND_WORDS, HotspotKind, hotspot.kind),
            _yes_no(hotspot.in_business),
            lookups.sub_area(hotspot.sub_area_id),
            _text(hotspot.address),
            hotspot.entered_on,
            cleared,
            _text(hotspot.note),
            spec.record_key(spec.HOTSPOT_KEY, hotspot.id),
            hotspot.fight_months,
        )


def hotspot_status_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    query = select(
        HotspotStatus.hotspot_id,
        HotspotStatus.status,
        HotspotStatus.status_date,
        HotspotStatus.note,
    ).order_by(HotspotStatus.hotspot_id, HotspotStatus.status_date, HotspotStatus.id)
    for row in session.execute(query):
        yield (
            spec.record_key(spec.HOTSPOT_KEY, row.hotspot_id),
            _word(spec.HOTSPOT_STATE_WORDS, HotspotState, row.status),
            row.status_date,
            _text(row.note),
        )


def retail_seller_rows(session: Session, lookups: Lookups) -> Iterator[Row]:
    model = RetailSellerRole
    query = select(
        model.person_id, model.hotspot_id, model.start_date, model.end_date, model.place_note
    ).order_by(model.person_id, model.start_date, model.id)
    for row in _stream(session, query):
        hotspot_id = row.hotspot_id
        yield (
            person_key(row.person_id),
            None if hotspot_id is None else lookups.hotspots.get(hotspot_id),
            row.start_date,
            row.end_date,
            None if hotspot_id is None else spec.record_key(spec.HOTSPOT_KEY, hotspot_id),
            _text(row.place_note),
        )


def plant_seizure_rows(session: Session, lookups: Lookups) -> Iterator[Row]:
    for row in session.scalars(
        select(PlantSeizure).order_by(PlantSeizure.seized_on, PlantSeizure.id)
    ):
        yield (
            row.seized_on,
            lookups.sub_area(row.sub_area_id),
            _text(row.place),
            person_key(row.person_id),
            row.opium_plants,
            row.cannabis_plants,
            row.other_plants,
            row.area_m2,
            _word(spec.HANDLING_WORDS, PlantHandling, row.handling),
            row.fine_vnd,
            _text(row.other_plant_kind),
            _yes_no(row.expert_exam),
            _text(row.note),
            _yes_no(row.ownerless),
        )


def _case_articles(session: Session) -> dict[int, list[str]]:
    articles: dict[int, list[str]] = defaultdict(list)
    query = (
        select(CaseCharge.case_id, CaseCharge.article)
        .join(ChargeArticle, ChargeArticle.article == CaseCharge.article)
        .order_by(CaseCharge.case_id, ChargeArticle.position, CaseCharge.article)
    )
    for row in session.execute(query):
        articles[row.case_id].append(row.article)
    return articles


def case_rows(session: Session, lookups: Lookups) -> Iterator[Row]:
    articles = _case_articles(session)
    for case in session.scalars(select(DrugCase).order_by(DrugCase.occurred_on, DrugCase.id)):
        if case.kind == CaseKind.CRIMINAL:
            charged = ", ".join(spec.ARTICLE_PREFIX + item for item in articles.get(case.id, []))
        else:
            charged = case.act
        yield (
            spec.record_key(spec.CASE_KEY, case.id),
            case.occurred_on,
            _word(spec.CASE_KIND_WORDS, CaseKind, case.kind),
            lookups.sub_area(case.sub_area_id),
            case.subjects,
            _text(charged),
            _yes_no(case.prosecuted),
            case.defendants,
            case.heroin_g,
            case.methamphetamine_g,
            case.pills,
            case.cannabis_g,
            case.other_g,
            case.fine_vnd,
            _text(case.received_from),
            _text(case.note),
            _text(case.summary),
            case.vehicles,
            case.phones,
            case.cash_vnd,
        )


def case_subject_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    query = select(
        CaseSubject.case_id,
        CaseSubject.full_name,
        CaseSubject.birth_year,
        CaseSubject.person_id,
        CaseSubject.note,
    ).order_by(CaseSubject.case_id, CaseSubject.id)
    for row in session.execute(query):
        yield (
            spec.record_key(spec.CASE_KEY, row.case_id),
            row.full_name,
            row.birth_year,
            person_key(row.person_id),
            _text(row.note),
        )


def addict_location_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    model = AddictLocationStay
    query = select(
        model.person_id, model.location, model.start_date, model.end_date, model.facility
    ).order_by(model.person_id, model.start_date, model.id)
    for row in _stream(session, query):
        yield (
            person_key(row.person_id),
            _word(spec.ADDICT_PLACE_WORDS, AddictLocation, row.location),
            row.start_date,
            row.end_date,
            _text(row.facility),
        )


def surveillance_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    model = Surveillance
    query = select(
        model.person_id,
        model.category,
        model.surveillance_class,
        model.start_date,
        model.end_date,
        model.note,
    ).order_by(model.person_id, model.start_date, model.id)
    for row in _stream(session, query):
        yield (
            person_key(row.person_id),
            row.category,
            _word(spec.SURVEILLANCE_CLASS_WORDS, SurveillanceClass, row.surveillance_class),
            row.start_date,
            row.end_date,
            _text(row.note),
        )


def custody_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    model = CustodyStay
    query = select(
        model.person_id, model.kind, model.place, model.start_date, model.end_date
    ).order_by(model.person_id, model.start_date, model.id)
    for row in _stream(session, query):
        yield (
            person_key(row.person_id),
            _word(spec.CUSTODY_WORDS, CustodyKind, row.kind),
            _text(row.place),
            row.start_date,
            row.end_date,
        )


def phase_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    query = select(Phase.id, Phase.name, Phase.start_date, Phase.end_date, Phase.note)
    for row in session.execute(query.order_by(Phase.start_date, Phase.id)):
        yield (
            spec.record_key(spec.PHASE_KEY, row.id),
            row.name,
            row.start_date,
            row.end_date,
            _text(row.note),
        )


def target_rows(session: Session, lookups: Lookups) -> Iterator[Row]:
    query = (
        select(Target.phase_id, Target.sub_area_id, Target.measure, Target.value)
        .join(Phase, Phase.id == Target.phase_id)
        .join(SubArea, SubArea.id == Target.sub_area_id)
        .order_by(Phase.start_date, Phase.id, SubArea.position, SubArea.id, Target.measure)
    )
    for row in session.execute(query):
        value = row.value
        yield (
            spec.record_key(spec.PHASE_KEY, row.phase_id),
            lookups.sub_area(row.sub_area_id),
            _word(spec.MEASURE_WORDS, Measure, row.measure),
            int(value) if float(value).is_integer() else value,
        )


def legal_rule_rows(session: Session, _lookups: Lookups) -> Iterator[Row]:
    query = select(LegalRule.key, LegalRule.effective_from, LegalRule.value, LegalRule.source)
    for row in session.execute(query.order_by(LegalRule.key, LegalRule.effective_from)):
        yield (
            _word(spec.RULE_WORDS, RuleKey, row.key),
            row.effective_from,
            row.value,
            _text(row.source),
        )


def _count(model: Any) -> Callable[[Session], int]:
    def count(session: Session) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return count


@dataclass(frozen=True)
class SheetSource:
    sheet: spec.SheetSpec
    count: Callable[[Session], int]
    rows: RowSource


SOURCES: tuple[SheetSource, ...] = (
    SheetSource(spec.OFFICE, _count(Office), office_rows),
    SheetSource(spec.SUB_AREAS, _count(SubArea), sub_area_rows),
    SheetSource(spec.PERSONS, _count(Person), person_rows),
    SheetSource(spec.LIST_STAYS, _count(ListStay), list_stay_rows),
    SheetSource(spec.TREATMENTS, _count(SubstitutionTreatment), treatment_rows),
    SheetSource(spec.DRUG_TESTS, _count(DrugTest), drug_test_rows),
    SheetSource(spec.DOSSIERS, _count(Dossier), dossier_rows),
    SheetSource(spec.HOTSPOTS, _count(Hotspot), hotspot_rows),
    SheetSource(spec.RETAIL_SELLERS, _count(RetailSellerRole), retail_seller_rows),
    SheetSource(spec.PLANT_SEIZURES, _count(PlantSeizure), plant_seizure_rows),
    SheetSource(spec.CASES, _count(DrugCase), case_rows),
    SheetSource(spec.ADDICT_LOCATIONS, _count(AddictLocationStay), addict_location_rows),
    SheetSource(spec.SURVEILLANCES, _count(Surveillance), surveillance_rows),
    SheetSource(spec.CUSTODY, _count(CustodyStay), custody_rows),
    SheetSource(spec.DOSSIER_STEPS, _count(DossierStep), dossier_step_rows),
    SheetSource(spec.HOTSPOT_STATUSES, _count(HotspotStatus), hotspot_status_rows),
    SheetSource(spec.CASE_SUBJECTS, _count(CaseSubject), case_subject_rows),
    SheetSource(spec.PHASES, _count(Phase), phase_rows),
    SheetSource(spec.TARGETS, _count(Target), target_rows),
    SheetSource(spec.LEGAL_RULES, _count(LegalRule), legal_rule_rows),
)
