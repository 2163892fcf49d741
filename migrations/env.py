"""Alembic environment: always run on a connection the program hands over.

Batch mode is on because SQLite cannot alter most constraints in place; alembic then
copies the table, which keeps later migrations working on the embedded store.
"""

from alembic import context
from sqlalchemy import Connection

from pcmt_desktop.store.models import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("PCMT migrations run only through pcmt_desktop.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
