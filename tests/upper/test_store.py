"""Receiving backup files into the consolidated store, on SQLite and on PostgreSQL.

What is checked is what the store really holds afterwards: the catalog's rows and each
office's rows read back from its namespace.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import DBAPIError

from pcmt_desktop.backup import BackupError, DamagedBackupError, WrongPassphraseError
from pcmt_desktop.store.migrate import head_revision
from pcmt_desktop.store.models import Office, Person
from pcmt_desktop.upper.arrival import AddOutcome
from pcmt_desktop.upper.catalog import ReceivedBackup
from pcmt_desktop.upper.errors import UpperStoreError
from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.store import UpperStore
from tests.upper.offices import PASSPHRASE, OfficeFile, Offices, back_up, make_database


def own_rows(path: Path) -> dict[str, int]:
    """Rows per table of an office's own database, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as connection:
        return {
            table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in ("person", "list_stay", "drug_test", "drug_case", "plant_seizure")
        }


def stored_rows(store: UpperStore, backup: ReceivedBackup) -> dict[str, int]:
    from pcmt_desktop.store.models import DrugCase, DrugTest, ListStay, PlantSeizure

    models = {
        "person": Person,
        "list_stay": ListStay,
        "drug_test": DrugTest,
        "drug_case": DrugCase,
        "plant_seizure": PlantSeizure,
    }
    with store.reading(backup) as sessions, sessions() as session:
        return {
            table: session.scalar(select(func.count()).select_from(model)) or 0
            for table, model in models.items()
        }


def stored_office_name(store: UpperStore, backup: ReceivedBackup) -> str:
    with store.reading(backup) as sessions, sessions() as session:
        office = session.get(Office, 1)
        assert office is not None
        return office.name


def snapshot(store: UpperStore) -> tuple[list[ReceivedBackup], dict[str, dict[str, int]]]:
    """The catalog and every held office's row counts: what "nothing changed" compares."""
    return store.history(), {
        backup.office_name: stored_rows(store, backup) for backup in store.offices()
    }


def held_backup(store: UpperStore, office_name: str) -> ReceivedBackup:
    (backup,) = [b for b in store.offices() if b.office_name == office_name]
    return backup


def add(store: UpperStore, office: OfficeFile) -> AddOutcome:
    return store.add(office.backup, PASSPHRASE).outcome


def test_received_offices_are_listed_with_their_manifest(
    store: UpperStore, offices: Offices
) -> None:
    for office in offices.three:
        assert add(store, office) is AddOutcome.ADDED

    held = store.offices()
    assert sorted(backup.office_name for backup in held) == sorted(
        office.name for office in offices.three
    )
    for office in offices.three:
        backup = next(b for b in held if b.office_name == office.name)
        assert backup.parent_name == office.manifest.parent_name == "Công an tỉnh Nam Hòa"
        assert backup.created_at == office.manifest.created_at
        assert dict(backup.counts) == office.manifest.counts
        assert backup.database_sha256 == office.manifest.database_sha256
        assert backup.file_name == office.backup.name
        assert stored_office_name(store, backup) == office.name
        assert stored_rows(store, backup) == own_rows(office.database)
    assert len({backup.namespace for backup in held}) == 3


def test_the_store_keeps_what_it_received_when_opened_again(
    store_location: StoreLocation, offices: Offices
) -> None:
    with UpperStore.open(store_location) as store:
        add(store, offices.hoa_an)
    with UpperStore.open(store_location) as reopened:
        (backup,) = reopened.offices()
        assert backup.office_name == offices.hoa_an.name
        assert stored_rows(reopened, backup) == own_rows(offices.hoa_an.database)


def test_the_same_file_twice_adds_nothing(store: UpperStore, offices: Offices) -> None:
    add(store, offices.hoa_an)
    add(store, offices.binh_minh)
    before = snapshot(store)

    result = store.add(offices.hoa_an.backup, PASSPHRASE)

    assert result.outcome is AddOutcome.ALREADY_HELD
    assert "đã được nhận trước đây" in result.message()
    assert snapshot(store) == before


def test_a_newer_backup_replaces_the_office_and_the_history_keeps_both(
    store: UpperStore, offices: Offices
) -> None:
    add(store, offices.hoa_an)
    add(store, offices.binh_minh)
    first = held_backup(store, offices.hoa_an.name)
    other_before = stored_rows(store, held_backup(store, offices.binh_minh.name))

    result = store.add(offices.hoa_an_newer.backup, PASSPHRASE)

    assert result.outcome is AddOutcome.REPLACED
    assert result.held == first
    held = {backup.office_name: backup for backup in store.offices()}
    assert len(held) == 2
    now = held[offices.hoa_an.name]
    assert now.namespace == first.namespace
    assert now.created_at == offices.hoa_an_newer.manifest.created_at > first.created_at
    assert now.database_sha256 == offices.hoa_an_newer.manifest.database_sha256
    assert stored_rows(store, now) == own_rows(offices.hoa_an_newer.database)
    assert stored_rows(store, now) != own_rows(offices.hoa_an.database)
    assert stored_rows(store, held_backup(store, offices.binh_minh.name)) == other_before
    received = [(b.office_name, b.created_at) for b in store.history()]
    assert received == [
        (offices.hoa_an.name, offices.hoa_an.manifest.created_at),
        (offices.binh_minh.name, offices.binh_minh.manifest.created_at),
        (offices.hoa_an.name, offices.hoa_an_newer.manifest.created_at),
    ]


def test_an_older_backup_after_a_newer_one_changes_nothing(
    store: UpperStore, offices: Offices
) -> None:
    add(store, offices.hoa_an_newer)
    before = snapshot(store)

    result = store.add(offices.hoa_an.backup, PASSPHRASE)

    assert result.outcome is AddOutcome.OLDER
    assert "mới hơn" in result.message()
    assert snapshot(store) == before


def test_a_wrong_passphrase_changes_nothing(store: UpperStore, offices: Offices) -> None:
    add(store, offices.hoa_an)
    before = snapshot(store)

    with pytest.raises(WrongPassphraseError):
        store.add(offices.hoa_an_newer.backup, "không phải mật khẩu này")

    assert snapshot(store) == before


def test_a_damaged_file_changes_nothing(
    store: UpperStore, offices: Offices, tmp_path: Path
) -> None:
    add(store, offices.hoa_an)
    before = snapshot(store)
    damaged = tmp_path / "hong.pcmtbk"
    content = bytearray(offices.hoa_an_newer.backup.read_bytes())
    content[len(content) // 2] ^= 0x40
    damaged.write_bytes(bytes(content))

    with pytest.raises(DamagedBackupError):
        store.add(damaged, PASSPHRASE)
    with pytest.raises(BackupError):
        store.add(tmp_path / "khong-co.pcmtbk", PASSPHRASE)

    assert snapshot(store) == before


def test_an_older_schema_is_migrated_on_reception(store: UpperStore, offices: Offices) -> None:
    assert offices.old_schema.manifest.schema_revision != head_revision()

    assert add(store, offices.old_schema) is AddOutcome.ADDED

    (backup,) = store.offices()
    assert backup.schema_revision == offices.old_schema.manifest.schema_revision
    assert store.namespace_revision(backup) == head_revision()
    assert stored_rows(store, backup) == own_rows(offices.old_schema.database)


def test_a_database_the_migrations_refuse_changes_nothing(
    store: UpperStore, offices: Offices, tmp_path: Path
) -> None:
    """An old office database already holding a rule that migration 0003 adds fails it."""
    add(store, offices.hoa_an)
    before = snapshot(store)
    database = tmp_path / "old.sqlite3"
    database.write_bytes(offices.old_schema.database.read_bytes())
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE office SET name = 'Công an xã Lạc Sơn'")
        connection.execute(
            "INSERT INTO legal_rule (key, effective_from, value, source) "
            "VALUES ('area_i_places', '2025-08-24', 2, 'Tự nhập')"
        )
    broken = tmp_path / "lac-son.pcmtbk"
    back_up(database, broken)

    with pytest.raises(UpperStoreError, match=r"lac-son\.pcmtbk"):
        store.add(broken, PASSPHRASE)

    assert snapshot(store) == before


def test_a_backup_of_a_database_without_an_office_is_refused(
    store: UpperStore, tmp_path: Path
) -> None:
    from pcmt_desktop.store.database import Database

    empty = tmp_path / "trong.sqlite3"
    Database.open(empty).close()
    backup = tmp_path / "trong.pcmtbk"
    back_up(empty, backup)

    with pytest.raises(UpperStoreError, match="chưa khai báo đơn vị"):
        store.add(backup, PASSPHRASE)

    assert store.history() == []


@pytest.mark.parametrize("store_location", ["postgresql"], indirect=True)
def test_a_copy_that_fails_half_way_leaves_the_postgres_store_as_it_was(
    store: UpperStore, offices: Offices, tmp_path: Path
) -> None:
    """SQLite keeps text in an integer column; PostgreSQL refuses it in the middle of a copy."""
    add(store, offices.hoa_an)
    before = snapshot(store)
    database = tmp_path / "hoa-an-edited.sqlite3"
    make_database(database, offices.hoa_an.name, "Hòa An", 31)
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE person SET birth_year = 'khoảng 1990' WHERE id = 7")
    edited = tmp_path / "hoa-an-edited.pcmtbk"
    back_up(database, edited, after=offices.hoa_an.manifest.created_at)

    with pytest.raises(UpperStoreError, match="không thay đổi"):
        store.add(edited, PASSPHRASE)

    assert snapshot(store) == before


def test_files_an_interrupted_reception_left_are_swept(tmp_path: Path, offices: Offices) -> None:
    folder = tmp_path / "tong-hop"
    with UpperStore.open(StoreLocation(folder=folder)) as store:
        add(store, offices.hoa_an)
        stray = folder / "office_7-00000000.sqlite3"
        stray.write_bytes(offices.binh_minh.database.read_bytes())
        scratch = folder / "dang-nhan" / "nhan-cu"
        scratch.mkdir()
        (scratch / "don-vi.sqlite3").write_bytes(b"decrypted personal data")

        add(store, offices.binh_minh)

        assert not stray.exists()
        assert not scratch.exists()
        listed = {path.name for path in folder.glob("office_*.sqlite3")}
        assert listed == {backup.storage for backup in store.offices()}


def test_a_replaced_office_file_is_removed(tmp_path: Path, offices: Offices) -> None:
    folder = tmp_path / "tong-hop"
    with UpperStore.open(StoreLocation(folder=folder)) as store:
        add(store, offices.hoa_an)
        (first,) = store.offices()
        add(store, offices.hoa_an_newer)
        (now,) = store.offices()
        assert not (folder / first.storage).exists()
        assert (folder / now.storage).exists()
        assert [path.name for path in folder.glob("office_*")] == [now.storage]

        # As if the old file could not be removed then (Windows, a reader still on it):
        (folder / first.storage).write_bytes(offices.hoa_an.database.read_bytes())
        add(store, offices.binh_minh)
        assert not (folder / first.storage).exists()
        assert (folder / now.storage).exists()


def test_the_namespaces_are_read_only(store: UpperStore, offices: Offices) -> None:
    add(store, offices.hoa_an)
    (backup,) = store.offices()

    with (
        store.reading(backup) as sessions,
        sessions() as session,
        pytest.raises(DBAPIError, match=r"read-only|readonly"),
    ):
        session.execute(update(Office).values(name="Đổi tên"))
        session.commit()

    assert stored_office_name(store, backup) == offices.hoa_an.name


def test_the_offices_accounts_and_password_hashes_do_not_reach_the_level_above(
    store: UpperStore, tmp_path: Path
) -> None:
    from argon2 import PasswordHasher

    from pcmt_desktop.auth.login import LoginService
    from pcmt_desktop.services.context import ServiceContext
    from pcmt_desktop.store.database import Database
    from pcmt_desktop.store.models import AppUser

    database = tmp_path / "co-tai-khoan.sqlite3"
    make_database(database, "Công an xã Có Tài Khoản", "Có Tài Khoản", seed=11)
    opened = Database.open(database)
    try:
        fast = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        LoginService(ServiceContext(opened.sessions), fast).first_administrator(
            "truongcongan", "Trưởng Công an", "Mat-khau-rat-dai-2026"
        )
        with opened.sessions() as session:
            password_hash = session.scalars(select(AppUser.password_hash)).one()
    finally:
        opened.close()
    backup = tmp_path / "co-tai-khoan.pcmtbk"
    back_up(database, backup)

    assert store.add(backup, PASSPHRASE).outcome is AddOutcome.ADDED

    held = held_backup(store, "Công an xã Có Tài Khoản")
    with store.reading(held) as sessions, sessions() as session:
        assert session.scalar(select(func.count()).select_from(AppUser)) == 0
        assert (session.scalar(select(func.count()).select_from(Person)) or 0) > 0
    folder = store.location.folder
    for stored in folder.glob("*.sqlite3") if folder is not None else []:
        assert password_hash.encode() not in stored.read_bytes()
