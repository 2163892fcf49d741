"""An office's own copy of a template: edited in Word (here python-docx), checked, rendered."""

import json
from pathlib import Path
from typing import Any

import docx
import pytest

from pcmt_desktop.reports.docx_context import build_context
from pcmt_desktop.reports.docx_render import ReportTemplateError, check_template, render_docx
from pcmt_desktop.reports.template_catalog import CAO_DIEM, SO_KET, template_path

SAMPLE = Path(__file__).parent / "fixtures" / "figures_sample.json"


def sample_figures() -> dict[str, Any]:
    figures: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return figures


def edited_copy(tmp_path: Path, name: str, change: str, *, replace: str | None = None) -> Path:
    """The built-in template with one paragraph rewritten (or added at the end) in one run."""
    document = docx.Document(str(template_path(name)))
    if replace is None:
        document.add_paragraph(change)
    else:
        paragraph = next(p for p in document.paragraphs if p.text.startswith(replace))
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = change
    path = tmp_path / f"{name}-cua-don-vi.docx"
    document.save(str(path))
    return path


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("spec", [SO_KET, CAO_DIEM])
def test_the_bundled_templates_have_no_problem(spec: Any) -> None:
    assert check_template(template_path(spec.name), spec) == []
    assert check_template(template_path(spec.name)) == []


def test_an_office_rewords_a_sentence_and_its_copy_renders(tmp_path: Path) -> None:
    copy = edited_copy(
        tmp_path,
        "so-ket",
        "Theo kết quả rà soát của đơn vị, tính đến ngày {{ period.to }}, "
        "{{ hotspots.summary }}; tổng số người nghiện là "
        '{{ f.lists.nghien.after|count("người") }}.',
        replace="Qua rà soát",
    )
    assert check_template(copy, SO_KET) == []
    out = tmp_path / "bao-cao.docx"
    render_docx(copy, build_context(sample_figures(), {}, SO_KET), out)
    assert (
        "Theo kết quả rà soát của đơn vị, tính đến ngày 12/11/2024, có 02 điểm phức tạp về "
        "ma túy, 13 điểm có nguy cơ phức tạp về ma túy và 09 đối tượng bán lẻ trái phép chất "
        "ma túy; tổng số người nghiện là 114 người."
    ) in texts(out)
    assert not any(text.startswith("Qua rà soát") for text in texts(out))


def test_an_unclosed_placeholder_is_found_with_its_paragraph(tmp_path: Path) -> None:
    copy = edited_copy(tmp_path, "so-ket", "Số người nghiện: {{ f.lists")
    problems = check_template(copy, SO_KET)
    assert len(problems) == 1
    assert "Lỗi cú pháp trong phần nội dung" in problems[0]
    assert "Số người nghiện: {{ f.lists" in problems[0]
    assert "chưa đóng bằng “}}”" in problems[0]
    with pytest.raises(ReportTemplateError, match="lỗi cú pháp"):
        render_docx(copy, build_context(sample_figures(), {}, SO_KET), tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_a_missing_end_tag_is_a_problem(tmp_path: Path) -> None:
    copy = edited_copy(tmp_path, "cao-diem", "{%p if tests.tested %}")
    problems = check_template(copy, CAO_DIEM)
    assert len(problems) == 1
    assert problems[0] == "Lỗi cú pháp trong phần nội dung: thẻ “if” chưa có thẻ đóng {%p endif %}."


def test_unknown_names_are_listed(tmp_path: Path) -> None:
    copy = edited_copy(
        tmp_path,
        "so-ket",
        "{{ so_lieu.tong }} {{ crime.arestd }} {{ n.ghi_chu_rieng }} {{ areas.free.nmes }} "
        "{{ f.lists.nghien.after }} {{ office.name }}",
    )
    problems = check_template(copy, SO_KET)
    assert problems == [
        "Mẫu dùng tên “so_lieu”, không có trong số liệu của báo cáo.",
        "Mẫu dùng “areas.free.nmes”, không có trong số liệu và các phần viết tay của báo cáo.",
        "Mẫu dùng “crime.arestd”, không có trong số liệu và các phần viết tay của báo cáo.",
        "Mẫu dùng “n.ghi_chu_rieng”, không có trong số liệu và các phần viết tay của báo cáo.",
    ]
    # Without the template's fields the narrative names cannot be checked; the rest can.
    assert len(check_template(copy)) == 3


def test_a_misspelt_figure_stops_the_render_with_its_name(tmp_path: Path) -> None:
    copy = edited_copy(tmp_path, "so-ket", "{{ f.lists.nghien.aftr }}")
    with pytest.raises(ReportTemplateError, match="“aftr”"):
        render_docx(copy, build_context(sample_figures(), {}, SO_KET), tmp_path / "out.docx")


def test_a_file_that_is_not_a_word_document(tmp_path: Path) -> None:
    fake = tmp_path / "mau.docx"
    fake.write_text("không phải Word", encoding="utf-8")
    assert check_template(fake) == ["Tệp mau.docx không phải là tệp Word .docx (hoặc tệp đã hỏng)."]
    assert check_template(tmp_path / "khong-co.docx")[0].startswith("Không tìm thấy tệp mẫu")
    with pytest.raises(ReportTemplateError, match="không phải là tệp Word"):
        render_docx(fake, build_context(sample_figures(), {}, SO_KET), tmp_path / "out.docx")


def test_an_unknown_filter_is_named(tmp_path: Path) -> None:
    copy = edited_copy(tmp_path, "so-ket", '{{ f.tests.tested|so_dem("người") }}')
    problems = check_template(copy, SO_KET)
    assert len(problems) == 1
    assert problems[0].startswith("Mẫu dùng bộ lọc “so_dem” không có")
    assert "count_or_none" in problems[0]
    with pytest.raises(ReportTemplateError, match="so_dem"):
        render_docx(copy, build_context(sample_figures(), {}, SO_KET), tmp_path / "out.docx")
