"""The bundled báo cáo templates and the parts of them an officer writes.

A template is a Word file with placeholders (docxtpl): the figures come from the
registries, everything else is a narrative field the officer types in the wizard. The
fields are listed here, once, so that the wizard can show them in the template's order,
keep them with each report and offer them again for the next one.
"""

from dataclasses import dataclass
from pathlib import Path

from pcmt_desktop.resources import resource

TEMPLATE_DIR = "templates"

HEADER_GROUP = "Thể thức văn bản"
CLOSING_GROUP = "Nơi nhận và chữ ký"


@dataclass(frozen=True)
class NarrativeField:
    """One part of the báo cáo written by hand; ``key`` is its name in the template."""

    key: str
    label: str
    group: str
    multiline: bool = False
    hint: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    """A báo cáo template: its command-line name, its title and what the officer writes."""

    name: str
    title: str
    file_name: str
    narrative_fields: tuple[NarrativeField, ...]

    def field(self, key: str) -> NarrativeField:
        for candidate in self.narrative_fields:
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.narrative_fields)


def _text(key: str, label: str, group: str, hint: str = "") -> NarrativeField:
    return NarrativeField(key, label, group, multiline=False, hint=hint)


def _para(key: str, label: str, group: str, hint: str = "") -> NarrativeField:
    return NarrativeField(key, label, group, multiline=True, hint=hint)


# The heading of every báo cáo (NĐ 30/2020): issuing body, number, place and date.
_HEADER_FIELDS = (
    _text(
        "co_quan_chu_quan",
        "Cơ quan cấp trên (dòng trên cùng, bên trái)",
        HEADER_GROUP,
        "CÔNG AN TỈNH NAM HÒA",
    ),
    _text("co_quan", "Cơ quan ban hành báo cáo", HEADER_GROUP, "CÔNG AN HUYỆN SƠN HÀ"),
    _text("so_ky_hieu", "Số, ký hiệu (sau chữ “Số:”)", HEADER_GROUP, "     /BC-CAH"),
    _text("dia_danh", "Địa danh (trước ngày tháng)", HEADER_GROUP, "Sơn Hà"),
    _text(
        "ngay_bao_cao",
        "Ngày báo cáo (dd/mm/yyyy)",
        HEADER_GROUP,
        "Để trống nếu sẽ ghi tay ngày, tháng khi ký",
    ),
)

# The closing of every báo cáo: recipients and the signature block.
_CLOSING_FIELDS = (
    _text(
        "loi_ket",
        "Câu kết báo cáo",
        CLOSING_GROUP,
        "Công an huyện Sơn Hà trân trọng báo cáo Công an tỉnh Nam Hòa./.",
    ),
    _para(
        "noi_nhan",
        "Nơi nhận (mỗi nơi một dòng)",
        CLOSING_GROUP,
        "Công an tỉnh Nam Hòa (PC04);\nThường trực Huyện ủy;\nUBND huyện;\nLưu: VT.",
    ),
    _text(
        "quyen_han_ky",
        "Quyền hạn ký (KT., TM., Q. kèm chức vụ thủ trưởng; để trống nếu thủ trưởng ký)",
        CLOSING_GROUP,
        "KT. TRƯỞNG CÔNG AN HUYỆN",
    ),
    _text("chuc_vu_ky", "Chức vụ người ký", CLOSING_GROUP, "PHÓ TRƯỞNG CÔNG AN HUYỆN"),
    _text("nguoi_ky", "Cấp bậc, họ và tên người ký", CLOSING_GROUP, "Thượng tá Trần Minh Khang"),
)

_SO_KET_PERIOD = "Kỳ báo cáo"
_SO_KET_PART_1 = "Phần thứ nhất — Tình hình, kết quả"
_SO_KET_ASSESSMENT = "Phần thứ nhất — Đánh giá, kiến nghị"
_SO_KET_PART_2 = "Phần thứ hai — Phương hướng, nhiệm vụ"

_SO_KET_FIELDS = (
    *_HEADER_FIELDS,
    _text(
        "ky_bao_cao",
        "Tên kỳ báo cáo (trong tên báo cáo)",
        _SO_KET_PERIOD,
        "6 tháng đầu năm 2024",
    ),
    _text(
        "ky_tiep_theo",
        "Tên kỳ tới (phần phương hướng)",
        _SO_KET_PERIOD,
        "6 tháng cuối năm 2024",
    ),
    _text(
        "can_cu",
        "Văn bản yêu cầu báo cáo",
        _SO_KET_PERIOD,
        "Thực hiện Công văn số …/CAT-PC04 ngày … của Công an tỉnh Nam Hòa về việc báo cáo …",
    ),
    _para("tinh_hinh_toi_pham", "I.1. Tình hình tội phạm và tệ nạn ma túy", _SO_KET_PART_1),
    _para(
        "tinh_hinh_nguoi_nghien",
        "I.2. Tình hình người nghiện, người sử dụng trái phép chất ma túy",
        _SO_KET_PART_1,
    ),
    _para(
        "tinh_hinh_trong_cay",
        "I.3. Tình hình trồng trái phép cây có chứa chất ma túy",
        _SO_KET_PART_1,
    ),
    _para("tham_muu_chi_dao", "II.1. Công tác tham mưu, chỉ đạo", _SO_KET_PART_1),
    _para("tuyen_truyen", "II.2. Công tác tuyên truyền; mô hình đã xây dựng", _SO_KET_PART_1),
    _para(
        "dau_tranh_bo_sung",
        "II.3. Thêm về đấu tranh (chuyển hồ sơ, truy tố, đang điều tra…)",
        _SO_KET_PART_1,
        "Có thể để trống",
    ),
    _para(
        "kiem_soat_hop_phap",
        "II.4. Kiểm soát các hoạt động hợp pháp liên quan đến ma túy",
        _SO_KET_PART_1,
    ),
    _para(
        "phong_chong_cay",
        "II.5. Chỉ đạo phòng, chống cây có chứa chất ma túy (trước số liệu)",
        _SO_KET_PART_1,
        "Có thể để trống",
    ),
    _para(
        "quan_ly_nguoi_bo_sung",
        "II.6. Thêm về quản lý người nghiện, sau cai (sau số liệu)",
        _SO_KET_PART_1,
        "Có thể để trống",
    ),
    _para("hop_tac_quoc_te", "II.7. Hợp tác quốc tế về phòng, chống ma túy", _SO_KET_PART_1),
    _para("nguon_luc", "II.8. Bố trí nguồn lực cho công tác phòng, chống ma túy", _SO_KET_PART_1),
    _para("uu_diem", "III.1. Ưu điểm", _SO_KET_ASSESSMENT),
    _para("ton_tai", "III.2. Tồn tại, hạn chế và nguyên nhân", _SO_KET_ASSESSMENT),
    _para("kho_khan", "III.3. Khó khăn, vướng mắc", _SO_KET_ASSESSMENT),
    _para("kien_nghi", "IV. Kiến nghị, đề xuất", _SO_KET_ASSESSMENT),
    _para("du_bao", "I. Dự báo tình hình", _SO_KET_PART_2),
    _para("ph_tham_muu", "II.1. Công tác tham mưu, chỉ đạo", _SO_KET_PART_2),
    _para("ph_tuyen_truyen", "II.2. Công tác tuyên truyền", _SO_KET_PART_2),
    _para("ph_dau_tranh", "II.3. Đấu tranh phòng, chống tội phạm về ma túy", _SO_KET_PART_2),
    _para("ph_kiem_soat", "II.4. Kiểm soát các hoạt động hợp pháp", _SO_KET_PART_2),
    _para("ph_cai_nghien", "II.5. Cai nghiện và quản lý sau cai", _SO_KET_PART_2),
    _para("ph_trong_cay", "II.6. Phòng, chống trồng cây có chứa chất ma túy", _SO_KET_PART_2),
    _para(
        "ph_khong_ma_tuy",
        "II.7. Xây dựng địa bàn không có tệ nạn ma túy",
        _SO_KET_PART_2,
    ),
    _para("ph_hop_tac", "II.8. Hợp tác quốc tế", _SO_KET_PART_2),
    *_CLOSING_FIELDS,
)

_CAO_DIEM_PHASE = "Đợt cao điểm"
_CAO_DIEM_RESULTS = "Phần 1, 2 — Chỉ đạo và kết quả"
_CAO_DIEM_ASSESSMENT = "Phần 3 — Nhận xét, đánh giá"
_CAO_DIEM_NEXT = "Phần 4 — Phương hướng"

_CAO_DIEM_FIELDS = (
    *_HEADER_FIELDS,
    _text(
        "ten_dot",
        "Tên đợt cao điểm",
        _CAO_DIEM_PHASE,
        "Cao điểm tổng rà soát, quản lý người nghiện, người sử dụng trái phép chất ma túy "
        "và đấu tranh, triệt xóa điểm, tụ điểm phức tạp về ma túy",
    ),
    _text("giai_doan", "Giai đoạn", _CAO_DIEM_PHASE, "giai đoạn 1"),
    _text(
        "can_cu",
        "Kế hoạch, văn bản yêu cầu báo cáo",
        _CAO_DIEM_PHASE,
        "Thực hiện Kế hoạch số …/KH-CAT ngày … của Giám đốc Công an tỉnh về …",
    ),
    _para(
        "chi_dao",
        "Phần 1. Công tác tham mưu, chỉ đạo, tổ chức triển khai",
        _CAO_DIEM_RESULTS,
    ),
    _para("tuyen_truyen", "Phần 2.I. Tuyên truyền, phòng ngừa", _CAO_DIEM_RESULTS),
    _para(
        "nhap_lieu",
        "Phần 2.II. Cập nhật dữ liệu lên phần mềm quản lý đối tượng",
        _CAO_DIEM_RESULTS,
        "Đã cập nhật 100%, khớp số liệu với phần mềm quản lý đối tượng.",
    ),
    _para(
        "quan_ly",
        "Phần 2.III. Kết quả quản lý từng nhóm đối tượng",
        _CAO_DIEM_RESULTS,
    ),
    _para("uu_diem", "1. Ưu điểm", _CAO_DIEM_ASSESSMENT),
    _para(
        "ton_tai",
        "2. Tồn tại (nêu cả địa bàn báo cáo chậm, thiếu)",
        _CAO_DIEM_ASSESSMENT,
    ),
    _para("kho_khan", "3. Khó khăn, vướng mắc", _CAO_DIEM_ASSESSMENT),
    _para("kien_nghi", "4. Kiến nghị, đề xuất", _CAO_DIEM_ASSESSMENT),
    _para("huong_nghiep_vu", "1. Đối với lực lượng nghiệp vụ", _CAO_DIEM_NEXT),
    _para(
        "huong_dia_ban",
        "2. Đối với các địa bàn (trước các bảng chỉ tiêu)",
        _CAO_DIEM_NEXT,
        "Có thể để trống",
    ),
    *_CLOSING_FIELDS,
)

SO_KET = TemplateSpec(
    name="so-ket",
    title="Báo cáo sơ kết, tổng kết định kỳ",
    file_name="so-ket.docx",
    narrative_fields=_SO_KET_FIELDS,
)

CAO_DIEM = TemplateSpec(
    name="cao-diem",
    title="Báo cáo giai đoạn cao điểm",
    file_name="cao-diem.docx",
    narrative_fields=_CAO_DIEM_FIELDS,
)

BUILTIN_TEMPLATES: tuple[TemplateSpec, ...] = (SO_KET, CAO_DIEM)


class UnknownTemplateError(LookupError):
    """No bundled template has this name; the message is Vietnamese."""


def builtin_template(name: str) -> TemplateSpec:
    for spec in BUILTIN_TEMPLATES:
        if spec.name == name:
            return spec
    known = ", ".join(spec.name for spec in BUILTIN_TEMPLATES)
    raise UnknownTemplateError(f"Không có mẫu báo cáo “{name}” (các mẫu có sẵn: {known}).")


def template_path(name: str) -> Path:
    """The bundled .docx of template ``name`` (``so-ket`` or ``cao-diem``)."""
    return resource(f"{TEMPLATE_DIR}/{builtin_template(name).file_name}")
