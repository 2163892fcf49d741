"""The parts every báo cáo shares (NĐ 30/2020, Phụ lục I): heading, title, closing.

Heading: a borderless two-column table — the issuing body on the left (its superior in
13 pt capitals, its own name in 13 pt bold capitals, a short line, then "Số: …"), the
national name and motto on the right (13 pt and 14 pt bold, a line under the motto,
then the italic place and date). Title "BÁO CÁO" and the summary line, bold and
centred. Closing: "Nơi nhận" on the left, the signature block on the right, again a
borderless table.
"""

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Mm, Pt

from tools.report_templates.docformat import (
    FORMALITY,
    RECIPIENTS,
    SIGNATURE,
    TEXT_WIDTH,
    TITLE,
    rule_paragraph,
)
from tools.report_templates.writer import Writer, b, bi, i, set_widths

LEFT_COLUMN = Mm(62)
RIGHT_COLUMN = TEXT_WIDTH - LEFT_COLUMN
RECIPIENT_COLUMN = Mm(75)
SIGNATURE_COLUMN = TEXT_WIDTH - RECIPIENT_COLUMN
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Space left for the handwritten signature and the seal.
SIGNATURE_LINES = 4


def heading(document: Any) -> None:
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, (LEFT_COLUMN, RIGHT_COLUMN))
    left = Writer(table.cell(0, 0), document)
    left.p("{{ n.co_quan_chu_quan }}", style=FORMALITY)
    left.p(b("{{ n.co_quan }}"), style=FORMALITY)
    rule_paragraph(left.p(style=FORMALITY), Cm(2.5), LEFT_COLUMN)
    right = Writer(table.cell(0, 1), document)
    right.p(b(NATION), style=FORMALITY)
    motto = right.p(b(MOTTO), style=FORMALITY)
    for run in motto.runs:
        run.font.size = document.styles["Normal"].font.size
    rule_paragraph(right.p(style=FORMALITY), Cm(6.2), RIGHT_COLUMN)
    number = Writer(table.cell(1, 0), document).p("Số: {{ n.so_ky_hieu }}", style=FORMALITY)
    number.paragraph_format.space_before = document.styles["Normal"].paragraph_format.space_before
    place = Writer(table.cell(1, 1), document).p(i("{{ date_line }}"), style=FORMALITY)
    place.paragraph_format.space_before = document.styles["Normal"].paragraph_format.space_before
    for run in place.runs:
        run.font.size = document.styles["Normal"].font.size


def title(document: Any, *summary: str, period: str) -> None:
    """ "BÁO CÁO", the summary lines (bold), the period (italic) and a short line under."""
    writer = Writer(document, document)
    first = writer.p(b("BÁO CÁO"), style=TITLE)
    first.paragraph_format.space_before = Mm(8)
    for line in summary:
        writer.p(b(line), style=TITLE)
    writer.p(i(period), style=TITLE)
    rule_paragraph(writer.p(), Cm(4), TEXT_WIDTH)


def closing(document: Any) -> None:
    """The officer's closing sentence, then "Nơi nhận" and the signature side by side."""
    Writer(document, document).p("{{ n.loi_ket }}")
    # A blank line between the body and the closing block.
    Writer(document, document).p()
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, (RECIPIENT_COLUMN, SIGNATURE_COLUMN))
    left = Writer(table.cell(0, 0), document)
    recipients = left.p(bi("Nơi nhận:"), style=RECIPIENTS)
    recipients.runs[0].font.size = Pt(12)
    left.tag("for line in recipients")
    left.p("- {{ line }}", style=RECIPIENTS)
    left.tag("endfor")
    right = Writer(table.cell(0, 1), document)
    right.when("n.quyen_han_ky", "{{ n.quyen_han_ky }}", style=SIGNATURE)
    right.p("{{ n.chuc_vu_ky }}", style=SIGNATURE)
    for _ in range(SIGNATURE_LINES):
        right.p(style=SIGNATURE)
    right.p("{{ n.nguoi_ky }}", style=SIGNATURE)
