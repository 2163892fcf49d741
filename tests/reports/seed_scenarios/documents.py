"""Reading a rendered báo cáo back: every paragraph and every table cell, as one text."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _paragraphs(container: Any) -> Iterator[str]:
    for paragraph in container.paragraphs:
        yield paragraph.text
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell)


def docx_text(path: Path) -> str:
    """The body's paragraphs and table cells (nested tables too), one per line."""
    from docx import Document

    return "\n".join(_paragraphs(Document(str(path))))
