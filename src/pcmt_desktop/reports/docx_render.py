"""Rendering a báo cáo template (docxtpl) and checking a template an office edited in Word.

Rendering uses one Jinja environment: autoescape on (an officer's "&" or "<" must stay
text, not break the document's XML), the number filters of report_text plus ours, and
undefined names as errors — a misspelt placeholder in an office's copy must stop the
report with a message, not leave a blank in a document sent upward. The file is written
beside its target and renamed into place, so a failed render never leaves half a file.
"""

import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from tempfile import NamedTemporaryFile
from typing import Any

from jinja2 import Environment, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2 import nodes as jinja_nodes

from pcmt_desktop.domain.report_text import jinja_filters
from pcmt_desktop.reports.docx_context import CONTEXT_NAMES, build_context
from pcmt_desktop.reports.docx_filters import docx_filters, upper_first
from pcmt_desktop.reports.template_catalog import SO_KET, TemplateSpec

_TAGS = re.compile(r"<[^>]+>")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_IS_UNDEFINED = re.compile(r"'([^']+)' is undefined")
_UNCLOSED_BLOCK = re.compile(r"block that needs to be closed is '(\w+)'")
_NO_FILTER = re.compile(r"no filter named '([^']+)'", re.IGNORECASE)
_END_OF_TEMPLATE = "unexpected end of template"
_SNIPPET_LENGTH = 80
# Jinja's own words for the usual slips, said the way an officer editing in Word needs.
_SYNTAX_HINTS = (
    (_END_OF_TEMPLATE, "thiếu thẻ đóng ({%p endif %} hoặc {%p endfor %})"),
    ("expected token 'end of print statement'", "thiếu dấu đóng “}}” của chỗ điền số liệu"),
    # An unclosed "{{" runs on into the document's own XML, whose first "<" or "/" fails.
    ("unexpected '/'", "chỗ điền số liệu chưa đóng bằng “}}” (hoặc thẻ chưa đóng bằng “%}”)"),
    ("unexpected '<'", "chỗ điền số liệu chưa đóng bằng “}}” (hoặc thẻ chưa đóng bằng “%}”)"),
    ("unexpected '}'", "dấu ngoặc không khớp"),
    ("unexpected char", "có ký tự không hợp lệ trong chỗ điền số liệu"),
    ("encountered unknown tag", "thẻ không hợp lệ"),
    ("unexpected 'end of print statement'", "chỗ điền số liệu viết chưa trọn"),
)


class ReportTemplateError(ValueError):
    """A template that cannot be rendered; the message is Vietnamese and says where."""


def environment() -> Environment:
    """The Jinja environment of every báo cáo template."""
    env = Environment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(jinja_filters())
    env.filters.update(docx_filters())
    return env


def render_docx(template: Path, context: Mapping[str, Any], out: Path) -> None:
    """Fill ``template`` with ``context`` and write the document to ``out``.

    Raises:
        ReportTemplateError: the template is not a Word file, or it cannot be filled.
    """
    from docxtpl import DocxTemplate

    problems = _file_problems(template)
    if problems:
        raise ReportTemplateError(problems[0])
    document = DocxTemplate(str(template))
    try:
        document.render(dict(context), environment(), autoescape=True)
    except UndefinedError as exc:
        raise ReportTemplateError(_undefined_message(template, exc)) from exc
    except TemplateSyntaxError as exc:
        raise ReportTemplateError(
            f"Mẫu báo cáo {template.name} có lỗi cú pháp: {_syntax_hint(exc.message)}."
        ) from exc
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise ReportTemplateError(
            f"Không điền được số liệu vào mẫu báo cáo {template.name}: {exc}"
        ) from exc
    _save_atomically(document, out)


def _save_atomically(document: Any, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with NamedTemporaryFile(
        dir=out.parent, prefix=f".{out.stem}-", suffix=".docx.tmp", delete=False
    ) as handle:
        temporary = Path(handle.name)
    try:
        document.save(str(temporary))
        temporary.replace(out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _undefined_message(template: Path, exc: UndefinedError) -> str:
    text = str(exc.message or exc)
    match = _NO_ATTRIBUTE.search(text) or _IS_UNDEFINED.search(text)
    name = match.group(1) if match else text
    return (
        f"Mẫu báo cáo {template.name} dùng “{name}”, nhưng số liệu và các phần viết tay "
        "của báo cáo không có mục này. Hãy sửa chỗ điền đó trong mẫu (xem mẫu có sẵn của "
        "chương trình để biết các tên dùng được)."
    )


def _syntax_hint(message: str | None) -> str:
    text = (message or "").lower()
    block = _UNCLOSED_BLOCK.search(message or "")
    if _END_OF_TEMPLATE in text and block:
        name = block.group(1)
        return f"thẻ “{name}” chưa có thẻ đóng {{%p end{name} %}}"
    unknown_filter = _NO_FILTER.search(message or "")
    if unknown_filter:
        return _filter_problem(unknown_filter.group(1))
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return hint
    return f"cú pháp không hợp lệ ({message})"


# --- checking an office's own template --------------------------------------------------


def check_template(template: Path, spec: TemplateSpec | None = None) -> list[str]:
    """What is wrong with a template an office edited, in Vietnamese; empty when usable.

    Checks that it is a Word file, that every placeholder and tag is well formed (saying
    in which paragraph it is not), and that it uses only names the báo cáo provides —
    with ``spec``, also only that template's narrative fields.
    """
    problems = _file_problems(template)
    if problems:
        return problems
    env = environment()
    parsed: list[jinja_nodes.Template] = []
    for part_name, xml in _template_parts(template):
        try:
            parsed.append(env.parse(xml))
        except TemplateSyntaxError as exc:
            # At the end of the template the place is the last paragraph: not worth quoting.
            at_end = _END_OF_TEMPLATE in (exc.message or "").lower()
            where = "" if at_end else f", ở đoạn “{_snippet(xml, exc.lineno)}”"
            problems.append(f"Lỗi cú pháp trong {part_name}{where}: {_syntax_hint(exc.message)}.")
    if problems:
        return problems
    return _name_problems(parsed, spec)


def _file_problems(template: Path) -> list[str]:
    if not template.is_file():
        return [f"Không tìm thấy tệp mẫu {template}."]
    if not zipfile.is_zipfile(template):
        return [f"Tệp {template.name} không phải là tệp Word .docx (hoặc tệp đã hỏng)."]
    with zipfile.ZipFile(template) as archive:
        if "word/document.xml" not in archive.namelist():
            return [
                f"Tệp {template.name} không phải là tệp Word .docx (không có nội dung văn bản)."
            ]
    return []


def _template_parts(template: Path) -> Iterator[tuple[str, str]]:
    """The body, headers and footers as docxtpl hands them to Jinja (one paragraph a line)."""
    from docx.opc.oxml import parse_xml
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.init_docx()
    body = document.patch_xml(document.get_xml())
    yield "phần nội dung", _PARAGRAPH_START.sub(r"\n<w:p\1", body)
    for uri, name in ((document.HEADER_URI, "phần đầu trang"), (document.FOOTER_URI, "chân trang")):
        for _key, part in document.get_headers_footers(uri):
            xml = document.patch_xml(document.xml_to_string(parse_xml(part.blob)))
            yield name, _PARAGRAPH_START.sub(r"\n<w:p\1", xml)


def _snippet(xml: str, line_number: int | None) -> str:
    lines = xml.splitlines()
    if line_number is None or not lines:
        return ""
    line = lines[max(0, min(line_number, len(lines)) - 1)]
    text = " ".join(_TAGS.sub("", line).split())
    return text if len(text) <= _SNIPPET_LENGTH else text[: _SNIPPET_LENGTH - 1] + "…"


def _name_problems(parsed: list[jinja_nodes.Template], spec: TemplateSpec | None) -> list[str]:
    from jinja2 import meta

    filters = environment().filters
    unknown_filters = {
        node.name for tree in parsed for node in tree.find_all(jinja_nodes.Filter)
    } - set(filters)
    problems = [upper_first(_filter_problem(name)) + "." for name in sorted(unknown_filters)]
    if problems:
        return problems  # the names cannot be listed while a filter is unknown
    unknown: set[str] = set()
    for tree in parsed:
        unknown |= meta.find_undeclared_variables(tree) - CONTEXT_NAMES
    problems += [
        f"Mẫu dùng tên “{name}”, không có trong số liệu của báo cáo." for name in sorted(unknown)
    ]
    # The names every section provides do not depend on the figures: an empty set shows them.
    sample = build_context({}, {}, spec or SO_KET)
    missing: set[str] = set()
    for tree in parsed:
        for chain in _attribute_chains(tree):
            wrong = _first_missing(chain, sample, spec)
            if wrong:
                missing.add(wrong)
    problems += [
        f"Mẫu dùng “{name}”, không có trong số liệu và các phần viết tay của báo cáo."
        for name in sorted(missing)
    ]
    return problems


def _filter_problem(name: str) -> str:
    known = ", ".join(sorted({*jinja_filters(), *docx_filters()}))
    return f"mẫu dùng bộ lọc “{name}” không có (bộ lọc của chương trình: {known})"


def _attribute_chains(tree: jinja_nodes.Template) -> Iterator[list[str]]:
    """``office.name`` → ["office", "name"], for every outermost attribute access."""
    inner: set[int] = set()
    for node in tree.find_all(jinja_nodes.Getattr):
        if isinstance(node.node, jinja_nodes.Getattr):
            inner.add(id(node.node))
    for node in tree.find_all(jinja_nodes.Getattr):
        if id(node) in inner:
            continue
        chain: list[str] = []
        current: jinja_nodes.Node = node
        while isinstance(current, jinja_nodes.Getattr):
            chain.insert(0, current.attr)
            current = current.node
        if isinstance(current, jinja_nodes.Name):
            yield [current.name, *chain]


def _first_missing(
    chain: list[str], sample: Mapping[str, Any], spec: TemplateSpec | None
) -> str | None:
    """The dotted name of the first step of ``chain`` the báo cáo does not provide."""
    root = chain[0]
    if root == "f" or root not in CONTEXT_NAMES:
        return None  # the figures grow by keys (INTERCHANGE.md); loop names are local
    if root == "n":
        if spec is None or len(chain) < 2:
            return None
        known = {*spec.keys}
        return None if chain[1] in known else f"n.{chain[1]}"
    current: Any = sample.get(root)
    for depth, step in enumerate(chain[1:], start=1):
        if not isinstance(current, Mapping):
            return None
        if step not in current:
            return ".".join(chain[: depth + 1])
        current = current[step]
    return None
