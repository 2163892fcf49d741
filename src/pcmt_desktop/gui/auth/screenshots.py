"""The login, the lock and the accounts' dialogs as the README shows them.

Factories of the shape ``gui/screenshots.py`` lists (services, parent → widget). Nothing
here logs in or writes: the fields are filled with invented values, for the picture.
"""

from PySide6.QtWidgets import QWidget

from pcmt_desktop.auth.login import LoginService
from pcmt_desktop.auth.passwords import fast_hasher_for_tests
from pcmt_desktop.auth.users import UserService
from pcmt_desktop.gui.auth.change_password_dialog import ChangePasswordDialog
from pcmt_desktop.gui.auth.first_admin_dialog import FirstAdministratorDialog
from pcmt_desktop.gui.auth.idle_dialog import IdleLockDialog
from pcmt_desktop.gui.auth.idle_settings import DEFAULT_MINUTES
from pcmt_desktop.gui.auth.lock_screen import LockScreen
from pcmt_desktop.gui.auth.login_dialog import LoginDialog
from pcmt_desktop.gui.auth.role_grid import RolePermissionsDialog
from pcmt_desktop.gui.auth.users_dialog import UsersDialog
from pcmt_desktop.services.registry import Services

# Typed into the pictures' password fields (shown as dots), never anyone's password.
PICTURE_PASSWORD = "Sơn Hà mùa lúa 2026"
PICTURE_USER = "quantri"

# No password is checked or hashed for a picture: the cheapest hasher will do.
_HASHER = fast_hasher_for_tests()


def _login(services: Services) -> LoginService:
    return LoginService(services.context, _HASHER)


def _users(services: Services) -> UserService:
    return UserService(services.context, _HASHER)


def login(services: Services, parent: QWidget) -> QWidget:
    office = services.office.office()
    return LoginDialog(
        _login(services),
        parent,
        office_name=office.name if office else None,
        user_name=services.context.actor.user_name or PICTURE_USER,
    )


def first_administrator(services: Services, parent: QWidget) -> QWidget:
    dialog = FirstAdministratorDialog(_login(services), parent)
    dialog.user_edit.setText(PICTURE_USER)
    dialog.display_edit.setText("Lê Minh Quản")
    dialog.password.first.setText(PICTURE_PASSWORD)
    dialog.password.second.setText(PICTURE_PASSWORD)
    return dialog


def change_password(services: Services, parent: QWidget) -> QWidget:
    name = services.context.actor.user_name or PICTURE_USER
    dialog = ChangePasswordDialog(_users(services), name, parent, forced=True)
    dialog.password.first.setText("ngắn")
    return dialog


def users(services: Services, parent: QWidget) -> QWidget:
    dialog = UsersDialog(_users(services), services.context.actor, services.context.now, parent)
    if dialog.accounts:
        dialog.table.selectRow(0)
    return dialog


def role_permissions(services: Services, parent: QWidget) -> QWidget:
    return RolePermissionsDialog(_users(services), parent)


def idle_time(services: Services, parent: QWidget) -> QWidget:
    return IdleLockDialog(DEFAULT_MINUTES, lambda _minutes: None, parent)


def lock_screen(services: Services, parent: QWidget) -> QWidget:
    return LockScreen(_login(services), services.context.actor, parent)
