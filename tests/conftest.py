"""Shared fixtures: a real SQLite file in tmp_path migrated by alembic, and services on it."""

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

# GUI tests run without a screen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.office import OfficeInfo, SubAreaInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30, 0)

SUB_AREA_NAMES = ("Thôn Đông", "Thôn Đoài", "Tổ dân phố Bắc", "Xóm Nam")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(tmp_path / "pcmt.sqlite3")
    yield db
    db.close()


@pytest.fixture
def context(database: Database) -> ServiceContext:
    return ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW)


@pytest.fixture
def bare_services(context: ServiceContext) -> Services:
    """Services on a database with no office yet (the first start)."""
    return Services.build(context)


@pytest.fixture
def services(bare_services: Services) -> Services:
    """Services on a database with an office and four sub-areas."""
    bare_services.office.set_up(
        OfficeInfo(
            name="Công an xã Thử Nghiệm",
            level="Xã",
            parent_name="Công an tỉnh Mẫu",
            sub_area_label="thôn, tổ dân phố",
            place_name="Thử Nghiệm",
        ),
        [SubAreaInput(name, 1000 + 100 * index) for index, name in enumerate(SUB_AREA_NAMES)],
    )
    return bare_services
