"""The two bundled báo cáo rendered from the sample figures and opened back as Word files."""

import copy
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from pcmt_desktop.reports.docx_context import build_context
from pcmt_desktop.reports.docx_render import ReportTemplateError, render_docx
from pcmt_desktop.reports.template_catalog import builtin_template, template_path

SAMPLE = Path(__file__).parent / "fixtures" / "figures_sample.json"
TEMPLATES = ("so-ket", "cao-diem")

NARRATIVE = {
    "so_ky_hieu": "     /BC-CAH",
    "can_cu": "Thực hiện Công văn số 321/CAT-PC04 ngày 02/11/2024 của Công an tỉnh Nam Hòa.",
    "tinh_hinh_toi_pham": (
        "Tội phạm ma túy cơ bản được kiềm chế.\n\nMua bán nhỏ lẻ còn ở vùng giáp ranh."
    ),
    "uu_diem": "Các lực lượng phối hợp chặt chẽ & kịp thời <đúng kế hoạch>.",
    "chi_dao": "Đã ban hành kế hoạch triển khai đợt cao điểm.",
    "noi_nhan": "Công an tỉnh Nam Hòa (PC04);\n- Thường trực Huyện ủy;\nLưu: VT.",
    "quyen_han_ky": "kt. trưởng công an huyện",
    "chuc_vu_ky": "Phó Trưởng Công an huyện",
    "nguoi_ky": "Thượng tá Trần Minh Khang",
}


def sample_figures() -> dict[str, Any]:
    figures: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return figures


def zeroed(value: Any) -> Any:
    """The same figures with every count zero and every list empty (an office's first day)."""
    if isinstance(value, bool) or not isinstance(value, int | float | list | dict):
        return value
    if isinstance(value, int | float):
        return 0
    if isinstance(value, list):
        return []
    return {key: zeroed(item) for key, item in value.items()}


def empty_figures() -> dict[str, Any]:
    figures = sample_figures()
    empty: dict[str, Any] = zeroed(figures)
    empty["office"] = figures["office"]
    empty["period"] = figures["period"]
    empty["compare_period"] = None
    return empty


def render(
    tmp_path: Path, name: str, figures: dict[str, Any], narrative: dict[str, str] | None = None
) -> Any:
    out = tmp_path / f"{name}.docx"
    context = build_context(
        figures, NARRATIVE if narrative is None else narrative, builtin_template(name)
    )
    render_docx(template_path(name), context, out)
    return docx.Document(str(out))


def paragraphs(document: Any) -> list[str]:
    """Every paragraph's text, body and table cells alike, in document order."""
    return [
        "".join(text.text or "" for text in paragraph.iter(qn("w:t")))
        for paragraph in document.element.body.iter(qn("w:p"))
    ]


def full_text(document: Any) -> str:
    headers = [
        "".join(t.text or "" for t in section.header._element.iter(qn("w:t")))
        for section in document.sections
    ]
    return "\n".join([*paragraphs(document), *headers])


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_placeholder_none_or_python_value_is_left(tmp_path: Path, name: str) -> None:
    for figures in (sample_figures(), empty_figures()):
        text = full_text(render(tmp_path, name, figures))
        for leftover in ("{{", "}}", "{%", "%}", "None", "{}", "[]", "'", "\a"):
            assert leftover not in text, (name, leftover)


def test_so_ket_writes_every_figure_the_vietnamese_way(tmp_path: Path) -> None:
    text = full_text(render(tmp_path, "so-ket", sample_figures()))
    for expected in (
        "đã phát hiện, bắt giữ 14 vụ, 16 đối tượng (giảm 06 vụ, 09 đối tượng so với cùng kỳ "
        "năm 2023)",
        "Trong đó tiếp nhận 01 vụ, 02 đối tượng từ Đồn Biên phòng Suối Lạnh",
        "Đã khởi tố 11 vụ, 12 bị can.",
        "Tang vật thu giữ: 5,524 gam heroin; 2,718 gam methamphetamine; 10 viên ma túy tổng hợp; "
        "04 phương tiện; 06 điện thoại di động; 3.510.000 đồng.",
        "+ Tội tàng trữ trái phép chất ma túy (Điều 249): 09 vụ (chiếm tỷ lệ 64,3%), "
        "10 đối tượng (chiếm tỷ lệ 62,5%);",
        "06 đối tượng (chiếm tỷ lệ 37,5%).",
        "08 vụ, 09 đối tượng (giảm 02 vụ, 01 đối tượng so với cùng kỳ năm 2023) với tổng số "
        "tiền phạt 26.500.000 đồng, trong đó:",
        "+ 06 vụ, 06 đối tượng về hành vi Sử dụng trái phép chất ma túy, tổng số tiền phạt "
        "4.500.000 đồng.",
        "Tang vật thu giữ: 72,85 gam cần sa.",
        "07 vụ, 07 đối tượng (giảm 05 vụ, 05 đối tượng so với cùng kỳ năm 2023)",
        "đã phá nhổ 1.402 cây thuốc phiện, 02 cây cần sa (diện tích 120,5 m²)",
        "xử phạt vi phạm hành chính 07 vụ với tổng số tiền phạt 52.500.000 đồng",
        "tại 02/03 xã, thị trấn",
        "- 01/03 xã, thị trấn không có tệ nạn ma túy (chiếm tỷ lệ 33,3%), gồm: Thị trấn Sơn Hà;",
        "trên địa bàn có 02 điểm phức tạp về ma túy, 13 điểm có nguy cơ phức tạp về ma túy và "
        "09 đối tượng bán lẻ trái phép chất ma túy.",
        "Người sử dụng trái phép chất ma túy có hồ sơ quản lý: 45 người (giảm 113 người so với "
        "cùng kỳ năm 2023);",
        "114 người (giảm 21 người so với cùng kỳ năm 2023), trong đó ngoài cộng đồng 79, trong "
        "cơ sở cai nghiện bắt buộc 35;",
        "cơ sở cai nghiện bắt buộc trong kỳ: 05 hồ sơ (tăng 01 hồ sơ so với cùng kỳ năm 2023)",
        # No comparison for post-rehab persons in the sample: the line ends without one.
        "Người bị quản lý sau cai nghiện ma túy: 08 người.",
        "Công an huyện Sơn Hà trân trọng báo cáo Công an tỉnh Nam Hòa./.",
    ):
        assert expected in text, expected


def test_cao_diem_writes_every_list_test_dossier_and_hotspot(tmp_path: Path) -> None:
    document = render(tmp_path, "cao-diem", sample_figures())
    text = full_text(document)
    for expected in (
        "1. Số người nghiện ma túy: trước ngày 15/10/2024 có 91 người (ngoài cộng đồng 56, "
        "trong cơ sở cai nghiện bắt buộc 35); đến ngày 12/11/2024 có 114 người",
        "Bổ sung 23 người (trong đó 01 xác định tình trạng nghiện, 22 điều trị bằng thuốc thay "
        "thế); không thanh loại.",
        "Bổ sung 41 người (chuyển từ danh sách người nghi sử dụng trái phép chất ma túy); "
        "thanh loại 13 người (hết thời gian quản lý).",
        "thanh loại 279 người (trong đó 41 chuyển sang danh sách người sử dụng trái phép chất "
        "ma túy, 238 đi khỏi địa phương)",
        "5. Số người bị quản lý sau cai nghiện ma túy: trước ngày 15/10/2024 có 12 người; đến "
        "ngày 12/11/2024 có 08 người. Không bổ sung; thanh loại 04 người",
        "(Có bảng thống kê kèm theo)",
        "trường giáo dưỡng: 08 người, gồm: xã Đồng Mai (01), xã Hòa Tiến (07).",
        "05 trường hợp (Đỗ Văn Khải, sinh năm 1989, trú tại thôn Đông, xã Đồng Mai; Lê Minh Tú",
        "- Người nghiện ma túy: 14 đối tượng (10 DM1, 04 DM3; loại A: 08, loại B: 06). Cụ thể: "
        "xã Đồng Mai (09), xã Hòa Tiến (05);",
        "lập mới hồ sơ sưu tra đối với 07 đối tượng (07 DM3; loại A: 0, loại B: 07)",
        "01 (Karaoke Ánh Sao, thôn Đông, xã Đồng Mai, thời gian đấu tranh 3 tháng kể từ ngày "
        "08/11/2024);",
        # The figures name one of the 13 risk points: the sentence says so.
        "13 (trong đó có Quán Bến Sông, thôn Đoài, xã Hòa Tiến);",
        "09 (trong đó có Vũ Thị Hằng, sinh năm 1995, xã Đồng Mai; Ngô Văn Bảy, xã Hòa Tiến).",
        "351 đối tượng; trong đó 53 trường hợp dương tính với ma túy, chiếm tỷ lệ 15,1% (tăng "
        "231 đối tượng, 43 trường hợp dương tính so với cùng kỳ năm 2023)",
        "có tỷ lệ phát hiện dương tính thấp: thị trấn Sơn Hà (2%), xã Hòa Tiến (12%).",
        "2.1. Giai đoạn 2 (tuần 1): từ ngày 15/11/2024 đến hết ngày 21/11/2024",
        "chưa có chỉ tiêu cụ thể: Thị trấn Sơn Hà.",
    ):
        assert expected in text, expected
    targets = document.tables[1]
    assert [cell.text for cell in targets.rows[1].cells] == [
        "1",
        "Xã Đồng Mai",
        "06",
        "01",
        "",
        "",
    ]
    assert [cell.text for cell in targets.rows[-1].cells][1:] == ["Tổng cộng", "06", "01", "", "01"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_heading_and_closing_follow_the_decree(tmp_path: Path, name: str) -> None:
    document = render(tmp_path, name, sample_figures(), dict(NARRATIVE, ngay_bao_cao="5/2/2025"))
    heading = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert heading[0].split("\n") == ["CÔNG AN TỈNH NAM HÒA", "CÔNG AN HUYỆN SƠN HÀ", ""]
    assert heading[1].split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    # The blank before "/" is kept for the number written at signing.
    assert heading[2] == "Số:      /BC-CAH"
    assert heading[3] == "Sơn Hà, ngày 05 tháng 02 năm 2025"
    closing = document.tables[-1]
    recipients, signature = (cell.text.split("\n") for cell in closing.rows[0].cells)
    assert recipients == [
        "Nơi nhận:",
        "- Công an tỉnh Nam Hòa (PC04);",
        "- Thường trực Huyện ủy;",
        "- Lưu: VT.",
    ]
    assert signature[:2] == ["KT. TRƯỞNG CÔNG AN HUYỆN", "PHÓ TRƯỞNG CÔNG AN HUYỆN"]
    assert signature[-1] == "Thượng tá Trần Minh Khang"


@pytest.mark.parametrize("name", TEMPLATES)
def test_a4_margins_first_page_and_page_numbers(tmp_path: Path, name: str) -> None:
    document = render(tmp_path, name, sample_figures())
    section = document.sections[0]
    # Word keeps lengths in twentieths of a point: compare to a tenth of a millimetre.
    sizes = [
        round(length.mm, 1)
        for length in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert sizes == [210, 297, 20, 20, 30, 15]
    assert section.different_first_page_header_footer
    instructions = "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def _font_problems(element: Any, where: str) -> list[str]:
    problems = []
    for fonts in element.iter(qn("w:rFonts")):
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            if fonts.get(qn(slot)) not in (None, "Times New Roman"):
                problems.append(f"{where}: {slot}={fonts.get(qn(slot))}")
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(theme)) is not None:
                problems.append(f"{where}: {theme}")
    return problems


@pytest.mark.parametrize("name", TEMPLATES)
def test_times_new_roman_in_every_style_and_run(tmp_path: Path, name: str) -> None:
    document = render(tmp_path, name, sample_figures())
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
        "Times New Roman"
    }
    used = {p.style.style_id for p in document.paragraphs}
    for style in document.styles:
        if style.style_id in used:
            names = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert names.get(qn("w:ascii")) == "Times New Roman", style.name
    assert _font_problems(styles, "styles") == []
    assert _font_problems(document.element.body, "body") == []
    assert _font_problems(document.sections[0].header._element, "header") == []


def test_body_text_is_14_point_justified_with_an_indented_first_line(tmp_path: Path) -> None:
    document = render(tmp_path, "so-ket", sample_figures())
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 14
    assert round(normal.paragraph_format.first_line_indent.mm, 1) == 10
    assert normal.paragraph_format.space_before.pt == 6
    assert str(normal.paragraph_format.alignment) == "JUSTIFY (3)"


@pytest.mark.parametrize("name", TEMPLATES)
def test_figures_without_comparison_read_well(tmp_path: Path, name: str) -> None:
    figures = sample_figures()
    figures["compare_period"] = None
    text = full_text(render(tmp_path, name, figures))
    assert "cùng kỳ" not in text
    assert "()" not in text
    if name == "so-ket":
        assert "đã phát hiện, bắt giữ 14 vụ, 16 đối tượng. Trong đó tiếp nhận" in text
        assert "Người sử dụng trái phép chất ma túy có hồ sơ quản lý: 45 người;" in text
    else:
        assert "chiếm tỷ lệ 15,1%. Số người dương tính theo chất" in text


def test_empty_figures_say_there_is_nothing(tmp_path: Path) -> None:
    so_ket = full_text(render(tmp_path, "so-ket", empty_figures()))
    for expected in (
        "không phát hiện, bắt giữ vụ phạm tội về ma túy nào.",
        "không phát hiện vụ vi phạm hành chính nào về ma túy.",
        "không phát hiện trường hợp trồng trái phép cây có chứa chất ma túy.",
        "Người nghiện ma túy có hồ sơ quản lý: không có;",
        "trên địa bàn không phát hiện điểm phức tạp",
    ):
        assert expected in so_ket, expected
    assert "0 vụ" not in so_ket
    assert "Về cơ cấu tội danh" not in so_ket
    cao_diem = full_text(render(tmp_path, "cao-diem", empty_figures()))
    for expected in (
        "trước ngày 15/10/2024 không có; đến ngày 12/11/2024 không có. Không bổ sung; "
        "không thanh loại.",
        "trường giáo dưỡng: không có.",
        "bắt buộc: không có.",
        "hiện không có đối tượng thuộc diện sưu tra, hiềm nghi về ma túy.",
        "+ Đối tượng bán lẻ trái phép chất ma túy: không có.",
        "Trong kỳ báo cáo chưa triệu tập đối tượng nào để test ma túy.",
        "Chưa giao chỉ tiêu cụ thể cho các xã, thị trấn trong thời gian tới.",
    ):
        assert expected in cao_diem, expected
    assert "Trước ngày 15/10/2024: 0" not in cao_diem


def test_narrative_keeps_its_paragraphs_and_its_characters(tmp_path: Path) -> None:
    document = render(tmp_path, "so-ket", sample_figures())
    texts = paragraphs(document)
    first = texts.index("Tội phạm ma túy cơ bản được kiềm chế.")
    assert texts[first + 1] == "Mua bán nhỏ lẻ còn ở vùng giáp ranh."
    body = [p for p in document.paragraphs if p.text.startswith(("Tội phạm", "Mua bán"))]
    assert [p.style.name for p in body] == ["Normal", "Normal"]
    assert "Các lực lượng phối hợp chặt chẽ & kịp thời <đúng kế hoạch>." in texts
    assert texts[texts.index("1. Tình hình tội phạm và tệ nạn ma túy") + 1].startswith("Tội phạm")


def test_the_yearly_report_has_the_area_classification(tmp_path: Path) -> None:
    figures = sample_figures()
    figures["period"] = {"from": "2023-12-15", "to": "2024-12-14"}
    figures["area_classes"] = {
        "period": {"from": "2023-12-15", "to": "2024-12-14"},
        "areas": [
            {
                "name": "Xã Đồng Mai",
                "is_office": False,
                "population": 8450,
                "on_key_route": True,
                "proposed": "loai_1",
                "proposed_label": "Loại I",
                "reasons": ["Tỷ lệ người nghiện 0,59% (từ 0,5%)", "02 điểm chứa chấp (từ 02)"],
            },
            {
                "name": "Công an huyện Sơn Hà",
                "is_office": True,
                "population": None,
                "on_key_route": False,
                "proposed": None,
                "proposed_label": "Chưa đủ dữ liệu",
                "reasons": [],
            },
        ],
    }
    document = render(tmp_path, "so-ket", figures)
    text = full_text(document)
    assert "Sơ kết công tác phòng, chống ma túy năm 2024" in text
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC TRỌNG TÂM NĂM 2025" in text
    assert "từ ngày 15/12/2023 đến ngày 14/12/2024" in text
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Căn cứ đề xuất")
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Xã Đồng Mai",
        "8.450",
        "Có",
        "Loại I",
        "Tỷ lệ người nghiện 0,59% (từ 0,5%)\n02 điểm chứa chấp (từ 02)",
    ]
    assert [c.text for c in table.rows[2].cells][:5] == [
        "",
        "Công an huyện Sơn Hà",
        "Chưa có",
        "Không",
        "Chưa đủ dữ liệu",
    ]
    without = full_text(render(tmp_path, "so-ket", sample_figures()))
    assert "28/2025/QĐ-TTg" not in without


def test_a_failed_render_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    context = build_context(sample_figures(), NARRATIVE, builtin_template("so-ket"))
    broken = copy.deepcopy(context)
    del broken["crime"]
    with pytest.raises(ReportTemplateError, match="crime"):
        render_docx(template_path("so-ket"), broken, out)
    assert list(tmp_path.iterdir()) == []
    render_docx(template_path("so-ket"), context, out)
    assert [path.name for path in tmp_path.iterdir()] == ["bao-cao.docx"]
