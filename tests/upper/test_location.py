"""--store: a folder (the default one in the user's data folder) or a PostgreSQL URL."""

from pathlib import Path

import pytest

from pcmt_desktop.store.paths import user_data_dir
from pcmt_desktop.upper.location import StoreLocation, StoreLocationError


def test_no_store_is_the_tong_hop_folder_in_the_user_data_folder() -> None:
    location = StoreLocation.parse(None)

    assert location.folder == user_data_dir() / "tong-hop"
    assert not location.is_postgres


def test_a_path_is_a_folder_store(tmp_path: Path) -> None:
    location = StoreLocation.parse(str(tmp_path / "kho tổng hợp"))

    assert location.folder == tmp_path / "kho tổng hợp"
    assert location.url is None


def test_a_postgresql_url_uses_psycopg_and_is_shown_without_its_password() -> None:
    location = StoreLocation.parse("postgresql://pc04:mat-khau@kho-tinh.example:5432/tong_hop")

    assert location.url is not None
    assert location.url.drivername == "postgresql+psycopg"
    assert location.url.database == "tong_hop"
    assert "mat-khau" not in location.describe()
    assert location.describe().startswith("postgresql+psycopg://pc04:***@kho-tinh.example:5432/")


def test_another_database_is_refused() -> None:
    with pytest.raises(StoreLocationError, match="không dùng được “mysql”"):
        StoreLocation.parse("mysql://pc04@kho-tinh.example/tong_hop")
