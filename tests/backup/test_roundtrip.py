"""create → verify → restore, as between an office and the level above."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from pcmt_desktop.backup import (
    RestoreTargetInUseError,
    extract_database,
    read_header,
    restore_backup,
    verify_backup,
)
from pcmt_desktop.backup.header import CHUNK_SIZE
from pcmt_desktop.reports.figures import compute_figures
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database, make_engine
from pcmt_desktop.store.migrate import current_revision, head_revision, upgrade_to
from tests.backup.helpers import (
    PASSPHRASE,
    SMALL_CHUNK,
    digest,
    folder_state,
    integrity,
    make_backup,
    table_rows,
)


def _figures(path: Path) -> dict[str, object]:
    database = Database.open(path)
    try:
        context = ServiceContext(database.sessions, today=lambda: date(2026, 11, 23))
        return compute_figures(context, date(2025, 12, 15), date(2026, 11, 14), compare=True)
    finally:
        database.close()


@pytest.mark.parametrize("chunk_size", [SMALL_CHUNK, CHUNK_SIZE], ids=["many-chunks", "1MiB"])
def test_restore_on_another_machine_gives_identical_rows_and_figures(
    demo_database: Path, tmp_path: Path, chunk_size: int
) -> None:
    sent = tmp_path / "usb" / "son-ha.pcmtbk"
    sent.parent.mkdir()
    made = make_backup(demo_database, sent, chunk_size=chunk_size)
    assert made.office_name == "Công an huyện Sơn Hà"
    assert made.parent_name == "Công an tỉnh Nam Hòa"
    assert made.schema_revision == head_revision()
    assert made.counts["person"] == 50
    assert made.counts == {table: len(rows) for table, rows in table_rows(demo_database).items()
                           if table in made.counts}  # fmt: skip
    header = read_header(sent)
    assert header.chunk_size == chunk_size
    assert header.chunk_count == -(-header.body_bytes // chunk_size)
    assert header.body_bytes > made.database_bytes
    assert sent.stat().st_size == header.file_bytes

    assert verify_backup(sent, PASSPHRASE) == made

    elsewhere = tmp_path / "may-cap-tren" / "pcmt.sqlite3"
    result = restore_backup(sent, PASSPHRASE, elsewhere)
    assert result.manifest == made
    assert result.kept_copy is None
    assert table_rows(elsewhere) == table_rows(demo_database)
    assert integrity(elsewhere) == "ok"
    assert _figures(elsewhere) == _figures(demo_database)
    assert sorted(path.name for path in elsewhere.parent.iterdir()) == [
        "pcmt.sqlite3",
        "pcmt.sqlite3.lock",
    ]


def test_extract_writes_exactly_the_database_the_manifest_describes(
    demo_database: Path, tmp_path: Path
) -> None:
    sent = tmp_path / "son-ha.pcmtbk"
    made = make_backup(demo_database, sent)
    target = tmp_path / "giai-ma" / "ban-sao.sqlite3"
    target.parent.mkdir()
    assert extract_database(sent, PASSPHRASE, target) == made
    assert digest(target) == made.database_sha256
    assert target.stat().st_size == made.database_bytes
    assert table_rows(target) == table_rows(demo_database)
    assert sorted(path.name for path in target.parent.iterdir()) == ["ban-sao.sqlite3"]


def test_a_backup_taken_while_the_program_writes_has_every_committed_row(
    services: Services, database: Database, tmp_path: Path
) -> None:
    # The fixture's database stays open (and locked) as in the running program.
    for number in range(12):
        services.persons.add(PersonInput(full_name=f"Lê Thị Mẫu {number}", birth_year=1985))
    assert database.path.with_name("pcmt.sqlite3-wal").exists()
    sent = tmp_path / "dang-mo.pcmtbk"
    made = make_backup(database.path, sent)
    assert made.office_name == "Công an xã Thử Nghiệm"
    assert made.counts["person"] == 12
    assert made.counts["sub_area"] == 4

    services.persons.add(PersonInput(full_name="Sau Sao Lưu", birth_year=1970))
    elsewhere = tmp_path / "khac" / "pcmt.sqlite3"
    restore_backup(sent, PASSPHRASE, elsewhere)
    names = [row[1] for row in table_rows(elsewhere)["person"]]
    assert names == [f"Lê Thị Mẫu {number}" for number in range(12)]


def test_restore_over_a_database_keeps_a_copy_of_it_first(
    demo_database: Path, tmp_path: Path
) -> None:
    sent = tmp_path / "son-ha.pcmtbk"
    made = make_backup(demo_database, sent)
    target = tmp_path / "van-phong" / "pcmt.sqlite3"
    database = Database.open(target)
    persons = Services.build(ServiceContext(database.sessions)).persons
    persons.add(PersonInput(full_name="Trần Văn Cũ", birth_year=1961))
    database.close()
    before = table_rows(target)

    result = restore_backup(sent, PASSPHRASE, target)

    assert result.manifest == made
    assert result.kept_copy is not None
    assert result.kept_copy.parent == target.parent
    assert result.kept_copy.name.startswith("pcmt.truoc-khoi-phuc-")
    assert result.kept_copy.suffix == ".sqlite3"
    assert table_rows(result.kept_copy) == before
    assert table_rows(target) == table_rows(demo_database)
    # A second restore within the same second keeps a second, distinct copy.
    again = restore_backup(sent, PASSPHRASE, target)
    assert again.kept_copy is not None
    assert again.kept_copy != result.kept_copy
    assert table_rows(again.kept_copy) == table_rows(demo_database)
    assert table_rows(result.kept_copy) == before


def test_restore_is_refused_while_another_program_has_the_database_open(
    demo_database: Path, database: Database, tmp_path: Path
) -> None:
    sent = tmp_path / "usb" / "son-ha.pcmtbk"
    sent.parent.mkdir()
    make_backup(demo_database, sent)
    before = folder_state(database.path.parent)
    with pytest.raises(RestoreTargetInUseError, match="đang được mở bởi một cửa sổ PCMT khác"):
        restore_backup(sent, PASSPHRASE, database.path)
    assert folder_state(database.path.parent) == before


def test_a_backup_of_an_older_schema_is_restored_and_migrated(tmp_path: Path) -> None:
    old = tmp_path / "cu" / "pcmt.sqlite3"
    old.parent.mkdir()
    engine = make_engine(old)
    upgrade_to(engine, "0002")
    engine.dispose()
    sent = tmp_path / "cu.pcmtbk"
    made = make_backup(old, sent)
    assert made.schema_revision == "0002"
    assert verify_backup(sent, PASSPHRASE).schema_revision == "0002"

    target = tmp_path / "moi" / "pcmt.sqlite3"
    restore_backup(sent, PASSPHRASE, target)
    database = Database.open(target)
    try:
        with database.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        database.close()


def test_a_copied_database_file_makes_the_same_backup_content(
    demo_database: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "ban-sao.sqlite3"
    shutil.copyfile(demo_database, copy)
    first = make_backup(demo_database, tmp_path / "a.pcmtbk")
    second = make_backup(copy, tmp_path / "b.pcmtbk")
    assert first.database_sha256 == second.database_sha256
    # Same content, yet no two files share a salt, a nonce prefix, or a byte of ciphertext.
    a, b = read_header(tmp_path / "a.pcmtbk"), read_header(tmp_path / "b.pcmtbk")
    assert a.kdf.salt != b.kdf.salt
    assert a.nonce_prefix != b.nonce_prefix


def test_restore_over_a_damaged_database_keeps_its_bytes_as_they_were(
    demo_database: Path, tmp_path: Path
) -> None:
    sent = tmp_path / "son-ha.pcmtbk"
    make_backup(demo_database, sent)
    target = tmp_path / "van-phong" / "pcmt.sqlite3"
    target.parent.mkdir()
    target.write_bytes(b"SQLite format 3\x00" + b"\xee" * 8000)
    damaged = digest(target)

    result = restore_backup(sent, PASSPHRASE, target)

    assert result.kept_copy is not None
    assert digest(result.kept_copy) == damaged
    assert table_rows(target) == table_rows(demo_database)
