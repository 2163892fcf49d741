"""``pcmt --smoke``: the self-check the bundle runs in CI, run here from the source tree."""

import json
from datetime import date
from pathlib import Path

import pytest

from pcmt_desktop import build_info
from pcmt_desktop.cli.main import main
from pcmt_desktop.store.migrate import head_revision

pytestmark = pytest.mark.gui


def test_smoke_migrates_a_new_database_shows_the_window_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    assert main(["--smoke"]) == 0
    said = capsys.readouterr().out
    assert "kiểm tra khởi động đạt" in said
    assert f"phiên bản {head_revision()}" in said
    assert "cao-diem.docx, so-ket.docx" in said
    assert "chạy từ mã nguồn, chưa đóng gói" in said
    assert list(tmp_path.iterdir()) == []  # the temporary database is gone


def test_the_build_day_comes_from_the_bundles_build_info(tmp_path: Path) -> None:
    (tmp_path / build_info.BUILD_INFO_FILE).write_text(
        json.dumps({"built": "2026-11-20"}), encoding="utf-8"
    )
    assert build_info.build_date(tmp_path) == date(2026, 11, 20)
    assert build_info.build_text(tmp_path) == "bản đóng gói ngày 20/11/2026"
    (tmp_path / build_info.BUILD_INFO_FILE).write_text("{not json", encoding="utf-8")
    assert build_info.build_date(tmp_path) is None
