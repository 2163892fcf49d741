"""Data quality: the gaps in the registries that would make a báo cáo wrong, counted.

Each check is one SQL question answered with the ids of the persons it finds, so that the
tab shows the count and opens exactly those persons.

Whom the identity checks look at (``no_cccd``, ``no_birth``, ``no_sub_area``): the persons
on a management list at the end of today. The báo cáo counts persons on lists, the annex
puts a person without a sub-area on its "Chưa xác định địa bàn" row, and a missing birth
date changes a dossier's or a post-rehab term's rule (minor or adult); these are the
persons the officer answers for. The registry also keeps persons who were only tested
once, or whose management ended years ago: hundreds of thousands on a big office, whose
missing CCCD is no work for today and would bury the few that matter.

The other checks have their own scope, said on each: probable duplicates across the
whole registry (the duplicates view's rule, so that its count is what that view opens),
positive tests of the last 12 months not followed by a move, and addicts on the list today.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Integer, and_, exists, or_, select, text, type_coerce
from sqlalchemy.orm import Session

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.overview.parts import Part
from pcmt_desktop.overview.period import overview_period
from pcmt_desktop.reports.movements import covers_end_of
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.drug_tests import MOVED_ON_POSITIVE
from pcmt_desktop.store.models import AddictLocationStay, ListStay, Person

OPENS_PERSONS = "persons"
OPENS_DUPLICATES = "duplicates"


@dataclass(frozen=True)
class QualityCheck:
    """One kind of gap: how many persons have it, which, and where the tab sends them.

    ``opens`` is "persons" (the persons' list filtered to ``person_ids``) or "duplicates"
    (the duplicates view). ``hint`` says in one sentence what the officer should do.
    """

    key: str
    label: str
    hint: str
    count: int
    person_ids: frozenset[int]
    opens: str


def _check(
    key: str, label: str, hint: str, ids: frozenset[int], opens: str = OPENS_PERSONS
) -> QualityCheck:
    return QualityCheck(key, label, hint, len(ids), ids, opens)


def _managed_today(today: date) -> ColumnElement[bool]:
    """The person is on some management list at the end of ``today``.

    As IN rather than EXISTS: the persons on lists are read once from the covering index
    of the lists' counts, not looked up person by person (0,085 s against 0,115 s).
    """
    return Person.id.in_(select(ListStay.person_id).where(covers_end_of(ListStay, today)))


def identity_checks(session: Session, today: date) -> list[QualityCheck]:
    """Persons on a list today without CCCD, without any birth date or year, without sub-area.

    One pass over those persons; a CCCD stored as an empty text counts as missing.
    """
    no_cccd = or_(Person.cccd.is_(None), Person.cccd == "")
    no_birth = and_(Person.birth_year.is_(None), Person.birth_date.is_(None))
    no_sub_area = Person.sub_area_id.is_(None)
    # Tens of thousands of rows on a big office: read through the session's connection, not
    # the ORM, with the flags as SQLite's plain 0/1 (no conversion to bool per value); the
    # ORM's row handling took half as long again as SQLite's search (0,05 s of 0,15 s).
    flags = [type_coerce(gap, Integer) for gap in (no_cccd, no_birth, no_sub_area)]
    rows = (
        session.connection()
        .execute(
            select(Person.id, *flags).where(
                _managed_today(today), or_(no_cccd, no_birth, no_sub_area)
            )
        )
        .all()
    )
    return [
        _check(
            "no_cccd",
            "Đối tượng đang quản lý chưa có số CCCD",
            "Bổ sung số CCCD (12 chữ số) vào hồ sơ của từng đối tượng.",
            frozenset(row[0] for row in rows if row[1]),
        ),
        _check(
            "no_birth",
            "Đối tượng đang quản lý chưa có ngày, năm sinh",
            "Bổ sung ngày sinh (hoặc ít nhất năm sinh): cần để xác định tuổi khi lập hồ sơ "
            "CNBB và tính thời hạn quản lý sau cai.",
            frozenset(row[0] for row in rows if row[2]),
        ),
        _check(
            "no_sub_area",
            "Đối tượng đang quản lý chưa xác định địa bàn",
            "Chọn địa bàn cư trú: đối tượng chưa có địa bàn bị tính vào dòng “Chưa xác "
            "định địa bàn” trong báo cáo.",
            frozenset(row[0] for row in rows if row[3]),
        ),
    ]


# The duplicates view's grouping, one row of ids per group, read from the covering index
# ix_person_name_birth_sub_area in its order (migration 0006): 0,1 s on the benchmark's
# 300 000 persons, where a scan of the rows and a sort took 0,25 s. group_concat keeps a
# group's ids in one row, which SQLAlchemy's constructs would spell no shorter.
_DUPLICATE_GROUPS = text(
    "SELECT group_concat(id) FROM person "
    "WHERE birth_year IS NOT NULL AND sub_area_id IS NOT NULL "
    "GROUP BY name_folded, birth_year, sub_area_id HAVING count(*) > 1"
)


def duplicate_check(session: Session, today: date) -> QualityCheck:
    """Persons sharing the folded name, birth year and sub-area with another (DOMAIN.md).

    The same rule as ``DuplicateService.groups`` (which the duplicates view lists), in one
    grouped scan: the persons of every group, not the groups. CCCD is unique in the table,
    so the other rule of DOMAIN.md (same CCCD) cannot find anyone.
    """
    ids = frozenset(
        int(person_id)
        for (group,) in session.execute(_DUPLICATE_GROUPS)
        for person_id in str(group).split(",")
    )
    return _check(
        "duplicates",
        "Đối tượng có thể bị nhập trùng",
        "Mở danh sách nghi trùng, đối chiếu từng nhóm và gộp nếu là cùng một người.",
        ids,
        OPENS_DUPLICATES,
    )


# A day after every real one: a running stay reaches past any test.
_OPEN_END = "9999-12-31"
# Written as text for a planner hint SQLAlchemy cannot give SQLite: without INDEXED BY,
# SQLite groups the positive tests by walking ix_drug_test_person_id and fetching each row
# for ``positive`` (3,8 s for all tests on the benchmark) instead of reading the covering
# date index. The stays are then read only for the persons found, by their person index;
# per-person EXISTS look-ups were planned on the (list_key, start_date) index instead and
# took minutes.
_POSITIVE_NOT_MOVED = text(
    """
    WITH latest AS (
        SELECT person_id, max(test_date) AS day
        FROM drug_test INDEXED BY ix_drug_test_date_person_positive
        WHERE test_date >= :date_from AND test_date <= :date_to AND positive
        GROUP BY person_id
    ), stays AS (
        SELECT person_id,
            min(CASE WHEN list_key IN (:suspected_user, :suspected_addict)
                     AND end_date IS NULL THEN start_date END) AS suspected_since,
            max(CASE WHEN end_date IS NULL THEN :open_end
                     WHEN end_date > start_date THEN end_date END) AS reach
        FROM list_stay
        WHERE person_id IN (SELECT person_id FROM latest)
        GROUP BY person_id
    )
    SELECT latest.person_id
    FROM latest LEFT JOIN stays ON stays.person_id = latest.person_id
    WHERE stays.suspected_since <= latest.day
        OR stays.reach IS NULL
        OR stays.reach <= latest.day
    """
)


def positive_not_moved_check(session: Session, today: date) -> QualityCheck:
    """Persons with a positive test that the officer has not followed by a list.

    A positive test dated D counts when either
    - at the end of D the person was on a suspected list (nghi_su_dung, nghi_nghien) and
      that stay is still running: they were never moved to a confirmed list; or
    - at the end of D the person was on no list, and no list stay of theirs starts on or
      after D: nobody put them on a list after the test.
    That is exactly when ``DrugTestService.move_suggestion`` still proposes the move to
    ``su_dung`` (the test tab's button), so each person found can be moved from the test.
    A person moved on D, put on a list later, or moved on after being suspected (even by
    leaving the locality) does not count.

    Only the tests of the overview's 12 months count. A confirmed user is managed 12
    months from the decision (Luật Phòng, chống ma túy 2021, Điều 23): a test older than
    that calls for a management that would already be over, and no figure of today's lists
    would change; the officer's work is the recent ones. (It also keeps the check within
    the overview's second: all 3 000 000 tests of the benchmark take 0,45 s, a year 0,19 s.)

    Both conditions only get easier for a later test day, so the latest positive test of
    each person decides. Per person, ``suspected_since`` is the start of the running
    suspected stay and ``reach`` the last end of any stay that is not empty (a running
    one reaches ``_OPEN_END``): the second case is "no stay reaches past D".
    """
    suspected_user, suspected_addict = sorted(item.value for item in MOVED_ON_POSITIVE)
    date_from, date_to = overview_period(today)
    ids = session.scalars(
        _POSITIVE_NOT_MOVED,
        {
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "suspected_user": suspected_user,
            "suspected_addict": suspected_addict,
            "open_end": _OPEN_END,
        },
    )
    return _check(
        "positive_not_moved",
        "Test dương tính nhưng chưa chuyển diện quản lý",
        "Mở lượt test dương tính của đối tượng và chuyển sang diện người sử dụng trái phép "
        "chất ma túy.",
        frozenset(int(person_id) for person_id in ids),
    )


def addict_no_location_check(session: Session, today: date) -> QualityCheck:
    """Persons on the ``nghien`` list at the end of today with no place recorded for today.

    The báo cáo splits addicts into community and facility (``addicts_location``); one
    without a location stay covering today is in neither.
    """
    located = exists().where(
        AddictLocationStay.person_id == ListStay.person_id,
        covers_end_of(AddictLocationStay, today),
    )
    ids = session.scalars(
        select(ListStay.person_id).where(
            ListStay.list_key == ManagementList.ADDICT.value,
            covers_end_of(ListStay, today),
            ~located,
        )
    )
    return _check(
        "addict_no_location",
        "Người nghiện chưa ghi nơi ở (cộng đồng hay cơ sở cai nghiện)",
        "Ghi nơi ở hiện tại của người nghiện: ngoài cộng đồng hay trong cơ sở cai nghiện.",
        frozenset(ids),
    )


def _on_own_session(
    check: Callable[[Session, date], list[QualityCheck]],
) -> Callable[[ServiceContext, date], list[QualityCheck]]:
    def run(context: ServiceContext, today: date) -> list[QualityCheck]:
        with context.reading() as session:
            return check(session, today)

    return run


def _one(
    check: Callable[[Session, date], QualityCheck],
) -> Callable[[Session, date], list[QualityCheck]]:
    return lambda session, today: [check(session, today)]


# In the order the checks are shown; each reads on its own connection.
QUALITY_PARTS: tuple[Part[list[QualityCheck]], ...] = (
    Part("quality.identity", _on_own_session(identity_checks), cost=100),
    Part("quality.duplicates", _on_own_session(_one(duplicate_check)), cost=240),
    Part("quality.positive_not_moved", _on_own_session(_one(positive_not_moved_check)), cost=180),
    Part("quality.addict_no_location", _on_own_session(_one(addict_no_location_check)), cost=20),
)


def assemble_quality(parts: Sequence[list[QualityCheck]]) -> list[QualityCheck]:
    """The checks of ``QUALITY_PARTS``' answers, given in the parts' order."""
    return [check for checks in parts for check in checks]


def quality_checks(context: ServiceContext, today: date) -> list[QualityCheck]:
    """Every check, one after the other (``load_overview`` runs them in parallel)."""
    return assemble_quality([part.run(context, today) for part in QUALITY_PARTS])
