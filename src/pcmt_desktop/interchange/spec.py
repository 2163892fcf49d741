"""The data workbook's format as data: its sheets, their columns, the words of its lists.

The contract (shared/INTERCHANGE.md §1) fixes the sheets, their headers in order, the
list values and the date forms; other offices' files depend on it, so its columns come
first, exactly as written there. What the program keeps beyond the contract is carried by
columns added after the contract's (``contract=False``) and by sheets added after the
contract's sheets, so that an export can be imported back without losing anything
(docs/WORKBOOK.md). Export, template and import all read this one description.

Headers and list values are matched ignoring case, accents and extra spaces.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pcmt_desktop.domain.dossier_steps import PROCEDURE_ORDER, UNEXECUTED_REASONS
from pcmt_desktop.domain.hotspots import HotspotKind, HotspotState
from pcmt_desktop.domain.plant_seizures import PlantHandling
from pcmt_desktop.domain.substances import Substance
from pcmt_desktop.domain.text import fold
from pcmt_desktop.domain.vocabulary import (
    END_REASONS,
    OFFICE_LEVELS,
    START_REASONS,
    SUB_AREA_LABELS,
    AddictLocation,
    CustodyKind,
    Gender,
    ManagementList,
    SurveillanceCategory,
    SurveillanceClass,
)
from pcmt_desktop.services.case_types import CaseKind
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.target_progress import Measure


class ColumnKind(StrEnum):
    TEXT = "text"
    DATE = "date"  # a real Excel date, or text dd/mm/yyyy
    BIRTH = "birth"  # a date, or a year alone
    INT = "int"  # a whole number
    DECIMAL = "decimal"  # grams, m²: "," or "." as the decimal mark
    BOOL = "bool"  # Có / Không
    CHOICE = "choice"  # one of ``choices``
    CHOICES = "choices"  # several of ``choices``, comma-separated
    SUB_AREA = "sub_area"  # one of the office's configured sub-areas

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ColumnKind.TEXT: "Chữ",
    ColumnKind.DATE: "Ngày",
    ColumnKind.BIRTH: "Ngày hoặc năm",
    ColumnKind.INT: "Số nguyên",
    ColumnKind.DECIMAL: "Số (có thể có phần thập phân)",
    ColumnKind.BOOL: "Có / Không",
    ColumnKind.CHOICE: "Chọn trong danh sách",
    ColumnKind.CHOICES: "Một hoặc nhiều giá trị, cách nhau bởi dấu phẩy",
    ColumnKind.SUB_AREA: "Tên một địa bàn của đơn vị",
}

# --- the words of the lists, and the database keys they stand for -----------------------
YES = "Có"
NO = "Không"
YES_NO = (YES, NO)

GENDER_WORDS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
LIST_WORDS = {item: item.short_label for item in ManagementList}
ADDICT_PLACE_WORDS = {
    AddictLocation.COMMUNITY: "Cộng đồng",
    AddictLocation.FACILITY: "Cơ sở cai nghiện",
}
POSITIVE_WORD = "Dương tính"
NEGATIVE_WORD = "Âm tính"
SUBSTANCE_WORDS = {
    Substance.HEROIN: "Heroin",
    Substance.METHAMPHETAMINE: "Methamphetamine",
    Substance.MDMA: "MDMA",
    Substance.KETAMINE: "Ketamine",
    Substance.CANNABIS: "Cần sa",
    Substance.OTHER: "Khác",
}
HOTSPOT_KIND_WORDS = {
    HotspotKind.COMPLEX_POINT: "Điểm phức tạp",
    HotspotKind.COMPLEX_DEN: "Tụ điểm phức tạp",
    HotspotKind.AT_RISK: "Điểm có nguy cơ",
}
HOTSPOT_STATE_WORDS = {item: item.label for item in HotspotState}
HANDLING_WORDS = {item: item.label for item in PlantHandling}
CASE_KIND_WORDS = {item: item.label for item in CaseKind}
SURVEILLANCE_CLASS_WORDS = {item: item.value for item in SurveillanceClass}
CUSTODY_WORDS = {item: item.label for item in CustodyKind}
STEP_WORDS = {kind: kind.label for kind in PROCEDURE_ORDER}
MEASURE_WORDS = {item: item.label for item in Measure}
RULE_WORDS = {item: item.label for item in RuleKey}
ARTICLE_PREFIX = "Điều "

# Keys that link rows of one workbook: a letter prefix and the database id.
PERSON_KEY = "DT"
DOSSIER_KEY = "HS"
HOTSPOT_KEY = "DP"
CASE_KEY = "VV"
PHASE_KEY = "GD"


def record_key(prefix: str, record_id: int) -> str:
    """ "DT000123": stable for a record, unique within a workbook."""
    return f"{prefix}{record_id:06d}"


@dataclass(frozen=True)
class ColumnSpec:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    # A strict choice accepts only ``choices``; otherwise they are suggestions and any
    # text is kept as typed (reasons, which the figures group by their text).
    strict: bool = True
    contract: bool = True
    help: str = ""
    example: str = ""
    width: int = 12

    @property
    def drop_down(self) -> bool:
        return bool(self.choices) or self.kind in (ColumnKind.BOOL, ColumnKind.SUB_AREA)

    @property
    def allowed(self) -> tuple[str, ...]:
        return YES_NO if self.kind is ColumnKind.BOOL else self.choices


@dataclass(frozen=True)
class SheetSpec:
    name: str
    title: str
    columns: tuple[ColumnSpec, ...]
    contract: bool = True
    help: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    def column(self, header: str) -> ColumnSpec:
        """The column with exactly this header (KeyError: a programming slip)."""
        for column in self.columns:
            if column.header == header:
                return column
        raise KeyError(header)


def _col(header: str, kind: ColumnKind = ColumnKind.TEXT, **options: object) -> ColumnSpec:
    return ColumnSpec(header, kind, **options)  # type: ignore[arg-type]


def _ext(header: str, kind: ColumnKind = ColumnKind.TEXT, **options: object) -> ColumnSpec:
    return ColumnSpec(header, kind, contract=False, **options)  # type: ignore[arg-type]


_D = ColumnKind.DATE
_PERSON_REF = _col(
    "Mã đối tượng",
    required=True,
    help="Mã của đối tượng ở cột “Mã” của trang DoiTuong.",
    example="DT000001",
    width=14,
)

OFFICE = SheetSpec(
    "DonVi",
    "Đơn vị (một dòng)",
    (
        _col("Tên đơn vị", required=True, example="Công an xã Hòa Bình", width=34),
        _col(
            "Cấp",
            ColumnKind.CHOICE,
            required=True,
            choices=OFFICE_LEVELS,
            strict=False,
            example="Xã",
            width=10,
        ),
        _col("Đơn vị cấp trên", example="Công an tỉnh Mẫu", width=30),
        _col(
            "Tên gọi địa bàn",
            ColumnKind.CHOICE,
            required=True,
            choices=SUB_AREA_LABELS,
            strict=False,
            help="Các địa bàn của đơn vị được gọi là gì.",
            example="thôn, tổ dân phố",
            width=20,
        ),
        _ext("Địa danh", help="Địa danh ghi ở dòng ngày tháng của văn bản.", example="Hòa Bình"),
    ),
)

SUB_AREAS = SheetSpec(
    "DiaBan",
    "Các địa bàn (xã, thị trấn hoặc thôn, tổ dân phố)",
    (
        _col("Tên địa bàn", required=True, example="Thôn Đông", width=28),
        _col(
            "Số nhân khẩu",
            ColumnKind.INT,
            help="Dân số thường trú, để tính tỷ lệ phân loại địa bàn.",
            example="1250",
            width=14,
        ),
    ),
    help="Thứ tự các dòng là thứ tự địa bàn trong chương trình và trong báo cáo.",
)

PERSONS = SheetSpec(
    "DoiTuong",
    "Đối tượng",
    (
        _col(
            "Mã",
            required=True,
            help="Mã để liên kết các trang của tệp này; không trùng nhau trong tệp.",
            example="DT000001",
            width=12,
        ),
        _col("Họ và tên", required=True, example="Nguyễn Văn An", width=26),
        _col("Giới tính", ColumnKind.CHOICE, choices=tuple(GENDER_WORDS.values()), example="Nam"),
        _col("Ngày sinh", ColumnKind.BIRTH, example="15/03/1990 hoặc 1990"),
        _col("Số CCCD", help="12 chữ số; không trùng nhau.", example="001090012345", width=15),
        _col("Địa bàn", ColumnKind.SUB_AREA, example="Thôn Đông", width=20),
        _col("Thôn, xóm", example="Xóm Chợ", width=16),
        _col("Nơi thường trú", width=30),
        _col("Nơi ở hiện tại", width=30),
        _col("Nghề nghiệp", example="Lao động tự do", width=18),
        _col("Ghi chú", width=24),
    ),
)

LIST_STAYS = SheetSpec(
    "DienQuanLy",
    "Các lần ở trong diện quản lý",
    (
        _PERSON_REF,
        _col(
            "Diện",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(LIST_WORDS.values()),
            example="Sử dụng",
            width=14,
        ),
        _col("Từ ngày", _D, required=True, example="05/01/2025"),
        _col(
            "Lý do đưa vào",
            ColumnKind.CHOICE,
            choices=START_REASONS,
            strict=False,
            example="Test dương tính",
            width=26,
        ),
        _col("Đến ngày", _D, help="Để trống: còn trong diện."),
        _col(
            "Lý do thanh loại",
            ColumnKind.CHOICE,
            choices=END_REASONS,
            strict=False,
            example="Hết thời gian quản lý",
            width=26,
        ),
        _col(
            "Nơi ở",
            ColumnKind.CHOICE,
            choices=tuple(ADDICT_PLACE_WORDS.values()),
            help="Chỉ cho diện Nghiện; để trống: Cộng đồng. Khi tệp có trang NoiONghien, "
            "nơi ở lấy theo trang đó.",
            width=18,
        ),
        _ext(
            "Hạn quản lý",
            _D,
            help="Ngày hết hạn quản lý theo quyết định, khi khác thời hạn luật định.",
        ),
        _ext("Ghi chú", width=24),
    ),
    help="Một người không ở hai diện cùng một ngày; chuyển diện: kết thúc lần cũ và bắt đầu "
    "lần mới cùng một ngày.",
)

TREATMENTS = SheetSpec(
    "DieuTriThayThe",
    "Điều trị thay thế (methadone)",
    (
        _PERSON_REF,
        _col("Từ ngày", _D, required=True, example="01/06/2025"),
        _col("Đến ngày", _D, help="Để trống: đang điều trị."),
        _col("Cơ sở điều trị", example="Cơ sở điều trị methadone huyện", width=30),
    ),
)

DRUG_TESTS = SheetSpec(
    "Test",
    "Test ma túy",
    (
        _PERSON_REF,
        _col("Ngày test", _D, required=True, example="12/11/2025"),
        _col(
            "Kết quả",
            ColumnKind.CHOICE,
            required=True,
            choices=(POSITIVE_WORD, NEGATIVE_WORD),
            example=POSITIVE_WORD,
        ),
        _col(
            "Chất dương tính",
            ColumnKind.CHOICES,
            choices=tuple(SUBSTANCE_WORDS.values()),
            help="Bắt buộc khi dương tính; để trống khi âm tính.",
            example="Methamphetamine, MDMA",
            width=24,
        ),
        _col("Ghi chú", width=24),
        _ext("Người triệu tập", width=20),
        _ext("Phương pháp", example="Test nhanh nước tiểu", width=22),
        _ext("Tên chất khác", help="Khi có “Khác” ở cột Chất dương tính.", width=16),
        _ext("Xử lý tiếp theo", example="Chuyển diện quản lý", width=22),
    ),
)

DOSSIERS = SheetSpec(
    "HoSoCNBB",
    "Hồ sơ đưa vào cơ sở cai nghiện bắt buộc",
    (
        _PERSON_REF,
        _col("Ngày lập hồ sơ", _D, required=True, example="03/02/2025", width=15),
        _col("Ngày chuyển Tòa án", _D, width=15),
        _col("Ngày Tòa án quyết định", _D, width=15),
        _col(
            "Thời hạn (tháng)",
            ColumnKind.INT,
            help="Bắt buộc khi có ngày Tòa án quyết định.",
            example="24",
        ),
        _col("Ngày đưa đi cai nghiện", _D, width=15),
        _col("Ngày kết thúc không thi hành", _D, width=15),
        _col(
            "Lý do kết thúc",
            ColumnKind.CHOICE,
            choices=UNEXECUTED_REASONS,
            strict=False,
            help="Lý do kết thúc không thi hành.",
            width=24,
        ),
        _col("Ghi chú", width=24),
        _ext(
            "Mã hồ sơ",
            help="Mã để liên kết với trang BuocHoSoCNBB; không trùng nhau trong tệp.",
            example="HS000001",
        ),
        _ext(
            "Ngày phát hiện",
            _D,
            help="Ngày xác định tình trạng nghiện (thời hạn lập hồ sơ tính từ ngày này); "
            "để trống: ngày lập hồ sơ.",
        ),
    ),
)

HOTSPOTS = SheetSpec(
    "DiemPhucTap",
    "Điểm, tụ điểm phức tạp về ma túy",
    (
        _col("Tên điểm", required=True, example="Quán karaoke Hoa Sen", width=26),
        _col(
            "Loại",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(HOTSPOT_KIND_WORDS.values()),
            example="Tụ điểm phức tạp",
            width=20,
        ),
        _col("Kinh doanh có điều kiện về ANTT", ColumnKind.BOOL, example=YES, width=16),
        _col("Địa bàn", ColumnKind.SUB_AREA, example="Thôn Đông", width=20),
        _col("Địa chỉ", width=28),
        _col("Ngày đưa vào", _D, required=True, example="10/10/2025", width=13),
        _col(
            "Ngày triệt xóa",
            _D,
            help="Ngày triệt xóa lần cuối, khi điểm đang ở tình trạng đã triệt xóa.",
            width=13,
        ),
        _col("Ghi chú", width=24),
        _ext(
            "Mã điểm",
            help="Mã để liên kết với các trang BanLe và TinhTrangDiem (tên điểm có thể trùng).",
            example="DP000001",
        ),
        _ext(
            "Thời gian đấu tranh (tháng)",
            ColumnKind.INT,
            help="Để trống: theo quy định.",
            example="3",
            width=14,
        ),
    ),
)

RETAIL_SELLERS = SheetSpec(
    "BanLe",
    "Đối tượng bán lẻ trái phép chất ma túy",
    (
        _PERSON_REF,
        _col("Tên điểm", help="Điểm, tụ điểm liên quan (nếu biết).", width=26),
        _col("Từ ngày", _D, required=True),
        _col("Đến ngày", _D),
        _ext("Mã điểm", help="Mã điểm ở trang DiemPhucTap; có thì dùng thay cho tên điểm."),
        _ext("Địa điểm, tụ điểm liên quan", width=28),
    ),
)

PLANT_SEIZURES = SheetSpec(
    "PhaCay",
    "Phá nhổ cây có chứa chất ma túy",
    (
        _col("Ngày", _D, required=True, example="20/02/2025"),
        _col("Địa bàn", ColumnKind.SUB_AREA, example="Thôn Đông", width=20),
        _col("Địa điểm", width=26),
        _col("Mã đối tượng", help="Để trống: vô chủ.", width=14),
        _col("Cây thuốc phiện", ColumnKind.INT, example="350"),
        _col("Cây cần sa", ColumnKind.INT, example="0"),
        _col("Cây khác", ColumnKind.INT, example="0"),
        _col("Diện tích (m2)", ColumnKind.DECIMAL, example="45,5"),
        _col(
            "Hình thức xử lý",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(HANDLING_WORDS.values()),
            example="Xử phạt hành chính",
            width=20,
        ),
        _col("Số tiền phạt (đồng)", ColumnKind.INT, example="7500000", width=16),
        _ext("Loại cây khác", width=16),
        _ext("Trưng cầu giám định", ColumnKind.BOOL, example=NO, width=14),
        _ext("Ghi chú", width=24),
        _ext(
            "Vô chủ",
            ColumnKind.BOOL,
            help="Có: không tìm được chủ. Để trống: vô chủ khi không có mã đối tượng.",
        ),
    ),
)

CASES = SheetSpec(
    "VuViec",
    "Vụ án hình sự và vụ vi phạm hành chính về ma túy",
    (
        _col(
            "Số hiệu",
            required=True,
            help="Không trùng nhau trong tệp; trang DoiTuongVuViec dùng số hiệu này.",
            example="VV000001",
        ),
        _col("Ngày", _D, required=True, example="08/04/2025"),
        _col(
            "Loại",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(CASE_KIND_WORDS.values()),
            example="Hình sự",
        ),
        _col("Địa bàn", ColumnKind.SUB_AREA, width=20),
        _col("Số đối tượng", ColumnKind.INT, example="2"),
        _col(
            "Tội danh, hành vi",
            help="Vụ hình sự: các điều của Bộ luật Hình sự, cách nhau bởi dấu phẩy "
            "(“Điều 249, Điều 251”); vụ hành chính: hành vi vi phạm.",
            example="Điều 249",
            width=30,
        ),
        _col("Khởi tố", ColumnKind.BOOL, example=YES),
        _col("Số bị can", ColumnKind.INT, example="2"),
        _col("Heroin (gam)", ColumnKind.DECIMAL, example="5,524"),
        _col("Methamphetamine (gam)", ColumnKind.DECIMAL, width=14),
        _col("Ma túy tổng hợp (viên)", ColumnKind.INT, width=14),
        _col("Cần sa (gam)", ColumnKind.DECIMAL),
        _col("Ma túy khác (gam)", ColumnKind.DECIMAL),
        _col("Số tiền phạt (đồng)", ColumnKind.INT, width=16),
        _col("Tiếp nhận từ", example="Đồn Biên phòng", width=20),
        _col("Ghi chú", width=24),
        _ext("Tóm tắt nội dung", width=30),
        _ext("Phương tiện (chiếc)", ColumnKind.INT),
        _ext("Điện thoại (chiếc)", ColumnKind.INT),
        _ext("Tiền mặt (đồng)", ColumnKind.INT, width=16),
    ),
)

# --- sheets the contract has no place for ---------------------------------------------
ADDICT_LOCATIONS = SheetSpec(
    "NoiONghien",
    "Nơi ở của người nghiện theo thời gian",
    (
        _PERSON_REF,
        _col(
            "Nơi ở",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(ADDICT_PLACE_WORDS.values()),
            example="Cơ sở cai nghiện",
            width=18,
        ),
        _col("Từ ngày", _D, required=True),
        _col("Đến ngày", _D),
        _col("Tên cơ sở cai nghiện", width=30),
    ),
    contract=False,
)

SURVEILLANCES = SheetSpec(
    "SuuTra",
    "Sưu tra, hiềm nghi",
    (
        _PERSON_REF,
        _col(
            "Danh mục",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(item.value for item in SurveillanceCategory),
            example="DM2",
        ),
        _col(
            "Loại",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(SURVEILLANCE_CLASS_WORDS.values()),
            example="A",
            width=8,
        ),
        _col("Ngày lập", _D, required=True),
        _col("Ngày đóng", _D),
        _col("Ghi chú", width=24),
    ),
    contract=False,
)

CUSTODY = SheetSpec(
    "TraiGiam",
    "Trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng",
    (
        _PERSON_REF,
        _col(
            "Nơi",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(CUSTODY_WORDS.values()),
            example="Trại giam",
            width=24,
        ),
        _col("Tên trại, cơ sở", width=26),
        _col("Từ ngày", _D, required=True),
        _col("Đến ngày", _D),
    ),
    contract=False,
)

DOSSIER_STEPS = SheetSpec(
    "BuocHoSoCNBB",
    "Các bước của hồ sơ CNBB",
    (
        _col("Mã hồ sơ", required=True, help="Mã hồ sơ ở trang HoSoCNBB.", example="HS000001"),
        _col(
            "Bước",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(STEP_WORDS.values()),
            example="Chuyển Tòa án",
            width=34,
        ),
        _col("Ngày", _D, required=True),
        _col("Thời hạn (tháng)", ColumnKind.INT, help="Chỉ cho bước quyết định."),
        _col(
            "Chi tiết",
            help="Tính chất vụ việc, lý do, hoặc tên cơ sở cai nghiện, tùy bước.",
            width=28,
        ),
        _col("Ghi chú", width=24),
    ),
    contract=False,
    help="Khi có trang này, các bước của một hồ sơ lấy theo trang này (các cột ngày ở "
    "trang HoSoCNBB phải khớp).",
)

HOTSPOT_STATUSES = SheetSpec(
    "TinhTrangDiem",
    "Tình trạng của điểm, tụ điểm theo thời gian",
    (
        _col("Mã điểm", required=True, help="Mã điểm ở trang DiemPhucTap.", example="DP000001"),
        _col(
            "Tình trạng",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(HOTSPOT_STATE_WORDS.values()),
            example="Đã triệt xóa",
            width=16,
        ),
        _col("Từ ngày", _D, required=True),
        _col("Ghi chú", width=24),
    ),
    contract=False,
)

CASE_SUBJECTS = SheetSpec(
    "DoiTuongVuViec",
    "Đối tượng trong vụ việc (có tên)",
    (
        _col("Số hiệu", required=True, help="Số hiệu ở trang VuViec.", example="VV000001"),
        _col("Họ và tên", required=True, width=26),
        _col("Năm sinh", ColumnKind.INT, example="1995"),
        _col("Mã đối tượng", help="Khi người này có trong trang DoiTuong.", width=14),
        _col("Ghi chú", width=24),
    ),
    contract=False,
)

PHASES = SheetSpec(
    "GiaiDoan",
    "Giai đoạn, đợt cao điểm",
    (
        _col("Mã giai đoạn", required=True, example="GD000001", width=14),
        _col("Tên giai đoạn", required=True, example="Giai đoạn 1", width=26),
        _col("Từ ngày", _D, required=True),
        _col("Đến ngày", _D, required=True),
        _col("Ghi chú", width=24),
    ),
    contract=False,
)

TARGETS = SheetSpec(
    "ChiTieu",
    "Chỉ tiêu của từng địa bàn trong từng giai đoạn",
    (
        _col("Mã giai đoạn", required=True, example="GD000001", width=14),
        _col("Địa bàn", ColumnKind.SUB_AREA, required=True, width=20),
        _col(
            "Chỉ tiêu",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(MEASURE_WORDS.values()),
            example=Measure.DOSSIERS.label,
            width=36,
        ),
        _col("Số", ColumnKind.DECIMAL, required=True, example="3"),
    ),
    contract=False,
)

LEGAL_RULES = SheetSpec(
    "QuyDinh",
    "Quy định pháp luật (thời hạn, mức phạt) theo ngày có hiệu lực",
    (
        _col(
            "Quy định",
            ColumnKind.CHOICE,
            required=True,
            choices=tuple(RULE_WORDS.values()),
            width=60,
        ),
        _col("Áp dụng từ ngày", _D, required=True, width=14),
        _col("Giá trị", ColumnKind.INT, required=True, example="12"),
        _col("Căn cứ", example="Luật Phòng, chống ma túy 2021, Điều 23", width=40),
    ),
    contract=False,
)

CONTRACT_SHEETS: tuple[SheetSpec, ...] = (
    OFFICE,
    SUB_AREAS,
    PERSONS,
    LIST_STAYS,
    TREATMENTS,
    DRUG_TESTS,
    DOSSIERS,
    HOTSPOTS,
    RETAIL_SELLERS,
    PLANT_SEIZURES,
    CASES,
)
EXTENSION_SHEETS: tuple[SheetSpec, ...] = (
    ADDICT_LOCATIONS,
    SURVEILLANCES,
    CUSTODY,
    DOSSIER_STEPS,
    HOTSPOT_STATUSES,
    CASE_SUBJECTS,
    PHASES,
    TARGETS,
    LEGAL_RULES,
)
SHEETS: tuple[SheetSpec, ...] = CONTRACT_SHEETS + EXTENSION_SHEETS
INSTRUCTIONS_SHEET = "HuongDan"
LISTS_SHEET = "DanhMuc"  # the template's hidden sheet holding the drop-down lists


def match_key(text: str) -> str:
    """What two headers or list values must share to match: no case, accents, extra spaces.

    NFKC first so that "m²" meets "m2"; spaces around punctuation are dropped so that
    "Thôn,xóm" meets "Thôn, xóm".
    """
    folded = fold(unicodedata.normalize("NFKC", text))
    for mark in ",()/;:.-":
        folded = folded.replace(f" {mark}", mark).replace(f"{mark} ", mark)
    return folded


def match_sheet(name: str) -> SheetSpec | None:
    key = match_key(name)
    return next((sheet for sheet in SHEETS if match_key(sheet.name) == key), None)


def match_header(text: str, sheet: SheetSpec) -> ColumnSpec | None:
    """The column of ``sheet`` a header cell names (None: a column the program ignores)."""
    key = match_key(text)
    if not key:
        return None
    return next((column for column in sheet.columns if match_key(column.header) == key), None)


def match_choice(text: str, allowed: Iterable[str]) -> str | None:
    """The allowed value ``text`` names, in its canonical spelling (None: not one of them)."""
    key = match_key(text)
    if not key:
        return None
    return next((value for value in allowed if match_key(value) == key), None)
