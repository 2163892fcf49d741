"""Brings a database to the schema this program knows, or refuses one made by a newer one."""

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from pcmt_desktop.resources import migrations_dir


class NewerDatabaseError(Exception):
    """The database carries a schema revision this program does not know."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            "Cơ sở dữ liệu này được tạo bởi một phiên bản PCMT mới hơn "
            f"(phiên bản dữ liệu “{revision}”). Hãy cài phiên bản PCMT mới nhất để mở nó; "
            "chương trình không thay đổi gì trong tệp."
        )
        self.revision = revision


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("migrations/ has no revision")
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade in one transaction; refuse (touching nothing) a revision we do not know."""
    script = ScriptDirectory.from_config(alembic_config())
    with engine.begin() as connection:
        revision = current_revision(connection)
        if revision is not None and script.get_revision(revision) is None:
            raise NewerDatabaseError(revision)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Upgrade to a given revision (for migration tests that build old databases)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
