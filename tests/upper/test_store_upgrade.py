"""A store written by an older program: its namespaces are migrated when it is opened.

The older program is played by taking a namespace back to revision 0002 with the
migrations' own downgrade, as a store kept from before release 0003 would be.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine

from pcmt_desktop.store.database import make_engine
from pcmt_desktop.store.migrate import alembic_config, current_revision, head_revision
from pcmt_desktop.upper.catalog import ReceivedBackup
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.figures import office_figures
from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.sqlite_namespaces import settle
from pcmt_desktop.upper.store import UpperStore
from tests.upper.offices import PASSPHRASE, PERIOD, TODAY, Offices
from tests.upper.test_upper_figures import own_figures


@contextmanager
def writable(location: StoreLocation, backup: ReceivedBackup) -> Iterator[Engine]:
    """An engine that may write the namespace (what the store itself never hands out)."""
    if location.folder is not None:
        path = location.folder / backup.storage
        engine = make_engine(path)
        yield engine
        engine.dispose()
        settle(path)
        return
    assert location.url is not None
    engine = create_engine(
        location.url, connect_args={"options": f"-c search_path={backup.storage}"}
    )
    yield engine
    engine.dispose()


def set_revision(location: StoreLocation, backup: ReceivedBackup, revision: str) -> None:
    with writable(location, backup) as engine, engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def test_a_namespace_left_at_an_older_revision_is_migrated_on_opening(
    store_location: StoreLocation, offices: Offices
) -> None:
    with UpperStore.open(store_location) as store:
        store.add(offices.tan_phu.backup, PASSPHRASE)
        (backup,) = store.offices()
    set_revision(store_location, backup, "0002")
    with writable(store_location, backup) as engine, engine.connect() as connection:
        assert current_revision(connection) == "0002"

    with UpperStore.open(store_location) as reopened:
        assert reopened.namespace_revision(backup) == head_revision()
        figures = office_figures(reopened, backup, *PERIOD, compare=True, today=lambda: TODAY)
    assert figures["lists"] == own_figures(offices.tan_phu)["lists"]


def test_a_namespace_of_a_newer_program_is_refused(
    store_location: StoreLocation, offices: Offices
) -> None:
    with UpperStore.open(store_location) as store:
        store.add(offices.tan_phu.backup, PASSPHRASE)
        (backup,) = store.offices()
    with writable(store_location, backup) as engine, engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")

    with pytest.raises(UpperStoreError, match="mới hơn"):
        UpperStore.open(store_location)
