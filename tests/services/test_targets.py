"""Phases and targets: rules, refusals, the grid in one write, and actual against target.

The progress test's expected numbers are worked out by hand next to the data.
"""

from datetime import date

import pytest

from pcmt_desktop.domain.errors import NotFoundError
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.cases import CaseInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.services.target_progress import Measure, PhaseClock, Standing
from pcmt_desktop.services.targets import PhaseInput
from pcmt_desktop.store.models import Dossier, DossierStep, DrugTest
from tests.conftest import TODAY
from tests.services.history_values import VALID_VALUES
from tests.services.support import dump, expect_refusal, expect_write

NOVEMBER = PhaseInput("Giai đoạn 2 — tháng 11", date(2026, 11, 1), date(2026, 11, 30))


def areas(services: Services) -> tuple[int, int]:
    found = services.office.sub_areas()
    return found[0].id, found[1].id


# --- phases ------------------------------------------------------------------------------
def test_add_edit_delete_phase_with_audit(services: Services) -> None:
    with expect_write(services, {"phase"}) as written:
        phase = services.targets.add_phase(
            PhaseInput("  Đợt  cao điểm ", date(2026, 10, 15), date(2026, 11, 14), " ghi chú ")
        )
    assert (phase.name, phase.note) == ("Đợt cao điểm", "ghi chú")
    assert written.audit[0].entity == "phase" and written.audit[0].entity_id == phase.id
    with expect_write(services, {"phase"}) as written:
        services.targets.edit_phase(
            phase.id, PhaseInput("Đợt cao điểm", date(2026, 10, 15), date(2026, 11, 20), "ghi chú")
        )
    assert written.audit[0].before == {"end_date": "2026-11-14"}
    assert written.audit[0].after == {"end_date": "2026-11-20"}
    assert services.targets.phase_on(date(2026, 11, 20)) == services.targets.phase(phase.id)
    assert services.targets.phase_on(date(2026, 11, 21)) is None
    a, _ = areas(services)
    services.targets.set_targets(phase.id, {(a, Measure.CASES): 2})
    with expect_write(services, {"phase", "target"}) as written:
        services.targets.delete_phase(phase.id)
    assert written.audit[0].before is not None
    assert written.audit[0].before["targets"] == {
        "Thôn Đông — Số án ma túy phát hiện, đấu tranh": 2
    }
    assert dump(services)["target"] == []
    with pytest.raises(NotFoundError):
        services.targets.phase(phase.id)


def test_phase_rules(services: Services) -> None:
    with expect_refusal(
        services,
        "Chưa nhập tên giai đoạn.",
        "Ngày kết thúc (01/11/2026) ở trước ngày bắt đầu (02/11/2026).",
    ):
        services.targets.add_phase(PhaseInput(" ", date(2026, 11, 2), date(2026, 11, 1)))
    first = services.targets.add_phase(NOVEMBER)
    # A one-day phase on the last day of another overlaps it.
    with expect_refusal(
        services,
        "Thời gian trùng với giai đoạn “Giai đoạn 2 — tháng 11” (01/11/2026 – 30/11/2026): "
        "các giai đoạn không được chồng lên nhau.",
    ):
        services.targets.add_phase(PhaseInput("Tiếp theo", date(2026, 11, 30), date(2026, 11, 30)))
    # The next day is fine, and a phase may lie in the future (a plan).
    later = services.targets.add_phase(
        PhaseInput("Tiếp theo", date(2026, 12, 1), date(2027, 5, 15))
    )
    # Editing a phase does not clash with itself, but may not grow into the next one.
    services.targets.edit_phase(first.id, NOVEMBER)
    with expect_refusal(
        services,
        "Thời gian trùng với giai đoạn “Tiếp theo” (01/12/2026 – 15/05/2027): "
        "các giai đoạn không được chồng lên nhau.",
    ):
        services.targets.edit_phase(
            first.id, PhaseInput(NOVEMBER.name, NOVEMBER.start, date(2026, 12, 1))
        )
    assert [p.id for p in services.targets.phases()] == [later.id, first.id]


# --- the grid ------------------------------------------------------------------------------
def test_set_targets_writes_the_whole_grid_in_one_audited_step(services: Services) -> None:
    a, b = areas(services)
    phase = services.targets.add_phase(NOVEMBER)
    with expect_write(services, {"target"}) as written:
        services.targets.set_targets(
            phase.id,
            {(a, Measure.TESTS_PER_DAY): 1.5, (a, Measure.CASES): 2, (b, Measure.DOSSIERS): 1},
        )
    assert services.targets.targets(phase.id) == {
        (a, Measure.TESTS_PER_DAY): 1.5,
        (a, Measure.CASES): 2,
        (b, Measure.DOSSIERS): 1,
    }
    (entry,) = written.audit
    assert (entry.entity, entry.entity_id) == ("target", phase.id)
    # Changed: one value, one removed (None), one left out (also removed), one added.
    with expect_write(services, {"target"}) as written:
        services.targets.set_targets(
            phase.id,
            {
                (a, Measure.TESTS_PER_DAY): 2,
                (a, Measure.CASES): None,
                (b, Measure.SURVEILLANCE_OPENINGS): 3,
            },
        )
    assert services.targets.targets(phase.id) == {
        (a, Measure.TESTS_PER_DAY): 2,
        (b, Measure.SURVEILLANCE_OPENINGS): 3,
    }
    (entry,) = written.audit
    assert entry.before == {
        "Thôn Đoài — Số hồ sơ CNBB": 1.0,
        "Thôn Đoài — Số đối tượng đưa vào sưu tra, hiềm nghi": None,
        "Thôn Đông — Số án ma túy phát hiện, đấu tranh": 2.0,
        "Thôn Đông — Số đối tượng test/ngày": 1.5,
    }
    assert entry.after == {
        "Thôn Đoài — Số hồ sơ CNBB": None,
        "Thôn Đoài — Số đối tượng đưa vào sưu tra, hiềm nghi": 3.0,
        "Thôn Đông — Số án ma túy phát hiện, đấu tranh": None,
        "Thôn Đông — Số đối tượng test/ngày": 2.0,
    }
    assert [e.entity for e in services.targets.history(phase.id)] == ["target", "target", "phase"]
    with expect_write(services, {"target"}, audit_rows=0):
        services.targets.set_targets(phase.id, services.targets.targets(phase.id))


def test_one_wrong_cell_refuses_the_whole_grid(services: Services) -> None:
    a, b = areas(services)
    phase = services.targets.add_phase(NOVEMBER)
    services.targets.set_targets(phase.id, {(a, Measure.CASES): 1})
    with expect_refusal(
        services,
        "Chỉ tiêu “Số hồ sơ CNBB” của Thôn Đông phải là số nguyên (đã nhập: 1,5).",
        "Chỉ tiêu “Số án ma túy phát hiện, đấu tranh” của Thôn Đoài phải là một số không âm "
        "(đã nhập: -1).",
        "Địa bàn mã 999 không còn tồn tại.",
    ):
        services.targets.set_targets(
            phase.id,
            {
                (a, Measure.TESTS_PER_DAY): 0.5,
                (a, Measure.DOSSIERS): 1.5,
                (b, Measure.CASES): -1,
                (999, Measure.CASES): 1,
            },
        )
    with pytest.raises(NotFoundError):
        services.targets.set_targets(999, {})


# --- actual against target ------------------------------------------------------------------
def _person(services: Services, name: str, sub_area_id: int) -> int:
    return services.persons.add(
        PersonInput(full_name=name, birth_year=1990, sub_area_id=sub_area_id)
    ).id


def _fill(services: Services) -> int:
    """November 2026 (30 days); today is 23/11, so 23 days have elapsed."""
    a, b = areas(services)
    p1 = _person(services, "Lường Văn Một", a)
    p2 = _person(services, "Lường Văn Hai", a)
    p3 = _person(services, "Lường Thị Ba", b)
    with services.context.unit_of_work() as session:
        # A: p1 twice (one person) and p2 → 2 persons; B: p3 on 31/10 (before) and today.
        for person_id, day in (
            (p1, date(2026, 11, 2)),
            (p1, date(2026, 11, 5)),
            (p2, date(2026, 11, 10)),
            (p3, date(2026, 10, 31)),
            (p3, TODAY),
        ):
            session.add(DrugTest(person_id=person_id, test_date=day))
        # A: p1's dossier created 03/11. B: p3's created 20/10 and sent to court in
        # November: created before the phase, so not counted.
        first = Dossier(person_id=p1, found_on=date(2026, 11, 1))
        second = Dossier(person_id=p3, found_on=date(2026, 10, 19))
        session.add_all([first, second])
        session.flush()
        session.add_all(
            [
                DossierStep(dossier_id=first.id, step="lap_ho_so", step_date=date(2026, 11, 3)),
                DossierStep(dossier_id=second.id, step="lap_ho_so", step_date=date(2026, 10, 20)),
                DossierStep(
                    dossier_id=second.id, step="chuyen_toa_an", step_date=date(2026, 11, 4)
                ),
            ]
        )
    surveillance = VALID_VALUES[HistoryKind.SURVEILLANCE]
    services.histories.add(
        HistoryKind.SURVEILLANCE, p2, HistoryInput(date(2026, 11, 15), None, surveillance)
    )
    services.histories.add(
        HistoryKind.SURVEILLANCE, p3, HistoryInput(date(2026, 11, 1), None, surveillance)
    )
    services.histories.add(
        HistoryKind.SURVEILLANCE, p1, HistoryInput(date(2026, 10, 1), None, surveillance)
    )

    def case(kind: CaseKind, day: date, sub_area_id: int) -> None:
        if kind is CaseKind.CRIMINAL:
            data = CaseInput(kind, day, sub_area_id, subjects=1, articles=("249",))
        else:
            data = CaseInput(kind, day, sub_area_id, subjects=1, act="Sử dụng trái phép")
        services.cases.add(data)

    case(CaseKind.CRIMINAL, date(2026, 10, 30), a)  # before the phase
    case(CaseKind.CRIMINAL, date(2026, 11, 12), a)
    case(CaseKind.ADMINISTRATIVE, date(2026, 11, 13), a)  # not a criminal case
    case(CaseKind.CRIMINAL, TODAY, b)
    phase = services.targets.add_phase(NOVEMBER)
    services.targets.set_targets(
        phase.id,
        {
            (a, Measure.TESTS_PER_DAY): 0.5,
            (a, Measure.DOSSIERS): 1,
            (a, Measure.SURVEILLANCE_OPENINGS): 3,
            (a, Measure.CASES): 2,
            (b, Measure.SURVEILLANCE_OPENINGS): 2,
            (b, Measure.CASES): 1,
        },
    )
    return phase.id


def test_progress_measures_each_target_from_the_registries(services: Services) -> None:
    phase_id = _fill(services)
    found = {
        (item.sub_area_name, item.measure): item for item in services.targets.progress(phase_id)
    }
    a, b = "Thôn Đông", "Thôn Đoài"
    # A tests: 2 persons over 23 days = 0,087/day against a rate of 0,5 (under half of it).
    tests = found[(a, Measure.TESTS_PER_DAY)]
    assert tests.actual == pytest.approx(2 / 23)
    assert (tests.expected, tests.standing) == (0.5, Standing.FAR_BEHIND)
    assert tests.share == pytest.approx(2 / 23 / 0.5)
    # A dossiers: 1 of 1 → met.
    assert (found[(a, Measure.DOSSIERS)].actual, found[(a, Measure.DOSSIERS)].standing) == (
        1,
        Standing.MET,
    )
    # A surveillance: 1 opened (15/11; p1's of 01/10 is before) of 3; due by today
    # 3 × 23/30 = 2,3, half of that 1,15 > 1 → far behind.
    openings = found[(a, Measure.SURVEILLANCE_OPENINGS)]
    assert (openings.actual, openings.standing) == (1, Standing.FAR_BEHIND)
    assert openings.expected == pytest.approx(2.3)
    # A cases: 1 (12/11) of 2; due 2 × 23/30 = 1,533; 1 ≥ 0,767 → behind.
    cases = found[(a, Measure.CASES)]
    assert (cases.actual, cases.standing) == (1, Standing.BEHIND)
    # B: 1 opening (01/11, the first day counts) of 2 → behind; 1 case (today) of 1 → met.
    assert found[(b, Measure.SURVEILLANCE_OPENINGS)].standing is Standing.BEHIND
    assert (found[(b, Measure.CASES)].actual, found[(b, Measure.CASES)].standing) == (
        1,
        Standing.MET,
    )
    assert len(found) == 6
    behind = {(i.sub_area_name, i.measure) for i in services.targets.behind(phase_id)}
    assert behind == {
        (a, Measure.TESTS_PER_DAY),
        (a, Measure.SURVEILLANCE_OPENINGS),
        (a, Measure.CASES),
        (b, Measure.SURVEILLANCE_OPENINGS),
    }
    # Every sub-area's actual, targets or not: B tested 1 person (today) in 23 days.
    sub_a, sub_b = areas(services)
    actual = services.targets.actuals(phase_id)
    assert actual[(sub_b, Measure.TESTS_PER_DAY)] == pytest.approx(1 / 23)
    assert (sub_b, Measure.DOSSIERS) not in actual
    assert actual[(sub_a, Measure.DOSSIERS)] == 1


def test_progress_before_and_after_the_phase(services: Services) -> None:
    phase_id = _fill(services)
    before = services.targets.progress(phase_id, date(2026, 10, 31))
    assert {item.actual for item in before} == {0.0}
    assert {item.standing for item in before} == {Standing.NOT_STARTED}
    assert services.targets.behind(phase_id, date(2026, 10, 31)) == []
    # After the end: all 30 days count (A: 2 persons / 30) and the whole target is due.
    after = {
        (i.sub_area_name, i.measure): i
        for i in services.targets.progress(phase_id, date(2027, 1, 1))
    }
    tests = after[("Thôn Đông", Measure.TESTS_PER_DAY)]
    assert tests.actual == pytest.approx(2 / 30)
    cases = after[("Thôn Đông", Measure.CASES)]
    assert cases.expected == 2


def test_phase_clock() -> None:
    clock = PhaseClock(date(2026, 11, 15), date(2026, 11, 21), date(2026, 11, 17))
    assert (clock.total_days, clock.elapsed_days) == (7, 3)
    assert clock.expected(Measure.CASES, 7) == pytest.approx(3)
    assert clock.expected(Measure.TESTS_PER_DAY, 6) == 6
    assert PhaseClock(date(2026, 11, 15), date(2026, 11, 21), date(2026, 11, 14)).elapsed_days == 0
