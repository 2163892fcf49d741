"""users, roles as data, and the hash chain over the audit trail

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 12:00:00
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The roles a database starts with (auth.roles.DEFAULT_ROLES; a test keeps both equal).
DATA_ENTRY = ["records_edit", "merge", "import"]
LEADER = [*DATA_ENTRY, "reports", "export", "backup_create", "audit_read"]
ADMINISTRATOR = [*LEADER, "restore", "users", "settings", "legal_rules"]
ROLES = [
    ("nhap_lieu", "Nhập liệu", DATA_ENTRY),
    ("lanh_dao", "Lãnh đạo", LEADER),
    ("quan_tri", "Quản trị", ADMINISTRATOR),
]

# A frozen copy of services.audit_chain's rule at this revision: the rows written before
# it are chained exactly as the program chains new ones.
GENESIS_HASH = "0" * 64
CHAINED_COLUMNS = (
    "id",
    "at",
    "user_name",
    "action",
    "entity",
    "entity_id",
    "person_id",
    "summary",
    "before_json",
    "after_json",
)
BATCH = 1000


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row_hash(content: Mapping[Any, Any], prev_hash: str) -> str:
    payload = {column: _plain(content[column]) for column in CHAINED_COLUMNS}
    payload["prev_hash"] = prev_hash
    text = json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def upgrade() -> None:
    role = op.create_table(
        "role",
        sa.Column("key", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_role")),
    )
    role_permission = op.create_table(
        "role_permission",
        sa.Column("role_key", sa.String(length=30), nullable=False),
        sa.Column("permission", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_key"],
            ["role.key"],
            name=op.f("fk_role_permission_role_key_role"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("role_key", "permission", name=op.f("pk_role_permission")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role_key", sa.String(length=30), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["role_key"], ["role.key"], name=op.f("fk_app_user_role_key_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("user_name", name=op.f("uq_app_user_user_name")),
    )
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_app_user_role_key"), ["role_key"])
    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )

    op.bulk_insert(role, [{"key": key, "name": name} for key, name, _ in ROLES])
    op.bulk_insert(
        role_permission,
        [
            {"role_key": key, "permission": permission}
            for key, _, permissions in ROLES
            for permission in permissions
        ],
    )

    # Plain ADD COLUMN (as in 0003), filled, then left as they are: every row the
    # program writes from now on sets both.
    op.add_column(
        "audit_entry",
        sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default=""),
    )
    op.add_column(
        "audit_entry",
        sa.Column("row_hash", sa.String(length=64), nullable=False, server_default=""),
    )
    _chain_existing_rows(head)


def _chain_existing_rows(head: sa.Table) -> None:
    """Chain the rows written before this revision, in id order, and record the end."""
    audit_entry = sa.table(
        "audit_entry",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("user_name", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("person_id", sa.Integer),
        sa.column("summary", sa.Text),
        sa.column("before_json", sa.Text),
        sa.column("after_json", sa.Text),
        sa.column("prev_hash", sa.String),
        sa.column("row_hash", sa.String),
    )
    connection = op.get_bind()
    columns = [audit_entry.c[name] for name in CHAINED_COLUMNS]
    prev_hash = GENESIS_HASH
    last_id = 0
    while True:
        rows = (
            connection.execute(
                sa.select(*columns)
                .where(audit_entry.c.id > last_id)
                .order_by(audit_entry.c.id)
                .limit(BATCH)
            )
            .mappings()
            .all()
        )
        if not rows:
            break
        updates = []
        for row in rows:
            digest = _row_hash(row, prev_hash)
            updates.append({"row_id": row["id"], "prev": prev_hash, "digest": digest})
            prev_hash, last_id = digest, row["id"]
        connection.execute(
            audit_entry.update()
            .where(audit_entry.c.id == sa.bindparam("row_id"))
            .values(prev_hash=sa.bindparam("prev"), row_hash=sa.bindparam("digest")),
            updates,
        )
    if last_id:
        connection.execute(head.insert().values(id=1, last_id=last_id, last_hash=prev_hash))


def downgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_app_user_role_key"))
    op.drop_table("app_user")
    op.drop_table("role_permission")
    op.drop_table("role")
