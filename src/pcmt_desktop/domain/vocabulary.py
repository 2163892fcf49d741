"""The fixed vocabularies of the registries: keys stored in the database, labels shown.

Keys are English-free ASCII codes taken from the field's own words so that the
interchange workbook and the figures JSON (shared/INTERCHANGE.md) can use them as is.
"""

from enum import StrEnum


class ManagementList(StrEnum):
    """The five management lists (diện quản lý) a person can be on."""

    SUSPECTED_USER = "nghi_su_dung"
    SUSPECTED_ADDICT = "nghi_nghien"
    USER = "su_dung"
    ADDICT = "nghien"
    POST_REHAB = "sau_cai"

    @property
    def label(self) -> str:
        return _LIST_LABELS[self]

    @property
    def short_label(self) -> str:
        return _LIST_SHORT_LABELS[self]


_LIST_LABELS = {
    ManagementList.SUSPECTED_USER: "Người nghi sử dụng trái phép chất ma túy",
    ManagementList.SUSPECTED_ADDICT: "Người nghi nghiện ma túy",
    ManagementList.USER: "Người sử dụng trái phép chất ma túy",
    ManagementList.ADDICT: "Người nghiện ma túy",
    ManagementList.POST_REHAB: "Người bị quản lý sau cai nghiện ma túy",
}

_LIST_SHORT_LABELS = {
    ManagementList.SUSPECTED_USER: "Nghi sử dụng",
    ManagementList.SUSPECTED_ADDICT: "Nghi nghiện",
    ManagementList.USER: "Sử dụng",
    ManagementList.ADDICT: "Nghiện",
    ManagementList.POST_REHAB: "Sau cai",
}


class Gender(StrEnum):
    MALE = "nam"
    FEMALE = "nu"

    @property
    def label(self) -> str:
        return "Nam" if self is Gender.MALE else "Nữ"


class AddictLocation(StrEnum):
    """Where an addict is: in the community or in a compulsory-rehab facility."""

    COMMUNITY = "cong_dong"
    FACILITY = "co_so"

    @property
    def label(self) -> str:
        return "Ngoài cộng đồng" if self is AddictLocation.COMMUNITY else "Trong cơ sở CNBB"


class SurveillanceCategory(StrEnum):
    """Danh mục sưu tra."""

    DM1 = "DM1"
    DM2 = "DM2"
    DM3 = "DM3"


class SurveillanceClass(StrEnum):
    """Loại sưu tra."""

    A = "A"
    B = "B"


class CustodyKind(StrEnum):
    """Places a person may be held in, counted by the campaign report."""

    PRISON = "trai_giam"
    EDUCATION = "co_so_giao_duc_bat_buoc"
    REFORMATORY = "truong_giao_duong"

    @property
    def label(self) -> str:
        return _CUSTODY_LABELS[self]


_CUSTODY_LABELS = {
    CustodyKind.PRISON: "Trại giam",
    CustodyKind.EDUCATION: "Cơ sở giáo dục bắt buộc",
    CustodyKind.REFORMATORY: "Trường giáo dưỡng",
}

# Reasons are stored as the text the officer chose or typed (the figures group by that
# text); these are the suggestions the forms offer, in the seeds' own words.
START_REASONS: tuple[str, ...] = (
    "Rà soát phát hiện mới",
    "Test dương tính",
    "Xác định tình trạng nghiện",
    "Chuyển từ danh sách khác",
    "Trở về từ cơ sở cai nghiện",
    "Điều trị thay thế (methadone)",
    "Nhập mới",
)

END_REASONS: tuple[str, ...] = (
    "Hết thời gian quản lý",
    "Chuyển sang danh sách khác",
    "Trùng danh sách",
    "Đi khỏi địa phương",
    "Chết",
    "Bị bắt, chấp hành án",
    "Nhập sai",
)

MOVE_END_REASON = "Chuyển sang danh sách khác"
MOVE_START_REASON = "Chuyển từ danh sách khác"

OFFICE_LEVELS: tuple[str, ...] = ("Tỉnh", "Huyện", "Xã", "Phường", "Đặc khu")

SUB_AREA_LABELS: tuple[str, ...] = ("xã, thị trấn", "thôn, tổ dân phố", "xã, phường")
