"""Build ``tests/store/fixtures/schema_<revision>.sqlite3``: a small database of a released schema.

Run by hand, once, when a schema revision is released (pytest does not collect this file):

    .venv/bin/python tests/store/make_schema_fixture.py 0001
    PYTHONPATH=. .venv/bin/python tests/store/make_schema_fixture.py 0002 --from-demo

The file is committed and never rebuilt; ``test_migrations.py`` upgrades a copy of every
such file to head and checks that each row survived. The rows are written through tables
reflected from the file itself, not through today's models, so the script keeps working
after the models move on. When a new revision adds tables, add rows for them below.
All names are invented.
"""

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, text

from pcmt_desktop.store.database import make_engine
from pcmt_desktop.store.migrate import upgrade_to

if TYPE_CHECKING:
    from pcmt_desktop.services.registry import Services

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AT = datetime(2025, 9, 1, 8, 0, 0)

ROWS: dict[str, list[dict[str, Any]]] = {
    "office": [
        {
            "id": 1,
            "name": "Công an xã Hòa Mẫu",
            "level": "Xã",
            "parent_name": "Công an tỉnh Thử Nghiệm",
            "sub_area_label": "thôn, tổ dân phố",
            "place_name": "Hòa Mẫu",
        }
    ],
    "sub_area": [
        {
            "id": 1,
            "name": "Thôn Đồng Ước",
            "name_folded": "thon dong uoc",
            "population": 1520,
            "position": 0,
        },
        {
            "id": 2,
            "name": "Tổ dân phố Số 3",
            "name_folded": "to dan pho so 3",
            "population": None,
            "position": 1,
        },
    ],
    "person": [
        {
            "id": 1,
            "full_name": "Trịnh Văn Khải",
            "name_folded": "trinh van khai",
            "search_text": "trinh van khai 079201001234 1992 xom giua",
            "gender": "nam",
            "birth_year": 1992,
            "birth_date": date(1992, 4, 17),
            "cccd": "079201001234",
            "sub_area_id": 1,
            "village": "Xóm Giữa",
            "permanent_address": "Số 4, ngõ 12, thôn Đồng Ước",
            "current_address": "Số 4, ngõ 12, thôn Đồng Ước",
            "occupation": "Lái xe",
            "notes": "Ghi chú có dấu: “đã test dương tính” — lần 1.",
            "created_at": AT,
            "updated_at": datetime(2025, 9, 3, 14, 5, 9),
        },
        {
            "id": 2,
            "full_name": "Vương Thị Ngát",
            "name_folded": "vuong thi ngat",
            "search_text": "vuong thi ngat 1988",
            "gender": "nu",
            "birth_year": 1988,
            "birth_date": None,
            "cccd": None,
            "sub_area_id": 2,
            "village": "",
            "permanent_address": "",
            "current_address": "Tổ dân phố Số 3",
            "occupation": "",
            "notes": "",
            "created_at": AT,
            "updated_at": AT,
        },
        {
            "id": 3,
            "full_name": "Đàm Quốc Ưng",
            "name_folded": "dam quoc ung",
            "search_text": "dam quoc ung",
            "gender": None,
            "birth_year": None,
            "birth_date": None,
            "cccd": None,
            "sub_area_id": None,
            "village": "",
            "permanent_address": "",
            "current_address": "",
            "occupation": "",
            "notes": "",
            "created_at": AT,
            "updated_at": AT,
        },
    ],
    "list_stay": [
        {
            "id": 1,
            "person_id": 1,
            "list_key": "su_dung",
            "start_date": date(2024, 3, 2),
            "end_date": date(2025, 3, 2),
            "start_reason": "Test dương tính",
            "end_reason": "Chuyển sang danh sách khác",
            "note": "",
        },
        {
            "id": 2,
            "person_id": 1,
            "list_key": "nghien",
            "start_date": date(2025, 3, 2),
            "end_date": None,
            "start_reason": "Chuyển từ danh sách khác",
            "end_reason": "",
            "note": "Xác định tình trạng nghiện",
        },
        {
            "id": 3,
            "person_id": 2,
            "list_key": "nghi_su_dung",
            "start_date": date(2025, 1, 15),
            "end_date": None,
            "start_reason": "Rà soát phát hiện mới",
            "end_reason": "",
            "note": "",
        },
    ],
    "addict_location_stay": [
        {
            "id": 1,
            "person_id": 1,
            "location": "co_so",
            "facility": "Cơ sở cai nghiện số 2",
            "start_date": date(2025, 4, 1),
            "end_date": date(2025, 8, 1),
        },
        {
            "id": 2,
            "person_id": 1,
            "location": "cong_dong",
            "facility": "",
            "start_date": date(2025, 8, 1),
            "end_date": None,
        },
    ],
    "substitution_treatment": [
        {
            "id": 1,
            "person_id": 1,
            "facility": "Cơ sở điều trị Methadone huyện cũ",
            "start_date": date(2025, 8, 5),
            "end_date": None,
        },
    ],
    "surveillance": [
        {
            "id": 1,
            "person_id": 3,
            "category": "DM2",
            "surveillance_class": "B",
            "note": "Hiềm nghi mua bán",
            "start_date": date(2025, 6, 10),
            "end_date": None,
        },
    ],
    "retail_seller_role": [
        {
            "id": 1,
            "person_id": 3,
            "place_note": "Quán nước đầu cầu Đồng Ước",
            "start_date": date(2025, 6, 10),
            "end_date": date(2025, 7, 20),
        },
    ],
    "custody_stay": [
        {
            "id": 1,
            "person_id": 3,
            "kind": "trai_giam",
            "place": "Trại giam Thử Nghiệm",
            "start_date": date(2025, 7, 20),
            "end_date": None,
        },
    ],
    "audit_entry": [
        {
            "id": 1,
            "at": AT,
            "user_name": "quantri",
            "action": "tao",
            "entity": "person",
            "entity_id": 1,
            "person_id": 1,
            "summary": "Thêm đối tượng Trịnh Văn Khải",
            "before_json": None,
            "after_json": json.dumps(
                {"id": 1, "full_name": "Trịnh Văn Khải", "birth_year": 1992},
                ensure_ascii=False,
            ),
        },
        {
            "id": 2,
            "at": datetime(2025, 9, 3, 14, 5, 9),
            "user_name": "quantri",
            "action": "sua",
            "entity": "person",
            "entity_id": 1,
            "person_id": 1,
            "summary": "Sửa đối tượng Trịnh Văn Khải",
            "before_json": json.dumps({"occupation": ""}, ensure_ascii=False),
            "after_json": json.dumps({"occupation": "Lái xe"}, ensure_ascii=False),
        },
    ],
}


def build(revision: str) -> Path:
    FIXTURES.mkdir(exist_ok=True)
    path = FIXTURES / f"schema_{revision}.sqlite3"
    if path.exists():
        raise SystemExit(f"{path} exists: a released schema's fixture is never rebuilt.")
    engine = make_engine(path)
    try:
        upgrade_to(engine, revision)
        metadata = MetaData()
        metadata.reflect(engine)
        missing = set(metadata.tables) - set(ROWS) - {"alembic_version"}
        if missing:
            raise SystemExit(f"Add rows for every table; none for: {sorted(missing)}")
        with engine.begin() as connection:
            for table in metadata.sorted_tables:
                if table.name in ROWS:
                    connection.execute(table.insert(), ROWS[table.name])
        # Small pages and a rollback journal keep the committed file a few dozen KB and
        # self-contained; Database.open switches it back to WAL like any other file.
        with engine.connect() as connection:
            connection.execute(text("PRAGMA journal_mode = DELETE"))
            connection.execute(text("PRAGMA page_size = 1024"))
            connection.execute(text("VACUUM"))
    finally:
        engine.dispose()
    return path


def build_from_demo(revision: str, persons: int = 40) -> Path:
    """A later schema's fixture, written by ``pcmt demo`` while that schema is the head.

    Hand-written rows for every table of every registry would be long and easy to get
    wrong; the demo writes each registry through the services that own the schema, so
    its rows are the ones a real office of that version would hold.
    """
    from pcmt_desktop.demo import generate_demo
    from pcmt_desktop.services.context import ServiceContext
    from pcmt_desktop.services.registry import Services
    from pcmt_desktop.store.database import Database
    from pcmt_desktop.store.migrate import head_revision

    if head_revision() != revision:
        raise SystemExit(f"The head is {head_revision()}, not {revision}: use rows instead.")
    path = FIXTURES / f"schema_{revision}.sqlite3"
    if path.exists():
        raise SystemExit(f"{path} exists: a released schema's fixture is never rebuilt.")
    today = date(2026, 11, 23)
    database = Database.open(path)
    try:
        services = Services.build(
            ServiceContext(database.sessions, today=lambda: today, now=lambda: AT)
        )
        generate_demo(services, seed=2, persons=persons, today=today)
        _fill_rare_kinds(services)
    finally:
        database.close()
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            connection.execute(text("PRAGMA journal_mode = DELETE"))
            connection.execute(text("PRAGMA page_size = 1024"))
            connection.execute(text("VACUUM"))
    finally:
        engine.dispose()
    for leftover in (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", ".lock")):
        leftover.unlink(missing_ok=True)
    return path


def _fill_rare_kinds(services: "Services") -> None:
    """A small demo may have nobody in custody: every table must hold a row to check."""
    from pcmt_desktop.services.histories import HistoryInput
    from pcmt_desktop.services.history_kinds import HistoryKind
    from pcmt_desktop.services.person_listing import PersonFilter
    from tests.services.history_values import VALID_VALUES

    person_ids = services.listing.ordered_ids(PersonFilter())
    for kind in HistoryKind:
        if any(services.histories.entries(person_id, kind) for person_id in person_ids):
            continue
        free = next(pid for pid in person_ids if not services.histories.entries(pid, kind))
        services.histories.add(
            kind, free, HistoryInput(date(2026, 2, 2), date(2026, 3, 3), VALID_VALUES[kind])
        )
    _fill_reports_and_accounts(services)


def _fill_reports_and_accounts(services: "Services") -> None:
    """A kept report, an office's own template and an account: the demo makes none."""
    from pcmt_desktop.auth.login import LoginService
    from pcmt_desktop.reports.kept_reports import KeptReports
    from pcmt_desktop.reports.office_templates import OfficeTemplates
    from pcmt_desktop.reports.template_catalog import template_path

    OfficeTemplates(services.context).register(
        "so-ket-xa", "Sơ kết của xã (mẫu riêng)", "so-ket", template_path("so-ket")
    )
    KeptReports(services.context).keep(
        template_name="so-ket",
        title="Báo cáo sơ kết 6 tháng đầu năm 2026",
        date_from=date(2025, 12, 15),
        date_to=date(2026, 6, 14),
        compare=True,
        narrative={"so_ky_hieu": "12/BC-CAX"},
        figures={"schema": 1},
        docx_path="C:/PCMT/bao-cao/so-ket-2026.docx",
        annex_path="",
    )
    login = LoginService(services.context)
    if not login.has_users():
        login.first_administrator("quantri", "Quản trị viên", "Mau-thu-nghiem-2026")


def main() -> None:
    revision = sys.argv[1] if len(sys.argv) > 1 else "0001"
    from_demo = "--from-demo" in sys.argv[2:]
    print(build_from_demo(revision) if from_demo else build(revision))


if __name__ == "__main__":
    main()
