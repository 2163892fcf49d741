"""The kinds of dated facts kept about a person, described once for services and forms.

Each kind is a table of half-open periods (see domain.periods) plus a few fields. The
form, the validation and the audit all read this description, so adding a kind is one
entry here and one model.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from pcmt_desktop.domain.vocabulary import (
    END_REASONS,
    START_REASONS,
    AddictLocation,
    CustodyKind,
    ManagementList,
    SurveillanceCategory,
    SurveillanceClass,
)
from pcmt_desktop.store.models import (
    AddictLocationStay,
    CustodyStay,
    ListStay,
    PersonPeriod,
    RetailSellerRole,
    SubstitutionTreatment,
    Surveillance,
)


class HistoryKind(StrEnum):
    LIST = "list_stay"
    ADDICT_LOCATION = "addict_location"
    TREATMENT = "substitution_treatment"
    SURVEILLANCE = "surveillance"
    RETAIL_SELLER = "retail_seller"
    CUSTODY = "custody"


@dataclass(frozen=True)
class FieldSpec:
    """One field besides the dates. ``choices`` fix the values; ``suggestions`` only help."""

    name: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[str, ...] = ()
    required: bool = False
    with_end: bool = False  # belongs to the end of the period (e.g. the end reason)

    def label_of(self, value: str) -> str:
        return dict(self.choices).get(value, value)


HistoryModel: TypeAlias = type[PersonPeriod]


@dataclass(frozen=True)
class KindSpec:
    kind: HistoryKind
    label: str
    model: HistoryModel
    fields: tuple[FieldSpec, ...]
    start_label: str = "Từ ngày"
    end_label: str = "Đến ngày"

    def field(self, name: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.name == name)


LIST_CHOICES = tuple((item.value, item.short_label) for item in ManagementList)

KIND_SPECS: dict[HistoryKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            HistoryKind.LIST,
            "Diện quản lý",
            ListStay,
            (
                FieldSpec("list_key", "Diện", choices=LIST_CHOICES, required=True),
                FieldSpec(
                    "start_reason", "Lý do đưa vào", suggestions=START_REASONS, required=True
                ),
                FieldSpec("end_reason", "Lý do thanh loại", suggestions=END_REASONS, with_end=True),
                FieldSpec("note", "Ghi chú"),
            ),
            start_label="Đưa vào ngày",
            end_label="Thanh loại ngày",
        ),
        KindSpec(
            HistoryKind.ADDICT_LOCATION,
            "Nơi ở của người nghiện",
            AddictLocationStay,
            (
                FieldSpec(
                    "location",
                    "Nơi ở",
                    choices=tuple((item.value, item.label) for item in AddictLocation),
                    required=True,
                ),
                FieldSpec("facility", "Tên cơ sở cai nghiện"),
            ),
        ),
        KindSpec(
            HistoryKind.TREATMENT,
            "Điều trị thay thế",
            SubstitutionTreatment,
            (FieldSpec("facility", "Cơ sở điều trị"),),
        ),
        KindSpec(
            HistoryKind.SURVEILLANCE,
            "Sưu tra, hiềm nghi",
            Surveillance,
            (
                FieldSpec(
                    "category",
                    "Danh mục",
                    choices=tuple((item.value, item.value) for item in SurveillanceCategory),
                    required=True,
                ),
                FieldSpec(
                    "surveillance_class",
                    "Loại",
                    choices=tuple((item.value, f"Loại {item.value}") for item in SurveillanceClass),
                    required=True,
                ),
                FieldSpec("note", "Ghi chú"),
            ),
            start_label="Ngày lập",
            end_label="Ngày đóng",
        ),
        KindSpec(
            HistoryKind.RETAIL_SELLER,
            "Bán lẻ trái phép chất ma túy",
            RetailSellerRole,
            (FieldSpec("place_note", "Địa điểm, tụ điểm liên quan"),),
        ),
        KindSpec(
            HistoryKind.CUSTODY,
            "Trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng",
            CustodyStay,
            (
                FieldSpec(
                    "kind",
                    "Nơi",
                    choices=tuple((item.value, item.label) for item in CustodyKind),
                    required=True,
                ),
                FieldSpec("place", "Tên trại, cơ sở"),
            ),
        ),
    )
}
