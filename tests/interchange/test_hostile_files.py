"""Files that are wrong or hostile: each refused with a clear message, nothing written."""

import tempfile
import unicodedata
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from pcmt_desktop.interchange import reader
from pcmt_desktop.interchange.importer import ImportPlan, ImportRefused, apply_import, plan_import
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store import models
from pcmt_desktop.store.database import Database

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30)

OFFICE = ["Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Tên gọi địa bàn"]
PERSON = ["Mã", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Địa bàn"]
TEST = ["Mã đối tượng", "Ngày test", "Kết quả", "Chất dương tính"]


def _write(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook written by hand, as an office would from INTERCHANGE.md alone."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _basic(
    persons: list[list[Any]] | None = None, tests: list[list[Any]] | None = None
) -> dict[str, list[list[Any]]]:
    return {
        "DonVi": [OFFICE, ["Công an xã Thử Nghiệm", "Xã", "Công an tỉnh Mẫu", "thôn, tổ dân phố"]],
        "DiaBan": [["Tên địa bàn", "Số nhân khẩu"], ["Thôn Đông", 1200], ["Thôn Đoài", "1.402"]],
        "DoiTuong": [
            PERSON,
            *(persons or [["A1", "Trần Văn Tư", "Nam", 1990, "001090000001", "Thôn Đông"]]),
        ],
        "Test": [TEST, *(tests or [["A1", "12/11/2025", "Dương tính", "Heroin"]])],
    }


def _count(services: Services, model: type[models.Base]) -> int:
    with services.context.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _refused(services: Services, path: Path) -> str:
    plan = plan_import(services, path)
    assert len(plan.problems) == 1
    assert plan.problems[0].sheet == ""
    return plan.problems[0].message


def _messages(plan: ImportPlan) -> list[str]:
    return [problem.describe() for problem in plan.problems]


def test_a_hand_written_workbook_imports_into_an_empty_database(
    bare_services: Services, tmp_path: Path
) -> None:
    path = _write(tmp_path / "tay.xlsx", _basic())
    plan = plan_import(bare_services, path)
    assert plan.problems == []
    assert plan.added["DiaBan"] == 2
    apply_import(bare_services, plan)
    assert bare_services.office.office() is not None
    assert [area.population for area in bare_services.office.sub_areas()] == [1200, 1402]
    assert _count(bare_services, models.DrugTest) == 1


def test_a_text_file_renamed_is_not_a_workbook(bare_services: Services, tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.xlsx"
    path.write_text("Họ và tên;Ngày sinh\n", encoding="utf-8")
    assert "đây không phải là tệp Excel .xlsx" in _refused(bare_services, path)


def test_a_zip_that_is_not_a_workbook(bare_services: Services, tmp_path: Path) -> None:
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải Excel")
    assert "tệp nén này không phải là tệp Excel" in _refused(bare_services, path)


def _with_part(
    source: Path, target: Path, name: str, data: bytes, *, replace: bool = False
) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if replace and info.filename == name:
                continue
            new.writestr(info, old.read(info))
        new.writestr(name, data)
    return target


def test_a_zip_bomb_is_refused_from_the_zip_directory(
    bare_services: Services, tmp_path: Path
) -> None:
    good = _write(tmp_path / "tot.xlsx", _basic())
    bomb = _with_part(good, tmp_path / "bom.xlsx", "xl/media/anh.bin", b"\0" * (20 * 1024 * 1024))
    assert "nén bất thường" in _refused(bare_services, bomb)


def test_too_much_unpacked_data_is_refused(
    bare_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 64 * 1024)
    good = _write(tmp_path / "tot.xlsx", _basic())
    big = _with_part(good, tmp_path / "lon.xlsx", "xl/media/anh.bin", bytes(range(256)) * 512)
    assert "quá lớn" in _refused(bare_services, big)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def test_entity_expansion_is_refused(bare_services: Services, tmp_path: Path) -> None:
    good = _write(tmp_path / "tot.xlsx", _basic())
    evil = _with_part(good, tmp_path / "xau.xlsx", "xl/worksheets/sheet1.xml", LAUGHS, replace=True)
    assert "DOCTYPE/ENTITY" in _refused(bare_services, evil)


def test_openpyxl_itself_parses_through_defusedxml(tmp_path: Path) -> None:
    """Even past our own check, openpyxl refuses the entities: defusedxml is in use."""
    import defusedxml
    from openpyxl import load_workbook
    from openpyxl import xml as openpyxl_xml

    assert openpyxl_xml.DEFUSEDXML is True
    good = _write(tmp_path / "tot.xlsx", _basic())
    evil = _with_part(good, tmp_path / "xau.xlsx", "xl/worksheets/sheet1.xml", LAUGHS, replace=True)
    with evil.open("rb") as handle, pytest.raises(ValueError) as caught:
        load_workbook(handle)
    # openpyxl wraps the parser's refusal; the cause is defusedxml's.
    cause = caught.value.__cause__ or caught.value.__context__
    assert isinstance(cause, defusedxml.DefusedXmlException)


def test_a_million_rows_are_refused_from_the_dimension(
    bare_services: Services, tmp_path: Path
) -> None:
    good = _write(tmp_path / "tot.xlsx", _basic())
    with zipfile.ZipFile(good) as archive:
        sheet = archive.read("xl/worksheets/sheet4.xml")
    huge = sheet.replace(b'<dimension ref="A1:D2"/>', b'<dimension ref="A1:D1048576"/>')
    assert huge != sheet
    path = _with_part(good, tmp_path / "trieu.xlsx", "xl/worksheets/sheet4.xml", huge, replace=True)
    assert "1.048.576 dòng, quá giới hạn" in _refused(bare_services, path)


def test_rows_beyond_the_limit_are_refused_while_reading(
    bare_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet without a dimension is counted as it streams, and stopped at the limit."""
    monkeypatch.setattr(reader, "MAX_ROWS", 10)
    tests = [["A1", f"{day:02d}/10/2025", "Âm tính", None] for day in range(1, 20)]
    path = _write(tmp_path / "dai.xlsx", _basic(tests=tests))
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet4.xml")
    stripped = sheet.replace(b'<dimension ref="A1:D20"/>', b"")
    assert stripped != sheet
    path = _with_part(
        path, tmp_path / "dai2.xlsx", "xl/worksheets/sheet4.xml", stripped, replace=True
    )
    assert "quá giới hạn" in _refused(bare_services, path)
    assert _count(bare_services, models.Person) == 0


def test_formulas_are_refused(bare_services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "cong-thuc.xlsx", _basic(tests=[["A1", "=TODAY()", "Âm tính", None]]))
    plan = plan_import(bare_services, path)
    assert _messages(plan) == [
        "Sheet Test, dòng 2, cột Ngày test: Ngày test “=TODAY()” là công thức; tệp nhập cần "
        "giá trị, không cần công thức (hãy dán giá trị)."
    ]


def test_merged_header_cells_are_refused(bare_services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path / "gop.xlsx", _basic())
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Test"].merge_cells("C1:D1")
    book.save(path)
    plan = plan_import(bare_services, path)
    assert _messages(plan) == [
        "Sheet Test, dòng 1: Dòng tiêu đề có ô gộp (merge): mỗi cột cần một ô tiêu đề riêng."
    ]


def test_every_wrong_cell_is_reported_and_nothing_written(
    bare_services: Services, tmp_path: Path
) -> None:
    persons: list[list[Any]] = [
        ["A1", "Trần Văn Tư", "Nam", 1990, "00109000001", "Thôn Đông"],
        ["A2", "Lò Thị Mây", "Nữ", "15/03/1995", None, "Thôn Xa"],
        ["A2", "Vi Văn Hùng", "Nam", None, None, None],
    ]
    tests: list[list[Any]] = [
        ["A1", "31/02/2024", "Âm tính", None],
        ["DT9", "01/02/2024", "Âm tính", None],
        ["A2", "01/12/2026", "Âm tính", None],
        ["A2", "01/10/2026", "Dương tính", None],
    ]
    path = _write(tmp_path / "loi.xlsx", _basic(persons, tests))
    plan = plan_import(bare_services, path)
    assert _messages(plan) == [
        "Sheet DoiTuong, dòng 2, cột Số CCCD: Số CCCD phải gồm đúng 12 chữ số "
        "(đã nhập: “00109000001”).",
        "Sheet DoiTuong, dòng 3, cột Địa bàn: Địa bàn “Thôn Xa” chưa có trong danh sách địa bàn.",
        "Sheet DoiTuong, dòng 4, cột Mã: Mã “A2” đã có ở dòng 3.",
        "Sheet Test, dòng 2, cột Ngày test: Ngày test “31/02/2024” không phải là ngày hợp lệ "
        "(dd/mm/yyyy).",
        "Sheet Test, dòng 3, cột Mã đối tượng: Mã đối tượng “DT9” không có trong sheet DoiTuong.",
        "Sheet Test, dòng 4, cột Ngày test: Ngày test (01/12/2026) ở sau ngày hôm nay "
        "(23/11/2026).",
        "Sheet Test, dòng 5, cột Chất dương tính: Kết quả dương tính: hãy ghi chất dương tính.",
    ]
    with pytest.raises(ImportRefused, match="Tệp có lỗi"):
        apply_import(bare_services, plan)
    assert _count(bare_services, models.Person) == 0
    assert _count(bare_services, models.Office) == 0


def test_text_where_a_number_belongs(bare_services: Services, tmp_path: Path) -> None:
    sheets = _basic()
    sheets["DiaBan"][1][1] = "một nghìn"
    plan = plan_import(bare_services, _write(tmp_path / "so.xlsx", sheets))
    assert _messages(plan) == [
        "Sheet DiaBan, dòng 2, cột Số nhân khẩu: Số nhân khẩu “một nghìn” phải là số nguyên."
    ]


def test_nfc_and_nfd_vietnamese_both_match(bare_services: Services, tmp_path: Path) -> None:
    def nfd(value: Any) -> Any:
        return unicodedata.normalize("NFD", value) if isinstance(value, str) else value

    sheets = {
        nfd(name): [[nfd(cell) for cell in row] for row in rows] for name, rows in _basic().items()
    }
    sheets[nfd("Test")][1][2] = nfd("DUONG TINH")
    plan = plan_import(bare_services, _write(tmp_path / "nfd.xlsx", sheets))
    assert plan.problems == []
    apply_import(bare_services, plan)
    person = bare_services.persons.find("Trần Văn Tư")[0]
    assert person.full_name == unicodedata.normalize("NFC", "Trần Văn Tư")
    # The same persons typed in NFC are recognised, not added again.
    again = plan_import(bare_services, _write(tmp_path / "nfc.xlsx", _basic()))
    assert again.problems == []
    assert again.total_added == 0


def test_unknown_columns_and_sheets_are_notices(bare_services: Services, tmp_path: Path) -> None:
    sheets = _basic()
    sheets["DoiTuong"][0].append("Biệt danh")
    sheets["DoiTuong"][1].append("Tư béo")
    sheets["Ghi chép"] = [["gì đó"]]
    plan = plan_import(bare_services, _write(tmp_path / "la.xlsx", sheets))
    assert plan.problems == []
    assert plan.notices == [
        "Bỏ qua sheet “Ghi chép” (chương trình không dùng).",
        "Sheet DoiTuong: bỏ qua cột “Biệt danh” (chương trình không dùng cột này).",
    ]


def test_a_missing_required_column_names_the_sheet(bare_services: Services, tmp_path: Path) -> None:
    sheets = _basic()
    sheets["Test"] = [["Mã đối tượng", "Kết quả"], ["A1", "Âm tính"]]
    plan = plan_import(bare_services, _write(tmp_path / "thieu.xlsx", sheets))
    assert _messages(plan) == [
        "Sheet Test, dòng 1, cột Ngày test: Sheet Test thiếu cột bắt buộc “Ngày test”."
    ]


NAMES = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạéèẻẽẹ ", min_size=0, max_size=20)
CCCD = st.one_of(st.none(), st.from_regex(r"[0-9]{10,13}", fullmatch=True))
YEARS = st.one_of(st.none(), st.integers(min_value=1850, max_value=2030))


@settings(max_examples=12, deadline=None)
@given(rows=st.lists(st.tuples(NAMES, CCCD, YEARS), min_size=1, max_size=8))
# Found by this test: a later row in error with the same CCCD made the first one the copy.
@example(rows=[("a", "000000000000", None), ("", "000000000000", None)])
def test_generated_person_rows(rows: list[tuple[str, str | None, int | None]]) -> None:
    """Valid rows import; each invalid row is reported on its own Excel row, nothing written.

    Each example imports into its own new database (office and sub-areas from the file).
    """
    table: list[list[Any]] = [list(PERSON)]
    expected_bad: set[int] = set()
    seen_cccd: set[str] = set()
    for index, (name, cccd, year) in enumerate(rows):
        number = index + 2
        table.append([f"K{index}", name, "Nam", year, cccd, "Thôn Đông"])
        bad = not name.strip()
        bad |= cccd is not None and (len(cccd) != 12 or cccd in seen_cccd)
        bad |= year is not None and not 1900 <= year <= TODAY.year
        if cccd is not None and len(cccd) == 12:
            seen_cccd.add(cccd)
        if bad:
            expected_bad.add(number)
    sheets = _basic()
    sheets["DoiTuong"] = table
    del sheets["Test"]
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(Path(folder) / "sinh.sqlite3")
        try:
            services = Services.build(
                ServiceContext(database.sessions, today=lambda: TODAY, now=lambda: NOW)
            )
            plan = plan_import(services, _write(Path(folder) / "sinh.xlsx", sheets))
            assert {problem.row for problem in plan.problems} == expected_bad
            assert all(problem.sheet == "DoiTuong" for problem in plan.problems)
            if expected_bad:
                with pytest.raises(ImportRefused):
                    apply_import(services, plan)
                assert _count(services, models.Person) == 0
                assert _count(services, models.Office) == 0
            else:
                apply_import(services, plan)
                assert _count(services, models.Person) == len(rows)
        finally:
            database.close()
