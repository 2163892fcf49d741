"""The workbook's format as data: the contract's sheets and headers, and how cells match."""

import pytest

from pcmt_desktop.interchange import spec

# shared/INTERCHANGE.md §1, copied by hand: a rename in spec.py must break this test.
CONTRACT: dict[str, tuple[str, ...]] = {
    "DonVi": ("Tên đơn vị", "Cấp", "Đơn vị cấp trên", "Tên gọi địa bàn"),
    "DiaBan": ("Tên địa bàn", "Số nhân khẩu"),
    "DoiTuong": (
        "Mã", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Địa bàn", "Thôn, xóm",
        "Nơi thường trú", "Nơi ở hiện tại", "Nghề nghiệp", "Ghi chú",
    ),
    "DienQuanLy": (
        "Mã đối tượng", "Diện", "Từ ngày", "Lý do đưa vào", "Đến ngày", "Lý do thanh loại",
        "Nơi ở",
    ),
    "DieuTriThayThe": ("Mã đối tượng", "Từ ngày", "Đến ngày", "Cơ sở điều trị"),
    "Test": ("Mã đối tượng", "Ngày test", "Kết quả", "Chất dương tính", "Ghi chú"),
    "HoSoCNBB": (
        "Mã đối tượng", "Ngày lập hồ sơ", "Ngày chuyển Tòa án", "Ngày Tòa án quyết định",
        "Thời hạn (tháng)", "Ngày đưa đi cai nghiện", "Ngày kết thúc không thi hành",
        "Lý do kết thúc", "Ghi chú",
    ),
    "DiemPhucTap": (
        "Tên điểm", "Loại", "Kinh doanh có điều kiện về ANTT", "Địa bàn", "Địa chỉ",
        "Ngày đưa vào", "Ngày triệt xóa", "Ghi chú",
    ),
    "BanLe": ("Mã đối tượng", "Tên điểm", "Từ ngày", "Đến ngày"),
    "PhaCay": (
        "Ngày", "Địa bàn", "Địa điểm", "Mã đối tượng", "Cây thuốc phiện", "Cây cần sa",
        "Cây khác", "Diện tích (m2)", "Hình thức xử lý", "Số tiền phạt (đồng)",
    ),
    "VuViec": (
        "Số hiệu", "Ngày", "Loại", "Địa bàn", "Số đối tượng", "Tội danh, hành vi", "Khởi tố",
        "Số bị can", "Heroin (gam)", "Methamphetamine (gam)", "Ma túy tổng hợp (viên)",
        "Cần sa (gam)", "Ma túy khác (gam)", "Số tiền phạt (đồng)", "Tiếp nhận từ", "Ghi chú",
    ),
}  # fmt: skip

CONTRACT_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("DoiTuong", "Giới tính"): ("Nam", "Nữ"),
    ("DienQuanLy", "Diện"): ("Nghi sử dụng", "Nghi nghiện", "Sử dụng", "Nghiện", "Sau cai"),
    ("DienQuanLy", "Nơi ở"): ("Cộng đồng", "Cơ sở cai nghiện"),
    ("Test", "Kết quả"): ("Dương tính", "Âm tính"),
    ("Test", "Chất dương tính"): (
        "Heroin", "Methamphetamine", "MDMA", "Ketamine", "Cần sa", "Khác",
    ),
    ("DiemPhucTap", "Loại"): ("Điểm phức tạp", "Tụ điểm phức tạp", "Điểm có nguy cơ"),
    ("PhaCay", "Hình thức xử lý"): ("Xử phạt hành chính", "Khởi tố", "Chưa xử lý"),
    ("VuViec", "Loại"): ("Hình sự", "Hành chính"),
}  # fmt: skip


def test_contract_sheets_come_first_in_the_contracts_order() -> None:
    names = [sheet.name for sheet in spec.SHEETS]
    assert names[: len(CONTRACT)] == list(CONTRACT)
    assert all(sheet.contract for sheet in spec.SHEETS[: len(CONTRACT)])
    assert not any(sheet.contract for sheet in spec.SHEETS[len(CONTRACT) :])
    assert len(set(names)) == len(names)
    assert spec.INSTRUCTIONS_SHEET not in names
    assert spec.LISTS_SHEET not in names


@pytest.mark.parametrize("name", list(CONTRACT))
def test_contract_headers_in_order_then_only_added_columns(name: str) -> None:
    sheet = spec.match_sheet(name)
    assert sheet is not None
    contract = CONTRACT[name]
    assert sheet.headers[: len(contract)] == contract
    assert all(column.contract for column in sheet.columns[: len(contract)])
    assert not any(column.contract for column in sheet.columns[len(contract) :])


@pytest.mark.parametrize("sheet", spec.SHEETS, ids=lambda sheet: sheet.name)
def test_headers_are_distinct_even_when_folded(sheet: spec.SheetSpec) -> None:
    keys = [spec.match_key(header) for header in sheet.headers]
    assert len(set(keys)) == len(keys)
    for column in sheet.columns:
        if column.kind in (spec.ColumnKind.CHOICE, spec.ColumnKind.CHOICES):
            assert column.choices, column.header
        if column.kind is spec.ColumnKind.BOOL:
            assert column.allowed == ("Có", "Không")


def test_contract_list_values_are_the_contracts_words() -> None:
    for (sheet_name, header), words in CONTRACT_CHOICES.items():
        sheet = spec.match_sheet(sheet_name)
        assert sheet is not None
        assert sheet.column(header).choices == words


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Họ và tên", "Họ và tên"),
        ("ho va ten", "Họ và tên"),
        ("  HỌ   VÀ  TÊN ", "Họ và tên"),
        ("Thôn,xóm", "Thôn, xóm"),
        ("thon , xom", "Thôn, xóm"),
        ("NGAY SINH", "Ngày sinh"),
        ("so cccd", "Số CCCD"),
        ("Ma", "Mã"),
    ],
)
def test_match_header_ignores_case_accents_and_spaces(typed: str, expected: str) -> None:
    column = spec.match_header(typed, spec.PERSONS)
    assert column is not None
    assert column.header == expected


def test_match_header_of_other_forms_and_unknown_columns() -> None:
    area = spec.match_header("dien tich (m²)", spec.PLANT_SEIZURES)
    assert area is not None
    assert area.header == "Diện tích (m2)"
    assert spec.match_header("Số điện thoại", spec.PERSONS) is None
    assert spec.match_header("", spec.PERSONS) is None
    # A header of another sheet is not a column of this one.
    assert spec.match_header("Ngày test", spec.PERSONS) is None


def test_match_sheet_ignores_case() -> None:
    assert spec.match_sheet("doituong") is spec.PERSONS
    assert spec.match_sheet(" HoSoCNBB ") is spec.DOSSIERS
    assert spec.match_sheet("Sheet1") is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nghi su dung", "Nghi sử dụng"),
        ("NGHIỆN", "Nghiện"),
        ("  sau   cai ", "Sau cai"),
        ("Nghi nghien", "Nghi nghiện"),
        ("nghi", None),
        ("", None),
        ("Nghiện ma túy", None),
    ],
)
def test_match_choice_returns_the_canonical_word(typed: str, expected: str | None) -> None:
    assert spec.match_choice(typed, spec.LIST_STAYS.column("Diện").choices) == expected


def test_match_choice_of_yes_no_and_dd_letter() -> None:
    assert spec.match_choice("co", spec.YES_NO) == "Có"
    assert spec.match_choice("KHONG", spec.YES_NO) == "Không"
    assert spec.match_choice("duong tinh", ("Dương tính", "Âm tính")) == "Dương tính"
    assert spec.match_choice("am tinh", ("Dương tính", "Âm tính")) == "Âm tính"


def test_record_keys_are_stable_and_sortable() -> None:
    assert spec.record_key(spec.PERSON_KEY, 123) == "DT000123"
    assert spec.record_key(spec.CASE_KEY, 7) < spec.record_key(spec.CASE_KEY, 12)
