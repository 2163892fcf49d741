"""The yearly class of an area under Quyết định 28/2025/QĐ-TTg, and why.

Each year a commune proposes a class for itself (and may do so for its sub-areas): drug-free
(không ma túy), or a key area of type I, II or III. The rules, from the figures of the
registries (DOMAIN.md, "Classifying areas"):

- drug-free: no resident addict or user with a management file other than the excepted ones
  (substitution treatment, home/community rehab, post-rehab), no resident who broke drug law,
  no wanted drug offender hiding there, no place organising or harbouring drug use;
- type I: at least N_I of (a) rate of addicts and users to population, (b) harbouring
  places, (c) rate of drug offenders arrested to population, (d) plants or m² destroyed,
  each at the type-I level, and (đ) two or more criteria of type II or higher while lying
  on a key route;
- type II: at least N_II of the same at the type-II level, (đ) being two or more criteria
  of type III or higher on a key route;
- type III: at least one of (a)–(d) at the type-III level (a figure above zero).

Places have no type-III band in the decision: one place is already type II, so it counts
for type III too under the reading below. Plants found with nobody to blame do not break
drug-free (DOMAIN.md names four obstacles only).

Every criterion figure falls in one band ("level"): type I, II, III, or none when it is
zero — a zero count never makes an area type III. A type counts the criteria whose level
is that type *or higher*: the decision's own words for (đ) ("loại III trở lên"), read the
same way for (a)–(d) so that a figure worse than a type's band never takes a criterion
away (an area with a type-I rate and a type-II place is not left without any class).
The class then only grows when a figure grows.

Thresholds are legal-rule data with the day they take effect (``Thresholds.from_rules``);
rates are compared exactly, as whole numbers per 10 000 residents.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pcmt_desktop.domain.report_text import area_m2, count, percent

if TYPE_CHECKING:
    from pcmt_desktop.services.legal import RuleBook

PER_10K = 10_000
# "ít nhất một trong các tiêu chí" — part of the rule's shape, not a threshold that moves.
TYPE_III_MIN_CRITERIA = 1
# (đ) asks for "từ 02 tiêu chí trở lên" of the type below.
KEY_ROUTE_MIN_CRITERIA = 2
RATE_PLACES = 2
NO_POPULATION = "Chưa có số nhân khẩu"


class AreaClass(StrEnum):
    DRUG_FREE = "khong_ma_tuy"
    TYPE_I = "loai_1"
    TYPE_II = "loai_2"
    TYPE_III = "loai_3"

    @property
    def label(self) -> str:
        return _CLASS_LABELS[self]

    @property
    def severity(self) -> int:
        """0 for drug-free, then 1 (type III) to 3 (type I): how grave the situation is."""
        return _SEVERITY[self]


_CLASS_LABELS = {
    AreaClass.DRUG_FREE: "Không có tệ nạn ma túy",
    AreaClass.TYPE_I: "Loại I",
    AreaClass.TYPE_II: "Loại II",
    AreaClass.TYPE_III: "Loại III",
}
_SEVERITY = {
    AreaClass.DRUG_FREE: 0,
    AreaClass.TYPE_III: 1,
    AreaClass.TYPE_II: 2,
    AreaClass.TYPE_I: 3,
}
KEY_TYPES = (AreaClass.TYPE_I, AreaClass.TYPE_II, AreaClass.TYPE_III)


class CriterionKey(StrEnum):
    PERSONS_RATE = "persons_rate"
    PLACES = "places"
    ARRESTS_RATE = "arrests_rate"
    PLANTS = "plants"
    KEY_ROUTE = "key_route"

    @property
    def label(self) -> str:
        return _CRITERION_LABELS[self]


_CRITERION_LABELS = {
    CriterionKey.PERSONS_RATE: (
        "Tỷ lệ người nghiện, người sử dụng trái phép chất ma túy có hồ sơ quản lý "
        "trên số dân đang cư trú"
    ),
    CriterionKey.PLACES: "Số điểm tổ chức, chứa chấp việc sử dụng trái phép chất ma túy",
    CriterionKey.ARRESTS_RATE: (
        "Tỷ lệ người phạm tội về ma túy bị bắt giữ trên số dân đang cư trú"
    ),
    CriterionKey.PLANTS: (
        "Số cây, diện tích cây có chứa chất ma túy bị phát hiện, triệt phá trong kỳ"
    ),
    CriterionKey.KEY_ROUTE: (
        "Nằm trên tuyến trọng điểm phức tạp về ma túy và đạt từ 02 tiêu chí "
        "của loại liền dưới trở lên"
    ),
}
# The short names used inside the reasons' sentences.
_CRITERION_NAMES = {
    CriterionKey.PERSONS_RATE: "tỷ lệ người nghiện, sử dụng có hồ sơ",
    CriterionKey.PLACES: "điểm tổ chức, chứa chấp",
    CriterionKey.ARRESTS_RATE: "tỷ lệ người phạm tội bị bắt",
    CriterionKey.PLANTS: "cây có chứa chất ma túy bị triệt phá",
    CriterionKey.KEY_ROUTE: "trên tuyến trọng điểm",
}


@dataclass(frozen=True)
class AreaFigures:
    """What the registries say about one area over the period (see the module note).

    ``persons``: addicts and users with a management file at the end of the period;
    ``persons_excepted``: of them, those the drug-free rule excepts (substitution
    treatment); ``harbouring_places``: active complex hotspots at the end;
    ``offenders``: subjects of criminal cases in the period; ``plants``/``plant_m2``:
    destroyed in the period; ``lawbreakers``: subjects of criminal and administrative
    cases in the period; ``wanted``: wanted drug offenders hiding there (no registry yet).
    """

    name: str
    population: int | None
    on_key_route: bool
    persons: int = 0
    persons_excepted: int = 0
    harbouring_places: int = 0
    offenders: int = 0
    plants: int = 0
    plant_m2: float = 0.0
    lawbreakers: int = 0
    wanted: int = 0
    is_office: bool = False

    @property
    def has_population(self) -> bool:
        return self.population is not None and self.population > 0


@dataclass(frozen=True)
class Thresholds:
    """The decision's numbers in force on one day; rates per 10 000 residents (0,5% = 50)."""

    persons_i_per_10k: int
    persons_ii_per_10k: int
    places_i: int
    places_ii: int
    arrests_i_per_10k: int
    arrests_ii_per_10k: int
    plants_i: int
    plants_ii: int
    plant_m2_i: int
    plant_m2_ii: int
    min_criteria_i: int
    min_criteria_ii: int

    @classmethod
    def from_rules(cls, book: "RuleBook", day: date) -> "Thresholds":
        """The thresholds in force on ``day`` (for a period: its last day).

        Raises:
            MissingRuleError: no row of some threshold is in force on ``day`` (a period
                that ends before the decision took effect).
        """
        # Imported here: the rule keys belong to the legal-rules service, and the domain
        # must load without the service layer (only this adapter needs it).
        from pcmt_desktop.services.legal import RuleKey

        return cls(
            persons_i_per_10k=book.value(RuleKey.AREA_I_PERSONS_PER_10K, day),
            persons_ii_per_10k=book.value(RuleKey.AREA_II_PERSONS_PER_10K, day),
            places_i=book.value(RuleKey.AREA_I_PLACES, day),
            places_ii=book.value(RuleKey.AREA_II_PLACES, day),
            arrests_i_per_10k=book.value(RuleKey.AREA_I_ARRESTS_PER_10K, day),
            arrests_ii_per_10k=book.value(RuleKey.AREA_II_ARRESTS_PER_10K, day),
            plants_i=book.value(RuleKey.AREA_I_PLANTS, day),
            plants_ii=book.value(RuleKey.AREA_II_PLANTS, day),
            plant_m2_i=book.value(RuleKey.AREA_I_PLANT_M2, day),
            plant_m2_ii=book.value(RuleKey.AREA_II_PLANT_M2, day),
            min_criteria_i=book.value(RuleKey.AREA_I_MIN_CRITERIA, day),
            min_criteria_ii=book.value(RuleKey.AREA_II_MIN_CRITERIA, day),
        )

    def min_criteria(self, area_class: AreaClass) -> int:
        if area_class is AreaClass.TYPE_I:
            return self.min_criteria_i
        if area_class is AreaClass.TYPE_II:
            return self.min_criteria_ii
        return TYPE_III_MIN_CRITERIA


@dataclass(frozen=True)
class CriterionResult:
    """One criterion: its figure, how the báo cáo writes it, and the band it falls in.

    ``figure`` is the number compared: a rate in percent, a count of places, of plants
    (the m² are in ``figure_text``), or for (đ) the criteria of type III or higher met on
    a key route (0 off a key route). ``level`` is the gravest type whose band the figure
    falls in, None when it falls in none (a zero, or a rate without a population).
    """

    key: CriterionKey
    label: str
    figure: float
    figure_text: str
    threshold_text: str
    level: AreaClass | None

    def reaches(self, area_class: AreaClass) -> bool:
        """Counts for ``area_class``: its level is that type or a graver one."""
        return self.level is not None and self.level.severity >= area_class.severity


@dataclass(frozen=True)
class AreaProposal:
    proposed: AreaClass | None
    criteria: list[CriterionResult]
    reasons: list[str]


# --- the criteria ------------------------------------------------------------------------------
def _band(reaches_i: bool, reaches_ii: bool, above_zero: bool) -> AreaClass | None:
    """The gravest band a figure reaches; type III needs only a figure above zero."""
    if reaches_i:
        return AreaClass.TYPE_I
    if reaches_ii:
        return AreaClass.TYPE_II
    return AreaClass.TYPE_III if above_zero else None


def _rate_text(people: int, population: int | None, unit: str) -> str:
    """ "0,42% (21 người)": the rate floored to 0,01%, so that it never reads as reaching a
    threshold (whole numbers per 10 000) that it does not reach."""
    if population is None or population <= 0:
        return f"{NO_POPULATION} ({count(people, unit)})"
    if people == 0:
        return "0%"
    hundredths = (Decimal(people) * PER_10K / Decimal(population)).to_integral_value(ROUND_FLOOR)
    rate = "dưới 0,01%" if hundredths == 0 else percent(float(hundredths / 100), RATE_PLACES)
    return f"{rate} ({count(people, unit)})"


def _per_10k_text(per_10k: int) -> str:
    return percent(per_10k / 100, RATE_PLACES)


def _rate_thresholds(i_per_10k: int, ii_per_10k: int) -> str:
    low, high = _per_10k_text(ii_per_10k), _per_10k_text(i_per_10k)
    return f"Loại I: từ {high}; loại II: từ {low} đến dưới {high}; loại III: dưới {low}"


def _rate_criterion(
    key: CriterionKey, people: int, population: int | None, *, unit: str, i: int, ii: int
) -> CriterionResult:
    level = None
    figure = 0.0
    if population is not None and population > 0:
        figure = people * 100 / population
        # Exact: people / population >= t / 10 000 in whole numbers, no float on the edge.
        scaled = people * PER_10K
        level = _band(scaled >= i * population, scaled >= ii * population, people > 0)
    return CriterionResult(
        key=key,
        label=key.label,
        figure=figure,
        figure_text=_rate_text(people, population, unit),
        threshold_text=_rate_thresholds(i, ii),
        level=level,
    )


def _places_criterion(places: int, t: Thresholds) -> CriterionResult:
    level = _band(places >= t.places_i, places >= t.places_ii, False)
    if t.places_i - t.places_ii == 1:
        band_ii = count(t.places_ii, "điểm")
    else:
        band_ii = f"từ {count(t.places_ii, 'điểm')} đến dưới {count(t.places_i, 'điểm')}"
    return CriterionResult(
        key=CriterionKey.PLACES,
        label=CriterionKey.PLACES.label,
        figure=places,
        figure_text=count(places, "điểm"),
        threshold_text=f"Loại I: từ {count(t.places_i, 'điểm')}; loại II: {band_ii}",
        level=level,
    )


def _plants_criterion(plants: int, m2: float, t: Thresholds) -> CriterionResult:
    level = _band(
        plants >= t.plants_i or m2 >= t.plant_m2_i,
        plants >= t.plants_ii or m2 >= t.plant_m2_ii,
        plants > 0 or m2 > 0,
    )
    plants_i, plants_ii = count(t.plants_i, "cây"), count(t.plants_ii, "cây")
    m2_i, m2_ii = area_m2(t.plant_m2_i), area_m2(t.plant_m2_ii)
    return CriterionResult(
        key=CriterionKey.PLANTS,
        label=CriterionKey.PLANTS.label,
        figure=plants,
        figure_text=f"{count(plants, 'cây')} / {area_m2(m2)}",
        threshold_text=(
            f"Loại I: từ {plants_i} hoặc từ {m2_i}; loại II: từ {plants_ii} đến dưới "
            f"{plants_i} hoặc từ {m2_ii} đến dưới {m2_i}; loại III: dưới {plants_ii} "
            f"hoặc dưới {m2_ii}"
        ),
        level=level,
    )


def _key_route_criterion(on_key_route: bool, others: Sequence[CriterionResult]) -> CriterionResult:
    """(đ): on a key route with two or more criteria of the type below, or graver."""
    reaching_ii = sum(criterion.reaches(AreaClass.TYPE_II) for criterion in others)
    reaching_iii = sum(criterion.reaches(AreaClass.TYPE_III) for criterion in others)
    level = None
    text = "Không nằm trên tuyến trọng điểm"
    if on_key_route:
        level = _band(
            reaching_ii >= KEY_ROUTE_MIN_CRITERIA, reaching_iii >= KEY_ROUTE_MIN_CRITERIA, False
        )
        text = (
            f"Trên tuyến trọng điểm; {count(reaching_ii, 'tiêu chí')} loại II trở lên, "
            f"{count(reaching_iii, 'tiêu chí')} loại III trở lên"
        )
    need = count(KEY_ROUTE_MIN_CRITERIA, "tiêu chí")
    return CriterionResult(
        key=CriterionKey.KEY_ROUTE,
        label=CriterionKey.KEY_ROUTE.label,
        figure=reaching_iii if on_key_route else 0,
        figure_text=text,
        threshold_text=(
            f"Loại I: trên tuyến trọng điểm, từ {need} loại II trở lên; "
            f"loại II: trên tuyến trọng điểm, từ {need} loại III trở lên"
        ),
        level=level,
    )


def criteria_of(figures: AreaFigures, thresholds: Thresholds) -> list[CriterionResult]:
    """The five criteria (a)–(đ) of the decision with their figures and levels."""
    t = thresholds
    measured = [
        _rate_criterion(
            CriterionKey.PERSONS_RATE,
            figures.persons,
            figures.population,
            unit="người",
            i=t.persons_i_per_10k,
            ii=t.persons_ii_per_10k,
        ),
        _places_criterion(figures.harbouring_places, t),
        _rate_criterion(
            CriterionKey.ARRESTS_RATE,
            figures.offenders,
            figures.population,
            unit="đối tượng",
            i=t.arrests_i_per_10k,
            ii=t.arrests_ii_per_10k,
        ),
        _plants_criterion(figures.plants, figures.plant_m2, t),
    ]
    return [*measured, _key_route_criterion(figures.on_key_route, measured)]


# --- drug-free ---------------------------------------------------------------------------------
def _drug_free_obstacles(figures: AreaFigures) -> list[str]:
    """What keeps the area from being drug-free, each as a phrase; empty when it is."""
    obstacles = []
    unexcepted = figures.persons - figures.persons_excepted
    if unexcepted > 0:
        obstacles.append(
            f"{count(unexcepted, 'người')} nghiện, sử dụng trái phép chất ma túy có hồ sơ "
            "quản lý (không thuộc trường hợp loại trừ)"
        )
    if figures.lawbreakers > 0:
        obstacles.append(
            f"{count(figures.lawbreakers, 'người')} vi phạm pháp luật về ma túy trong kỳ"
        )
    if figures.wanted > 0:
        obstacles.append(f"{count(figures.wanted, 'đối tượng')} truy nã về ma túy lẩn trốn")
    if figures.harbouring_places > 0:
        obstacles.append(
            f"{count(figures.harbouring_places, 'điểm')} tổ chức, chứa chấp sử dụng trái phép "
            "chất ma túy"
        )
    return obstacles


def is_drug_free(figures: AreaFigures) -> bool:
    """The drug-free test alone: it needs no threshold and no population."""
    return not _drug_free_obstacles(figures)


def _drug_free_reasons(figures: AreaFigures) -> list[str]:
    reasons = [
        "Đủ điều kiện địa bàn không ma túy: không có người nghiện, người sử dụng trái phép "
        "chất ma túy có hồ sơ quản lý, không có người vi phạm pháp luật về ma túy, không có "
        "đối tượng truy nã về ma túy lẩn trốn, không có điểm tổ chức, chứa chấp sử dụng trái "
        "phép chất ma túy."
    ]
    if figures.persons_excepted > 0:
        reasons.append(
            f"{count(figures.persons_excepted, 'người')} nghiện, sử dụng đang điều trị thay "
            "thế thuộc trường hợp loại trừ."
        )
    return reasons


# --- the classification ------------------------------------------------------------------------
def _type_name(area_class: AreaClass) -> str:
    """ "loại II" inside a sentence (the label with a small initial)."""
    return area_class.label[:1].lower() + area_class.label[1:]


def _met_text(met: Sequence[CriterionResult]) -> str:
    return "; ".join(f"{_CRITERION_NAMES[c.key]} {c.figure_text}" for c in met)


def _type_sentence(
    area_class: AreaClass, met: Sequence[CriterionResult], total: int, need: int
) -> str:
    tail = f": {_met_text(met)}" if met else ""
    need_text = f"cần từ {count(need, 'tiêu chí')}"
    if area_class is AreaClass.TYPE_III:
        return f"Đạt tiêu chí loại III ({need_text}){tail}."
    return f"Đạt {len(met)}/{total} tiêu chí {_type_name(area_class)} ({need_text}){tail}."


def _missed_sentence(area_class: AreaClass, met: Sequence[CriterionResult], need: int) -> str:
    return (
        f"Chưa đạt {_type_name(area_class)}: đạt {count(len(met), 'tiêu chí')}, "
        f"cần từ {count(need, 'tiêu chí')}."
    )


def classify(figures: AreaFigures, thresholds: Thresholds) -> AreaProposal:
    """The proposed class: drug-free first, then type I, II, III; None when none fits.

    None comes with the reason: a population not yet entered (no rate can be worked out),
    or an area that is not drug-free although every criterion figure is zero.
    """
    criteria = criteria_of(figures, thresholds)
    obstacles = _drug_free_obstacles(figures)
    if not obstacles:
        return AreaProposal(AreaClass.DRUG_FREE, criteria, _drug_free_reasons(figures))
    reasons = [f"Chưa đủ điều kiện địa bàn không ma túy, còn: {'; '.join(obstacles)}."]
    if not figures.has_population:
        reasons.append(
            f"{NO_POPULATION} của địa bàn nên chưa tính được tỷ lệ trên số dân; "
            "hãy nhập số nhân khẩu trong thông tin đơn vị để đề xuất phân loại."
        )
        return AreaProposal(None, criteria, reasons)
    for area_class in KEY_TYPES:
        # (đ) belongs to types I and II only; the type-III list has no key-route criterion.
        candidates = [
            c
            for c in criteria
            if area_class is not AreaClass.TYPE_III or c.key is not CriterionKey.KEY_ROUTE
        ]
        met = [c for c in candidates if c.reaches(area_class)]
        need = thresholds.min_criteria(area_class)
        if len(met) >= need:
            reasons.append(_type_sentence(area_class, met, len(candidates), need))
            return AreaProposal(area_class, criteria, reasons)
        if area_class is not AreaClass.TYPE_III:
            reasons.append(_missed_sentence(area_class, met, need))
    reasons.append(
        "Không đạt tiêu chí nào của loại III: số người nghiện, sử dụng có hồ sơ, số điểm tổ "
        "chức, chứa chấp, số người phạm tội bị bắt và số cây có chứa chất ma túy bị triệt phá "
        "đều bằng 0. Đề nghị cán bộ xem xét, quyết định."
    )
    return AreaProposal(None, criteria, reasons)


def to_json(proposal: AreaProposal, figures: AreaFigures) -> dict[str, Any]:
    """The shape the templates and the annex read (the figures' "area_classes" rows)."""
    proposed = proposal.proposed
    return {
        "name": figures.name,
        "is_office": figures.is_office,
        "population": figures.population,
        "on_key_route": figures.on_key_route,
        "proposed": None if proposed is None else proposed.value,
        "proposed_label": "Chưa đề xuất" if proposed is None else proposed.label,
        "criteria": [
            {
                "key": criterion.key.value,
                "label": criterion.label,
                "figure_text": criterion.figure_text,
                "threshold_text": criterion.threshold_text,
                "level": None if criterion.level is None else criterion.level.value,
                "level_label": "" if criterion.level is None else criterion.level.label,
            }
            for criterion in proposal.criteria
        ],
        "reasons": list(proposal.reasons),
        "figures": {
            "persons": figures.persons,
            "persons_excepted": figures.persons_excepted,
            "harbouring_places": figures.harbouring_places,
            "offenders": figures.offenders,
            "plants": figures.plants,
            "plant_m2": figures.plant_m2,
            "lawbreakers": figures.lawbreakers,
            "wanted": figures.wanted,
        },
    }
