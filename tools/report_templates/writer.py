"""Writing template paragraphs: text in runs, placeholders kept whole, tags on their own.

docxtpl needs every ``{{ … }}`` and ``{% … %}`` inside one run; each piece given here
becomes exactly one run, so a placeholder is never split. A paragraph-level tag
(``{%p if … %}``) sits alone in a small grey paragraph: it disappears from the rendered
report and shows an officer editing the template where a part starts and ends.
"""

from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell

from tools.report_templates.docformat import CONTROL, TABLE_HEAD, TABLE_NUMBER, TABLE_TEXT


@dataclass(frozen=True)
class Seg:
    """One run: its text and how it looks."""

    text: str
    bold: bool = False
    italic: bool = False


def b(text: str) -> Seg:
    return Seg(text, bold=True)


def i(text: str) -> Seg:
    return Seg(text, italic=True)


def bi(text: str) -> Seg:
    return Seg(text, bold=True, italic=True)


Piece = str | Seg


class Writer:
    """Adds paragraphs to a document or a table cell."""

    def __init__(self, container: Any, document: Any) -> None:
        self.container = container
        self.document = document
        self._fresh_cell = isinstance(container, _Cell) and _is_blank(container)

    def p(self, *pieces: Piece, style: str | None = None) -> Any:
        if self._fresh_cell:
            # A new cell already holds one empty paragraph: use it first.
            paragraph = self.container.paragraphs[0]
            self._fresh_cell = False
        else:
            paragraph = self.container.add_paragraph()
        if style is not None:
            paragraph.style = self.document.styles[style]
        for piece in pieces:
            seg = piece if isinstance(piece, Seg) else Seg(piece)
            run = paragraph.add_run(seg.text)
            if seg.bold:
                run.bold = True
            if seg.italic:
                run.italic = True
        return paragraph

    def h1(self, text: str) -> Any:
        return self.p(text, style="Heading 1")

    def h2(self, text: str) -> Any:
        return self.p(text, style="Heading 2")

    def h3(self, text: str) -> Any:
        return self.p(text, style="Heading 3")

    def h4(self, text: str) -> Any:
        return self.p(text, style="Heading 4")

    def tag(self, code: str) -> Any:
        """A paragraph-level Jinja tag: ``tag("if x")`` writes ``{%p if x %}``."""
        return self.p(f"{{%p {code} %}}", style=CONTROL)

    def when(self, condition: str, *pieces: Piece, style: str | None = None) -> Any:
        """One paragraph written only when ``condition`` holds."""
        self.tag(f"if {condition}")
        paragraph = self.p(*pieces, style=style)
        self.tag("endif")
        return paragraph

    def table(
        self,
        widths: tuple[Any, ...],
        header: tuple[str, ...],
        loop: str,
        cells: tuple[str, ...],
        *,
        total: tuple[str, ...] | None = None,
        aligns: str = "",
    ) -> Any:
        """A bordered table: a header row, one row per item of ``loop``, a total row.

        ``aligns`` has one letter a column: "c" centres it (numbers), "l" keeps text left.
        """
        rows = 4 + (1 if total else 0)
        table = self.container.add_table(rows=rows, cols=len(widths))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_widths(table, widths)
        _repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            Writer(cell, self.document).p(text, style=TABLE_HEAD)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        Writer(table.rows[1].cells[0], self.document).p(f"{{%tr for {loop} %}}", style=CONTROL)
        aligns = aligns or "l" * len(widths)
        for cell, text, align in zip(table.rows[2].cells, cells, aligns, strict=True):
            style = TABLE_NUMBER if align == "c" else TABLE_TEXT
            Writer(cell, self.document).p(text, style=style)
        Writer(table.rows[3].cells[0], self.document).p("{%tr endfor %}", style=CONTROL)
        if total:
            for cell, text in zip(table.rows[4].cells, total, strict=True):
                Writer(cell, self.document).p(text, style=TABLE_HEAD)
        return table


def _is_blank(cell: Any) -> bool:
    return len(cell.paragraphs) == 1 and not cell.paragraphs[0].runs


def set_widths(table: Any, widths: tuple[Any, ...]) -> None:
    """Fixed column widths, written both in the grid (LibreOffice) and each cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _repeat_header(row: Any) -> None:
    """The header row repeats on each page a long table runs over."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
