"""The hash chain over the audit trail catches rows edited or deleted outside the program."""

import itertools
import shutil
import sqlite3
import threading
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pcmt_desktop.services import audit
from pcmt_desktop.services.audit_chain import GENESIS_HASH, row_hash, verify_chain
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database

FIXTURES = sorted((Path(__file__).parents[1] / "store" / "fixtures").glob("schema_*.sqlite3"))


@pytest.fixture
def written(services: Services) -> Services:
    """Ten audit rows: the office's setup (5) and five persons."""
    for name in ("Lò Văn An", "Hà Thị Bình", "Vi Văn Cường", "Sầm Thị Dung", "Mạc Văn Em"):
        services.persons.add(PersonInput(name))
    assert verify_chain(services.context).checked == 10
    return services


def tamper(database: Database, *statements: str) -> None:
    """What someone with an SQLite editor would do, behind the program's back."""
    with closing(sqlite3.connect(database.path)) as connection, connection:
        for statement in statements:
            connection.execute(statement)


def stored_row(database: Database, row_id: int) -> dict[str, Any]:
    """One audit row as the program reads it (its time as a datetime, not text)."""
    with closing(sqlite3.connect(database.path)) as connection:
        connection.row_factory = sqlite3.Row
        row = dict(
            connection.execute("SELECT * FROM audit_entry WHERE id = ?", (row_id,)).fetchone()
        )
    row["at"] = datetime.fromisoformat(row["at"])
    return row


def forged_hash(row: dict[str, Any]) -> str:
    """The hash a forger computes for a changed row, exactly as the program would."""
    return row_hash(row, row["prev_hash"])


def chain_rows(database: Database) -> list[tuple[int, str, str]]:
    with closing(sqlite3.connect(database.path)) as connection:
        return connection.execute(
            "SELECT id, prev_hash, row_hash FROM audit_entry ORDER BY id"
        ).fetchall()


def test_each_row_hashes_its_content_and_the_row_before(
    written: Services, database: Database
) -> None:
    rows = chain_rows(database)
    assert [row[0] for row in rows] == list(range(1, 11))
    assert rows[0][1] == GENESIS_HASH
    for before, after in itertools.pairwise(rows):
        assert after[1] == before[2]
    report = verify_chain(written.context)
    assert (report.ok, report.checked, report.problems) == (True, 10, [])


def test_an_edited_row_is_named(written: Services, database: Database) -> None:
    tamper(database, "UPDATE audit_entry SET summary = 'Không có gì' WHERE id = 7")
    report = verify_chain(written.context)
    assert not report.ok
    assert report.problems == ["Dòng nhật ký số 7 đã bị sửa"]


def test_an_edited_row_given_a_new_hash_is_still_named(
    written: Services, database: Database
) -> None:
    row = stored_row(database, 4)
    assert forged_hash(row) == row["row_hash"]  # the forger hashes as the program does
    row["user_name"] = "nguoikhac"
    forged = forged_hash(row)
    tamper(
        database,
        f"UPDATE audit_entry SET user_name = 'nguoikhac', row_hash = '{forged}' WHERE id = 4",
    )
    assert verify_chain(written.context).problems == ["Dòng nhật ký số 4 đã bị sửa"]


def test_a_deleted_middle_row_leaves_a_gap(written: Services, database: Database) -> None:
    tamper(database, "DELETE FROM audit_entry WHERE id = 6")
    assert verify_chain(written.context).problems == ["Thiếu dòng nhật ký giữa số 5 và 7"]


def test_deleted_first_rows_are_seen(written: Services, database: Database) -> None:
    tamper(database, "DELETE FROM audit_entry WHERE id <= 2")
    assert verify_chain(written.context).problems == ["Thiếu dòng nhật ký trước số 3"]


def test_a_deleted_last_row_is_seen_through_the_chains_end(
    written: Services, database: Database
) -> None:
    tamper(database, "DELETE FROM audit_entry WHERE id = 10")
    report = verify_chain(written.context)
    assert (report.checked, report.problems) == (9, ["Thiếu dòng nhật ký sau số 9 (đến số 10)"])
    # The next write chains after the deleted row: the gap stays visible.
    written.persons.add(PersonInput("Lục Văn Phúc"))
    assert verify_chain(written.context).problems == ["Thiếu dòng nhật ký giữa số 9 và 11"]


def test_an_edited_last_row_with_a_new_hash_is_seen_through_the_chains_end(
    written: Services, database: Database
) -> None:
    row = stored_row(database, 10)
    row["summary"] = "Không có gì"
    forged = forged_hash(row)
    tamper(
        database,
        f"UPDATE audit_entry SET summary = 'Không có gì', row_hash = '{forged}' WHERE id = 10",
    )
    assert verify_chain(written.context).problems == ["Dòng nhật ký số 10 đã bị sửa"]


def test_rows_added_outside_the_program_and_a_lost_end_are_reported(
    written: Services, database: Database
) -> None:
    last = stored_row(database, 10)
    extra = {**last, "id": 11, "summary": "Dòng giả", "prev_hash": last["row_hash"]}
    extra["row_hash"] = forged_hash(extra)
    extra["at"] = str(extra["at"])
    columns = ", ".join(extra)
    with closing(sqlite3.connect(database.path)) as connection, connection:
        connection.execute(
            f"INSERT INTO audit_entry ({columns}) VALUES ({', '.join('?' * len(extra))})",
            list(extra.values()),
        )
    assert verify_chain(written.context).problems == [
        "Dòng nhật ký từ số 11 đến số 11 được thêm ngoài chương trình"
    ]
    tamper(database, "DELETE FROM audit_chain_head")
    assert verify_chain(written.context).problems == [
        "Không tìm thấy dấu cuối của chuỗi nhật ký: "
        "không kiểm tra được các dòng cuối có bị xóa hay không"
    ]


def test_an_emptied_trail_is_reported(written: Services, database: Database) -> None:
    tamper(database, "DELETE FROM audit_entry")
    report = verify_chain(written.context)
    assert (report.checked, report.problems) == (0, ["Thiếu toàn bộ nhật ký (đến dòng số 10)"])


def test_a_new_database_has_an_intact_empty_chain(bare_services: Services) -> None:
    report = verify_chain(bare_services.context)
    assert (report.ok, report.checked) == (True, 0)


def test_a_rolled_back_write_leaves_the_chain_as_it_was(written: Services) -> None:
    context = written.context
    with pytest.raises(RuntimeError), context.unit_of_work() as session:
        audit.record(
            context,
            session,
            action=audit.Action.CREATE,
            entity="person",
            entity_id=None,
            person_id=None,
            summary="Sẽ bị hủy",
            before=None,
            after=None,
        )
        raise RuntimeError("hủy giao dịch")
    written.persons.add(PersonInput("Lục Văn Phúc"))
    report = verify_chain(context)
    assert (report.ok, report.checked) == (True, 11)


def test_several_rows_in_one_transaction_and_events_chain_too(written: Services) -> None:
    keep = written.persons.add(PersonInput("Lò Văn Giang", birth_year=1990))
    gone = written.persons.add(PersonInput("Lò Văn Giang", birth_year=1990))
    written.duplicates.merge(keep.id, gone.id)
    audit.record_event(
        written.context,
        audit.Action.OPEN_PERSON,
        "Xem hồ sơ đối tượng Lò Văn Giang",
        person_id=keep.id,
    )
    audit.record_event(written.context, audit.Action.EXPORT, "Xuất dữ liệu ra tệp du_lieu.xlsx")
    report = verify_chain(written.context)
    assert report.ok
    newest = audit.all_entries(written.context, limit=2)
    assert [(entry.action, entry.action_label) for entry in newest] == [
        (audit.Action.EXPORT, "Xuất dữ liệu"),
        (audit.Action.OPEN_PERSON, "Xem hồ sơ đối tượng"),
    ]


def test_writers_on_two_threads_keep_one_chain(database: Database, written: Services) -> None:
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        context = ServiceContext(database.sessions)
        services = Services.build(context)
        try:
            for index in range(15):
                services.persons.add(PersonInput(f"{prefix} Văn Số {index}"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("Lò", "Hà", "Vi")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = verify_chain(written.context)
    assert (report.ok, report.checked) == (True, 10 + 45)


def _audit_rows(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM audit_entry").fetchone()
    return int(count)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_a_released_schemas_rows_are_chained_by_the_upgrade(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "pcmt.sqlite3"
    shutil.copyfile(fixture, path)
    rows = _audit_rows(path)
    assert rows > 0
    database = Database.open(path)
    try:
        report = verify_chain(ServiceContext(database.sessions))
    finally:
        database.close()
    assert (report.ok, report.checked, report.problems) == (True, rows, [])
