"""Drug cases: criminal cases (vụ án) and administrative violations (vi phạm hành chính).

A case has a date, a sub-area, its subjects (counted, and some of them named and perhaps
linked to a person of the registry), what was seized, and by kind either the charges
under the Criminal Code with prosecution figures or the act with its fine. Every write
is one audited transaction; the listing and the report figures live in
``case_listing`` and ``case_summary`` and are reached through ``CaseService``.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.rules import EARLIEST_BIRTH_YEAR, check_not_future, format_day
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.services import audit
from pcmt_desktop.services.case_listing import CaseFilter, CaseListing, CaseRow
from pcmt_desktop.services.case_summary import CaseSummary, summarise
from pcmt_desktop.services.case_types import (
    COUNT_FIELDS,
    GRAM_FIELDS,
    SEIZED_LABELS,
    CaseKind,
    SeizedItems,
)
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import (
    CaseCharge,
    CaseSubject,
    ChargeArticle,
    DrugCase,
    Person,
    SubArea,
)

DRUG_CASE = "drug_case"
EARLIEST_CASE_DAY = date(1990, 1, 1)
# Far above any real seizure; a value beyond it is a typing slip (an extra zero group).
MAX_GRAMS = 10_000_000.0
MAX_COUNT = 100_000
MAX_CASH_VND = 10**13
MAX_FINE_VND = 10**10


@dataclass(frozen=True)
class SubjectInput:
    """A named subject; ``person_id`` links them to the registry when they are in it."""

    full_name: str
    birth_year: int | None = None
    person_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class CaseInput:
    kind: CaseKind
    occurred_on: date
    sub_area_id: int | None = None
    summary: str = ""
    subjects: int = 1
    named_subjects: Sequence[SubjectInput] = ()
    # Criminal cases only.
    articles: Sequence[str] = ()
    prosecuted: bool = False
    defendants: int = 0
    # Either kind: the force the case was received from ("" = found by the office).
    received_from: str = ""
    # Administrative violations only.
    act: str = ""
    fine_vnd: int | None = None
    seized: SeizedItems = field(default_factory=SeizedItems)
    note: str = ""


@dataclass(frozen=True)
class SubjectRecord:
    id: int
    full_name: str
    birth_year: int | None
    person_id: int | None
    note: str

    def as_input(self) -> SubjectInput:
        return SubjectInput(self.full_name, self.birth_year, self.person_id, self.note)


@dataclass(frozen=True)
class CaseRecord:
    id: int
    kind: CaseKind
    occurred_on: date
    sub_area_id: int | None
    sub_area_name: str
    summary: str
    subjects: int
    named_subjects: tuple[SubjectRecord, ...]
    articles: tuple[str, ...]
    prosecuted: bool
    defendants: int
    received_from: str
    act: str
    fine_vnd: int | None
    seized: SeizedItems
    note: str

    def as_input(self) -> CaseInput:
        return CaseInput(
            kind=self.kind,
            occurred_on=self.occurred_on,
            sub_area_id=self.sub_area_id,
            summary=self.summary,
            subjects=self.subjects,
            named_subjects=tuple(subject.as_input() for subject in self.named_subjects),
            articles=self.articles,
            prosecuted=self.prosecuted,
            defendants=self.defendants,
            received_from=self.received_from,
            act=self.act,
            fine_vnd=self.fine_vnd,
            seized=self.seized,
            note=self.note,
        )

    def title(self) -> str:
        """ "Vụ án hình sự ngày 05/03/2026" — how the record is named in messages."""
        what = "Vụ án hình sự" if self.kind is CaseKind.CRIMINAL else "Vụ vi phạm hành chính"
        return f"{what} ngày {format_day(self.occurred_on)}"


@dataclass(frozen=True)
class ArticleInfo:
    article: str
    title: str

    @property
    def label(self) -> str:
        """ "Điều 249 — Tội tàng trữ trái phép chất ma túy"."""
        return f"Điều {self.article} — {self.title}"


def normalise_case(data: CaseInput) -> CaseInput:
    """Tidy the text; drop what does not belong to the kind (the form may keep it)."""
    criminal = data.kind is CaseKind.CRIMINAL
    subjects = tuple(
        replace(subject, full_name=tidy(subject.full_name), note=tidy(subject.note))
        for subject in data.named_subjects
        if tidy(subject.full_name) or subject.person_id is not None or subject.birth_year
    )
    return replace(
        data,
        summary=data.summary.strip(),
        named_subjects=subjects,
        articles=tuple(dict.fromkeys(tidy(a) for a in data.articles if tidy(a)))
        if criminal
        else (),
        prosecuted=data.prosecuted if criminal else False,
        defendants=data.defendants if criminal and data.prosecuted else 0,
        received_from=tidy(data.received_from),
        act="" if criminal else tidy(data.act),
        fine_vnd=None if criminal else data.fine_vnd,
        note=data.note.strip(),
    )


def check_seized(items: SeizedItems) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for name in GRAM_FIELDS:
        value = getattr(items, name)
        label = SEIZED_LABELS[name]
        if not math.isfinite(value) or value < 0:
            problems.append(FieldProblem(name, f"{label} phải là một số không âm."))
        elif value > MAX_GRAMS:
            problems.append(FieldProblem(name, f"{label} quá lớn ({value:g}): kiểm tra lại."))
    for name in COUNT_FIELDS:
        value = getattr(items, name)
        if not 0 <= value <= MAX_COUNT:
            problems.append(
                FieldProblem(name, f"{SEIZED_LABELS[name]} phải từ 0 đến {MAX_COUNT:,}.")
            )
    if not 0 <= items.cash_vnd <= MAX_CASH_VND:
        problems.append(FieldProblem("cash_vnd", "Tiền mặt thu giữ phải là số đồng không âm."))
    return problems


def check_case(data: CaseInput, today: date) -> list[FieldProblem]:
    """The rules that need no database. Why these rules:

    - at least one subject, and never fewer than the subjects named;
    - defendants (bị can) are subjects who were prosecuted: a prosecuted case has at
      least one and at most as many as it has subjects; a case not prosecuted has none;
    - a criminal case names at least one charge; an administrative one names its act.
    """
    problems = check_not_future("occurred_on", "Ngày xảy ra", data.occurred_on, today)
    if data.occurred_on < EARLIEST_CASE_DAY:
        problems.append(
            FieldProblem(
                "occurred_on",
                f"Ngày xảy ra ({format_day(data.occurred_on)}) quá xa, kiểm tra lại.",
            )
        )
    problems += _check_subject_count(data)
    if data.kind is CaseKind.CRIMINAL:
        problems += _check_criminal(data)
    else:
        problems += _check_administrative(data)
    return problems + _check_named_subjects(data) + check_seized(data.seized)


def _check_subject_count(data: CaseInput) -> list[FieldProblem]:
    named = len(data.named_subjects)
    if data.subjects < 1:
        return [FieldProblem("subjects", "Số đối tượng phải ít nhất là 1.")]
    if data.subjects > MAX_COUNT:
        return [FieldProblem("subjects", "Số đối tượng quá lớn, kiểm tra lại.")]
    if data.subjects < named:
        return [
            FieldProblem(
                "subjects",
                f"Số đối tượng ({data.subjects}) ít hơn số người đã kê tên ({named}).",
            )
        ]
    return []


def _check_criminal(data: CaseInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not data.articles:
        problems.append(
            FieldProblem("articles", "Chọn ít nhất một tội danh (điều luật) của vụ án.")
        )
    if data.prosecuted and data.defendants < 1:
        problems.append(FieldProblem("defendants", "Vụ án đã khởi tố phải có ít nhất 1 bị can."))
    elif data.prosecuted and data.defendants > data.subjects >= 1:
        problems.append(
            FieldProblem(
                "defendants",
                f"Số bị can ({data.defendants}) không được nhiều hơn số đối tượng "
                f"({data.subjects}).",
            )
        )
    return problems


def _check_administrative(data: CaseInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not data.act:
        problems.append(FieldProblem("act", "Chưa nhập hành vi vi phạm."))
    if data.fine_vnd is not None and not 0 <= data.fine_vnd <= MAX_FINE_VND:
        problems.append(FieldProblem("fine_vnd", "Số tiền phạt phải là số đồng không âm."))
    return problems


def _check_named_subjects(data: CaseInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for index, subject in enumerate(data.named_subjects, start=1):
        where = f"Người thứ {index} trong danh sách đối tượng"
        if not subject.full_name:
            problems.append(FieldProblem("named_subjects", f"{where}: chưa nhập họ tên."))
        year = subject.birth_year
        if year is not None and not EARLIEST_BIRTH_YEAR <= year <= data.occurred_on.year:
            problems.append(
                FieldProblem(
                    "named_subjects",
                    f"{where}: năm sinh {year} không hợp lệ "
                    f"(phải từ {EARLIEST_BIRTH_YEAR} đến {data.occurred_on.year}).",
                )
            )
    linked = [s.person_id for s in data.named_subjects if s.person_id is not None]
    if len(linked) != len(set(linked)):
        problems.append(
            FieldProblem("named_subjects", "Một đối tượng được kê hai lần trong danh sách.")
        )
    return problems


def _to_record(session: Session, row: DrugCase) -> CaseRecord:
    sub_area = session.get(SubArea, row.sub_area_id) if row.sub_area_id is not None else None
    articles = session.scalars(
        select(CaseCharge.article)
        .join(ChargeArticle, ChargeArticle.article == CaseCharge.article)
        .where(CaseCharge.case_id == row.id)
        .order_by(ChargeArticle.position)
    ).all()
    subjects = session.scalars(
        select(CaseSubject).where(CaseSubject.case_id == row.id).order_by(CaseSubject.id)
    ).all()
    return CaseRecord(
        id=row.id,
        kind=CaseKind(row.kind),
        occurred_on=row.occurred_on,
        sub_area_id=row.sub_area_id,
        sub_area_name="" if sub_area is None else sub_area.name,
        summary=row.summary,
        subjects=row.subjects,
        named_subjects=tuple(
            SubjectRecord(s.id, s.full_name, s.birth_year, s.person_id, s.note) for s in subjects
        ),
        articles=tuple(articles),
        prosecuted=row.prosecuted,
        defendants=row.defendants,
        received_from=row.received_from,
        act=row.act,
        fine_vnd=row.fine_vnd,
        seized=SeizedItems(
            heroin_g=row.heroin_g,
            methamphetamine_g=row.methamphetamine_g,
            pills=row.pills,
            cannabis_g=row.cannabis_g,
            other_g=row.other_g,
            vehicles=row.vehicles,
            phones=row.phones,
            cash_vnd=row.cash_vnd,
        ),
        note=row.note,
    )


def _full_snapshot(session: Session, row: DrugCase) -> dict[str, Any]:
    """The row's columns plus its charges and named subjects, for the audit trail."""
    values = audit.snapshot(row)
    values["articles"] = list(
        session.scalars(
            select(CaseCharge.article)
            .where(CaseCharge.case_id == row.id)
            .order_by(CaseCharge.article)
        )
    )
    values["named_subjects"] = [
        _subject_text(subject)
        for subject in session.scalars(
            select(CaseSubject).where(CaseSubject.case_id == row.id).order_by(CaseSubject.id)
        )
    ]
    return values


def _subject_text(subject: CaseSubject) -> str:
    text = subject.full_name
    if subject.birth_year:
        text += f" ({subject.birth_year})"
    if subject.person_id is not None:
        text += f" [mã đối tượng {subject.person_id}]"
    return text


def _changed_only(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = sorted(key for key in after if before.get(key) != after[key])
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}


def _linked_persons(data: CaseInput) -> frozenset[int]:
    return frozenset(s.person_id for s in data.named_subjects if s.person_id is not None)


class CaseService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self._listing = CaseListing(context)

    # --- reading -----------------------------------------------------------------------
    def get(self, case_id: int) -> CaseRecord:
        with self._context.reading() as session:
            return _to_record(session, _get_row(session, case_id))

    def articles(self) -> list[ArticleInfo]:
        """The Criminal Code's drug articles a case may charge, in the code's order."""
        with self._context.reading() as session:
            rows = session.scalars(select(ChargeArticle).order_by(ChargeArticle.position))
            return [ArticleInfo(row.article, row.title) for row in rows]

    def ordered_ids(self, criteria: CaseFilter) -> list[int]:
        return self._listing.ordered_ids(criteria)

    def rows(self, ids: list[int], criteria: CaseFilter | None = None) -> dict[int, CaseRow]:
        return self._listing.rows(ids, criteria)

    def summary(
        self, date_from: date, date_to: date, *, sub_area_id: int | None = None
    ) -> CaseSummary:
        """The report's figures over [date_from, date_to] (both inclusive), see
        ``case_summary.summarise``."""
        with self._context.reading() as session:
            return summarise(session, date_from, date_to, sub_area_id)

    def history(self, case_id: int) -> list[audit.AuditRecord]:
        return audit.entries_for_record(self._context, DRUG_CASE, case_id)

    def validate(self, data: CaseInput) -> list[FieldProblem]:
        data = normalise_case(data)
        problems = check_case(data, self._context.today())
        with self._context.reading() as session:
            problems += self._check_references(session, data)
        return problems

    # --- writing -----------------------------------------------------------------------
    def add(self, data: CaseInput) -> CaseRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = normalise_case(data)
        self._refuse_problems(data)
        with self._context.unit_of_work() as session:
            self._refuse_missing(session, data)
            row = DrugCase()
            _assign(row, data)
            session.add(row)
            session.flush()
            _write_parts(session, row.id, data)
            session.flush()
            record = _to_record(session, row)
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=DRUG_CASE,
                entity_id=row.id,
                person_id=None,
                summary=f"Thêm {record.title().lower()}",
                before=None,
                after=_full_snapshot(session, row),
            )
        self._announce(_linked_persons(data))
        return record

    def edit(self, case_id: int, data: CaseInput) -> CaseRecord:
        self._context.require(Permission.RECORDS_EDIT)
        data = normalise_case(data)
        self._refuse_problems(data)
        with self._context.unit_of_work() as session:
            row = _get_row(session, case_id)
            self._refuse_missing(session, data)
            before = _full_snapshot(session, row)
            old_persons = _linked_persons(_to_record(session, row).as_input())
            _assign(row, data)
            for old in session.scalars(select(CaseCharge).where(CaseCharge.case_id == case_id)):
                session.delete(old)
            for subject in session.scalars(
                select(CaseSubject).where(CaseSubject.case_id == case_id)
            ):
                session.delete(subject)
            session.flush()
            _write_parts(session, case_id, data)
            session.flush()
            after = _full_snapshot(session, row)
            record = _to_record(session, row)
            # Re-saving unchanged subjects gives them new ids: compare what they say.
            if after != before:
                old_values, new_values = _changed_only(before, after)
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=DRUG_CASE,
                    entity_id=case_id,
                    person_id=None,
                    summary=f"Sửa {record.title().lower()}",
                    before=old_values,
                    after=new_values,
                )
        self._announce(old_persons | _linked_persons(data))
        return record

    def delete(self, case_id: int) -> None:
        """Remove a case entered by mistake; its charges and subjects go with it."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            row = _get_row(session, case_id)
            record = _to_record(session, row)
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=DRUG_CASE,
                entity_id=case_id,
                person_id=None,
                summary=f"Xóa {record.title().lower()}",
                before=_full_snapshot(session, row),
                after=None,
            )
            session.delete(row)
        self._announce(_linked_persons(record.as_input()))

    # --- helpers -------------------------------------------------------------------------
    def _refuse_problems(self, data: CaseInput) -> None:
        if problems := check_case(data, self._context.today()):
            raise ValidationError(problems)

    def _refuse_missing(self, session: Session, data: CaseInput) -> None:
        if problems := self._check_references(session, data):
            raise ValidationError(problems)

    @staticmethod
    def _check_references(session: Session, data: CaseInput) -> list[FieldProblem]:
        problems: list[FieldProblem] = []
        if data.sub_area_id is not None and session.get(SubArea, data.sub_area_id) is None:
            problems.append(FieldProblem("sub_area_id", "Địa bàn đã chọn không còn tồn tại."))
        known = set(session.scalars(select(ChargeArticle.article)))
        for article in data.articles:
            if article not in known:
                problems.append(
                    FieldProblem("articles", f"Không có điều luật “{article}” trong danh mục.")
                )
        for subject in data.named_subjects:
            if subject.person_id is not None and session.get(Person, subject.person_id) is None:
                problems.append(
                    FieldProblem(
                        "named_subjects",
                        f"Đối tượng “{subject.full_name}” (mã {subject.person_id}) "
                        "không còn trong sổ.",
                    )
                )
        return problems

    def _announce(self, person_ids: frozenset[int]) -> None:
        self._context.bus.publish(Changes(frozenset({DRUG_CASE}), person_ids))


def _get_row(session: Session, case_id: int) -> DrugCase:
    row = session.get(DrugCase, case_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy vụ việc mã {case_id} (có thể đã bị xóa).")
    return row


def _assign(row: DrugCase, data: CaseInput) -> None:
    row.kind = data.kind.value
    row.occurred_on = data.occurred_on
    row.sub_area_id = data.sub_area_id
    row.summary = data.summary
    row.subjects = data.subjects
    row.prosecuted = data.prosecuted
    row.defendants = data.defendants
    row.received_from = data.received_from
    row.act = data.act
    row.fine_vnd = data.fine_vnd
    for name in (*GRAM_FIELDS, *COUNT_FIELDS, "cash_vnd"):
        setattr(row, name, getattr(data.seized, name))
    row.note = data.note


def _write_parts(session: Session, case_id: int, data: CaseInput) -> None:
    for article in data.articles:
        session.add(CaseCharge(case_id=case_id, article=article))
    for subject in data.named_subjects:
        session.add(
            CaseSubject(
                case_id=case_id,
                person_id=subject.person_id,
                full_name=subject.full_name,
                birth_year=subject.birth_year,
                note=subject.note,
            )
        )
