"""The whole overview read in worker threads: the same answer as one part after the other."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.overview import Overview, load_overview
from pcmt_desktop.overview.parts import Part
from pcmt_desktop.overview.pictures import PICTURE_PARTS, overview_figures
from pcmt_desktop.overview.quality import QUALITY_PARTS, quality_checks
from pcmt_desktop.overview.work import WORK_PARTS, today_work
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from tests.conftest import TODAY
from tests.overview.builders import drug_test, person, stay
from tests.overview.test_work import build_office


@pytest.fixture
def busy(services: Services) -> Services:
    build_office(services)
    for index in range(3):
        gap = person(services, f"Thiếu Văn {index}", cccd=None, birth_year=None)
        stay(services, gap, ManagementList.ADDICT, date(2026, 2, 1))
        drug_test(services, gap, date(2026, 3, 1), positive=True)
    return services


def one_by_one(services: Services) -> Overview:
    return Overview(
        today=TODAY,
        work=today_work(services.context, TODAY),
        quality=quality_checks(services.context, TODAY),
        figures=overview_figures(services.context, TODAY),
    )


def same(first: Overview, second: Overview) -> bool:
    return (first.today, first.work, first.quality, first.figures) == (
        second.today,
        second.work,
        second.quality,
        second.figures,
    )


@pytest.mark.parametrize("workers", [1, 2, 4, 16])
def test_in_threads_the_overview_is_the_one_read_part_by_part(busy: Services, workers: int) -> None:
    loaded = load_overview(busy.context, TODAY, workers=workers)
    assert same(loaded, one_by_one(busy))
    assert loaded.work.count == 10
    assert {check.key: check.count for check in loaded.quality}["no_birth"] == 3
    every: list[Part[Any]] = [*WORK_PARTS, *QUALITY_PARTS, *PICTURE_PARTS.values()]
    assert set(loaded.seconds) == {part.name for part in every}
    assert all(seconds >= 0 for seconds in loaded.seconds.values())


def test_several_overviews_at_once_do_not_disturb_each_other(busy: Services) -> None:
    expected = one_by_one(busy)
    with ThreadPoolExecutor(max_workers=4) as pool:
        loads = [pool.submit(load_overview, busy.context, TODAY) for _ in range(6)]
        assert all(same(load.result(), expected) for load in loads)


def test_reading_while_an_officer_writes(busy: Services) -> None:
    """WAL readers beside a writer: no "database is locked", and only whole writes seen.

    Each person is written with their list stay in a separate transaction; a reader sees
    a person without CCCD on a list only once both are in, never anything not written.
    """
    before = {check.key: check for check in quality_checks(busy.context, TODAY)}["no_cccd"]
    written: list[int] = []
    done = threading.Event()

    def officer() -> None:
        try:
            for index in range(15):
                added = person(busy, f"Mới Văn {index}", cccd=None)
                stay(busy, added, ManagementList.USER, date(2026, 11, 1))
                written.append(added)
        finally:
            done.set()

    writer = threading.Thread(target=officer)
    writer.start()
    seen: list[frozenset[int]] = []
    while not done.is_set() or not seen:
        loaded = load_overview(busy.context, TODAY)
        seen.append({check.key: check for check in loaded.quality}["no_cccd"].person_ids)
    writer.join()
    final = load_overview(busy.context, TODAY)
    expected = before.person_ids | set(written)
    assert {c.key: c for c in final.quality}["no_cccd"].person_ids == expected
    assert all(before.person_ids <= found <= expected for found in seen)


def test_a_part_that_fails_fails_the_load(tmp_path: Path) -> None:
    # A file that is not a migrated database: every part's first query fails.
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    context = ServiceContext(sessionmaker(engine), today=lambda: TODAY)
    try:
        with pytest.raises(OperationalError):
            load_overview(context, TODAY)
    finally:
        engine.dispose()
