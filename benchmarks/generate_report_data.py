"""Fill a fresh, migrated database with five years of an invented office's work, at scale.

The report benchmark (``benchmarks/report_figures.py``) needs every registry a báo cáo
reads, at the size of a big office: persons with list-stay histories (moves between lists
on the same day, ends with reasons, people found again later), where addicts are,
methadone, custody, surveillance files, retail sellers, millions of drug tests, CNBB
dossiers with their steps, hotspots with status histories, plant seizures, cases with
charges and subjects, and campaign phases with targets.

Persons come from ``generate_persons`` (its invented name parts, folded the person
service's way); the office and its communes are the demo's invented ones. Lives are
planned in plain Python from one ``random.Random(seed)`` and written with SQLAlchemy Core
bulk inserts, in one transaction, so 300 000 persons and 3 000 000 tests take minutes.
The values are those the services accept (lists and reasons from ``domain.vocabulary``,
dossier steps in procedure order, hotspot states that change, fines inside the decree's
range); the writes skip the services' per-row checks on purpose, for speed.

Run: ``python -m benchmarks.generate_report_data --persons 300000 --tests 3000000
--db /tmp/bench_report.sqlite3``
"""

import argparse
import bisect
import itertools
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert

from benchmarks.generate_persons import (
    FAMILY_NAMES,
    FEMALE_GIVEN_NAMES,
    FEMALE_MIDDLE_NAMES,
    MALE_GIVEN_NAMES,
    MALE_MIDDLE_NAMES,
    _person,
)
from pcmt_desktop.demo import names
from pcmt_desktop.demo.cases import BORDER_FORCES, CHARGES, PLACES, SUMMARIES
from pcmt_desktop.demo.drug_tests import OFFICERS, SUBSTANCE_WEIGHTS
from pcmt_desktop.domain.dates import add_months
from pcmt_desktop.domain.dossier_steps import UNEXECUTED_REASONS, StepKind
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.text import fold
from pcmt_desktop.domain.vocabulary import (
    MOVE_END_REASON,
    MOVE_START_REASON,
    AddictLocation,
    CustodyKind,
    ManagementList,
    SurveillanceCategory,
    SurveillanceClass,
)
from pcmt_desktop.services.case_types import USUAL_ACTS, CaseKind
from pcmt_desktop.services.drug_tests import DEFAULT_METHOD
from pcmt_desktop.services.target_progress import Measure
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import (
    AddictLocationStay,
    CaseCharge,
    CaseSubject,
    CustodyStay,
    Dossier,
    DossierStep,
    DrugCase,
    DrugTest,
    Hotspot,
    HotspotStatus,
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

TODAY = date(2026, 11, 23)
HISTORY_YEARS = 5
FIRST_DAY = date(TODAY.year - HISTORY_YEARS, TODAY.month, TODAY.day) + timedelta(days=1)
HISTORY_DAYS = (TODAY - FIRST_DAY).days
CHUNK = 50_000  # rows per executemany: bounds the dicts alive at once
# Rows go in in the order an office types them (by their day), as on a real database: the
# physical order decides how far apart the rows a report reads lie on disk.
ENTRY_ORDER = {
    "list_stay": "start_date",
    "addict_location_stay": "start_date",
    "substitution_treatment": "start_date",
    "custody_stay": "start_date",
    "surveillance": "start_date",
    "retail_seller_role": "start_date",
    "hotspot_status": "status_date",
    "dossier_step": "step_date",
    "plant_seizure": "seized_on",
}

# --- reasons, in the words of vocabulary.START_REASONS / END_REASONS -----------------------
FOUND_BY_REVIEW = "Rà soát phát hiện mới"
TESTED_POSITIVE = "Test dương tính"
FOUND_ADDICTED = "Xác định tình trạng nghiện"
BACK_FROM_FACILITY = "Trở về từ cơ sở cai nghiện"
ON_METHADONE = "Điều trị thay thế (methadone)"
ENTERED_AT_START = "Nhập mới"
TERM_OVER = "Hết thời gian quản lý"
DUPLICATE = "Trùng danh sách"
LEFT = "Đi khỏi địa phương"
DIED = "Chết"
ARRESTED = "Bị bắt, chấp hành án"
WRONG_ENTRY = "Nhập sai"

# --- how lives go ---------------------------------------------------------------------------
ON_LIST_SHARE = 0.60  # persons who are on some list at some time
CARRIED_OVER_SHARE = 0.12  # of those: already managed when the program started
CAMPAIGN_SHARE = 0.18  # of the others: found during a yearly campaign (15/10–10/11)
REENTRY_SHARE = 0.15  # after a final end, found again later
MAX_STAYS = 12
FIRST_LISTS: tuple[tuple[tuple[ManagementList, str], int], ...] = (
    ((ManagementList.SUSPECTED_USER, FOUND_BY_REVIEW), 55),
    ((ManagementList.USER, TESTED_POSITIVE), 14),
    ((ManagementList.SUSPECTED_ADDICT, FOUND_BY_REVIEW), 7),
    ((ManagementList.ADDICT, FOUND_ADDICTED), 12),
    ((ManagementList.ADDICT, ON_METHADONE), 5),
    ((ManagementList.POST_REHAB, BACK_FROM_FACILITY), 7),
)


@dataclass(frozen=True)
class _Outcome:
    """One way a stay ends, drawn with ``chance``, some ``after`` days from its start."""

    chance: float
    after: tuple[int, int]
    end_reason: str
    to_list: ManagementList | None = None
    start_reason: str = MOVE_START_REASON


# The chance left over keeps the stay running (or lets a fixed term run out).
OUTCOMES: dict[ManagementList, tuple[_Outcome, ...]] = {
    ManagementList.SUSPECTED_USER: (
        _Outcome(0.30, (15, 180), MOVE_END_REASON, ManagementList.USER, TESTED_POSITIVE),
        _Outcome(0.05, (30, 240), MOVE_END_REASON, ManagementList.SUSPECTED_ADDICT),
        _Outcome(0.25, (20, 400), LEFT),
        _Outcome(0.02, (20, 400), ARRESTED),
        _Outcome(0.01, (5, 60), DUPLICATE),
        _Outcome(0.01, (1, 30), WRONG_ENTRY),
    ),
    ManagementList.SUSPECTED_ADDICT: (
        _Outcome(0.50, (20, 150), MOVE_END_REASON, ManagementList.ADDICT, FOUND_ADDICTED),
        _Outcome(0.20, (20, 150), MOVE_END_REASON, ManagementList.USER, TESTED_POSITIVE),
        _Outcome(0.10, (30, 300), LEFT),
    ),
    ManagementList.USER: (
        _Outcome(0.15, (30, 300), MOVE_END_REASON, ManagementList.ADDICT, FOUND_ADDICTED),
        _Outcome(0.04, (30, 330), ARRESTED),
        _Outcome(0.02, (30, 330), LEFT),
    ),
    ManagementList.ADDICT: (
        _Outcome(0.06, (60, 700), DIED),
        _Outcome(0.07, (60, 600), ARRESTED),
        _Outcome(0.06, (60, 600), LEFT),
    ),
    ManagementList.POST_REHAB: (
        _Outcome(0.06, (60, 300), MOVE_END_REASON, ManagementList.ADDICT, FOUND_ADDICTED),
        _Outcome(0.03, (30, 300), LEFT),
    ),
}
USER_MONTHS = 12  # Luật PCMT 2021, Điều 23
POST_REHAB_MONTHS = 12  # Điều 40, after voluntary rehab
POST_REHAB_MONTHS_AFTER_CNBB = 24
FACILITY_SHARE = 0.12  # of addicts not on methadone: sent to a CNBB facility
# An adult's CNBB term (months): 12–24, then 24–36 from 01/7/2026 (Luật 120/2025/QH15).
NEW_TERMS_FROM = date(2026, 7, 1)
METHADONE_SHARE = 0.15  # of addicts in the community besides those who came for it
SURVEILLANCE_SHARE = 0.09  # of persons on a list
SELLER_SHARE = 0.06  # of users and addicts
SELLER_AT_HOTSPOT_SHARE = 0.4
# Of addict stays spent at home: a dossier opened, running today or closed unexecuted.
DOSSIER_AT_HOME_SHARE = 0.08
# Days between dossier steps counted back from the facility (step, shortest, longest).
BACKWARD_GAPS: tuple[tuple[StepKind, int, int], ...] = (
    (StepKind.DECIDED, 2, 20),
    (StepKind.COURT_ACCEPTED, 2, 13),
    (StepKind.SENT_TO_COURT, 1, 6),
    (StepKind.LEGALITY_CHECKED, 2, 8),
    (StepKind.NOTIFIED, 1, 4),
    (StepKind.CREATED, 0, 3),
)
IN_PROGRESS_CHAIN: tuple[tuple[StepKind, int, int], ...] = (
    (StepKind.NOTIFIED, 1, 5),
    (StepKind.LEGALITY_CHECKED, 2, 10),
    (StepKind.SENT_TO_COURT, 2, 12),
    (StepKind.COURT_ACCEPTED, 1, 8),
)

# --- drug tests -----------------------------------------------------------------------------
LISTED_TEST_WEIGHT = 4  # a person ever on a list is tested this many times as often
IN_STAY_SHARE = 0.75  # of a listed person's tests: on a day they are on a list
CAMPAIGN_TEST_SHARE = 0.15  # of the tests: during a yearly campaign
POSITIVE_SHARE: dict[ManagementList | None, float] = {
    ManagementList.USER: 0.22,
    ManagementList.ADDICT: 0.27,
    ManagementList.POST_REHAB: 0.05,
    ManagementList.SUSPECTED_USER: 0.01,
    ManagementList.SUSPECTED_ADDICT: 0.03,
    None: 0.005,
}
SUBSTANCES = tuple(Substance)
SUBSTANCE_BIT = {substance: 1 << index for index, substance in enumerate(SUBSTANCES)}
OTHER_BIT = SUBSTANCE_BIT[Substance.OTHER]
OTHER_SUBSTANCE_NAME = "Ma túy dạng nước"
METHODS = (DEFAULT_METHOD, "Test nhanh nước bọt")
FOLLOW_UPS = ("", "Xử phạt vi phạm hành chính", "Tiếp tục theo dõi", "Xác định tình trạng nghiện")

# --- other registries -----------------------------------------------------------------------
HOTSPOTS = 300
PLANT_SEIZURES = 3000
CRIMINAL_CASES = 1800
VIOLATIONS = 2700
FIGHT_MONTHS = 3  # hotspot_fight_months in force (Hướng dẫn 689/HD-C04-P4)
HOTSPOT_KINDS = (
    (HotspotKind.COMPLEX_POINT, 40),
    (HotspotKind.COMPLEX_DEN, 20),
    (HotspotKind.AT_RISK, 40),
)
HOTSPOT_PREFIXES = (
    ("Quán karaoke", True),
    ("Nhà nghỉ", True),
    ("Quán bar", True),
    ("Bãi đất trống", False),
    ("Nhà vắng chủ", False),
    ("Ki-ốt bỏ hoang", False),
    ("Lán trại", False),
    ("Quán nước", False),
)
HOTSPOT_WORDS = ("Hoa Sen", "Bình Minh", "Ánh Trăng", "Sao Đêm", "Thanh Xuân", "Hương Quê", "Gió")
PLANT_MONTHS = (1, 2, 3, 4)
UPLAND_COMMUNES = 8
PROSECUTION_OPIUM_PLANTS = 500
PLANT_FINE_VND = (5_000_000, 10_000_000)
USE_FINE_VND = (1_000_000, 2_000_000)
POSSESSION_FINE_VND = (2_000_000, 5_000_000)
FINES_FROM = date(2021, 12, 31)  # Nghị định 144/2021/NĐ-CP
PLANT_PLACES = ("Nương ngô", "Sườn đồi", "Vườn sau nhà", "Ruộng bậc thang", "Khe suối")
TARGETED_SHARE = 0.4


def _weighted(rng: random.Random, items: Iterable[tuple[Any, int]]) -> Any:
    pairs = list(items)
    return rng.choices([item for item, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _campaign_day(rng: random.Random) -> date:
    """A day of a yearly campaign (15/10–10/11) inside the history."""
    while True:
        year = rng.randint(FIRST_DAY.year, TODAY.year)
        day = _day_between(rng, date(year, 10, 15), date(year, 11, 10))
        if FIRST_DAY <= day <= TODAY:
            return day


# --- the plan -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Stay:
    key: ManagementList
    start: date
    start_reason: str
    end: date | None = None
    end_reason: str = ""
    expires: date | None = None
    facility_from: date | None = None
    facility: str = ""
    term_months: int | None = None


@dataclass(frozen=True, slots=True)
class _Fate:
    day: date
    end_reason: str
    to_list: ManagementList | None = None
    start_reason: str = MOVE_START_REASON


@dataclass
class _Rows:
    """Every planned row, per table, as dicts ready for ``insert``."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, model: Any, **values: Any) -> dict[str, Any]:
        self.tables[model.__tablename__].append(values)
        return values


class _Lives:
    """Plans list stays and the dated facts around them (pure; no database)."""

    def __init__(self, rng: random.Random, rows: _Rows) -> None:
        self.rng = rng
        self.rows = rows
        # For the tests, the sellers and the dossiers in progress.
        self.stays: dict[int, list[_Stay]] = {}
        self.sellers: list[dict[str, Any]] = []

    # How a life starts and goes on.
    def plan(self, slot: int) -> None:
        """Plan one person's life under a provisional number (see ``renumber``)."""
        rng = self.rng
        if rng.random() >= ON_LIST_SHARE:
            return
        if rng.random() < CARRIED_OVER_SHARE:
            key, _reason = _weighted(rng, FIRST_LISTS)
            first = self.stay(
                key, _day_between(rng, FIRST_DAY, FIRST_DAY + timedelta(60)), ENTERED_AT_START
            )
            if first.expires is not None:
                # Managed before the program: only the rest of the term is left.
                first.expires = first.start + timedelta(days=rng.randint(20, 360))
        elif rng.random() < CAMPAIGN_SHARE:
            first = self.stay(ManagementList.SUSPECTED_USER, _campaign_day(rng), FOUND_BY_REVIEW)
        else:
            key, reason = _weighted(rng, FIRST_LISTS)
            first = self.stay(key, _day_between(rng, FIRST_DAY + timedelta(61), TODAY), reason)
        stays = self.follow([first])
        self.stays[slot] = stays
        self.write(slot, stays)

    def renumber(self, new_ids: dict[int, int]) -> None:
        """Give persons the ids of their planned order (rows hold the old ones)."""
        for table_rows in self.rows.tables.values():
            for row in table_rows:
                row["person_id"] = new_ids[row["person_id"]]
        self.stays = {new_ids[old]: stays for old, stays in self.stays.items()}

    def stay(self, key: ManagementList, day: date, reason: str) -> _Stay:
        stay = _Stay(key, day, reason)
        if key is ManagementList.USER:
            stay.expires = add_months(day, USER_MONTHS)
        elif key is ManagementList.POST_REHAB:
            months = (
                POST_REHAB_MONTHS_AFTER_CNBB if reason == BACK_FROM_FACILITY else POST_REHAB_MONTHS
            )
            stay.expires = add_months(day, months)
        return stay

    def follow(self, stays: list[_Stay]) -> list[_Stay]:
        rng = self.rng
        while len(stays) < MAX_STAYS:
            stay = stays[-1]
            fate = self.fate(stay)
            if fate is None or fate.day > TODAY:
                return stays
            stay.end, stay.end_reason = fate.day, fate.end_reason
            if fate.to_list is not None:
                stays.append(self.stay(fate.to_list, fate.day, fate.start_reason))
                continue
            if fate.end_reason == DIED or rng.random() >= REENTRY_SHARE:
                return stays
            back = fate.day + timedelta(days=rng.randint(60, 700))
            if back > TODAY:
                return stays
            if rng.random() < 0.6:
                stays.append(self.stay(ManagementList.SUSPECTED_USER, back, FOUND_BY_REVIEW))
            else:
                stays.append(self.stay(ManagementList.USER, back, TESTED_POSITIVE))
        return stays

    def fate(self, stay: _Stay) -> _Fate | None:
        rng = self.rng
        if (
            stay.key is ManagementList.ADDICT
            and stay.start_reason != ON_METHADONE
            and rng.random() < FACILITY_SHARE
        ):
            entered = stay.start + timedelta(days=rng.randint(20, 400))
            if entered > TODAY:
                return None
            low, high = (24, 36) if entered >= NEW_TERMS_FROM else (12, 24)
            stay.facility_from = entered
            stay.facility = rng.choice(names.REHAB_FACILITIES)
            stay.term_months = rng.randint(low, high)
            return _Fate(
                add_months(entered, stay.term_months),
                MOVE_END_REASON,
                ManagementList.POST_REHAB,
                BACK_FROM_FACILITY,
            )
        roll = rng.random()
        drawn: _Fate | None = None
        for outcome in OUTCOMES[stay.key]:
            if roll < outcome.chance:
                low, high = outcome.after
                drawn = _Fate(
                    stay.start + timedelta(days=rng.randint(low, high)),
                    outcome.end_reason,
                    outcome.to_list,
                    outcome.start_reason,
                )
                break
            roll -= outcome.chance
        if stay.expires is not None and (drawn is None or drawn.day >= stay.expires):
            return _Fate(stay.expires, TERM_OVER)
        return drawn

    # The rows of one life.
    def write(self, person_id: int, stays: list[_Stay]) -> None:
        rows, rng = self.rows, self.rng
        for stay in stays:
            rows.add(
                ListStay,
                person_id=person_id,
                list_key=stay.key.value,
                start_date=stay.start,
                end_date=stay.end,
                due_date=None,
                start_reason=stay.start_reason,
                end_reason=stay.end_reason,
                note="",
            )
            if stay.end_reason == ARRESTED and stay.end is not None:
                self.custody(person_id, stay.end)
            if stay.key is ManagementList.ADDICT:
                self.addict_facts(person_id, stay)
        first = stays[0]
        if rng.random() < SURVEILLANCE_SHARE:
            opened = _day_between(rng, first.start, first.end or TODAY)
            closed = opened + timedelta(days=rng.randint(90, 500))
            rows.add(
                Surveillance,
                person_id=person_id,
                start_date=opened,
                end_date=closed if rng.random() < 0.2 and closed <= TODAY else None,
                category=_weighted(
                    rng,
                    (
                        (SurveillanceCategory.DM1.value, 45),
                        (SurveillanceCategory.DM2.value, 10),
                        (SurveillanceCategory.DM3.value, 45),
                    ),
                ),
                surveillance_class=rng.choice(list(SurveillanceClass)).value,
                note=rng.choice(names.SURVEILLANCE_NOTES),
            )
        users = [s for s in stays if s.key in (ManagementList.USER, ManagementList.ADDICT)]
        if users and rng.random() < SELLER_SHARE:
            stay = users[0]
            began = _day_between(rng, stay.start, stay.end or TODAY)
            ended = began + timedelta(days=rng.randint(60, 400))
            self.sellers.append(
                rows.add(
                    RetailSellerRole,
                    person_id=person_id,
                    start_date=began,
                    end_date=ended if rng.random() < 0.35 and ended <= TODAY else None,
                    place_note="",
                    hotspot_id=None,
                )
            )

    def custody(self, person_id: int, day: date) -> None:
        rng = self.rng
        if rng.random() < 0.85:
            kind, place = CustodyKind.PRISON, rng.choice(names.PRISONS)
        elif rng.random() < 0.8:
            kind, place = CustodyKind.EDUCATION, rng.choice(names.EDUCATION_FACILITIES)
        else:
            kind, place = CustodyKind.REFORMATORY, "Trường giáo dưỡng số 2"
        release = add_months(day, rng.randint(9, 36))
        self.rows.add(
            CustodyStay,
            person_id=person_id,
            start_date=day,
            end_date=release if release <= TODAY else None,
            kind=kind.value,
            place=place,
        )

    def addict_facts(self, person_id: int, stay: _Stay) -> None:
        """Where the addict was (community, then maybe a facility), and methadone."""
        rows, rng = self.rows, self.rng
        home_until = stay.facility_from if stay.facility_from is not None else stay.end
        if home_until is None or home_until > stay.start:
            rows.add(
                AddictLocationStay,
                person_id=person_id,
                start_date=stay.start,
                end_date=home_until,
                location=AddictLocation.COMMUNITY.value,
                facility="",
            )
        if stay.facility_from is not None:
            rows.add(
                AddictLocationStay,
                person_id=person_id,
                start_date=stay.facility_from,
                end_date=stay.end,
                location=AddictLocation.FACILITY.value,
                facility=stay.facility,
            )
            return
        if stay.start_reason == ON_METHADONE:
            begins: date | None = stay.start
        elif rng.random() < METHADONE_SHARE:
            begins = stay.start + timedelta(days=rng.randint(0, 200))
        else:
            begins = None
        if begins is None or begins > TODAY or (stay.end is not None and begins >= stay.end):
            return
        ends = stay.end
        dropped = begins + timedelta(days=rng.randint(90, 600))
        if rng.random() < 0.25 and dropped <= TODAY and (ends is None or dropped < ends):
            ends = dropped
        rows.add(
            SubstitutionTreatment,
            person_id=person_id,
            start_date=begins,
            end_date=ends,
            facility=rng.choice(names.TREATMENT_FACILITIES),
        )


# --- CNBB dossiers --------------------------------------------------------------------------


class _Dossiers:
    """A dossier behind every facility stay, and some in progress for addicts at home."""

    def __init__(self, rng: random.Random, rows: _Rows) -> None:
        self.rng = rng
        self.rows = rows
        self.next_id = 1

    def open(self, person_id: int, found_on: date) -> int:
        dossier_id = self.next_id
        self.next_id += 1
        self.rows.add(Dossier, id=dossier_id, person_id=person_id, found_on=found_on, note="")
        return dossier_id

    def step(
        self,
        dossier_id: int,
        kind: StepKind,
        day: date,
        *,
        term_months: int | None = None,
        reason: str = "",
    ) -> None:
        self.rows.add(
            DossierStep,
            dossier_id=dossier_id,
            step=kind.value,
            step_date=day,
            term_months=term_months,
            reason=reason,
            note="",
        )

    def behind_facility(self, person_id: int, stay: _Stay) -> None:
        assert stay.facility_from is not None
        rng = self.rng
        gaps = [(kind, rng.randint(low, high)) for kind, low, high in BACKWARD_GAPS]
        found_gap = rng.randint(1, 8)
        room = (stay.facility_from - stay.start).days
        total = sum(gap for _, gap in gaps) + found_gap
        if total > room:
            # Squeeze the file into the time the person was known as an addict.
            gaps = [(kind, gap * room // total) for kind, gap in gaps]
            found_gap = found_gap * room // total
        days: dict[StepKind, date] = {}
        day = stay.facility_from
        for kind, gap in gaps:
            day -= timedelta(days=gap)
            days[kind] = day
        dossier_id = self.open(person_id, days[StepKind.CREATED] - timedelta(days=found_gap))
        for kind in (
            StepKind.CREATED,
            StepKind.NOTIFIED,
            StepKind.LEGALITY_CHECKED,
            StepKind.SENT_TO_COURT,
            StepKind.COURT_ACCEPTED,
        ):
            self.step(dossier_id, kind, days[kind])
        decided = days[StepKind.DECIDED]
        self.step(dossier_id, StepKind.DECIDED, decided, term_months=stay.term_months)
        self.step(dossier_id, StepKind.ENTERED_FACILITY, stay.facility_from, reason=stay.facility)
        if stay.end is not None:
            self.step(dossier_id, StepKind.COMPLETED, stay.end)

    def in_progress(self, person_id: int, since: date) -> None:
        rng = self.rng
        earliest = max(since, TODAY - timedelta(days=160))
        found_on = _day_between(rng, earliest, TODAY - timedelta(days=1))
        created = min(TODAY, found_on + timedelta(days=rng.randint(1, 7)))
        dossier_id = self.open(person_id, found_on)
        self.step(dossier_id, StepKind.CREATED, created)
        day = created
        stages = rng.randint(0, len(IN_PROGRESS_CHAIN))
        for kind, low, high in IN_PROGRESS_CHAIN[:stages]:
            day += timedelta(days=rng.randint(low, high))
            if day > TODAY:
                return
            self.step(dossier_id, kind, day)
        roll = rng.random()
        if roll < 0.12:
            self.step(
                dossier_id,
                StepKind.CLOSED_UNEXECUTED,
                _day_between(rng, day, TODAY),
                reason=rng.choice(UNEXECUTED_REASONS[:3]),
            )
        elif roll < 0.2 and stages == len(IN_PROGRESS_CHAIN) and (TODAY - day).days > 5:
            self.step(
                dossier_id,
                StepKind.NOT_APPLIED,
                day + timedelta(days=rng.randint(3, 5)),
                reason="Không đủ căn cứ áp dụng",
            )

    def never_executed(self, person_id: int, stay: _Stay) -> None:
        """A dossier of an addict who left the list at home: closed on that day."""
        assert stay.end is not None
        rng = self.rng
        found_on = _day_between(rng, stay.start, stay.end)
        dossier_id = self.open(person_id, found_on)
        day = min(stay.end, found_on + timedelta(days=rng.randint(1, 7)))
        self.step(dossier_id, StepKind.CREATED, day)
        for kind, low, high in IN_PROGRESS_CHAIN[: rng.randint(0, 2)]:
            day += timedelta(days=rng.randint(low, high))
            if day > stay.end:
                break
            self.step(dossier_id, kind, day)
        self.step(
            dossier_id,
            StepKind.CLOSED_UNEXECUTED,
            stay.end,
            reason=rng.choice(UNEXECUTED_REASONS),
        )

    def fill(self, stays: dict[int, list[_Stay]]) -> None:
        for person_id, person_stays in stays.items():
            for stay in person_stays:
                if stay.facility_from is not None:
                    self.behind_facility(person_id, stay)
                elif (
                    stay.key is not ManagementList.ADDICT
                    or self.rng.random() >= DOSSIER_AT_HOME_SHARE
                ):
                    continue
                elif stay.end is None:
                    self.in_progress(person_id, stay.start)
                elif stay.end_reason != MOVE_END_REASON:
                    self.never_executed(person_id, stay)


# --- drug tests -----------------------------------------------------------------------------

# A planned test, compact (millions of them are sorted): (day ordinal, person id, substance
# bits, officer index, method index, follow-up index).
_Test = tuple[int, int, int, int, int, int]


def _list_on(stays: list[_Stay], day: date) -> ManagementList | None:
    for stay in stays:
        if stay.start <= day and (stay.end is None or day < stay.end):
            return stay.key
    return None


class _Tests:
    """About ``total`` tests over the five years, positive by the list the person is on."""

    def __init__(self, rng: random.Random, stays: dict[int, list[_Stay]]) -> None:
        self.rng = rng
        self.stays = stays
        self.first = FIRST_DAY.toordinal()
        items = [substance for substance, _ in SUBSTANCE_WEIGHTS]
        weights = list(itertools.accumulate(weight for _, weight in SUBSTANCE_WEIGHTS))
        self.substance_items, self.substance_weights = items, weights

    def found(self) -> int:
        rng = self.rng
        picks = rng.choices(self.substance_items, cum_weights=self.substance_weights)
        bits = SUBSTANCE_BIT[picks[0]]
        if rng.random() < 0.15:
            bits |= SUBSTANCE_BIT[
                rng.choices(self.substance_items, cum_weights=self.substance_weights)[0]
            ]
        if rng.random() < 0.02:
            bits |= SUBSTANCE_BIT[Substance.OTHER]
        return bits

    def day_in_stays(self, stays: list[_Stay]) -> date:
        rng = self.rng
        spans = [(stay.start, min(stay.end or TODAY, TODAY)) for stay in stays]
        lengths = list(itertools.accumulate(max(1, (end - start).days) for start, end in spans))
        index = bisect.bisect_right(lengths, rng.randrange(lengths[-1]))
        start, end = spans[min(index, len(spans) - 1)]
        return _day_between(rng, start, end)

    def plan(self, person_ids: list[int], total: int) -> list[_Test]:
        rng = self.rng
        listed = len(self.stays)
        unit = total / max(1, LISTED_TEST_WEIGHT * listed + (len(person_ids) - listed))
        tests: list[_Test] = []
        officers, methods = len(OFFICERS), len(METHODS)
        for person_id in person_ids:
            stays = self.stays.get(person_id)
            mean = unit * (LISTED_TEST_WEIGHT if stays else 1)
            for _ in range(rng.randint(0, round(2 * mean))):
                roll = rng.random()
                if roll < CAMPAIGN_TEST_SHARE:
                    day = _campaign_day(rng)
                elif stays and roll < CAMPAIGN_TEST_SHARE + IN_STAY_SHARE:
                    day = self.day_in_stays(stays)
                else:
                    day = date.fromordinal(self.first + rng.randint(0, HISTORY_DAYS))
                key = _list_on(stays, day) if stays else None
                positive = rng.random() < POSITIVE_SHARE[key]
                tests.append(
                    (
                        day.toordinal(),
                        person_id,
                        self.found() if positive else 0,
                        rng.randrange(officers),
                        0 if rng.random() < 0.95 else rng.randrange(methods),
                        rng.randrange(1, len(FOLLOW_UPS)) if positive else 0,
                    )
                )
            for stay in stays or ():
                # A stay that began with a positive test has that test on its first day.
                if stay.start_reason == TESTED_POSITIVE:
                    tests.append((stay.start.toordinal(), person_id, self.found(), 0, 0, 1))
        tests.sort()
        return tests


def _test_rows(tests: list[_Test]) -> Iterator[dict[str, Any]]:
    for ordinal, person_id, bits, officer, method, follow_up in tests:
        yield {
            "person_id": person_id,
            "test_date": date.fromordinal(ordinal),
            "summoned_by": OFFICERS[officer],
            "method": METHODS[method],
            "heroin": bool(bits & SUBSTANCE_BIT[Substance.HEROIN]),
            "methamphetamine": bool(bits & SUBSTANCE_BIT[Substance.METHAMPHETAMINE]),
            "mdma": bool(bits & SUBSTANCE_BIT[Substance.MDMA]),
            "ketamine": bool(bits & SUBSTANCE_BIT[Substance.KETAMINE]),
            "cannabis": bool(bits & SUBSTANCE_BIT[Substance.CANNABIS]),
            "other": bool(bits & OTHER_BIT),
            "other_substance": OTHER_SUBSTANCE_NAME if bits & OTHER_BIT else "",
            "positive": bits != 0,
            "follow_up": FOLLOW_UPS[follow_up],
            "note": "",
        }


# --- hotspots, seizures, cases, targets -----------------------------------------------------


@dataclass(frozen=True)
class _Area:
    id: int
    name: str
    population: int


class _Registries:
    """The registries that are not about one person's dated facts."""

    def __init__(
        self,
        rng: random.Random,
        rows: _Rows,
        areas: list[_Area],
        persons: list[dict[str, Any]],
        stays: dict[int, list[_Stay]],
    ) -> None:
        self.rng = rng
        self.rows = rows
        self.areas = areas
        self.persons = persons  # index = person id − 1
        self.by_area: dict[int, list[int]] = defaultdict(list)
        self.listed_by_area: dict[int, list[int]] = defaultdict(list)
        for person_id, person in enumerate(persons, start=1):
            self.by_area[person["sub_area_id"]].append(person_id)
            if person_id in stays:
                self.listed_by_area[person["sub_area_id"]].append(person_id)
        # (hotspot id, active from, active until or None) per sub-area, for the sellers.
        self.active: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)

    def area(self) -> _Area:
        return self.rng.choices(self.areas, weights=[area.population for area in self.areas])[0]

    def hotspots(self, count: int) -> None:
        rng, rows = self.rng, self.rows
        for hotspot_id in range(1, count + 1):
            area = self.area()
            prefix, business = rng.choice(HOTSPOT_PREFIXES)
            name = f"{prefix} {rng.choice(HOTSPOT_WORDS)} {hotspot_id}"
            entered = _day_between(rng, FIRST_DAY, TODAY - timedelta(days=10))
            rows.add(
                Hotspot,
                id=hotspot_id,
                kind=_weighted(rng, HOTSPOT_KINDS).value,
                in_business=business,
                name=name,
                name_folded=fold(name),
                address=f"Thôn {rng.randint(1, 12)}, xã {area.name}",
                sub_area_id=area.id,
                entered_on=entered,
                fight_months=FIGHT_MONTHS,
                note="",
            )
            for state, since, until in self.statuses(entered):
                rows.add(
                    HotspotStatus,
                    hotspot_id=hotspot_id,
                    status=state.value,
                    status_date=since,
                    note="",
                )
                if state.active:
                    self.active[area.id].append((hotspot_id, since, until))

    def statuses(self, entered: date) -> list[tuple[HotspotState, date, date | None]]:
        """Status rows with when each lasts: fought, often cleared, sometimes back."""
        rng = self.rng
        steps: list[tuple[HotspotState, date]] = [(HotspotState.FIGHTING, entered)]
        cleared = add_months(entered, FIGHT_MONTHS) - timedelta(days=rng.randint(0, 40))
        if rng.random() < 0.75 and entered < cleared <= TODAY:
            steps.append((HotspotState.CLEARED, cleared))
            back = cleared + timedelta(days=rng.randint(90, 300))
            if rng.random() < 0.3 and back <= TODAY:
                steps.append((HotspotState.REACTIVATED, back))
                again = add_months(back, FIGHT_MONTHS) + timedelta(days=rng.randint(-20, 30))
                if rng.random() < 0.6 and again <= TODAY:
                    steps.append((HotspotState.CLEARED, again))
        ends: list[date | None] = [day for _, day in steps[1:]]
        return [(state, day, end) for (state, day), end in zip(steps, [*ends, None], strict=True)]

    def link_sellers(self, sellers: list[dict[str, Any]]) -> None:
        """Some sellers work from a hotspot of their sub-area active when they start."""
        rng = self.rng
        for role in sellers:
            if rng.random() >= SELLER_AT_HOTSPOT_SHARE:
                continue
            area_id = self.persons[role["person_id"] - 1]["sub_area_id"]
            start = role["start_date"]
            open_ones = [
                (hotspot_id, since, until)
                for hotspot_id, since, until in self.active[area_id]
                if since <= start and (until is None or start < until)
            ]
            if open_ones:
                hotspot_id, _since, until = rng.choice(open_ones)
                role["hotspot_id"] = hotspot_id
                role["place_note"] = f"Tại điểm số {hotspot_id}"
                if until is not None and (role["end_date"] is None or role["end_date"] > until):
                    role["end_date"] = until

    def plant_seizures(self, count: int) -> None:
        rng, rows = self.rng, self.rows
        upland = rng.sample(self.areas, min(UPLAND_COMMUNES, len(self.areas)))
        for _ in range(count):
            if rng.random() < 0.85:
                day = date(rng.randint(FIRST_DAY.year + 1, TODAY.year), rng.choice(PLANT_MONTHS), 1)
                day += timedelta(days=rng.randint(0, 27))
            else:
                day = _day_between(rng, FIRST_DAY, TODAY)
            area = rng.choice(upland) if rng.random() < 0.9 else rng.choice(self.areas)
            residents = self.by_area[area.id]
            grower = rng.choice(residents) if residents and rng.random() < 0.55 else None
            opium = rng.choice(
                (rng.randint(15, 300), rng.randint(100, 480), rng.randint(520, 1500))
            )
            handling, fine = PlantHandling.NOT_YET, None
            if grower is not None and opium >= PROSECUTION_OPIUM_PLANTS:
                handling = PlantHandling.PROSECUTED
            elif grower is not None and day >= FINES_FROM:
                low, high = PLANT_FINE_VND
                handling = PlantHandling.FINED
                fine = low + 500_000 * rng.randint(0, (high - low) // 500_000)
            rows.add(
                PlantSeizure,
                seized_on=day,
                sub_area_id=area.id,
                place=rng.choice(PLANT_PLACES),
                person_id=grower,
                ownerless=grower is None,
                opium_plants=opium,
                cannabis_plants=rng.randint(1, 25) if rng.random() < 0.2 else 0,
                other_plants=0,
                other_plant_kind="",
                area_m2=round(rng.uniform(8, 400) * 2) / 2 if rng.random() < 0.5 else 0.0,
                handling=handling.value,
                fine_vnd=fine,
                expert_exam=handling is PlantHandling.PROSECUTED or rng.random() < 0.2,
                note="",
            )

    def invented_name(self) -> tuple[str, int]:
        rng = self.rng
        if rng.random() < 0.9:
            middle, given = rng.choice(MALE_MIDDLE_NAMES), rng.choice(MALE_GIVEN_NAMES)
        else:
            middle, given = rng.choice(FEMALE_MIDDLE_NAMES), rng.choice(FEMALE_GIVEN_NAMES)
        return f"{rng.choice(FAMILY_NAMES)} {middle} {given}", rng.randint(1968, 2006)

    def subjects(self, case_id: int, count: int, area_id: int) -> None:
        rng = self.rng
        pool = self.listed_by_area[area_id]
        for _ in range(count):
            if pool and rng.random() < 0.6:
                person_id = rng.choice(pool)
                person = self.persons[person_id - 1]
                name, born = person["full_name"], person["birth_year"]
            else:
                person_id = None
                name, born = self.invented_name()
            self.rows.add(
                CaseSubject,
                case_id=case_id,
                person_id=person_id,
                full_name=name,
                birth_year=born,
                note="",
            )

    def cases(self, criminal: int, violations: int) -> None:
        rng, rows = self.rng, self.rows
        plans = [True] * criminal + [False] * violations
        days = sorted(_day_between(rng, FIRST_DAY, TODAY) for _ in plans)
        rng.shuffle(plans)
        for case_id, (is_criminal, day) in enumerate(zip(plans, days, strict=True), start=1):
            area = self.area()
            values = dict.fromkeys(
                ("heroin_g", "methamphetamine_g", "cannabis_g", "other_g"), 0.0
            ) | dict.fromkeys(("pills", "vehicles", "phones", "cash_vnd"), 0)
            if is_criminal:
                articles: tuple[str, ...] = _weighted(rng, CHARGES)
                subjects = rng.choices((1, 2, 3, 4), weights=(60, 25, 10, 5))[0]
                prosecuted = rng.random() < 0.85
                if set(articles) & {"249", "250", "251"}:
                    heroin = rng.random() < 0.45
                    values |= {
                        "heroin_g": round(rng.uniform(0.05, 12.0), 3) if heroin else 0.0,
                        "methamphetamine_g": 0.0 if heroin else round(rng.uniform(0.05, 8.0), 3),
                        "pills": rng.choice((0, 0, 0, 5, 10, 20)),
                        "vehicles": rng.choice((0, 0, 1, 1, 2)),
                        "phones": rng.randint(0, subjects),
                        "cash_vnd": rng.choice((0, 0, 500_000, 1_250_000, 3_510_000)),
                    }
                rows.add(
                    DrugCase,
                    id=case_id,
                    kind=CaseKind.CRIMINAL.value,
                    occurred_on=day,
                    sub_area_id=area.id,
                    summary=f"{SUMMARIES[articles[-1]]} {rng.choice(PLACES)}",
                    subjects=subjects,
                    prosecuted=prosecuted,
                    defendants=rng.randint(1, subjects) if prosecuted else 0,
                    received_from=rng.choice(BORDER_FORCES) if rng.random() < 0.08 else "",
                    act="",
                    fine_vnd=None,
                    note="",
                    **values,
                )
                for article in articles:
                    rows.add(CaseCharge, case_id=case_id, article=article)
            else:
                using = rng.random() < 0.75
                low, high = USE_FINE_VND if using else POSSESSION_FINE_VND
                if not using:
                    values["methamphetamine_g"] = round(rng.uniform(0.01, 0.09), 3)
                subjects = 1
                rows.add(
                    DrugCase,
                    id=case_id,
                    kind=CaseKind.ADMINISTRATIVE.value,
                    occurred_on=day,
                    sub_area_id=area.id,
                    summary="",
                    subjects=subjects,
                    prosecuted=False,
                    defendants=0,
                    received_from="",
                    act=USUAL_ACTS[0] if using else USUAL_ACTS[1],
                    fine_vnd=(
                        low + 250_000 * rng.randint(0, (high - low) // 250_000)
                        if day >= FINES_FROM
                        else None
                    ),
                    note="",
                    **values,
                )
            self.subjects(case_id, subjects, area.id)

    def phases(self) -> None:
        """Last year's campaign and this year's two phases (the second one running)."""
        rng, rows = self.rng, self.rows
        phases = (
            ("Đợt cao điểm năm 2025", date(2025, 10, 15), date(2025, 11, 10)),
            ("Giai đoạn 1 đợt cao điểm năm 2026", date(2026, 10, 15), date(2026, 10, 31)),
            ("Giai đoạn 2 đợt cao điểm năm 2026", date(2026, 11, 1), date(2026, 12, 15)),
        )
        for phase_id, (name, start, end) in enumerate(phases, start=1):
            rows.add(Phase, id=phase_id, name=name, start_date=start, end_date=end, note="")
            targeted = rng.sample(self.areas, max(1, round(len(self.areas) * TARGETED_SHARE)))
            for area in targeted:
                for measure in Measure:
                    value = round(rng.uniform(2, 30), 1) if measure.is_rate else rng.randint(1, 40)
                    rows.add(
                        Target,
                        phase_id=phase_id,
                        sub_area_id=area.id,
                        measure=measure.value,
                        value=value,
                    )


# --- writing --------------------------------------------------------------------------------


class _Progress:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def say(self, text: str) -> None:
        print(f"[{time.perf_counter() - self.started:7.1f} s] {text}", flush=True)


def _first_seen(rng: random.Random, stays: list[_Stay] | None) -> date:
    """The day the office first records a person: the first stay, or some test day."""
    return stays[0].start if stays else _day_between(rng, FIRST_DAY, TODAY)


def _insert(connection: Connection, model: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Insert ``rows`` in chunks of executemany; returns how many."""
    written = 0
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        connection.execute(insert(model), chunk)
        written += len(chunk)
    return written


def _office(connection: Connection) -> list[_Area]:
    connection.execute(
        insert(Office),
        [
            {
                "id": 1,
                "name": names.OFFICE_NAME,
                "level": names.OFFICE_LEVEL,
                "parent_name": names.PARENT_NAME,
                "sub_area_label": names.SUB_AREA_LABEL,
                "place_name": names.PLACE_NAME,
            }
        ],
    )
    areas = [
        _Area(position + 1, commune.name, commune.population)
        for position, commune in enumerate(names.COMMUNES)
    ]
    connection.execute(
        insert(SubArea),
        [
            {
                "id": area.id,
                "name": area.name,
                "name_folded": fold(area.name),
                "population": area.population,
                "position": area.id - 1,
                "on_key_route": area.id in (1, 4),
            }
            for area in areas
        ],
    )
    return areas


def generate(
    path: Path, persons: int, tests: int, *, seed: int = 20261123, quiet: bool = False
) -> dict[str, int]:
    """Create ``path`` (which must not exist); returns the rows written per table."""
    if path.exists():
        raise FileExistsError(f"{path} already exists; remove it or choose another path.")
    progress = _Progress()
    say = (lambda _text: None) if quiet else progress.say
    rng = random.Random(seed)
    noon = time_of_day(12)
    database = Database.open(path)
    counts: dict[str, int] = {}
    try:
        with database.engine.begin() as connection:
            # A big page cache for this one long transaction (this connection only).
            connection.exec_driver_sql("PRAGMA cache_size = -1000000")
            areas = _office(connection)
            area_ids = [area.id for area in areas]
            rows = _Rows()
            lives = _Lives(rng, rows)
            for slot in range(1, persons + 1):
                lives.plan(slot)
            # Persons are numbered in the order an office meets them (their first stay, or
            # a day they were tested), as ids grow on a real database.
            first_seen = [_first_seen(rng, lives.stays.get(slot)) for slot in range(1, persons + 1)]
            ranked = sorted(range(1, persons + 1), key=lambda slot: (first_seen[slot - 1], slot))
            lives.renumber({slot: number for number, slot in enumerate(ranked, start=1)})
            person_rows = [
                _person(number, area_ids, rng, datetime.combine(first_seen[slot - 1], noon))
                | {"id": number}
                for number, slot in enumerate(ranked, start=1)
            ]
            counts["person"] = _insert(connection, Person, person_rows)
            say(f"{counts['person']} persons")
            _Dossiers(rng, rows).fill(lives.stays)
            registries = _Registries(rng, rows, areas, person_rows, lives.stays)
            registries.hotspots(HOTSPOTS)
            registries.link_sellers(lives.sellers)
            registries.plant_seizures(PLANT_SEIZURES)
            registries.cases(CRIMINAL_CASES, VIOLATIONS)
            registries.phases()
            say("lives and registries planned")
            # Parents before children (foreign keys are on).
            for model in (
                ListStay,
                AddictLocationStay,
                SubstitutionTreatment,
                CustodyStay,
                Surveillance,
                Hotspot,
                HotspotStatus,
                RetailSellerRole,
                Dossier,
                DossierStep,
                PlantSeizure,
                DrugCase,
                CaseCharge,
                CaseSubject,
                Phase,
                Target,
            ):
                name = model.__tablename__
                table_rows = rows.tables.pop(name, [])
                if name in ENTRY_ORDER:
                    table_rows.sort(key=itemgetter(ENTRY_ORDER[name]))
                counts[name] = _insert(connection, model, table_rows)
                say(f"{counts[name]} rows of {name}")

            planned = _Tests(rng, lives.stays).plan(list(range(1, persons + 1)), tests)
            say(f"{len(planned)} drug tests planned")
            counts["drug_test"] = _insert(connection, DrugTest, _test_rows(planned))
            positive = sum(1 for test in planned if test[2])
            counts["drug_test_positive"] = positive
            say(
                f"{counts['drug_test']} drug tests written ({positive / len(planned):.1%} positive)"
            )
        say("committed")
    finally:
        database.close()
    say("closed")
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persons", type=int, default=300_000)
    parser.add_argument("--tests", type=int, default=3_000_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.db, args.persons, args.tests, seed=args.seed)
    print(f"Written to {args.db} in {time.perf_counter() - started:.1f} s:")
    for table, count in counts.items():
        print(f"  {table:24} {count:>10,}")


if __name__ == "__main__":
    main()
