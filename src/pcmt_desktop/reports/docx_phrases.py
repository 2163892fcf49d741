"""The computed sentences of the báo cáo, shaped from the figures for the Word templates.

The templates keep the wording an officer may change; what needs a decision per number
(a zero written "không có", a list of names, a reason in lower case, a breakdown left
out when empty) is shaped here, once, so that the templates stay readable in Word.
Every number goes through :mod:`pcmt_desktop.domain.report_text`.

The figures arrive as JSON (INTERCHANGE.md §2 plus added keys); every reader here
tolerates a key that an older or smaller figures object leaves out.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from pcmt_desktop.domain.number_text import format_decimal
from pcmt_desktop.domain.report_periods import ReportPeriod, is_reporting_year
from pcmt_desktop.domain.report_text import (
    area_m2,
    count,
    counts_by_name,
    grams,
    money,
    ordinal_list,
    percent,
    share,
    short_date,
)
from pcmt_desktop.domain.vocabulary import (
    MOVE_END_REASON,
    MOVE_START_REASON,
    ManagementList,
)
from pcmt_desktop.reports.docx_filters import (
    NONE_TEXT,
    count_or_none,
    inline_place,
    lower_first,
    upper_first,
)

Json = Mapping[str, Any]

# Tests whose positive rate is below the office's are named, lowest first, up to this many.
LOWEST_RATE_NAMED = 5

# The order of seed 001's section II: addicts first, post-rehab last.
ROSTER_ORDER = (
    ManagementList.ADDICT,
    ManagementList.USER,
    ManagementList.SUSPECTED_ADDICT,
    ManagementList.SUSPECTED_USER,
    ManagementList.POST_REHAB,
)
SUBSTITUTION_TITLE = "Số người điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế"
OTHER_SURVEILLANCE = "Đối tượng khác"
DEFAULT_SUB_AREA_LABEL = "địa bàn"


# Seized items in the order the seeds list them, with how each is written.
_SEIZED_GRAMS = (
    ("heroin_g", "heroin"),
    ("methamphetamine_g", "methamphetamine"),
    ("cannabis_g", "cần sa"),
    ("other_g", "ma túy khác"),
)
_SEIZED_COUNTS = (
    ("pills", "viên ma túy tổng hợp"),
    ("vehicles", "phương tiện"),
    ("phones", "điện thoại di động"),
)

_SUBSTANCES = (
    ("methamphetamine", "methamphetamine"),
    ("heroin", "heroin"),
    ("mdma", "MDMA"),
    ("ketamine", "ketamine"),
    ("can_sa", "cần sa"),
    ("khac", "chất khác"),
)

# Target measures as the table's columns (services/target_progress.py's Measure keys).
TARGET_MEASURES = ("tests_per_day", "dossiers", "surveillance_openings", "cases")


# --- reading the JSON -------------------------------------------------------------------


def part(owner: Any, *path: str) -> Json:
    """The object at ``path``; an empty mapping when any step is missing or null."""
    current = owner
    for key in path:
        current = current.get(key) if isinstance(current, Mapping) else None
    return current if isinstance(current, Mapping) else {}


def rows(owner: Any, key: str = "by_sub_area") -> list[Json]:
    value = owner.get(key) if isinstance(owner, Mapping) else None
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def num(owner: Any, key: str) -> int:
    value = owner.get(key) if isinstance(owner, Mapping) else None
    return int(value) if isinstance(value, int | float) else 0


def amount(owner: Any, key: str) -> float:
    value = owner.get(key) if isinstance(owner, Mapping) else None
    return float(value) if isinstance(value, int | float) else 0.0


def text(owner: Any, key: str) -> str:
    value = owner.get(key) if isinstance(owner, Mapping) else None
    return str(value).strip() if value is not None else ""


def sub_area_label(figures: Json) -> str:
    """How the office calls its sub-areas ("xã, thị trấn"); "địa bàn" when not set."""
    return text(part(figures, "office"), "sub_area_label") or DEFAULT_SUB_AREA_LABEL


def list_label(key: str) -> str:
    try:
        return ManagementList(key).label
    except ValueError:
        return OTHER_SURVEILLANCE if key == "khac" else key


def _area_counts(pairs: Iterable[tuple[str, int]]) -> str:
    """ "xã Đồng Mai (09), xã Hòa Tiến (05)" — sub-areas with a non-zero count."""
    return counts_by_name([(inline_place(name), n) for name, n in pairs if n])


# --- section II of the campaign report: the lists ---------------------------------------


def _breakdown(
    by_reason: Json, by_list: Json, move_reason: str, move_words: str
) -> list[tuple[str, int]]:
    """Reasons with their counts; a move between lists is split by the other list."""
    parts: list[tuple[str, int]] = []
    for reason, n in by_reason.items():
        if not isinstance(n, int) or n <= 0:
            continue
        if reason == move_reason and by_list:
            named = 0
            for key, moved in by_list.items():
                if isinstance(moved, int) and moved > 0:
                    parts.append((f"{move_words} danh sách {lower_first(list_label(key))}", moved))
                    named += moved
            if n > named:
                parts.append((lower_first(reason), n - named))
        else:
            parts.append((lower_first(str(reason)), n))
    return parts


def _movement_part(verb: str, total: int, reasons: list[tuple[str, int]]) -> str:
    if total == 0:
        return f"không {verb}"
    head = f"{verb} {count(total, 'người')}"
    if not reasons:
        return head
    if len(reasons) == 1 and reasons[0][1] == total:
        return f"{head} ({reasons[0][0]})"
    listed = ", ".join(f"{count(n)} {reason}" for reason, n in reasons)
    return f"{head} (trong đó {listed})"


def movement(owner: Json) -> str:
    """ "Bổ sung 23 người (trong đó 01 …, 22 …); thanh loại 13 người (hết thời gian quản lý)"."""
    added = _breakdown(
        part(owner, "added_by_reason"),
        part(owner, "added_from_list"),
        MOVE_START_REASON,
        "chuyển từ",
    )
    removed = _breakdown(
        part(owner, "removed_by_reason"),
        part(owner, "removed_to_list"),
        MOVE_END_REASON,
        "chuyển sang",
    )
    phrase = (
        f"{_movement_part('bổ sung', num(owner, 'added'), added)}; "
        f"{_movement_part('thanh loại', num(owner, 'removed'), removed)}"
    )
    return upper_first(phrase)


def _location(total: int, location: Json) -> str:
    """ "ngoài cộng đồng 79, trong cơ sở cai nghiện bắt buộc 35", or "" without addicts."""
    if total == 0 or not location:
        return ""
    community, facility = num(location, "community"), num(location, "facility")
    return f"ngoài cộng đồng {count(community)}, trong cơ sở cai nghiện bắt buộc {count(facility)}"


def _with_location(total: int, location: Json) -> str:
    split = _location(total, location)
    persons = count_or_none(total, "người")
    return f"{persons} ({split})" if split else persons


def roster(figures: Json) -> list[dict[str, Any]]:
    """One numbered item per list, then substitution treatment (seed 001, section II)."""
    items: list[dict[str, Any]] = []
    location = part(figures, "addicts_location")
    for key in ROSTER_ORDER:
        owner = part(figures, "lists", key.value)
        before, after = num(owner, "before"), num(owner, "after")
        # Only addicts are split between the community and a rehab facility.
        where = location if key is ManagementList.ADDICT else {}
        items.append(
            {
                "key": key.value,
                "title": f"Số {lower_first(key.label)}",
                "count": count_or_none(after, "người"),
                "split": _location(after, part(where, "after")),
                "before": _with_location(before, part(where, "before")),
                "after": _with_location(after, part(where, "after")),
                "movement": movement(owner),
            }
        )
    treatment = part(figures, "substitution_treatment")
    items.append(
        {
            "key": "substitution_treatment",
            "title": SUBSTITUTION_TITLE,
            "count": count_or_none(num(treatment, "after"), "người"),
            "split": "",
            "before": count_or_none(num(treatment, "before"), "người"),
            "after": count_or_none(num(treatment, "after"), "người"),
            "movement": movement(treatment),
        }
    )
    for number, item in enumerate(items, start=1):
        item["number"] = number
        item["had"] = _there_is(item["before"])
        item["has"] = _there_is(item["after"])
    return items


def _there_is(amount_text: str) -> str:
    """ "có 91 người (…)" or "không có" — what follows "trước ngày …" in a sentence."""
    return amount_text if amount_text == NONE_TEXT else f"có {amount_text}"


def custody(figures: Json) -> dict[str, Any]:
    """Persons in prisons, compulsory education or reformatories, with each sub-area's count."""
    owner = part(figures, "custody")
    return {
        "after": count_or_none(num(owner, "after"), "người"),
        "by_area": _area_counts((text(row, "sub_area"), num(row, "after")) for row in rows(owner)),
        "before": count(num(owner, "before")),
        "added": count(num(owner, "added")),
        "removed": count(num(owner, "removed")),
        "changed": any(num(owner, key) for key in ("before", "added", "removed")),
    }


# --- dossiers, surveillance, hotspots ---------------------------------------------------


def _person(row: Json, *, address: bool) -> str:
    pieces = [text(row, "full_name")]
    birth_year = row.get("birth_year")
    if isinstance(birth_year, int):
        pieces.append(f"sinh năm {birth_year}")
    place = ", ".join(
        inline_place(value) for value in (text(row, "village"), text(row, "sub_area")) if value
    )
    if place:
        pieces.append(f"trú tại {place}" if address else place)
    return ", ".join(piece for piece in pieces if piece)


def cnbb(figures: Json) -> dict[str, str]:
    owner = part(figures, "cnbb")
    progress = [
        (num(owner, "sent_to_court"), "đã chuyển Tòa án {} hồ sơ"),
        (num(owner, "decided"), "Tòa án đã quyết định {} trường hợp"),
        (num(owner, "executed"), "đã đưa đi cai nghiện bắt buộc {} trường hợp"),
    ]
    return {
        "created": count_or_none(num(owner, "created"), "trường hợp"),
        "created_files": count_or_none(num(owner, "created"), "hồ sơ"),
        "persons": "; ".join(_person(row, address=True) for row in rows(owner, "created_persons")),
        "progress": "; ".join(words.format(count(n)) for n, words in progress if n),
    }


def _surveillance_detail(owner: Json) -> str:
    categories = part(owner, "categories")
    classes = part(owner, "classes")
    listed = ", ".join(
        f"{count(n)} {name}" for name, n in categories.items() if isinstance(n, int) and n
    )
    class_text = ", ".join(f"loại {name}: {count(num(classes, name))}" for name in ("A", "B"))
    return f"{listed}; {class_text}" if listed else class_text


def surveillance(figures: Json) -> dict[str, Any]:
    owner = part(figures, "surveillance")
    lines = []
    for key, item in part(owner, "by_list").items():
        total = num(item, "total")
        if total == 0:
            continue
        lines.append(
            {
                "label": list_label(key),
                "total": count(total, "đối tượng"),
                "detail": _surveillance_detail(item),
                "by_area": _area_counts(
                    (text(row, "sub_area"), num(row, "count")) for row in rows(item)
                ),
            }
        )
    opened = part(owner, "opened")
    return {
        "total": num(owner, "total"),
        "total_text": count_or_none(num(owner, "total"), "đối tượng"),
        "lists": _ends(lines),
        "opened": num(opened, "total"),
        "opened_text": count(num(opened, "total"), "đối tượng"),
        "opened_detail": _surveillance_detail(opened),
        "opened_by_area": _area_counts(
            (text(row, "sub_area"), num(row, "count")) for row in rows(opened)
        ),
    }


def _point(row: Json, *, fight: bool) -> str:
    place = ", ".join(
        inline_place(value) for value in (text(row, "address"), text(row, "sub_area")) if value
    )
    words = ", ".join(piece for piece in (text(row, "name"), place) if piece)
    months, entered = row.get("fight_months"), text(row, "entered_on")
    if fight and isinstance(months, int) and entered:
        words += f", thời gian đấu tranh {months} tháng kể từ ngày {short_date(entered)}"
    return words


def _named(total: int, names: list[str]) -> str:
    """ "02 (A; B)", or "13 (trong đó có A)" when the figures name only some of them."""
    if total == 0:
        return NONE_TEXT
    if not names:
        return count(total)
    lead = "" if len(names) >= total else "trong đó có "
    return f"{count(total)} ({lead}{'; '.join(names)})"


def _points(total: int, points: list[Json], *, fight: bool) -> str:
    return _named(total, [_point(p, fight=fight) for p in points])


def hotspots(figures: Json) -> dict[str, str]:
    owner = part(figures, "hotspots")
    complex_points, risk_points = rows(owner, "complex_points"), rows(owner, "risk_points")
    complex_n = num(owner, "complex_business") + num(owner, "complex_other")
    risk_n = num(owner, "risk_business") + num(owner, "risk_other")
    sellers_n = num(owner, "retail_sellers")
    found = [
        (complex_n, "điểm phức tạp về ma túy"),
        (risk_n, "điểm có nguy cơ phức tạp về ma túy"),
        (sellers_n, "đối tượng bán lẻ trái phép chất ma túy"),
    ]
    present = [count(n, words) for n, words in found if n]
    summary = (
        f"có {ordinal_list(present)}"
        if present
        else "không phát hiện điểm phức tạp, điểm có nguy cơ phức tạp về ma túy và "
        "đối tượng bán lẻ trái phép chất ma túy"
    )
    moved = [
        (num(owner, "entered"), "đã đưa vào danh sách đấu tranh {}"),
        (num(owner, "cleared"), "đã triệt xóa {}"),
    ]
    sellers = [_person(row, address=False) for row in rows(owner, "sellers")]
    return {
        "summary": summary,
        "complex_business": _points(
            num(owner, "complex_business"),
            [p for p in complex_points if p.get("in_business")],
            fight=True,
        ),
        "complex_other": _points(
            num(owner, "complex_other"),
            [p for p in complex_points if not p.get("in_business")],
            fight=True,
        ),
        "risk_business": _points(
            num(owner, "risk_business"),
            [p for p in risk_points if p.get("in_business")],
            fight=False,
        ),
        "risk_other": _points(
            num(owner, "risk_other"),
            [p for p in risk_points if not p.get("in_business")],
            fight=False,
        ),
        "sellers": _named(sellers_n, sellers),
        "movement": "; ".join(words.format(count(n, "điểm")) for n, words in moved if n),
    }


# --- crime, administrative violations, plants -------------------------------------------


def seized(owner: Json) -> str:
    """ "5,524 gam heroin; 2,718 gam methamphetamine; 10 viên ma túy tổng hợp; …"."""
    items = [
        f"{grams(amount(owner, key))} {name}" for key, name in _SEIZED_GRAMS if amount(owner, key)
    ]
    items += [count(num(owner, key), name) for key, name in _SEIZED_COUNTS if num(owner, key)]
    if num(owner, "cash_vnd"):
        items.append(money(num(owner, "cash_vnd")))
    return "; ".join(items)


def _cases_subjects(owner: Json) -> str:
    """ "14 vụ, 16 đối tượng"."""
    return f"{count(num(owner, 'cases'), 'vụ')}, {count(num(owner, 'subjects'), 'đối tượng')}"


def _ends(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each line of an enumeration ends with ";" and the last with "."."""
    for index, line in enumerate(lines):
        line["end"] = "." if index == len(lines) - 1 else ";"
    return lines


def crime(figures: Json) -> dict[str, Any]:
    criminal = part(figures, "cases", "criminal")
    cases, subjects = num(criminal, "cases"), num(criminal, "subjects")
    charges = []
    for article, row in part(criminal, "by_charge").items():
        # The title comes with the figures (the Criminal Code articles are data, table
        # charge_article): an office's added article is named like the others.
        title = text(row, "title")
        charges.append(
            {
                "article": str(article),
                "title": title or f"Tội theo Điều {article}",
                "cases": count(num(row, "cases"), "vụ"),
                "cases_share": share(num(row, "cases"), cases),
                "subjects": count(num(row, "subjects"), "đối tượng"),
                "subjects_share": share(num(row, "subjects"), subjects),
            }
        )
    received = [
        f"{count(num(row, 'cases'), 'vụ')}, {count(num(row, 'subjects'), 'đối tượng')} từ {source}"
        for source, row in part(criminal, "received_by_source").items()
    ]
    if not received and num(criminal, "received_cases"):
        received.append(
            f"{count(num(criminal, 'received_cases'), 'vụ')}, "
            f"{count(num(criminal, 'received_subjects'), 'đối tượng')} từ lực lượng khác"
        )
    return {
        "cases": cases,
        "arrested": _cases_subjects(criminal),
        "received": "; ".join(received),
        "prosecuted": num(criminal, "prosecuted_cases"),
        "prosecuted_text": f"{count(num(criminal, 'prosecuted_cases'), 'vụ')}, "
        f"{count(num(criminal, 'defendants'), 'bị can')}",
        "seized": seized(part(criminal, "seized")),
        "by_charge": _ends(charges),
    }


def administrative(figures: Json) -> dict[str, Any]:
    owner = part(figures, "cases", "administrative")
    acts = [
        {
            "act": str(act),
            "cases": count(num(row, "cases"), "vụ"),
            "subjects": count(num(row, "subjects"), "đối tượng"),
            "fine": money(num(row, "fines_vnd")) if num(row, "fines_vnd") else "",
        }
        for act, row in part(owner, "by_act").items()
    ]
    return {
        "cases": num(owner, "cases"),
        "caught": _cases_subjects(owner),
        "fines": money(num(owner, "fines_vnd")),
        "has_fines": num(owner, "fines_vnd") > 0,
        "acts": _ends(acts),
        "seized": seized(part(owner, "seized")),
    }


def plants(figures: Json) -> dict[str, Any]:
    owner = part(figures, "plants")
    kinds = [
        (num(owner, "opium_plants"), "cây thuốc phiện"),
        (num(owner, "cannabis_plants"), "cây cần sa"),
        (num(owner, "other_plants"), "cây khác có chứa chất ma túy"),
    ]
    destroyed = ", ".join(count(n, words) for n, words in kinds if n)
    if destroyed and amount(owner, "area_m2"):
        destroyed += f" (diện tích {area_m2(amount(owner, 'area_m2'))})"
    handling = []
    if num(owner, "administrative_cases"):
        fine = num(owner, "fines_vnd")
        handling.append(
            f"xử phạt vi phạm hành chính {count(num(owner, 'administrative_cases'), 'vụ')}"
            + (f" với tổng số tiền phạt {money(fine)}" if fine else "")
        )
    elif num(owner, "fines_vnd"):
        handling.append(f"xử phạt vi phạm hành chính tổng số tiền {money(num(owner, 'fines_vnd'))}")
    if num(owner, "prosecuted_cases"):
        handling.append(f"khởi tố {count(num(owner, 'prosecuted_cases'), 'vụ')}")
    if num(owner, "ownerless_cases"):
        handling.append(f"{count(num(owner, 'ownerless_cases'), 'vụ')} vô chủ")
    total = num(part(figures, "sub_areas"), "total") or len(_sub_area_names(figures))
    with_plants = num(owner, "sub_areas_with_plants")
    return {
        "cases": num(owner, "cases"),
        "found": _cases_subjects(owner),
        "destroyed": destroyed,
        "handling": "; ".join(handling),
        "sub_areas": (
            f"phát hiện trồng trái phép cây có chứa chất ma túy tại "
            f"{count(with_plants)}/{count(total)} {sub_area_label(figures)}"
            if with_plants
            else "không phát hiện trồng trái phép cây có chứa chất ma túy"
        ),
        "with_plants": with_plants,
    }


# --- sub-areas with and without drugs ---------------------------------------------------


def _sub_area_names(figures: Json) -> list[str]:
    names: dict[str, None] = {}
    for owner in part(figures, "lists").values():
        for row in rows(owner):
            names.setdefault(text(row, "sub_area"), None)
    names.pop("", None)
    return list(names)


def areas(figures: Json) -> dict[str, Any]:
    owner = part(figures, "sub_areas")
    total = num(owner, "total")

    def group(n: int, key: str) -> dict[str, Any]:
        names = [str(name) for name in owner.get(key) or [] if name]
        return {
            "count": n,
            "fraction": f"{count(n)}/{count(total)}",
            "share": share(n, total),
            "names": ", ".join(names),
        }

    return {
        "total": count(total),
        "free": group(num(owner, "drug_free"), "drug_free_names"),
        "drugs": group(num(owner, "with_drugs"), "with_drugs_names"),
    }


# --- tests ------------------------------------------------------------------------------


def tests(figures: Json) -> dict[str, Any]:
    owner = part(figures, "tests")
    tested, positive = num(owner, "tested"), num(owner, "positive")
    rate = amount(owner, "positive_rate")
    substances = [(label, num(part(owner, "by_substance"), key)) for key, label in _SUBSTANCES]
    substances.sort(key=lambda pair: -pair[1])
    by_area = rows(owner)
    lowest = sorted(
        (row for row in by_area if num(row, "tested") and amount(row, "positive_rate") < rate),
        key=lambda row: amount(row, "positive_rate"),
    )[:LOWEST_RATE_NAMED]
    return {
        "tested": tested,
        "tested_text": count(tested, "đối tượng"),
        "positive": count(positive, "trường hợp") if positive else "không có trường hợp nào",
        "rate": percent(rate),
        "substances": ", ".join(f"{label} {count(n)}" for label, n in substances if n),
        "lowest": ", ".join(
            f"{inline_place(text(row, 'sub_area'))} ({percent(amount(row, 'positive_rate'))})"
            for row in lowest
        ),
        "untested": ", ".join(
            inline_place(text(row, "sub_area")) for row in by_area if not num(row, "tested")
        ),
    }


# --- targets of the next phases ---------------------------------------------------------


def target_text(value: float) -> str:
    """A target as the báo cáo writes it: "02" for whole numbers, "0,3" for tests a day."""
    rounded = round(value, 1)
    return count(int(rounded)) if rounded.is_integer() else format_decimal(rounded, 1)


def targets(figures: Json) -> dict[str, Any]:
    """One table per phase: sub-areas as rows, the four measures as columns, a total row."""
    phases = []
    named: set[str] = set()
    for number, phase in enumerate(rows(part(figures, "targets"), "phases"), start=1):
        table: dict[str, dict[str, float]] = {}
        for row in rows(phase, "rows"):
            name = text(row, "sub_area")
            named.add(name)
            cells = table.setdefault(name, {})
            measure = text(row, "measure")
            cells[measure] = cells.get(measure, 0.0) + amount(row, "target")
        body = [
            {
                "number": index,
                "sub_area": name,
                **{m: target_text(cells[m]) if m in cells else "" for m in TARGET_MEASURES},
            }
            for index, (name, cells) in enumerate(table.items(), start=1)
        ]
        total = {
            m: target_text(sum(cells.get(m, 0.0) for cells in table.values()))
            if any(m in cells for cells in table.values())
            else ""
            for m in TARGET_MEASURES
        }
        phases.append(
            {
                "number": number,
                "name": text(phase, "name"),
                "from": short_date(text(phase, "from")) if text(phase, "from") else "",
                "to": short_date(text(phase, "to")) if text(phase, "to") else "",
                "rows": body,
                "total": total,
            }
        )
    missing = [name for name in _sub_area_names(figures) if name not in named]
    return {"phases": phases, "without": ", ".join(missing) if phases else ""}


# --- yearly area classification ---------------------------------------------------------


def area_classes(figures: Json) -> dict[str, Any] | None:
    owner = figures.get("area_classes")
    if not isinstance(owner, Mapping) or not _is_yearly(figures):
        return None
    period = part(owner, "period")
    table = []
    number = 0
    for row in rows(owner, "areas"):
        population = row.get("population")
        reasons = _deciding_reasons(row)
        # The office as a whole is the summary row: it takes no number.
        is_office = bool(row.get("is_office"))
        number += 0 if is_office else 1
        table.append(
            {
                "number": "" if is_office else number,
                "name": text(row, "name"),
                "is_office": is_office,
                "population": count(population) if isinstance(population, int) else "Chưa có",
                "key_route": "Có" if row.get("on_key_route") else "Không",
                "proposed": text(row, "proposed_label") or "Chưa đề xuất",
                "reasons": "\n".join(reasons),
            }
        )
    return {
        "from": short_date(text(period, "from")) if text(period, "from") else "",
        "to": short_date(text(period, "to")) if text(period, "to") else "",
        "rows": table,
    }


def _is_yearly(figures: Json) -> bool:
    """The classification belongs to the yearly report (15/12 to 14/12, QĐ 28/2025)."""
    period = part(figures, "period")
    try:
        start, end = (
            date.fromisoformat(text(period, "from")),
            date.fromisoformat(text(period, "to")),
        )
    except ValueError:
        return False
    return start <= end and is_reporting_year(ReportPeriod(start, end))


def _deciding_reasons(row: Json) -> list[str]:
    """The sentence that gives the proposal ("Đạt … loại II …"); all of them when none does,
    so that an area left without a class still says why."""
    reasons = [str(reason) for reason in row.get("reasons") or [] if reason]
    if row.get("proposed"):
        deciding = [reason for reason in reasons if not reason.startswith("Chưa")]
        return deciding or reasons
    return reasons
