"""duplicates index: the probable duplicates grouped from an index, not by a sort

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 10:00:00

The overview counts the persons sharing a folded name, birth year and sub-area (DOMAIN.md)
each time it opens; the duplicates dialog lists them. The new index keeps the name as its
leading column, so every query that used ``ix_person_name_folded`` can use it instead
(benchmarks/README.md: the grouping on 300 000 persons from 0,25 s to about 0,1 s).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_person_name_birth_sub_area", "person", ["name_folded", "birth_year", "sub_area_id"]
    )
    op.drop_index("ix_person_name_folded", table_name="person")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE person")


def downgrade() -> None:
    op.create_index("ix_person_name_folded", "person", ["name_folded"])
    op.drop_index("ix_person_name_birth_sub_area", table_name="person")
