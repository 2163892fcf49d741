"""Each role sees in the window exactly what it may do; what it may not is not offered."""

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from pcmt_desktop.auth.permissions import ALL_PERMISSIONS, Permission, PermissionDeniedError
from pcmt_desktop.auth.roles import DEFAULT_ROLES, RoleInfo, RoleKey
from pcmt_desktop.gui.auth.refusals import TITLE, refusal_hook
from pcmt_desktop.gui.auth.session import OfficerSession
from pcmt_desktop.gui.backup.workspace import Workspace
from pcmt_desktop.gui.main_window import MainWindow
from pcmt_desktop.gui.messages import show_refusal
from pcmt_desktop.gui.registries.persons.history import PersonHistoryDialog
from pcmt_desktop.services.persons import PersonInput
from tests.auth.support import ensure_administrator, officer, user_service
from tests.gui.auth.conftest import open_window
from tests.gui.auth.support import answer

pytestmark = pytest.mark.gui

# The window's actions that a role may lack, by the right they need.
GATED = {
    "Thông tin đơn vị và &địa bàn…": Permission.SETTINGS,
    "&Quy định pháp luật (thời hạn, mức phạt)…": Permission.LEGAL_RULES,
    "&Nhập dữ liệu từ Excel…": Permission.IMPORT,
    "&Xuất toàn bộ dữ liệu ra Excel…": Permission.EXPORT,
    "Lưu tệp &mẫu nhập liệu Excel…": Permission.IMPORT,
    "&Sao lưu ra tệp…": Permission.BACKUP_CREATE,
    "&Kiểm tra tệp sao lưu…": Permission.BACKUP_CREATE,
    "Khôi &phục từ tệp sao lưu…": Permission.RESTORE,
    "&Cài đặt sao lưu tự động…": Permission.SETTINGS,
    "Tổn&g hợp số liệu cấp dưới gửi lên…": Permission.REPORTS,
    "Tài khoản người &dùng…": Permission.USERS,
    "Thời gi&an tự khóa màn hình…": Permission.SETTINGS,
    "&Thêm mới…": Permission.RECORDS_EDIT,
    "X&óa bản ghi nhập nhầm…": Permission.RECORDS_EDIT,
    "Sửa thông tin đối tượng…": Permission.RECORDS_EDIT,
    "Đối tượng &trùng lặp (gộp hồ sơ)…": Permission.MERGE,
}
# Every logged-in officer has these.
OPEN_TO_ALL = ("Đổ&i mật khẩu…", "K&hóa màn hình", "Đăng x&uất", "&Thoát", "T&ìm kiếm")


def actions(window: MainWindow) -> dict[str, QAction]:
    found = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if not action.isSeparator():
                found[action.text()] = action
    return found


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(index) for index in range(window.tabs.count())]


@pytest.fixture
def window_for(
    qtbot: QtBot, workspace: Workspace, session: OfficerSession
) -> Callable[[str], MainWindow]:
    def build(role_key: str) -> MainWindow:
        context = workspace.services.context
        actor = (
            ensure_administrator(context)
            if role_key == RoleKey.ADMINISTRATOR
            else officer(context, role_key)
        )
        session.begin(actor)
        return open_window(qtbot, workspace)

    return build


@pytest.mark.parametrize("role", DEFAULT_ROLES, ids=lambda role: role.key)
def test_each_role_is_offered_exactly_its_actions(
    window_for: Callable[[str], MainWindow], role: RoleInfo
) -> None:
    allowed = role.permissions
    window = window_for(role.key)
    found = actions(window)

    for text, permission in GATED.items():
        action = found[text]
        assert action.isEnabled() == (permission in allowed), text
        if permission not in allowed:
            assert permission.label in action.toolTip()
    for text in OPEN_TO_ALL:
        assert found[text].isEnabled(), text
    assert ("Nhật ký" in tab_titles(window)) == (Permission.AUDIT_READ in allowed)
    reports = window.reports_tab
    assert reports.render_button.isVisibleTo(reports) == (Permission.REPORTS in allowed)
    assert reports.templates_button.isVisibleTo(reports) == (Permission.REPORTS in allowed)
    assert reports.preview_button.isVisibleTo(reports)  # the figures are for everyone


def test_data_entry_has_no_export_backup_restore_users_or_audit(
    window_for: Callable[[str], MainWindow],
) -> None:
    window = window_for(RoleKey.DATA_ENTRY)
    found = actions(window)
    for text in (
        "&Xuất toàn bộ dữ liệu ra Excel…",
        "&Sao lưu ra tệp…",
        "Khôi &phục từ tệp sao lưu…",
        "Tài khoản người &dùng…",
    ):
        assert not found[text].isEnabled()
    assert "Nhật ký" not in tab_titles(window)
    assert window.audit_tab is None
    assert found["&Nhập dữ liệu từ Excel…"].isEnabled()
    assert found["&Thêm mới…"].isEnabled()
    assert found["&Xuất toàn bộ dữ liệu ra Excel…"].toolTip() == (
        "Tài khoản “nhaplieu” không có quyền xuất dữ liệu ra tệp Excel."
    )


def test_a_leader_reports_exports_backs_up_and_reads_the_audit_but_no_users_or_restore(
    window_for: Callable[[str], MainWindow],
) -> None:
    window = window_for(RoleKey.LEADER)
    found = actions(window)
    for text in ("&Xuất toàn bộ dữ liệu ra Excel…", "&Sao lưu ra tệp…"):
        assert found[text].isEnabled()
    assert window.audit_tab is not None
    assert "Nhật ký" in tab_titles(window)
    assert window.reports_tab.render_button.isVisibleTo(window.reports_tab)
    assert not found["Tài khoản người &dùng…"].isEnabled()
    assert not found["Khôi &phục từ tệp sao lưu…"].isEnabled()


def test_the_administrator_has_everything(window_for: Callable[[str], MainWindow]) -> None:
    window = window_for(RoleKey.ADMINISTRATOR)
    assert window.actor.permissions == ALL_PERMISSIONS
    assert all(action.isEnabled() for action in actions(window).values())
    assert tab_titles(window)[-1] == "Nhật ký"


def test_a_role_without_record_editing_reads_records_without_edit_buttons(
    qtbot: QtBot, workspace: Workspace, session: OfficerSession
) -> None:
    context = workspace.services.context
    context.actor = ensure_administrator(context)
    person_id = workspace.services.persons.add(PersonInput("Đinh Thị Hoa", birth_year=1991)).id
    reading_only = frozenset({Permission.EXPORT})
    user_service(context).set_role_permissions(RoleKey.DATA_ENTRY, reading_only)
    session.begin(officer(context, RoleKey.DATA_ENTRY))
    window = open_window(qtbot, workspace)

    tab = window.persons_tab
    for button in (tab.add_button, tab.edit_button, tab.delete_button):
        assert not button.isVisibleTo(tab)
    assert tab.open_button.isVisibleTo(tab)
    # Nor is the Delete key bound on any registry table (Enter still opens).
    delete = QKeySequence(QKeySequence.StandardKey.Delete)
    for registry in (tab, window.drug_tests_tab):
        keys = [shortcut.key() for shortcut in registry.table.findChildren(QShortcut)]
        assert delete not in keys and QKeySequence(Qt.Key.Key_Return) in keys
    record = PersonHistoryDialog(workspace.services, person_id, window)
    qtbot.addWidget(record)
    assert not record.edit_button.isVisibleTo(record)
    for section in record.sections.values():
        assert not section.add_button.isVisibleTo(section)
        assert not section.delete_button.isVisibleTo(section)
    assert record.name_label.text() == "Đinh Thị Hoa"


def test_a_refusal_that_slips_through_is_shown_in_vietnamese(qtbot: QtBot) -> None:
    passed_on: list[BaseException] = []
    hook = refusal_hook(lambda _kind, error, _trace: passed_on.append(error))
    shown = answer(QMessageBox.StandardButton.Ok)
    error = PermissionDeniedError("nhaplieu", Permission.RESTORE)

    hook(PermissionDeniedError, error, None)
    other = ValueError("không phải từ chối")
    hook(ValueError, other, None)

    assert shown == ["Tài khoản “nhaplieu” không có quyền khôi phục dữ liệu từ tệp sao lưu."]
    assert passed_on == [other]
    assert TITLE == "Không có quyền"


def test_a_dialog_shows_a_services_refusal_as_a_warning_not_a_failure(qtbot: QtBot) -> None:
    shown = answer(QMessageBox.StandardButton.Ok)
    show_refusal(None, "Không lưu được", PermissionDeniedError("lanhdao", Permission.USERS))
    assert shown == ["Tài khoản “lanhdao” không có quyền quản lý tài khoản người dùng và vai trò."]
