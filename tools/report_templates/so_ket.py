"""The periodic report (sơ kết, tổng kết): seed 000's structure, REPORT-MAP.md's figures.

Part one: I. the situation (hotspots, plants, sub-areas with and without drugs, the
yearly area classification when the figures carry it); II. results by line of work,
each computed sentence with its comparison to the same period a year earlier; III. the
assessment; IV. recommendations. Part two: forecast and tasks. The wording around each
number is plain text here, so that an office can change it in its own copy.
"""

from typing import Any

from docx.shared import Mm

from tools.report_templates import frame
from tools.report_templates.writer import Writer, b, i

SINCE = "Từ ngày {{ period.from }} đến ngày {{ period.to }}"
CRIMINAL_CHANGE = "{% if cmp.criminal %} ({{ cmp.criminal }}){% endif %}"


def build(document: Any) -> None:
    frame.heading(document)
    frame.title(
        document,
        "Sơ kết công tác phòng, chống ma túy {{ n.ky_bao_cao }}",
        "và phương hướng, nhiệm vụ {{ n.ky_tiep_theo }}",
        period="(Từ ngày {{ period.from }} đến ngày {{ period.to }})",
    )
    w = Writer(document, document)
    w.p(
        "{{ n.can_cu }}. Căn cứ đặc điểm tình hình địa bàn và kết quả các mặt công tác đã "
        "triển khai, {{ office.name }} báo cáo kết quả công tác phòng, chống ma túy "
        "{{ n.ky_bao_cao }} như sau:"
    )
    _part_one_situation(w)
    _part_one_results(w)
    _part_one_assessment(w)
    _part_two(w)
    frame.closing(document)


def _part_one_situation(w: Writer) -> None:
    w.h1("Phần thứ nhất")
    heading = w.h1("TÌNH HÌNH, KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MA TÚY {{ n.ky_bao_cao|upper }}")
    heading.paragraph_format.space_before = Mm(0)
    w.h2("I. TÌNH HÌNH")
    w.h3("1. Tình hình tội phạm và tệ nạn ma túy")
    w.p("{{ n.tinh_hinh_toi_pham }}")
    w.p("Qua rà soát, đến ngày {{ period.to }} trên địa bàn {{ hotspots.summary }}.")
    w.h3("2. Tình hình người nghiện ma túy, người sử dụng trái phép chất ma túy")
    w.p("{{ n.tinh_hinh_nguoi_nghien }}")
    w.h3("3. Tình hình trồng trái phép cây có chứa chất ma túy")
    w.p("{{ n.tinh_hinh_trong_cay }}")
    w.p("Trong kỳ báo cáo, {{ plants.sub_areas }}.")
    w.h3("4. Tình hình {{ office.sub_area_label }} có, không có tệ nạn ma túy")
    w.p("Trên địa bàn có {{ areas.total }} {{ office.sub_area_label }}, trong đó:")
    w.tag("if areas.free.count")
    w.p(
        "- {{ areas.free.fraction }} {{ office.sub_area_label }} không có tệ nạn ma túy ",
        i("(chiếm tỷ lệ {{ areas.free.share }})"),
        ", gồm: {{ areas.free.names }};",
    )
    w.tag("else")
    w.p("- Chưa có {{ office.sub_area_label }} nào không có tệ nạn ma túy;")
    w.tag("endif")
    w.tag("if areas.drugs.count")
    w.p(
        "- {{ areas.drugs.fraction }} {{ office.sub_area_label }} có tệ nạn ma túy ",
        i("(chiếm tỷ lệ {{ areas.drugs.share }})"),
        ", gồm: {{ areas.drugs.names }}.",
    )
    w.tag("else")
    w.p("- Không còn {{ office.sub_area_label }} nào có tệ nạn ma túy.")
    w.tag("endif")
    w.when(
        "cmp.drug_free",
        "Số {{ office.sub_area_label }} không có tệ nạn ma túy {{ cmp.drug_free }}.",
    )
    _area_classes(w)


def _area_classes(w: Writer) -> None:
    """Yearly only: the class each area is proposed for (Quyết định 28/2025/QĐ-TTg)."""
    w.tag("if area_classes")
    w.h3("5. Đề xuất phân loại địa bàn về ma túy")
    w.p(
        "Căn cứ tiêu chí phân loại tại Quyết định số 28/2025/QĐ-TTg của Thủ tướng Chính phủ, "
        "với số liệu từ ngày {{ area_classes.from }} đến ngày {{ area_classes.to }}, "
        "{{ office.name }} đề xuất phân loại như sau:"
    )
    w.table(
        (Mm(10), Mm(38), Mm(20), Mm(18), Mm(24), Mm(55)),
        ("TT", "Địa bàn", "Số nhân khẩu", "Tuyến trọng điểm", "Đề xuất", "Căn cứ đề xuất"),
        "row in area_classes.rows",
        (
            "{{ row.number }}",
            "{{ row.name }}",
            "{{ row.population }}",
            "{{ row.key_route }}",
            "{{ row.proposed }}",
            "{{ row.reasons }}",
        ),
        aligns="clcccl",
    )
    w.tag("endif")


def _part_one_results(w: Writer) -> None:
    w.h2("II. KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MA TÚY")
    w.h3("1. Công tác tham mưu, chỉ đạo triển khai thực hiện")
    w.p("{{ n.tham_muu_chi_dao }}")
    w.h3("2. Công tác tuyên truyền phòng, chống ma túy")
    w.p("{{ n.tuyen_truyen }}")
    w.h3("3. Công tác đấu tranh phòng, chống tội phạm và vi phạm pháp luật về ma túy")
    _criminal(w)
    _administrative(w)
    w.h3("4. Công tác kiểm soát các hoạt động hợp pháp liên quan đến ma túy")
    w.p("{{ n.kiem_soat_hop_phap }}")
    w.h3("5. Công tác phòng, chống trồng trái phép cây có chứa chất ma túy")
    _plants(w)
    w.h3(
        "6. Công tác quản lý người sử dụng trái phép chất ma túy, người nghiện ma túy; "
        "cai nghiện ma túy và quản lý sau cai nghiện"
    )
    _persons(w)
    w.h3("7. Công tác hợp tác quốc tế về phòng, chống ma túy")
    w.p("{{ n.hop_tac_quoc_te }}")
    w.h3("8. Việc bố trí nguồn lực phục vụ công tác phòng, chống ma túy")
    w.p("{{ n.nguon_luc }}")


def _criminal(w: Writer) -> None:
    lead = b("- Công tác điều tra, xử lý tội phạm về ma túy: ")
    w.tag("if crime.cases")
    w.p(
        lead,
        f"{SINCE}, {{{{ office.name }}}} đã phát hiện, bắt giữ {{{{ crime.arrested }}}}"
        f"{CRIMINAL_CHANGE}.",
        "{% if crime.received %} Trong đó tiếp nhận {{ crime.received }}.{% endif %}",
        "{% if crime.prosecuted %} Đã khởi tố {{ crime.prosecuted_text }}.{% endif %}",
    )
    w.when("crime.seized", "Tang vật thu giữ: {{ crime.seized }}.")
    w.when("n.dau_tranh_bo_sung", "{{ n.dau_tranh_bo_sung }}")
    w.when("crime.by_charge", "Về cơ cấu tội danh:")
    w.tag("for row in crime.by_charge")
    w.p(
        "+ {{ row.title }} (",
        b("Điều {{ row.article }}"),
        "): {{ row.cases }} ",
        i("(chiếm tỷ lệ {{ row.cases_share }})"),
        ", {{ row.subjects }} ",
        i("(chiếm tỷ lệ {{ row.subjects_share }})"),
        "{{ row.end }}",
    )
    w.tag("endfor")
    w.tag("else")
    w.p(
        lead,
        f"{SINCE}, không phát hiện, bắt giữ vụ phạm tội về ma túy nào{CRIMINAL_CHANGE}.",
    )
    w.when("n.dau_tranh_bo_sung", "{{ n.dau_tranh_bo_sung }}")
    w.tag("endif")


def _administrative(w: Writer) -> None:
    lead = b("- Công tác xử phạt vi phạm hành chính liên quan đến ma túy: ")
    change = "{% if cmp.administrative %} ({{ cmp.administrative }}){% endif %}"
    w.tag("if admin.cases")
    w.p(
        lead,
        f"{SINCE}, {{{{ office.name }}}} đã lập hồ sơ xử phạt vi phạm hành chính "
        f"{{{{ admin.caught }}}}{change}",
        "{% if admin.has_fines %} với tổng số tiền phạt {{ admin.fines }}{% endif %}",
        "{% if admin.acts %}, trong đó:{% else %}.{% endif %}",
    )
    w.tag("for act in admin.acts")
    w.p(
        "+ {{ act.cases }}, {{ act.subjects }} về hành vi ",
        i("{{ act.act }}"),
        "{% if act.fine %}, tổng số tiền phạt {{ act.fine }}{% endif %}{{ act.end }}",
    )
    w.tag("endfor")
    w.when("admin.seized", "Tang vật thu giữ: {{ admin.seized }}.")
    w.tag("else")
    w.p(lead, f"{SINCE}, không phát hiện vụ vi phạm hành chính nào về ma túy{change}.")
    w.tag("endif")


def _plants(w: Writer) -> None:
    change = "{% if cmp.plants %} ({{ cmp.plants }}){% endif %}"
    w.when("n.phong_chong_cay", "{{ n.phong_chong_cay }}")
    w.tag("if plants.cases")
    w.p(
        f"{SINCE}, đã phát hiện {{{{ plants.found }}}}{change} trồng trái phép cây có chứa "
        "chất ma túy",
        "{% if plants.destroyed %}; đã phá nhổ {{ plants.destroyed }}{% endif %}",
        "{% if plants.handling %}; {{ plants.handling }}{% endif %}.",
    )
    w.tag("else")
    w.p(f"{SINCE}, không phát hiện trường hợp trồng trái phép cây có chứa chất ma túy{change}.")
    w.tag("endif")


def _persons(w: Writer) -> None:
    w.p(
        "Kết quả quản lý người sử dụng trái phép chất ma túy, người nghiện ma túy, người bị "
        "quản lý sau cai nghiện ma túy đến ngày {{ period.to }}:"
    )
    w.p(
        "- Người sử dụng trái phép chất ma túy có hồ sơ quản lý: "
        "{{ people.su_dung.after }}"
        "{% if cmp.su_dung %} ({{ cmp.su_dung }}){% endif %};"
    )
    w.p(
        "- Người nghiện ma túy có hồ sơ quản lý: {{ people.nghien.count }}"
        "{% if cmp.nghien %} ({{ cmp.nghien }}){% endif %}"
        "{% if people.nghien.split %}, trong đó {{ people.nghien.split }}{% endif %};"
    )
    w.p(
        "- Người đang điều trị nghiện các chất dạng thuốc phiện bằng thuốc thay thế: "
        "{{ people.substitution_treatment.after }}"
        "{% if cmp.substitution %} ({{ cmp.substitution }}){% endif %};"
    )
    w.p(
        "- Lập hồ sơ đề nghị đưa người nghiện ma túy vào cơ sở cai nghiện bắt buộc trong kỳ: "
        "{{ cnbb.created_files }}{% if cmp.cnbb %} ({{ cmp.cnbb }}){% endif %}"
        "{% if cnbb.progress %}; {{ cnbb.progress }}{% endif %};"
    )
    w.p(
        "- Người bị quản lý sau cai nghiện ma túy: "
        "{{ people.sau_cai.after }}"
        "{% if cmp.sau_cai %} ({{ cmp.sau_cai }}){% endif %}."
    )
    w.when("n.quan_ly_nguoi_bo_sung", "{{ n.quan_ly_nguoi_bo_sung }}")


def _part_one_assessment(w: Writer) -> None:
    w.h2("III. ĐÁNH GIÁ CHUNG")
    w.h3("1. Ưu điểm")
    w.p("{{ n.uu_diem }}")
    w.h3("2. Tồn tại, hạn chế và nguyên nhân")
    w.p("{{ n.ton_tai }}")
    w.h3("3. Khó khăn, vướng mắc")
    w.p("{{ n.kho_khan }}")
    w.h2("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    w.p("{{ n.kien_nghi }}")


def _part_two(w: Writer) -> None:
    w.h1("Phần thứ hai")
    heading = w.h1("PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC TRỌNG TÂM {{ n.ky_tiep_theo|upper }}")
    heading.paragraph_format.space_before = Mm(0)
    w.h2("I. DỰ BÁO TÌNH HÌNH")
    w.p("{{ n.du_bao }}")
    w.h2("II. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM")
    tasks = (
        ("1. Công tác tham mưu, chỉ đạo", "ph_tham_muu"),
        ("2. Công tác tuyên truyền phòng, chống ma túy", "ph_tuyen_truyen"),
        (
            "3. Công tác đấu tranh phòng, chống tội phạm và vi phạm pháp luật về ma túy",
            "ph_dau_tranh",
        ),
        ("4. Công tác kiểm soát các hoạt động hợp pháp liên quan đến ma túy", "ph_kiem_soat"),
        ("5. Công tác cai nghiện ma túy và quản lý sau cai nghiện", "ph_cai_nghien"),
        ("6. Công tác phòng, chống trồng trái phép cây có chứa chất ma túy", "ph_trong_cay"),
        ("7. Xây dựng {{ office.sub_area_label }} không có tệ nạn ma túy", "ph_khong_ma_tuy"),
        ("8. Công tác hợp tác quốc tế về phòng, chống ma túy", "ph_hop_tac"),
    )
    for heading_text, key in tasks:
        w.h3(heading_text)
        w.p(f"{{{{ n.{key} }}}}")
