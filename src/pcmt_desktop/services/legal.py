"""The numbers the law fixes, read from data with the day each takes effect.

A law that changes a period or a limit is a new ``legal_rule`` row; the rule applied to
an event is the one in force on the event's day (DOMAIN.md, "The law moves").
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcmt_desktop.auth.permissions import Permission
from pcmt_desktop.domain.errors import FieldProblem, ValidationError
from pcmt_desktop.domain.rules import format_day
from pcmt_desktop.domain.text import tidy
from pcmt_desktop.services import audit
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.models import LegalRule


class RuleKey(StrEnum):
    SU_DUNG_MANAGEMENT_MONTHS = "su_dung_management_months"
    SAU_CAI_MONTHS = "sau_cai_months"
    SAU_CAI_MONTHS_AFTER_CNBB_ADULT = "sau_cai_months_after_cnbb_adult"
    CNBB_TERM_ADULT_MIN_MONTHS = "cnbb_term_adult_min_months"
    CNBB_TERM_ADULT_MAX_MONTHS = "cnbb_term_adult_max_months"
    CNBB_TERM_MINOR_MIN_MONTHS = "cnbb_term_minor_min_months"
    CNBB_TERM_MINOR_MAX_MONTHS = "cnbb_term_minor_max_months"
    CNBB_DOSSIER_WORKING_DAYS = "cnbb_dossier_working_days"
    CNBB_COURT_DECISION_DAYS = "cnbb_court_decision_days"
    CNBB_COURT_DECISION_DAYS_COMPLEX = "cnbb_court_decision_days_complex"
    HOTSPOT_FIGHT_MONTHS = "hotspot_fight_months"
    FINE_USE_MIN_VND = "fine_use_min_vnd"
    FINE_USE_MAX_VND = "fine_use_max_vnd"
    FINE_POSSESSION_MIN_VND = "fine_possession_min_vnd"
    FINE_POSSESSION_MAX_VND = "fine_possession_max_vnd"
    FINE_PLANTS_MIN_VND = "fine_plants_min_vnd"
    FINE_PLANTS_MAX_VND = "fine_plants_max_vnd"
    # Area classification (QĐ 28/2025/QĐ-TTg); rates are per 10 000 residents (0,5% = 50).
    AREA_I_PERSONS_PER_10K = "area_i_persons_per_10k"
    AREA_II_PERSONS_PER_10K = "area_ii_persons_per_10k"
    AREA_I_PLACES = "area_i_places"
    AREA_II_PLACES = "area_ii_places"
    AREA_I_ARRESTS_PER_10K = "area_i_arrests_per_10k"
    AREA_II_ARRESTS_PER_10K = "area_ii_arrests_per_10k"
    AREA_I_PLANTS = "area_i_plants"
    AREA_II_PLANTS = "area_ii_plants"
    AREA_I_PLANT_M2 = "area_i_plant_m2"
    AREA_II_PLANT_M2 = "area_ii_plant_m2"
    AREA_I_MIN_CRITERIA = "area_i_min_criteria"
    AREA_II_MIN_CRITERIA = "area_ii_min_criteria"

    @property
    def label(self) -> str:
        return RULE_LABELS[self]


RULE_LABELS = {
    RuleKey.SU_DUNG_MANAGEMENT_MONTHS: "Thời hạn quản lý người sử dụng trái phép (tháng)",
    RuleKey.SAU_CAI_MONTHS: "Thời hạn quản lý sau cai nghiện (tháng)",
    RuleKey.SAU_CAI_MONTHS_AFTER_CNBB_ADULT: (
        "Thời hạn quản lý sau cai nghiện bắt buộc của người thành niên (tháng)"
    ),
    RuleKey.CNBB_TERM_ADULT_MIN_MONTHS: "Thời hạn CNBB, người thành niên, tối thiểu (tháng)",
    RuleKey.CNBB_TERM_ADULT_MAX_MONTHS: "Thời hạn CNBB, người thành niên, tối đa (tháng)",
    RuleKey.CNBB_TERM_MINOR_MIN_MONTHS: "Thời hạn CNBB, người 12–dưới 18 tuổi, tối thiểu (tháng)",
    RuleKey.CNBB_TERM_MINOR_MAX_MONTHS: "Thời hạn CNBB, người 12–dưới 18 tuổi, tối đa (tháng)",
    RuleKey.CNBB_DOSSIER_WORKING_DAYS: "Thời hạn lập hồ sơ CNBB từ khi phát hiện (ngày làm việc)",
    RuleKey.CNBB_COURT_DECISION_DAYS: "Thời hạn Tòa án xem xét, quyết định kể từ khi thụ lý (ngày)",
    RuleKey.CNBB_COURT_DECISION_DAYS_COMPLEX: "Thời hạn Tòa án quyết định, vụ việc phức tạp (ngày)",
    RuleKey.HOTSPOT_FIGHT_MONTHS: "Thời gian đấu tranh điểm, tụ điểm kể từ ngày đưa vào (tháng)",
    RuleKey.FINE_USE_MIN_VND: "Mức phạt sử dụng trái phép chất ma túy, tối thiểu (đồng)",
    RuleKey.FINE_USE_MAX_VND: "Mức phạt sử dụng trái phép chất ma túy, tối đa (đồng)",
    RuleKey.FINE_POSSESSION_MIN_VND: "Mức phạt tàng trữ không đủ định lượng, tối thiểu (đồng)",
    RuleKey.FINE_POSSESSION_MAX_VND: "Mức phạt tàng trữ không đủ định lượng, tối đa (đồng)",
    RuleKey.FINE_PLANTS_MIN_VND: "Mức phạt trồng cây có chứa chất ma túy, tối thiểu (đồng)",
    RuleKey.FINE_PLANTS_MAX_VND: "Mức phạt trồng cây có chứa chất ma túy, tối đa (đồng)",
    RuleKey.AREA_I_PERSONS_PER_10K: (
        "Loại I: tỷ lệ người nghiện, sử dụng có hồ sơ trên dân số, từ (phần vạn)"
    ),
    RuleKey.AREA_II_PERSONS_PER_10K: (
        "Loại II: tỷ lệ người nghiện, sử dụng có hồ sơ trên dân số, từ (phần vạn)"
    ),
    RuleKey.AREA_I_PLACES: "Loại I: số điểm tổ chức, chứa chấp sử dụng, từ",
    RuleKey.AREA_II_PLACES: "Loại II: số điểm tổ chức, chứa chấp sử dụng, từ",
    RuleKey.AREA_I_ARRESTS_PER_10K: (
        "Loại I: tỷ lệ đối tượng phạm tội bị bắt trên dân số, từ (phần vạn)"
    ),
    RuleKey.AREA_II_ARRESTS_PER_10K: (
        "Loại II: tỷ lệ đối tượng phạm tội bị bắt trên dân số, từ (phần vạn)"
    ),
    RuleKey.AREA_I_PLANTS: "Loại I: số cây có chứa chất ma túy bị phá, từ (cây)",
    RuleKey.AREA_II_PLANTS: "Loại II: số cây có chứa chất ma túy bị phá, từ (cây)",
    RuleKey.AREA_I_PLANT_M2: "Loại I: diện tích trồng cây có chứa chất ma túy bị phá, từ (m²)",
    RuleKey.AREA_II_PLANT_M2: "Loại II: diện tích trồng cây có chứa chất ma túy bị phá, từ (m²)",
    RuleKey.AREA_I_MIN_CRITERIA: "Loại I: số tiêu chí tối thiểu phải đạt",
    RuleKey.AREA_II_MIN_CRITERIA: "Loại II: số tiêu chí tối thiểu phải đạt",
}


@dataclass(frozen=True)
class RuleValue:
    key: RuleKey
    effective_from: date
    value: int
    source: str


class MissingRuleError(LookupError):
    """No row of a rule is in force on the day asked (the data lacks it)."""


def _missing(key: RuleKey, on_day: date) -> MissingRuleError:
    return MissingRuleError(
        f"Chưa có quy định “{key.label}” áp dụng cho ngày {format_day(on_day)}."
    )


# Limits that come in pairs: a new minimum must not exceed the maximum in force, and back.
MIN_MAX_PAIRS: tuple[tuple[RuleKey, RuleKey], ...] = (
    (RuleKey.CNBB_TERM_ADULT_MIN_MONTHS, RuleKey.CNBB_TERM_ADULT_MAX_MONTHS),
    (RuleKey.CNBB_TERM_MINOR_MIN_MONTHS, RuleKey.CNBB_TERM_MINOR_MAX_MONTHS),
    (RuleKey.FINE_USE_MIN_VND, RuleKey.FINE_USE_MAX_VND),
    (RuleKey.FINE_POSSESSION_MIN_VND, RuleKey.FINE_POSSESSION_MAX_VND),
    (RuleKey.FINE_PLANTS_MIN_VND, RuleKey.FINE_PLANTS_MAX_VND),
)
SOURCE_MAX_CHARS = 300


class RuleBook:
    """Every rule row read once: answers ``rule(key, day)`` without touching the database.

    For computations over many records (every running stay of the registry), where asking
    ``LegalRules.rule`` per record would open a session each time.
    """

    def __init__(self, rules: list[RuleValue]) -> None:
        self._by_key: dict[RuleKey, list[RuleValue]] = {}
        for item in sorted(rules, key=lambda rule: (rule.key, rule.effective_from)):
            self._by_key.setdefault(item.key, []).append(item)
        self._starts = {
            key: [item.effective_from for item in items] for key, items in self._by_key.items()
        }

    def history(self, key: RuleKey) -> list[RuleValue]:
        """The rows of ``key``, oldest first."""
        return list(self._by_key.get(key, []))

    def in_force(self, key: RuleKey, on_day: date) -> RuleValue | None:
        """The row of ``key`` with the latest ``effective_from`` on or before ``on_day``."""
        position = bisect_right(self._starts.get(key, []), on_day)
        return self._by_key[key][position - 1] if position else None

    def rule(self, key: RuleKey, on_day: date) -> RuleValue:
        found = self.in_force(key, on_day)
        if found is None:
            raise _missing(key, on_day)
        return found

    def value(self, key: RuleKey, on_day: date) -> int:
        return self.rule(key, on_day).value


class LegalRules:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def value(self, key: RuleKey, on_day: date) -> int:
        """The value of ``key`` in force on ``on_day``."""
        return self.rule(key, on_day).value

    def rule(self, key: RuleKey, on_day: date) -> RuleValue:
        with self._context.reading() as session:
            row = _row_in_force(session, key, on_day)
            if row is None:
                raise _missing(key, on_day)
            return _to_value(row)

    def all_rules(self) -> list[RuleValue]:
        """Every row of every known key, by key then effective date."""
        with self._context.reading() as session:
            return read_all_rules(session)

    def book(self) -> RuleBook:
        """A snapshot of every rule, for many look-ups in a row."""
        return RuleBook(self.all_rules())

    def add_rule(self, key: RuleKey, effective_from: date, value: int, source: str) -> RuleValue:
        """A new law: the value applies to events from ``effective_from`` on (may be future).

        Raises:
            ValidationError: a value not above 0, a missing or too long source, a second
                row of the key on the same day, or a minimum above its maximum (or back).
        """
        self._context.require(Permission.LEGAL_RULES)
        source = tidy(source)
        with self._context.unit_of_work() as session:
            problems = _check_new_rule(session, key, effective_from, value, source)
            if problems:
                raise ValidationError(problems)
            row = LegalRule(
                key=key.value, effective_from=effective_from, value=value, source=source
            )
            session.add(row)
            session.flush()
            audit.record(
                self._context,
                session,
                action=audit.Action.CREATE,
                entity="legal_rule",
                entity_id=row.id,
                person_id=None,
                summary=f"Thêm quy định {key.label}: {value} từ {format_day(effective_from)}",
                before=None,
                after=audit.snapshot(row),
            )
        self._context.bus.publish(Changes(frozenset({"legal_rule"})))
        return RuleValue(key, effective_from, value, source)


def read_all_rules(session: Session) -> list[RuleValue]:
    """Every row of every known key (rows of keys this version does not know are left out)."""
    rows = session.scalars(select(LegalRule).order_by(LegalRule.key, LegalRule.effective_from))
    return [_to_value(row) for row in rows if row.key in RuleKey._value2member_map_]


def _to_value(row: LegalRule) -> RuleValue:
    return RuleValue(RuleKey(row.key), row.effective_from, row.value, row.source)


def _row_in_force(session: Session, key: RuleKey, on_day: date) -> LegalRule | None:
    return session.scalar(
        select(LegalRule)
        .where(LegalRule.key == key.value, LegalRule.effective_from <= on_day)
        .order_by(LegalRule.effective_from.desc())
        .limit(1)
    )


def _check_new_rule(
    session: Session, key: RuleKey, effective_from: date, value: int, source: str
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if value <= 0:
        problems.append(FieldProblem("value", "Giá trị quy định phải lớn hơn 0."))
    if not source:
        problems.append(
            FieldProblem("source", "Chưa nhập căn cứ (văn bản, điều khoản quy định giá trị này).")
        )
    elif len(source) > SOURCE_MAX_CHARS:
        problems.append(
            FieldProblem(
                "source",
                f"Căn cứ dài {len(source)} ký tự; tối đa {SOURCE_MAX_CHARS} ký tự.",
            )
        )
    clash = session.scalar(
        select(LegalRule.id).where(
            LegalRule.key == key.value, LegalRule.effective_from == effective_from
        )
    )
    if clash is not None:
        problems.append(
            FieldProblem(
                "effective_from",
                f"Đã có quy định “{key.label}” áp dụng từ {format_day(effective_from)}.",
            )
        )
    if value > 0:
        problems += _check_pair(session, key, effective_from, value)
    return problems


def _check_pair(
    session: Session, key: RuleKey, effective_from: date, value: int
) -> list[FieldProblem]:
    """A minimum must not exceed the maximum in force on its first day, and back."""
    for low, high in MIN_MAX_PAIRS:
        if key not in (low, high):
            continue
        partner = high if key is low else low
        row = _row_in_force(session, partner, effective_from)
        if row is None:
            return []
        too_high = key is low and value > row.value
        too_low = key is high and value < row.value
        if too_high or too_low:
            bound = "tối đa" if key is low else "tối thiểu"
            relation = "lớn hơn" if too_high else "nhỏ hơn"
            return [
                FieldProblem(
                    "value",
                    f"Giá trị {value:,} {relation} mức {bound} đang áp dụng ngày "
                    f"{format_day(effective_from)} ({row.value:,}).".replace(",", "."),
                )
            ]
    return []
