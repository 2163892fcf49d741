"""The export, opened back with openpyxl: sheets, headers, words, dates, counts, safety."""

import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from pcmt_desktop.demo import generate_demo
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.vocabulary import AddictLocation, Gender, ManagementList
from pcmt_desktop.interchange import spec
from pcmt_desktop.interchange.export import (
    ExportCancelled,
    ExportError,
    column_width,
    export_workbook,
)
from pcmt_desktop.services.case_listing import CaseFilter
from pcmt_desktop.services.case_types import CaseKind, SeizedItems
from pcmt_desktop.services.cases import CaseInput, SubjectInput
from pcmt_desktop.services.drug_test_listing import DrugTestCriteria
from pcmt_desktop.services.drug_tests import DrugTestInput
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.hotspots import HotspotInput
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.plant_seizures import PlantSeizureInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store import models


def _sheet_rows(path: Path, name: str) -> list[tuple[Any, ...]]:
    workbook = load_workbook(path)
    return list(workbook[name].iter_rows(min_row=2, values_only=True))


def _table_count(services: Services, model: Any) -> int:
    with services.context.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def demo(bare_services: Services) -> Services:
    generate_demo(bare_services, persons=60)
    return bare_services


def test_every_sheet_in_order_with_its_headers_frozen_and_wide_enough(
    demo: Services, tmp_path: Path
) -> None:
    path = tmp_path / "du-lieu.xlsx"
    export_workbook(demo, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [sheet.name for sheet in spec.SHEETS]
    for sheet in spec.SHEETS:
        worksheet = workbook[sheet.name]
        assert worksheet.freeze_panes == "A2"
        header = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True))
        assert header == sheet.headers
        assert worksheet["A1"].font.bold
        for index, column in enumerate(sheet.columns):
            letter = worksheet.cell(row=1, column=index + 1).column_letter
            width = worksheet.column_dimensions[letter].width
            assert width == column_width(column)
            assert width >= min(len(column.header), 57), (sheet.name, column.header)


def test_rows_per_sheet_match_the_services_counts(demo: Services, tmp_path: Path) -> None:
    path = tmp_path / "du-lieu.xlsx"
    summary = export_workbook(demo, path)
    workbook = load_workbook(path)
    written = {name: workbook[name].max_row - 1 for name in workbook.sheetnames}
    assert written == dict(summary.rows)
    expected = {
        "DonVi": 1,
        "DiaBan": len(demo.office.sub_areas()),
        "DoiTuong": demo.persons.count(),
        "Test": len(demo.drug_tests.ordered_ids(DrugTestCriteria())),
        "HoSoCNBB": demo.dossiers.count(),
        "DiemPhucTap": demo.hotspots.count(),
        "PhaCay": demo.plant_seizures.count(),
        "VuViec": len(demo.cases.ordered_ids(CaseFilter())),
        "GiaiDoan": len(demo.targets.phases()),
        "ChiTieu": sum(len(demo.targets.targets(phase.id)) for phase in demo.targets.phases()),
        "DienQuanLy": _table_count(demo, models.ListStay),
        "DieuTriThayThe": _table_count(demo, models.SubstitutionTreatment),
        "BanLe": _table_count(demo, models.RetailSellerRole),
        "NoiONghien": _table_count(demo, models.AddictLocationStay),
        "SuuTra": _table_count(demo, models.Surveillance),
        "TraiGiam": _table_count(demo, models.CustodyStay),
        "BuocHoSoCNBB": _table_count(demo, models.DossierStep),
        "TinhTrangDiem": _table_count(demo, models.HotspotStatus),
        "DoiTuongVuViec": _table_count(demo, models.CaseSubject),
        "QuyDinh": _table_count(demo, models.LegalRule),
    }
    assert written == expected
    # The demo fills every registry: an empty sheet here would hide a forgotten table.
    assert all(count > 0 for count in written.values()), written
    assert summary.total == sum(expected.values())


def test_every_key_named_elsewhere_exists_on_its_own_sheet(demo: Services, tmp_path: Path) -> None:
    path = tmp_path / "du-lieu.xlsx"
    export_workbook(demo, path)
    workbook = load_workbook(path)

    def column(sheet: str, header: str) -> list[Any]:
        index = spec.match_sheet(sheet).headers.index(header)  # type: ignore[union-attr]
        return [row[index] for row in workbook[sheet].iter_rows(min_row=2, values_only=True)]

    persons = column("DoiTuong", "Mã")
    assert len(set(persons)) == len(persons)
    for name in ("DienQuanLy", "DieuTriThayThe", "Test", "HoSoCNBB", "BanLe", "NoiONghien"):
        assert set(column(name, "Mã đối tượng")) <= set(persons), name
    assert set(column("PhaCay", "Mã đối tượng")) - {None} <= set(persons)
    assert set(column("BuocHoSoCNBB", "Mã hồ sơ")) == set(column("HoSoCNBB", "Mã hồ sơ"))
    assert set(column("TinhTrangDiem", "Mã điểm")) == set(column("DiemPhucTap", "Mã điểm"))
    assert set(column("BanLe", "Mã điểm")) - {None} <= set(column("DiemPhucTap", "Mã điểm"))
    assert set(column("DoiTuongVuViec", "Số hiệu")) <= set(column("VuViec", "Số hiệu"))
    assert set(column("ChiTieu", "Mã giai đoạn")) <= set(column("GiaiDoan", "Mã giai đoạn"))
    sub_areas = set(column("DiaBan", "Tên địa bàn"))
    for name in ("DoiTuong", "DiemPhucTap", "PhaCay", "VuViec", "ChiTieu"):
        assert set(column(name, "Địa bàn")) - {None} <= sub_areas, name
    # Every list value is one of the format's words.
    for sheet in spec.SHEETS:
        for header in sheet.headers:
            described = sheet.column(header)
            if described.kind is spec.ColumnKind.CHOICE and described.strict:
                assert set(column(sheet.name, header)) - {None} <= set(described.choices)
            if described.kind is spec.ColumnKind.BOOL:
                assert set(column(sheet.name, header)) <= {"Có", "Không"}


def _hand_made(services: Services) -> dict[str, int]:
    area = services.office.sub_areas()[1]
    person = services.persons.add(
        PersonInput(
            "Lò Thị Mẩy",
            gender=Gender.FEMALE,
            birth_year=1991,
            cccd="011191000123",
            sub_area_id=area.id,
            village="Bản Nà",
            occupation="Làm ruộng",
        )
    )
    dated = services.persons.add(PersonInput("Hà Văn Tỉnh", birth_date=date(1988, 2, 29)))
    services.histories.add(
        HistoryKind.LIST,
        person.id,
        HistoryInput(
            date(2025, 3, 1),
            date(2025, 9, 1),
            {
                "list_key": ManagementList.ADDICT,
                "start_reason": "Xác định tình trạng nghiện",
                "end_reason": "Đi khỏi địa phương",
            },
        ),
    )
    services.histories.add(
        HistoryKind.ADDICT_LOCATION,
        person.id,
        HistoryInput(date(2025, 3, 1), date(2025, 5, 1), {"location": AddictLocation.COMMUNITY}),
    )
    services.histories.add(
        HistoryKind.ADDICT_LOCATION,
        person.id,
        HistoryInput(
            date(2025, 5, 1),
            None,
            {"location": AddictLocation.FACILITY, "facility": "Cơ sở cai nghiện số 2"},
        ),
    )
    services.drug_tests.add(
        DrugTestInput(
            person.id,
            date(2025, 2, 20),
            summoned_by="Thiếu úy Đào Văn Khải",
            substances=frozenset({Substance.CANNABIS, Substance.METHAMPHETAMINE}),
        )
    )
    hotspot = services.hotspots.add(
        HotspotInput(
            HotspotKind.COMPLEX_DEN,
            "Quán nước Cây Gạo",
            date(2025, 1, 10),
            area.id,
            in_business=False,
            address="Ngã ba Cây Gạo",
        )
    )
    services.hotspots.add_status(hotspot.id, HotspotState.CLEARED, date(2025, 4, 10))
    services.plant_seizures.add(
        PlantSeizureInput(
            date(2025, 2, 2),
            area.id,
            PlantHandling.NOT_YET,
            place="Nương sau bản",
            ownerless=True,
            opium_plants=1402,
            area_m2=126.5,
        )
    )
    case = services.cases.add(
        CaseInput(
            CaseKind.CRIMINAL,
            date(2025, 6, 6),
            sub_area_id=area.id,
            subjects=2,
            named_subjects=(SubjectInput("Lò Thị Mẩy", 1991, person.id),),
            articles=("251", "249"),
            prosecuted=True,
            defendants=2,
            seized=SeizedItems(heroin_g=5.524, phones=2, cash_vnd=3_500_000),
        )
    )
    return {"person": person.id, "dated": dated.id, "case": case.id, "hotspot": hotspot.id}


def test_values_are_written_in_the_contracts_words(services: Services, tmp_path: Path) -> None:
    ids = _hand_made(services)
    path = tmp_path / "du-lieu.xlsx"
    export_workbook(services, path)
    key = spec.record_key(spec.PERSON_KEY, ids["person"])
    workbook = load_workbook(path)

    persons = {row[0]: row for row in workbook["DoiTuong"].iter_rows(min_row=2, values_only=True)}
    assert persons[key] == (
        key, "Lò Thị Mẩy", "Nữ", 1991, "011191000123", "Thôn Đoài", "Bản Nà",
        None, None, "Làm ruộng", None,
    )  # fmt: skip
    dated_key = spec.record_key(spec.PERSON_KEY, ids["dated"])
    assert persons[dated_key][3] == datetime(1988, 2, 29)
    birth_cell = workbook["DoiTuong"]["D3"]
    assert birth_cell.value == datetime(1988, 2, 29)
    assert birth_cell.number_format == "dd/mm/yyyy"

    stays = list(workbook["DienQuanLy"].iter_rows(min_row=2, values_only=True))
    # The addict's place on the stay's last day (31/08/2025): the facility.
    assert stays == [
        (key, "Nghiện", datetime(2025, 3, 1), "Xác định tình trạng nghiện",
         datetime(2025, 9, 1), "Đi khỏi địa phương", "Cơ sở cai nghiện", None, None),
    ]  # fmt: skip
    assert workbook["DienQuanLy"]["C2"].number_format == "dd/mm/yyyy"
    locations = list(workbook["NoiONghien"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in locations] == ["Cộng đồng", "Cơ sở cai nghiện"]
    assert locations[1][4] == "Cơ sở cai nghiện số 2"

    (test,) = workbook["Test"].iter_rows(min_row=2, values_only=True)
    assert test[:4] == (key, datetime(2025, 2, 20), "Dương tính", "Methamphetamine, Cần sa")
    assert test[5] == "Thiếu úy Đào Văn Khải"

    (hotspot,) = workbook["DiemPhucTap"].iter_rows(min_row=2, values_only=True)
    assert hotspot[:7] == (
        "Quán nước Cây Gạo", "Tụ điểm phức tạp", "Không", "Thôn Đoài", "Ngã ba Cây Gạo",
        datetime(2025, 1, 10), datetime(2025, 4, 10),
    )  # fmt: skip
    statuses = list(workbook["TinhTrangDiem"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in statuses] == ["Đang đấu tranh", "Đã triệt xóa"]

    (seizure,) = workbook["PhaCay"].iter_rows(min_row=2, values_only=True)
    assert seizure[:10] == (
        datetime(2025, 2, 2), "Thôn Đoài", "Nương sau bản", None, 1402, 0, 0, 126.5,
        "Chưa xử lý", None,
    )  # fmt: skip
    assert seizure[13] == "Có"  # vô chủ

    (case,) = workbook["VuViec"].iter_rows(min_row=2, values_only=True)
    case_key = spec.record_key(spec.CASE_KEY, ids["case"])
    assert case[:9] == (
        case_key, datetime(2025, 6, 6), "Hình sự", "Thôn Đoài", 2, "Điều 249, Điều 251",
        "Có", 2, 5.524,
    )  # fmt: skip
    assert case[-3:] == (0, 2, 3_500_000)
    subjects = list(workbook["DoiTuongVuViec"].iter_rows(min_row=2, values_only=True))
    assert subjects == [(case_key, "Lò Thị Mẩy", 1991, key, None)]


def test_a_database_without_an_office_exports_empty_sheets(
    bare_services: Services, tmp_path: Path
) -> None:
    summary = export_workbook(bare_services, tmp_path / "trong.xlsx")
    assert summary.rows["DoiTuong"] == 0
    assert summary.rows["QuyDinh"] > 0  # the law's rules are seeded by the migration
    assert load_workbook(tmp_path / "trong.xlsx").sheetnames[0] == "DonVi"


def test_progress_goes_up_to_the_total(demo: Services, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    summary = export_workbook(demo, tmp_path / "du-lieu.xlsx", lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, summary.total)
    assert seen[-1] == (summary.total, summary.total)
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_cancelled_export_leaves_no_file(demo: Services, tmp_path: Path) -> None:
    folder = tmp_path / "ra"
    folder.mkdir()

    def cancel(done: int, total: int) -> None:
        if done > 0:
            raise ExportCancelled

    with pytest.raises(ExportCancelled):
        export_workbook(demo, folder / "du-lieu.xlsx", cancel)
    assert _leftovers(folder) == []


def test_a_failed_export_keeps_the_previous_file(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "du-lieu.xlsx"
    path.write_bytes(b"ban cu")

    def fail(done: int, total: int) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError) as caught:
        export_workbook(services, path, fail)
    assert "Không ghi được tệp" in str(caught.value)
    assert path.read_bytes() == b"ban cu"
    assert not [name for name in _leftovers(tmp_path) if name.startswith(".~pcmt")]


def test_a_missing_folder_is_refused_in_vietnamese(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_workbook(services, tmp_path / "khong-co" / "du-lieu.xlsx")
    assert "không tồn tại" in str(caught.value) or "Không ghi được" in str(caught.value)
    assert not (tmp_path / "khong-co").exists()


def test_a_target_that_is_a_folder_leaves_nothing_behind(
    services: Services, tmp_path: Path
) -> None:
    target = tmp_path / "thu-muc.xlsx"
    target.mkdir()
    with pytest.raises(ExportError):
        export_workbook(services, target)
    assert target.is_dir()
    assert not [name for name in _leftovers(tmp_path) if name.startswith(".~pcmt")]


@pytest.mark.skipif(
    hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0,
    reason="root writes into read-only folders",
)
def test_a_read_only_folder_leaves_no_file(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ExportError) as caught:
            export_workbook(services, folder / "du-lieu.xlsx")
        assert "không có quyền ghi" in str(caught.value)
        assert _leftovers(folder) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_summary_speaks_vietnamese(demo: Services, tmp_path: Path) -> None:
    summary = export_workbook(demo, tmp_path / "du-lieu.xlsx")
    lines = summary.describe()
    assert lines[0].startswith("Đã xuất dữ liệu ra tệp")
    assert any(line.startswith("DoiTuong: 60 dòng") for line in lines)
    assert lines[-1].startswith("Tổng cộng")
