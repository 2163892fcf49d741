"""The numbers the law fixes, read from data with the day each takes effect.

A law that changes a period or a limit is a new ``legal_rule`` row; the rule applied to
an event is the one in force on the event's day (DOMAIN.md, "The law moves").
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from pcmt_desktop.domain.errors import ValidationError
from pcmt_desktop.domain.rules import format_day
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
}


@dataclass(frozen=True)
class RuleValue:
    key: RuleKey
    effective_from: date
    value: int
    source: str


class MissingRuleError(LookupError):
    """No row of a rule is in force on the day asked (the data lacks it)."""


class LegalRules:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def value(self, key: RuleKey, on_day: date) -> int:
        """The value of ``key`` in force on ``on_day``."""
        return self.rule(key, on_day).value

    def rule(self, key: RuleKey, on_day: date) -> RuleValue:
        with self._context.reading() as session:
            row = session.scalar(
                select(LegalRule)
                .where(LegalRule.key == key.value, LegalRule.effective_from <= on_day)
                .order_by(LegalRule.effective_from.desc())
                .limit(1)
            )
            if row is None:
                raise MissingRuleError(
                    f"Chưa có quy định “{key.label}” áp dụng cho ngày {format_day(on_day)}."
                )
            return RuleValue(key, row.effective_from, row.value, row.source)

    def all_rules(self) -> list[RuleValue]:
        with self._context.reading() as session:
            rows = session.scalars(
                select(LegalRule).order_by(LegalRule.key, LegalRule.effective_from)
            )
            return [
                RuleValue(RuleKey(row.key), row.effective_from, row.value, row.source)
                for row in rows
                if row.key in RuleKey._value2member_map_
            ]

    def add_rule(self, key: RuleKey, effective_from: date, value: int, source: str) -> RuleValue:
        """A new law: the value applies to events from ``effective_from`` on."""
        if value < 0:
            raise ValidationError.single("value", "Giá trị quy định không được âm.")
        with self._context.unit_of_work() as session:
            clash = session.scalar(
                select(LegalRule).where(
                    LegalRule.key == key.value, LegalRule.effective_from == effective_from
                )
            )
            if clash is not None:
                raise ValidationError.single(
                    "effective_from",
                    f"Đã có quy định “{key.label}” áp dụng từ {format_day(effective_from)}.",
                )
            row = LegalRule(
                key=key.value, effective_from=effective_from, value=value, source=source.strip()
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
        return RuleValue(key, effective_from, value, source.strip())
