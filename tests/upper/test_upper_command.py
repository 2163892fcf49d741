"""``pcmt upper --store … add | list | figures``, run as an officer would, on both backends."""

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pcmt_desktop.cli.main import main
from pcmt_desktop.upper.figures import combined_figures
from pcmt_desktop.upper.location import StoreLocation
from pcmt_desktop.upper.store import UpperStore
from tests.upper.offices import PASSPHRASE, Offices
from tests.upper.postgres_server import PostgresServer, create_database, drop_database

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "mat-khau.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def store_text(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """What an officer types after --store: a folder, or a postgresql:// URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "tong hợp")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"cli_{uuid.uuid4().hex[:12]}"
    # The URL as a person writes it, without SQLAlchemy's driver name.
    yield create_database(server, name).replace("postgresql+psycopg://", "postgresql://")
    drop_database(server, name)


def upper(store_text: str, *arguments: str) -> int:
    return main(["upper", "--store", store_text, *arguments])


def test_add_list_and_figures(
    store_text: str, offices: Offices, passphrase_file: Path, capsys: Capture
) -> None:
    for office in (offices.hoa_an, offices.binh_minh):
        code = upper(
            store_text, "add", str(office.backup), "--passphrase-file", str(passphrase_file)
        )
        assert code == 0
    added = capsys.readouterr()
    assert "Đã nhận dữ liệu của “Công an xã Hòa An”" in added.out
    assert "Đã nhận dữ liệu của “Công an xã Bình Minh”" in added.out

    assert upper(store_text, "list") == 0
    listed = capsys.readouterr().out
    assert "Dữ liệu của 2 đơn vị:" in listed
    assert "1. Công an xã Bình Minh — cấp trên: Công an tỉnh Nam Hòa" in listed
    assert "2. Công an xã Hòa An — cấp trên: Công an tỉnh Nam Hòa" in listed
    persons = offices.hoa_an.manifest.counts["person"]
    assert f"Đối tượng: {persons}" in listed

    code = upper(
        store_text, "figures", "--from", "15/12/2025", "--to", "14/11/2026", "--compare",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    with UpperStore.open(StoreLocation.parse(store_text)) as store:
        direct = combined_figures(store, date(2025, 12, 15), date(2026, 11, 14), compare=True)
    assert printed == json.loads(json.dumps(direct, ensure_ascii=False))
    assert [row["office"] for row in printed["by_office"]] == [
        "Công an xã Bình Minh",
        "Công an xã Hòa An",
    ]


def test_the_same_file_again_says_so(
    tmp_path: Path, offices: Offices, passphrase_file: Path, capsys: Capture
) -> None:
    store = str(tmp_path / "tong-hop")
    arguments = ("add", str(offices.tan_phu.backup), "--passphrase-file", str(passphrase_file))
    assert upper(store, *arguments) == 0
    capsys.readouterr()

    assert upper(store, *arguments) == 0

    assert "đã được nhận trước đây" in capsys.readouterr().out


def test_a_wrong_passphrase_is_told_and_never_printed(
    tmp_path: Path, offices: Offices, capsys: Capture
) -> None:
    wrong = tmp_path / "sai.txt"
    wrong.write_text("mật khẩu sai hẳn\n", encoding="utf-8")
    store = tmp_path / "tong-hop"

    code = upper(str(store), "add", str(offices.hoa_an.backup), "--passphrase-file", str(wrong))

    assert code == 2
    output = capsys.readouterr()
    assert "Mật khẩu không đúng" in output.err
    assert "mật khẩu sai hẳn" not in output.out + output.err
    assert upper(str(store), "list") == 0
    assert "Chưa nhận tệp sao lưu của đơn vị nào." in capsys.readouterr().out


def test_refusals_are_messages(
    tmp_path: Path, offices: Offices, passphrase_file: Path, capsys: Capture
) -> None:
    assert upper("mysql://ai@127.0.0.1/kho", "list") == 2
    assert "chỉ dùng được một thư mục hoặc PostgreSQL" in capsys.readouterr().err

    store = str(tmp_path / "tong-hop")
    missing = str(tmp_path / "khong-co.pcmtbk")
    assert upper(store, "add", missing, "--passphrase-file", str(passphrase_file)) == 2
    assert "Không tìm thấy tệp sao lưu" in capsys.readouterr().err

    assert upper(store, "figures", "--from", "01/01/2026", "--to", "31/12/2026") == 2
    assert "chưa có dữ liệu của đơn vị nào" in capsys.readouterr().err

    assert (
        upper(store, "add", str(offices.tan_phu.backup), "--passphrase-file", str(passphrase_file))
        == 0
    )
    capsys.readouterr()
    assert upper(store, "figures", "--from", "31/12/2026", "--to", "01/01/2026") == 2
    assert "Từ ngày 31/12/2026 ở sau đến ngày 01/01/2026" in capsys.readouterr().err


def test_a_server_that_does_not_answer_is_a_message(capsys: Capture) -> None:
    from tests.upper.postgres_server import free_port

    url = f"postgresql://ai:bi-mat@127.0.0.1:{free_port()}/kho"

    assert upper(url, "list") == 2

    error = capsys.readouterr().err
    assert "Không mở được kho tổng hợp PostgreSQL" in error
    assert "bi-mat" not in error
