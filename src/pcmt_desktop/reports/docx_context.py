"""Everything a báo cáo template can say, from the figures and the officer's text.

The context has the raw figures as ``f`` and the narrative fields as ``n``; beside them
sit ready pieces that keep the templates readable in Word: the office, the period, the
comparison with the same period a year earlier (``cmp``, empty without one), and the
computed sentences of each section (see :mod:`pcmt_desktop.reports.docx_phrases`).
``CONTEXT_NAMES`` lists the top-level names, which is what an office's own copy of a
template may use.
"""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from pcmt_desktop.domain.report_periods import (
    PresetKind,
    ReportPeriod,
    period_title,
    preset,
    reporting_year,
)
from pcmt_desktop.domain.report_text import change_phrase, date_line, long_date, short_date
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.reports import docx_phrases as phrases
from pcmt_desktop.reports.docx_filters import ParagraphText
from pcmt_desktop.reports.template_catalog import TemplateSpec

Json = Mapping[str, Any]

CONTEXT_NAMES = frozenset(
    {
        "f",
        "n",
        "office",
        "period",
        "compare_year",
        "cmp",
        "labels",
        "date_line",
        "recipients",
        "areas",
        "hotspots",
        "crime",
        "admin",
        "plants",
        "roster",
        "people",
        "custody",
        "cnbb",
        "surveillance",
        "tests",
        "targets",
        "area_classes",
    }
)

# Fields written in capitals in the heading and the signature block (NĐ 30/2020).
_UPPER_FIELDS = ("co_quan_chu_quan", "co_quan", "quyen_han_ky", "chuc_vu_ky")
_DATE_FIELD = "ngay_bao_cao"
# "Số:      /BC-CAH": the blank before "/" is left for the number written at signing.
_SPACED_FIELDS = frozenset({"so_ky_hieu"})
_BULLET = re.compile(r"^[-+•*]\s*")
_LAST_RECIPIENT = "Lưu: VT."
_DATE_TEXT = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_FALLBACK_OFFICE = "Đơn vị"


class NarrativeError(ValueError):
    """A narrative field the report cannot use as typed; the message is Vietnamese."""


def build_context(
    figures: Mapping[str, Any], narrative: Mapping[str, str], spec: TemplateSpec
) -> dict[str, Any]:
    """The docxtpl context of ``spec``'s template for these figures and this text.

    Raises:
        NarrativeError: the report date is not a date.
    """
    f = {"compare_period": None, "area_classes": None, **figures}
    office = _office(f)
    period = _period(f)
    compare_year = _compare_year(f)
    texts = _narrative(narrative, spec, f, office)
    roster = phrases.roster(f)
    return {
        "f": f,
        "n": texts,
        "office": office,
        "period": period,
        "compare_year": compare_year,
        "cmp": comparisons(f, compare_year, office["sub_area_label"]),
        "labels": {key.value: key.label for key in ManagementList},
        "date_line": _date_line(narrative.get(_DATE_FIELD, ""), texts, period),
        "recipients": _recipients(narrative.get("noi_nhan", ""), office),
        "areas": phrases.areas(f),
        "hotspots": phrases.hotspots(f),
        "crime": phrases.crime(f),
        "admin": phrases.administrative(f),
        "plants": phrases.plants(f),
        "roster": roster,
        "people": {item["key"]: item for item in roster},
        "custody": phrases.custody(f),
        "cnbb": phrases.cnbb(f),
        "surveillance": phrases.surveillance(f),
        "tests": phrases.tests(f),
        "targets": phrases.targets(f),
        "area_classes": phrases.area_classes(f),
    }


# --- office, period, comparison ---------------------------------------------------------


def _office(f: Json) -> dict[str, str]:
    owner = phrases.part(f, "office")
    return {
        "name": phrases.text(owner, "name") or _FALLBACK_OFFICE,
        "parent_name": phrases.text(owner, "parent_name"),
        "level": phrases.text(owner, "level"),
        "place_name": phrases.text(owner, "place_name"),
        "sub_area_label": phrases.sub_area_label(f),
    }


def _dates(f: Json, key: str) -> tuple[date, date] | None:
    owner = phrases.part(f, key)
    start, end = phrases.text(owner, "from"), phrases.text(owner, "to")
    if not start or not end:
        return None
    return date.fromisoformat(start), date.fromisoformat(end)


def _period(f: Json) -> dict[str, Any]:
    dates = _dates(f, "period")
    if dates is None:
        return {
            "from": "",
            "to": "",
            "from_long": "",
            "to_long": "",
            "year": None,
            "start": None,
            "end": None,
        }
    start, end = dates
    return {
        "from": short_date(start),
        "to": short_date(end),
        "from_long": long_date(start),
        "to_long": long_date(end),
        "year": end.year,
        "start": start,
        "end": end,
    }


def _compare_year(f: Json) -> int | None:
    dates = _dates(f, "compare_period")
    return None if dates is None else dates[1].year


def _change(now: Json, before: Json, keys: tuple[tuple[str, str], ...], year: int | None) -> str:
    if year is None or not before:
        return ""
    changes = [(phrases.num(now, key), phrases.num(before, key), unit) for key, unit in keys]
    return change_phrase(changes, year)


def comparisons(f: Json, year: int | None, sub_area_label: str) -> dict[str, str]:
    """Each comparison clause ("giảm 06 vụ, 09 đối tượng so với cùng kỳ năm 2023"), or ""."""
    criminal = phrases.part(f, "cases", "criminal")
    administrative = phrases.part(f, "cases", "administrative")
    plants = phrases.part(f, "plants")
    clauses = {
        "criminal": _change(
            criminal,
            phrases.part(criminal, "compare"),
            (("cases", "vụ"), ("subjects", "đối tượng")),
            year,
        ),
        "administrative": _change(
            administrative,
            phrases.part(administrative, "compare"),
            (("cases", "vụ"), ("subjects", "đối tượng")),
            year,
        ),
        "plants": _change(
            plants,
            phrases.part(plants, "compare"),
            (("cases", "vụ"), ("subjects", "đối tượng")),
            year,
        ),
        "substitution": _change(
            phrases.part(f, "substitution_treatment"),
            phrases.part(f, "substitution_treatment", "compare"),
            (("after", "người"),),
            year,
        ),
        "cnbb": _change(
            phrases.part(f, "cnbb"),
            phrases.part(f, "cnbb", "compare"),
            (("created", "hồ sơ"),),
            year,
        ),
        "tests": _change(
            phrases.part(f, "tests"),
            phrases.part(f, "tests", "compare"),
            (("tested", "đối tượng"), ("positive", "trường hợp dương tính")),
            year,
        ),
        "drug_free": _change(
            phrases.part(f, "sub_areas"),
            phrases.part(f, "sub_areas", "compare"),
            (("drug_free", sub_area_label),),
            year,
        ),
    }
    for key in ManagementList:
        owner = phrases.part(f, "lists", key.value)
        clauses[key.value] = _change(
            owner, phrases.part(owner, "compare"), (("after", "người"),), year
        )
    return clauses


# --- the officer's text -----------------------------------------------------------------


def _period_names(f: Json) -> tuple[str, str] | None:
    """The names of the period and of the next one when the period is a preset."""
    dates = _dates(f, "period")
    if dates is None:
        return None
    period = ReportPeriod(*dates)
    year = reporting_year(period.start)
    candidates: list[tuple[PresetKind, int]] = [
        *((PresetKind.MONTH, month) for month in range(1, 13)),
        *((PresetKind.QUARTER, quarter) for quarter in range(1, 5)),
        (PresetKind.HALF_YEAR, 1),
        (PresetKind.NINE_MONTHS, 1),
        (PresetKind.YEAR, 1),
    ]
    for kind, number in candidates:
        if preset(kind, year, number) == period:
            return period_title(kind, period), _next_name(kind, year, number)
    return None


def _next_name(kind: PresetKind, year: int, number: int) -> str:
    if kind is PresetKind.MONTH:
        next_year, month = (year + 1, 1) if number == 12 else (year, number + 1)
        return period_title(kind, preset(kind, next_year, month))
    if kind is PresetKind.QUARTER:
        next_year, quarter = (year + 1, 1) if number == 4 else (year, number + 1)
        return period_title(kind, preset(kind, next_year, quarter))
    if kind is PresetKind.HALF_YEAR:
        return f"6 tháng cuối năm {year}"
    if kind is PresetKind.NINE_MONTHS:
        return period_title(PresetKind.QUARTER, preset(PresetKind.QUARTER, year, 4))
    return period_title(kind, preset(kind, year + 1))


def _defaults(f: Json, office: Mapping[str, str]) -> dict[str, str]:
    """What an empty field says, so that no sentence of the document is left broken."""
    names = _period_names(f)
    parent = office["parent_name"]
    closing = f"{office['name']} trân trọng báo cáo{' ' + parent if parent else ''}./."
    return {
        "co_quan_chu_quan": parent,
        "co_quan": office["name"],
        "so_ky_hieu": "      /BC",
        "dia_danh": office["place_name"],
        "can_cu": "Thực hiện chế độ báo cáo theo yêu cầu của cấp trên",
        "ky_bao_cao": names[0] if names else "trong kỳ",
        "ky_tiep_theo": names[1] if names else "thời gian tới",
        "ten_dot": "Đợt cao điểm phòng, chống ma túy",
        "giai_doan": "giai đoạn cao điểm",
        "chuc_vu_ky": f"Trưởng {office['name']}",
        "loi_ket": closing,
    }


def _narrative(
    narrative: Mapping[str, str], spec: TemplateSpec, f: Json, office: Mapping[str, str]
) -> dict[str, Any]:
    defaults = _defaults(f, office)
    texts: dict[str, Any] = {key: str(value) for key, value in narrative.items()}
    for field in spec.narrative_fields:
        typed = str(narrative.get(field.key) or "")
        typed = typed.rstrip() if field.key in _SPACED_FIELDS else typed.strip()
        value = typed if typed.strip() else defaults.get(field.key, "")
        if field.key == "can_cu":
            value = value.rstrip(" .;,:")
        if field.key in _UPPER_FIELDS:
            value = value.upper()
        if field.multiline:
            texts[field.key] = ParagraphText(value)
        elif field.key in _SPACED_FIELDS:
            texts[field.key] = value
        else:
            texts[field.key] = " ".join(value.split())
    return texts


def _parse_date(value: str) -> date:
    raw = value.strip()
    match = _DATE_TEXT.fullmatch(raw)
    try:
        if match:
            day, month, year = (int(group) for group in match.groups())
            return date(year, month, day)
        return date.fromisoformat(raw)
    except ValueError:
        raise NarrativeError(
            f"Ngày báo cáo “{raw}” không phải là ngày (ghi theo dạng ngày/tháng/năm, "
            "ví dụ 05/02/2024; để trống nếu sẽ ghi tay khi ký)."
        ) from None


def _date_line(value: str, texts: Mapping[str, Any], period: Mapping[str, Any]) -> str:
    place = str(texts.get("dia_danh") or "")
    day = _parse_date(value) if value.strip() else None
    year = period.get("year")
    return date_line(place, day, year if isinstance(year, int) else None)


def _recipients(value: str, office: Mapping[str, str]) -> list[str]:
    """One recipient a line, without the bullet the template already writes."""
    lines = [_BULLET.sub("", line.strip()) for line in value.splitlines()]
    recipients = [line for line in lines if line]
    if recipients:
        return recipients
    parent = office["parent_name"]
    return [f"{parent};", _LAST_RECIPIENT] if parent else [_LAST_RECIPIENT]
