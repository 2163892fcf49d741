"""The steps of a compulsory-rehab (CNBB) dossier, their order, and the status they give.

A dossier is a list of dated steps. Each kind of step has a place in the procedure
(``rank``) and may need an earlier step (thụ lý needs chuyển Tòa án; đưa vào cơ sở needs
a decision). A step is added only after every step already there that comes before it in
the procedure, dates never go backwards along the procedure, and after a closing step
nothing more happens. The status is not stored: it follows from the latest step.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from pcmt_desktop.domain.errors import FieldProblem
from pcmt_desktop.domain.rules import format_day


class StepKind(StrEnum):
    """Keys stored in ``dossier_step.step``."""

    CREATED = "lap_ho_so"
    NOTIFIED = "thong_bao_doc_ho_so"
    LEGALITY_CHECKED = "kiem_tra_phap_ly"
    SENT_TO_COURT = "chuyen_toa_an"
    COURT_ACCEPTED = "toa_an_thu_ly"
    DECIDED = "quyet_dinh"
    NOT_APPLIED = "khong_ap_dung"
    SUSPENDED = "dinh_chi"
    ENTERED_FACILITY = "dua_vao_co_so"
    COMPLETED = "hoan_thanh"
    CLOSED_UNEXECUTED = "ket_thuc_khong_thi_hanh"

    @property
    def label(self) -> str:
        return STEP_SPECS[self].label

    @property
    def spec(self) -> "StepSpec":
        return STEP_SPECS[self]

    @property
    def closing(self) -> bool:
        return STEP_SPECS[self].closing


class StatusGroup(StrEnum):
    """The three groups the registry's filter offers."""

    PROCESSING = "dang_xu_ly"
    EXECUTING = "dang_chap_hanh"
    CLOSED = "da_ket_thuc"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    StatusGroup.PROCESSING: "Đang xử lý",
    StatusGroup.EXECUTING: "Đang chấp hành",
    StatusGroup.CLOSED: "Đã kết thúc",
}


@dataclass(frozen=True)
class StepSpec:
    """What a kind of step is: its place, what it needs, and what its detail field holds.

    ``detail_label`` names what ``dossier_step.reason`` means for this kind ("" when the
    kind has no such field); ``detail_required`` says it must be filled.
    """

    kind: StepKind
    label: str
    rank: int
    needs: StepKind | None
    status: str
    closing: bool = False
    detail_label: str = ""
    detail_required: bool = False
    detail_suggestions: tuple[str, ...] = ()
    # Decisions that exclude this one (a court decides once: apply, not apply, or stop).
    excluded_by: tuple[StepKind, ...] = ()


# Recorded in the detail of a "thụ lý" step when the court has the longer limit.
COMPLEX_CASE = "Vụ việc phức tạp"

UNEXECUTED_REASONS: tuple[str, ...] = (
    "Trả hồ sơ",
    "Đối tượng bỏ trốn",
    "Đối tượng chết",
    "Đối tượng bị bắt, khởi tố về hành vi khác",
    "Hết thời hiệu thi hành",
    "Chuyển nơi cư trú",
)

_COURT_OUTCOMES = (StepKind.DECIDED, StepKind.NOT_APPLIED, StepKind.SUSPENDED)

STEP_SPECS: dict[StepKind, StepSpec] = {
    spec.kind: spec
    for spec in (
        StepSpec(StepKind.CREATED, "Lập hồ sơ", 0, None, "Đang lập hồ sơ"),
        StepSpec(
            StepKind.NOTIFIED,
            "Thông báo và đọc hồ sơ",
            1,
            StepKind.CREATED,
            "Đang lập hồ sơ",
        ),
        StepSpec(
            StepKind.LEGALITY_CHECKED,
            "Kiểm tra tính pháp lý",
            2,
            StepKind.CREATED,
            "Đang lập hồ sơ",
        ),
        StepSpec(StepKind.SENT_TO_COURT, "Chuyển Tòa án", 3, StepKind.CREATED, "Đã chuyển Tòa án"),
        StepSpec(
            StepKind.COURT_ACCEPTED,
            "Tòa án thụ lý",
            4,
            StepKind.SENT_TO_COURT,
            "Tòa án đã thụ lý",
            detail_label="Tính chất vụ việc",
            detail_suggestions=(COMPLEX_CASE,),
        ),
        StepSpec(
            StepKind.DECIDED,
            "Quyết định đưa vào cơ sở cai nghiện bắt buộc",
            5,
            StepKind.COURT_ACCEPTED,
            "Đã có quyết định",
            excluded_by=(StepKind.NOT_APPLIED, StepKind.SUSPENDED),
        ),
        StepSpec(
            StepKind.NOT_APPLIED,
            "Quyết định không áp dụng",
            5,
            StepKind.COURT_ACCEPTED,
            "Không áp dụng",
            closing=True,
            detail_label="Lý do",
            excluded_by=(StepKind.DECIDED, StepKind.SUSPENDED),
        ),
        StepSpec(
            StepKind.SUSPENDED,
            "Đình chỉ",
            5,
            StepKind.COURT_ACCEPTED,
            "Đình chỉ",
            closing=True,
            detail_label="Lý do",
            excluded_by=(StepKind.DECIDED, StepKind.NOT_APPLIED),
        ),
        StepSpec(
            StepKind.ENTERED_FACILITY,
            "Đưa vào cơ sở cai nghiện",
            6,
            StepKind.DECIDED,
            "Đang chấp hành tại cơ sở",
            detail_label="Cơ sở cai nghiện",
            detail_required=True,
        ),
        StepSpec(
            StepKind.COMPLETED,
            "Hoàn thành",
            7,
            StepKind.ENTERED_FACILITY,
            "Hoàn thành",
            closing=True,
        ),
        StepSpec(
            StepKind.CLOSED_UNEXECUTED,
            "Kết thúc không thi hành",
            8,
            StepKind.CREATED,
            "Kết thúc không thi hành",
            closing=True,
            detail_label="Lý do",
            detail_required=True,
            detail_suggestions=UNEXECUTED_REASONS,
        ),
    )
}

# Each kind in the order of the procedure (decisions of equal rank in a fixed order).
PROCEDURE_ORDER: tuple[StepKind, ...] = tuple(
    sorted(StepKind, key=lambda kind: (STEP_SPECS[kind].rank, list(StepKind).index(kind)))
)


@dataclass(frozen=True)
class Step:
    """One dated step as the rules see it (no database id needed)."""

    kind: StepKind
    day: date
    term_months: int | None = None
    detail: str = ""


def in_procedure_order(steps: Sequence[Step]) -> list[Step]:
    return sorted(steps, key=lambda step: (step.kind.spec.rank, step.day))


def latest(steps: Sequence[Step]) -> Step | None:
    """The step furthest along the procedure (the one the status follows)."""
    ordered = in_procedure_order(steps)
    return ordered[-1] if ordered else None


def status_label(steps: Sequence[Step]) -> str:
    """ "Tòa án đã thụ lý", "Đã có quyết định (12 tháng)", "Kết thúc không thi hành (…)"."""
    last = latest(steps)
    if last is None:
        return "Chưa có bước nào"
    status = last.kind.spec.status
    if last.kind is StepKind.DECIDED and last.term_months:
        return f"{status} ({last.term_months} tháng)"
    if last.kind is StepKind.CLOSED_UNEXECUTED and last.detail:
        return f"{status} ({last.detail})"
    return status


def status_group(steps: Sequence[Step]) -> StatusGroup:
    kinds = {step.kind for step in steps}
    if any(kind.closing for kind in kinds):
        return StatusGroup.CLOSED
    if StepKind.ENTERED_FACILITY in kinds:
        return StatusGroup.EXECUTING
    return StatusGroup.PROCESSING


def is_closed(steps: Sequence[Step]) -> bool:
    return status_group(steps) is StatusGroup.CLOSED


def why_not_next(steps: Sequence[Step], kind: StepKind) -> str | None:
    """Why ``kind`` cannot be the next step of a dossier with ``steps`` (None: it can)."""
    spec = kind.spec
    present = {step.kind: step for step in steps}
    closing = next((step for step in steps if step.kind.closing), None)
    if closing is not None:
        return (
            f"Hồ sơ đã kết thúc ở bước “{closing.kind.label}” ngày {format_day(closing.day)}; "
            "không thêm bước nào nữa."
        )
    if kind in present:
        return f"Hồ sơ đã có bước “{spec.label}” ngày {format_day(present[kind].day)}."
    for other in spec.excluded_by:
        if other in present:
            return f"Hồ sơ đã có bước “{other.label}”; không thể có thêm bước “{spec.label}”."
    if spec.needs is not None and spec.needs not in present:
        return f"Bước “{spec.label}” cần có bước “{spec.needs.label}” trước."
    last = latest(steps)
    if last is not None and last.kind.spec.rank > spec.rank:
        return (
            f"Bước “{spec.label}” đứng trước bước “{last.kind.label}” trong trình tự; "
            "không thể thêm sau bước đó."
        )
    return None


def allowed_next(steps: Sequence[Step]) -> list[StepKind]:
    """The kinds that may be added now, in the order of the procedure."""
    return [kind for kind in PROCEDURE_ORDER if why_not_next(steps, kind) is None]


def check_dates(steps: Sequence[Step], found_on: date, today: date) -> list[FieldProblem]:
    """Dates never go backwards along the procedure, never before the finding, never future."""
    problems: list[FieldProblem] = []
    ordered = in_procedure_order(steps)
    for step in ordered:
        if step.day > today:
            problems.append(
                FieldProblem(
                    "day",
                    f"Ngày {step.kind.label.lower()} ({format_day(step.day)}) ở sau ngày hôm nay "
                    f"({format_day(today)}).",
                )
            )
        if step.day < found_on:
            problems.append(
                FieldProblem(
                    "day",
                    f"Ngày {step.kind.label.lower()} ({format_day(step.day)}) ở trước ngày phát "
                    f"hiện ({format_day(found_on)}).",
                )
            )
    for earlier, later in pairwise(ordered):
        if later.day < earlier.day:
            problems.append(
                FieldProblem(
                    "day",
                    f"Ngày {later.kind.label.lower()} ({format_day(later.day)}) ở trước ngày "
                    f"{earlier.kind.label.lower()} ({format_day(earlier.day)}).",
                )
            )
    return problems


def check_sequence(steps: Sequence[Step]) -> list[FieldProblem]:
    """Every step's requirements are present and nothing follows a closing step.

    Used after a correction or a deletion, where the whole dossier must still make sense.
    """
    problems: list[FieldProblem] = []
    present = {step.kind for step in steps}
    if StepKind.CREATED not in present:
        problems.append(FieldProblem("step", "Hồ sơ phải có bước “Lập hồ sơ”."))
    for step in steps:
        needs = step.kind.spec.needs
        if needs is not None and needs not in present:
            problems.append(
                FieldProblem("step", f"Bước “{step.kind.label}” cần có bước “{needs.label}” trước.")
            )
    return problems


def check_detail(kind: StepKind, detail: str, term_months: int | None) -> list[FieldProblem]:
    """The fields a kind asks for: a decision's term, a closing reason, a facility."""
    spec = kind.spec
    problems: list[FieldProblem] = []
    if spec.detail_required and not detail.strip():
        problems.append(FieldProblem("detail", f"Chưa nhập {spec.detail_label.lower()}."))
    if kind is StepKind.DECIDED:
        if term_months is None:
            problems.append(
                FieldProblem("term_months", "Chưa nhập thời hạn cai nghiện bắt buộc (tháng).")
            )
    elif term_months is not None:
        problems.append(
            FieldProblem(
                "term_months",
                f"Bước “{spec.label}” không có thời hạn; chỉ quyết định mới ghi số tháng.",
            )
        )
    return problems


def is_complex_case(detail: str) -> bool:
    return detail.strip().casefold() == COMPLEX_CASE.casefold()


@dataclass(frozen=True)
class TermRange:
    """The CNBB terms the law allows for one person on one decision day."""

    low: int
    high: int
    minor: bool
    source: str

    def describe(self) -> str:
        who = "người từ đủ 12 đến dưới 18 tuổi" if self.minor else "người thành niên"
        return f"từ {self.low} đến {self.high} tháng đối với {who}"


def check_term(term_months: int, allowed: TermRange) -> list[FieldProblem]:
    if allowed.low <= term_months <= allowed.high:
        return []
    return [
        FieldProblem(
            "term_months",
            f"Thời hạn {term_months} tháng không đúng quy định: {allowed.describe()} "
            f"({allowed.source}).",
        )
    ]


MINOR_AGE = 12  # youngest age the measure applies to
ADULT_AGE = 18
