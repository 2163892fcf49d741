"""The campaign-phase report (cao điểm): seed 001's structure, REPORT-MAP.md's figures.

Part 1: direction (written). Part 2: I. propaganda (written); II. one numbered item per
list with before / now / added / removed and the reasons, then custody, data entry,
CNBB dossiers with the persons, surveillance, hotspots and retail sellers; III.
management (written); IV. tests with the rate and the lowest-rate sub-areas. Part 3:
assessment (written). Part 4: next steps, with one table of targets per phase.
"""

from typing import Any

from docx.shared import Mm

from tools.report_templates import frame
from tools.report_templates.writer import Writer, b, i

ANNEX_NOTE = "(Có bảng thống kê kèm theo)"
CONDITIONAL_BUSINESS = "cơ sở kinh doanh có điều kiện về an ninh, trật tự"


def build(document: Any) -> None:
    frame.heading(document)
    frame.title(
        document,
        "Sơ kết {{ n.giai_doan }}",
        "{{ n.ten_dot }}",
        period="(Từ ngày {{ period.from }} đến ngày {{ period.to }})",
    )
    w = Writer(document, document)
    w.p("{{ n.can_cu }}; {{ office.name }} báo cáo kết quả thực hiện {{ n.giai_doan }} như sau:")
    w.h1("PHẦN 1. CÔNG TÁC THAM MƯU, CHỈ ĐẠO, TỔ CHỨC TRIỂN KHAI")
    w.p("{{ n.chi_dao }}")
    w.h1("PHẦN 2. KẾT QUẢ THỰC HIỆN")
    w.h2("I. Kết quả công tác tuyên truyền, phòng ngừa")
    w.p("{{ n.tuyen_truyen }}")
    w.h2("II. Kết quả rà soát, thống kê tính đến ngày {{ period.to }}")
    _lists(w)
    _custody_and_dossiers(w)
    _surveillance(w)
    _hotspots(w)
    w.h2(
        "III. Kết quả công tác quản lý người sử dụng trái phép chất ma túy, người nghiện "
        "ma túy và người bị quản lý sau cai nghiện ma túy"
    )
    w.p("{{ n.quan_ly }}")
    _tests(w)
    w.h1("PHẦN 3. NHẬN XÉT, ĐÁNH GIÁ")
    w.h3("1. Ưu điểm")
    w.p("{{ n.uu_diem }}")
    w.h3("2. Tồn tại")
    w.p("{{ n.ton_tai }}")
    w.h3("3. Khó khăn, vướng mắc")
    w.p("{{ n.kho_khan }}")
    w.h3("4. Kiến nghị, đề xuất")
    w.p("{{ n.kien_nghi }}")
    _next_steps(w)
    frame.closing(document)


def _lists(w: Writer) -> None:
    w.tag("for item in roster")
    w.p(
        b("{{ item.number }}. {{ item.title }}: "),
        "trước ngày {{ period.from }} {{ item.had }}; đến ngày {{ period.to }} {{ item.has }}. "
        "{{ item.movement }}.",
    )
    w.p(i(ANNEX_NOTE))
    w.tag("endfor")


def _custody_and_dossiers(w: Writer) -> None:
    w.p(
        b(
            "7. Số người có tiền sử nghiện ma túy, sử dụng trái phép chất ma túy đang ở trại "
            "giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng: "
        ),
        "{{ custody.after }}{% if custody.by_area %}, gồm: {{ custody.by_area }}{% endif %}.",
        "{% if custody.changed %} Trước ngày {{ period.from }}: {{ custody.before }}; "
        "bổ sung: {{ custody.added }}; ra khỏi: {{ custody.removed }}.{% endif %}",
    )
    w.p(
        b(
            "8. Công tác cập nhật dữ liệu người sử dụng trái phép chất ma túy, người nghiện "
            "ma túy, người bị quản lý sau cai nghiện lên phần mềm quản lý đối tượng: "
        ),
        "{{ n.nhap_lieu }}",
    )
    w.p(
        b("9. Công tác lập hồ sơ đưa người nghiện ma túy đi cai nghiện bắt buộc: "),
        "{{ cnbb.created }}{% if cnbb.persons %} ({{ cnbb.persons }}){% endif %}"
        "{% if cnbb.progress %}; {{ cnbb.progress }}{% endif %}.",
    )


def _surveillance(w: Writer) -> None:
    lead = b("10. Kết quả rà soát, đưa đối tượng vào diện sưu tra, hiềm nghi về ma túy: ")
    w.tag("if surveillance.total")
    w.p(lead, "hiện hành có tổng số {{ surveillance.total_text }} thuộc diện sưu tra, cụ thể:")
    w.tag("for row in surveillance.lists")
    w.p(
        "- {{ row.label }}: {{ row.total }} ({{ row.detail }})"
        "{% if row.by_area %}. Cụ thể: {{ row.by_area }}{% endif %}{{ row.end }}"
    )
    w.tag("endfor")
    w.tag("else")
    w.p(lead, "hiện không có đối tượng thuộc diện sưu tra, hiềm nghi về ma túy.")
    w.tag("endif")
    w.when(
        "surveillance.opened",
        "Trong kỳ báo cáo đã lập mới hồ sơ sưu tra đối với {{ surveillance.opened_text }} "
        "({{ surveillance.opened_detail }})"
        "{% if surveillance.opened_by_area %}. Cụ thể: {{ surveillance.opened_by_area }}"
        "{% endif %}.",
    )


def _hotspots(w: Writer) -> None:
    w.p(
        b(
            "11. Kết quả rà soát, phát hiện, đấu tranh điểm, tụ điểm phức tạp, điểm có nguy "
            "cơ phức tạp về ma túy và đối tượng bán lẻ trái phép chất ma túy:"
        )
    )
    w.p(
        f"+ Điểm, tụ điểm phức tạp trong {CONDITIONAL_BUSINESS}: "
        "{{ hotspots.complex_business }};"
    )
    w.p(
        f"+ Điểm, tụ điểm phức tạp không phải {CONDITIONAL_BUSINESS}: "
        "{{ hotspots.complex_other }};"
    )
    w.p(
        f"+ Điểm có nguy cơ phức tạp trong {CONDITIONAL_BUSINESS}: "
        "{{ hotspots.risk_business }};"
    )
    w.p(
        f"+ Điểm có nguy cơ phức tạp không phải {CONDITIONAL_BUSINESS}: "
        "{{ hotspots.risk_other }};"
    )
    w.p("+ Đối tượng bán lẻ trái phép chất ma túy: {{ hotspots.sellers }}.")
    w.when("hotspots.movement", "Trong kỳ báo cáo, {{ hotspots.movement }}.")


def _tests(w: Writer) -> None:
    w.h2("IV. Kết quả triệu tập đối tượng test ma túy")
    w.tag("if tests.tested")
    w.p(
        "Tổng số đối tượng đã triệu tập, test ma túy là {{ tests.tested_text }}; trong đó "
        "{{ tests.positive }} dương tính với ma túy, chiếm tỷ lệ {{ tests.rate }}"
        "{% if cmp.tests %} ({{ cmp.tests }}){% endif %}."
        "{% if tests.substances %} Số người dương tính theo chất: {{ tests.substances }}."
        "{% endif %}"
    )
    w.when(
        "tests.lowest",
        "Các {{ office.sub_area_label }} có tỷ lệ phát hiện dương tính thấp: {{ tests.lowest }}.",
    )
    w.when("tests.untested", "Chưa triệu tập test trong kỳ: {{ tests.untested }}.")
    w.p(i(ANNEX_NOTE))
    w.tag("else")
    w.p("Trong kỳ báo cáo chưa triệu tập đối tượng nào để test ma túy.")
    w.tag("endif")


def _next_steps(w: Writer) -> None:
    w.h1("PHẦN 4. PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI")
    w.h3("1. Đối với lực lượng nghiệp vụ")
    w.p("{{ n.huong_nghiep_vu }}")
    w.h3("2. Đối với các {{ office.sub_area_label }}")
    w.when("n.huong_dia_ban", "{{ n.huong_dia_ban }}")
    w.tag("if targets.phases")
    w.tag("for phase in targets.phases")
    w.h4(
        "2.{{ phase.number }}. {{ phase.name }}: từ ngày {{ phase.from }} "
        "đến hết ngày {{ phase.to }}"
    )
    w.table(
        (Mm(10), Mm(42), Mm(26), Mm(24), Mm(32), Mm(28)),
        (
            "TT",
            "Địa bàn",
            "Số đối tượng test/ngày",
            "Số hồ sơ CNBB",
            "Số đối tượng đưa vào sưu tra, hiềm nghi",
            "Số án ma túy phát hiện, đấu tranh",
        ),
        "row in phase.rows",
        (
            "{{ row.number }}",
            "{{ row.sub_area }}",
            "{{ row.tests_per_day }}",
            "{{ row.dossiers }}",
            "{{ row.surveillance_openings }}",
            "{{ row.cases }}",
        ),
        total=(
            "",
            "Tổng cộng",
            "{{ phase.total.tests_per_day }}",
            "{{ phase.total.dossiers }}",
            "{{ phase.total.surveillance_openings }}",
            "{{ phase.total.cases }}",
        ),
        aligns="clcccc",
    )
    w.tag("endfor")
    w.when(
        "targets.without",
        "Các {{ office.sub_area_label }} chưa có chỉ tiêu cụ thể: {{ targets.without }}.",
    )
    w.tag("else")
    w.p("Chưa giao chỉ tiêu cụ thể cho các {{ office.sub_area_label }} trong thời gian tới.")
    w.tag("endif")
