"""``pcmt --db PATH report …``: the wizard's báo cáo without a window."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from pcmt_desktop.cli.main import main
from tests.cli.credentials import Logins


@pytest.fixture
def demo_database(tmp_path: Path, logins: Logins) -> Path:
    path = tmp_path / "pcmt.sqlite3"
    assert (
        main(["--db", str(path), *logins.new_admin, "demo", "--persons", "60", "--seed", "3"]) == 0
    )
    return path


@pytest.fixture
def report(logins: Logins) -> Callable[..., int]:
    def report(database: Path, *arguments: str) -> int:
        period = ["--from", "15/12/2025", "--to", "14/11/2026"]
        return main(["--db", str(database), *logins.admin, "report", *period, *arguments])

    return report


@pytest.mark.parametrize("template", ["so-ket", "cao-diem"])
def test_both_templates_render_a_document_and_an_annex(
    report: Callable[..., int],
    demo_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    template: str,
) -> None:
    out, annex = tmp_path / f"{template}.docx", tmp_path / f"{template}.xlsx"
    narrative = tmp_path / "loi-van.json"
    narrative.write_text(
        json.dumps({"kien_nghi": "Đề nghị cấp thêm que test nhanh."}, ensure_ascii=False),
        encoding="utf-8",
    )
    capsys.readouterr()

    code = report(
        demo_database, "--template", template, "--compare", "--out", str(out),
        "--annex", str(annex), "--narrative", str(narrative),
    )  # fmt: skip

    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "Đã lập báo cáo" in printed and str(out) in printed
    texts = [paragraph.text for paragraph in Document(str(out)).paragraphs]
    assert any("Đề nghị cấp thêm que test nhanh." in text for text in texts)
    assert not any("{{" in text or "{%" in text for text in texts)
    assert load_workbook(annex).sheetnames


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--template", "khong-co", "--out", "x.docx"], "Không có mẫu báo cáo “khong-co”"),
        (["--template", "so-ket", "--out", "x.pdf"], "phải có đuôi .docx"),
        (["--template", "so-ket", "--out", "x.docx", "--annex", "x.csv"], "phải có đuôi .xlsx"),
    ],
)
def test_bad_arguments_are_refused_in_vietnamese_and_write_nothing(
    report: Callable[..., int],
    demo_database: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    arguments: list[str],
    message: str,
) -> None:
    tmp_path = demo_database.parent
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert report(demo_database, *arguments) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_narrative_fields_the_template_does_not_have_are_refused(
    report: Callable[..., int],
    demo_database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    narrative = tmp_path / "loi-van.json"
    narrative.write_text('{"khong_co_truong_nay": "x"}', encoding="utf-8")
    capsys.readouterr()
    code = report(
        demo_database, "--template", "so-ket", "--out", str(tmp_path / "x.docx"),
        "--narrative", str(narrative),
    )  # fmt: skip
    assert code == 2
    assert "khong_co_truong_nay" in capsys.readouterr().err
