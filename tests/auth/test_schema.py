"""Migration 0004: the seeded roles are the program's defaults; it can be undone and redone."""

from alembic import command
from sqlalchemy import inspect, select

from pcmt_desktop.auth.permissions import ALL_PERMISSIONS, Permission
from pcmt_desktop.auth.roles import DEFAULT_ROLES, RoleKey
from pcmt_desktop.services.audit import all_entries
from pcmt_desktop.services.audit_chain import verify_chain
from pcmt_desktop.services.context import LOCAL_ADMINISTRATOR, NOBODY, ServiceContext
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from pcmt_desktop.store.database import Database
from pcmt_desktop.store.migrate import alembic_config
from pcmt_desktop.store.models import RolePermission
from tests.auth.support import user_service


def test_a_new_database_starts_with_the_default_roles(context: ServiceContext) -> None:
    assert user_service(context).roles() == sorted(DEFAULT_ROLES, key=lambda role: role.key)
    with context.reading() as session:
        stored = set(session.scalars(select(RolePermission.permission)))
    assert stored <= {permission.value for permission in Permission}


def test_the_roles_nest_as_the_issue_says() -> None:
    roles = {role.key: role for role in DEFAULT_ROLES}
    data_entry = roles[RoleKey.DATA_ENTRY].permissions
    leader = roles[RoleKey.LEADER].permissions
    assert data_entry < leader < roles[RoleKey.ADMINISTRATOR].permissions == ALL_PERMISSIONS
    assert {Permission.REPORTS, Permission.EXPORT, Permission.BACKUP_CREATE} <= leader
    assert not {Permission.USERS, Permission.RESTORE, Permission.SETTINGS} & leader
    assert [role.name for role in DEFAULT_ROLES] == ["Nhập liệu", "Lãnh đạo", "Quản trị"]


def test_every_permission_reads_after_khong_co_quyen() -> None:
    for permission in Permission:
        assert permission.label and permission.label == permission.label.strip()
        assert permission.label[0].islower()
    assert LOCAL_ADMINISTRATOR.permissions == ALL_PERMISSIONS
    assert NOBODY.permissions == frozenset()


def test_the_revision_is_undone_and_redone_with_the_audit_rows_kept(
    database: Database, services: Services
) -> None:
    services.persons.add(PersonInput("Lò Văn Nhập"))
    written = len(all_entries(services.context))
    assert written > 1
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
    tables = set(inspect(database.engine).get_table_names())
    assert not {"role", "role_permission", "app_user", "audit_chain_head"} & tables
    columns = {column["name"] for column in inspect(database.engine).get_columns("audit_entry")}
    assert not {"prev_hash", "row_hash"} & columns
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    report = verify_chain(services.context)
    assert (report.ok, report.checked) == (True, written)
