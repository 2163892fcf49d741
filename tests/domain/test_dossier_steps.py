"""The CNBB procedure's order and the status that follows from the steps."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pcmt_desktop.domain.dossier_steps import (
    PROCEDURE_ORDER,
    StatusGroup,
    Step,
    StepKind,
    TermRange,
    allowed_next,
    check_dates,
    check_detail,
    check_sequence,
    check_term,
    status_group,
    status_label,
    why_not_next,
)

DAY = date(2026, 3, 2)
TODAY = date(2026, 11, 23)


def _steps(*kinds: StepKind) -> list[Step]:
    return [
        Step(kind, DAY + timedelta(days=index), 12 if kind is StepKind.DECIDED else None)
        for index, kind in enumerate(kinds)
    ]


def test_a_new_dossier_offers_every_step_that_needs_only_creation() -> None:
    assert allowed_next(_steps(StepKind.CREATED)) == [
        StepKind.NOTIFIED,
        StepKind.LEGALITY_CHECKED,
        StepKind.SENT_TO_COURT,
        StepKind.CLOSED_UNEXECUTED,
    ]


def test_after_acceptance_the_court_decides_one_way() -> None:
    steps = _steps(StepKind.CREATED, StepKind.SENT_TO_COURT, StepKind.COURT_ACCEPTED)
    assert allowed_next(steps) == [
        StepKind.DECIDED,
        StepKind.NOT_APPLIED,
        StepKind.SUSPENDED,
        StepKind.CLOSED_UNEXECUTED,
    ]
    decided = [*steps, Step(StepKind.DECIDED, DAY + timedelta(days=9), 12)]
    assert why_not_next(decided, StepKind.NOT_APPLIED) == (
        "Hồ sơ đã có bước “Quyết định đưa vào cơ sở cai nghiện bắt buộc”; "
        "không thể có thêm bước “Quyết định không áp dụng”."
    )
    assert allowed_next(decided) == [StepKind.ENTERED_FACILITY, StepKind.CLOSED_UNEXECUTED]


def test_needs_and_order_messages() -> None:
    created = _steps(StepKind.CREATED)
    assert why_not_next(created, StepKind.COMPLETED) == (
        "Bước “Hoàn thành” cần có bước “Đưa vào cơ sở cai nghiện” trước."
    )
    assert (
        why_not_next(created, StepKind.CREATED) == "Hồ sơ đã có bước “Lập hồ sơ” ngày 02/03/2026."
    )
    sent = _steps(StepKind.CREATED, StepKind.LEGALITY_CHECKED)
    assert why_not_next(sent, StepKind.NOTIFIED) is not None
    assert why_not_next(sent, StepKind.SENT_TO_COURT) is None


def test_status_labels() -> None:
    assert status_label([]) == "Chưa có bước nào"
    assert status_label(_steps(StepKind.CREATED, StepKind.NOTIFIED)) == "Đang lập hồ sơ"
    assert status_label(_steps(StepKind.CREATED, StepKind.SENT_TO_COURT)) == "Đã chuyển Tòa án"
    court = [StepKind.CREATED, StepKind.SENT_TO_COURT, StepKind.COURT_ACCEPTED]
    assert status_label(_steps(*court)) == "Tòa án đã thụ lý"
    assert status_label(_steps(*court, StepKind.DECIDED)) == "Đã có quyết định (12 tháng)"
    inside = [*court, StepKind.DECIDED, StepKind.ENTERED_FACILITY]
    assert status_label(_steps(*inside)) == "Đang chấp hành tại cơ sở"
    assert status_label(_steps(*inside, StepKind.COMPLETED)) == "Hoàn thành"
    assert status_label(_steps(*court, StepKind.NOT_APPLIED)) == "Không áp dụng"
    assert status_label(_steps(*court, StepKind.SUSPENDED)) == "Đình chỉ"
    closed = [*_steps(StepKind.CREATED), Step(StepKind.CLOSED_UNEXECUTED, DAY, None, "Chết")]
    assert status_label(closed) == "Kết thúc không thi hành (Chết)"
    assert status_group(closed) is StatusGroup.CLOSED
    assert status_group(_steps(*inside)) is StatusGroup.EXECUTING
    assert status_group(_steps(*court)) is StatusGroup.PROCESSING


def test_dates_along_the_order() -> None:
    steps = [
        Step(StepKind.CREATED, date(2026, 3, 5)),
        Step(StepKind.SENT_TO_COURT, date(2026, 3, 4)),
    ]
    assert [problem.message for problem in check_dates(steps, date(2026, 3, 6), TODAY)] == [
        "Ngày lập hồ sơ (05/03/2026) ở trước ngày phát hiện (06/03/2026).",
        "Ngày chuyển tòa án (04/03/2026) ở trước ngày phát hiện (06/03/2026).",
        "Ngày chuyển tòa án (04/03/2026) ở trước ngày lập hồ sơ (05/03/2026).",
    ]
    assert check_dates(_steps(StepKind.CREATED, StepKind.SENT_TO_COURT), DAY, TODAY) == []


def test_details_and_terms() -> None:
    assert [p.message for p in check_detail(StepKind.CLOSED_UNEXECUTED, " ", None)] == [
        "Chưa nhập lý do."
    ]
    assert [p.message for p in check_detail(StepKind.ENTERED_FACILITY, "", None)] == [
        "Chưa nhập cơ sở cai nghiện."
    ]
    assert [p.field for p in check_detail(StepKind.SENT_TO_COURT, "", 6)] == ["term_months"]
    allowed = TermRange(6, 12, True, "Luật (thử)")
    assert check_term(6, allowed) == [] and check_term(12, allowed) == []
    assert [p.message for p in check_term(13, allowed)] == [
        "Thời hạn 13 tháng không đúng quy định: từ 6 đến 12 tháng đối với người từ đủ 12 "
        "đến dưới 18 tuổi (Luật (thử))."
    ]


def test_check_sequence_finds_a_missing_requirement() -> None:
    steps = _steps(StepKind.CREATED, StepKind.COURT_ACCEPTED)
    assert [p.message for p in check_sequence(steps)] == [
        "Bước “Tòa án thụ lý” cần có bước “Chuyển Tòa án” trước."
    ]


@st.composite
def _walks(draw: st.DrawFn) -> list[Step]:
    """A dossier built by always choosing one of the allowed next steps."""
    steps = [Step(StepKind.CREATED, DAY)]
    for _ in range(draw(st.integers(0, 10))):
        choices = allowed_next(steps)
        if not choices:
            break
        kind = draw(st.sampled_from(choices))
        day = steps[-1].day + timedelta(days=draw(st.integers(0, 30)))
        steps.append(Step(kind, day, 12 if kind is StepKind.DECIDED else None, "x"))
    return steps


@given(_walks())
def test_any_walk_of_allowed_steps_is_a_valid_dossier(steps: list[Step]) -> None:
    assert check_sequence(steps) == []
    assert check_dates(steps, DAY, date(2030, 1, 1)) == []
    closings = [step for step in steps if step.kind.closing]
    assert len(closings) <= 1
    if closings:
        # A closing step is the last one and nothing may follow it.
        assert steps[-1] is closings[0]
        assert allowed_next(steps) == []
        assert status_group(steps) is StatusGroup.CLOSED
    assert len({step.kind for step in steps}) == len(steps)  # each kind at most once
    ranks = [step.kind.spec.rank for step in steps]
    assert ranks == sorted(ranks)
    assert status_label(steps)  # never empty


@given(_walks(), st.sampled_from(PROCEDURE_ORDER))
def test_allowed_next_agrees_with_why_not_next(steps: list[Step], kind: StepKind) -> None:
    assert (kind in allowed_next(steps)) == (why_not_next(steps, kind) is None)
