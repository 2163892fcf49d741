"""The import: round trip through an empty database, idempotence, all-or-nothing, matching."""

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from pcmt_desktop.demo import generate_demo
from pcmt_desktop.domain.vocabulary import Gender
from pcmt_desktop.interchange.export import export_workbook
from pcmt_desktop.interchange.importer import (
    ImportPlan,
    apply_import,
    plan_import,
)
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store import models
from pcmt_desktop.store.database import Database

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30, 0)
BOOKKEEPING = {"id", "created_at", "updated_at"}
# Columns that point at another table by id: compared through what they point at.
REFERENCES = {
    "person_id": models.Person,
    "sub_area_id": models.SubArea,
    "hotspot_id": models.Hotspot,
    "dossier_id": models.Dossier,
    "case_id": models.DrugCase,
    "phase_id": models.Phase,
}
TABLES = [
    table
    for table in models.Base.metadata.sorted_tables
    if table.name not in ("audit_entry", "audit_chain_head", "alembic_version")
]


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Services]:
    """Services on a second, empty database (the import's target)."""
    database = Database.open(tmp_path / "target.sqlite3")
    yield Services.build(ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW))
    database.close()


def _natural(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows without ids: references replaced by the referenced row's content.

    Sorted, so two databases with the same data but other ids compare equal.
    """
    with services.context.reading() as session:
        raw = {
            table.name: [dict(row._mapping) for row in session.execute(select(table))]
            for table in TABLES
        }
    by_id: dict[str, dict[int, dict[str, Any]]] = {
        name: {row["id"]: row for row in rows if "id" in row} for name, rows in raw.items()
    }

    def content(name: str, row: dict[str, Any], depth: int = 0) -> tuple[Any, ...]:
        items = []
        for key in sorted(row):
            if key in BOOKKEEPING:
                continue
            value = row[key]
            if key in REFERENCES and value is not None and depth < 2:
                target = REFERENCES[key].__tablename__
                value = content(target, by_id[target][value], depth + 1)
            items.append((key, value))
        return tuple(items)

    return {
        name: sorted((content(name, row) for row in rows), key=repr) for name, rows in raw.items()
    }


def _import(services: Services, path: Path) -> ImportPlan:
    plan = plan_import(services, path)
    assert plan.problems == []
    apply_import(services, plan)
    return plan


def test_export_then_import_into_an_empty_database_gives_the_same_data(
    bare_services: Services, fresh: Services, tmp_path: Path
) -> None:
    generate_demo(bare_services, persons=60, today=TODAY)
    path = tmp_path / "du_lieu.xlsx"
    export_workbook(bare_services, path)

    _import(fresh, path)

    before, after = _natural(bare_services), _natural(fresh)
    for table in before:
        assert after[table] == before[table], table
    assert sum(len(rows) for rows in before.values()) > 500


def test_importing_the_same_workbook_twice_adds_nothing(
    bare_services: Services, fresh: Services, tmp_path: Path
) -> None:
    generate_demo(bare_services, persons=40, today=TODAY)
    path = tmp_path / "du_lieu.xlsx"
    export_workbook(bare_services, path)
    first = _import(fresh, path)
    once = _natural(fresh)

    second = plan_import(fresh, path)

    assert second.problems == []
    assert second.total_added == 0
    assert second.already_there["DoiTuong"] == first.added["DoiTuong"] > 0
    assert second.already_there["Test"] == first.added["Test"] > 0
    apply_import(fresh, second)
    assert _natural(fresh) == once


OFFICE = ["Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Tên gọi địa bàn"]
PERSON = ["Mã", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Địa bàn"]
STAY = ["Mã đối tượng", "Diện", "Từ ngày", "Lý do đưa vào", "Đến ngày", "Lý do thanh loại"]


def _write(path: Path, sheets: Mapping[str, Any]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _described(plan: ImportPlan) -> list[str]:
    return [problem.describe() for problem in plan.problems]


def test_a_different_office_is_refused_and_new_sub_areas_are_added(
    services: Services, tmp_path: Path
) -> None:
    other = _write(
        tmp_path / "khac.xlsx",
        {"DonVi": [OFFICE, ["Công an xã Bên Cạnh", "Xã", "", "thôn"]]},
    )
    assert _described(plan_import(services, other)) == [
        "Sheet DonVi, dòng 2, cột Tên đơn vị: Tệp này của đơn vị “Công an xã Bên Cạnh”, khác "
        "đơn vị của cơ sở dữ liệu (“Công an xã Thử Nghiệm”)."
    ]
    same = _write(
        tmp_path / "cung.xlsx",
        {
            "DonVi": [OFFICE, ["CÔNG AN XÃ THỬ NGHIỆM", "Xã", "", "thôn"]],
            "DiaBan": [["Tên địa bàn", "Số nhân khẩu"], ["thon dong", 5], ["Thôn Mới", 300]],
        },
    )
    plan = plan_import(services, same)
    assert plan.problems == []
    assert (plan.added["DiaBan"], plan.already_there["DiaBan"]) == (1, 1)
    apply_import(services, plan)
    assert [area.name for area in services.office.sub_areas()][-1] == "Thôn Mới"


def test_a_known_person_is_matched_and_a_conflict_reported(
    services: Services, tmp_path: Path
) -> None:
    area = services.office.sub_areas()[0]
    services.persons.add(
        PersonInput(
            full_name="Hà Văn Sinh", gender=Gender.MALE, birth_year=1988, cccd="001088000123"
        )
    )
    services.persons.add(
        PersonInput(full_name="Lù Thị Phướng", birth_year=1992, sub_area_id=area.id)
    )
    rows = [
        PERSON,
        ["X1", "Hà Văn Sinh", None, 1988, "001088000123", None],
        ["X2", "lu thi phuong", None, 1992, None, area.name],
        ["X3", "Hà Văn Sinh", "Nữ", 1975, "001088000123", None],
    ]
    plan = plan_import(services, _write(tmp_path / "nguoi.xlsx", {"DoiTuong": rows}))
    assert _described(plan) == [
        "Sheet DoiTuong, dòng 4, cột Số CCCD: Số CCCD 001088000123 đã có ở dòng 2.",
    ]
    plan = plan_import(services, _write(tmp_path / "nguoi2.xlsx", {"DoiTuong": rows[:3]}))
    assert plan.problems == []
    assert (plan.added["DoiTuong"], plan.already_there["DoiTuong"]) == (0, 2)
    conflict = [PERSON, ["X3", "Hà Văn Sinh", "Nữ", 1975, "001088000123", None]]
    plan = plan_import(services, _write(tmp_path / "nguoi3.xlsx", {"DoiTuong": conflict}))
    assert [problem.column for problem in plan.problems] == ["Giới tính", "Ngày sinh"]
    assert "đã có trong cơ sở dữ liệu với giới tính khác" in plan.problems[0].message


def test_overlapping_stays_and_end_before_start_are_reported(
    services: Services, tmp_path: Path
) -> None:
    sheets = {
        "DoiTuong": [PERSON, ["X1", "Mùa A Dình", "Nam", 1990, None, None]],
        "DienQuanLy": [
            STAY,
            ["X1", "Sử dụng", "01/01/2025", "Test dương tính", "01/06/2025", "Chuyển diện"],
            ["X1", "Nghiện", "01/05/2025", "Xác định nghiện", None, None],
            ["X1", "Sau cai", "01/03/2026", "Hết cai", "01/02/2026", "Hết thời gian"],
        ],
    }
    plan = plan_import(services, _write(tmp_path / "dien.xlsx", sheets))
    messages = _described(plan)
    assert messages[0].startswith("Sheet DienQuanLy, dòng 2, cột Từ ngày: Trùng thời gian")
    assert messages[1].startswith("Sheet DienQuanLy, dòng 3, cột Từ ngày: Trùng thời gian")
    assert messages[2] == (
        "Sheet DienQuanLy, dòng 4, cột Đến ngày: Đến ngày (01/02/2026) ở trước từ ngày "
        "(01/03/2026)."
    )
    assert len(messages) == 3


def test_apply_checks_again_when_the_database_changed_since_the_plan(
    services: Services, tmp_path: Path
) -> None:
    rows = [PERSON, ["X1", "Giàng Thị Mỷ", "Nữ", 1999, "001199000777", None]]
    plan = plan_import(services, _write(tmp_path / "doi.xlsx", {"DoiTuong": rows}))
    assert plan.added["DoiTuong"] == 1
    services.persons.add(
        PersonInput(full_name="Giàng Thị Mỷ", birth_year=1999, cccd="001199000777")
    )
    summary = apply_import(services, plan)
    assert summary.added["DoiTuong"] == 0
    assert summary.already_there["DoiTuong"] == 1
    assert len(services.persons.find("Giàng Thị Mỷ")) == 1


def test_one_audit_row_per_sheet_and_one_announcement(services: Services, tmp_path: Path) -> None:
    heard: list[Changes] = []
    services.context.bus.subscribe(heard.append)
    rows = [PERSON, ["X1", "Sùng A Páo", "Nam", 1980, None, None]]
    apply_import(services, plan_import(services, _write(tmp_path / "a.xlsx", {"DoiTuong": rows})))
    with services.context.reading() as session:
        summaries = list(
            session.scalars(select(models.AuditEntry.summary).order_by(models.AuditEntry.id))
        )
    assert summaries[-1] == "Nhập 1 dòng từ sheet DoiTuong của tệp a.xlsx"
    assert len(heard) == 1
    assert "person" in heard[0].entities


def test_a_workbook_made_by_hand_from_the_contract_alone_imports(
    fresh: Services, tmp_path: Path
) -> None:
    """Only INTERCHANGE.md §1's own columns, typed as an officer would (accents, case and
    spacing of headers and values varying, dates as text or real dates, a birth year)."""
    workbook = Workbook()
    sheets: dict[str, list[list[Any]]] = {
        "DonVi": [
            ["Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Tên gọi địa bàn"],
            ["Công an xã Bình Yên", "Xã", "Công an tỉnh Mẫu", "thôn, tổ dân phố"],
        ],
        "DiaBan": [["Tên địa bàn", "Số nhân khẩu"], ["Thôn Thượng", 1200], ["Thôn Hạ", 950]],
        "DoiTuong": [
            [
                "Mã",
                "Họ và tên",
                "Giới tính",
                "Ngày sinh",
                "Số CCCD",
                "Địa bàn",
                "Thôn, xóm",
                "Nơi thường trú",
                "Nơi ở hiện tại",
                "Nghề nghiệp",
                "Ghi chú",
            ],
            [
                "1",
                "Vi Văn Khánh",
                "nam",
                "1991",
                "025091001122",
                "thon thuong",
                "Xóm 1",
                "",
                "",
                "Làm ruộng",
                "",
            ],
            ["2", "Lò Thị Hoa", "Nữ", "07/03/1995", None, "Thôn Hạ", "", "", "", "", ""],
        ],
        "DienQuanLy": [
            [
                "mã đối tượng",
                "DIỆN",
                "Từ ngày",
                "Lý do đưa vào",
                "Đến ngày",
                "Lý do thanh loại",
                "Nơi ở",
            ],
            [
                "1",
                "nghi su dung",
                "05/01/2025",
                "Rà soát phát hiện mới",
                date(2025, 6, 2),
                "Chuyển sang danh sách khác",
                None,
            ],
            [
                "1",
                "Nghiện",
                date(2025, 6, 2),
                "Xác định tình trạng nghiện",
                None,
                None,
                "Cộng đồng",
            ],
            ["2", "Sử dụng", "15/10/2025", "Test dương tính", None, None, None],
        ],
        "Test": [
            ["Mã đối tượng", "Ngày test", "Kết quả", "Chất dương tính", "Ghi chú"],
            ["2", "15/10/2025", "Dương tính", "Methamphetamine", ""],
            ["1", "20/11/2026", "Âm tính", None, None],
        ],
    }
    first = True
    for name, rows in sheets.items():
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        assert sheet is not None
        sheet.title = name
        for row in rows:
            sheet.append(row)
    path = tmp_path / "tu-lam.xlsx"
    workbook.save(path)

    plan = _import(fresh, path)

    assert plan.added["DoiTuong"] == 2
    # Three stays, and the addict's location that the contract's "Nơi ở" column implies.
    assert plan.added["DienQuanLy"] == 4
    assert plan.added["Test"] == 2
    office = fresh.office.office()
    assert office is not None
    assert office.name == "Công an xã Bình Yên"
    assert [area.name for area in fresh.office.sub_areas()] == ["Thôn Thượng", "Thôn Hạ"]
    [khanh] = fresh.persons.find("vi van khanh")
    assert (khanh.birth_year, khanh.sub_area_name, khanh.gender) == (
        1991,
        "Thôn Thượng",
        Gender.MALE,
    )
    stay = fresh.histories.list_on(khanh.id, TODAY)
    assert stay is not None
    assert stay.values["list_key"] == "nghien"
    [location] = fresh.histories.entries(khanh.id, HistoryKind.ADDICT_LOCATION)
    assert (location.start, location.end, location.values["location"]) == (
        date(2025, 6, 2),
        None,
        "cong_dong",
    )
