"""``pcmt screenshot`` renders the real window offscreen to PNG files."""

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from pcmt_desktop.cli.main import main
from pcmt_desktop.demo import generate_demo
from pcmt_desktop.services.context import ServiceContext
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from tests.cli.credentials import Logins

pytestmark = pytest.mark.gui


def test_it_refuses_a_database_without_an_office(
    tmp_path: Path, logins: Logins, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "trong.sqlite3"
    code = main(["--db", str(database), *logins.new_admin, "screenshot", "--out", str(tmp_path)])

    assert code == 2
    assert "chưa có đơn vị" in capsys.readouterr().err
    assert list(tmp_path.glob("*.png")) == []


def test_it_renders_every_tab_and_the_main_dialogs(tmp_path: Path, logins: Logins) -> None:
    path = tmp_path / "demo.sqlite3"
    database = Database.open(path)
    try:
        generate_demo(Services.build(ServiceContext(database.sessions)), persons=60)
    finally:
        database.close()
    out = tmp_path / "anh"

    # The demo was made without accounts: the command creates the first administrator.
    arguments = ["--db", str(path), *logins.new_admin, "screenshot", "--out", str(out)]
    code = main([*arguments, "--height", "760"])

    assert code == 0
    names = sorted(png.name for png in out.glob("*.png"))
    tabs = [
        "00-tong-quan.png",
        "01-doi-tuong.png",
        "02-den-han.png",
        "03-test-ma-tuy.png",
        "04-ho-so-cnbb.png",
        "05-diem-tu-diem.png",
        "06-pha-nho-cay.png",
        "07-vu-viec.png",
        "08-chi-tieu.png",
        "09-bao-cao.png",
        "10-nhat-ky.png",
    ]
    assert names[: len(tabs)] == tabs
    # A demo of 60 persons has a record of every kind, so every record dialog is shown.
    assert names[len(tabs) :] == [
        "20-ho-so-doi-tuong.png",
        "21-sua-doi-tuong.png",
        "22-don-vi-dia-ban.png",
        "23-quy-dinh-phap-luat.png",
        "24-doi-tuong-trung-lap.png",
        "30-test-ma-tuy.png",
        "31-ty-le-duong-tinh-theo-dia-ban.png",
        "40-ho-so-cnbb.png",
        "50-diem-tu-diem.png",
        "60-pha-nho-cay.png",
        "70-vu-viec.png",
        "80-sao-luu-ra-tep.png",
        "81-kiem-tra-tep-sao-luu.png",
        "82-khoi-phuc-tu-tep-sao-luu.png",
        "83-cai-dat-sao-luu-tu-dong.png",
        "84-dang-nhap.png",
        "85-tao-tai-khoan-quan-tri.png",
        "86-doi-mat-khau.png",
        "87-tai-khoan-nguoi-dung.png",
        "88-quyen-cua-vai-tro.png",
        "89-thoi-gian-tu-khoa.png",
        "90-bao-cao-phan-loai-dia-ban.png",
        "91-bao-cao-loi-van.png",
        "92-mau-bao-cao-rieng.png",
        "93-bao-cao-da-lap.png",
        "95-tong-hop-cac-don-vi.png",
        "96-tong-hop-so-lieu.png",
        "97-man-hinh-khoa.png",
        "98-cua-so-da-khoa.png",
        "bieu-do-area-classes.png",
        "bieu-do-hotspots-by-state.png",
        "bieu-do-list-sizes.png",
        "bieu-do-tests-by-sub-area.png",
    ]
    window = QImage(str(out / "01-doi-tuong.png"))
    assert (window.width(), window.height()) == (1280, 760)
    # The backup pictures are made from a throw-away file: nothing beside the database.
    assert sorted(item.name for item in tmp_path.iterdir()) == [
        "anh",
        "demo.sqlite3",
        "demo.sqlite3.lock",
    ]
