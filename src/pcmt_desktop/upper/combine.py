"""Several offices' figures objects → one, for the level above's own báo cáo.

Pure: it takes each office's figures (``reports.figures.compute_figures`` on that office's
data) and returns one object of the same shape, which the Word and Excel renderers take
as they are and which passes ``reports.balance.check_balance``:

- every count adds up across offices (lists, tests, dossiers, hotspots, plants, cases,
  surveillance, reasons, acts, articles, seized amounts, comparison periods);
- rates are recomputed from the added tested and positive, never averaged;
- each ``by_sub_area`` becomes one row per office (its totals, named by the office), so
  the annex's tables have the offices as rows and the balance still holds row by row;
- rows naming places (points, sellers, dossier persons) keep their own sub-area and gain
  ``office``; sub-area names are followed by their office's name;
- ``area_classes`` lists each office's own classification as a whole area;
- ``targets`` puts together phases of the same name and dates, one row per office and
  measure;
- ``by_office`` is added: per office, when its backup was made and its headline counts.

Keys this module does not name still combine (numbers add up, objects merge key by key,
lists are put together), so a key added to the figures later is not lost.
"""

import math
from collections.abc import Mapping, Sequence
from typing import Any

from pcmt_desktop.services.drug_test_listing import positive_rate

Json = dict[str, Any]
Figures = Mapping[str, Any]

FOUR = ("before", "added", "removed", "after")
DOSSIER_COUNTS = ("created", "sent_to_court", "decided", "executed")
REASON_KEYS = ("added_by_reason", "removed_by_reason", "added_from_list", "removed_to_list")
# Sums of grams and m² lose their float noise at this many decimals, never real digits.
FLOAT_DECIMALS = 6
UPPER_SUB_AREA_LABEL = "đơn vị"
ROW_LISTS = (
    ("cnbb", "created_persons"),
    ("hotspots", "complex_points"),
    ("hotspots", "risk_points"),
    ("hotspots", "sellers"),
)


class OfficesDisagreeError(ValueError):
    """The offices' figures were not computed over the same period."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def add_up(values: Sequence[Any]) -> Any:
    """Numbers add up, objects merge key by key, lists are put together; None is absent.

    Text and flags are the first office's (an article's title, a label: the same in all).
    """
    present = [value for value in values if value is not None]
    if not present:
        return None
    head = present[0]
    if isinstance(head, Mapping):
        keys = dict.fromkeys(key for value in present for key in value)
        return {key: add_up([value.get(key) for value in present]) for key in keys}
    if isinstance(head, list):
        return [item for value in present for item in value]
    if _is_number(head):
        if any(isinstance(value, float) for value in present):
            return round(math.fsum(present), FLOAT_DECIMALS)
        return sum(present)
    return head


def rate(positive: int, tested: int) -> float:
    """The figures' positive_rate: percent with one decimal, 0.0 when nobody was tested."""
    value = positive_rate(positive, tested)
    return 0.0 if value is None else float(value)


def _sorted_counts(counts: Mapping[str, Any] | None) -> Json:
    """Reasons as the offices list them: most frequent first, then by name."""
    items = (counts or {}).items()
    return dict(sorted(items, key=lambda item: (-_count_of(item[1]), item[0])))


def _count_of(value: Any) -> int:
    if isinstance(value, Mapping):
        return int(value.get("cases", 0))
    return int(value)


def _article_key(article: str) -> tuple[int, str]:
    digits = "".join(ch for ch in article if ch.isdigit())
    return (int(digits) if digits else 0, article)


def _totals_row(name: str, block: Mapping[str, Any], keys: Sequence[str]) -> Json:
    return {"sub_area": name, **{key: block[key] for key in keys}}


def _summed_row(name: str, rows: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> Json:
    summed: Json = {"sub_area": name}
    for key in keys:
        total = add_up([row.get(key, 0) for row in rows])
        summed[key] = 0 if total is None else total
    return summed


def _row_keys(blocks: Sequence[Mapping[str, Any] | None]) -> list[str]:
    keys = dict.fromkeys(
        key
        for block in blocks
        for row in (block or {}).get("by_sub_area", [])
        for key, value in row.items()
        if key != "sub_area" and _is_number(value)
    )
    return list(keys)


class _Offices:
    """The offices' figures in order, with helpers to read one path across all of them."""

    def __init__(self, per_office: Mapping[str, Figures]) -> None:
        if not per_office:
            raise ValueError("combine_figures needs at least one office")
        self.names = list(per_office)
        self.figures = [per_office[name] for name in self.names]

    def blocks(self, *path: str) -> list[tuple[str, Any]]:
        found = []
        for name, figures in zip(self.names, self.figures, strict=True):
            value: Any = figures
            for key in path:
                value = value.get(key) if isinstance(value, Mapping) else None
            found.append((name, value))
        return found


def _set_four_rows(combined: Json, offices: _Offices, *path: str) -> None:
    target = _at(combined, path)
    if target is None:
        return
    target["by_sub_area"] = [
        _totals_row(name, block, FOUR) for name, block in offices.blocks(*path) if block
    ]


def _set_summed_rows(combined: Json, offices: _Offices, *path: str) -> None:
    target = _at(combined, path)
    if target is None:
        return
    blocks = offices.blocks(*path)
    keys = _row_keys([block for _, block in blocks])
    target["by_sub_area"] = [
        _summed_row(name, block.get("by_sub_area", []), keys) for name, block in blocks if block
    ]


def _at(combined: Json, path: Sequence[str]) -> Json | None:
    value: Any = combined
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value if isinstance(value, dict) else None


def _lists(combined: Json, offices: _Offices) -> None:
    for key, block in (combined.get("lists") or {}).items():
        _set_four_rows(combined, offices, "lists", key)
        for reasons in REASON_KEYS:
            if reasons in block:
                block[reasons] = _sorted_counts(block[reasons])
    _set_four_rows(combined, offices, "substitution_treatment")
    _set_four_rows(combined, offices, "custody")


def _surveillance_rows(offices: _Offices, *path: str) -> list[Json]:
    return [
        {"sub_area": name, "count": block["total"]}
        for name, block in offices.blocks(*path)
        if block and block.get("total")
    ]


def _surveillance(combined: Json, offices: _Offices) -> None:
    surveillance = combined.get("surveillance")
    if not surveillance:
        return
    for key, block in (surveillance.get("by_list") or {}).items():
        block["by_sub_area"] = _surveillance_rows(offices, "surveillance", "by_list", key)
    if surveillance.get("opened"):
        surveillance["opened"]["by_sub_area"] = _surveillance_rows(
            offices, "surveillance", "opened"
        )


def _tests(combined: Json, offices: _Offices) -> None:
    tests = combined.get("tests")
    if not tests:
        return
    tests["positive_rate"] = rate(tests["positive"], tests["tested"])
    tests["by_sub_area"] = [
        {
            "sub_area": name,
            "tested": block["tested"],
            "positive": block["positive"],
            "positive_rate": rate(block["positive"], block["tested"]),
        }
        for name, block in offices.blocks("tests")
        if block
    ]
    if tests.get("compare"):
        compare = tests["compare"]
        compare["positive_rate"] = rate(compare["positive"], compare["tested"])


def _rows_with_office(combined: Json, offices: _Offices) -> None:
    for block_key, rows_key in ROW_LISTS:
        block = combined.get(block_key)
        if not block or rows_key not in block:
            continue
        block[rows_key] = [
            {**row, "office": name}
            for name, rows in offices.blocks(block_key, rows_key)
            for row in rows or []
        ]


def _work_rows(combined: Json, offices: _Offices) -> None:
    cnbb = _at(combined, ["cnbb"])
    if cnbb is not None:
        cnbb["by_sub_area"] = [
            _totals_row(name, block, DOSSIER_COUNTS)
            for name, block in offices.blocks("cnbb")
            if block
        ]
    for key in ("hotspots", "plants", "cases"):
        _set_summed_rows(combined, offices, key)


def _cases(combined: Json) -> None:
    criminal = _at(combined, ["cases", "criminal"])
    if criminal is not None:
        if "by_charge" in criminal:
            criminal["by_charge"] = dict(
                sorted(criminal["by_charge"].items(), key=lambda item: _article_key(item[0]))
            )
        if "received_by_source" in criminal:
            criminal["received_by_source"] = dict(sorted(criminal["received_by_source"].items()))
    administrative = _at(combined, ["cases", "administrative"])
    if administrative is not None and "by_act" in administrative:
        administrative["by_act"] = _sorted_counts(administrative["by_act"])


def _sub_area_names(combined: Json, offices: _Offices) -> None:
    sub_areas = combined.get("sub_areas")
    if not sub_areas:
        return
    for key in ("drug_free_names", "with_drugs_names"):
        if key in sub_areas:
            sub_areas[key] = [
                f"{area} ({name})"
                for name, names in offices.blocks("sub_areas", key)
                for area in names or []
            ]


def _targets(combined: Json, offices: _Offices) -> None:
    """Phases of the same name and dates together; per office, each measure's sums."""
    if "targets" not in combined:
        return
    phases: dict[tuple[str, str, str], Json] = {}
    for name, phase_list in offices.blocks("targets", "phases"):
        for phase in phase_list or []:
            key = (phase.get("name", ""), phase.get("from", ""), phase.get("to", ""))
            combined_phase = phases.setdefault(
                key, {"name": key[0], "from": key[1], "to": key[2], "rows": []}
            )
            rows: dict[str, Json] = {}
            for row in phase.get("rows", []):
                measure = row.get("measure", "")
                into = rows.setdefault(
                    measure,
                    {
                        "sub_area": name,
                        "measure": measure,
                        "measure_label": row.get("measure_label", ""),
                        "target": 0,
                        "actual": 0,
                    },
                )
                into["target"] = add_up([into["target"], row.get("target", 0)])
                into["actual"] = add_up([into["actual"], row.get("actual", 0)])
            combined_phase["rows"].extend(rows.values())
    combined["targets"] = {**combined["targets"], "phases": list(phases.values())}


def _area_classes(combined: Json, offices: _Offices) -> None:
    """Each office classified as a whole area (its own ``is_office`` row, named by it)."""
    if "area_classes" not in combined:
        return
    areas: list[Json] = []
    missing = None
    for name, block in offices.blocks("area_classes"):
        if not block:
            continue
        missing = missing or block.get("rules_missing")
        areas.extend(
            {**area, "name": name, "is_office": False}
            for area in block.get("areas", [])
            if area.get("is_office")
        )
    first = offices.figures[0]["area_classes"]
    combined["area_classes"] = {
        "period": first.get("period"),
        "areas": areas,
        "rules_missing": missing,
    }


def _upper_office(offices: _Offices) -> Json:
    """The level above, as the offices name it (their common ``parent_name``)."""
    parents = {
        str(block.get("parent_name") or "") for _, block in offices.blocks("office") if block
    } - {""}
    return {
        "name": parents.pop() if len(parents) == 1 else "",
        "level": "",
        "parent_name": "",
        "sub_area_label": UPPER_SUB_AREA_LABEL,
        "place_name": "",
    }


def headline(figures: Figures) -> Json:
    """One office's headline counts per area of work, for the ``by_office`` table."""
    lists = figures.get("lists") or {}
    tests = figures.get("tests") or {}
    hotspots = figures.get("hotspots") or {}
    plants = figures.get("plants") or {}
    criminal = (figures.get("cases") or {}).get("criminal") or {}
    administrative = (figures.get("cases") or {}).get("administrative") or {}
    return {
        "lists": {key: block.get("after", 0) for key, block in lists.items()},
        "substitution_treatment": (figures.get("substitution_treatment") or {}).get("after", 0),
        "tests": {
            "tested": tests.get("tested", 0),
            "positive": tests.get("positive", 0),
            "positive_rate": tests.get("positive_rate", 0.0),
        },
        "cnbb": {key: (figures.get("cnbb") or {}).get(key, 0) for key in DOSSIER_COUNTS},
        "hotspots": {
            "complex": hotspots.get("complex_business", 0) + hotspots.get("complex_other", 0),
            "risk": hotspots.get("risk_business", 0) + hotspots.get("risk_other", 0),
            "retail_sellers": hotspots.get("retail_sellers", 0),
        },
        "plants": {
            key: plants.get(key, 0)
            for key in ("cases", "opium_plants", "cannabis_plants", "other_plants", "area_m2")
        },
        "criminal": {key: criminal.get(key, 0) for key in ("cases", "subjects")},
        "administrative": {
            key: administrative.get(key, 0) for key in ("cases", "subjects", "fines_vnd")
        },
    }


def _check_periods(offices: _Offices) -> None:
    for key in ("period", "compare_period"):
        seen = {repr(block) for _, block in offices.blocks(key)}
        if len(seen) > 1:
            raise OfficesDisagreeError(f"the offices' figures differ in {key}: {sorted(seen)}")


def combine_figures(
    per_office: Mapping[str, Figures], *, created_at: Mapping[str, str] | None = None
) -> Json:
    """The level above's figures from each office's (office name → its figures object).

    ``created_at`` gives, per office, when its backup was made (ISO text), shown in
    ``by_office``. Raises OfficesDisagreeError when the periods differ.
    """
    offices = _Offices(per_office)
    _check_periods(offices)
    combined: Json = add_up(offices.figures)
    first = offices.figures[0]
    for key in ("schema", "period", "compare_period"):
        combined[key] = first.get(key)
    combined["office"] = _upper_office(offices)
    _lists(combined, offices)
    _surveillance(combined, offices)
    _tests(combined, offices)
    _rows_with_office(combined, offices)
    _work_rows(combined, offices)
    _cases(combined)
    _sub_area_names(combined, offices)
    _targets(combined, offices)
    _area_classes(combined, offices)
    combined["by_office"] = [
        {"office": name, "created_at": (created_at or {}).get(name), **headline(figures)}
        for name, figures in zip(offices.names, offices.figures, strict=True)
    ]
    return combined
