"""Hotspots: the registry, their dated status history, and the retail sellers linked to them.

Every write is one audited transaction that then announces what changed. A seller link is
a ``retail_seller_role`` row of the person (the same table as the person's own history),
so the rule of the person's histories holds here too: one seller period at a time.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from pcmt_desktop.domain.hotspots import (
    FIGHT_WARNING_DAYS,
    MAX_FIGHT_MONTHS,
    HotspotKind,
    HotspotState,
    StatusStep,
    check_sequence,
    fight_due,
    fight_start,
    state_on,
)
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.rules import check_not_future, check_required, check_span, format_day
from pcmt_desktop.domain.text import fold, tidy
from pcmt_desktop.services import audit
from pcmt_desktop.services.alerts import Alert
from pcmt_desktop.services.audit import AuditRecord, record_of
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspot_listing import HotspotCriteria, HotspotListing, HotspotRow
from pcmt_desktop.services.legal import LegalRules, MissingRuleError, RuleKey
from pcmt_desktop.services.persons import get_person_row
from pcmt_desktop.store.models import AuditEntry, Hotspot, HotspotStatus, Person, RetailSellerRole
from pcmt_desktop.store.models import SubArea as SubAreaRow

HOTSPOT = "hotspot"
HOTSPOT_STATUS = "hotspot_status"
# Seller links are rows of the person's retail-seller history: audited under the same
# entity name as HistoryService uses, so that one row's trail is never split in two.
RETAIL_SELLER = HistoryKind.RETAIL_SELLER.value
NAME_MAX = 200
ADDRESS_MAX = 300


@dataclass(frozen=True)
class HotspotInput:
    """What the form gives; ``fight_months`` None takes the law's period on ``entered_on``."""

    kind: str
    name: str
    entered_on: date
    sub_area_id: int | None
    in_business: bool = False
    address: str = ""
    fight_months: int | None = None
    note: str = ""


@dataclass(frozen=True)
class StatusEntry:
    id: int
    hotspot_id: int
    state: HotspotState
    day: date
    note: str

    @property
    def step(self) -> StatusStep:
        return StatusStep(self.state, self.day)


@dataclass(frozen=True)
class HotspotRecord:
    id: int
    kind: HotspotKind
    in_business: bool
    name: str
    address: str
    sub_area_id: int | None
    sub_area_name: str
    entered_on: date
    fight_months: int
    note: str
    statuses: tuple[StatusEntry, ...]

    def status_on(self, day: date) -> StatusEntry | None:
        step = state_on([entry.step for entry in self.statuses], day)
        return None if step is None else next(e for e in self.statuses if e.day == step.day)

    def fight_start(self, day: date) -> date:
        return fight_start([entry.step for entry in self.statuses], self.entered_on, day)

    def fight_due(self, day: date) -> date | None:
        steps = [entry.step for entry in self.statuses]
        return fight_due(steps, self.entered_on, self.fight_months, day)

    def as_input(self) -> HotspotInput:
        return HotspotInput(
            kind=self.kind.value,
            name=self.name,
            entered_on=self.entered_on,
            sub_area_id=self.sub_area_id,
            in_business=self.in_business,
            address=self.address,
            fight_months=self.fight_months,
            note=self.note,
        )


@dataclass(frozen=True)
class SellerLink:
    """A period in which a person sold drugs at retail from this hotspot."""

    id: int
    hotspot_id: int | None
    person_id: int
    person_name: str
    birth_year: int | None
    person_sub_area: str
    start: date
    end: date | None
    note: str

    def active_on(self, day: date) -> bool:
        return Span(self.start, self.end).covers_end_of(day)


@dataclass(frozen=True)
class HotspotCounts:
    """What the báo cáo counts at the end of ``day``."""

    day: date
    by_kind: Mapping[tuple[HotspotKind, bool], int]  # (kind, in_business) → active hotspots
    sellers: int  # distinct persons with a retail-seller period covering the day
    linked_sellers: int  # of them, those linked to a hotspot

    def count(self, kind: HotspotKind | None = None, in_business: bool | None = None) -> int:
        return sum(
            number
            for (each_kind, each_business), number in self.by_kind.items()
            if kind in (None, each_kind) and in_business in (None, each_business)
        )

    @property
    def total(self) -> int:
        return self.count()


@dataclass(frozen=True)
class HotspotMovements:
    """Hotspots entered, cleared and re-activated within [date_from, date_to]."""

    entered: int
    cleared: int
    reactivated: int


def _status_entry(row: HotspotStatus) -> StatusEntry:
    return StatusEntry(row.id, row.hotspot_id, HotspotState(row.status), row.status_date, row.note)


def _record(session: Session, row: Hotspot) -> HotspotRecord:
    sub_area = None if row.sub_area_id is None else session.get(SubAreaRow, row.sub_area_id)
    return HotspotRecord(
        id=row.id,
        kind=HotspotKind(row.kind),
        in_business=row.in_business,
        name=row.name,
        address=row.address,
        sub_area_id=row.sub_area_id,
        sub_area_name="" if sub_area is None else sub_area.name,
        entered_on=row.entered_on,
        fight_months=row.fight_months,
        note=row.note,
        statuses=tuple(_status_entry(status) for status in _status_rows(session, row.id)),
    )


def _status_rows(session: Session, hotspot_id: int) -> list[HotspotStatus]:
    return list(
        session.scalars(
            select(HotspotStatus)
            .where(HotspotStatus.hotspot_id == hotspot_id)
            .order_by(HotspotStatus.status_date, HotspotStatus.id)
        )
    )


def _get_hotspot(session: Session, hotspot_id: int) -> Hotspot:
    row = session.get(Hotspot, hotspot_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy điểm, tụ điểm mã {hotspot_id} (có thể đã bị xóa).")
    return row


def _get_role(session: Session, role_id: int) -> RetailSellerRole:
    row = session.get(RetailSellerRole, role_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy giai đoạn bán lẻ số {role_id} (có thể đã bị xóa).")
    return row


def _seller_link(session: Session, role: RetailSellerRole) -> SellerLink:
    person = get_person_row(session, role.person_id)
    return SellerLink(
        id=role.id,
        hotspot_id=role.hotspot_id,
        person_id=person.id,
        person_name=person.full_name,
        birth_year=person.birth_year,
        person_sub_area="" if person.sub_area is None else person.sub_area.name,
        start=role.start_date,
        end=role.end_date,
        note=role.place_note,
    )


def _period_text(start: date, end: date | None) -> str:
    return f"từ {format_day(start)} đến {'nay' if end is None else format_day(end)}"


def _tidy_input(data: HotspotInput) -> HotspotInput:
    return replace(data, name=tidy(data.name), address=tidy(data.address), note=data.note.strip())


class HotspotService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self._listing = HotspotListing(context)
        self._legal = LegalRules(context)

    # --- reading -----------------------------------------------------------------------
    def get(self, hotspot_id: int) -> HotspotRecord:
        with self._context.reading() as session:
            return _record(session, _get_hotspot(session, hotspot_id))

    def count(self) -> int:
        with self._context.reading() as session:
            return session.scalar(select(func.count()).select_from(Hotspot)) or 0

    def default_fight_months(self, entered_on: date) -> int:
        """The fight period the law sets for a hotspot entered on ``entered_on``."""
        return self._legal.value(RuleKey.HOTSPOT_FIGHT_MONTHS, entered_on)

    def sellers(self, hotspot_id: int) -> list[SellerLink]:
        """The seller periods linked to the hotspot, the running ones first."""
        with self._context.reading() as session:
            roles = session.scalars(
                select(RetailSellerRole)
                .where(RetailSellerRole.hotspot_id == hotspot_id)
                .order_by(
                    RetailSellerRole.end_date.is_not(None),
                    RetailSellerRole.start_date.desc(),
                    RetailSellerRole.id,
                )
            )
            return [_seller_link(session, role) for role in roles]

    def history(self, hotspot_id: int) -> list[AuditRecord]:
        """The hotspot's audit trail with its status rows and seller links, newest first."""
        with self._context.reading() as session:
            related = or_(
                func.json_extract(AuditEntry.after_json, "$.hotspot_id") == hotspot_id,
                func.json_extract(AuditEntry.before_json, "$.hotspot_id") == hotspot_id,
            )
            rows = session.scalars(
                select(AuditEntry)
                .where(
                    or_(
                        (AuditEntry.entity == HOTSPOT) & (AuditEntry.entity_id == hotspot_id),
                        AuditEntry.entity.in_((HOTSPOT_STATUS, RETAIL_SELLER)) & related,
                    )
                )
                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            )
            return [record_of(row) for row in rows]

    # --- the listing (the tab's table) ---------------------------------------------------
    def ordered_ids(self, criteria: HotspotCriteria) -> list[int]:
        return self._listing.ordered_ids(criteria)

    def rows(self, ids: list[int], criteria: HotspotCriteria) -> dict[int, HotspotRow]:
        return self._listing.rows(ids, criteria)

    # --- figures and alerts ----------------------------------------------------------------
    def counts_on(self, day: date) -> HotspotCounts:
        """Active hotspots by kind × business at the end of ``day``, and the retail sellers."""
        by_kind = {(kind, business): 0 for kind in HotspotKind for business in (True, False)}
        for record in self.active_on(day):
            by_kind[(record.kind, record.in_business)] += 1
        with self._context.reading() as session:
            covering = (
                RetailSellerRole.start_date <= day,
                or_(RetailSellerRole.end_date.is_(None), RetailSellerRole.end_date > day),
            )
            sellers = session.scalar(
                select(func.count(func.distinct(RetailSellerRole.person_id))).where(*covering)
            )
            linked = session.scalar(
                select(func.count(func.distinct(RetailSellerRole.person_id))).where(
                    *covering, RetailSellerRole.hotspot_id.is_not(None)
                )
            )
        return HotspotCounts(day, by_kind, sellers or 0, linked or 0)

    def active_on(self, day: date) -> list[HotspotRecord]:
        """Hotspots still to fight (not cleared) at the end of ``day``, in entry order."""
        with self._context.reading() as session:
            records = self._records(session, entered_by=day)
        active = []
        for record in records:
            current = record.status_on(day)
            if current is not None and current.state.active:
                active.append(record)
        return active

    def movements(self, date_from: date, date_to: date) -> HotspotMovements:
        """Hotspots entered, and status rows of clearing and re-activation, in the period."""
        with self._context.reading() as session:
            entered = session.scalar(
                select(func.count())
                .select_from(Hotspot)
                .where(Hotspot.entered_on >= date_from, Hotspot.entered_on <= date_to)
            )

            def changed_to(state: HotspotState) -> int:
                return (
                    session.scalar(
                        select(func.count())
                        .select_from(HotspotStatus)
                        .where(
                            HotspotStatus.status == state.value,
                            HotspotStatus.status_date >= date_from,
                            HotspotStatus.status_date <= date_to,
                        )
                    )
                    or 0
                )

            return HotspotMovements(
                entered or 0, changed_to(HotspotState.CLEARED), changed_to(HotspotState.REACTIVATED)
            )

    def fight_periods_over(self, today: date | None = None) -> list[Alert]:
        """Hotspots still to fight whose fight period has ended or ends within 14 days."""
        day = today or self._context.today()
        alerts: list[Alert] = []
        with self._context.reading() as session:
            for record in self._records(session, entered_by=day):
                due = record.fight_due(day)
                if due is None or (due - day).days > FIGHT_WARNING_DAYS:
                    continue
                start = record.fight_start(day)
                since = "ngày đưa vào" if start == record.entered_on else "ngày tái hoạt động"
                alerts.append(
                    Alert(
                        kind=HOTSPOT,
                        record_id=record.id,
                        person_id=None,
                        title=record.name,
                        what=(
                            f"Hết thời gian đấu tranh {record.kind.label.lower()} "
                            f"({record.fight_months} tháng kể từ {since} {format_day(start)})"
                        ),
                        sub_area_name=record.sub_area_name,
                        due=due,
                        days_left=(due - day).days,
                    )
                )
        return sorted(alerts, key=lambda alert: (alert.due, alert.title))

    def _records(self, session: Session, *, entered_by: date) -> list[HotspotRecord]:
        # Three queries in all (hotspots, their statuses, sub-area names), not two per
        # hotspot: a báo cáo reads every hotspot several times.
        rows = list(
            session.scalars(
                select(Hotspot).where(Hotspot.entered_on <= entered_by).order_by(Hotspot.id)
            )
        )
        statuses: dict[int, list[StatusEntry]] = {row.id: [] for row in rows}
        for status in session.scalars(
            select(HotspotStatus)
            .join(Hotspot, Hotspot.id == HotspotStatus.hotspot_id)
            .where(Hotspot.entered_on <= entered_by)
            .order_by(HotspotStatus.hotspot_id, HotspotStatus.status_date, HotspotStatus.id)
        ):
            statuses[status.hotspot_id].append(_status_entry(status))
        areas = session.execute(select(SubAreaRow.id, SubAreaRow.name))
        names = {area.id: area.name for area in areas}
        return [
            HotspotRecord(
                id=row.id,
                kind=HotspotKind(row.kind),
                in_business=row.in_business,
                name=row.name,
                address=row.address,
                sub_area_id=row.sub_area_id,
                sub_area_name=names.get(row.sub_area_id, "") if row.sub_area_id else "",
                entered_on=row.entered_on,
                fight_months=row.fight_months,
                note=row.note,
                statuses=tuple(statuses[row.id]),
            )
            for row in rows
        ]

    # --- validation ----------------------------------------------------------------------
    def validate(self, data: HotspotInput) -> list[FieldProblem]:
        data = _tidy_input(data)
        problems: list[FieldProblem] = []
        if data.kind not in HotspotKind._value2member_map_:
            allowed = ", ".join(kind.label for kind in HotspotKind)
            problems.append(FieldProblem("kind", f"Loại điểm không hợp lệ ({allowed})."))
        problems += check_required("name", "tên điểm, tụ điểm", data.name)
        if len(data.name) > NAME_MAX:
            problems.append(FieldProblem("name", f"Tên dài quá {NAME_MAX} ký tự."))
        if len(data.address) > ADDRESS_MAX:
            problems.append(FieldProblem("address", f"Địa chỉ dài quá {ADDRESS_MAX} ký tự."))
        problems += check_not_future(
            "entered_on", "Ngày đưa vào", data.entered_on, self._context.today()
        )
        if data.fight_months is not None and not 1 <= data.fight_months <= MAX_FIGHT_MONTHS:
            problems.append(
                FieldProblem(
                    "fight_months",
                    f"Thời gian đấu tranh phải từ 1 đến {MAX_FIGHT_MONTHS} tháng "
                    f"(đã nhập: {data.fight_months}).",
                )
            )
        with self._context.reading() as session:
            if data.sub_area_id is None:
                problems.append(FieldProblem("sub_area_id", "Chưa chọn địa bàn của điểm."))
            elif session.get(SubAreaRow, data.sub_area_id) is None:
                problems.append(FieldProblem("sub_area_id", "Địa bàn đã chọn không còn tồn tại."))
        return problems

    def _fight_months(self, data: HotspotInput) -> int:
        if data.fight_months is not None:
            return data.fight_months
        try:
            return self.default_fight_months(data.entered_on)
        except MissingRuleError as error:
            raise ValidationError.single(
                "fight_months", f"{error} Hãy nhập thời gian đấu tranh (tháng)."
            ) from None

    # --- writing: the hotspot --------------------------------------------------------------
    def add(self, data: HotspotInput) -> HotspotRecord:
        """Enter a hotspot; its first status is "đang đấu tranh" on the entry day."""
        self._context.require(Permission.RECORDS_EDIT)
        data = _tidy_input(data)
        if problems := self.validate(data):
            raise ValidationError(problems)
        months = self._fight_months(data)
        with self._context.unit_of_work() as session:
            row = Hotspot()
            _assign(row, data, months)
            session.add(row)
            session.flush()
            session.add(
                HotspotStatus(
                    hotspot_id=row.id,
                    status=HotspotState.FIGHTING.value,
                    status_date=data.entered_on,
                    note="",
                )
            )
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=HOTSPOT,
                entity_id=row.id,
                person_id=None,
                summary=(
                    f"Thêm {HotspotKind(row.kind).label.lower()} {row.name}, đưa vào ngày "
                    f"{format_day(row.entered_on)} (đang đấu tranh, {months} tháng)"
                ),
                before=None,
                after=audit.snapshot(row),
            )
            record = _record(session, row)
        self._announce()
        return record

    def edit(self, hotspot_id: int, data: HotspotInput) -> HotspotRecord:
        """Change what the form holds; the first status row moves with the entry day."""
        self._context.require(Permission.RECORDS_EDIT)
        data = _tidy_input(data)
        problems = self.validate(data)
        with self._context.unit_of_work() as session:
            row = _get_hotspot(session, hotspot_id)
            statuses = _status_rows(session, hotspot_id)
            later = statuses[1:]
            if later and data.entered_on >= later[0].status_date:
                problems.append(
                    FieldProblem(
                        "entered_on",
                        f"Ngày đưa vào phải trước lần chuyển tình trạng đầu tiên "
                        f"({format_day(later[0].status_date)}: "
                        f"{HotspotState(later[0].status).label}).",
                    )
                )
            if problems:
                raise ValidationError(problems)
            months = self._fight_months(data)
            before = audit.snapshot(row)
            _assign(row, data, months)
            if statuses:
                statuses[0].status_date = data.entered_on
            session.flush()
            after = audit.snapshot(row)
            changed = sorted(key for key in after if before[key] != after[key])
            if changed:
                audit.record(
                    self._context,
                    session,
                    action=audit.Action.UPDATE,
                    entity=HOTSPOT,
                    entity_id=row.id,
                    person_id=None,
                    summary=f"Sửa điểm {row.name}",
                    before={key: before[key] for key in changed},
                    after={key: after[key] for key in changed},
                )
            record = _record(session, row)
        self._announce()
        return record

    def delete(self, hotspot_id: int) -> None:
        """Remove a hotspot entered by mistake; refused while sellers are linked to it."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            row = _get_hotspot(session, hotspot_id)
            linked = session.scalar(
                select(func.count())
                .select_from(RetailSellerRole)
                .where(RetailSellerRole.hotspot_id == hotspot_id)
            )
            if linked:
                raise ValidationError.single(
                    "sellers",
                    f"Không thể xóa điểm {row.name}: còn {linked} giai đoạn bán lẻ gắn với điểm "
                    "này. Hãy gỡ hoặc xóa các đối tượng bán lẻ trước.",
                )
            statuses = _status_rows(session, hotspot_id)
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=HOTSPOT,
                entity_id=row.id,
                person_id=None,
                summary=f"Xóa điểm {row.name}",
                before={
                    **audit.snapshot(row),
                    "statuses": [audit.snapshot(status) for status in statuses],
                },
                after=None,
            )
            for status in statuses:
                session.delete(status)
            # The statuses first: the ORM knows no link between the two tables to order by.
            session.flush()
            session.delete(row)
        self._announce()

    # --- writing: the status history -------------------------------------------------------
    def add_status(self, hotspot_id: int, state: str, day: date, note: str = "") -> StatusEntry:
        """Record that from ``day`` on the hotspot has ``state`` (a real change)."""
        self._context.require(Permission.RECORDS_EDIT)
        today = self._context.today()
        with self._context.unit_of_work() as session:
            row = _get_hotspot(session, hotspot_id)
            problems: list[FieldProblem] = []
            if state not in HotspotState._value2member_map_:
                allowed = ", ".join(item.label for item in HotspotState)
                problems.append(FieldProblem("status", f"Tình trạng không hợp lệ ({allowed})."))
            problems += check_not_future("status_date", "Ngày chuyển tình trạng", day, today)
            if day < row.entered_on:
                problems.append(
                    FieldProblem(
                        "status_date",
                        f"Ngày chuyển tình trạng ({format_day(day)}) ở trước ngày đưa vào "
                        f"({format_day(row.entered_on)}).",
                    )
                )
            statuses = _status_rows(session, hotspot_id)
            same_day = next((s for s in statuses if s.status_date == day), None)
            if same_day is not None:
                problems.append(
                    FieldProblem(
                        "status_date",
                        f"Ngày {format_day(day)} đã có tình trạng "
                        f"“{HotspotState(same_day.status).label}”; "
                        "mỗi ngày chỉ ghi một tình trạng.",
                    )
                )
            if not problems:
                steps = sorted(
                    [_status_entry(s).step for s in statuses]
                    + [StatusStep(HotspotState(state), day)],
                    key=lambda step: step.day,
                )
                problems += check_sequence(steps, day)
            if problems:
                raise ValidationError(problems)
            status = HotspotStatus(
                hotspot_id=hotspot_id, status=state, status_date=day, note=tidy(note)
            )
            session.add(status)
            session.flush()
            entry = _status_entry(status)
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity=HOTSPOT_STATUS,
                entity_id=status.id,
                person_id=None,
                summary=f"{row.name} — {entry.state.label.lower()} từ ngày {format_day(day)}",
                before=None,
                after=audit.snapshot(status),
            )
        self._announce()
        return entry

    def delete_status(self, status_id: int) -> None:
        """Remove a status row entered by mistake (never the entry day's first row)."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            status = session.get(HotspotStatus, status_id)
            if status is None:
                raise NotFoundError(f"Không tìm thấy dòng tình trạng số {status_id}.")
            row = _get_hotspot(session, status.hotspot_id)
            statuses = _status_rows(session, row.id)
            if statuses and statuses[0].id == status_id:
                raise ValidationError.single(
                    "status",
                    "Không xóa được tình trạng đầu tiên (ngày đưa vào). Hãy sửa ngày đưa vào, "
                    "hoặc xóa cả điểm nếu điểm được nhập nhầm.",
                )
            remaining = [_status_entry(s).step for s in statuses if s.id != status_id]
            later = [step for step in remaining if step.day > status.status_date]
            if later:
                problems = check_sequence(remaining, later[0].day)
                if problems:
                    raise ValidationError(
                        [
                            FieldProblem("status", "Không xóa được dòng này: " + p.message)
                            for p in problems[:1]
                        ]
                    )
            entry = _status_entry(status)
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=HOTSPOT_STATUS,
                entity_id=status.id,
                person_id=None,
                summary=(
                    f"{row.name} — xóa tình trạng {entry.state.label.lower()} ngày "
                    f"{format_day(entry.day)}"
                ),
                before=audit.snapshot(status),
                after=None,
            )
            session.delete(status)
        self._announce()

    # --- writing: the retail sellers -----------------------------------------------------
    def link_seller(
        self,
        hotspot_id: int,
        person_id: int,
        start: date,
        end: date | None = None,
        note: str = "",
    ) -> SellerLink:
        """The person sold at retail from this hotspot over [start, end)."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            hotspot = _get_hotspot(session, hotspot_id)
            person = get_person_row(session, person_id)
            problems = check_span(start, end, self._context.today())
            if not problems:
                problems += self._seller_overlap(session, person, Span(start, end), None)
            if problems:
                raise ValidationError(problems)
            role = RetailSellerRole(
                person_id=person_id,
                start_date=start,
                end_date=end,
                hotspot_id=hotspot_id,
                place_note=tidy(note) or hotspot.name,
            )
            session.add(role)
            link = self._seller_written(
                session,
                role,
                audit.Action.CREATE,
                f"{person.full_name} — bán lẻ tại {hotspot.name}, {_period_text(start, end)}",
                before=None,
            )
        self._announce(person_id)
        return link

    def end_seller(self, role_id: int, end: date) -> SellerLink:
        """Close a running seller period on ``end``."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            role = _get_role(session, role_id)
            person = get_person_row(session, role.person_id)
            if role.end_date is not None:
                raise ValidationError.single(
                    "end_date",
                    f"Giai đoạn bán lẻ này đã kết thúc ngày {format_day(role.end_date)}.",
                )
            problems = check_span(role.start_date, end, self._context.today())
            if problems:
                raise ValidationError(problems)
            before = audit.snapshot(role)
            role.end_date = end
            link = self._seller_written(
                session,
                role,
                audit.Action.END,
                f"{person.full_name} — thôi bán lẻ từ ngày {format_day(end)}",
                before=before,
            )
        self._announce(link.person_id)
        return link

    def unlink(self, role_id: int) -> SellerLink:
        """Detach a seller period from its hotspot; it stays in the person's history."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            role = _get_role(session, role_id)
            if role.hotspot_id is None:
                raise ValidationError.single(
                    "hotspot_id", "Giai đoạn bán lẻ này không gắn với điểm, tụ điểm nào."
                )
            hotspot = _get_hotspot(session, role.hotspot_id)
            person = get_person_row(session, role.person_id)
            before = audit.snapshot(role)
            role.hotspot_id = None
            link = self._seller_written(
                session,
                role,
                audit.Action.UPDATE,
                f"{person.full_name} — gỡ khỏi điểm {hotspot.name}",
                before=before,
            )
        self._announce(link.person_id)
        return link

    def delete_seller(self, role_id: int) -> None:
        """Remove a seller period entered by mistake (the audit keeps what it held)."""
        self._context.require(Permission.RECORDS_EDIT)
        with self._context.unit_of_work() as session:
            role = _get_role(session, role_id)
            person = get_person_row(session, role.person_id)
            person_id = role.person_id
            audit.record(
                self._context,
                session,
                action=audit.Action.DELETE,
                entity=RETAIL_SELLER,
                entity_id=role.id,
                person_id=person_id,
                summary=(
                    f"{person.full_name} — xóa giai đoạn bán lẻ "
                    f"{_period_text(role.start_date, role.end_date)}"
                ),
                before=audit.snapshot(role),
                after=None,
            )
            session.delete(role)
        self._announce(person_id)

    def _seller_written(
        self,
        session: Session,
        role: RetailSellerRole,
        action: str,
        summary: str,
        *,
        before: dict[str, Any] | None,
    ) -> SellerLink:
        """Flush a seller row just added or changed, audit it, and return it as shown.

        Linking, ending and unlinking differ only in what they change and how they say it.
        """
        session.flush()
        audit.record(
            self._context,
            session,
            action=action,
            entity=RETAIL_SELLER,
            entity_id=role.id,
            person_id=role.person_id,
            summary=summary,
            before=before,
            after=audit.snapshot(role),
        )
        return _seller_link(session, role)

    def _seller_overlap(
        self, session: Session, person: Person, span: Span, exclude_id: int | None
    ) -> list[FieldProblem]:
        query = select(RetailSellerRole).where(RetailSellerRole.person_id == person.id)
        if exclude_id is not None:
            query = query.where(RetailSellerRole.id != exclude_id)
        for other in session.scalars(query.order_by(RetailSellerRole.start_date)):
            if not span.overlaps(Span(other.start_date, other.end_date)):
                continue
            where = "chưa gắn với điểm nào"
            if other.hotspot_id is not None:
                linked = session.get(Hotspot, other.hotspot_id)
                where = f"tại {linked.name}" if linked is not None else where
            return [
                FieldProblem(
                    "start_date",
                    f"{person.full_name} đã là đối tượng bán lẻ "
                    f"{_period_text(other.start_date, other.end_date)} ({where}). "
                    "Hai giai đoạn bán lẻ của một người không được chồng lên nhau.",
                )
            ]
        return []

    def _announce(self, person_id: int | None = None) -> None:
        if person_id is None:
            self._context.bus.publish(Changes(frozenset({HOTSPOT})))
            return
        self._context.bus.publish(
            Changes(
                frozenset({HOTSPOT, Entity.PERSON_HISTORY, Entity.PERSON}), frozenset({person_id})
            )
        )


def _assign(row: Hotspot, data: HotspotInput, months: int) -> None:
    row.kind = data.kind
    row.in_business = data.in_business
    row.name = data.name
    row.name_folded = fold(data.name)
    row.address = data.address
    row.sub_area_id = data.sub_area_id
    row.entered_on = data.entered_on
    row.fight_months = months
    row.note = data.note
