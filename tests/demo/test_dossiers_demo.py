"""The demo's CNBB dossiers: behind every facility stay, deterministic, history untouched."""

import random
from pathlib import Path

from sqlalchemy import func, select

from pcmt_desktop.demo.dossiers import fill_dossiers
from pcmt_desktop.demo.generator import generate_demo
from pcmt_desktop.domain.dossier_steps import StatusGroup, StepKind, check_sequence
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.dossier_listing import DossierCriteria
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.models import AddictLocationStay, ListStay
from tests.conftest import NOW, TODAY

PERSONS = 80


def _demo(path: Path) -> tuple[Database, Services]:
    database = Database.open(path)
    context = ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW)
    services = Services.build(context)
    generate_demo(services, seed=11, persons=PERSONS, today=TODAY, with_registries=False)
    return database, services


def _history_rows(services: Services) -> tuple[int, int, object]:
    with services.context.reading() as session:
        return (
            session.scalar(select(func.count(AddictLocationStay.id))) or 0,
            session.scalar(select(func.count(ListStay.id))) or 0,
            sorted(
                session.execute(
                    select(
                        AddictLocationStay.person_id,
                        AddictLocationStay.start_date,
                        AddictLocationStay.end_date,
                        AddictLocationStay.location,
                    )
                ).all()
            ),
        )


def _facility_stays(services: Services) -> list[tuple[int, object, object]]:
    with services.context.reading() as session:
        return [
            (row[0], row[1], row[2])
            for row in session.execute(
                select(
                    AddictLocationStay.person_id,
                    AddictLocationStay.start_date,
                    AddictLocationStay.end_date,
                ).where(AddictLocationStay.location == "co_so")
            )
        ]


def test_dossiers_follow_the_histories(tmp_path: Path) -> None:
    database, services = _demo(tmp_path / "a.sqlite3")
    try:
        before = _history_rows(services)
        stays = _facility_stays(services)
        assert stays  # the small demo has facility stays to follow
        made = fill_dossiers(services, random.Random(3), TODAY)
        assert made == services.dossiers.count() > len(stays)
        assert _history_rows(services) == before  # the demo's stays are left as they are
        records = [
            services.dossiers.get(dossier_id)
            for dossier_id in services.dossiers.ordered_ids(DossierCriteria())
        ]
        for person_id, start, end in stays:
            (record,) = [
                r
                for r in records
                if r.person_id == person_id
                and (entered := r.step(StepKind.ENTERED_FACILITY)) is not None
                and entered.day == start
            ]
            completed = record.step(StepKind.COMPLETED)
            assert (completed.day if completed else None) == end
        groups = {record.group for record in records}
        assert groups == set(StatusGroup)
        for record in records:
            assert check_sequence([step.as_step() for step in record.steps]) == []
            assert record.found_on <= record.created_on <= TODAY
    finally:
        database.close()


def test_same_seed_same_dossiers(tmp_path: Path) -> None:
    summaries = []
    for name in ("a.sqlite3", "b.sqlite3"):
        database, services = _demo(tmp_path / name)
        try:
            fill_dossiers(services, random.Random(3), TODAY)
            ids = services.dossiers.ordered_ids(DossierCriteria())
            summaries.append(
                [
                    (r.person_id, r.found_on, [(s.kind, s.day, s.term_months) for s in r.steps])
                    for r in (services.dossiers.get(dossier_id) for dossier_id in ids)
                ]
            )
        finally:
            database.close()
    assert summaries[0] == summaries[1]
