"""Each role may do what it should in the services, and nothing else.

Every write method checks its permission before it writes; the first test finds every
write method by its source (one that opens a unit of work or takes the caller's session),
so a new one without a check does not go unnoticed.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import pcmt_desktop.services
from pcmt_desktop.auth.permissions import ALL_PERMISSIONS, Permission, PermissionDeniedError
from pcmt_desktop.auth.roles import RoleKey
from pcmt_desktop.auth.users import UserService
from pcmt_desktop.domain.vocabulary import ManagementList
from pcmt_desktop.interchange.export import export_workbook
from pcmt_desktop.interchange.importer import ImportPlan, apply_import
from pcmt_desktop.reports.kept_reports import KeptReports
from pcmt_desktop.reports.office_templates import OfficeTemplates
from pcmt_desktop.reports.report_service import ReportRequest, ReportService
from pcmt_desktop.reports.template_catalog import template_path
from pcmt_desktop.services.audit import all_entries
from pcmt_desktop.services.audit_chain import verify_chain
from pcmt_desktop.services.changes import Changes
from pcmt_desktop.services.context import Actor
from pcmt_desktop.services.histories import HistoryInput
from pcmt_desktop.services.history_kinds import HistoryKind
from pcmt_desktop.services.legal import RuleKey
from pcmt_desktop.services.office import OfficeInfo
from pcmt_desktop.services.persons import PersonInput
from pcmt_desktop.services.registry import Services
from tests.auth.support import HASHER, officer
from tests.services.support import dump

N: Any = None  # never looked at: the permission is checked first
D = date(2026, 1, 1)

Call = Callable[[Services], object]


def _kept(services: Services) -> KeptReports:
    return KeptReports(services.context)


def _templates(services: Services) -> OfficeTemplates:
    return OfficeTemplates(services.context)


def _users(services: Services) -> UserService:
    return UserService(services.context, HASHER)


R, S = Permission.RECORDS_EDIT, Permission.SETTINGS
WRITES: dict[str, tuple[Permission, Call]] = {
    "PersonService.add": (R, lambda s: s.persons.add(N)),
    "PersonService.edit": (R, lambda s: s.persons.edit(1, N)),
    "PersonService.delete": (R, lambda s: s.persons.delete(1)),
    "HistoryService.add": (R, lambda s: s.histories.add(N, 1, N)),
    "HistoryService.add_in": (R, lambda s: s.histories.add_in(N, N, 1, N)),
    "HistoryService.correct": (R, lambda s: s.histories.correct(N, 1, N)),
    "HistoryService.end": (R, lambda s: s.histories.end(N, 1, D)),
    "HistoryService.end_in": (R, lambda s: s.histories.end_in(N, N, 1, D)),
    "HistoryService.delete": (R, lambda s: s.histories.delete(N, 1)),
    "HistoryService.move": (R, lambda s: s.histories.move(1, N, D)),
    "HistoryService.move_in": (R, lambda s: s.histories.move_in(N, 1, N, D)),
    "DrugTestService.add": (R, lambda s: s.drug_tests.add(N)),
    "DrugTestService.edit": (R, lambda s: s.drug_tests.edit(1, N)),
    "DrugTestService.delete": (R, lambda s: s.drug_tests.delete(1)),
    "DrugTestService.move_after_positive": (R, lambda s: s.drug_tests.move_after_positive(1)),
    "DossierService.open_dossier": (R, lambda s: s.dossiers.open_dossier(1, D, D)),
    "DossierService.update_dossier": (R, lambda s: s.dossiers.update_dossier(1, D)),
    "DossierService.delete_dossier": (R, lambda s: s.dossiers.delete_dossier(1)),
    "DossierService.add_step": (R, lambda s: s.dossiers.add_step(1, N, D)),
    "DossierService.correct_step": (R, lambda s: s.dossiers.correct_step(1, D)),
    "DossierService.delete_step": (R, lambda s: s.dossiers.delete_step(1)),
    "DossierService.move_to_post_rehab": (R, lambda s: s.dossiers.move_to_post_rehab(1)),
    "HotspotService.add": (R, lambda s: s.hotspots.add(N)),
    "HotspotService.edit": (R, lambda s: s.hotspots.edit(1, N)),
    "HotspotService.delete": (R, lambda s: s.hotspots.delete(1)),
    "HotspotService.add_status": (R, lambda s: s.hotspots.add_status(1, N, D)),
    "HotspotService.delete_status": (R, lambda s: s.hotspots.delete_status(1)),
    "HotspotService.link_seller": (R, lambda s: s.hotspots.link_seller(1, 1, D)),
    "HotspotService.end_seller": (R, lambda s: s.hotspots.end_seller(1, D)),
    "HotspotService.unlink": (R, lambda s: s.hotspots.unlink(1)),
    "HotspotService.delete_seller": (R, lambda s: s.hotspots.delete_seller(1)),
    "PlantSeizureService.add": (R, lambda s: s.plant_seizures.add(N)),
    "PlantSeizureService.edit": (R, lambda s: s.plant_seizures.edit(1, N)),
    "PlantSeizureService.delete": (R, lambda s: s.plant_seizures.delete(1)),
    "CaseService.add": (R, lambda s: s.cases.add(N)),
    "CaseService.edit": (R, lambda s: s.cases.edit(1, N)),
    "CaseService.delete": (R, lambda s: s.cases.delete(1)),
    "TargetService.add_phase": (R, lambda s: s.targets.add_phase(N)),
    "TargetService.edit_phase": (R, lambda s: s.targets.edit_phase(1, N)),
    "TargetService.delete_phase": (R, lambda s: s.targets.delete_phase(1)),
    "TargetService.set_targets": (R, lambda s: s.targets.set_targets(1, {})),
    "DeadlineService.end_due_stays": (R, lambda s: s.deadlines.end_due_stays([1])),
    "OfficeService.set_up": (S, lambda s: s.office.set_up(N, [])),
    "OfficeService.update_office": (S, lambda s: s.office.update_office(N)),
    "OfficeService.save_settings": (S, lambda s: s.office.save_settings(N, [])),
    "OfficeService.set_key_route": (S, lambda s: s.office.set_key_route(1, True)),
    "OfficeService.add_sub_area": (S, lambda s: s.office.add_sub_area(N)),
    "OfficeService.update_sub_area": (S, lambda s: s.office.update_sub_area(1, N)),
    "OfficeService.remove_sub_area": (S, lambda s: s.office.remove_sub_area(1)),
    "LegalRules.add_rule": (Permission.LEGAL_RULES, lambda s: s.legal.add_rule(N, D, 1, "")),
    "DuplicateService.merge": (Permission.MERGE, lambda s: s.duplicates.merge(1, 2)),
    "apply_import": (Permission.IMPORT, lambda s: apply_import(s, ImportPlan(Path("x.xlsx")))),
    "KeptReports.keep": (
        Permission.REPORTS,
        lambda s: _kept(s).keep(
            template_name=N,
            title=N,
            date_from=D,
            date_to=D,
            compare=False,
            narrative={},
            figures={},
            docx_path="",
            annex_path="",
        ),
    ),
    "KeptReports.delete": (Permission.REPORTS, lambda s: _kept(s).delete(1)),
    "OfficeTemplates.register": (
        Permission.REPORTS,
        lambda s: _templates(s).register("so-ket-xa", "Mẫu", "so-ket", template_path("so-ket")),
    ),
    "OfficeTemplates.remove": (Permission.REPORTS, lambda s: _templates(s).remove("so-ket-xa")),
    "UserService.add_user": (Permission.USERS, lambda s: _users(s).add_user(N, N, N, N)),
    "UserService.update_user": (Permission.USERS, lambda s: _users(s).update_user(N, N, N)),
    "UserService.set_active": (Permission.USERS, lambda s: _users(s).set_active(N, False)),
    "UserService.reset_password": (Permission.USERS, lambda s: _users(s).reset_password(N, N)),
    "UserService.unlock": (Permission.USERS, lambda s: _users(s).unlock(N)),
    "UserService.set_role_permissions": (
        Permission.USERS,
        lambda s: _users(s).set_role_permissions("nhap_lieu", []),
    ),
}

# Writes every logged-in officer may make: their own password, their own logins.
OPEN_WRITES = {"UserService.change_own_password"}
# Writes made through another service's write method (found by name, not by source).
DELEGATING = {"DrugTestService.move_after_positive"}
WRITING_MODULES = (
    "pcmt_desktop.reports.kept_reports",
    "pcmt_desktop.reports.office_templates",
    "pcmt_desktop.auth.users",
)


def _write_methods() -> set[str]:
    """Every public method of the services that opens a transaction or joins one."""
    names = [
        f"pcmt_desktop.services.{module.name}"
        for module in pkgutil.iter_modules(pcmt_desktop.services.__path__)
    ]
    found = set()
    for name in (*names, *WRITING_MODULES):
        module = importlib.import_module(name)
        for class_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name:
                continue
            for method_name, method in vars(cls).items():
                if method_name.startswith("_") or not inspect.isfunction(method):
                    continue
                source = inspect.getsource(method)
                joins = "session" in inspect.signature(method).parameters
                if "unit_of_work()" in source or joins:
                    found.add(f"{class_name}.{method_name}")
    return found


def test_every_write_method_is_in_the_table() -> None:
    assert (_write_methods() | DELEGATING) - OPEN_WRITES == set(WRITES) - {"apply_import"}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_every_write_is_refused_without_its_permission_before_anything_happens(
    services: Services, name: str
) -> None:
    permission, call = WRITES[name]
    services.context.actor = Actor(
        "khongquyen", "Lò Văn Thiếu", "tu_dat", ALL_PERMISSIONS - {permission}
    )
    published: list[Changes] = []
    services.context.bus.subscribe(published.append)
    before = dump(services)
    with pytest.raises(PermissionDeniedError) as refused:
        call(services)
    assert refused.value.permission == permission
    assert str(refused.value) == f"Tài khoản “khongquyen” không có quyền {permission.label}."
    assert dump(services) == before
    assert published == []


def _person(services: Services, name: str = "Lò Văn An") -> int:
    return services.persons.add(PersonInput(name, birth_year=1990)).id


def _render(services: Services, folder: Path) -> Path:
    docx = folder / "bao-cao.docx"
    request = ReportRequest("so-ket", date(2025, 12, 15), date(2026, 11, 14), False, {})
    ReportService(services.context).render(request, docx, folder / "phu-luc.xlsx")
    return docx


def test_data_entry_enters_records_but_cannot_finalise_administer_or_restore(
    services: Services, tmp_path: Path
) -> None:
    _render(services, tmp_path)  # by the local administrator, for the delete below
    kept = _kept(services).all()[0]
    services.context.actor = officer(services.context, RoleKey.DATA_ENTRY, "nhaplieu")

    person_id = _person(services)
    services.histories.add(
        HistoryKind.LIST,
        person_id,
        HistoryInput(D, None, {"list_key": ManagementList.USER.value, "start_reason": "Mới"}),
    )
    assert all_entries(services.context, limit=1)[0].user_name == "nhaplieu"

    refusals: dict[Permission, Callable[[], object]] = {
        Permission.USERS: lambda: _users(services).add_user(
            "canbo9", "Hà Văn Chín", RoleKey.ADMINISTRATOR, "Mùa đông 2026!"
        ),
        Permission.REPORTS: lambda: _kept(services).delete(kept.id),
        Permission.SETTINGS: lambda: services.office.set_key_route(1, True),
        Permission.LEGAL_RULES: lambda: services.legal.add_rule(
            RuleKey.SU_DUNG_MANAGEMENT_MONTHS, D, 6, "Nghị định thử"
        ),
        Permission.AUDIT_READ: lambda: verify_chain(services.context),
    }
    for permission, call in refusals.items():
        with pytest.raises(PermissionDeniedError) as refused:
            call()
        assert str(refused.value) == f"Tài khoản “nhaplieu” không có quyền {permission.label}."
    for permission in (Permission.RESTORE, Permission.EXPORT, Permission.BACKUP_CREATE):
        with pytest.raises(PermissionDeniedError):
            services.context.require(permission)
    assert [report.id for report in _kept(services).all()] == [kept.id]
    assert [user.user_name for user in _users(services).users()] == ["nhaplieu", "quantri1"]

    folder = tmp_path / "nhap-lieu"
    folder.mkdir()
    with pytest.raises(PermissionDeniedError):
        _render(services, folder)
    assert list(folder.iterdir()) == []  # the document written first is removed again
    assert len(_kept(services).all()) == 1


def test_a_leader_renders_reports_exports_and_reads_the_audit(
    services: Services, tmp_path: Path
) -> None:
    services.context.actor = officer(services.context, RoleKey.LEADER, "lanhdao")
    _person(services)
    assert _render(services, tmp_path).is_file()
    kept = _kept(services).all()
    assert [report.created_by for report in kept] == ["lanhdao"]
    for permission in (Permission.EXPORT, Permission.BACKUP_CREATE, Permission.AUDIT_READ):
        services.context.require(permission)
    export_workbook(services, tmp_path / "du-lieu.xlsx")
    assert verify_chain(services.context).ok
    _kept(services).delete(kept[0].id)
    for permission in (Permission.USERS, Permission.RESTORE, Permission.SETTINGS):
        with pytest.raises(PermissionDeniedError):
            services.context.require(permission)
    with pytest.raises(PermissionDeniedError):
        services.office.update_office(OfficeInfo("Công an xã Khác", "Xã", "", "thôn", ""))


def test_an_administrator_may_do_everything(services: Services) -> None:
    actor = officer(services.context, RoleKey.ADMINISTRATOR, "quantri")
    assert actor.permissions == ALL_PERMISSIONS
    services.context.actor = actor
    for permission in Permission:
        services.context.require(permission)
    _users(services).add_user("canbo9", "Hà Văn Chín", RoleKey.DATA_ENTRY, "Mùa đông 2026!")
    services.office.set_key_route(services.office.sub_areas()[0].id, True)
    services.legal.add_rule(
        RuleKey.SU_DUNG_MANAGEMENT_MONTHS, date(2027, 1, 1), 12, "Nghị định thử"
    )
