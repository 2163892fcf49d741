"""The builder of the bundled báo cáo templates, and what it committed."""

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from tools.report_templates.build import BODIES, build, main

from pcmt_desktop.reports.template_catalog import BUILTIN_TEMPLATES, builtin_template, template_path

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# Fields the templates reach through ready pieces rather than ``n``: the date line (place
# and date) and the recipients list.
INDIRECT_FIELDS = {"ngay_bao_cao", "dia_danh", "noi_nhan"}


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_the_committed_template_is_what_the_builder_makes(name: str) -> None:
    committed = template_path(name).read_bytes()
    built = build(name)
    assert members(committed) == members(built), (
        "Run `python -m tools.report_templates` and commit resources/templates."
    )
    assert build(name) == built  # reproducible: no date or order changes between builds


def test_the_builder_knows_exactly_the_catalog_templates() -> None:
    assert set(BODIES) == {spec.name for spec in BUILTIN_TEMPLATES}
    for spec in BUILTIN_TEMPLATES:
        assert BODIES[spec.name][0] == spec.title


def _paragraphs(document: Any) -> list[Any]:
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.first_page_header._element]
    return [p for part in parts for p in part.iter(qn("w:p"))]


@pytest.mark.parametrize("name", sorted(BODIES))
def test_every_tag_sits_in_one_run(name: str) -> None:
    document = docx.Document(str(template_path(name)))
    tags_seen = 0
    for paragraph in _paragraphs(document):
        runs = [
            "".join(t.text or "" for t in run.iter(qn("w:t"))) for run in paragraph.iter(qn("w:r"))
        ]
        whole = TAG.findall("".join(runs))
        inside = [tag for run in runs for tag in TAG.findall(run)]
        assert whole == inside, whole
        tags_seen += len(whole)
    assert tags_seen > 100


@pytest.mark.parametrize("name", sorted(BODIES))
def test_the_template_uses_every_narrative_field_of_its_catalog_entry(name: str) -> None:
    document = docx.Document(str(template_path(name)))
    text = "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in _paragraphs(document)
    )
    used = set(re.findall(r"\bn\.(\w+)", text))
    assert used == set(builtin_template(name).keys) - INDIRECT_FIELDS


def test_main_writes_both_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cao-diem.docx", "so-ket.docx"]
    assert "so-ket.docx" in capsys.readouterr().out
