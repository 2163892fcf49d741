"""reports: past reports, offices' own Word templates, the key-route tick of sub-areas

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECISION_28 = "Quyết định 28/2025/QĐ-TTg"
IN_FORCE = date(2025, 8, 24)

# Area classification thresholds; rates per 10 000 residents (0,5% = 50).
AREA_RULES = [
    ("area_i_persons_per_10k", 50),
    ("area_ii_persons_per_10k", 10),
    ("area_i_places", 2),
    ("area_ii_places", 1),
    ("area_i_arrests_per_10k", 10),
    ("area_ii_arrests_per_10k", 5),
    ("area_i_plants", 3000),
    ("area_ii_plants", 500),
    ("area_i_plant_m2", 750),
    ("area_ii_plant_m2", 125),
    ("area_i_min_criteria", 3),
    ("area_ii_min_criteria", 3),
]


def upgrade() -> None:
    # A plain ADD COLUMN: a batch copy of sub_area would have to drop a table that others
    # point at, which SQLite refuses while foreign keys are enforced.
    op.add_column(
        "sub_area",
        sa.Column("on_key_route", sa.Boolean(), nullable=False, server_default=sa.false()),
    )

    op.create_table(
        "report_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("base_name", sa.String(length=60), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_template")),
        sa.UniqueConstraint("name", name=op.f("uq_report_template_name")),
    )
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_name", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("compare", sa.Boolean(), nullable=False),
        sa.Column("narrative_json", sa.Text(), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("docx_path", sa.String(length=1000), nullable=False),
        sa.Column("annex_path", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_template_name"), ["template_name"])
        batch_op.create_index(batch_op.f("ix_report_created_at"), ["created_at"])

    legal_rule = sa.table(
        "legal_rule",
        sa.column("key", sa.String),
        sa.column("effective_from", sa.Date),
        sa.column("value", sa.Integer),
        sa.column("source", sa.String),
    )
    op.bulk_insert(
        legal_rule,
        [
            {"key": key, "effective_from": IN_FORCE, "value": value, "source": DECISION_28}
            for key, value in AREA_RULES
        ],
    )


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM legal_rule WHERE key LIKE 'area_%' AND source = :source").bindparams(
            source=DECISION_28
        )
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_created_at"))
        batch_op.drop_index(batch_op.f("ix_report_template_name"))
    op.drop_table("report")
    op.drop_table("report_template")
    op.drop_column("sub_area", "on_key_route")
