"""Invented name parts and places for the demo database.

Every name here is made up from common Vietnamese name parts; none is taken from the
real reports in shared/seeds (given names that occur in them are left out on purpose, so
that no combination can rebuild a real person's full name). The office, its province
and its communes are invented too.
"""

from dataclasses import dataclass

OFFICE_NAME = "Công an huyện Sơn Hà"
OFFICE_LEVEL = "Huyện"
PARENT_NAME = "Công an tỉnh Nam Hòa"
SUB_AREA_LABEL = "xã, thị trấn"
PLACE_NAME = "Sơn Hà"
DISTRICT = "huyện Sơn Hà"
PROVINCE = "tỉnh Nam Hòa"


@dataclass(frozen=True)
class Commune:
    """One invented sub-area: its name, its population, and whether it is the town."""

    name: str
    population: int
    is_town: bool = False

    @property
    def address_name(self) -> str:
        """The name as written in an address line ("xã Sơn Phú", "thị trấn Sơn Hà")."""
        return f"{'thị trấn' if self.is_town else 'xã'} {self.name}"


COMMUNES: tuple[Commune, ...] = (
    Commune("Sơn Hà", 14_800, is_town=True),
    Commune("Sơn Phú", 9_350),
    Commune("Sơn Tiến", 7_120),
    Commune("Hòa Phong", 11_640),
    Commune("Hòa Mỹ", 6_480),
    Commune("Phú Lâm", 8_905),
    Commune("Phú Điền", 5_270),
    Commune("Tân Hưng", 12_310),
    Commune("Đông Phước", 4_860),
    Commune("Tây Giang", 3_540),
    Commune("Nam Khê", 6_915),
    Commune("Bắc Lý", 7_780),
    Commune("Yên Phúc", 5_630),
    Commune("Vĩnh Hảo", 9_870),
    Commune("Minh Đức", 4_215),
    Commune("Đại An", 10_460),
    Commune("Hương Trà", 3_190),
    Commune("Thanh Khê", 8_240),
    Commune("Cẩm Đường", 6_050),
    Commune("Long Mỹ", 5_415),
)

# Family names with rough national frequencies (per thousand persons).
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Vũ", 40),
    ("Phan", 25),
    ("Đặng", 22),
    ("Bùi", 22),
    ("Đỗ", 20),
    ("Ngô", 15),
    ("Dương", 12),
    ("Đinh", 12),
    ("Trương", 10),
    ("Lương", 8),
    ("Đào", 8),
    ("Lưu", 5),
    ("Nông", 5),
    ("Tô", 4),
    ("Khúc", 3),
)

MALE_MIDDLE_NAMES: tuple[tuple[str, int], ...] = (
    ("Văn", 450),
    ("Đức", 70),
    ("Minh", 60),
    ("Quang", 55),
    ("Đình", 50),
    ("Hữu", 45),
    ("Công", 40),
    ("Xuân", 35),
    ("Thanh", 30),
    ("Ngọc", 25),
    ("Mạnh", 25),
    ("Tiến", 20),
    ("Duy", 20),
    ("Trọng", 20),
    ("Quốc", 20),
    ("Bá", 15),
    ("Hoàng", 15),
)

FEMALE_MIDDLE_NAMES: tuple[tuple[str, int], ...] = (
    ("Thị", 600),
    ("Ngọc", 60),
    ("Thu", 60),
    ("Thanh", 55),
    ("Hồng", 50),
    ("Minh", 40),
    ("Phương", 35),
    ("Kim", 35),
    ("Bích", 25),
)

MALE_GIVEN_NAMES: tuple[str, ...] = (
    "Hùng",
    "Dũng",
    "Long",
    "Nam",
    "Sơn",
    "Hải",
    "Hiếu",
    "Khánh",
    "Kiên",
    "Lâm",
    "Luân",
    "Mạnh",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quý",
    "Tài",
    "Thọ",
    "Toàn",
    "Trung",
    "Tú",
    "Tùng",
    "Vinh",
    "Định",
    "Đông",
    "Bình",
    "Chiến",
    "Đạt",
    "Giang",
    "Hào",
    "Hậu",
    "Hiệp",
    "Hòa",
    "Khoa",
    "Lực",
    "Quyết",
    "Sang",
    "Tâm",
    "Thuận",
    "Trí",
    "Trường",
    "Tuyên",
    "Vũ",
    "Nhật",
    "Bảo",
    "Cảnh",
    "Điệp",
    "Hưng",
    "Khải",
    "Phát",
    "Việt",
)

FEMALE_GIVEN_NAMES: tuple[str, ...] = (
    "Lan",
    "Hương",
    "Mai",
    "Hằng",
    "Hạnh",
    "Huyền",
    "Liên",
    "Linh",
    "Loan",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Thủy",
    "Tuyết",
    "Vân",
    "Dung",
    "Hiền",
    "Nga",
    "Nhàn",
    "Thơm",
    "Tươi",
)

# Named hamlets for communes that name rather than number them.
HAMLET_NAMES: tuple[str, ...] = (
    "Xóm Đồng",
    "Xóm Chùa",
    "Xóm Bãi",
    "Xóm Giữa",
    "Xóm Trại",
    "Thôn Thượng",
    "Thôn Hạ",
    "Thôn Trung",
    "Thôn Bến",
    "Thôn Gò",
    "Thôn Cầu",
    "Thôn Mới",
    "Thôn Đình",
    "Thôn Đông Hạ",
    "Thôn Phú Xuân",
    "Thôn Kênh",
)

OCCUPATIONS: tuple[tuple[str, int], ...] = (
    ("Lao động tự do", 340),
    ("Làm ruộng", 170),
    ("Công nhân", 110),
    ("Không nghề nghiệp", 90),
    ("Thợ xây", 60),
    ("Lái xe", 45),
    ("Buôn bán", 40),
    ("Thợ sửa xe", 30),
    ("Xe ôm", 25),
    ("Thợ mộc", 20),
    ("Phụ hồ", 30),
    ("Đánh bắt thủy sản", 15),
)

FEMALE_OCCUPATIONS: tuple[str, ...] = ("Buôn bán", "Nội trợ", "Công nhân", "Lao động tự do")

YOUNG_OCCUPATIONS: tuple[str, ...] = ("Học nghề", "Sinh viên", "Lao động tự do", "Công nhân")

AWAY_ADDRESSES: tuple[str, ...] = (
    "Đi làm ăn xa, chưa rõ địa chỉ",
    "Làm công nhân tại khu công nghiệp ngoài tỉnh",
    "Đi làm thuê tại Thành phố Hồ Chí Minh",
    "Đi làm thuê tại Hà Nội",
)

PERSON_NOTES: tuple[str, ...] = (
    "Thường xuyên vắng mặt tại địa phương.",
    "Gia đình có hoàn cảnh khó khăn.",
    "Đã được gọi hỏi, răn đe, giáo dục.",
    "Có tiền án về tội tàng trữ trái phép chất ma túy.",
    "Gia đình cam kết phối hợp quản lý, giáo dục.",
)

REHAB_FACILITIES: tuple[str, ...] = (
    "Cơ sở cai nghiện ma túy tỉnh Nam Hòa",
    "Cơ sở cai nghiện ma túy số 2 tỉnh Nam Hòa",
)

TREATMENT_FACILITIES: tuple[str, ...] = (
    "Cơ sở điều trị Methadone huyện Sơn Hà",
    "Trung tâm Y tế huyện Sơn Hà",
)

PRISONS: tuple[str, ...] = (
    "Trại giam Nam Hòa",
    "Trại tạm giam Công an tỉnh Nam Hòa",
)

EDUCATION_FACILITIES: tuple[str, ...] = ("Cơ sở giáo dục bắt buộc số 3",)

# Where a retail seller was known to sell; ``{village}`` is filled with the seller's own.
SELLING_PLACES: tuple[str, ...] = (
    "Quán karaoke Hoa Sen, {village}",
    "Khu vực bãi sông {village}",
    "Nhà nghỉ Bình Minh, {village}",
    "Quán nước ven đường liên xã, {village}",
    "Khu vực chợ, {village}",
)

SURVEILLANCE_NOTES: tuple[str, ...] = (
    "Nghi vấn mua bán lẻ trái phép chất ma túy.",
    "Có quan hệ với đối tượng mua bán ma túy ngoài tỉnh.",
    "Thường xuyên tụ tập, sử dụng trái phép chất ma túy.",
    "",
)
