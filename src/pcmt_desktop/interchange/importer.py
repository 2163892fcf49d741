"""Importing the data workbook: check everything first, then write all of it or nothing.

``plan_import`` reads the whole workbook, parses every cell (interchange.cells), matches
persons and records against the database, applies the services' rules (spans, no overlap
of one kind per person, CCCD, dossier step dates, hotspot status order…) and returns an
``ImportPlan``: every problem with its sheet, Excel row and column, and per sheet how many
rows would be added and how many are already there. Nothing is written.

``apply_import`` writes the plan in ONE transaction with bulk inserts; if the database
changed since the plan, the plan is made again inside that transaction first, so what is
written was checked against what is there. The audit trail gets one row per imported
sheet (who, when, which file, how many rows) rather than one per record: an import of
500 000 tests is one act of the officer, and half a million audit rows would double the
database. The records themselves carry no audit history of their own. Before those rows,
an import event says which file was imported and what it added in all (also when it
added nothing), in the same transaction as the rows it describes.

No Qt here: the window shows the plan and calls ``apply_import`` (see docs/WORKBOOK.md).
"""

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain import dossier_steps, hotspots
from pcmt_desktop.domain.dossier_steps import Step, StepKind
from pcmt_desktop.domain.errors import FieldProblem
from pcmt_desktop.domain.hotspots import HotspotState, StatusStep
from pcmt_desktop.domain.periods import Span
from pcmt_desktop.domain.rules import check_birth, check_cccd, check_not_future, format_day
from pcmt_desktop.domain.text import fold, tidy
from pcmt_desktop.interchange import spec
from pcmt_desktop.interchange.cells import CellError, cell_text, parse_cell
from pcmt_desktop.interchange.reader import RawSheet, WorkbookRefused, open_workbook
from pcmt_desktop.services import audit, plant_seizures
from pcmt_desktop.services.case_types import CaseKind, SeizedItems
from pcmt_desktop.services.cases import CaseInput, SubjectInput, check_case, normalise_case
from pcmt_desktop.services.changes import Changes, Entity
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.persons import PersonInput, search_text_for
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.models import (
    AddictLocationStay,
    AuditEntry,
    Base,
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

Progress = Callable[[int, int], None]
Values = tuple[Any, ...]
BATCH = 5000
DEFAULT_FIGHT_MONTHS = 3
IGNORED_SHEETS = (spec.INSTRUCTIONS_SHEET, spec.LISTS_SHEET)

# Tables in the order their rows must be inserted (parents before children).
WRITE_ORDER: tuple[type[Base], ...] = (
    Office,
    SubArea,
    Person,
    ListStay,
    AddictLocationStay,
    SubstitutionTreatment,
    Surveillance,
    CustodyStay,
    DrugTest,
    Dossier,
    DossierStep,
    Hotspot,
    HotspotStatus,
    RetailSellerRole,
    PlantSeizure,
    DrugCase,
    CaseCharge,
    CaseSubject,
    Phase,
    Target,
    LegalRule,
)
# Tables whose rows carry an id the importer chooses (max id + 1 in the transaction).
_ID_MODELS = tuple(model for model in WRITE_ORDER if model not in (CaseCharge, Office))

# The audit entity each sheet's summary row is filed under.
_SHEET_ENTITY = {
    spec.OFFICE.name: Entity.OFFICE,
    spec.SUB_AREAS.name: Entity.SUB_AREA,
    spec.PERSONS.name: Entity.PERSON,
}


class ImportRefused(Exception):  # noqa: N818 - a refusal the officer reads
    """The import cannot be written; ``problems`` (or the message) say why."""

    def __init__(self, message: str, problems: Sequence["ImportProblem"] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def describe(self) -> str:
        """ "Sheet Test, dòng 12, cột Ngày test: …" — only the parts that are known."""
        where = [f"Sheet {self.sheet}"] if self.sheet else []
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        return (", ".join(where) + ": " if where else "") + self.message


@dataclass
class ImportPlan:
    path: Path
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    already_there: dict[str, int] = field(default_factory=dict)
    # What apply_import writes, and the state of the database it was checked against.
    inserts: dict[type[Base], list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    fingerprint: tuple[int, ...] = ()
    person_ids: frozenset[int] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    def describe(self) -> list[str]:
        """Vietnamese lines: per sheet, rows to add and rows already there."""
        lines = []
        for name in self.added:
            added, there = self.added[name], self.already_there.get(name, 0)
            if added or there:
                lines.append(f"{name}: thêm {_number(added)} dòng, đã có {_number(there)} dòng")
        return lines


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    added: dict[str, int]
    already_there: dict[str, int]
    seconds: float

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    def describe(self) -> list[str]:
        lines = [f"Đã nhập dữ liệu từ tệp {self.path.name}."]
        for name, added in self.added.items():
            there = self.already_there.get(name, 0)
            if added or there:
                lines.append(f"{name}: thêm {_number(added)} dòng, đã có {_number(there)} dòng")
        lines.append(
            f"Tổng cộng thêm {_number(self.total_added)} dòng, trong {self.seconds:.1f} giây."
        )
        return lines


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# --- reading the sheets ---------------------------------------------------------------


@dataclass
class _Sheet:
    spec: spec.SheetSpec
    present: set[str]
    rows: list[tuple[int, Values]]  # rows whose cells all parsed
    # Rows with a cell problem, with the cells that did parse (None elsewhere): their keys
    # still tell other sheets not to report a missing person again.
    bad: list[tuple[int, Values]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Looked up for every cell of every row: a dict, not headers.index().
        self._positions = {header: index for index, header in enumerate(self.spec.headers)}

    def index(self, header: str) -> int:
        return self._positions[header]

    def has(self, header: str) -> bool:
        return header in self.present


class _Builder:
    """Collects problems, counts and rows to insert while the plan is made."""

    def __init__(self, session: Session, path: Path, today: date, now: datetime) -> None:
        self.session = session
        self.path = path
        self.today = today
        self.now = now
        self.plan = ImportPlan(path)
        self.inserts: dict[type[Base], list[dict[str, Any]]] = {m: [] for m in WRITE_ORDER}
        self.next_ids = {
            model: (session.scalar(select(func.max(model.id))) or 0)  # type: ignore[attr-defined]
            + 1
            for model in _ID_MODELS
        }

    def problem(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.plan.problems.append(ImportProblem(sheet, row, column, message))

    def new_id(self, model: type[Base]) -> int:
        value = self.next_ids[model]
        self.next_ids[model] = value + 1
        return value

    def add(self, sheet: str, model: type[Base], row: dict[str, Any]) -> None:
        self.inserts[model].append(row)
        self.plan.added[sheet] = self.plan.added.get(sheet, 0) + 1

    def there(self, sheet: str) -> None:
        self.plan.already_there[sheet] = self.plan.already_there.get(sheet, 0) + 1


def _map_header(
    builder: _Builder, sheet: spec.SheetSpec, number: int, cells: Values
) -> list[tuple[int, int]] | None:
    """(cell position, spec column index) of each known header; None: a column is missing."""
    name = sheet.name
    positions: list[tuple[int, int]] = []
    present: set[str] = set()
    for position, cell in enumerate(cells):
        text = cell_text(cell)
        column = None if text is None else spec.match_header(text, sheet)
        if text is None:
            continue
        if column is None:
            builder.plan.notices.append(
                f"Sheet {name}: bỏ qua cột “{text}” (chương trình không dùng cột này)."
            )
        elif column.header in present:
            builder.problem(name, number, column.header, "Cột này có hai lần trong dòng tiêu đề.")
        else:
            present.add(column.header)
            positions.append((position, sheet.headers.index(column.header)))
    missing = [c.header for c in sheet.columns if c.required and c.header not in present]
    for header in missing:
        builder.problem(name, number, header, f"Sheet {name} thiếu cột bắt buộc “{header}”.")
    return None if missing else positions


def _read_sheet(
    raw: RawSheet, sheet: spec.SheetSpec, builder: _Builder, sub_areas: dict[str, int]
) -> _Sheet | None:
    """The sheet's rows parsed cell by cell; None when its header row is unusable."""
    name = sheet.name
    first = next(raw.rows, None)
    if first is None:
        return _Sheet(sheet, set(), [])
    if raw.header_merged:
        builder.problem(
            name, 1, None, "Dòng tiêu đề có ô gộp (merge): mỗi cột cần một ô tiêu đề riêng."
        )
        return None
    positions = _map_header(builder, sheet, *first)
    if positions is None:
        return None
    result = _Sheet(sheet, {sheet.columns[index].header for _, index in positions}, [])
    width = len(sheet.columns)
    for number, cells in raw.rows:
        values: list[Any] = [None] * width
        good = True
        for position, index in positions:
            column = sheet.columns[index]
            try:
                values[index] = parse_cell(
                    cells[position] if position < len(cells) else None, column, sub_areas
                )
            except CellError as error:
                builder.problem(name, number, column.header, str(error))
                good = False
                continue
            if column.required and values[index] in (None, ()):
                builder.problem(name, number, column.header, f"Chưa nhập {column.header}.")
                good = False
        (result.rows if good else result.bad).append((number, tuple(values)))
    return result


def _value(sheet: _Sheet, values: Values, header: str) -> Any:
    return values[sheet.index(header)]


def _text_or_empty(value: Any) -> str:
    return "" if value is None else str(value)


def _stripped(sheet: "_Sheet", values: Values, header: str) -> str:
    """A text cell without outer spaces ("" when empty)."""
    return _text_or_empty(_value(sheet, values, header)).strip()


# --- office and sub-areas ---------------------------------------------------------------


def _plan_office(builder: _Builder, raw: RawSheet | None) -> None:
    name = spec.OFFICE.name
    office = builder.session.scalar(select(Office).order_by(Office.id))
    sheet = None if raw is None else _read_sheet(raw, spec.OFFICE, builder, {})
    rows = [] if sheet is None else sheet.rows
    if sheet is not None and len(rows) + len(sheet.bad) > 1:
        builder.problem(name, None, None, "Sheet DonVi chỉ được có một dòng (một đơn vị).")
        return
    if office is None:
        if raw is None:
            builder.problem(
                name,
                None,
                None,
                "Cơ sở dữ liệu chưa có đơn vị: tệp cần có sheet DonVi (và DiaBan) để tạo.",
            )
            return
        if not rows:
            if sheet is not None and not sheet.bad:
                builder.problem(name, 2, None, "Sheet DonVi chưa có dòng thông tin đơn vị.")
            return
        number, values = rows[0]
        assert sheet is not None
        builder.add(
            name,
            Office,
            {
                "id": 1,
                "name": tidy(_value(sheet, values, "Tên đơn vị")),
                "level": tidy(_value(sheet, values, "Cấp")),
                "parent_name": tidy(_text_or_empty(_value(sheet, values, "Đơn vị cấp trên"))),
                "sub_area_label": tidy(_value(sheet, values, "Tên gọi địa bàn")),
                "place_name": tidy(_text_or_empty(_value(sheet, values, "Địa danh"))),
            },
        )
        return
    if rows:
        assert sheet is not None
        number, values = rows[0]
        named = tidy(_value(sheet, values, "Tên đơn vị"))
        if fold(named) != fold(office.name):
            builder.problem(
                name,
                number,
                "Tên đơn vị",
                f"Tệp này của đơn vị “{named}”, khác đơn vị của cơ sở dữ liệu (“{office.name}”).",
            )
        else:
            builder.there(name)


def _plan_sub_areas(builder: _Builder, raw: RawSheet | None) -> dict[str, int]:
    """The sub-areas by match_key: the configured ones and the sheet's new ones."""
    name = spec.SUB_AREAS.name
    known: dict[str, int] = {}
    folded: set[str] = set()
    position = -1  # the office service numbers positions from 0
    for row in builder.session.execute(select(SubArea.id, SubArea.name, SubArea.position)):
        known[spec.match_key(row.name)] = row.id
        folded.add(fold(row.name))
        position = max(position, row.position)
    if raw is None:
        return known
    sheet = _read_sheet(raw, spec.SUB_AREAS, builder, {})
    if sheet is None:
        return known
    seen: dict[str, int] = {}
    for _bad, values in sheet.bad:
        # A row in error still names its sub-area: other sheets naming it are not
        # reported again (nothing is written while there are problems).
        if values[0]:
            known.setdefault(spec.match_key(values[0]), -1)
    for number, values in sheet.rows:
        area = tidy(_value(sheet, values, "Tên địa bàn"))
        key = spec.match_key(area)
        if key in seen:
            builder.problem(
                name, number, "Tên địa bàn", f"Địa bàn “{area}” đã có ở dòng {seen[key]}."
            )
            continue
        seen[key] = number
        if key in known:
            builder.there(name)
            continue
        position += 1
        new_id = builder.new_id(SubArea)
        known[key] = new_id
        builder.add(
            name,
            SubArea,
            {
                "id": new_id,
                "name": area,
                "name_folded": fold(area),
                "population": _value(sheet, values, "Số nhân khẩu"),
                "position": position,
            },
        )
    return known


@lru_cache(maxsize=1 << 17)
def _ref_key(text: str) -> str:
    """spec.match_key of a reference, remembered: tests name the same persons many times."""
    return spec.match_key(text)


# --- persons ----------------------------------------------------------------------------


@dataclass
class _People:
    """Mã đối tượng → person id, for the sheets that name persons."""

    ids: dict[str, int] = field(default_factory=dict)
    new: set[int] = field(default_factory=set)
    # Keys of rows that were in error: other sheets naming them are not reported again.
    broken: set[str] = field(default_factory=set)

    def resolve(
        self, builder: _Builder, sheet: str, number: int, column: str, key: Any
    ) -> int | None:
        text = _text_or_empty(key).strip()
        folded = _ref_key(text)
        found = self.ids.get(folded)
        if found is None and folded not in self.broken:
            builder.problem(
                sheet, number, column, f"{column} “{text}” không có trong sheet DoiTuong."
            )
        return found


_Identity = tuple[str, int | None, int | None]
_GENDERS = {word: gender for gender, word in spec.GENDER_WORDS.items()}


def _known_persons(session: Session) -> tuple[dict[str, Any], dict[_Identity, list[Any]]]:
    """The database's persons by CCCD, and by folded name + birth year + sub-area."""
    by_cccd: dict[str, Any] = {}
    by_identity: dict[_Identity, list[Any]] = defaultdict(list)
    query = select(
        Person.id,
        Person.full_name,
        Person.name_folded,
        Person.gender,
        Person.birth_year,
        Person.birth_date,
        Person.cccd,
        Person.sub_area_id,
    ).order_by(Person.id)
    for row in session.execute(query):
        if row.cccd:
            by_cccd[row.cccd] = row
        by_identity[(row.name_folded, row.birth_year, row.sub_area_id)].append(row)
    return by_cccd, by_identity


def _cccd_of(sheet: _Sheet, values: Values) -> str | None:
    return _text_or_empty(_value(sheet, values, "Số CCCD")).replace(" ", "") or None


def _person_input(sheet: _Sheet, values: Values) -> PersonInput:
    birth = _value(sheet, values, "Ngày sinh")
    return PersonInput(
        full_name=tidy(_value(sheet, values, "Họ và tên")),
        gender=_GENDERS.get(_value(sheet, values, "Giới tính")),
        birth_year=birth.year if isinstance(birth, date) else birth,
        birth_date=birth if isinstance(birth, date) else None,
        cccd=_cccd_of(sheet, values),
        sub_area_id=_value(sheet, values, "Địa bàn"),
        village=tidy(_stripped(sheet, values, "Thôn, xóm")),
        permanent_address=tidy(_stripped(sheet, values, "Nơi thường trú")),
        current_address=tidy(_stripped(sheet, values, "Nơi ở hiện tại")),
        occupation=tidy(_stripped(sheet, values, "Nghề nghiệp")),
        notes=_stripped(sheet, values, "Ghi chú"),
    )


def _person_row(data: PersonInput, person_id: int, now: datetime) -> dict[str, Any]:
    return {
        "id": person_id,
        "full_name": data.full_name,
        "name_folded": fold(data.full_name),
        "search_text": search_text_for(data),
        "gender": None if data.gender is None else data.gender.value,
        "birth_year": data.birth_year,
        "birth_date": data.birth_date,
        "cccd": data.cccd,
        "sub_area_id": data.sub_area_id,
        "village": data.village,
        "permanent_address": data.permanent_address,
        "current_address": data.current_address,
        "occupation": data.occupation,
        "notes": data.notes,
        "created_at": now,
        "updated_at": now,
    }


def _check_person(
    builder: _Builder, number: int, data: PersonInput, cccd_seen: dict[str, int]
) -> bool:
    """The person rules of PersonService.validate, plus CCCD unique in the sheet."""
    name = spec.PERSONS.name
    before = len(builder.plan.problems)
    for problem in check_cccd(data.cccd):
        builder.problem(name, number, "Số CCCD", problem.message)
    for problem in check_birth(data.birth_year, data.birth_date, builder.today):
        builder.problem(name, number, "Ngày sinh", problem.message)
    # Only an EARLIER row makes this one a duplicate: a later row in error with the same
    # CCCD is seen before the good rows, and must not turn the first one into the copy.
    earlier = cccd_seen.get(data.cccd) if data.cccd else None
    if data.cccd and earlier is not None and earlier < number:
        builder.problem(name, number, "Số CCCD", f"Số CCCD {data.cccd} đã có ở dòng {earlier}.")
    if data.cccd and (earlier is None or earlier > number):
        cccd_seen[data.cccd] = number
    return len(builder.plan.problems) == before


def _plan_persons(builder: _Builder, raw: RawSheet | None, sub_areas: dict[str, int]) -> _People:
    name = spec.PERSONS.name
    people = _People()
    sheet = None if raw is None else _read_sheet(raw, spec.PERSONS, builder, sub_areas)
    if sheet is None:
        return people
    by_cccd, by_identity = _known_persons(builder.session)
    used: set[int] = set()
    keys_seen: dict[str, int] = {}
    cccd_seen: dict[str, int] = {}
    key_index = sheet.index("Mã")
    # Rows in error still hold their key and CCCD: a later row repeating them is a
    # duplicate, and other sheets naming them are not reported again.
    for bad_number, values in sheet.bad:
        bad_key = spec.match_key(_text_or_empty(values[key_index]))
        people.broken.add(bad_key)
        keys_seen.setdefault(bad_key, bad_number)
        if bad_cccd := _cccd_of(sheet, values):
            cccd_seen.setdefault(bad_cccd, bad_number)
    for number, values in sheet.rows:
        key_text = _text_or_empty(values[key_index])
        key = spec.match_key(key_text)
        earlier = keys_seen.get(key)
        if earlier is not None and earlier < number:  # a later row in error is no original
            builder.problem(name, number, "Mã", f"Mã “{key_text}” đã có ở dòng {earlier}.")
            continue
        keys_seen[key] = number
        data = _person_input(sheet, values)
        if not _check_person(builder, number, data, cccd_seen):
            people.broken.add(key)
            continue
        match = _match_person(data, by_cccd, by_identity, used)
        if match is not None and _person_conflicts(builder, number, data, match):
            people.broken.add(key)
        elif match is not None:
            used.add(match.id)
            people.ids[key] = match.id
            builder.there(name)
        else:
            person_id = builder.new_id(Person)
            people.ids[key] = person_id
            people.new.add(person_id)
            builder.add(name, Person, _person_row(data, person_id, builder.now))
    return people


def _match_person(
    data: PersonInput,
    by_cccd: dict[str, Any],
    by_identity: dict[_Identity, list[Any]],
    used: set[int],
) -> Any:
    """The database person this row is: same CCCD, else same folded name, birth year and
    sub-area (the first one not matched by an earlier row, so namesakes pair in order)."""
    if data.cccd and data.cccd in by_cccd:
        return by_cccd[data.cccd]
    for row in by_identity.get((fold(data.full_name), data.birth_year, data.sub_area_id), []):
        if row.id not in used and (not data.cccd or not row.cccd):
            return row
    return None


def _person_conflicts(builder: _Builder, number: int, data: PersonInput, row: Any) -> bool:
    name = spec.PERSONS.name
    found = False
    label = f"Đối tượng {row.full_name} (mã {row.id}) đã có trong cơ sở dữ liệu với"
    if data.gender and row.gender and data.gender.value != row.gender:
        builder.problem(name, number, "Giới tính", f"{label} giới tính khác.")
        found = True
    if data.birth_date and row.birth_date and data.birth_date != row.birth_date:
        builder.problem(
            name,
            number,
            "Ngày sinh",
            f"{label} ngày sinh {format_day(row.birth_date)}, khác ngày sinh trong tệp.",
        )
        found = True
    elif data.birth_year and row.birth_year and data.birth_year != row.birth_year:
        builder.problem(name, number, "Ngày sinh", f"{label} năm sinh {row.birth_year}.")
        found = True
    if fold(data.full_name) != row.name_folded:
        builder.problem(name, number, "Họ và tên", f"{label} họ tên khác (cùng số CCCD).")
        found = True
    return found


# --- dated facts about persons ----------------------------------------------------------


@dataclass
class _Pending:
    """A row ready to insert (without its id yet), with where it came from."""

    sheet: str
    number: int
    row: dict[str, Any]


def _identity(row: dict[str, Any], keys: Sequence[str]) -> tuple[Any, ...]:
    return tuple(row.get(key) for key in keys)


def _existing(session: Session, model: type[Base], keys: Sequence[str]) -> set[tuple[Any, ...]]:
    columns = [getattr(model, key) for key in keys]
    return {tuple(row) for row in session.execute(select(*columns))}


def _span_problems(
    builder: _Builder,
    where: tuple[str, int],
    span: tuple[date, date | None],
    headers: tuple[str, str],
) -> bool:
    """check_span's rules in the sheet's words; True when the span is wrong."""
    sheet, number = where
    start, end = span
    start_header, end_header = headers
    found = False
    if start > builder.today:
        builder.problem(
            sheet,
            number,
            start_header,
            f"{start_header} ({format_day(start)}) ở sau ngày hôm nay "
            f"({format_day(builder.today)}).",
        )
        found = True
    if end is not None and end > builder.today:
        builder.problem(
            sheet,
            number,
            end_header,
            f"{end_header} ({format_day(end)}) ở sau ngày hôm nay ({format_day(builder.today)}).",
        )
        found = True
    if end is not None and end < start:
        builder.problem(
            sheet,
            number,
            end_header,
            f"{end_header} ({format_day(end)}) ở trước {start_header.lower()} "
            f"({format_day(start)}).",
        )
        found = True
    return found


def _add_periods(builder: _Builder, model: type[Base], pending: list[_Pending]) -> None:
    """Skip rows already there, refuse overlaps of one kind per person, add the rest."""
    if not pending:
        return
    keys = sorted(key for key in pending[0].row if key != "id")
    existing = _existing(builder.session, model, keys)
    spans: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    start_at, end_at, person_at = (
        keys.index("start_date"),
        keys.index("end_date"),
        keys.index("person_id"),
    )
    for found in existing:
        spans[found[person_at]].append(
            (found[start_at], found[end_at], "đã có trong cơ sở dữ liệu")
        )
    fresh: list[_Pending] = []
    seen: set[tuple[Any, ...]] = set()
    for item in pending:
        identity = _identity(item.row, keys)
        if identity in existing or identity in seen:
            builder.there(item.sheet)
            continue
        seen.add(identity)
        fresh.append(item)
        spans[item.row["person_id"]].append(
            (
                item.row["start_date"],
                item.row["end_date"],
                f"sheet {item.sheet}, dòng {item.number}",
            )
        )
    clashes = _overlaps(spans)
    for item in fresh:
        key = (item.row["person_id"], item.row["start_date"], item.row["end_date"])
        if key in clashes:
            builder.problem(
                item.sheet,
                item.number,
                "Từ ngày",
                f"Trùng thời gian với một mục cùng loại ({clashes[key]}). "
                "Hai khoảng thời gian cùng loại của một người không được chồng lên nhau.",
            )
            continue
        builder.add(item.sheet, model, {"id": builder.new_id(model), **item.row})


def _overlaps(
    spans: dict[int, list[tuple[date, date | None, str]]],
) -> dict[tuple[int, date, date | None], str]:
    """For each span that overlaps an earlier one of the same person: where that one is."""
    clashes: dict[tuple[int, date, date | None], str] = {}
    for person_id, items in spans.items():
        items.sort(key=lambda item: item[0])
        reach: Span | None = None
        reach_where = ""
        for start, end, where in items:
            if end is not None and end <= start:
                continue  # an empty span covers no day
            span = Span(start, end)
            if reach is not None and reach.overlaps(span):
                clashes[(person_id, start, end)] = reach_where
                clashes.setdefault((person_id, reach.start, reach.end), where)
            if reach is None or (reach.end is not None and (end is None or end > reach.end)):
                reach, reach_where = span, where
    return clashes


_PERIOD_SHEETS = {
    spec.TREATMENTS.name: (SubstitutionTreatment, "Từ ngày", "Đến ngày"),
    spec.ADDICT_LOCATIONS.name: (AddictLocationStay, "Từ ngày", "Đến ngày"),
    spec.SURVEILLANCES.name: (Surveillance, "Ngày lập", "Ngày đóng"),
    spec.CUSTODY.name: (CustodyStay, "Từ ngày", "Đến ngày"),
    spec.RETAIL_SELLERS.name: (RetailSellerRole, "Từ ngày", "Đến ngày"),
}


def _reverse(words: dict[Any, str]) -> dict[str, str]:
    return {word: key.value for key, word in words.items()}


def _period_values(sheet: _Sheet, values: Values, context: "_Context") -> dict[str, Any] | None:
    name = sheet.spec.name
    if name == spec.TREATMENTS.name:
        return {"facility": _stripped(sheet, values, "Cơ sở điều trị")}
    if name == spec.ADDICT_LOCATIONS.name:
        return {
            "location": _reverse(spec.ADDICT_PLACE_WORDS)[_value(sheet, values, "Nơi ở")],
            "facility": _stripped(sheet, values, "Tên cơ sở cai nghiện"),
        }
    if name == spec.SURVEILLANCES.name:
        return {
            "category": _value(sheet, values, "Danh mục"),
            "surveillance_class": _reverse(spec.SURVEILLANCE_CLASS_WORDS)[
                _value(sheet, values, "Loại")
            ],
            "note": _stripped(sheet, values, "Ghi chú"),
        }
    if name == spec.CUSTODY.name:
        return {
            "kind": _reverse(spec.CUSTODY_WORDS)[_value(sheet, values, "Nơi")],
            "place": _stripped(sheet, values, "Tên trại, cơ sở"),
        }
    return None


@dataclass
class _Context:
    """What the sheets planned so far share."""

    people: _People
    sub_areas: dict[str, int]
    sheets: dict[str, _Sheet]
    hotspot_keys: dict[str, int] = field(default_factory=dict)
    hotspot_names: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    case_keys: dict[str, int] = field(default_factory=dict)
    phase_keys: dict[str, int] = field(default_factory=dict)
    dossier_keys: dict[str, int] = field(default_factory=dict)


def _person_of(
    builder: _Builder, context: _Context, sheet: _Sheet, number: int, values: Values
) -> int | None:
    return context.people.resolve(
        builder, sheet.spec.name, number, "Mã đối tượng", _value(sheet, values, "Mã đối tượng")
    )


def _plan_list_stays(builder: _Builder, context: _Context) -> list[_Pending]:
    """The list stays; also the addicts' places they imply when NoiONghien is absent."""
    sheet = context.sheets.get(spec.LIST_STAYS.name)
    places: list[_Pending] = []
    if sheet is None:
        return places
    name = sheet.spec.name
    lists = _reverse(spec.LIST_WORDS)
    place_words = _reverse(spec.ADDICT_PLACE_WORDS)
    pending: list[_Pending] = []
    for number, values in sheet.rows:
        person_id = _person_of(builder, context, sheet, number, values)
        start, end = _value(sheet, values, "Từ ngày"), _value(sheet, values, "Đến ngày")
        bad = person_id is None
        bad |= _span_problems(builder, (name, number), (start, end), ("Từ ngày", "Đến ngày"))
        start_reason = _text_or_empty(_value(sheet, values, "Lý do đưa vào")).strip()
        end_reason = _text_or_empty(_value(sheet, values, "Lý do thanh loại")).strip()
        if not start_reason:
            builder.problem(name, number, "Lý do đưa vào", "Chưa nhập lý do đưa vào.")
            bad = True
        if end is not None and not end_reason:
            builder.problem(name, number, "Lý do thanh loại", "Chưa nhập lý do thanh loại.")
            bad = True
        if bad:
            continue
        list_key = lists[_value(sheet, values, "Diện")]
        row = {
            "person_id": person_id,
            "list_key": list_key,
            "start_date": start,
            "end_date": end,
            "start_reason": start_reason,
            "end_reason": end_reason,
            "due_date": _value(sheet, values, "Hạn quản lý"),
            "note": _text_or_empty(_value(sheet, values, "Ghi chú")).strip(),
        }
        pending.append(_Pending(name, number, row))
        place = _value(sheet, values, "Nơi ở")
        if list_key == "nghien" and spec.ADDICT_LOCATIONS.name not in context.sheets:
            location = place_words.get(place or "", "cong_dong")
            places.append(
                _Pending(
                    name,
                    number,
                    {
                        "person_id": person_id,
                        "start_date": start,
                        "end_date": end,
                        "location": location,
                        "facility": "",
                    },
                )
            )
    _add_periods(builder, ListStay, pending)
    return places


def _plan_periods(builder: _Builder, context: _Context, implied_places: list[_Pending]) -> None:
    for sheet_name, (model, start_header, end_header) in _PERIOD_SHEETS.items():
        sheet = context.sheets.get(sheet_name)
        pending: list[_Pending] = list(implied_places) if model is AddictLocationStay else []
        if sheet is None:
            _add_periods(builder, model, pending)
            continue
        for number, values in sheet.rows:
            person_id = _person_of(builder, context, sheet, number, values)
            start, end = _value(sheet, values, start_header), _value(sheet, values, end_header)
            bad = person_id is None
            bad |= _span_problems(
                builder, (sheet_name, number), (start, end), (start_header, end_header)
            )
            if model is RetailSellerRole:
                fields = _seller_values(builder, context, sheet, number, values)
                bad |= fields is None
            else:
                fields = _period_values(sheet, values, context)
            if bad or fields is None:
                continue
            row = {"person_id": person_id, "start_date": start, "end_date": end, **fields}
            pending.append(_Pending(sheet_name, number, row))
        _add_periods(builder, model, pending)


def _seller_values(
    builder: _Builder, context: _Context, sheet: _Sheet, number: int, values: Values
) -> dict[str, Any] | None:
    name = sheet.spec.name
    hotspot_id: int | None = None
    key = _text_or_empty(_value(sheet, values, "Mã điểm")).strip()
    hotspot_name = _text_or_empty(_value(sheet, values, "Tên điểm")).strip()
    if key:
        hotspot_id = context.hotspot_keys.get(spec.match_key(key))
        if hotspot_id is None:
            builder.problem(
                name, number, "Mã điểm", f"Mã điểm “{key}” không có trong sheet DiemPhucTap."
            )
            return None
    elif hotspot_name:
        found = context.hotspot_names.get(fold(hotspot_name), [])
        if len(found) != 1:
            why = "không có" if not found else "có nhiều điểm cùng tên"
            builder.problem(
                name,
                number,
                "Tên điểm",
                f"Điểm “{hotspot_name}” {why} trong sheet DiemPhucTap hoặc cơ sở dữ liệu"
                + (" — hãy ghi Mã điểm." if found else "."),
            )
            return None
        hotspot_id = found[0]
    note = _text_or_empty(_value(sheet, values, "Địa điểm, tụ điểm liên quan")).strip()
    return {"hotspot_id": hotspot_id, "place_note": note}


# --- drug tests -------------------------------------------------------------------------

_SUBSTANCE_FIELDS = {word: substance.value for substance, word in spec.SUBSTANCE_WORDS.items()}
_TEST_KEYS = (
    "person_id",
    "test_date",
    "positive",
    *sorted(_SUBSTANCE_FIELDS.values()),
    "other_substance",
    "note",
    "summoned_by",
    "method",
    "follow_up",
)


def _plan_drug_tests(builder: _Builder, context: _Context) -> None:
    sheet = context.sheets.get(spec.DRUG_TESTS.name)
    if sheet is None:
        return
    name = sheet.spec.name
    # Re-importing matters only for persons already in the database.
    existing = set()
    if len(context.people.ids) > len(context.people.new):
        existing = _existing(builder.session, DrugTest, _TEST_KEYS)
    seen: set[tuple[Any, ...]] = set()
    for number, values in sheet.rows:
        person_id = _person_of(builder, context, sheet, number, values)
        day: date = _value(sheet, values, "Ngày test")
        positive = _value(sheet, values, "Kết quả") == spec.POSITIVE_WORD
        found: tuple[str, ...] = _value(sheet, values, "Chất dương tính") or ()
        bad = person_id is None
        if day > builder.today:
            builder.problem(
                name,
                number,
                "Ngày test",
                f"Ngày test ({format_day(day)}) ở sau ngày hôm nay ({format_day(builder.today)}).",
            )
            bad = True
        if positive and not found:
            builder.problem(
                name, number, "Chất dương tính", "Kết quả dương tính: hãy ghi chất dương tính."
            )
            bad = True
        if not positive and found:
            builder.problem(
                name,
                number,
                "Chất dương tính",
                "Kết quả âm tính thì không ghi chất dương tính.",
            )
            bad = True
        other_name = _stripped(sheet, values, "Tên chất khác")
        if bad:
            continue
        row: dict[str, Any] = {
            "person_id": person_id,
            "test_date": day,
            "positive": positive,
            **{field_name: word in found for word, field_name in _SUBSTANCE_FIELDS.items()},
            "other_substance": other_name,
            "note": _stripped(sheet, values, "Ghi chú"),
            "summoned_by": _stripped(sheet, values, "Người triệu tập"),
            "method": _stripped(sheet, values, "Phương pháp"),
            "follow_up": _stripped(sheet, values, "Xử lý tiếp theo"),
        }
        identity = _identity(row, _TEST_KEYS)
        if identity in existing or identity in seen:
            builder.there(name)
            continue
        seen.add(identity)
        row["id"] = builder.new_id(DrugTest)
        builder.add(name, DrugTest, row)


# --- dossiers ---------------------------------------------------------------------------

_STEP_KINDS = {word: kind for kind, word in spec.STEP_WORDS.items()}
_DOSSIER_DATE_COLUMNS = (
    ("Ngày lập hồ sơ", StepKind.CREATED),
    ("Ngày chuyển Tòa án", StepKind.SENT_TO_COURT),
    ("Ngày Tòa án quyết định", StepKind.DECIDED),
    ("Ngày đưa đi cai nghiện", StepKind.ENTERED_FACILITY),
    ("Ngày kết thúc không thi hành", StepKind.CLOSED_UNEXECUTED),
)


def _steps_from_columns(sheet: _Sheet, values: Values) -> list[tuple[Step, str]]:
    steps: list[tuple[Step, str]] = []
    for header, kind in _DOSSIER_DATE_COLUMNS:
        day = _value(sheet, values, header)
        if day is None:
            continue
        term = _value(sheet, values, "Thời hạn (tháng)") if kind is StepKind.DECIDED else None
        detail = ""
        if kind is StepKind.CLOSED_UNEXECUTED:
            detail = _text_or_empty(_value(sheet, values, "Lý do kết thúc")).strip()
        steps.append((Step(kind, day, term, detail), ""))
    return steps


def _steps_from_sheet(
    context: _Context, builder: _Builder
) -> dict[str, list[tuple[int, Step, str]]]:
    sheet = context.sheets.get(spec.DOSSIER_STEPS.name)
    steps: dict[str, list[tuple[int, Step, str]]] = defaultdict(list)
    if sheet is None:
        return steps
    for number, values in sheet.rows:
        key = spec.match_key(_text_or_empty(_value(sheet, values, "Mã hồ sơ")))
        kind = _STEP_KINDS[_value(sheet, values, "Bước")]
        step = Step(
            kind,
            _value(sheet, values, "Ngày"),
            _value(sheet, values, "Thời hạn (tháng)"),
            _text_or_empty(_value(sheet, values, "Chi tiết")).strip(),
        )
        steps[key].append((number, step, _text_or_empty(_value(sheet, values, "Ghi chú")).strip()))
    return steps


def _sheet_key(
    builder: _Builder, where: tuple[str, int], column: str, text: str, seen: dict[str, int]
) -> str | None:
    """The match key of a record key cell; None (and a problem) when the sheet repeats it."""
    key = spec.match_key(text)
    if key in seen:
        builder.problem(*where, column, f"{column} “{text}” đã có ở dòng {seen[key]}.")
        return None
    if key:
        seen[key] = where[1]
    return key


def _orphans(
    builder: _Builder, where: tuple[str, str], target: str, items: dict[str, list[Any]]
) -> None:
    """Rows of an extension sheet whose key names no row of ``target``."""
    sheet, column = where
    for key, listed in items.items():
        builder.problem(
            sheet, listed[0][0], column, f"{column} “{key.upper()}” không có trong sheet {target}."
        )


def _dossier_problems(steps: list[Step], created: date, found_on: date, today: date) -> list[str]:
    """The dossier rules of DossierService: sequence, dates, each step's details."""
    problems = dossier_steps.check_sequence(steps) + dossier_steps.check_dates(
        steps, found_on, today
    )
    for step in steps:
        problems += dossier_steps.check_detail(step.kind, step.detail, step.term_months)
    messages = [problem.message for problem in problems]
    if not any(step.kind is StepKind.CREATED and step.day == created for step in steps):
        messages.append("Ngày lập hồ sơ không khớp với bước “Lập hồ sơ”.")
    return messages


def _existing_dossiers(session: Session) -> dict[tuple[int, date], int]:
    """Dossiers by person and creation day: how a re-imported dossier is recognised."""
    query = (
        select(Dossier.id, Dossier.person_id, DossierStep.step_date)
        .join(DossierStep, DossierStep.dossier_id == Dossier.id)
        .where(DossierStep.step == StepKind.CREATED.value)
    )
    return {(row.person_id, row.step_date): row.id for row in session.execute(query)}


def _add_dossier(builder: _Builder, dossier: dict[str, Any], steps: list[tuple[Step, str]]) -> None:
    dossier_id = builder.new_id(Dossier)
    builder.add(spec.DOSSIERS.name, Dossier, {"id": dossier_id, **dossier})
    for step, step_note in steps:
        builder.add(
            spec.DOSSIER_STEPS.name,
            DossierStep,
            {
                "id": builder.new_id(DossierStep),
                "dossier_id": dossier_id,
                "step": step.kind.value,
                "step_date": step.day,
                "term_months": step.term_months,
                "reason": step.detail,
                "note": step_note,
            },
        )


def _plan_dossiers(builder: _Builder, context: _Context) -> None:
    sheet = context.sheets.get(spec.DOSSIERS.name)
    steps_name = spec.DOSSIER_STEPS.name
    with_step_sheet = steps_name in context.sheets
    by_key = _steps_from_sheet(context, builder)
    if sheet is None:
        _orphans(builder, (steps_name, "Mã hồ sơ"), spec.DOSSIERS.name, dict(by_key))
        return
    name = sheet.spec.name
    existing = _existing_dossiers(builder.session)
    seen_keys: dict[str, int] = {}
    for number, values in sheet.rows:
        person_id = _person_of(builder, context, sheet, number, values)
        key = _sheet_key(
            builder, (name, number), "Mã hồ sơ", _stripped(sheet, values, "Mã hồ sơ"), seen_keys
        )
        if key is None:
            continue
        # With BuocHoSoCNBB, a dossier's steps are that sheet's rows (problems go there).
        where = (name, number)
        if with_step_sheet and key:
            listed = by_key.pop(key, [])
            steps = [(step, note) for _, step, note in listed]
            where = (steps_name, listed[0][0] if listed else number)
        else:
            steps = _steps_from_columns(sheet, values)
        created = _value(sheet, values, "Ngày lập hồ sơ")
        found_on = _value(sheet, values, "Ngày phát hiện") or created
        problems = _dossier_problems([s for s, _ in steps], created, found_on, builder.today)
        for message in problems:
            builder.problem(where[0], where[1], None, message)
        if problems or person_id is None:
            continue
        if (person_id, created) in existing:
            builder.there(name)
            builder.plan.already_there[steps_name] += len(steps)
            continue
        existing[(person_id, created)] = -1
        note = _stripped(sheet, values, "Ghi chú")
        _add_dossier(builder, {"person_id": person_id, "found_on": found_on, "note": note}, steps)
    _orphans(builder, (steps_name, "Mã hồ sơ"), name, dict(by_key))


# --- hotspots ---------------------------------------------------------------------------

_STATE_OF = {word: state for state, word in spec.HOTSPOT_STATE_WORDS.items()}


_Status = tuple[int, StatusStep, str]  # Excel row, the step, its note


def _status_rows(context: _Context) -> dict[str, list[_Status]]:
    """TinhTrangDiem's rows by Mã điểm."""
    sheet = context.sheets.get(spec.HOTSPOT_STATUSES.name)
    statuses: dict[str, list[_Status]] = defaultdict(list)
    if sheet is None:
        return statuses
    for number, values in sheet.rows:
        key = spec.match_key(_stripped(sheet, values, "Mã điểm"))
        step = StatusStep(
            _STATE_OF[_value(sheet, values, "Tình trạng")], _value(sheet, values, "Từ ngày")
        )
        statuses[key].append((number, step, _stripped(sheet, values, "Ghi chú")))
    return statuses


def _status_problems(steps: list[StatusStep], entered: date, today: date) -> list[str]:
    """HotspotService's status rules: starts fighting on entry, each step a real change."""
    problems = []
    if not steps or steps[0].state is not HotspotState.FIGHTING or steps[0].day != entered:
        problems.append("Tình trạng đầu tiên của điểm phải là “Đang đấu tranh” từ ngày đưa vào.")
    for step in steps:
        if step.day > today:
            problems.append(
                f"Ngày tình trạng ({format_day(step.day)}) ở sau ngày hôm nay "
                f"({format_day(today)})."
            )
        problems += [
            problem.message
            for problem in hotspots.check_sequence(steps, step.day)
            if problem.message not in problems
        ]
    return problems


def _hotspot_row(builder: _Builder, sheet: _Sheet, values: Values) -> dict[str, Any]:
    hotspot_name = tidy(_value(sheet, values, "Tên điểm"))
    entered: date = _value(sheet, values, "Ngày đưa vào")
    months = _value(sheet, values, "Thời gian đấu tranh (tháng)")
    return {
        "kind": _HOTSPOT_KINDS[_value(sheet, values, "Loại")],
        "in_business": bool(_value(sheet, values, "Kinh doanh có điều kiện về ANTT")),
        "name": hotspot_name,
        "name_folded": fold(hotspot_name),
        "address": tidy(_stripped(sheet, values, "Địa chỉ")),
        "sub_area_id": _value(sheet, values, "Địa bàn"),
        "entered_on": entered,
        "fight_months": (
            _rule_value(builder, RuleKey.HOTSPOT_FIGHT_MONTHS, entered)
            if months is None
            else months
        ),
        "note": _stripped(sheet, values, "Ghi chú"),
    }


def _hotspot_identity(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["name_folded"], row["entered_on"], row["sub_area_id"], row["kind"])


def _add_hotspot(
    builder: _Builder, context: _Context, row: dict[str, Any], steps: list[tuple[StatusStep, str]]
) -> int:
    hotspot_id = builder.new_id(Hotspot)
    context.hotspot_names[row["name_folded"]].append(hotspot_id)
    builder.add(spec.HOTSPOTS.name, Hotspot, {"id": hotspot_id, **row})
    for step, note in steps:
        builder.add(
            spec.HOTSPOT_STATUSES.name,
            HotspotStatus,
            {
                "id": builder.new_id(HotspotStatus),
                "hotspot_id": hotspot_id,
                "status": step.state.value,
                "status_date": step.day,
                "note": note,
            },
        )
    return hotspot_id


def _plan_hotspots(builder: _Builder, context: _Context) -> None:
    session = builder.session
    for found in session.execute(select(Hotspot.id, Hotspot.name_folded)):
        context.hotspot_names[found.name_folded].append(found.id)
    sheet = context.sheets.get(spec.HOTSPOTS.name)
    statuses_name = spec.HOTSPOT_STATUSES.name
    with_status_sheet = statuses_name in context.sheets
    statuses = _status_rows(context)
    if sheet is None:
        _orphans(builder, (statuses_name, "Mã điểm"), spec.HOTSPOTS.name, dict(statuses))
        return
    name = sheet.spec.name
    columns = (Hotspot.id, Hotspot.name_folded, Hotspot.entered_on, Hotspot.sub_area_id)
    existing = {
        (found.name_folded, found.entered_on, found.sub_area_id, found.kind): found.id
        for found in session.execute(select(*columns, Hotspot.kind))
    }
    seen_keys: dict[str, int] = {}
    for number, values in sheet.rows:
        key = _sheet_key(
            builder, (name, number), "Mã điểm", _stripped(sheet, values, "Mã điểm"), seen_keys
        )
        if key is None:
            continue
        row = _hotspot_row(builder, sheet, values)
        # With TinhTrangDiem, the statuses are that sheet's rows (problems go there).
        where = (name, number)
        if with_status_sheet and key:
            listed = statuses.pop(key, [])
            steps = [(step, note) for _, step, note in listed]
            where = (statuses_name, listed[0][0] if listed else number)
        else:
            steps = [(StatusStep(HotspotState.FIGHTING, row["entered_on"]), "")]
            if (cleared := _value(sheet, values, "Ngày triệt xóa")) is not None:
                steps.append((StatusStep(HotspotState.CLEARED, cleared), ""))
        steps.sort(key=lambda item: item[0].day)
        problems = _status_problems([s for s, _ in steps], row["entered_on"], builder.today)
        for message in problems:
            builder.problem(where[0], where[1], None, message)
        if problems:
            continue
        identity = _hotspot_identity(row)
        if identity in existing:
            builder.there(name)
            builder.plan.already_there[statuses_name] += len(steps)
        else:
            existing[identity] = _add_hotspot(builder, context, row, steps)
        if key:
            context.hotspot_keys[key] = existing[identity]
    _orphans(builder, (statuses_name, "Mã điểm"), name, dict(statuses))


_HOTSPOT_KINDS = {word: kind.value for kind, word in spec.HOTSPOT_KIND_WORDS.items()}


def _rule_value(builder: _Builder, key: RuleKey, day: date) -> int:
    """The legal rule in force on ``day``: the sheet's QuyDinh rows count too."""
    value = builder.session.scalar(
        select(LegalRule.value)
        .where(LegalRule.key == key.value, LegalRule.effective_from <= day)
        .order_by(LegalRule.effective_from.desc())
        .limit(1)
    )
    for row in builder.inserts[LegalRule]:
        if row["key"] == key.value and row["effective_from"] <= day:
            value = row["value"]
    return DEFAULT_FIGHT_MONTHS if value is None else int(value)


# --- plant seizures and cases -----------------------------------------------------------

_PLANT_COLUMNS = {
    "seized_on": "Ngày",
    "sub_area_id": "Địa bàn",
    "place": "Địa điểm",
    "person": "Mã đối tượng",
    "opium_plants": "Cây thuốc phiện",
    "cannabis_plants": "Cây cần sa",
    "other_plants": "Cây khác",
    "other_plant_kind": "Loại cây khác",
    "area_m2": "Diện tích (m2)",
    "handling": "Hình thức xử lý",
    "fine_vnd": "Số tiền phạt (đồng)",
    "ownerless": "Vô chủ",
}
_HANDLINGS = {word: handling.value for handling, word in spec.HANDLING_WORDS.items()}


def _plant_input(sheet: _Sheet, values: Values, person_id: int | None) -> PlantSeizureInput:
    ownerless = _value(sheet, values, "Vô chủ")
    return plant_seizures._tidy_input(
        PlantSeizureInput(
            seized_on=_value(sheet, values, "Ngày"),
            sub_area_id=_value(sheet, values, "Địa bàn"),
            handling=_HANDLINGS[_value(sheet, values, "Hình thức xử lý")],
            place=_stripped(sheet, values, "Địa điểm"),
            person_id=person_id,
            # Empty: ownerless exactly when no person is named.
            ownerless=person_id is None if ownerless is None else ownerless,
            opium_plants=_value(sheet, values, "Cây thuốc phiện") or 0,
            cannabis_plants=_value(sheet, values, "Cây cần sa") or 0,
            other_plants=_value(sheet, values, "Cây khác") or 0,
            other_plant_kind=_stripped(sheet, values, "Loại cây khác"),
            area_m2=_value(sheet, values, "Diện tích (m2)") or 0.0,
            fine_vnd=_value(sheet, values, "Số tiền phạt (đồng)"),
            expert_exam=bool(_value(sheet, values, "Trưng cầu giám định")),
            note=_stripped(sheet, values, "Ghi chú"),
        )
    )


def _plant_problems(data: PlantSeizureInput, today: date) -> list[FieldProblem]:
    """PlantSeizureService.validate's rules (the database ones are the importer's)."""
    problems = check_not_future("seized_on", "Ngày", data.seized_on, today)
    problems += plant_seizures._check_amounts(data) + plant_seizures._check_handling(data)
    if data.sub_area_id is None:
        problems.append(FieldProblem("sub_area_id", "Chưa nhập địa bàn nơi phát hiện."))
    if data.ownerless and data.person_id is not None:
        problems.append(FieldProblem("ownerless", "Đã ghi vô chủ thì không ghi mã đối tượng."))
    return problems


def _plan_plant_seizures(builder: _Builder, context: _Context) -> None:
    sheet = context.sheets.get(spec.PLANT_SEIZURES.name)
    if sheet is None:
        return
    name = sheet.spec.name
    keys = sorted(PlantSeizureInput.__dataclass_fields__)
    existing = _existing(builder.session, PlantSeizure, keys)
    for number, values in sheet.rows:
        person_id = None
        if _value(sheet, values, "Mã đối tượng"):
            person_id = _person_of(builder, context, sheet, number, values)
            if person_id is None:
                continue
        data = _plant_input(sheet, values, person_id)
        problems = _plant_problems(data, builder.today)
        for problem in problems:
            builder.problem(name, number, _PLANT_COLUMNS.get(problem.field), problem.message)
        if problems:
            continue
        row = {key: getattr(data, key) for key in keys}
        identity = _identity(row, keys)
        if identity in existing:
            builder.there(name)
            continue
        existing.add(identity)
        builder.add(name, PlantSeizure, {"id": builder.new_id(PlantSeizure), **row})


_CASE_COLUMNS = {
    "occurred_on": "Ngày",
    "subjects": "Số đối tượng",
    "articles": "Tội danh, hành vi",
    "act": "Tội danh, hành vi",
    "defendants": "Số bị can",
    "fine_vnd": "Số tiền phạt (đồng)",
    "heroin_g": "Heroin (gam)",
    "methamphetamine_g": "Methamphetamine (gam)",
    "pills": "Ma túy tổng hợp (viên)",
    "cannabis_g": "Cần sa (gam)",
    "other_g": "Ma túy khác (gam)",
    "vehicles": "Phương tiện (chiếc)",
    "phones": "Điện thoại (chiếc)",
    "cash_vnd": "Tiền mặt (đồng)",
}
_CASE_KEYS = (
    "kind",
    "occurred_on",
    "sub_area_id",
    "summary",
    "subjects",
    "prosecuted",
    "defendants",
    "received_from",
    "act",
    "fine_vnd",
    "heroin_g",
    "methamphetamine_g",
    "pills",
    "cannabis_g",
    "other_g",
    "vehicles",
    "phones",
    "cash_vnd",
    "note",
)


def _articles(text: str) -> list[str]:
    found = []
    for part in text.split(","):
        item = part.strip()
        if spec.match_key(item).startswith(spec.match_key(spec.ARTICLE_PREFIX)):
            item = item[len(spec.ARTICLE_PREFIX) :].strip()
        if item:
            found.append(item)
    return found


def _case_subjects(builder: _Builder, context: _Context) -> dict[str, list[tuple[int, Any]]]:
    sheet = context.sheets.get(spec.CASE_SUBJECTS.name)
    subjects: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    if sheet is None:
        return subjects
    for number, values in sheet.rows:
        key = spec.match_key(_text_or_empty(_value(sheet, values, "Số hiệu")))
        person_id = None
        if _value(sheet, values, "Mã đối tượng"):
            person_id = _person_of(builder, context, sheet, number, values)
            if person_id is None:
                continue
        subjects[key].append(
            (
                number,
                SubjectInput(
                    full_name=tidy(_value(sheet, values, "Họ và tên")),
                    birth_year=_value(sheet, values, "Năm sinh"),
                    person_id=person_id,
                    note=_text_or_empty(_value(sheet, values, "Ghi chú")).strip(),
                ),
            )
        )
    return subjects


def _case_input(sheet: _Sheet, values: Values, named: list[SubjectInput]) -> CaseInput:
    kind = _CASE_KINDS[_value(sheet, values, "Loại")]
    charged = _stripped(sheet, values, "Tội danh, hành vi")
    criminal = kind is CaseKind.CRIMINAL

    def amount(header: str) -> Any:
        return _value(sheet, values, header) or 0

    return normalise_case(
        CaseInput(
            kind=kind,
            occurred_on=_value(sheet, values, "Ngày"),
            sub_area_id=_value(sheet, values, "Địa bàn"),
            summary=_stripped(sheet, values, "Tóm tắt nội dung"),
            subjects=_value(sheet, values, "Số đối tượng") or max(len(named), 1),
            named_subjects=named,
            articles=_articles(charged) if criminal else (),
            prosecuted=bool(_value(sheet, values, "Khởi tố")),
            defendants=amount("Số bị can"),
            received_from=_stripped(sheet, values, "Tiếp nhận từ"),
            act="" if criminal else charged,
            fine_vnd=_value(sheet, values, "Số tiền phạt (đồng)"),
            seized=SeizedItems(
                heroin_g=amount("Heroin (gam)"),
                methamphetamine_g=amount("Methamphetamine (gam)"),
                pills=amount("Ma túy tổng hợp (viên)"),
                cannabis_g=amount("Cần sa (gam)"),
                other_g=amount("Ma túy khác (gam)"),
                vehicles=amount("Phương tiện (chiếc)"),
                phones=amount("Điện thoại (chiếc)"),
                cash_vnd=amount("Tiền mặt (đồng)"),
            ),
            note=_stripped(sheet, values, "Ghi chú"),
        )
    )


def _case_row(data: CaseInput) -> dict[str, Any]:
    seized = data.seized
    return {
        "kind": data.kind.value,
        "occurred_on": data.occurred_on,
        "sub_area_id": data.sub_area_id,
        "summary": data.summary,
        "subjects": data.subjects,
        "prosecuted": data.prosecuted,
        "defendants": data.defendants,
        "received_from": data.received_from,
        "act": data.act,
        "fine_vnd": data.fine_vnd,
        **{key: getattr(seized, key) for key in _CASE_KEYS if hasattr(seized, key)},
        "note": data.note,
    }


def _add_case(builder: _Builder, row: dict[str, Any], data: CaseInput) -> int:
    case_id = builder.new_id(DrugCase)
    builder.add(spec.CASES.name, DrugCase, {"id": case_id, **row})
    for article in data.articles:
        builder.inserts[CaseCharge].append({"case_id": case_id, "article": article})
    for subject in data.named_subjects:
        builder.add(
            spec.CASE_SUBJECTS.name,
            CaseSubject,
            {
                "id": builder.new_id(CaseSubject),
                "case_id": case_id,
                "person_id": subject.person_id,
                "full_name": subject.full_name,
                "birth_year": subject.birth_year,
                "note": subject.note,
            },
        )
    return case_id


def _plan_cases(builder: _Builder, context: _Context) -> None:
    sheet = context.sheets.get(spec.CASES.name)
    subjects = _case_subjects(builder, context)
    subjects_name = spec.CASE_SUBJECTS.name
    if sheet is None:
        _orphans(builder, (subjects_name, "Số hiệu"), spec.CASES.name, dict(subjects))
        return
    name = sheet.spec.name
    known_articles = set(builder.session.scalars(select(ChargeArticle.article)))
    query = select(DrugCase.id, *(getattr(DrugCase, key) for key in _CASE_KEYS))
    existing = {tuple(found[1:]): found[0] for found in builder.session.execute(query)}
    seen_keys: dict[str, int] = {}
    for number, values in sheet.rows:
        key = _sheet_key(
            builder, (name, number), "Số hiệu", _stripped(sheet, values, "Số hiệu"), seen_keys
        )
        if key is None:
            continue
        data = _case_input(sheet, values, [subject for _, subject in subjects.pop(key, [])])
        problems = check_case(data, builder.today) + [
            FieldProblem("articles", f"Không có điều luật “{article}” trong danh mục.")
            for article in data.articles
            if article not in known_articles
        ]
        for problem in problems:
            builder.problem(name, number, _CASE_COLUMNS.get(problem.field), problem.message)
        if problems:
            continue
        row = _case_row(data)
        identity = _identity(row, _CASE_KEYS)
        if identity in existing:
            builder.there(name)
            builder.plan.already_there[subjects_name] += len(data.named_subjects)
        else:
            existing[identity] = _add_case(builder, row, data)
        context.case_keys[key] = existing[identity]
    _orphans(builder, (subjects_name, "Số hiệu"), name, dict(subjects))


_CASE_KINDS = {word: kind for kind, word in spec.CASE_KIND_WORDS.items()}


# --- phases, targets, legal rules -------------------------------------------------------


def _plan_phases(builder: _Builder, context: _Context) -> None:
    from pcmt_desktop.services.targets import PhaseInput, check_phase

    sheet = context.sheets.get(spec.PHASES.name)
    if sheet is None:
        return
    name = sheet.spec.name
    existing = {
        (row.name, row.start_date, row.end_date): row.id
        for row in builder.session.execute(
            select(Phase.id, Phase.name, Phase.start_date, Phase.end_date)
        )
    }
    seen: dict[str, int] = {}
    columns = {"name": "Tên giai đoạn", "start": "Từ ngày", "end": "Đến ngày"}
    for number, values in sheet.rows:
        key_text = _text_or_empty(_value(sheet, values, "Mã giai đoạn")).strip()
        key = spec.match_key(key_text)
        if key in seen:
            builder.problem(
                name, number, "Mã giai đoạn", f"Mã giai đoạn “{key_text}” đã có ở dòng {seen[key]}."
            )
            continue
        seen[key] = number
        data = PhaseInput(
            tidy(_value(sheet, values, "Tên giai đoạn")),
            _value(sheet, values, "Từ ngày"),
            _value(sheet, values, "Đến ngày"),
            _text_or_empty(_value(sheet, values, "Ghi chú")).strip(),
        )
        problems = check_phase(data)
        for problem in problems:
            builder.problem(name, number, columns.get(problem.field), problem.message)
        if problems:
            continue
        identity = (data.name, data.start, data.end)
        if identity in existing:
            context.phase_keys[key] = existing[identity]
            builder.there(name)
            continue
        phase_id = builder.new_id(Phase)
        existing[identity] = phase_id
        context.phase_keys[key] = phase_id
        builder.add(
            name,
            Phase,
            {
                "id": phase_id,
                "name": data.name,
                "start_date": data.start,
                "end_date": data.end,
                "note": data.note,
            },
        )


def _plan_targets(builder: _Builder, context: _Context) -> None:
    from pcmt_desktop.services.target_progress import Measure
    from pcmt_desktop.services.targets import check_target_value

    sheet = context.sheets.get(spec.TARGETS.name)
    if sheet is None:
        return
    name = sheet.spec.name
    measures = {word: measure for measure, word in spec.MEASURE_WORDS.items()}
    existing = {
        (row.phase_id, row.sub_area_id, row.measure): row.value
        for row in builder.session.execute(
            select(Target.phase_id, Target.sub_area_id, Target.measure, Target.value)
        )
    }
    for number, values in sheet.rows:
        key_text = _text_or_empty(_value(sheet, values, "Mã giai đoạn")).strip()
        phase_id = context.phase_keys.get(spec.match_key(key_text))
        if phase_id is None:
            builder.problem(
                name,
                number,
                "Mã giai đoạn",
                f"Mã giai đoạn “{key_text}” không có trong sheet GiaiDoan.",
            )
            continue
        measure: Measure = measures[_value(sheet, values, "Chỉ tiêu")]
        value = float(_value(sheet, values, "Số"))
        why = check_target_value(measure, value)
        if why is not None:
            builder.problem(name, number, "Số", f"Chỉ tiêu “{measure.label}” {why}.")
            continue
        identity = (phase_id, _value(sheet, values, "Địa bàn"), measure.value)
        if identity in existing:
            if existing[identity] != value:
                builder.problem(
                    name,
                    number,
                    "Số",
                    f"Chỉ tiêu này đã có với số khác ({existing[identity]:g}), "
                    "hoặc có hai lần trong tệp.",
                )
            else:
                builder.there(name)
            continue
        existing[identity] = value
        builder.add(
            name,
            Target,
            {
                "id": builder.new_id(Target),
                "phase_id": phase_id,
                "sub_area_id": identity[1],
                "measure": measure.value,
                "value": value,
            },
        )


def _plan_legal_rules(builder: _Builder, context: _Context) -> None:
    sheet = context.sheets.get(spec.LEGAL_RULES.name)
    if sheet is None:
        return
    name = sheet.spec.name
    keys = _reverse(spec.RULE_WORDS)
    existing = {
        (row.key, row.effective_from): row.value
        for row in builder.session.execute(
            select(LegalRule.key, LegalRule.effective_from, LegalRule.value)
        )
    }
    for number, values in sheet.rows:
        key = keys[_value(sheet, values, "Quy định")]
        day = _value(sheet, values, "Áp dụng từ ngày")
        value = _value(sheet, values, "Giá trị")
        if value < 0:
            builder.problem(name, number, "Giá trị", "Giá trị phải là số không âm.")
            continue
        if (key, day) in existing:
            if existing[(key, day)] != value:
                builder.problem(
                    name,
                    number,
                    "Giá trị",
                    f"Quy định này từ ngày {format_day(day)} đã có với giá trị "
                    f"{existing[(key, day)]}, khác giá trị trong tệp ({value}).",
                )
            else:
                builder.there(name)
            continue
        existing[(key, day)] = value
        builder.add(
            name,
            LegalRule,
            {
                "id": builder.new_id(LegalRule),
                "key": key,
                "effective_from": day,
                "value": value,
                "source": _text_or_empty(_value(sheet, values, "Căn cứ")).strip(),
            },
        )


# --- the plan and its writing -----------------------------------------------------------


def _fingerprint(session: Session) -> tuple[int, ...]:
    """The state a plan was checked against: the last audit row and every table's size."""
    values = [session.scalar(select(func.max(AuditEntry.id))) or 0]
    for model in WRITE_ORDER:
        values.append(session.scalar(select(func.count()).select_from(model)) or 0)
    return tuple(values)


def _make_plan(
    session: Session, path: Path, today: date, now: datetime, progress: Progress | None
) -> ImportPlan:
    builder = _Builder(session, path, today, now)
    plan = builder.plan
    plan.added = {sheet.name: 0 for sheet in spec.SHEETS}
    plan.already_there = {sheet.name: 0 for sheet in spec.SHEETS}
    plan.fingerprint = _fingerprint(session)
    try:
        workbook = open_workbook(path)
    except WorkbookRefused as error:
        plan.problems.append(ImportProblem("", None, None, str(error)))
        return plan
    try:
        context = _read_all(builder, workbook.sheets, progress)
    except WorkbookRefused as error:
        # Found while streaming (rows beyond the limit): the file as a whole is refused.
        plan.problems[:] = [ImportProblem("", None, None, str(error))]
        return plan
    finally:
        workbook.close()
    if context is None:
        return plan
    _plan_legal_rules(builder, context)
    implied_places = _plan_list_stays(builder, context)
    _plan_hotspots(builder, context)
    _plan_periods(builder, context, implied_places)
    _plan_drug_tests(builder, context)
    _plan_dossiers(builder, context)
    _plan_plant_seizures(builder, context)
    _plan_cases(builder, context)
    _plan_phases(builder, context)
    _plan_targets(builder, context)
    if progress is not None:
        progress(len(spec.SHEETS) + 1, len(spec.SHEETS) + 1)
    order = {sheet.name: index for index, sheet in enumerate(spec.SHEETS)}
    plan.problems.sort(key=lambda item: (order.get(item.sheet, -1), item.row or 0))
    if plan.problems:
        return plan  # nothing will be written: no need to keep the rows
    plan.inserts = builder.inserts
    touched: set[int] = set(context.people.new)
    for model in _PERSON_MODELS:
        touched.update(row["person_id"] for row in builder.inserts[model])
    plan.person_ids = frozenset(touched)
    return plan


_PERSON_MODELS: tuple[type[Base], ...] = (
    ListStay,
    AddictLocationStay,
    SubstitutionTreatment,
    Surveillance,
    CustodyStay,
    RetailSellerRole,
    DrugTest,
    Dossier,
)


def _read_all(
    builder: _Builder, raw_sheets_in_order: list[RawSheet], progress: Progress | None
) -> "_Context | None":
    """Every known sheet parsed (office, sub-areas and persons planned on the way)."""
    plan = builder.plan
    raw_sheets: dict[str, RawSheet] = {}
    ignored = {spec.match_key(name) for name in IGNORED_SHEETS}
    for raw in raw_sheets_in_order:
        sheet = spec.match_sheet(raw.name)
        if sheet is None:
            if spec.match_key(raw.name) not in ignored:
                plan.notices.append(f"Bỏ qua sheet “{raw.name}” (chương trình không dùng).")
        elif sheet.name in raw_sheets:
            builder.problem(raw.name, None, None, f"Tệp có hai sheet {sheet.name}.")
        else:
            raw_sheets[sheet.name] = raw
    if plan.problems:
        return None
    total = len(spec.SHEETS) + 1
    if progress is not None:
        progress(0, total)
    _plan_office(builder, raw_sheets.get(spec.OFFICE.name))
    sub_areas = _plan_sub_areas(builder, raw_sheets.get(spec.SUB_AREAS.name))
    people = _plan_persons(builder, raw_sheets.get(spec.PERSONS.name), sub_areas)
    sheets: dict[str, _Sheet] = {}
    done = (spec.OFFICE.name, spec.SUB_AREAS.name, spec.PERSONS.name)
    for step, sheet in enumerate(spec.SHEETS, start=1):
        if progress is not None:
            progress(step, total)
        if sheet.name in done or sheet.name not in raw_sheets:
            continue
        parsed = _read_sheet(raw_sheets[sheet.name], sheet, builder, sub_areas)
        if parsed is not None:
            sheets[sheet.name] = parsed
    return _Context(people, sub_areas, sheets)


def plan_import(services: Services, path: Path, progress: Progress | None = None) -> ImportPlan:
    """Read and check the whole workbook at ``path``; write nothing.

    ``plan.problems`` lists everything wrong (empty: the import can be applied);
    ``plan.added`` / ``plan.already_there`` count rows per sheet; ``plan.notices`` say
    what was ignored. ``progress(done, total)`` is called per sheet.
    """
    context = services.context
    with context.reading() as session:
        return _make_plan(session, Path(path), context.today(), context.now(), progress)


def apply_import(
    services: Services, plan: ImportPlan, progress: Progress | None = None
) -> ImportSummary:
    """Write ``plan`` in one transaction (the plan is made again if the database changed).

    Raises:
        ImportRefused: the plan has problems (or has them now); nothing was written.
    """
    services.context.require(Permission.IMPORT)
    if plan.problems:
        raise ImportRefused("Tệp có lỗi: chưa nhập gì.", plan.problems)
    started = time.monotonic()
    context = services.context
    with context.unit_of_work() as session:
        if _fingerprint(session) != plan.fingerprint:
            plan = _make_plan(session, plan.path, context.today(), context.now(), None)
            if plan.problems:
                raise ImportRefused("Tệp có lỗi: chưa nhập gì.", plan.problems)
        total = sum(len(rows) for rows in plan.inserts.values())
        done = 0
        for model in WRITE_ORDER:
            rows = plan.inserts.get(model, [])
            for first in range(0, len(rows), BATCH):
                batch = rows[first : first + BATCH]
                session.execute(insert(model), batch)
                done += len(batch)
                if progress is not None:
                    progress(done, total)
        # The import itself first, then what it added sheet by sheet.
        audit.record(
            context,
            session,
            action=audit.Action.IMPORT,
            entity=audit.EVENT,
            entity_id=None,
            person_id=None,
            summary=f"Nhập dữ liệu từ tệp {plan.path.resolve()}: thêm "
            f"{_number(plan.total_added)} dòng",
            before=None,
            after={"file": str(plan.path.resolve()), "added": dict(plan.added)},
        )
        for sheet_name, added in plan.added.items():
            if not added:
                continue
            audit.record(
                context,
                session,
                action=audit.Action.CREATE,
                entity=_SHEET_ENTITY.get(sheet_name, "workbook_import"),
                entity_id=None,
                person_id=None,
                summary=f"Nhập {_number(added)} dòng từ sheet {sheet_name} của tệp "
                f"{plan.path.name}",
                before=None,
                after=None,
            )
    if plan.total_added:
        context.bus.publish(Changes(_CHANGED_ENTITIES, plan.person_ids))
    return ImportSummary(
        plan.path, dict(plan.added), dict(plan.already_there), time.monotonic() - started
    )


_CHANGED_ENTITIES = frozenset(
    {
        Entity.OFFICE,
        Entity.SUB_AREA,
        Entity.PERSON,
        Entity.PERSON_HISTORY,
        "drug_test",
        "dossier",
        "hotspot",
        "plant_seizure",
        "drug_case",
        "phase",
        "target",
        "legal_rule",
    }
)
