"""report indexes: the figures of a year on 300 000 persons and 3 000 000 tests under 1 s

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 07:50:00

Each new index keeps the leading columns of the one it replaces, so every query that used
the old one can use the new one; measured in benchmarks/README.md. ANALYZE gives SQLite's
planner the statistics that two of the report's queries need to pick their index.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_list_stay_list_start_end_person",
        "list_stay",
        ["list_key", "start_date", "end_date", "person_id"],
    )
    op.drop_index("ix_list_stay_list_start", table_name="list_stay")
    op.create_index(
        "ix_drug_test_date_person_positive", "drug_test", ["test_date", "person_id", "positive"]
    )
    op.drop_index("ix_drug_test_test_date", table_name="drug_test")
    op.create_index("ix_surveillance_start_date", "surveillance", ["start_date"])
    # Joins to a person only for its sub-area read this narrow index, not the wide row.
    op.create_index("ix_person_id_sub_area", "person", ["id", "sub_area_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_index("ix_person_id_sub_area", table_name="person")
    op.drop_index("ix_surveillance_start_date", table_name="surveillance")
    op.create_index("ix_drug_test_test_date", "drug_test", ["test_date"])
    op.drop_index("ix_drug_test_date_person_positive", table_name="drug_test")
    op.create_index("ix_list_stay_list_start", "list_stay", ["list_key", "start_date"])
    op.drop_index("ix_list_stay_list_start_end_person", table_name="list_stay")
