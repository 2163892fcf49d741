"""The level above's figures: each office's own figures, added up, on SQLite and PostgreSQL.

The expected sums are computed here from the figures each office computes on its own
database (the file it backed up), with plain Counters, not with the code under test.
"""

from collections import Counter
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from pcmt_desktop.domain.text import fold
from pcmt_desktop.reports.annex import write_annex
from pcmt_desktop.reports.balance import check_balance
from pcmt_desktop.reports.docx_context import build_context
from pcmt_desktop.reports.docx_render import render_docx
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.reports.template_catalog import builtin_template, template_path
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.store.database import Database
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.figures import combined_figures, office_figures
from pcmt_desktop.upper.store import UpperStore
from tests.upper.offices import PASSPHRASE, PERIOD, TODAY, OfficeFile, Offices

Json = dict[str, Any]
FOUR = ("before", "added", "removed", "after")


def own_figures(office: OfficeFile) -> Json:
    """What the office itself computes on its own database."""
    database = Database.open(office.database)
    try:
        context = ServiceContext(database.sessions, today=lambda: TODAY)
        return compute_figures(context, *PERIOD, compare=True)
    finally:
        database.close()


def summed(own: list[Json], *path: str) -> Counter[str]:
    """Key-wise sum of a flat object of numbers found at ``path`` in every office's figures."""
    total: Counter[str] = Counter()
    for figures in own:
        block: Any = figures
        for key in path:
            block = block[key]
        total.update({key: value for key, value in block.items() if not isinstance(value, dict)})
    return total


def counts_of(block: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: block[key] for key in keys}


def receive_three(store: UpperStore, offices: Offices) -> list[Json]:
    for office in offices.three:
        store.add(office.backup, PASSPHRASE)
    return [own_figures(office) for office in offices.three]


def combined(store: UpperStore) -> Json:
    return combined_figures(store, *PERIOD, compare=True, today=lambda: TODAY)


def test_each_office_figures_in_the_store_are_the_office_own(
    store: UpperStore, offices: Offices
) -> None:
    store.add(offices.binh_minh.backup, PASSPHRASE)
    (backup,) = store.offices()

    in_store = office_figures(store, backup, *PERIOD, compare=True, today=lambda: TODAY)

    assert in_store == own_figures(offices.binh_minh)


def test_lists_add_up_across_offices(store: UpperStore, offices: Offices) -> None:
    own = receive_three(store, offices)
    figures = combined(store)

    for key, block in figures["lists"].items():
        assert counts_of(block, FOUR) == {k: sum(f["lists"][key][k] for f in own) for k in FOUR}
        for reasons in ("added_by_reason", "removed_by_reason"):
            assert Counter(block[reasons]) == summed(own, "lists", key, reasons)
        assert counts_of(block["compare"], FOUR) == dict(summed(own, "lists", key, "compare"))
        assert block["by_sub_area"] == [
            {"sub_area": name, **counts_of(own_block, FOUR)}
            for name, own_block in sorted_offices(own, "lists", key)
        ]
    assert counts_of(figures["substitution_treatment"], FOUR) == {
        k: sum(f["substitution_treatment"][k] for f in own) for k in FOUR
    }
    check_balance(figures)


def sorted_offices(own: list[Json], *path: str) -> list[tuple[str, Json]]:
    """(office name, block at path), in the store's order (by name without accents)."""
    rows = []
    for figures in own:
        block: Any = figures
        for key in path:
            block = block[key]
        rows.append((figures["office"]["name"], block))
    return sorted(rows, key=lambda row: fold(row[0]))


def test_tests_add_up_and_the_rate_is_recomputed(store: UpperStore, offices: Offices) -> None:
    own = receive_three(store, offices)
    tests = combined(store)["tests"]

    tested = sum(f["tests"]["tested"] for f in own)
    positive = sum(f["tests"]["positive"] for f in own)
    assert (tests["tested"], tests["positive"]) == (tested, positive)
    assert tested > 0
    exact = Decimal(positive * 100) / Decimal(tested)
    assert tests["positive_rate"] == float(exact.quantize(Decimal("0.1"), ROUND_HALF_UP))
    assert Counter(tests["by_substance"]) == summed(own, "tests", "by_substance")
    compare = tests["compare"]
    assert (compare["tested"], compare["positive"]) == (
        sum(f["tests"]["compare"]["tested"] for f in own),
        sum(f["tests"]["compare"]["positive"] for f in own),
    )
    assert [row["sub_area"] for row in tests["by_sub_area"]] == [
        name for name, _ in sorted_offices(own, "tests")
    ]
    assert sum(row["tested"] for row in tests["by_sub_area"]) == tested


def test_cases_add_up_across_offices(store: UpperStore, offices: Offices) -> None:
    own = receive_three(store, offices)
    cases = combined(store)["cases"]

    criminal = cases["criminal"]
    for key in ("cases", "subjects", "prosecuted_cases", "defendants", "received_cases"):
        assert criminal[key] == sum(f["cases"]["criminal"][key] for f in own)
    for article, block in criminal["by_charge"].items():
        for key in ("cases", "subjects", "prosecuted_cases", "defendants"):
            assert block[key] == sum(
                f["cases"]["criminal"]["by_charge"].get(article, {}).get(key, 0) for f in own
            )
    articles = {a for f in own for a in f["cases"]["criminal"]["by_charge"]}
    assert set(criminal["by_charge"]) == articles
    administrative = cases["administrative"]
    for key in ("cases", "subjects", "fines_vnd"):
        assert administrative[key] == sum(f["cases"]["administrative"][key] for f in own)
    for act, block in administrative["by_act"].items():
        assert block["cases"] == sum(
            f["cases"]["administrative"]["by_act"].get(act, {}).get("cases", 0) for f in own
        )
    for kind in ("criminal", "administrative"):
        seized = summed(own, "cases", kind, "seized")
        for key, value in cases[kind]["seized"].items():
            assert value == pytest.approx(seized[key])
    assert sum(row["criminal_cases"] for row in cases["by_sub_area"]) == criminal["cases"]


def test_plants_add_up_across_offices(store: UpperStore, offices: Offices) -> None:
    own = receive_three(store, offices)
    plants = combined(store)["plants"]

    own_plants = summed(own, "plants")
    for key in ("cases", "subjects", "opium_plants", "cannabis_plants", "fines_vnd"):
        assert plants[key] == own_plants[key]
        assert plants["compare"][key] == sum(f["plants"]["compare"][key] for f in own)
    assert plants["area_m2"] == pytest.approx(own_plants["area_m2"])
    assert own_plants["cases"] > 0
    assert [row["sub_area"] for row in plants["by_sub_area"]] == [
        name for name, _ in sorted_offices(own, "plants")
    ]
    for row, (_name, block) in zip(
        plants["by_sub_area"], sorted_offices(own, "plants"), strict=True
    ):
        assert row["cases"] == block["cases"]
        assert row["opium_plants"] == block["opium_plants"]


def test_by_office_lists_each_office_with_its_backup_moment(
    store: UpperStore, offices: Offices
) -> None:
    own = receive_three(store, offices)
    figures = combined(store)

    by_office = {row["office"]: row for row in figures["by_office"]}
    assert set(by_office) == {office.name for office in offices.three}
    for office, office_own in zip(offices.three, own, strict=True):
        row = by_office[office.name]
        assert row["created_at"] == office.manifest.created_at.isoformat()
        assert row["lists"] == {k: b["after"] for k, b in office_own["lists"].items()}
        assert row["tests"]["tested"] == office_own["tests"]["tested"]
        assert row["criminal"]["cases"] == office_own["cases"]["criminal"]["cases"]
    assert figures["office"]["name"] == "Công an tỉnh Nam Hòa"
    assert figures["period"] == {"from": "2025-12-15", "to": "2026-11-14"}


def test_figures_of_an_empty_store_are_refused(store: UpperStore) -> None:
    with pytest.raises(UpperStoreError, match="chưa có dữ liệu"):
        combined(store)


def test_the_combined_figures_render_as_a_bao_cao_and_its_annex(
    store: UpperStore, offices: Offices, tmp_path: Path
) -> None:
    receive_three(store, offices)
    figures = combined(store)
    narrative = {"co_quan": "CÔNG AN TỈNH NAM HÒA", "ngay_bao_cao": "20/11/2026"}

    for name in ("so-ket", "cao-diem"):
        out = tmp_path / f"{name}.docx"
        context = build_context(figures, narrative, builtin_template(name))
        render_docx(template_path(name), context, out)
        text = "\n".join(paragraph.text for paragraph in docx.Document(str(out)).paragraphs)
        assert "{{" not in text
        assert "None" not in text
    annex = tmp_path / "phu-luc.xlsx"
    write_annex(figures, annex, title="Báo cáo tổng hợp", made_on=TODAY)
    workbook = load_workbook(annex)
    cells = {
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    for office in offices.three:
        assert office.name in cells
