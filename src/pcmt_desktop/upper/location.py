"""Where the consolidated store lives: a folder (SQLite, the default) or a PostgreSQL URL."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from pcmt_desktop.store.paths import user_data_dir

DEFAULT_FOLDER_NAME = "tong-hop"
# The driver the program ships; "postgresql://" alone would make SQLAlchemy look for psycopg2.
POSTGRES_DRIVER = "postgresql+psycopg"


class StoreLocationError(ValueError):
    """The --store value is neither a folder nor a PostgreSQL URL; the message is Vietnamese."""


def default_store_folder() -> Path:
    return user_data_dir() / DEFAULT_FOLDER_NAME


@dataclass(frozen=True)
class StoreLocation:
    """Exactly one of ``folder`` and ``url`` is set."""

    folder: Path | None = None
    url: URL | None = None

    @classmethod
    def parse(cls, text: str | None) -> "StoreLocation":
        """A folder path, or a ``postgresql://`` URL; None gives the default folder."""
        if text is None or not text.strip():
            return cls(folder=default_store_folder())
        text = text.strip()
        if "://" not in text:
            return cls(folder=Path(text).expanduser())
        try:
            url = make_url(text)
        except ArgumentError as error:
            raise StoreLocationError(f"Địa chỉ kho tổng hợp “{text}” không hợp lệ.") from error
        if url.get_backend_name() != "postgresql":
            raise StoreLocationError(
                f"Kho tổng hợp chỉ dùng được một thư mục hoặc PostgreSQL "
                f"(postgresql://…), không dùng được “{url.drivername}”."
            )
        return cls(url=url.set(drivername=POSTGRES_DRIVER))

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    def describe(self) -> str:
        """For messages: the folder, or the URL with its password hidden."""
        if self.url is not None:
            return self.url.render_as_string(hide_password=True)
        return str(self.folder)
