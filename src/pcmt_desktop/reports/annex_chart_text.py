"""The text of the annex's Excel charts: Times New Roman like the cells, in set sizes.

openpyxl builds chart text from DrawingML parts (rich text, paragraphs, runs); these
helpers hide that so the chart objects only say what text goes where.
"""

from collections.abc import Sequence
from typing import Any

from pcmt_desktop.reports.annex_sheet import FONT_NAME, clean_text
from pcmt_desktop.reports.charts import Chart

CHART_TEXT_SIZE = 1000  # hundredths of a point
TITLE_TEXT_SIZE = 1300
SUBTITLE_TEXT_SIZE = 1100


def characters(size: int, *, bold: bool = False, italic: bool = False) -> Any:
    from openpyxl.drawing.text import CharacterProperties, Font

    return CharacterProperties(latin=Font(typeface=FONT_NAME), sz=size, b=bold, i=italic)


def rich_text(size: int = CHART_TEXT_SIZE) -> Any:
    """Text properties for an axis's labels, a legend or data labels."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import Paragraph, ParagraphProperties

    props = characters(size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _title(lines: Sequence[tuple[str, Any]]) -> Any:
    """A chart or axis title of one paragraph per (text, character properties)."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import Paragraph, ParagraphProperties, RegularTextRun

    paragraphs = [
        Paragraph(pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)])
        for text, props in lines
        if text
    ]
    return Title(tx=Text(rich=RichText(p=paragraphs)), overlay=False)


def chart_title(chart: Chart) -> Any:
    """The chart's title in bold over its subtitle in italics."""
    return _title(
        [
            (str(clean_text(chart.title)), characters(TITLE_TEXT_SIZE, bold=True)),
            (str(clean_text(chart.subtitle)), characters(SUBTITLE_TEXT_SIZE, italic=True)),
        ]
    )


def axis_title(text: str) -> Any:
    return _title([(text, characters(CHART_TEXT_SIZE, bold=True))])
