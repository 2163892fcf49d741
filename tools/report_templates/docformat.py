"""The administrative format of NĐ 30/2020/NĐ-CP as python-docx settings.

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman in every
style (all four font slots, theme fonts removed: a theme font would win over the name);
body 14 pt, justified, first line indented 1 cm, 6 pt between paragraphs; the page
number centred in the header from the second page on.
"""

from typing import Any

from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
FIRST_LINE = Cm(1)
PARAGRAPH_GAP = Pt(6)
TEXT_WIDTH = Mm(210 - 30 - 15)
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x80, 0x80, 0x80)
LANGUAGE = "vi-VN"

# Styles of our own; the built-in Heading 1..4 carry the part and item titles so that
# Word's navigation pane shows the report's outline.
TABLE_TEXT = "PCMT Bảng"
TABLE_HEAD = "PCMT Bảng tiêu đề"
TABLE_NUMBER = "PCMT Bảng số"
FORMALITY = "PCMT Thể thức"
RECIPIENTS = "PCMT Nơi nhận"
SIGNATURE = "PCMT Chữ ký"
TITLE = "PCMT Tên báo cáo"
CONTROL = "PCMT Lệnh mẫu"
RULE = "PCMT Đường kẻ"

_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def set_fonts(rpr: Any) -> None:
    """Times New Roman in all four slots of a run-properties element, themes removed."""
    _times_new_roman(rpr.get_or_add_rFonts())


def _times_new_roman(fonts: Any) -> None:
    for attribute in _THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in _FONT_ATTRIBUTES:
        fonts.set(qn(attribute), FONT)


def _set_language(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _doc_defaults(document: Any) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    _set_language(rpr)
    size = rpr.find(qn("w:sz"))
    if size is None:
        size = OxmlElement("w:sz")
        rpr.append(size)
    size.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))


def _paragraph_style(
    document: Any,
    name: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first_line: Any = None,
    before: float = 0,
    after: float = 0,
    keep_with_next: bool = False,
    color: RGBColor = BLACK,
) -> Any:
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = color
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = first_line if first_line is not None else Cm(0)
    fmt.left_indent = Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    fmt.keep_with_next = keep_with_next
    return style


def define_styles(document: Any) -> None:
    _doc_defaults(document)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = FIRST_LINE
    fmt.space_before = PARAGRAPH_GAP
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.widow_control = True

    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph_style(document, "Heading 1", bold=True, before=12, after=6, keep_with_next=True)
    _paragraph_style(
        document,
        "Heading 2",
        bold=True,
        align=justify,
        first_line=FIRST_LINE,
        before=6,
        keep_with_next=True,
    )
    _paragraph_style(
        document,
        "Heading 3",
        bold=True,
        align=justify,
        first_line=FIRST_LINE,
        before=6,
        keep_with_next=True,
    )
    _paragraph_style(
        document,
        "Heading 4",
        bold=True,
        italic=True,
        align=justify,
        first_line=FIRST_LINE,
        before=6,
        keep_with_next=True,
    )
    _paragraph_style(document, TITLE, bold=True, keep_with_next=True)
    _paragraph_style(document, FORMALITY, size=13)
    _paragraph_style(document, RECIPIENTS, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph_style(document, SIGNATURE, bold=True)
    _paragraph_style(
        document, TABLE_TEXT, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, before=2, after=2
    )
    _paragraph_style(document, TABLE_HEAD, size=12, bold=True, before=2, after=2)
    _paragraph_style(document, TABLE_NUMBER, size=12, before=2, after=2)
    _paragraph_style(document, CONTROL, size=9, align=WD_ALIGN_PARAGRAPH.LEFT, color=GREY)
    rule = _paragraph_style(document, RULE, size=2, before=4)
    rule.paragraph_format.line_spacing = Pt(3)
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    header = document.styles["Header"]
    header.paragraph_format.first_line_indent = Cm(0)
    header.paragraph_format.space_before = Pt(0)
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.font.size = BODY_SIZE
    _heading_looks(document)
    _fonts_everywhere(document)


def _heading_looks(document: Any) -> None:
    """Built-in headings: black, no theme colour, no page-break or numbering surprises."""
    for level in range(1, 5):
        style = document.styles[f"Heading {level}"]
        rpr = style.element.get_or_add_rPr()
        color = rpr.find(qn("w:color"))
        if color is not None:
            for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
                color.attrib.pop(qn(attribute), None)
        style.font.color.rgb = BLACK


def _fonts_everywhere(document: Any) -> None:
    """Every style names Times New Roman, down to the table styles' conditional parts."""
    for style in document.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            set_fonts(style.element.get_or_add_rPr())
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        _times_new_roman(fonts)


def page_setup(document: Any) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    first = section.first_page_header.paragraphs[0]
    first.style = document.styles["Header"]
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles["Header"]
    _page_field(paragraph)


def _page_field(paragraph: Any) -> None:
    """A PAGE field (begin, instruction, separate, shown number, end) in one paragraph."""

    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("2")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def rule_paragraph(paragraph: Any, length: Any, width: Any) -> None:
    """Turn ``paragraph`` into a centred horizontal line ``length`` long in ``width``."""
    paragraph.style = paragraph.part.document.styles[RULE]
    side = int((width - length) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    # pBdr must come before spacing and indentation in pPr (the schema's order).
    ppr.insert_element_before(
        borders,
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )
